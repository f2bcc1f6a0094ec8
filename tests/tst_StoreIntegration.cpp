// The whole store path, end to end: a policy DOCUMENT published by admin.lua (which compiles it) is what
// acquire.lua enforces; a publish, an approval, a lapsed raise and an operator load factor each change the
// next decision with no restart. The engine's own tests write the compiled form by hand; this one does not.
#include "Actor.h"
#include "LocalRedisServer.h"
#include "PolicyStore.h"
#include "QuotaEngine.h"
#include "RequestStore.h"
#include "StoreError.h"
#include "TestMain.h"

#include <QFile>

using namespace quotadesk;

namespace {
const QString prefix = QStringLiteral("qd:");

// free: 2 requests/day per user; research → nlp pool 3 requests/day; alice is in nlp.
QByteArray policyWithFreeLimit(int requestsPerDay)
{
    return QStringLiteral(R"({
      "schema": 1, "timezone": "Asia/Shanghai", "default_tier": "free",
      "tiers": {
        "free": {"limits": [{"metric": "requests", "window": "day", "limit": %1},
                            {"metric": "tokens", "window": "day", "limit": 1000}]},
        "pro": {"limits": [{"metric": "requests", "window": "day", "limit": 100}]}
      },
      "groups": {
        "research": {"limits": [{"metric": "requests", "window": "day", "limit": 3}]},
        "nlp": {"parent": "research"}
      },
      "subjects": {"user:alice": {"group": "nlp"}, "client:webapp": {"tier": "pro"}},
      "attributes": {"free": {"memory_limit_mb": 2048}}
    })")
        .arg(requestsPerDay)
        .toUtf8();
}

// The limit `entity` had for `metric` in a decision; -1 when the decision lists no such limit.
qint64 limitIn(const Decision& d, const QString& entity, const QString& metric)
{
    for (const LimitStatus& l : d.limits) {
        if (l.entity == entity && l.metric == metric)
            return l.limit;
    }
    return -1;
}
} // namespace

class TestStoreIntegration final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_conn;

    PolicyStore policies() { return PolicyStore(*m_conn, prefix, Actor::detect(*m_conn)); }
    QuotaEngine engine() { return QuotaEngine(*m_conn, prefix, QStringLiteral("gw-test")); }

