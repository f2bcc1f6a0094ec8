#pragma once

#include "PolicyLimit.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace quotadesk {

// A tier: the limits every subject of the tier gets (per subject, not pooled).
struct PolicyTier
{
    enum class StoreUnavailable
    {
        FailClosed,
        FailOpen
    };

    QString name;
    QList<PolicyLimit> limits;
    StoreUnavailable onStoreUnavailable = StoreUnavailable::FailClosed;
    // What a gateway may admit per subject while Redis is unreachable (fail_open only); absent = no budget.
    std::optional<qint64> emergencyRequests;
    std::optional<qint64> emergencyTokens;
    // The document's "attributes"/<name>: opaque values handed to executors (memory_limit_mb, ...).
    QJsonObject attributes;

    bool operator==(const PolicyTier&) const = default;
};

} // namespace quotadesk
