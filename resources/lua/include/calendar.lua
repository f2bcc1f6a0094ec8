-- Included by acquire.lua and admin.lua; cmake/ComposeLua.cmake.
-- Proleptic Gregorian calendar arithmetic on days since 1970-01-01, after H. Hinnant's algorithms: how the
-- scripts find the first of a month without a date library.
local daysFromCivil, civilFromDays
do
    local floor = math.floor

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
end
