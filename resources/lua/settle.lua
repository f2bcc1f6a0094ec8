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
-- @include store_clock.lua
local now, clockProblem = storeNow(P)
if not now then
    return fail('bad_data', clockProblem)
end

local leaseKey = P .. 'lease:' .. leaseId
local raw = redis.pcall('GET', leaseKey)
if type(raw) == 'table' and raw.err then
    return fail('bad_data', leaseKey .. ' is not a lease record (' .. raw.err .. '); a lease hash from a ' ..
        'QuotaDesk older than the usage log cannot be settled, it expires an hour after its lease')
end
if not raw then
    return fail('unknown_lease', 'no lease ' .. leaseId .. ' (' .. leaseKey ..
        ' does not exist: never issued, ' ..
        'already settled or released, or expired more than an hour ago)')
end
-- The lease record acquire.lua writes (contract "Lease record"): a header line, the lease sets, then one
-- line per reservation.
local head, concLine, reservedText = string.match(raw, '^([^\n]*)\n([^\n]*)\n?(.*)$')
local created, expires, resTokens, resGpu, user, client, periodText, entities
if head then
    created, expires, resTokens, resGpu, user, client, periodText, entities = string.match(head,
        '^(%d+) (%d+) (%d+) (%d+) (%S+) (%S+) %S+ (%d+ %d+ %d+ %d+) (%S+)$')
end
local malformed = not created
local reserved, conc = {}, {}
for line in string.gmatch(reservedText or '', '[^\n]+') do
    local k, m, n, w, cap, rate = string.match(line, '^(%S+) (%S+) (%d+) ?(%d*) ?(%-?%d*) ?(%d*)$')
    if not k or actual[m] == nil then
        malformed = true
        break
    end
    reserved[#reserved + 1] = { k = k, m = m, n = tonumber(n), w = tonumber(w), cap = tonumber(cap),
        r = tonumber(rate) }
end
for key in string.gmatch(concLine or '', '%S+') do
    conc[#conc + 1] = key
end
if malformed then
    return fail('bad_data', leaseKey .. ' is malformed: not the lease record acquire.lua writes')
end
expires, resTokens, resGpu = tonumber(expires), tonumber(resTokens), tonumber(resGpu)
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

-- The console's series and rankings take the difference through the usage log, in the periods of the
-- acquire (contract "Usage log"); a heartbeat or the next acquires fold it.
local dTokens, dGpu = actual.tokens - resTokens, actual.gpu_seconds - resGpu
if dTokens ~= 0 or dGpu ~= 0 then
    -- pcall: a log someone replaced with another type must not fail a settle whose writes are made.
    redis.pcall('RPUSH', P .. 'usage:log', table.concat({ created, periodText, user, client, entities, '0', I(dTokens),
        I(dGpu), '0', '0', '0' }, ' '))
end
redis.call('DEL', leaseKey)
return cjson.encode({ ok = true, lease = leaseId, tokens = actual.tokens, gpu_ms = actual.gpu_seconds,
    reserved_tokens = resTokens, reserved_gpu_ms = resGpu })
