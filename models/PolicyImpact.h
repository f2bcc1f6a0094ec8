#pragma once

#include "Policy.h"
#include "PolicyChange.h"

#include <QList>

namespace quotadesk {

class UsageReader;

// What a publish changes and for how many subjects, for the publish dialog. Counted from the store's
// subject index (`P subjects`: every subject a gateway has seen) without reading it all:
// - a tier: subjects in the index whose tier (in the new policy; the old one for a removed tier) is it. For
//   the default tier that is ZCARD minus the listed subjects of other tiers; for any other tier it is the
//   listed subjects of that tier, each checked against the index (ZMSCORE). Subjects with their own override
//   of the changed limit are still counted: they keep their override, but the tier changed under them.
// - a group: listed subjects of the group or one of its descendants that are in the index.
// - a subject: 1; a policy setting (default tier, timezone): every subject; a load rule: its tiers'.
class PolicyImpact
{
public:
    struct Line
    {
        PolicyChange change;
        qint64 affected = 0;
    };

    // Runs on the store thread (a few round trips, whatever the number of subjects).
    static QList<Line> compute(UsageReader& reader, const Policy& live, const Policy& draft);
    static QString text(const Line& line);
};

} // namespace quotadesk