private slots:
    void init()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint());
    }

    void cleanup()
    {
        m_conn.reset();
        m_server.reset();
    }

    void publishedDocumentIsEnforced()
    {
        policies().publish(policyWithFreeLimit(2), 0, QStringLiteral("first"));
        QuotaEngine e = engine();
        const Decision first = e.acquire(QStringLiteral("user:bob"), {}, Reservation{100, 0}, 10000);
        QVERIFY(first.admitted);
        QCOMPARE(first.policyVersion, 1);
        QCOMPARE(first.attributes.value(QStringLiteral("memory_limit_mb")).toInt(), 2048);
        QVERIFY(e.acquire(QStringLiteral("user:bob"), {}, {}, 10000).admitted);
        const Decision third = e.acquire(QStringLiteral("user:bob"), {}, {}, 10000);
        QVERIFY(!third.admitted);
        QCOMPARE(third.deniedBy.entity, QStringLiteral("user:bob"));
        QCOMPARE(third.deniedBy.metric, QStringLiteral("requests"));
        QCOMPARE(third.deniedBy.window, QStringLiteral("day"));
        QVERIFY(third.retryAfterSeconds > 0);
    }

    // acquire.lua counts into the day of the policy's zone (Asia/Shanghai, not UTC) and admin.lua's reset
    // deletes that day's counters: both take the period from calendar.lua, so the key names agree.
    void resetDeletesTheCountersTheEngineWrote()
    {
        policies().publish(policyWithFreeLimit(2), 0, {});
        QuotaEngine e = engine();
        QVERIFY(e.acquire(QStringLiteral("user:bob"), {}, Reservation{100, 0}, 10000).admitted);
        QVERIFY(e.acquire(QStringLiteral("user:bob"), {}, Reservation{100, 0}, 10000).admitted);
        QVERIFY(!e.acquire(QStringLiteral("user:bob"), {}, {}, 10000).admitted);
        QCOMPARE(m_conn->call({"KEYS", "qd:cnt:user:bob:*"}).elements.size(),
                 qsizetype(2)); // requests, tokens
        QCOMPARE(policies().resetCounters(QStringLiteral("user:bob"), QStringLiteral("ticket")), 2);
        QCOMPARE(m_conn->call({"KEYS", "qd:cnt:user:bob:*"}).elements.size(), qsizetype(0));
        QVERIFY(e.acquire(QStringLiteral("user:bob"), {}, {}, 10000).admitted);
    }

    void groupPoolAndClientTierFromTheDocument()
    {
        policies().publish(policyWithFreeLimit(10), 0, {});
        QuotaEngine e = engine();
        // The research pool (3/day) is shared through nlp; alice's own free limit is 10.
        for (int i = 0; i < 3; ++i)
            QVERIFY(
                e.acquire(QStringLiteral("user:alice"), QStringLiteral("client:webapp"), {}, 10000).admitted);
        const Decision d =
            e.acquire(QStringLiteral("user:alice"), QStringLiteral("client:webapp"), {}, 10000);
        QVERIFY(!d.admitted);
        QCOMPARE(d.deniedBy.entity, QStringLiteral("group:research"));
        // The client is pro (100/day): its limit appears among the states, untouched by the pool.
        QCOMPARE(limitIn(d, QStringLiteral("client:webapp"), QStringLiteral("requests")), 100);
    }

    void hotUpdateTakesEffectOnTheNextDecision()
    {
        PolicyStore store = policies();
        store.publish(policyWithFreeLimit(1), 0, {});
        QuotaEngine e = engine();
        QVERIFY(e.acquire(QStringLiteral("user:carol"), {}, {}, 10000).admitted);
        QVERIFY(!e.acquire(QStringLiteral("user:carol"), {}, {}, 10000).admitted);

        store.publish(policyWithFreeLimit(2), 1, QStringLiteral("raise free"));
        const Decision after = e.acquire(QStringLiteral("user:carol"), {}, {}, 10000);
        QVERIFY(after.admitted);
        QCOMPARE(after.policyVersion, 2);

        store.rollback(1, QStringLiteral("back"));
        const Decision rolledBack = e.acquire(QStringLiteral("user:carol"), {}, {}, 10000);
        QVERIFY(!rolledBack.admitted);
        QCOMPARE(rolledBack.policyVersion, 3);
    }

    void approvedRequestRaisesTheLimitUntilItLapses()
    {
        policies().publish(policyWithFreeLimit(1), 0, {});
        QuotaEngine e = engine();
        QVERIFY(e.acquire(QStringLiteral("user:dave"), {}, {}, 10000).admitted);
        QVERIFY(!e.acquire(QStringLiteral("user:dave"), {}, {}, 10000).admitted);

        RequestStore requests(*m_conn, prefix, Actor::detect(*m_conn));
        const qint64 nowMs =
            m_conn->call({"TIME"}).elements.value(0).toInteger(QStringLiteral("TIME")) * 1000;
        const qint64 id =
            requests.submit(QStringLiteral("user:dave"), QStringLiteral("requests"), QStringLiteral("day"), 5,
                            nowMs + 3600 * 1000, QStringLiteral("demo"));
        QVERIFY(!e.acquire(QStringLiteral("user:dave"), {}, {}, 10000).admitted); // pending changes nothing
        requests.approve(id);
        const Decision raised = e.acquire(QStringLiteral("user:dave"), {}, {}, 10000);
        QVERIFY2(raised.admitted, raised.raw.constData());
        QCOMPARE(raised.policyVersion, 2);

        // Two hours later the temporary raise has lapsed and the tier's limit applies again, with no job
        // running. (Same day in Asia/Shanghai is not guaranteed, so compare against the tier limit.)
        m_conn->call({"SET", "qd:clock:offset_ms", QByteArray::number(2 * 3600 * 1000)});
        const Decision lapsed = e.acquire(QStringLiteral("user:dave"), {}, {}, 10000);
        QCOMPARE(limitIn(raised, QStringLiteral("user:dave"), QStringLiteral("requests")), 5);
        QCOMPARE(limitIn(lapsed, QStringLiteral("user:dave"), QStringLiteral("requests")), 1);
        QCOMPARE(requests.get(id).state, QStringLiteral("expired"));
    }

    void operatorLoadFactorScalesTheTier()
    {
        policies().publish(policyWithFreeLimit(10), 0, {});
        policies().setLoadFactor(QStringLiteral("free"), 0.5, 600, QStringLiteral("upstream saturated"));
        QuotaEngine e = engine();
        const Decision d = e.acquire(QStringLiteral("user:erin"), {}, Reservation{100, 0}, 10000);
        QVERIFY(d.admitted);
        QCOMPARE(d.userFactor, 0.5);
        QCOMPARE(limitIn(d, QStringLiteral("user:erin"), QStringLiteral("requests")), 5);
        QCOMPARE(limitIn(d, QStringLiteral("user:erin"), QStringLiteral("tokens")), 500);
    }

    void shippedSamplePolicyPublishesAndAdmits()
    {
        QFile sample(QStringLiteral(":/policies/sample.json"));
        QVERIFY(sample.open(QIODevice::ReadOnly));
        policies().publish(sample.readAll(), 0, QStringLiteral("sample"));
        QuotaEngine e = engine();
        const Decision d = e.acquire(QStringLiteral("user:u0001"), QStringLiteral("client:webapp"),
                                     Reservation{500, 0.5}, 30000);
        QVERIFY2(d.admitted, d.raw.constData());
        e.settle(d.leaseId, Reservation{320, 0.25});
        QVERIFY_THROWS_EXCEPTION(StoreError, e.settle(d.leaseId, Reservation{320, 0.25}));
    }
};

QUOTADESK_TEST_MAIN(TestStoreIntegration)
#include "tst_StoreIntegration.moc"
