-- Included by acquire.lua and admin.lua; cmake/ComposeLua.cmake.
-- Calendar arithmetic without a date library: proleptic Gregorian dates on days since 1970-01-01 (after
-- H. Hinnant's algorithms), and the current day and month in the policy's time zone, which name the
-- calendar counters (acquire.lua counts into them, admin.lua's reset deletes them: both must agree).
local daysFromCivil, civilFromDays, calendarPeriods
do
    local floor = math.floor
    local DAY = 86400000

    function daysFromCivil(y, m, d)
        if m <= 2 then
            y = y - 1
        end
        local era = floor(y / 400)
        local yoe = y - era * 400
        local mp = (m > 2) and (m - 3) or (m + 9)
        local doy = floor((153 * mp + 2) / 5) + d - 1
        local doe = yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy
        return era * 146097 + doe - 719468
    end

    -- Returns year, month, day.
    function civilFromDays(z)
        z = z + 719468
        local era = floor(z / 146097)
        local doe = z - era * 146097
        local yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365)
        local doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100))
        local mp = floor((5 * doy + 2) / 153)
        local d = doy - floor((153 * mp + 2) / 5) + 1
        local m = (mp < 10) and (mp + 3) or (mp - 9)
        local y = yoe + era * 400
        if m <= 2 then
            y = y + 1
        end
        return y, m, d
    end

    -- The UTC offset (ms) in force at UTC time t. tz is the policy's offset table (meta.tz, or the plan
    -- field's second line): {from_ms, offset_s} pairs in order; empty means UTC.
    local function offsetMs(tz, t)
        local off = 0
        for _, e in ipairs(tz) do
            if e[1] > t then
                break
            end
            off = e[2] * 1000
        end
        return off
    end

    -- Local civil time -> UTC, re-checking the offset in force at the result (exact across DST changes).
    local function localToUtc(tz, localMs)
        if not tz[1] then
            return localMs -- UTC: most policies
        end
        return localMs - offsetMs(tz, localMs - offsetMs(tz, localMs))
    end

    -- The day and the month holding `now` in the policy's zone, as { day = {start, end},
    -- month = {start, end} } in UTC ms (end = the next period's start).
    function calendarPeriods(tz, now)
        local day = floor((now + offsetMs(tz, now)) / DAY)
        local y, m, d = civilFromDays(day)
        local ny, nm = y, m + 1
        if nm > 12 then
            ny, nm = y + 1, 1
        end
        return {
            day = { localToUtc(tz, day * DAY), localToUtc(tz, (day + 1) * DAY) },
            month = { localToUtc(tz, (day - d + 1) * DAY), localToUtc(tz, daysFromCivil(ny, nm, 1) * DAY) },
        }
    end
end
