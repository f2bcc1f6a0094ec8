-- settle: replace a lease's reservation with the actual usage (docs/store-contract.md, "settle").
-- ARGV: prefix, lease_id, actual_tokens, actual_gpu_ms
-- Releasing a lease unused (a request that failed before using anything) is settle with actual 0 0.
local P, leaseId = ARGV[1], ARGV[2]
local function fail(code, msg)
    return cjson.encode({ error = msg, code = code })
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
if not uint(leaseId) then
    return fail('bad_argument', 'ARGV[2] (lease_id) must be a lease number, got ' .. tostring(leaseId))
end
local actual = { tokens = uint(ARGV[3]), gpu_seconds = uint(ARGV[4]) }
if not actual.tokens then
    return fail('bad_argument', 'ARGV[3] (actual_tokens) must be an integer >= 0, got ' .. tostring(ARGV[3]))
end
if not actual.gpu_seconds then
    return fail('bad_argument', 'ARGV[4] (actual_gpu_ms) must be an integer >= 0, got ' .. tostring(ARGV[4]))
end

local function I(x)
    return string.format('%.0f', x)
end
local offsetRaw = redis.call('GET', P .. 'clock:offset_ms')
local offset = tonumber(offsetRaw or '0')
if not offset then
    return fail('bad_data', P .. 'clock:offset_ms holds ' .. offsetRaw .. ', not an integer')
end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000) + offset

local leaseKey = P .. 'lease:' .. leaseId
local f = redis.call('HMGET', leaseKey, 'expires', 'tokens', 'gpu_ms', 'reserved', 'conc', 'entities', 'periods',
    'user', 'client')
if not f[1] then
    return fail('unknown_lease', 'no lease ' .. leaseId .. ' (' .. leaseKey ..
        ' does not exist: never issued, ' ..
        'already settled or released, or expired more than an hour ago)')
end
-- The lease fields acquire.lua writes (contract "acquire"): plain text, split here.
local expires, resTokens, resGpu = tonumber(f[1]), tonumber(f[2]), tonumber(f[3])
local reserved, conc, entities, starts = {}, {}, {}, {}
local malformed = not expires or not resTokens or not resGpu or not f[4] or not f[5] or not f[6] or not f[7] or
    not f[8] or not f[9]
for line in string.gmatch(f[4] or '', '[^\n]+') do
    local k, m, n, w, cap, rate = string.match(line, '^(%S+) (%S+) (%d+) ?(%d*) ?(%-?%d*) ?(%d*)$')
    if not k or actual[m] == nil then
        malformed = true
        break
    end
    reserved[#reserved + 1] = { k = k, m = m, n = tonumber(n), w = tonumber(w), cap = tonumber(cap),
        r = tonumber(rate) }
end
for key in string.gmatch(f[5] or '', '%S+') do
    conc[#conc + 1] = key
end
for e in string.gmatch(f[6] or '', '%S+') do
    entities[#entities + 1] = e
end
for n in string.gmatch(f[7] or '', '%-?%d+') do
    starts[#starts + 1] = n
end
if malformed or #starts ~= 7 then
    return fail('bad_data', leaseKey .. ' is malformed (expires, tokens, gpu_ms, reserved, conc, entities, ' ..
        'periods, user or client)')
end
-- periods: minute, hour, day and month starts, then minute, day and month ends.
local ts = { P .. 'ts:m:' .. starts[1], P .. 'ts:h:' .. starts[2] }
local top = { minute = { starts[1], starts[5] }, day = { starts[3], starts[6] }, month = { starts[4], starts[7] } }
local subjects = { f[8] }
if f[9] ~= '' then
    subjects[2] = f[9]
end
for _, key in ipairs(conc) do
    redis.call('ZREM', key, leaseId)
    -- Leases nobody settled (a gateway died) are not counted once expired; this is where they leave.
    redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. I(now))
end
if now > expires then
    -- The reservation stays charged: the gateway may have used it before it died, and refunding an
    -- estimate nobody settled would let a crashed gateway's real usage go uncharged.
    return fail('lease_expired', 'lease ' .. leaseId .. ' expired at ' .. I(expires) .. ' (now ' .. I(now) ..
        '); its reservation stays charged and its concurrency slot is already free')
end

for _, r in ipairs(reserved) do
    local delta = actual[r.m] - r.n -- > 0 on overrun
    if delta ~= 0 then
        if r.w then
            local cap, rate = r.cap, r.r
            local st = redis.call('HMGET', r.k, 't', 'ts')
            local t = cap
            if st[1] then
                local t0, ts0 = tonumber(st[1]), tonumber(st[2])
                if not t0 or not ts0 then
                    return fail('bad_data', r.k .. ' has non-numeric t or ts')
                end
                t = math.min(cap, t0 + math.max(0, now - ts0) * rate)
            end
            -- Refunds never fill beyond capacity; an overrun may leave the bucket negative.
            t = math.min(cap, t - delta * r.w)
            redis.call('HSET', r.k, 't', I(t), 'ts', I(now))
            if rate > 0 then
                redis.call('PEXPIRE', r.k, I(math.ceil((cap - t) / rate) + 1))
            end
        elseif redis.call('EXISTS', r.k) == 1 then
            -- A counter that is gone belongs to a period that ended long ago: nothing left to correct.
            redis.call('INCRBY', r.k, I(delta))
        end
    end
end

local dTokens, dGpu = actual.tokens - resTokens, actual.gpu_seconds - resGpu
local function correct(m, topMetric, delta)
    if delta == 0 then
        return
    end
    for _, key in ipairs(ts) do
        if redis.call('EXISTS', key) == 1 then
            for _, e in ipairs(entities) do
                redis.call('HINCRBY', key, e .. '|' .. m, I(delta))
            end
        end
    end
    for w, period in pairs(top) do
        local key = P .. 'top:' .. topMetric .. ':' .. w .. ':' .. period[1]
        for _, s in ipairs(subjects) do
            if tonumber(redis.call('ZINCRBY', key, I(delta), s)) == delta then
                redis.call('PEXPIRE', key, I(2 * tonumber(period[2]) - tonumber(period[1]) - now))
            end
        end
    end
end
correct('t', 'tokens', dTokens)
correct('g', 'gpu_seconds', dGpu)
redis.call('DEL', leaseKey)
return cjson.encode({ ok = true, lease = leaseId, tokens = actual.tokens, gpu_ms = actual.gpu_seconds,
    reserved_tokens = resTokens, reserved_gpu_ms = resGpu })
