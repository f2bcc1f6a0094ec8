#pragma once

#include "LimitUsage.h"

#include <QList>
#include <QString>

namespace quotadesk {

// A subject (user:<name> or client:<name>) with its tier, group and usage against each effective limit.
struct SubjectUsage
{
    QString id;
    QString tier;
    QString group; // empty when the subject belongs to no group
    QList<LimitUsage> limits;
    qint64 denialsToday = 0;

    // The limit closest to exhaustion, or nullptr when the subject has no limits.
    const LimitUsage* tightest() const
    {
        const LimitUsage* best = nullptr;
        for (const LimitUsage& l : limits) {
            if (!best || l.fraction() > best->fraction())
                best = &l;
        }
        return best;
    }
    const LimitUsage* find(const QString& metric, const QString& window) const
    {
        for (const LimitUsage& l : limits) {
            if (l.metric == metric && l.window == window)
                return &l;
        }
        return nullptr;
    }
};

} // namespace quotadesk
