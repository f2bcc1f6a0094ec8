#pragma once

#include <QString>

namespace quotadesk {

// When a calendar limit of a subject or group runs out at its current rate.
struct ForecastEntry
{
    QString entity; // user:alice, group:ml
    QString limit;  // tokens/day
    QString metric; // tokens
    qint64 used = 0;
    qint64 max = 0;
    double ratePerMinute = 0;
    qint64 exhaustsAtMs = 0; // 0 when the period ends first
    qint64 periodEndMs = 0;
    bool exhausted = false; // already at or over the limit

    double fraction() const { return max > 0 ? double(used) / double(max) : 0; }
};

} // namespace quotadesk
