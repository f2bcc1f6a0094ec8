// The engine under store faults, against real redis-server processes: killed, stalled (SIGSTOP),
// restarted, failed over to a replica, and a compiled policy broken by hand. Decisions keep coming within
// 50 ms per the tier's on_store_unavailable, and local decisions are reported once the store is back.
#include "EngineTestSupport.h"
#include "LocalRedisServer.h"
#include "QuotaEngine.h"
#include "StoreError.h"
#include "TestMain.h"

#include <QElapsedTimer>
#include <QThread>

#include <csignal>

using namespace quotadesk;
using namespace quotadesk::enginetest;

namespace {
constexpr qint64 DecisionBudgetMs = 50;

// free: fail_closed; pro: fail_open, 3 requests / 1000 tokens a minute per subject while the store is down.
TestPolicy outagePolicy(qint64 version = 1)
{
    TestPolicy p;
    p.version = version;
    p.fields["tier:free"] = tier({limit("requests", "minute", 1000)});
    QJsonObject pro = tier({limit("requests", "minute", 1000)}, {{"model", "big"}});
    pro["on_store_unavailable"] = "fail_open";
    pro["emergency_budget"] = QJsonObject{{"requests", 3}, {"tokens", 1000}};
    p.fields["tier:pro"] = pro;
    p.fields["subject:user:paula"] = subject("pro");
    p.fields["subject:user:pete"] = subject("pro");
    return p;
}

// Sums field `field` over every `P ts:h:*` hash: the series as the console reads it.
qint64 seriesTotal(RedisConnection& conn, const QByteArray& field)
{
    qint64 total = 0;
    for (const RedisReply& key : conn.call({"KEYS", "qd:ts:h:*"}).elements) {
        const RedisReply v = conn.call({"HGET", key.string, field});
        total += v.isNil() ? 0 : v.string.toLongLong();
    }
    return total;
}

struct Timed
{
    Decision decision;
    qint64 ms = 0;
};
Timed timedAcquire(QuotaEngine& engine, const QString& user, qint64 tokens = 10)
{
    QElapsedTimer t;
    t.start();
    Timed r{engine.acquire(user, {}, {tokens, 0}, 60000), 0};
    r.ms = t.elapsed();
    return r;
}

// A failed budget check says how long and what the decision was, so a failure under load can be told apart.
QString tookTooLong(const Timed& r)
{
    return QStringLiteral("decision took %1 ms (budget %2 ms): code %3, %4")
        .arg(r.ms)
        .arg(DecisionBudgetMs)
        .arg(r.decision.code, r.decision.reason);
}

// Acquires until the store answers again (the engine retries after its backoff).
bool waitForStore(QuotaEngine& engine, const QString& user, int timeoutMs = 15000)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        const Decision d = engine.acquire(user, {}, {1, 0}, 60000);
        if (d.code != QLatin1String("store_unavailable") && d.code != QLatin1String("fail_open"))
            return d.admitted;
        QThread::msleep(20);
    }
    return false;
}
} // namespace

