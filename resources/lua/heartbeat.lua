-- heartbeat: record a gateway's liveness and signals, then evaluate the policy's load rules
-- (docs/store-contract.md, "heartbeat").
-- ARGV: prefix, gateway_id, host, pid, policy_version, decisions_per_second, signals (JSON object)
-- Every heartbeat also folds the usage log; with an empty gateway_id that is all it does (no other ARGV).
local P, id, host = ARGV[1], ARGV[2], ARGV[3]
local function fail(code, msg)
    return cjson.encode({ error = msg, code = code })
end
if type(P) ~= 'string' or P == '' then
    return fail('bad_argument', 'ARGV[1] (prefix) is empty')
end
if type(id) ~= 'string' then
    return fail('bad_argument', 'ARGV[2] (gateway_id) is missing')
end
local foldOnly = id == ''
local pid, version, dps, signals
if not foldOnly then
    pid, version, dps = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
    if not pid or not version or not dps then
        return fail('bad_argument', 'ARGV[4..6] (pid, policy_version, decisions_per_second) must be numbers')
    end
    local okSignals
    okSignals, signals = pcall(cjson.decode, ARGV[7] or '')
    if not okSignals or type(signals) ~= 'table' then
        return fail('bad_argument', 'ARGV[7] (signals) is not a JSON object: ' .. tostring(ARGV[7]))
    end
end

-- @include store_clock.lua
local now, clockProblem = storeNow(P)
if not now then
    return fail('bad_data', clockProblem)
end

-- @include usage_fold.lua

-- What acquire and settle left in the usage log, folded while the gateway is here: the console's series stay
-- at most a heartbeat behind even when traffic stops. Bounded, so a long backlog takes a few heartbeats
-- instead of one long pause.
local folded, batch = 0, 1000
repeat
    local n, problem = drainUsage(P, now, batch)
    if not n then
        return fail('bad_data', problem .. '; the console\'s usage is not being recorded: delete the key, ' ..
            'acquire and settle start a new log')
    end
    folded = folded + n
until n < batch or folded >= 20 * batch
if foldOnly then
    return cjson.encode({ ok = true, usage_folded = folded })
end

local GW = P .. 'gateways'
redis.call('HSET', GW, id, cjson.encode({ id = id, host = host or '', pid = pid, version = version, dps = dps,
    signals = signals, seen = now }))

local CP = P .. 'policy:compiled'
local rules = {}
local metaRaw = redis.call('HGET', CP, 'meta')
if metaRaw then
    local ok, meta = pcall(cjson.decode, metaRaw)
    if not ok or type(meta) ~= 'table' then
        return fail('bad_policy', CP .. ' field meta: not a JSON object')
    end
    rules = meta.load_rules or {}
    if type(rules) ~= 'table' then
        return fail('bad_policy', CP .. ' field meta: load_rules is not a list')
    end
    for i, r in ipairs(rules) do
        local at2 = CP .. ' field meta: load_rules[' .. (i - 1) .. ']'
        if type(r) ~= 'table' or type(r.name) ~= 'string' or type(r.signal) ~= 'string'
            or type(r.tiers) ~= 'table' or type(r.engage_above) ~= 'number'
            or type(r.release_below) ~= 'number' or type(r.factor) ~= 'number' then
            return fail('bad_policy', at2 ..
                ' needs name, tiers, signal, engage_above, release_below, factor')
        end
    end
end

-- A signal's value is the worst (max) over gateways seen in the last 30 s; nil when nobody reports it.
local signalMax
if #rules > 0 then
    signalMax = {}
    local all = redis.call('HGETALL', GW)
    for i = 2, #all, 2 do
        local ok, g = pcall(cjson.decode, all[i])
        if ok and type(g) == 'table' and type(g.seen) == 'number' and g.seen >= now - 30000
            and type(g.signals) == 'table' then
            for name, v in pairs(g.signals) do
                if type(v) == 'number' and (signalMax[name] == nil or v > signalMax[name]) then
                    signalMax[name] = v
                end
            end
        end
    end
end

local LOAD, STATE, EVENTS = P .. 'load', P .. 'load:rules', P .. 'events'
local function current(tier)
    local raw = redis.call('HGET', LOAD, tier)
    if not raw then
        return nil
    end
    local ok, v = pcall(cjson.decode, raw)
    if ok and type(v) == 'table' then
        return v
    end
    return nil
end
local function publish(tier, factor)
    redis.call('PUBLISH', EVENTS, cjson.encode({ type = 'load', tier = tier, factor = factor }))
end

for _, r in ipairs(rules) do
    local value = signalMax[r.signal]
    local engaged = redis.call('HEXISTS', STATE, r.name) == 1
    local source = 'rule:' .. r.name
    if value ~= nil and not engaged and value > r.engage_above then
        redis.call('HSET', STATE, r.name, 1)
        for _, tier in ipairs(r.tiers) do
            local cur = current(tier)
            -- An operator's factor wins until it lapses (no "until" means until the operator clears it).
            local operator = cur and type(cur.source) == 'string'
                and string.sub(cur.source, 1, 9) == 'operator:'
                and (type(cur['until']) ~= 'number' or cur['until'] > now)
            if not operator then
                redis.call('HSET', LOAD, tier,
                    cjson.encode({ factor = r.factor, source = source, since = now }))
                publish(tier, r.factor)
            end
        end
    elseif value ~= nil and engaged and value < r.release_below then
        redis.call('HDEL', STATE, r.name)
        for _, tier in ipairs(r.tiers) do
            local cur = current(tier)
            if cur and cur.source == source then
                redis.call('HDEL', LOAD, tier)
                publish(tier, 1)
            end
        end
    end
end

local load = {}
local all = redis.call('HGETALL', LOAD)
for i = 1, #all, 2 do
    local ok, v = pcall(cjson.decode, all[i + 1])
    if ok and type(v) == 'table' and type(v.factor) == 'number'
        and not (type(v['until']) == 'number' and v['until'] <= now) then
        load[all[i]] = v.factor
    end
end
-- cjson encodes an empty table as {}, which is what an empty load map should be.
return cjson.encode({ ok = true, load = load, usage_folded = folded })
