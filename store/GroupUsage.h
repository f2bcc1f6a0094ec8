#pragma once

#include "LimitUsage.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace quotadesk {

// A group of the policy with its pooled usage (every member counts against it) and its direct members.
struct GroupUsage
{
    QString name;
    QString parent; // empty for a top-level group (a department)
    QList<LimitUsage> limits;
    QStringList members; // subjects whose policy entry names this group, sorted

    const LimitUsage* tightest() const
    {
        const LimitUsage* best = nullptr;
        for (const LimitUsage& l : limits) {
            if (!best || l.fraction() > best->fraction())
                best = &l;
        }
        return best;
    }
};

} // namespace quotadesk