class TestFaultsEngine final : public QObject
{
    Q_OBJECT

private slots:
    void killedStoreDecidesLocallyAndReportsLater()
    {
        LocalRedisServer::Options options;
        options.extraConfig << "appendonly yes"
                            << "appendfsync always";
        LocalRedisServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RedisConnection admin(server.endpoint(), 10000);
        outagePolicy().write(admin);

        RedisConnection conn(server.endpoint());
        QuotaEngine engine(conn, QStringLiteral("qd:"), QStringLiteral("gw-fault"));
        engine.enableLocalDecisions();
        QVERIFY(engine.acquire(QStringLiteral("fred"), {}, {1, 0}, 60000).admitted);
        QCOMPARE(engine.cachedPolicyVersion(), qint64(1));

        server.kill();
        // fail_closed: every decision a clear denial, each within the budget.
        for (int i = 0; i < 20; ++i) {
            const Timed r = timedAcquire(engine, QStringLiteral("fred"));
            QVERIFY2(r.ms < DecisionBudgetMs, qPrintable(tookTooLong(r)));
            QVERIFY(!r.decision.admitted);
            QCOMPARE(r.decision.code, QStringLiteral("store_unavailable"));
            QVERIFY2(r.decision.reason.startsWith(QStringLiteral("store unreachable")) &&
                         r.decision.reason.contains(QStringLiteral("fail_closed")),
                     qPrintable(r.decision.reason));
        }
        // fail_open: exactly the emergency budget, per subject: 3 requests for paula...
        int admitted = 0;
        for (int i = 0; i < 6; ++i) {
            const Timed r = timedAcquire(engine, QStringLiteral("paula"));
            QVERIFY2(r.ms < DecisionBudgetMs, qPrintable(tookTooLong(r)));
            if (r.decision.admitted) {
                ++admitted;
                QCOMPARE(r.decision.code, QStringLiteral("fail_open"));
                QVERIFY(r.decision.leaseId.startsWith(QStringLiteral("local:")));
                QCOMPARE(r.decision.attributes.value(QStringLiteral("model")).toString(),
                         QStringLiteral("big"));
                engine.settle(r.decision.leaseId, {5, 0}); // accepted, nothing to correct in the store
            } else {
                QVERIFY2(r.decision.reason.contains(QStringLiteral("emergency budget of user:paula")),
                         qPrintable(r.decision.reason));
            }
        }
        QCOMPARE(admitted, 3);
        // ... and the token bound for pete: 1000 tokens = two reservations of 400.
        QVERIFY(timedAcquire(engine, QStringLiteral("pete"), 400).decision.admitted);
        QVERIFY(timedAcquire(engine, QStringLiteral("pete"), 400).decision.admitted);
        QVERIFY(!timedAcquire(engine, QStringLiteral("pete"), 400).decision.admitted);
        QCOMPARE(engine.failOpenAdmissions(), qint64(5));
        QCOMPARE(engine.failClosedDenials(), qint64(20 + 3 + 1));
        QVERIFY(!engine.storeAvailable());

        // Back (from the append-only file): the script cache is empty, so the engine recovers from NOSCRIPT.
        QVERIFY2(server.restart(), qPrintable(server.errorString()));
        RedisConnection admin2(server.endpoint(), 10000);
        QCOMPARE(admin2.call({"SCRIPT", "EXISTS", ScriptRunner::sha1(QStringLiteral("acquire"))})
                     .elements.value(0)
                     .integer,
                 qint64(0));
        QVERIFY(waitForStore(engine, QStringLiteral("fred")));
        QVERIFY(engine.storeAvailable());
        QCOMPARE(engine.unreportedLocalDecisions(), qint64(0));
        // Reported: the local decisions made during the outage, in the series.
        QCOMPARE(seriesTotal(admin2, "fleet|o"), engine.failOpenAdmissions());
        QCOMPARE(seriesTotal(admin2, "fleet|x"), engine.failClosedDenials());
        QCOMPARE(seriesTotal(admin2, "user:paula|o"), qint64(3));
        QCOMPARE(seriesTotal(admin2, "user:pete|x"), qint64(1));
        engine.heartbeat({});
        const QByteArray gw = admin2.call({"HGET", "qd:gateways", "gw-fault"}).string;
        QVERIFY2(gw.contains("\"fail_open_admissions\":5"), gw.constData());
        QVERIFY2(gw.contains(QByteArray("\"fail_closed_denials\":") +
                             QByteArray::number(engine.failClosedDenials())),
                 gw.constData());
        qInfo(
            "restart: %lld admitted by the store before and after; fleet|r in the series after restart: %lld "
            "(lost: %lld)",
            engine.admitted() - engine.failOpenAdmissions(), seriesTotal(admin2, "fleet|r"),
            engine.admitted() - engine.failOpenAdmissions() - seriesTotal(admin2, "fleet|r"));
        QCOMPARE(seriesTotal(admin2, "fleet|r"), engine.admitted() - engine.failOpenAdmissions());
    }

    void stalledStoreTimesOutWithinBudget()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RedisConnection admin(server.endpoint(), 10000);
        outagePolicy().write(admin);
        RedisConnection conn(server.endpoint());
        QuotaEngine engine(conn, QStringLiteral("qd:"), QStringLiteral("gw-stall"));
        LocalDecisionOptions options;
        options.commandTimeoutMs = 25;
        options.connectTimeoutMs = 25;
        engine.enableLocalDecisions(options);
        QVERIFY(engine.acquire(QStringLiteral("fred"), {}, {1, 0}, 60000).admitted);

