-- acquire: one atomic admission decision (docs/store-contract.md, "acquire").
-- ARGV: prefix, user, client ("" for none), reserve_tokens, reserve_gpu_ms, lease_ttl_ms, gateway_id
local P = ARGV[1]
local user, client = ARGV[2], ARGV[3]

-- Lua numbers are doubles; redis.call would format big ones as %.14g and lose digits, so every
-- number sent to Redis or stored in JSON goes through I().
local function I(x)
    return string.format('%.0f', x)
end
-- Values in messages come from callers and from keys anyone may have written: never echo megabytes.
local function shown(v)
    local text = tostring(v)
    if #text > 64 then
        return string.sub(text, 1, 64) .. '… (' .. #text .. ' bytes)'
    end
    return text
end
local function fail(code, msg)
    return cjson.encode({ admitted = false, error = msg, code = code })
end
local function uint(s)
    if type(s) ~= 'string' or not string.match(s, '^%d+$') or #s > 15 then
        return nil
    end
    return tonumber(s)
end

if type(P) ~= 'string' or P == '' then
    return fail('bad_argument', 'ARGV[1] (prefix) is empty')
end
if type(user) ~= 'string' or not string.match(user, '^user:[^%s]+$') then
    return fail('bad_argument', 'ARGV[2] (user) must look like user:<name>, got ' .. shown(user))
end
if type(client) ~= 'string' or (client ~= '' and not string.match(client, '^client:[^%s]+$')) then
    return fail('bad_argument', 'ARGV[3] (client) must be empty or client:<name>, got ' .. shown(client))
end
local needTokens, needGpu, ttl = uint(ARGV[4]), uint(ARGV[5]), uint(ARGV[6])
local gateway = ARGV[7]
if not needTokens then
    return fail('bad_argument', 'ARGV[4] (reserve_tokens) must be an integer >= 0, got ' .. shown(ARGV[4]))
end
if not needGpu then
    return fail('bad_argument', 'ARGV[5] (reserve_gpu_ms) must be an integer >= 0, got ' .. shown(ARGV[5]))
end
if not ttl or ttl <= 0 then
    return fail('bad_argument', 'ARGV[6] (lease_ttl_ms) must be an integer > 0, got ' .. shown(ARGV[6]))
end
if type(gateway) ~= 'string' or gateway == '' then
    return fail('bad_argument', 'ARGV[7] (gateway_id) is empty')
end

local offsetRaw = redis.call('GET', P .. 'clock:offset_ms')
local offset = 0
if offsetRaw then
    offset = tonumber(offsetRaw)
    if not offset or offset ~= math.floor(offset) then
        return fail('bad_data', P .. 'clock:offset_ms holds ' .. shown(offsetRaw) .. ', not an integer')
    end
end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000) + offset

-- Policy ------------------------------------------------------------------------------------------
local CP = P .. 'policy:compiled'
local function field(name)
    local raw = redis.call('HGET', CP, name)
    if not raw then
        return nil
    end
    local ok, v = pcall(cjson.decode, raw)
    if not ok or type(v) ~= 'table' then
        error({ bad = CP .. ' field ' .. name .. ': not a JSON object' })
    end
    return v
end

local WINDOW_MS = { second = 1000, minute = 60000, hour = 3600000 }
local CALENDAR = { day = true, month = true }
local METRICS = { requests = true, tokens = true, gpu_seconds = true, concurrency = true }

-- A number that is neither NaN nor infinite (cjson decodes 1e999 as inf): counters and TTLs need integers.
local function finite(x)
    return type(x) == 'number' and x == x and x > -math.huge and x < math.huge
end

local function checkLimits(list, where)
    if list == nil then
        return {}
    end
    if type(list) ~= 'table' then
        error({ bad = CP .. ' field ' .. where .. ': limits is not a list' })
    end
    -- An object here would read as no limits at all, silently lifting them.
    for k in pairs(list) do
        if type(k) ~= 'number' then
            error({ bad = CP .. ' field ' .. where .. ': limits is not a list' })
        end
    end
    for i, L in ipairs(list) do
        local at = CP .. ' field ' .. where .. ': limits[' .. (i - 1) .. ']'
        if type(L) ~= 'table' or not METRICS[L.metric] then
            error({ bad = at .. '.metric is not one of requests, tokens, gpu_seconds, concurrency' })
        end
        if L.metric == 'concurrency' then
            if L.window ~= nil and L.window ~= cjson.null then
                error({ bad = at .. '.window must be absent for concurrency' })
            end
        elseif not (WINDOW_MS[L.window] or CALENDAR[L.window]) then
            error({ bad = at .. '.window ' .. shown(L.window) ..
                ' is not second, minute, hour, day or month' })
        end
        if not finite(L.limit) or L.limit < 0 then
            error({ bad = at .. '.limit must be a finite number >= 0' })
        end
        if L.burst ~= nil and (not finite(L.burst) or L.burst < 0) then
            error({ bad = at .. '.burst must be a finite number >= 0' })
        end
        if L.expires_at ~= nil and not finite(L.expires_at) then
            error({ bad = at .. '.expires_at must be a number (ms)' })
        end
    end
    return list
