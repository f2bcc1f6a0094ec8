#pragma once

#include "GatewayInfo.h"

#include <QList>

namespace quotadesk {

// The fleet right now. Rates are over the last 60 s: the current minute plus the part of the previous one
// that is still inside the 60 s, so they move every second instead of once a minute.
struct FleetTotals
{
    qint64 nowMs = 0; // store time (Redis TIME + clock offset)
    qint64 policyVersion = 0;
    double requestsPerMinute = 0;
    double tokensPerMinute = 0;
    double denialsPerMinute = 0;
    double gpuMsPerMinute = 0;
    // Leases open fleet-wide right now (`P conc:fleet`).
    qint64 concurrent = 0;
    qint64 subjects = 0; // size of the subjects index
    QList<GatewayInfo> gateways;
};

} // namespace quotadesk
