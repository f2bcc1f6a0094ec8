#pragma once

#include "LoadRule.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace quotadesk {

class UsageReader;

// The load factors in force (`P load`), what set them, the load rules of the live policy and the gateways'
// current signals (`P gateways`, maximum over gateways seen in the last 30 s, as heartbeat.lua takes it).
struct LoadState
{
    struct Factor
    {
        QString tier;
        double factor = 1;
        QString source; // "operator:<user>" or "rule:<name>"
        qint64 sinceMs = 0;
        qint64 untilMs = 0; // 0 = until released
    };

    qint64 nowMs = 0;
    QStringList tiers;
    QList<Factor> factors; // only tiers with a factor in force
    QList<LoadRule> rules;
    QHash<QString, double> signalValues;

    // Throws StoreError(Protocol) naming the key and field for garbage in `P load` or `P gateways`.
    static LoadState read(UsageReader& reader);
    // "operator alice until 14:05 UTC" / "rule latency: upstream_latency_ms above 2000"
    QString describe(const Factor& f) const;
};

} // namespace quotadesk
