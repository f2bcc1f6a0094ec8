#pragma once

#include "PolicyLimit.h"

#include <QList>
#include <QString>

namespace quotadesk {

// A group: pooled limits shared by every member, and by the members of its child groups.
struct PolicyGroup
{
    QString name;
    QString parent; // empty = top-level group
    QList<PolicyLimit> limits;

    bool operator==(const PolicyGroup&) const = default;
};

} // namespace quotadesk
