#pragma once

#include "Policy.h"
#include "PolicyChange.h"

#include <QList>

namespace quotadesk {

// What publishing `after` over `before` changes, in a stable order: policy settings, tiers, groups,
// subjects, load rules; within each, by name.
class PolicyDiff
{
public:
    static QList<PolicyChange> compute(const Policy& before, const Policy& after);
};

} // namespace quotadesk
