#pragma once

#include <QString>
#include <QtGlobal>

namespace quotadesk {

// A snapshot of what the simulated gateways did so far (all gateways together).
struct SimulationStats
{
    qint64 admitted = 0;
    qint64 denied = 0;
    qint64 settled = 0;
    qint64 released = 0; // failed upstream calls: the whole reservation refunded
    qint64 leaked = 0;   // leases deliberately left to expire (a crashed gateway)
    qint64 overruns = 0; // settled above the reservation
    qint64 errors = 0;   // store errors (unreachable, script errors …)
    qint64 requestsSubmitted = 0;
    qint64 heartbeats = 0;
    qint64 backedOff = 0; // calls not made: the user's client was waiting out a retry_after
    QString lastError;

    qint64 decisions() const { return admitted + denied; }
};

} // namespace quotadesk
