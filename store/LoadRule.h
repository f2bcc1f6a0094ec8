#pragma once

#include <QString>
#include <QStringList>

namespace quotadesk {

// Scales the limits of some tiers by `factor` while a gateway signal is above `engageAbove`, until it drops
// below `releaseBelow` (hysteresis, so the factor does not flap).
struct LoadRule
{
    QString name;
    QStringList tiers;
    QString signal; // upstream_latency_ms | upstream_error_rate | denial_rate
    double engageAbove = 0;
    double releaseBelow = 0;
    double factor = 1; // 0 < factor <= 1

    bool operator==(const LoadRule&) const = default;
};

} // namespace quotadesk