end

-- Effective limits of a subject: its tier's, replaced by live overrides with the same metric+window.
local function subjectLimits(tierLimits, overrides)
    local byKey, order = {}, {}
    for _, L in ipairs(tierLimits) do
        local k = L.metric .. ':' .. tostring(L.window)
        if not byKey[k] then
            order[#order + 1] = k
        end
        byKey[k] = L
    end
    for _, L in ipairs(overrides) do
        if L.expires_at == nil or L.expires_at > now then
            local k = L.metric .. ':' .. tostring(L.window)
            if not byKey[k] then
                order[#order + 1] = k
            end
            byKey[k] = L
        end
    end
    local out = {}
    for _, k in ipairs(order) do
        out[#out + 1] = byKey[k]
    end
    return out
end

local function loadFactor(tier)
    local raw = redis.call('HGET', P .. 'load', tier)
    if not raw then
        return 1
    end
    local ok, v = pcall(cjson.decode, raw)
    if not ok or type(v) ~= 'table' or type(v.factor) ~= 'number' or v.factor < 0 then
        error({ data = P .. 'load field ' .. tier .. ': not a JSON object with a number factor >= 0' })
    end
    if type(v['until']) == 'number' and v['until'] <= now then
        return 1
    end
    return v.factor
end

local function scaled(x, factor)
    -- The epsilon keeps e.g. 100 * 0.29 = 28.999999999999996 from losing a whole unit.
    return math.floor(x * factor + 1e-9)
end

local meta, checks, groups, attributes, userTier, clientTier, factors
local resolved, resolveErr = pcall(function()
    meta = field('meta')
    if not meta then
        return
    end
    if not finite(meta.version) then
        error({ bad = CP .. ' field meta: version is not a number' })
    end
    if meta.tz ~= nil and type(meta.tz) ~= 'table' then
        error({ bad = CP .. ' field meta: tz is not a list' })
    end
    for i, e in ipairs(meta.tz or {}) do
        if type(e) ~= 'table' or not finite(e[1]) or not finite(e[2]) or math.abs(e[2]) > 86400 then
            error({ bad = CP .. ' field meta: tz[' .. (i - 1) .. '] is not [from_ms, offset_s]' })
        end
    end
    checks = {}
    local function addSubject(id)
        local s = field('subject:' .. id) or {}
        local tier = s.tier
        if tier == nil then
            tier = meta.default_tier
        end
        if type(tier) ~= 'string' then
            error({ bad = CP .. ' field subject:' .. id ..
                ': no tier and meta.default_tier is not a string' })
        end
        local t = field('tier:' .. tier)
        if not t then
            error({ bad = CP .. ' has no field tier:' .. tier .. ' (the tier of ' .. id .. ')' })
        end
        local factor = loadFactor(tier)
        local limits = subjectLimits(checkLimits(t.limits, 'tier:' .. tier),
            checkLimits(s.limits, 'subject:' .. id))
        for _, L in ipairs(limits) do
            checks[#checks + 1] = {
                entity = id, metric = L.metric, window = L.window,
                limit = scaled(L.limit, factor), burst = scaled(L.burst or 0, factor)
            }
        end
        return s, tier, t, factor
    end
    local s, t
    s, userTier, t, factors = addSubject(user)
    attributes = t.attributes
    factors = { user = factors }
    if client ~= '' then
        local _, ct, _, cf = addSubject(client)
        clientTier, factors.client = ct, cf
    end
    -- Groups are pooled, so the load factor does not apply to them.
    groups = {}
    local g = s.group
    while g ~= nil and g ~= cjson.null do
        if type(g) ~= 'string' then
            error({ bad = CP .. ': a group reference in the chain of ' .. user .. ' is not a string' })
        end
        if #groups >= 16 then
            error({ bad = CP .. ' field group:' .. g .. ': group chain of ' .. user ..
                ' is deeper than 16 levels (a parent cycle?)' })
        end
        local G = field('group:' .. g)
        if not G then
            error({ bad = CP .. ' has no field group:' .. g .. ' (in the group chain of ' .. user .. ')' })
        end
        groups[#groups + 1] = g
        for _, L in ipairs(checkLimits(G.limits, 'group:' .. g)) do
            checks[#checks + 1] = {
                entity = 'group:' .. g, metric = L.metric, window = L.window,
                limit = math.floor(L.limit), burst = math.floor(L.burst or 0)
            }
        end
        g = G.parent
    end
end)
if not resolved then
    if type(resolveErr) == 'table' and resolveErr.bad then
        return fail('bad_policy', resolveErr.bad)
    elseif type(resolveErr) == 'table' and resolveErr.data then
        return fail('bad_data', resolveErr.data)
    end
    error(resolveErr)
end
if not meta then
    return cjson.encode({ admitted = false, code = 'no_policy', error = 'no policy is published (' .. CP ..
        ' has no meta field)' })
end
local version = meta.version

-- Calendar periods ---------------------------------------------------------------------------------
local DAY = 86400000
local function tzOffsetMs(t)
    local off = 0
    for _, e in ipairs(meta.tz or {}) do
        if e[1] > t then
            break
        end
        off = e[2] * 1000
    end
    return off
end
-- Local civil time -> UTC, re-checking the offset in force at the result (exact across DST changes).
local function localToUtc(localMs)
    local utc = localMs - tzOffsetMs(localMs)
    return localMs - tzOffsetMs(utc)
end
local function daysFromCivil(y, m, d)
    if m <= 2 then
        y = y - 1
    end
    local era = math.floor(y / 400)
    local yoe = y - era * 400
    local mp = (m > 2) and (m - 3) or (m + 9)
    local doy = math.floor((153 * mp + 2) / 5) + d - 1
    local doe = yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy
    return era * 146097 + doe - 719468
end
local function civilFromDays(z)
    z = z + 719468
    local era = math.floor(z / 146097)
    local doe = z - era * 146097
    local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524)
        - math.floor(doe / 146096)) / 365)
    local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
    local mp = math.floor((5 * doy + 2) / 153)
    local d = doy - math.floor((153 * mp + 2) / 5) + 1
    local m = (mp < 10) and (mp + 3) or (mp - 9)
    local y = yoe + era * 400
    if m <= 2 then
        y = y + 1
    end
    return y, m, d
end
local periods = {}
do
    local localNow = now + tzOffsetMs(now)
    local day = math.floor(localNow / DAY)
    periods.day = { localToUtc(day * DAY), localToUtc((day + 1) * DAY) }
    local y, m = civilFromDays(day)
    local ny, nm = y, m + 1
    if nm > 12 then
        ny, nm = y + 1, 1
    end
    periods.month = { localToUtc(daysFromCivil(y, m, 1) * DAY), localToUtc(daysFromCivil(ny, nm, 1) * DAY) }
    local minute = now - now % 60000
    periods.minute = { minute, minute + 60000 }
end

-- Check every limit without writing ---------------------------------------------------------------
local function needOf(metric)
    if metric == 'tokens' then
        return needTokens
    elseif metric == 'gpu_seconds' then
        return needGpu
    end
    return 1
end

local deniedBy, retryAfter
for _, c in ipairs(checks) do
    local need = needOf(c.metric)
    local ok, retry
    if c.metric == 'concurrency' then
        c.key = P .. 'conc:' .. c.entity
        -- Forgetting dead leases is allowed even on denial: it changes no live usage.
        redis.call('ZREMRANGEBYSCORE', c.key, '-inf', '(' .. I(now))
        c.used = redis.call('ZCARD', c.key)
        c.remaining = c.limit - c.used
        ok = c.used < c.limit
        if not ok then
            if c.limit <= 0 then
                retry = -1
            else
                local first = redis.call('ZRANGE', c.key, 0, 0, 'WITHSCORES')
                retry = math.max(0, tonumber(first[2]) - now) / 1000
            end
        end
    elseif WINDOW_MS[c.window] then
        -- Token bucket in units of 1/W token (W = window ms): refill is elapsed_ms * limit units, an
        -- exact integer, so no token is ever lost to rounding.
        local W = WINDOW_MS[c.window]
        c.key = P .. 'tb:' .. c.entity .. ':' .. c.metric .. ':' .. c.window
        c.W, c.cap = W, (c.limit + c.burst) * W
        local st = redis.call('HMGET', c.key, 't', 'ts')
        local t = c.cap
        if st[1] then
            local t0, ts = tonumber(st[1]), tonumber(st[2])
            if not t0 or not ts then
                return fail('bad_data', c.key .. ' has non-numeric t or ts')
            end
            t = math.min(c.cap, t0 + math.max(0, now - ts) * c.limit)
        end
        c.t = t
        c.remaining = math.floor(t / W)
        c.used = c.limit + c.burst - c.remaining
        local needUnits = need * W
        if need == 0 then
            ok = t > 0
            needUnits = 1
        else
            ok = t >= needUnits
        end
        if not ok then
            if needUnits > c.cap or c.limit <= 0 then
                retry = -1
            else
                retry = math.ceil((needUnits - t) / c.limit) / 1000
            end
        end
    else
        local p = periods[c.window]
        c.key = P .. 'cnt:' .. c.entity .. ':' .. c.metric .. ':' .. c.window .. ':' .. I(p[1])
        c.periodEnd, c.periodLen = p[2], p[2] - p[1]
        local raw = redis.call('GET', c.key)
        c.used = 0
        if raw then
            c.used = tonumber(raw)
            if not c.used then
                return fail('bad_data', c.key .. ' holds ' .. shown(raw) .. ', not an integer')
            end
        end
        c.remaining = c.limit - c.used
        if need == 0 then
            ok = c.used < c.limit
        else
            ok = c.used + need <= c.limit
        end
        if not ok then
            retry = (need > c.limit) and -1 or (p[2] - now) / 1000
        end
    end
    if not ok and not deniedBy then
        deniedBy, retryAfter = c, retry
    end
end

-- Bookkeeping for the console -----------------------------------------------------------------------
local tsMinute = P .. 'ts:m:' .. I(periods.minute[1])
local hourStart = now - now % 3600000
local tsHour = P .. 'ts:h:' .. I(hourStart)
local seriesEntities = { user, 'tier:' .. userTier, 'fleet' }
if client ~= '' then
    seriesEntities[#seriesEntities + 1] = client
    if clientTier ~= userTier then
        seriesEntities[#seriesEntities + 1] = 'tier:' .. clientTier
    end
end
for _, g in ipairs(groups) do
    seriesEntities[#seriesEntities + 1] = 'group:' .. g
end
local subjects = { user }
if client ~= '' then
    subjects[2] = client
end

local function series(m, amount)
    if amount == 0 then
        return
    end
    for _, e in ipairs(seriesEntities) do
        local fm = redis.call('HINCRBY', tsMinute, e .. '|' .. m, I(amount))
        local fh = redis.call('HINCRBY', tsHour, e .. '|' .. m, I(amount))
        -- `fleet` is the first field every call touches: its creation is when the key needs a TTL.
        if e == 'fleet' and fm == amount then
            redis.call('PEXPIRE', tsMinute, I(periods.minute[2] + 8 * DAY - now))
        end
        if e == 'fleet' and fh == amount then
            redis.call('PEXPIRE', tsHour, I(hourStart + 3600000 + 400 * DAY - now))
        end
    end
end
local function top(metric, amount)
    if amount == 0 then
        return
    end
    for _, w in ipairs({ 'minute', 'day', 'month' }) do
        local p = periods[w]
        local key = P .. 'top:' .. metric .. ':' .. w .. ':' .. I(p[1])
        for _, s in ipairs(subjects) do
            if tonumber(redis.call('ZINCRBY', key, I(amount), s)) == amount then
                redis.call('PEXPIRE', key, I(2 * p[2] - p[1] - now))
            end
        end
    end
end

redis.call('ZADD', P .. 'subjects', 0, user)
if client ~= '' then
    redis.call('ZADD', P .. 'subjects', 0, client)
end

local function limitStates()
    local out = {}
    for i, c in ipairs(checks) do
        out[i] = { entity = c.entity, metric = c.metric, window = c.window, limit = c.limit, burst = c.burst,
            used = c.used, remaining = c.remaining }
    end
    return out
end
-- cjson encodes an empty table as {}; splice the list in so an empty list stays [].
local function encodeWithLimits(reply)
    local states = limitStates()
    reply.limits = '@LIMITS@'
    local text = cjson.encode(reply)
    local list = (#states == 0) and '[]' or cjson.encode(states)
    local at = string.find(text, '"@LIMITS@"', 1, true)
    return string.sub(text, 1, at - 1) .. list .. string.sub(text, at + 10)
end

if deniedBy then
    series('d', 1)
    top('denials', 1)
    return encodeWithLimits({
        admitted = false, code = 'denied', version = version, retry_after = retryAfter,
        denied_by = { entity = deniedBy.entity, metric = deniedBy.metric, window = deniedBy.window,
            limit = deniedBy.limit }
    })
end

-- Admitted: consume ---------------------------------------------------------------------------------
local leaseId = redis.call('INCR', P .. 'lease:seq')
local expires = now + ttl
local reserved, concKeys = {}, {}
local seenConc = {}
local function addConc(key)
    if not seenConc[key] then
        seenConc[key] = true
        redis.call('ZADD', key, I(expires), leaseId)
        concKeys[#concKeys + 1] = key
        -- A zset outlives its longest lease by the lease hash's grace; never shorten it for a short lease.
        if redis.call('PTTL', key) < ttl + 3600000 then
            redis.call('PEXPIRE', key, I(ttl + 3600000))
        end
    end
end
for _, c in ipairs(checks) do
    local need = needOf(c.metric)
    if c.metric == 'concurrency' then
        addConc(c.key)
        c.used = c.used + 1
        c.remaining = c.limit - c.used
    elseif c.W then
        local t = c.t - need * c.W
        redis.call('HSET', c.key, 't', I(t), 'ts', I(now))
        if c.limit > 0 then
            redis.call('PEXPIRE', c.key, I(math.ceil((c.cap - t) / c.limit) + 1))
        end
        c.remaining = math.floor(t / c.W)
        c.used = c.limit + c.burst - c.remaining
        if need > 0 and c.metric ~= 'requests' then
            reserved[#reserved + 1] = { k = c.key, m = c.metric, n = need, w = c.W, cap = I(c.cap),
                r = c.limit }
        end
    else
        if need > 0 then
            if redis.call('INCRBY', c.key, need) == need then
                redis.call('PEXPIRE', c.key, I(c.periodEnd + c.periodLen - now))
            end
        end
        c.used = c.used + need
        c.remaining = c.limit - c.used
        if need > 0 and c.metric ~= 'requests' then
            reserved[#reserved + 1] = { k = c.key, m = c.metric, n = need }
        end
    end
end
-- The console shows concurrency of every subject, limited or not, and of the whole fleet.
addConc(P .. 'conc:fleet')
redis.call('ZREMRANGEBYSCORE', P .. 'conc:fleet', '-inf', '(' .. I(now)) -- leases nobody settled
addConc(P .. 'conc:' .. user)
if client ~= '' then
    addConc(P .. 'conc:' .. client)
end

local leaseKey = P .. 'lease:' .. leaseId
redis.call('HSET', leaseKey,
    'user', user, 'client', client, 'gateway', gateway, 'created', I(now), 'expires', I(expires),
    'tokens', I(needTokens), 'gpu_ms', I(needGpu),
    'reserved', (#reserved == 0) and '[]' or cjson.encode(reserved),
    'conc', cjson.encode(concKeys),
    'book', cjson.encode({ ts = { tsMinute, tsHour }, entities = seriesEntities, subjects = subjects,
        top = { minute = I(periods.minute[1]), day = I(periods.day[1]), month = I(periods.month[1]) },
        ends = { minute = I(periods.minute[2]), day = I(periods.day[2]), month = I(periods.month[2]) } }))
redis.call('PEXPIRE', leaseKey, I(ttl + 3600000))

series('r', 1)
series('t', needTokens)
series('g', needGpu)
top('requests', 1)
top('tokens', needTokens)
top('gpu_seconds', needGpu)
for _, s in ipairs(subjects) do
    redis.call('ZREMRANGEBYSCORE', P .. 'conc:' .. s, '-inf', '(' .. I(now))
    local n = redis.call('ZCARD', P .. 'conc:' .. s)
    local fm = s .. '|c'
    local cur = tonumber(redis.call('HGET', tsMinute, fm) or '0')
    if n > cur then
        redis.call('HSET', tsMinute, fm, n)
    end
    cur = tonumber(redis.call('HGET', tsHour, fm) or '0')
    if n > cur then
        redis.call('HSET', tsHour, fm, n)
    end
end

return encodeWithLimits({
    admitted = true, lease = tostring(leaseId), expires = expires, version = version,
    attributes = (type(attributes) == 'table') and attributes or {},
    factor = factors
})
