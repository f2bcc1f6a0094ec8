-- admin.lua: every change an operator makes to the quota store, each one atomic (docs/store-contract.md,
-- "admin.lua"). ARGV: prefix, op, actor (Redis ACL user), os_user (user@host), then the op's arguments.
-- Replies are JSON strings; failures are {"error", "code"} replies.

local P = ARGV[1]
local op = ARGV[2]
local actor = ARGV[3] or ''
local osUser = ARGV[4] or ''

local METRICS = {requests = true, tokens = true, gpu_seconds = true, concurrency = true}
local WINDOWS = {second = true, minute = true, hour = true, day = true, month = true}
local SLIDING = {'second', 'minute', 'hour'}
local CALENDAR = {'day', 'month'}
-- cjson decodes [] and {} alike; this key marks a table that was an empty array, so documents we rewrite
-- keep their arrays (the document is re-encoded after an approval).
local EMPTY_ARRAY = '\0[]'

-- Ops return either their reply table or fail(...); a failure is written before any change is made.
local function fail(code, message, extra)
    local reply = {error = message, code = code}
    for k, v in pairs(extra or {}) do
        reply[k] = v
    end
    return {failed = reply}
end

local function isFailure(v)
    return type(v) == 'table' and v.failed ~= nil
end

-- @include store_clock.lua

local function emptyArray()
    return {[EMPTY_ARRAY] = true}
end

