-- Included by acquire.lua (a fold every 64 records) and heartbeat.lua (what is left); cmake/ComposeLua.cmake.
-- drainUsage folds up to `max` records of P usage:log (docs/store-contract.md, "Usage log") into the
-- per-minute and per-hour series, the rankings, the peak concurrency and P subjects: one write per distinct
-- field, not per record.
-- Returns the records taken, or nil and a message when the log is not a list.
local function drainUsage(P, now, max)
    local records = redis.pcall('LPOP', P .. 'usage:log', max)
    if type(records) == 'table' and records.err then
        return nil, P .. 'usage:log is not a list (' .. records.err .. ')'
    elseif not records then
        return 0
    end
    -- First sum the records of one subject in one minute (most of a batch): the fan-out to series and
    -- rankings below then runs per group, not per record.
    local groups, order, rejected = {}, {}, 0
    for _, rec in ipairs(records) do
        local at, rest, r, t, g, d, cu, cc = string.match(rec,
            '^(%d+) (%d+ %d+ %d+ %d+ %S+ %S+ %S+) (%-?%d+) (%-?%d+) (%-?%d+) (%d+) (%d+) (%d+)$')
        if not at then
            rejected = rejected + 1
        else
            at = tonumber(at)
            local minute = at - at % 60000
            local id = string.format('%.0f', minute) .. ' ' .. rest
            local sum = groups[id]
            if not sum then
                sum = { minute, rest, 0, 0, 0, 0, 0, 0 }
                groups[id] = sum
                order[#order + 1] = sum
            end
            sum[3], sum[4], sum[5], sum[6] = sum[3] + r, sum[4] + t, sum[5] + g, sum[6] + d
            sum[7], sum[8] = math.max(sum[7], tonumber(cu)), math.max(sum[8], tonumber(cc))
        end
    end
    local sums, peaks, ttls, subjects = {}, {}, {}, {}
    local function add(key, field, n, ttl)
        local fields = sums[key]
        if not fields then
            fields = {}
            sums[key] = fields
            ttls[key] = ttl
        end
        fields[field] = (fields[field] or 0) + n
    end
    local function peak(key, field, n)
        local fields = peaks[key] or {}
        peaks[key] = fields
        fields[field] = math.max(fields[field] or 0, n)
    end
    local METRICS = { { 'r', 'requests' }, { 't', 'tokens' }, { 'g', 'gpu_seconds' }, { 'd', 'denials' } }
    for _, sum in ipairs(order) do
        local minute = sum[1]
        local ds, de, ms, me, u, c, ents = string.match(sum[2], '^(%d+) (%d+) (%d+) (%d+) (%S+) (%S+) (%S+)$')
        local hour = minute - minute % 3600000
        local tsm, tsh = P .. 'ts:m:' .. string.format('%.0f', minute), P .. 'ts:h:' .. string.format('%.0f', hour)
        local tsmTtl, tshTtl = minute + 60000 + 8 * 86400000 - now, hour + 3600000 + 400 * 86400000 - now
        local who, series = { u }, { 'fleet', u }
        if c ~= '-' then
            who[2], series[3] = c, c
        end
        for e in string.gmatch(ents, '[^,]+') do
            series[#series + 1] = e
        end
        local windows = { { 'minute', string.format('%.0f', minute), minute + 120000 - now },
            { 'day', ds, 2 * tonumber(de) - tonumber(ds) - now },
            { 'month', ms, 2 * tonumber(me) - tonumber(ms) - now } }
        for i, m in ipairs(METRICS) do
            local n = sum[2 + i]
            if n ~= 0 then
                for _, e in ipairs(series) do
                    add(tsm, e .. '|' .. m[1], n, tsmTtl)
                    add(tsh, e .. '|' .. m[1], n, tshTtl)
                end
                for _, w in ipairs(windows) do
                    local key = P .. 'top:' .. m[2] .. ':' .. w[1] .. ':' .. w[2]
                    for _, s in ipairs(who) do
                        add(key, s, n, w[3])
                    end
                end
            end
        end
        for i, s in ipairs(who) do
            if sum[6 + i] > 0 then
                peak(tsm, s .. '|c', sum[6 + i])
                peak(tsh, s .. '|c', sum[6 + i])
            end
            subjects[s] = true
        end
    end
    for key, fields in pairs(sums) do
        local isRanking = string.find(key, 'top:', #P + 1, true) == #P + 1
        for field, n in pairs(fields) do
            if n ~= 0 and isRanking then
                redis.call('ZINCRBY', key, string.format('%.0f', n), field)
            elseif n ~= 0 then
                redis.call('HINCRBY', key, field, string.format('%.0f', n))
            end
        end
        -- At least a second: a record folded late must not expire the key it has just written.
        redis.call('PEXPIRE', key, string.format('%.0f', math.max(1000, ttls[key])), 'NX')
    end
    for key, fields in pairs(peaks) do
        for field, n in pairs(fields) do
            if n > (tonumber(redis.call('HGET', key, field)) or 0) then
                redis.call('HSET', key, field, n)
            end
        end
    end
    for s in pairs(subjects) do
        redis.call('ZADD', P .. 'subjects', 0, s)
    end
    if rejected > 0 then
        redis.call('INCRBY', P .. 'usage:rejected', rejected)
    end
    return #records
end
