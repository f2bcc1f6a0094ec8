#pragma once

#include <QString>

namespace quotadesk {

// One human-readable difference between two policies, with the entity it affects so the console can say
// what changes for whom.
struct PolicyChange
{
    enum class Scope
    {
        Policy, // schema, timezone, default tier: affects everyone
        Tier,
        Group,
        Subject,
        LoadRule
    };

    Scope scope = Scope::Policy;
    QString name; // tier / group / load rule name or subject id; empty for Scope::Policy
    QString text; // e.g. "tier free: requests/minute 10 → 20"

    bool operator==(const PolicyChange&) const = default;
};

} // namespace quotadesk
