#pragma once

// Helpers shared by the console's tests: a real store with a policy published through
// PolicyStore and usage produced by the real engine (QuotaEngine's acquire/settle scripts).
#include "Actor.h"
#include "LocalRedisServer.h"
#include "PolicyStore.h"
#include "QuotaEngine.h"
#include "RedisConnection.h"

#include <QByteArray>

namespace quotadesk::consoletest {

inline const QString prefix = QStringLiteral("qd:");

// UTC, so calendar periods are easy to reason about in assertions.
inline QByteArray policyDocument()
{
    return R"({
  "schema": 1,
  "timezone": "UTC",
  "default_tier": "free",
  "tiers": {
    "free": {"limits": [
      {"metric": "requests", "window": "minute", "limit": 100},
      {"metric": "tokens", "window": "minute", "limit": 20000, "burst": 1000},
      {"metric": "tokens", "window": "day", "limit": 10000},
      {"metric": "concurrency", "limit": 3}
    ]},
    "pro": {"limits": [
      {"metric": "requests", "window": "minute", "limit": 1000},
      {"metric": "tokens", "window": "day", "limit": 100000},
      {"metric": "concurrency", "limit": 10}
    ]}
  },
  "groups": {
    "research": {"limits": [{"metric": "tokens", "window": "day", "limit": 30000}]},
    "nlp": {"parent": "research", "limits": [
      {"metric": "tokens", "window": "day", "limit": 20000},
      {"metric": "concurrency", "limit": 8}
    ]}
  },
  "subjects": {
    "user:alice": {"tier": "pro", "group": "nlp"},
    "user:bob": {"group": "nlp"},
    "user:carol": {"limits": [{"metric": "tokens", "window": "day", "limit": 500}]}
  }
})";
}

inline Actor testActor()
{
    return Actor(QStringLiteral("default"), QStringLiteral("tester@test"));
}

inline qint64 publish(RedisConnection& conn, const QByteArray& document = policyDocument())
{
    PolicyStore store(conn, prefix, testActor());
    return store.publish(document, store.current().version, QStringLiteral("console test"));
}

// One request that reserves `tokens` and, if admitted, is settled at once with the same amount. Then the
// usage log is folded, as the gateway's next heartbeat would, so the console's reads see the request.
inline Decision consume(QuotaEngine& engine, const QString& user, qint64 tokens, bool settle = true)
{
    Reservation r;
    r.tokens = tokens;
    const Decision d = engine.acquire(user, {}, r, 60000);
    if (d.admitted && settle)
        engine.settle(d.leaseId, r);
    engine.foldUsage();
    return d;
}

} // namespace quotadesk::consoletest
