#pragma once

#include <QString>

namespace quotadesk {

// One limit as the acquire script evaluated it, after load factor and overrides.
struct LimitStatus
{
    QString entity; // user:alice, client:web, group:team
    QString metric; // requests, tokens, gpu_seconds (in gpu_ms), concurrency
    QString window; // second … month; empty for concurrency
    qint64 limit = 0;
    qint64 burst = 0;
    qint64 used = 0;      // for token buckets: capacity minus whole tokens left
    qint64 remaining = 0; // may be negative after an overrun

    bool isValid() const { return !entity.isEmpty(); }
};

} // namespace quotadesk
