-- acquire: one atomic admission decision (docs/store-contract.md, "acquire").
-- ARGV: prefix, user, client ("" for none), reserve_tokens, reserve_gpu_ms, lease_ttl_ms, gateway_id
-- This is the hot path of every gateway: the policy comes from the plain-text plan fields (no JSON to
-- decode), the reply is built as text, and every Redis call is one the decision or the console needs.
local P = ARGV[1]
local user, client = ARGV[2], ARGV[3]
local format, find, match, gmatch, sub = string.format, string.find, string.match, string.gmatch, string.sub
local call, floor = redis.call, math.floor

-- Lua numbers are doubles; redis.call and `..` would format big ones as %.14g and lose digits, so every
-- number sent to Redis or written into the reply goes through I(). '%d' formats an integer in a third of
-- the time '%.0f' takes (a dozen calls per decision); beyond 2^53 a double is no exact integer anyway.
local function I(x)
    if x < 9007199254740992 and x > -9007199254740992 then
        return format('%d', x)
    end
    return format('%.0f', x)
end
-- Values in messages come from callers and from keys anyone may have written: never echo megabytes.
local function shown(v)
    local text = tostring(v)
    if #text > 64 then
        return sub(text, 1, 64) .. '… (' .. #text .. ' bytes)'
    end
    return text
end
local function fail(code, msg)
    return cjson.encode({ admitted = false, error = msg, code = code })
end
-- Plain finds, not patterns with captures: these checks run on every decision.
local function uint(s)
    if type(s) ~= 'string' or s == '' or #s > 15 or find(s, '%D') then
        return nil
    end
    return tonumber(s)
