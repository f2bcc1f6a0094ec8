#pragma once

#include <QString>

namespace quotadesk {

// A gateway's heartbeat from `P gateways`.
struct GatewayInfo
{
    QString id;
    QString host;
    qint64 pid = 0;
    QString version; // the policy version the gateway applies, as it reports it
    double decisionsPerSecond = 0;
    qint64 seenMs = 0;
};

} // namespace quotadesk
