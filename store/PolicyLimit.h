#pragma once

#include <QDateTime>
#include <QString>

namespace quotadesk {

// One limit of a tier, group or subject (docs/policy.md, "limits").
struct PolicyLimit
{
    QString metric;      // requests | tokens | gpu_seconds | concurrency
    QString window;      // second | minute | hour | day | month; empty for concurrency
    qint64 limit = 0;    // per window (gpu_seconds in whole GPU-seconds), or concurrent leases
    qint64 burst = 0;    // extra bucket capacity, sliding windows only
    QDateTime expiresAt; // UTC; invalid = permanent. Only on subject limits (temporary raises)

    // "requests/minute", or "concurrency": what identifies a limit within one list.
    QString key() const { return window.isEmpty() ? metric : metric + QLatin1Char('/') + window; }
    bool operator==(const PolicyLimit&) const = default;
};

} // namespace quotadesk
