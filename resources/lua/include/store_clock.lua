-- Included by every script; cmake/ComposeLua.cmake.
-- storeNow returns the store's time in ms: Redis TIME plus the integer in P clock:offset_ms (absent = 0;
-- docs/store-contract.md, "Time"). Returns nil and a message naming the key when the offset is not an integer.
local function storeNow(P)
    local raw = redis.call('GET', P .. 'clock:offset_ms')
    local offset = 0
    if raw then
        offset = tonumber(raw)
        if not offset or offset ~= math.floor(offset) then
            -- Written by anyone with access to the key: never echo megabytes.
            local text = #raw > 64 and (string.sub(raw, 1, 64) .. '… (' .. #raw .. ' bytes)') or raw
            return nil, P .. 'clock:offset_ms holds ' .. text .. ', not an integer'
        end
    end
    local clock = redis.call('TIME')
    return tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000) + offset
end
