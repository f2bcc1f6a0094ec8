#pragma once

namespace quotadesk {

// How a QuotaEngine behaves when the store cannot answer (docs/reliability.md). The timeouts bound how long
// one decision can wait for Redis; while backing off after a failure, decisions are made locally at once.
struct LocalDecisionOptions
{
    int connectTimeoutMs = 40; // TCP connect + TLS handshake
    int commandTimeoutMs = 40; // one script call
    int backoffMinMs = 100;    // first retry after a failure, doubled per failure, with jitter
    int backoffMaxMs = 5000;
};

} // namespace quotadesk