        // A frozen Redis accepts connections but never answers: only the timeouts bound the wait.
        QCOMPARE(::kill(pid_t(server.processId()), SIGSTOP), 0);
        qint64 worst = 0;
        for (int i = 0; i < 30; ++i) {
            const Timed r = timedAcquire(engine, QStringLiteral("fred"));
            worst = std::max(worst, r.ms);
            QCOMPARE(r.decision.code, QStringLiteral("store_unavailable"));
            QThread::msleep(10); // let the backoff expire now and then, so reconnects are timed too
        }
        ::kill(pid_t(server.processId()), SIGCONT);
        qInfo("slowest decision while Redis was stopped: %lld ms", worst);
        QVERIFY2(worst < DecisionBudgetMs,
                 qPrintable(QStringLiteral("slowest decision while Redis was stopped: %1 ms").arg(worst)));
        QVERIFY(waitForStore(engine, QStringLiteral("fred")));
    }

    void brokenPolicyKeepsLastGood()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RedisConnection admin(server.endpoint(), 10000);
        outagePolicy().write(admin);
        RedisConnection conn(server.endpoint(), 10000);
        QuotaEngine engine(conn, QStringLiteral("qd:"), QStringLiteral("gw-broken"));
        engine.enableLocalDecisions(LocalDecisionOptions{2000, 2000, 100, 5000});
        QVERIFY(engine.acquire(QStringLiteral("fred"), {}, {1, 0}, 60000).admitted);

        // Garbage in the plan acquire reads for free-tier users: the script answers bad_policy; the engine
        // decides by the cached policy.
        admin.call({"HSET", "qd:policy:compiled", "plan:default", "T free\nL requ"});
        const Decision closed = engine.acquire(QStringLiteral("fred"), {}, {1, 0}, 60000);
        QCOMPARE(closed.code, QStringLiteral("store_unavailable"));
        QVERIFY2(closed.reason.startsWith(QStringLiteral("store policy unusable")) &&
                     closed.reason.contains(QStringLiteral("qd:policy:compiled field plan:default line 2")),
                 qPrintable(closed.reason));
        QVERIFY(engine.policyProblem().contains(QStringLiteral("plan:default")));
        // Garbage in paula's plan: pro is fail_open in the cached policy, so she is admitted locally.
        admin.call({"HSET", "qd:policy:compiled", "plan:user:paula", "T pro\nL requests minute none 0 -"});
        const Decision open = engine.acquire(QStringLiteral("paula"), {}, {1, 0}, 60000);
        QCOMPARE(open.code, QStringLiteral("fail_open"));
        QVERIFY(open.admitted);

        // A refresh never takes a broken policy: truncated meta, then an unknown schema, keep version 1.
        outagePolicy(1).write(admin);
        admin.call({"HSET", "qd:policy:compiled", "meta", "{\"version\": 2, \"default_ti"});
        QVERIFY(!engine.refreshPolicy());
        QVERIFY2(
            engine.policyProblem().contains(QStringLiteral("qd:policy:compiled field meta: not valid JSON")),
            qPrintable(engine.policyProblem()));
        TestPolicy future = outagePolicy(3);
        future.write(admin);
        admin.call({"HSET", "qd:policy:compiled", "meta",
                    "{\"version\":3,\"schema\":9,\"default_tier\":\"free\",\"tz\":[]}"});
        QVERIFY(!engine.refreshPolicy());
        QVERIFY2(engine.policyProblem().contains(QStringLiteral("unknown schema 9")),
                 qPrintable(engine.policyProblem()));
        admin.call({"HSET", "qd:policy:compiled", "tier:pro", "{\"on_store_unavailable\":\"maybe\"}"});
        QVERIFY(!engine.refreshPolicy());
        QCOMPARE(engine.cachedPolicyVersion(), qint64(1));

        // Garbage in the document key does not reach the engine at all: it reads the compiled hash only.
        outagePolicy(4).write(admin);
        admin.call({"SET", "qd:policy", "\x01\x02 not json"});
        const Decision fine = engine.acquire(QStringLiteral("fred"), {}, {1, 0}, 60000);
        QVERIFY2(fine.admitted && fine.code.isEmpty(), fine.raw.constData());
        QCOMPARE(engine.cachedPolicyVersion(), qint64(4));
        QVERIFY(engine.policyProblem().isEmpty());
    }

    void failoverToPromotedReplica()
    {
        LocalRedisServer::Options primaryOptions;
        primaryOptions.extraConfig << "repl-diskless-sync-delay 0";
        LocalRedisServer primary(primaryOptions);
        QVERIFY2(primary.start(), qPrintable(primary.errorString()));
        LocalRedisServer::Options replicaOptions;
        replicaOptions.extraConfig << QStringLiteral("replicaof 127.0.0.1 %1").arg(primary.port());
        LocalRedisServer replica(replicaOptions);
        QVERIFY2(replica.start(), qPrintable(replica.errorString()));

        RedisConnection replicaAdmin(replica.endpoint(), 10000);
        QElapsedTimer syncing;
        syncing.start();
        while (!replicaAdmin.call({"INFO", "replication"}).string.contains("master_link_status:up") &&
               syncing.elapsed() < 20000)
            QThread::msleep(50);
        RedisConnection admin(primary.endpoint(), 10000);
        TestPolicy p = outagePolicy();
        QJsonObject pro = p.fields["tier:pro"];
        pro["emergency_budget"] = QJsonObject{{"requests", 1000}};
        p.fields["tier:pro"] = pro;
        p.write(admin);
        QCOMPARE(admin.call({"WAIT", "1", "5000"}).integer, qint64(1));

        RedisConnection conn(primary.endpoint());
        QuotaEngine engine(conn, QStringLiteral("qd:"), QStringLiteral("gw-failover"));
        engine.enableLocalDecisions();
        qint64 storeAdmitted = 0;
        for (int i = 0; i < 200; ++i)
            storeAdmitted += engine.acquire(QStringLiteral("paula"), {}, {1, 0}, 60000).admitted ? 1 : 0;
        QCOMPARE(storeAdmitted, qint64(200));

        primary.kill();
        int local = 0;
        for (int i = 0; i < 20; ++i) {
            const Timed r = timedAcquire(engine, QStringLiteral("paula"));
            QVERIFY2(r.ms < DecisionBudgetMs, qPrintable(tookTooLong(r)));
            QCOMPARE(r.decision.code, QStringLiteral("fail_open"));
            ++local;
        }
        RedisConnection promoted(replica.endpoint(), 10000);
        promoted.call({"REPLICAOF", "NO", "ONE"});
        conn.setEndpoint(replica.endpoint());
        QCOMPARE(promoted.call({"SCRIPT", "EXISTS", ScriptRunner::sha1(QStringLiteral("acquire"))})
                     .elements.value(0)
                     .integer,
                 qint64(0));
        QVERIFY(waitForStore(engine, QStringLiteral("paula")));
        const Decision after = engine.acquire(QStringLiteral("paula"), {}, {1, 0}, 60000);
        QVERIFY(after.admitted && after.code.isEmpty());
        engine.settle(after.leaseId, {1, 0});

        const qint64 onReplica = seriesTotal(promoted, "user:paula|r");
        const qint64 byStore = engine.admitted() - engine.failOpenAdmissions();
        qInfo("failover: the store admitted %lld for paula, the promoted replica counts %lld (lost in "
              "replication: %lld); %d local fail-open admissions, reported: %lld",
              byStore, onReplica, byStore - onReplica, local, seriesTotal(promoted, "user:paula|o"));
        QCOMPARE(seriesTotal(promoted, "user:paula|o"), engine.failOpenAdmissions());
        QVERIFY(engine.failOpenAdmissions() >= local);
        QVERIFY(onReplica <= byStore);
        QVERIFY(onReplica >= 2); // at least what was acquired after the promotion
    }
};

QUOTADESK_TEST_MAIN(TestFaultsEngine)
#include "tst_FaultsEngine.moc"