-- Marks every empty array outside string literals, so decode keeps the difference between [] and {}.
local function markEmptyArrays(text)
    local out, from, i, inString = {}, 1, 1, false
    while true do
        local j = string.find(text, inString and '["\\]' or '[%["]', i)
        if not j then
            break
        end
        local c = string.sub(text, j, j)
        if inString then
            if c == '\\' then
                i = j + 2
            else
                inString = false
                i = j + 1
            end
        elseif c == '"' then
            inString = true
            i = j + 1
        else
            local _, e = string.find(text, '^%s*%]', j + 1)
            if e then
                out[#out + 1] = string.sub(text, from, j - 1)
                out[#out + 1] = '{"\\u0000[]":true}'
                from = e + 1
                i = e + 1
            else
                i = j + 1
            end
        end
    end
    out[#out + 1] = string.sub(text, from)
    return table.concat(out)
end

local function decodeMarked(text)
    local ok, value = pcall(cjson.decode, markEmptyArrays(text))
    if not ok then
        return nil
    end
    return value
end

local function isArray(t)
    if t[EMPTY_ARRAY] then
        return true
    end
    local n = #t
    if n == 0 then
        return false
    end
    local count = 0
    for _ in pairs(t) do
        count = count + 1
    end
    return count == n
end

-- A JSON encoder that keeps empty arrays, sorts keys (stable documents and digests) and writes integers in
-- full (cjson would write 1e+14).
local function encode(v)
    local kind = type(v)
    if kind == 'number' then
        if v == math.floor(v) and math.abs(v) < 2 ^ 53 then
            return string.format('%d', v)
        end
        local short = string.format('%.14g', v)
        return tonumber(short) == v and short or string.format('%.17g', v)
    elseif kind == 'string' then
        return cjson.encode(v)
    elseif kind == 'boolean' then
        return v and 'true' or 'false'
    elseif kind == 'table' then
        if isArray(v) then
            local parts = {}
            for i = 1, #v do
                parts[i] = encode(v[i])
            end
            return '[' .. table.concat(parts, ',') .. ']'
        end
        local keys = {}
        for k in pairs(v) do
            keys[#keys + 1] = tostring(k)
        end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            parts[#parts + 1] = cjson.encode(k) .. ':' .. encode(v[k])
        end
        return '{' .. table.concat(parts, ',') .. '}'
    end
    return 'null' -- nil and cjson.null
end

-- @include calendar.lua

-- "2025-03-01T00:00:00Z", optional fraction, "Z" or "+hh:mm"/"-hh:mm" → ms; nil when malformed.
local function isoToMs(s)
    if type(s) ~= 'string' then
        return nil
    end
    local y, mo, d, h, mi, sec, rest = string.match(s, '^(%d%d%d%d)-(%d%d)-(%d%d)T(%d%d):(%d%d):(%d%d)(.*)$')
    if not y then
        return nil
    end
    local ms = 0
    local frac, zone = string.match(rest, '^%.(%d+)(.*)$')
    if frac then
        ms = math.floor(tonumber(string.sub(frac .. '00', 1, 3)))
        rest = zone
    end
    local offset = 0
    if rest ~= 'Z' then
        local sign, oh, om = string.match(rest, '^([+-])(%d%d):(%d%d)$')
        if not sign then
            return nil
        end
        offset = (tonumber(oh) * 60 + tonumber(om)) * 60 * (sign == '-' and -1 or 1)
    end
    local days = daysFromCivil(tonumber(y), tonumber(mo), tonumber(d))
    return ((days * 86400 + tonumber(h) * 3600 + tonumber(mi) * 60 + tonumber(sec)) - offset) * 1000 + ms
end

local function msToIso(ms)
    local days = math.floor(ms / 86400000)
    local rem = ms - days * 86400000
    local y, m, d = civilFromDays(days)
    local s = math.floor(rem / 1000)
    local text = string.format('%04d-%02d-%02dT%02d:%02d:%02d', y, m, d, math.floor(s / 3600),
        math.floor(s / 60) % 60, s % 60)
    if rem % 1000 ~= 0 then
        text = text .. string.format('.%03d', rem % 1000)
    end
    return text .. 'Z'
end

local function event(fields)
    redis.call('PUBLISH', P .. 'events', encode(fields))
end

local function audit(action, subject, before, after, comment)
    redis.call('XADD', P .. 'audit', 'MAXLEN', '~', '10000', '*', 'actor', actor, 'os_user', osUser,
        'action', action, 'subject', subject, 'before', before, 'after', after, 'comment', comment or '')
end

local function asInteger(text)
    local n = tonumber(text)
    if n == nil or n ~= math.floor(n) or math.abs(n) >= 2 ^ 53 then
        return nil
    end
    return n
end

local function validSubject(id)
    return type(id) == 'string' and #id <= 256 and string.find(id, '%c') == nil and
        (string.find(id, '^user:.') ~= nil or string.find(id, '^client:.') ~= nil)
end

local function digest(document)
    return document and redis.sha1hex(document) or ''
end

-- Compiling ----------------------------------------------------------------------------------------------

local function compileLimits(list, where)
    local out = {}
    if type(list) ~= 'table' then
        if list ~= nil and list ~= cjson.null then
            error(where .. ': limits must be an array')
        end
        return emptyArray()
    end
    for i, l in ipairs(list) do
        if type(l) ~= 'table' or type(l.metric) ~= 'string' or type(l.limit) ~= 'number' then
            error(string.format('%s/%d: a limit needs a metric and a numeric limit', where, i - 1))
        end
        local c = {metric = l.metric, limit = l.limit}
        if l.metric == 'gpu_seconds' then
            c.limit = math.floor(l.limit * 1000 + 0.5)
        end
        if type(l.window) == 'string' then
            c.window = l.window
        end
        if type(l.burst) == 'number' and l.burst > 0 then
            c.burst = l.burst
            if l.metric == 'gpu_seconds' then
                c.burst = math.floor(l.burst * 1000 + 0.5)
            end
        end
        if l.expires_at ~= nil and l.expires_at ~= cjson.null then
            c.expires_at = isoToMs(l.expires_at)
            if not c.expires_at then
                error(string.format('%s/%d/expires_at: not an ISO 8601 date-time: %s', where, i - 1,
                    tostring(l.expires_at)))
            end
        end
        out[#out + 1] = c
    end
    if #out == 0 then
        return emptyArray()
    end
    return out
end

local function objectOrEmpty(v)
    if type(v) == 'table' and not v[EMPTY_ARRAY] then
        return v
    end
    return {}
end

-- The plan fields: the same policy as plain-text lines for acquire.lua (contract "Plan fields"), one
-- complete section per subject, so a decision reads it with one HMGET and a few string patterns; decoding
-- the JSON fields was most of an acquire's cost.
local function planLimits(out, tag, limits)
    for _, c in ipairs(limits) do
        local expires = c.expires_at and string.format('%.0f', c.expires_at) or '-'
        out[#out + 1] = string.format('%s %s %s %.0f %.0f %s', tag, c.metric, c.window or '-',
            math.floor(c.limit), math.floor(c.burst or 0), expires)
    end
end

local function subjectPlan(id, tierName, compiledTiers, compiledGroups, overrides, group)
    local tier = type(tierName) == 'string' and compiledTiers[tierName]
    if not tier then
        return 'E the tier ' .. tostring(tierName) .. ' of ' .. id .. ' does not exist'
    elseif tier.broken then
        return tier.broken
    end
    local out = {'T ' .. tierName}
    planLimits(out, 'L', tier.limits)
    planLimits(out, 'O', overrides)
    local g, depth = group, 0
    while type(g) == 'string' do
        local G = compiledGroups[g]
        if not G then
            return 'E group ' .. g .. ' in the group chain of ' .. id .. ' does not exist'
        elseif G.broken then
            return G.broken
        end
        depth = depth + 1
        if depth > 16 then
            return 'E the group chain of ' .. id .. ' is deeper than 16 levels (a parent cycle?)'
        end
        out[#out + 1] = 'G ' .. g
        planLimits(out, 'L', G.limits)
        g = G.parent
    end
    out[#out + 1] = 'A ' .. encode(tier.attributes)
    return table.concat(out, '\n')
end

local function compilePlans(fields, defaultTier, version, tz, compiledTiers, compiledGroups,
                            compiledSubjects)
    local zones = {}
    for i, e in ipairs(tz) do
        zones[i] = string.format('%.0f:%.0f', e[1], e[2])
    end
    fields[#fields + 1] = 'plan'
    fields[#fields + 1] = string.format('%.0f %s\n%s', version,
        type(defaultTier) == 'string' and defaultTier or '-', table.concat(zones, ' '))
    -- pcall: replan reads fields anyone may have written; a section it cannot plan becomes an E line.
    local function plan(id, subject)
        if subject.broken then
            return subject.broken
        end
        local ok, text = pcall(subjectPlan, id, subject.tier or defaultTier, compiledTiers, compiledGroups,
            subject.limits or {}, string.sub(id, 1, 5) == 'user:' and subject.group or nil)
        return ok and text or ('E cannot plan ' .. id .. ': malformed limits')
    end
    fields[#fields + 1] = 'plan:default'
    fields[#fields + 1] = plan('a subject without an entry', {})
    for id, s in pairs(compiledSubjects) do
        fields[#fields + 1] = 'plan:' .. id
        fields[#fields + 1] = plan(id, s)
    end
end

-- Builds every field of `P policy:compiled` (contract "Policy keys") from a decoded document.
local function compile(doc, version, tz)
    local fields = {}
    local compiledTiers, compiledGroups, compiledSubjects = {}, {}, {}
    local tiers = objectOrEmpty(doc.tiers)
    local attributes = objectOrEmpty(doc.attributes)
    for name, tier in pairs(tiers) do
        local t = {
            limits = compileLimits(tier.limits, '/tiers/' .. name .. '/limits'),
            attributes = objectOrEmpty(attributes[name]),
            on_store_unavailable = type(tier.on_store_unavailable) == 'string' and tier.on_store_unavailable or
                'fail_closed'
        }
        if type(tier.emergency_budget) == 'table' then
            t.emergency_budget = tier.emergency_budget
        end
        compiledTiers[name] = t
        fields[#fields + 1] = 'tier:' .. name
        fields[#fields + 1] = encode(t)
    end
    for name, group in pairs(objectOrEmpty(doc.groups)) do
        local g = {limits = compileLimits(group.limits, '/groups/' .. name .. '/limits')}
        if type(group.parent) == 'string' then
            g.parent = group.parent
        end
        compiledGroups[name] = g
        fields[#fields + 1] = 'group:' .. name
        fields[#fields + 1] = encode(g)
    end
    for id, subject in pairs(objectOrEmpty(doc.subjects)) do
        local s = {limits = compileLimits(subject.limits, '/subjects/' .. id .. '/limits')}
        if type(subject.tier) == 'string' then
            s.tier = subject.tier
        end
        if type(subject.group) == 'string' then
            s.group = subject.group
        end
        compiledSubjects[id] = s
        fields[#fields + 1] = 'subject:' .. id
        fields[#fields + 1] = encode(s)
    end
    local loadRules = doc.load_rules
    if type(loadRules) ~= 'table' or #loadRules == 0 then
        loadRules = emptyArray()
    end
    fields[#fields + 1] = 'meta'
    fields[#fields + 1] = encode({version = version, default_tier = doc.default_tier, tz = tz,
        load_rules = loadRules})
    compilePlans(fields, doc.default_tier, version, tz, compiledTiers, compiledGroups, compiledSubjects)
    return fields
end

local function currentVersion()
    return tonumber(redis.call('GET', P .. 'policy:version') or '0') or 0
end

-- Installs `document` (already validated by the caller) as the next version: the one code path behind
-- publish, rollback and approve, so all three leave the same traces.
local function install(document, doc, tz, action, comment, now)
    local previous = currentVersion()
    local previousDocument = redis.call('GET', P .. 'policy')
    local version = previous + 1
    local ok, fields = pcall(compile, doc, version, tz)
    if not ok then
        return fail('bad_argument', 'cannot compile the policy: ' .. tostring(fields))
    end
    redis.call('SET', P .. 'policy', document)
    redis.call('SET', P .. 'policy:version', version)
    redis.call('DEL', P .. 'policy:compiled')
    -- unpack() of a whole large policy would overflow Lua's C stack (about 8000 values): write in chunks.
    for first = 1, #fields, 1000 do
        redis.call('HSET', P .. 'policy:compiled', unpack(fields, first, math.min(first + 999, #fields)))
    end
    -- The document is kept as a string inside the entry, byte for byte as published.
    redis.call('LPUSH', P .. 'policy:history', encode({version = version, actor = actor, os_user = osUser,
        at = now, comment = comment, document = document}))
    redis.call('LTRIM', P .. 'policy:history', 0, 99)
    audit(action, 'policy', encode({version = previous, digest = digest(previousDocument)}),
        encode({version = version, digest = digest(document)}), comment)
    event({type = 'policy', version = version})
    return version
end

local function readTz()
    local meta = redis.call('HGET', P .. 'policy:compiled', 'meta')
    local decoded = meta and decodeMarked(meta)
    if type(decoded) ~= 'table' or type(decoded.tz) ~= 'table' then
        return nil
    end
    return decoded.tz
end

-- Ops ----------------------------------------------------------------------------------------------------

local ops = {}

-- ARGV[5] expected version (0 = nothing published yet), [6] document, [7] tz transitions JSON
-- [[from_ms, offset_s], ...], [8] comment, [9] action: policy.publish | policy.rollback.
function ops.publish(now)
    local expected = asInteger(ARGV[5])
    local document, tzText, comment, action = ARGV[6], ARGV[7], ARGV[8] or '', ARGV[9] or 'policy.publish'
    if expected == nil or expected < 0 then
        return fail('bad_argument', 'expected version must be a non-negative integer, got ' .. tostring(ARGV[5]))
    end
    if action ~= 'policy.publish' and action ~= 'policy.rollback' then
        return fail('bad_argument', 'unknown publish action ' .. tostring(action))
    end
    local doc = document and decodeMarked(document)
    if type(doc) ~= 'table' or isArray(doc) then
        return fail('bad_argument', 'the policy document is not a JSON object')
    end
    local ok, tz = pcall(cjson.decode, tzText or '')
    if not ok or type(tz) ~= 'table' or #tz == 0 then
        return fail('bad_argument', 'tz must be a non-empty JSON array of [from_ms, offset_s] pairs')
    end
    local current = currentVersion()
    if current ~= expected then
        return fail('conflict', string.format('policy version is %d, not the expected %d', current, expected),
            {current = current})
    end
    local version = install(document, doc, tz, action, comment, now)
    if isFailure(version) then
        return version
    end
    return {ok = true, version = version}
end

-- The byte position of the first invalid UTF-8 sequence in s, or nil. cjson passes bytes through unchecked,
-- and a reader's JSON parser refuses the whole reply, so a hand-written document could not even be shown.
local function invalidUtf8At(s)
    local i = s:find('[\128-\255]')
    while i do
        local c, b = s:byte(i), s:byte(i + 1) or 0
        local n
        if c >= 0xC2 and c <= 0xDF then
            n = 1
        elseif c >= 0xE0 and c <= 0xEF and not (c == 0xE0 and b < 0xA0) and not (c == 0xED and b > 0x9F) then
            n = 2
        elseif c >= 0xF0 and c <= 0xF4 and not (c == 0xF0 and b < 0x90) and not (c == 0xF4 and b > 0x8F) then
            n = 3
        else
            return i
        end
        for k = 1, n do
            local cont = s:byte(i + k)
            if not cont or cont < 0x80 or cont > 0xBF then
                return i
            end
        end
        i = s:find('[\128-\255]', i + n + 1)
    end
    return nil
end

-- Rebuilds the plan fields from the JSON fields of `P policy:compiled`, for a store compiled by a QuotaDesk
-- that wrote no plans and for tests that write compiled fields directly. A field that does not decode
-- becomes an `E` line naming it, so acquire reports it instead of silently dropping limits.
function ops.replan()
    local CP = P .. 'policy:compiled'
    local flat = redis.call('HGETALL', CP)
    local sections = {tier = {}, group = {}, subject = {}}
    local meta, old = nil, {}
    local broken = 'E ' .. CP .. ' field %s is not a JSON object'
    for i = 1, #flat, 2 do
        local name, value = flat[i], flat[i + 1]
        local kind, id = string.match(name, '^(%a+):(.+)$')
        local decoded = decodeMarked(value)
        if type(decoded) ~= 'table' then
            decoded = {broken = string.format(broken, name)}
        end
        if name == 'meta' then
            meta = decoded
        elseif kind == 'plan' or name == 'plan' then
            old[#old + 1] = name
        elseif sections[kind] then
            local limits = decoded.limits
            if limits ~= nil and (type(limits) ~= 'table' or (next(limits) ~= nil and #limits == 0 and
                not limits[EMPTY_ARRAY])) then
                decoded.broken = string.format('E ' .. CP .. ' field %s: limits is not a list', name)
            end
            decoded.limits = type(limits) == 'table' and limits or {}
            decoded.attributes = objectOrEmpty(decoded.attributes)
            sections[kind][id] = decoded
        end
    end
    if type(meta) ~= 'table' or meta.broken or type(meta.tz) ~= 'table' then
        -- No plans rather than stale ones: acquire then refuses, naming this hash.
        if #old > 0 then
            redis.call('HDEL', CP, unpack(old))
        end
        return fail('no_policy', CP .. ' has no valid meta field to plan from')
    end
    local fields = {}
    compilePlans(fields, meta.default_tier, tonumber(meta.version) or 0, meta.tz, sections.tier,
        sections.group, sections.subject)
    if #old > 0 then
        redis.call('HDEL', CP, unpack(old))
    end
    for first = 1, #fields, 1000 do
        redis.call('HSET', CP, unpack(fields, first, math.min(first + 999, #fields)))
    end
    return {ok = true, plans = #fields / 2}
end

-- The document and its version read together, so they always match.
function ops.current()
    local document = redis.call('GET', P .. 'policy') or ''
    local bad = invalidUtf8At(document)
    if bad then
        return fail('bad_data', string.format('key %spolicy holds invalid UTF-8 at byte %d', P, bad - 1))
    end
    return {version = currentVersion(), document = document}
end

local REQUEST_FIELDS = {'id', 'subject', 'metric', 'window', 'amount', 'expires_at', 'reason', 'state',
    'submitted_by', 'submitted_os_user', 'submitted_at', 'decided_by', 'decided_os_user', 'decided_at',
    'decision_comment', 'approved_amount', 'approved_expires_at', 'policy_version'}
local NUMERIC_FIELDS = {id = true, amount = true, expires_at = true, submitted_at = true, decided_at = true,
    approved_amount = true, approved_expires_at = true, policy_version = true}

local function requestKey(id)
    return P .. 'req:' .. id
end

local function loadRequest(id)
    local flat = redis.call('HGETALL', requestKey(id))
    if #flat == 0 then
        return nil
    end
    local r = {}
    for i = 1, #flat, 2 do
        r[flat[i]] = flat[i + 1]
    end
    return r
end

local function requestReply(r)
    local out = {}
    for _, f in ipairs(REQUEST_FIELDS) do
        local v = r[f]
        if v ~= nil and v ~= '' then
            out[f] = NUMERIC_FIELDS[f] and (tonumber(v) or v) or v
        end
    end
    return out
end

local function setState(r, state)
    r.state = state
    redis.call('HSET', requestKey(r.id), 'state', state)
    if state ~= 'pending' then
        redis.call('ZREM', P .. 'requests:pending', r.id)
    end
    if state ~= 'approved' then
        redis.call('ZREM', P .. 'requests:temporary', r.id)
    end
    event({type = 'request', id = tonumber(r.id), state = state})
end

-- Lazy expiry: a pending request whose requested expiry passed, or an approved temporary raise whose
-- expiry passed, becomes expired when someone looks at it.
local function refresh(r, now)
    if r.state == 'pending' then
        local e = tonumber(r.expires_at) or 0
        if e > 0 and e <= now then
            setState(r, 'expired')
        end
    elseif r.state == 'approved' then
        local e = tonumber(r.approved_expires_at) or 0
        if e > 0 and e <= now then
            setState(r, 'expired')
        end
    end
    return r
end

local function requestOrFail(idText, now)
    local id = asInteger(idText)
    if id == nil or id <= 0 then
        return nil, fail('bad_argument', 'request id must be a positive integer, got ' .. tostring(idText))
    end
    local r = loadRequest(id)
    if not r then
        return nil, fail('not_found', string.format('no request %d', id))
    end
    if r.id == nil or r.state == nil then
        return nil, fail('bad_data', string.format('key %s is not a request (no id/state field)', requestKey(id)))
    end
    return refresh(r, now)
end

local function decidedConflict(r)
    local by = r.decided_by or ''
    if r.state == 'expired' or by == '' then
        return fail('conflict', string.format('request %s is already %s', r.id, r.state), {state = r.state})
    end
    return fail('conflict', string.format('request %s is already %s by %s', r.id, r.state, by), {state = r.state})
end

local function validateLimitArgs(subject, metric, window, amountText, expiresText, now)
    if not validSubject(subject) then
        return fail('bad_argument', 'subject must be user:<name> or client:<name> (at most 256 bytes, no ' ..
            'control characters), got ' .. cjson.encode(subject or ''))
    end
    if not METRICS[metric] then
        return fail('bad_argument', 'unknown metric ' .. cjson.encode(metric or '') ..
            ' (requests, tokens, gpu_seconds, concurrency)')
    end
    if metric == 'concurrency' then
        if window ~= '' then
            return fail('bad_argument', 'concurrency limits have no window, got ' .. cjson.encode(window))
        end
    elseif not WINDOWS[window] then
        return fail('bad_argument', 'unknown window ' .. cjson.encode(window or '') .. ' for ' .. metric ..
            ' (second, minute, hour, day, month)')
    end
    local amount = asInteger(amountText)
    -- The same bound as Policy::MaxLimit, so an approved document still validates.
    if amount == nil or amount <= 0 or amount > 1e12 then
        return fail('bad_argument', 'amount must be a positive integer up to 10^12, got ' .. tostring(amountText))
    end
    local expires = asInteger(expiresText)
    if expires == nil or expires < 0 then
        return fail('bad_argument', 'expiry must be 0 (permanent) or a time in ms, got ' .. tostring(expiresText))
    end
    if expires > 0 and expires <= now then
        return fail('bad_argument', string.format('expiry %s is in the past (now is %s)', msToIso(expires),
            msToIso(now)))
    end
    return nil, amount, expires
end

-- ARGV[5] subject, [6] metric, [7] window ("" for concurrency), [8] amount (the new limit wanted),
-- [9] expires_at ms (0 = permanent), [10] reason.
function ops.submit(now)
    local subject, metric, window, reason = ARGV[5], ARGV[6], ARGV[7] or '', ARGV[10] or ''
    local bad, amount, expires = validateLimitArgs(subject, metric, window, ARGV[8], ARGV[9], now)
    if bad then
        return bad
    end
    local id = redis.call('INCR', P .. 'req:seq')
    redis.call('HSET', requestKey(id), 'id', id, 'subject', subject, 'metric', metric, 'window', window,
        'amount', amount, 'expires_at', expires, 'reason', reason, 'state', 'pending', 'submitted_by', actor,
        'submitted_os_user', osUser, 'submitted_at', now)
    redis.call('ZADD', P .. 'requests:pending', now, id)
    redis.call('ZADD', P .. 'requests:all', now, id)
    local limitText = window == '' and metric or metric .. '/' .. window
    audit('request.submit', subject, '', encode({id = id, limit = limitText, amount = amount,
        expires_at = expires}), reason)
    event({type = 'request', id = id, state = 'pending'})
    return requestReply(loadRequest(id))
end

function ops.get(now)
    local r, bad = requestOrFail(ARGV[5], now)
    if not r then
        return bad
    end
    return requestReply(r)
end

-- ARGV[5] state filter ("" = all), [6] at most this many, newest first.
function ops.list(now)
    local state = ARGV[5] or ''
    local limit = asInteger(ARGV[6]) or 100
    local STATES = {[''] = true, pending = true, approved = true, denied = true, cancelled = true, expired = true}
    if not STATES[state] then
        return fail('bad_argument', 'unknown request state ' .. cjson.encode(state) ..
            ' (pending, approved, denied, cancelled, expired)')
    end
    for _, id in ipairs(redis.call('ZRANGE', P .. 'requests:pending', 0, -1)) do
        local r = loadRequest(id)
        if r then
            refresh(r, now)
        end
    end
    for _, id in ipairs(redis.call('ZRANGEBYSCORE', P .. 'requests:temporary', '-inf', now)) do
        local r = loadRequest(id)
        if r then
            refresh(r, now)
        end
    end
    local index = state == 'pending' and 'requests:pending' or 'requests:all'
    local out = {}
    for _, id in ipairs(redis.call('ZREVRANGE', P .. index, 0, -1)) do
        if #out >= limit then
            break
        end
        local r = loadRequest(id)
        if r and (state == '' or r.state == state) then
            out[#out + 1] = requestReply(r)
        end
    end
    if #out == 0 then
        return emptyArray()
    end
    return out
end

-- ARGV[5] id, [6] amount ("" = as requested), [7] expires_at ms ("" = as requested, 0 = permanent),
-- [8] comment.
function ops.approve(now)
    local r, bad = requestOrFail(ARGV[5], now)
    if not r then
        return bad
    end
    if r.state ~= 'pending' then
        return decidedConflict(r)
    end
    local amountText = (ARGV[6] ~= nil and ARGV[6] ~= '') and ARGV[6] or r.amount
    local expiresText = (ARGV[7] ~= nil and ARGV[7] ~= '') and ARGV[7] or r.expires_at
    local bad2, amount, expires = validateLimitArgs(r.subject, r.metric, r.window, amountText, expiresText, now)
    if bad2 then
        return bad2
    end
    local document = redis.call('GET', P .. 'policy')
    local doc = document and decodeMarked(document)
    local tz = readTz()
    if type(doc) ~= 'table' or not tz then
        return fail('no_policy', 'no policy is published (or ' .. P .. 'policy:compiled has no meta.tz); ' ..
            'publish one before approving requests')
    end
    if type(doc.subjects) ~= 'table' or doc.subjects[EMPTY_ARRAY] then
        doc.subjects = {}
    end
    local entry = doc.subjects[r.subject]
    if type(entry) ~= 'table' then
        entry = {tier = doc.default_tier}
        doc.subjects[r.subject] = entry
    end
    local limits = {}
    local before = cjson.null
    if type(entry.limits) == 'table' then
        for _, l in ipairs(entry.limits) do
            if type(l) == 'table' and l.metric == r.metric and (l.window or '') == r.window then
                before = l
            else
                limits[#limits + 1] = l
            end
        end
    end
    local override = {metric = r.metric, limit = amount}
    if r.window ~= '' then
        override.window = r.window
    end
    if expires > 0 then
        override.expires_at = msToIso(expires)
    end
    limits[#limits + 1] = override
    entry.limits = limits
    local comment = ARGV[8] or ''
    local newDocument = encode(doc)
    local version = install(newDocument, doc, tz, 'policy.publish',
        string.format('request %s approved: %s', r.id, comment), now)
    if isFailure(version) then
        return version
    end
    redis.call('HSET', requestKey(r.id), 'decided_by', actor, 'decided_os_user', osUser, 'decided_at', now,
        'decision_comment', comment, 'approved_amount', amount, 'approved_expires_at', expires,
        'policy_version', version)
    setState(r, 'approved')
    if expires > 0 then
        redis.call('ZADD', P .. 'requests:temporary', expires, r.id)
    end
    audit('request.approve', r.subject, encode(before), encode({request = tonumber(r.id), limit = override,
        version = version}), comment)
    return requestReply(loadRequest(r.id))
end

local function decide(now, state, action, ownerOnly)
    local r, bad = requestOrFail(ARGV[5], now)
    if not r then
        return bad
    end
    if r.state ~= 'pending' then
        return decidedConflict(r)
    end
    if ownerOnly and r.submitted_by ~= actor then
        return fail('forbidden', string.format('request %s was submitted by %s; only they can cancel it, not %s',
            r.id, r.submitted_by or '?', actor))
    end
    local comment = ARGV[6] or ''
    redis.call('HSET', requestKey(r.id), 'decided_by', actor, 'decided_os_user', osUser, 'decided_at', now,
        'decision_comment', comment)
    setState(r, state)
    audit(action, r.subject, encode({request = tonumber(r.id), state = 'pending'}),
        encode({request = tonumber(r.id), state = state}), comment)
    return requestReply(loadRequest(r.id))
end

-- ARGV[5] id, [6] reason.
function ops.deny(now)
    return decide(now, 'denied', 'request.deny', false)
end

-- ARGV[5] id, [6] comment. Only the submitter (same ACL user) may cancel.
function ops.cancel(now)
    return decide(now, 'cancelled', 'request.cancel', true)
end

-- ARGV[5] subject, [6] comment. Deletes the subject's token buckets and current calendar counters.
function ops.reset(now)
    local subject, comment = ARGV[5], ARGV[6] or ''
    if not validSubject(subject) then
        return fail('bad_argument', 'subject must be user:<name> or client:<name>, got ' ..
            cjson.encode(subject or ''))
    end
    local tz = readTz() or {{0, 0}}
    local before = {}
    local deleted = 0
    -- The current periods exactly as acquire.lua names its counters (the same calendar.lua).
    local periods = calendarPeriods(tz, now)
    for metric in pairs(METRICS) do
        if metric ~= 'concurrency' then
            local keys = {}
            for _, w in ipairs(SLIDING) do
                keys[#keys + 1] = P .. 'tb:' .. subject .. ':' .. metric .. ':' .. w
            end
            for _, w in ipairs(CALENDAR) do
                keys[#keys + 1] = P .. 'cnt:' .. subject .. ':' .. metric .. ':' .. w .. ':' ..
                    string.format('%d', periods[w][1])
            end
            for _, key in ipairs(keys) do
                local kind = redis.call('TYPE', key).ok
                if kind == 'hash' then
                    before[string.sub(key, #P + 1)] = redis.call('HGET', key, 't') or ''
                elseif kind == 'string' then
                    before[string.sub(key, #P + 1)] = redis.call('GET', key)
                end
                deleted = deleted + redis.call('DEL', key)
            end
        end
    end
    audit('counters.reset', subject, encode(before), encode({deleted = deleted}), comment)
    return {ok = true, deleted = deleted}
end

-- ARGV[5] tier, [6] factor (0 < f <= 1; exactly 1 removes the override), [7] duration in seconds,
-- [8] comment.
function ops.load(now)
    local tier, factor, duration, comment = ARGV[5] or '', tonumber(ARGV[6]), asInteger(ARGV[7]), ARGV[8] or ''
    if redis.call('HEXISTS', P .. 'policy:compiled', 'tier:' .. tier) == 0 then
        return fail('not_found', 'no tier ' .. cjson.encode(tier or '') .. ' in the published policy')
    end
    if factor == nil or factor <= 0 or factor > 1 then
        return fail('bad_argument', 'load factor must be a number in (0, 1], got ' .. tostring(ARGV[6]))
    end
    if factor < 1 and (duration == nil or duration <= 0) then
        return fail('bad_argument', 'duration must be a positive number of seconds, got ' .. tostring(ARGV[7]))
    end
    local before = redis.call('HGET', P .. 'load', tier) or ''
    local after = ''
    if factor == 1 then
        redis.call('HDEL', P .. 'load', tier)
    else
        after = encode({factor = factor, source = 'operator:' .. actor, since = now, ['until'] = now + duration * 1000})
        redis.call('HSET', P .. 'load', tier, after)
    end
    audit('load.override', 'tier:' .. tier, before, after, comment)
    event({type = 'load', tier = tier, factor = factor})
    return {ok = true, tier = tier, factor = factor}
end

local handler = ops[op]
if not handler then
    return encode({error = 'unknown op ' .. tostring(op), code = 'bad_argument'})
end
if type(P) ~= 'string' or P == '' then
    return encode({error = 'the key prefix (ARGV[1]) is empty', code = 'bad_argument'})
end
local now, clockProblem = storeNow(P)
if not now then
    return encode({error = clockProblem, code = 'bad_data'})
end
local result = handler(now)
if isFailure(result) then
    return encode(result.failed)
end
return encode(result)