end
-- An id goes into space-separated lease and usage records, so it may not hold whitespace.
local function idOf(s, kind)
    return type(s) == 'string' and sub(s, 1, #kind) == kind and #s > #kind and not find(s, '%s')
end

if type(P) ~= 'string' or P == '' or find(P, '%s') then
    return fail('bad_argument', 'ARGV[1] (prefix) is empty or holds whitespace')
end
if not idOf(user, 'user:') then
    return fail('bad_argument', 'ARGV[2] (user) must look like user:<name>, got ' .. shown(user))
end
if type(client) ~= 'string' or (client ~= '' and not idOf(client, 'client:')) then
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
if type(gateway) ~= 'string' or gateway == '' or find(gateway, '%s') then
    return fail('bad_argument', 'ARGV[7] (gateway_id) is empty or holds whitespace, got ' .. shown(gateway))
end
local hasClient = client ~= ''

-- @include store_clock.lua
local now, clockProblem = storeNow(P)
if not now then
    return fail('bad_data', clockProblem)
end

-- Policy: one HMGET of the plan fields ---------------------------------------------------------------
local CP = P .. 'policy:compiled'
local planFields = call('HMGET', CP, 'plan', 'plan:default', 'plan:' .. user,
    hasClient and ('plan:' .. client) or 'plan')
if not planFields[1] then
    if call('HEXISTS', CP, 'meta') == 1 then
        return fail('bad_policy', CP .. ' has no plan field: the policy was compiled by an older QuotaDesk; ' ..
            'publish it again (quotactl policy get > p.json; quotactl policy set p.json)')
    end
    return cjson.encode({ admitted = false, code = 'no_policy', error = 'no policy is published (' .. CP ..
        ' has no plan field)' })
end

local WINDOW_MS = { second = 1000, minute = 60000, hour = 3600000 }
local CALENDAR = { day = true, month = true }
local METRICS = { requests = true, tokens = true, gpu_seconds = true, concurrency = true }

local version, tzText = match(planFields[1], '^(%d+) %S+\n?([%d:%- ]*)$')
if not version or #version > 15 then
    return fail('bad_policy', CP .. ' field plan: ' .. shown(planFields[1]) ..
        ' is not "<version> <default tier>" and a line of <from_ms>:<offset_s> pairs')
end
version = tonumber(version)
local tz = {}
for from, off in gmatch(tzText, '(%-?%d+):(%-?%d+)') do
    from, off = tonumber(from), tonumber(off)
    if math.abs(off) > 86400 then
        return fail('bad_policy', CP .. ' field plan: the UTC offset ' .. I(off) .. ' s is beyond a day')
    end
    tz[#tz + 1] = { from, off }
end

-- A plan section (contract "Plan fields"): T <tier>, then L (tier) and O (override) limit lines of the
-- subject, then per group up the chain G <group> and its L lines, then A <attributes JSON>.
local function parsePlan(text, field)
    local plan = { limits = {}, overrides = nil, groups = {} }
    local target, n = plan.limits, 0
    local function bad(line, what)
        error({ bad = CP .. ' field ' .. field .. ' line ' .. n .. ' (' .. shown(line) .. '): ' .. what })
    end
    for line in gmatch(text, '[^\n]+') do
        n = n + 1
        local tag = sub(line, 1, 2)
        if tag == 'L ' or tag == 'O ' then
            local m, w, lim, burst, exp = match(line, '^. (%S+) (%S+) (%d+) (%d+) (%S+)$')
            if not m then
                bad(line, 'not "L|O <metric> <window> <limit> <burst> <expires_at>"')
            elseif not METRICS[m] then
                bad(line, 'the metric is not one of requests, tokens, gpu_seconds, concurrency')
            elseif (m == 'concurrency') ~= (w == '-') or (w ~= '-' and not (WINDOW_MS[w] or CALENDAR[w])) then
                bad(line, 'the window is not second, minute, hour, day or month (- for concurrency)')
            elseif #lim > 15 or #burst > 15 or (exp ~= '-' and not match(exp, '^%-?%d+$')) then
                bad(line, 'limit, burst or expires_at is not an integer')
            end
            local L = { metric = m, window = (w ~= '-') and w or nil, limit = tonumber(lim), burst = tonumber(burst),
                expires = (exp ~= '-') and tonumber(exp) or nil }
            if tag == 'O ' then
                if target ~= plan.limits then
                    bad(line, 'an override after a group line')
                end
                plan.overrides = plan.overrides or {}
                plan.overrides[#plan.overrides + 1] = L
            else
                target[#target + 1] = L
            end
        elseif tag == 'G ' then
            local g = match(line, '^G (%S+)$')
            if not g then
                bad(line, 'not "G <group>"')
            end
            target = {}
            plan.groups[#plan.groups + 1] = { name = g, limits = target }
        elseif tag == 'T ' then
            plan.tier = match(line, '^T (%S+)$')
            if not plan.tier or n ~= 1 then
                bad(line, 'not a first line "T <tier>"')
            end
        elseif tag == 'A ' then
            plan.attributes = sub(line, 3)
            -- Spliced into the reply as it is, so it must be a JSON object.
            if plan.attributes ~= '{}' then
                local ok, v = pcall(cjson.decode, plan.attributes)
                if not ok or type(v) ~= 'table' then
                    bad(line, 'the attributes are not a JSON object')
                end
            end
        elseif tag == 'E ' then
            -- Written by admin.lua's compiler: a bounded message, shown whole.
            error({ bad = CP .. ' field ' .. field .. ': ' .. sub(line, 3, 400) })
        else
            bad(line, 'unknown line')
        end
    end
    if not plan.tier then
        error({ bad = CP .. ' field ' .. field .. ': no "T <tier>" line' })
    end
    return plan
end

local function loadFactor(raw, tier)
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
    if factor == 1 then
        return x
    end
    return floor(x * factor + 1e-9)
end

-- Every limit to check, in order user, client, groups: {entity, metric, window, limit, burst}.
local checks = {}
local userPlan, clientPlan, factors, attributes
local resolved, resolveErr = pcall(function()
    local default
    local function planOf(index, id)
        if planFields[index] then
            return parsePlan(planFields[index], 'plan:' .. id)
        end
        if not planFields[2] then
            error({ bad = CP .. ' has no field plan:default (a subject without an entry, such as ' .. id ..
                ', has no tier)' })
        end
        default = default or parsePlan(planFields[2], 'plan:default')
        return default
    end
    userPlan = planOf(3, user)
    if hasClient then
        clientPlan = planOf(4, client)
    end
    local load = call('HMGET', P .. 'load', userPlan.tier, hasClient and clientPlan.tier or userPlan.tier)
    factors = { user = loadFactor(load[1], userPlan.tier) }
    if hasClient then
        factors.client = loadFactor(load[2], clientPlan.tier)
    end
    attributes = userPlan.attributes or '{}'

    local function addSubject(id, plan, factor)
        local limits = plan.limits
        if plan.overrides then
            -- A live override replaces the tier limit with the same metric and window.
            local byKey, order = {}, {}
            for _, list in ipairs({ plan.limits, plan.overrides }) do
                for _, L in ipairs(list) do
                    if L.expires == nil or L.expires > now then
                        local k = L.metric .. ':' .. (L.window or '')
                        if not byKey[k] then
                            order[#order + 1] = k
                        end
                        byKey[k] = L
                    end
                end
            end
            limits = {}
            for i, k in ipairs(order) do
                limits[i] = byKey[k]
            end
        end
        for _, L in ipairs(limits) do
            checks[#checks + 1] = { entity = id, metric = L.metric, window = L.window,
                limit = scaled(L.limit, factor), burst = scaled(L.burst, factor) }
        end
    end
    addSubject(user, userPlan, factors.user)
    if hasClient then
        addSubject(client, clientPlan, factors.client)
    end
    -- Groups are pooled, so the load factor does not apply to them.
    for _, G in ipairs(userPlan.groups) do
        for _, L in ipairs(G.limits) do
            checks[#checks + 1] = { entity = 'group:' .. G.name, metric = L.metric, window = L.window,
                limit = L.limit, burst = L.burst }
        end
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

-- Calendar periods ---------------------------------------------------------------------------------
-- @include calendar.lua
local periods = calendarPeriods(tz, now)
local nowText = I(now)

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
        -- Leases past their expiry are not counted; settle.lua and every 64th acquire remove them.
        c.key = P .. 'conc:' .. c.entity
        c.used = call('ZCOUNT', c.key, nowText, '+inf')
        c.remaining = c.limit - c.used
        ok = c.used < c.limit
        if not ok then
            if c.limit <= 0 then
                retry = -1
            else
                local first = call('ZRANGEBYSCORE', c.key, nowText, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
                retry = math.max(0, tonumber(first[2]) - now) / 1000
            end
        end
    elseif WINDOW_MS[c.window] then
        -- Token bucket in units of 1/W token (W = window ms): refill is elapsed_ms * limit units, an
        -- exact integer, so no token is ever lost to rounding.
        local W = WINDOW_MS[c.window]
        c.key = P .. 'tb:' .. c.entity .. ':' .. c.metric .. ':' .. c.window
        c.W, c.cap = W, (c.limit + c.burst) * W
        local st = call('HMGET', c.key, 't', 'ts')
        local t = c.cap
        if st[1] then
            local t0, ts = tonumber(st[1]), tonumber(st[2])
            if not t0 or not ts then
                return fail('bad_data', c.key .. ' has non-numeric t or ts')
            end
            t = math.min(c.cap, t0 + math.max(0, now - ts) * c.limit)
        end
        c.t = t
        c.remaining = floor(t / W)
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
        local raw = call('GET', c.key)
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

-- Usage for the console ----------------------------------------------------------------------------
-- The decision appends one record to P usage:log instead of updating the series, rankings and subject
-- index itself: folding records in batches (drainUsage below) costs a fraction of a write per decision.
local LOG = P .. 'usage:log'
local entityList = { 'tier:' .. userPlan.tier }
if hasClient and clientPlan.tier ~= userPlan.tier then
    entityList[2] = 'tier:' .. clientPlan.tier
end
for _, G in ipairs(userPlan.groups) do
    entityList[#entityList + 1] = 'group:' .. G.name
end
local entities = table.concat(entityList, ',')
local clientField = hasClient and client or '-'
local periodText = I(periods.day[1]) .. ' ' .. I(periods.day[2]) .. ' ' .. I(periods.month[1]) .. ' ' ..
    I(periods.month[2])

-- @include usage_fold.lua

-- Records are folded in batches of this many: a bounded pause (a few hundred µs) now and then, instead of
-- twenty-odd writes on every decision. Gateways' heartbeats fold what is left.
local DRAIN_AT = 64
-- A log someone replaced with another type costs the console this record, never the decision: the
-- decision's writes are made, so failing now would leave them without a reply.
local function record(r, t, g, d, cu, cc)
    local n = redis.pcall('RPUSH', LOG, nowText .. ' ' .. periodText .. ' ' .. user .. ' ' .. clientField .. ' ' ..
        entities .. ' ' .. r .. ' ' .. t .. ' ' .. g .. ' ' .. d .. ' ' .. cu .. ' ' .. cc)
    if type(n) == 'number' and n >= DRAIN_AT then
        drainUsage(P, now, n)
    end
end

-- The reply is built as text: cjson.encode of these tables cost more than the whole decision.
local function jsonString(s)
    if find(s, '[%c"\\]') then
        return cjson.encode(s)
    end
    return '"' .. s .. '"'
end
local function limitsJson()
    local parts = {}
    for i, c in ipairs(checks) do
        parts[i] = '{"entity":' .. jsonString(c.entity) .. ',"metric":"' .. c.metric .. '"' ..
            (c.window and (',"window":"' .. c.window .. '"') or '') .. ',"limit":' .. I(c.limit) ..
            ',"burst":' .. I(c.burst) .. ',"used":' .. I(c.used) .. ',"remaining":' .. I(c.remaining) .. '}'
    end
    return '[' .. table.concat(parts, ',') .. ']'
end

if deniedBy then
    record('0', '0', '0', '1', '0', '0')
    local d = deniedBy
    return '{"admitted":false,"code":"denied","version":' .. I(version) .. ',"retry_after":' ..
        tostring(retryAfter) .. ',"denied_by":{"entity":' .. jsonString(d.entity) .. ',"metric":"' ..
        d.metric .. '"' .. (d.window and (',"window":"' .. d.window .. '"') or '') .. ',"limit":' ..
        I(d.limit) .. '},"limits":' .. limitsJson() .. '}'
end

-- Admitted: consume ---------------------------------------------------------------------------------
local seq = call('INCR', P .. 'lease:seq')
local leaseId = I(seq)
-- settle.lua removes expired members of the sets it touches; leases nobody ever settles (a gateway that
-- never calls settle) leave here, one acquire in 64, so a set stays near its live leases.
local prune = seq % 64 == 0
local expires = now + ttl
local expiresText = I(expires)
-- A lease set outlives its longest lease by the lease record's grace: GT never shortens it for a short
-- lease, and NX covers a set that has just been created (GT treats "no expiry" as infinite).
local concGrace = I(ttl + 3600000)
local concKeys, concUsed = {}, {}
local function addConc(key)
    if concUsed[key] == nil then
        if prune then
            call('ZREMRANGEBYSCORE', key, '-inf', '(' .. nowText)
        end
        call('ZADD', key, expiresText, leaseId)
        if call('PEXPIRE', key, concGrace, 'GT') == 0 then
            call('PEXPIRE', key, concGrace, 'NX')
        end
        concKeys[#concKeys + 1] = key
        concUsed[key] = false
    end
end
local reserved = {}
for _, c in ipairs(checks) do
    local need = needOf(c.metric)
    if c.metric == 'concurrency' then
        addConc(c.key)
        c.used = c.used + 1
        c.remaining = c.limit - c.used
        concUsed[c.key] = c.used
    elseif c.W then
        local t = c.t - need * c.W
        call('HSET', c.key, 't', I(t), 'ts', nowText)
        if c.limit > 0 then
            call('PEXPIRE', c.key, I(math.ceil((c.cap - t) / c.limit) + 1))
        end
        c.remaining = floor(t / c.W)
        c.used = c.limit + c.burst - c.remaining
        if need > 0 and c.metric ~= 'requests' then
            reserved[#reserved + 1] = table.concat({ c.key, c.metric, I(need), I(c.W), I(c.cap), I(c.limit) }, ' ')
        end
    else
        if need > 0 then
            if call('INCRBY', c.key, need) == need then
                call('PEXPIRE', c.key, I(c.periodEnd + c.periodLen - now))
            end
        end
        c.used = c.used + need
        c.remaining = c.limit - c.used
        if need > 0 and c.metric ~= 'requests' then
            reserved[#reserved + 1] = table.concat({ c.key, c.metric, I(need) }, ' ')
        end
    end
end
-- The console shows concurrency of every subject, limited or not, and of the whole fleet.
addConc(P .. 'conc:fleet')
local userConc, clientConc = P .. 'conc:' .. user, P .. 'conc:' .. client
addConc(userConc)
if hasClient then
    addConc(clientConc)
end

-- The lease record: one string (contract "Lease record"), read back by settle.lua.
call('SET', P .. 'lease:' .. leaseId, nowText .. ' ' .. expiresText .. ' ' .. I(needTokens) .. ' ' ..
    I(needGpu) .. ' ' .. user .. ' ' .. clientField .. ' ' .. gateway .. ' ' .. periodText .. ' ' .. entities ..
    '\n' .. table.concat(concKeys, ' ') .. '\n' .. table.concat(reserved, '\n'), 'PX', concGrace)

-- Open leases of the user and the client after this one: the minute's and hour's peak concurrency.
local function openLeases(key)
    return concUsed[key] or call('ZCOUNT', key, nowText, '+inf')
end
record('1', I(needTokens), I(needGpu), '0', I(openLeases(userConc)), hasClient and I(openLeases(clientConc)) or '0')

local factorJson = '{"user":' .. tostring(factors.user) ..
    (hasClient and (',"client":' .. tostring(factors.client)) or '') .. '}'
return '{"admitted":true,"code":"","lease":"' .. leaseId .. '","expires":' .. expiresText .. ',"version":' ..
    I(version) .. ',"attributes":' .. attributes .. ',"factor":' .. factorJson .. ',"limits":' ..
    limitsJson() .. '}'
