#pragma once

#include <QString>

namespace quotadesk {

// One effective limit of an entity and how much of it is used right now. Sliding windows report the tokens
// taken out of the bucket (capacity minus tokens left), calendar windows the period's counter, concurrency
// the open leases. gpu_seconds values are milli-GPU-seconds, as stored.
struct LimitUsage
{
    QString metric;   // requests, tokens, gpu_seconds, concurrency
    QString window;   // second, minute, hour, day, month; empty for concurrency
    qint64 limit = 0; // effective: overrides and load factor applied
    qint64 burst = 0;
    qint64 used = 0;
    qint64 periodEndMs = 0; // calendar windows: when the counter starts again; 0 otherwise
    qint64 expiresAtMs = 0; // temporary overrides only
    QString source;         // "tier:free", "override", "group:ml"

    bool isCalendar() const { return window == QLatin1String("day") || window == QLatin1String("month"); }
    double fraction() const { return limit > 0 ? double(used) / double(limit) : (used > 0 ? 1.0 : 0.0); }
    // A value of this limit for people: GPU in seconds (stored as gpu_ms), everything else as is.
    QString amount(double value) const
    {
        if (metric == QLatin1String("gpu_seconds"))
            return QString::number(value / 1000.0, 'f', value < 10000 ? 1 : 0) + QLatin1Char('s');
        return QString::number(qint64(value));
    }
    // "tokens/day", "concurrency"
    QString label() const { return window.isEmpty() ? metric : metric + QLatin1Char('/') + window; }
};

} // namespace quotadesk
