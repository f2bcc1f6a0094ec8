#pragma once

#include "FleetTotals.h"
#include "GroupUsage.h"
#include "SeriesPoint.h"
#include "SubjectUsage.h"

#include <QHash>
#include <QList>
#include <QString>

namespace quotadesk {

// Everything the live pages need from one refresh, read in one worker job.
struct DashboardSnapshot
{
    FleetTotals totals;
    QList<SubjectUsage> busiest;          // today's most active subjects, closest to a limit first
    QList<GroupUsage> groups;             // parents before children
    QHash<QString, SubjectUsage> members; // usage of group members shown in the groups tree
    // Recent rate per entity and metric (requests, tokens, gpu_seconds) per minute, for forecasts.
    QHash<QString, QHash<QString, double>> ratePerMinute;
    QList<SeriesPoint> fleetDenials; // the last 16 minutes, for the denial spike alert
    bool valid = false;
};

} // namespace quotadesk
