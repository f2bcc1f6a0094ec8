#pragma once

#include "RedisEndpoint.h"

#include <QtGlobal>

namespace quotadesk {

// What quotadesk-sim and the demo ask of the TrafficSimulator. The defaults give a lively demo on a laptop.
struct SimulationOptions
{
    RedisEndpoint endpoint;        // endpoint.prefix is the key prefix the gateways use
    int gateways = 3;              // threads, each with its own connection and QuotaEngine
    double rate = 12.0;            // mean calls per second over all gateways (the day curve swings it)
    int subjects = 300;            // simulated users user:u0001 … plus the users the policy names
    double durationSeconds = 0;    // 0 = until stop()
    quint64 seed = 1;              // same seed, same users, sizes and per-gateway request sequence
    double dayLengthSeconds = 600; // one simulated day of load curve in wall-clock seconds
    int leaseTtlMs = 30000;
    double latencyScale = 1.0;        // multiplies simulated upstream latency (tests use small values)
    double requestProbability = 0.05; // chance a user denied by its own limit asks for more (once per run)
};

} // namespace quotadesk
