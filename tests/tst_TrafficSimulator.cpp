// The traffic simulator against a real redis-server and the real engine: its counts must agree exactly with
// what the store recorded, it must stop when asked, and one seed must mean one traffic.
#include "DemoEnvironment.h"
#include "LocalRedisServer.h"
#include "RedisConnection.h"
#include "StoreError.h"
#include "TestMain.h"
#include "TrafficModel.h"
#include "TrafficSimulator.h"

#include <QElapsedTimer>
#include <QThread>

#include <cmath>

using namespace quotadesk;

namespace {
// Every key matching `pattern` (tests only: the product never scans).
QList<QByteArray> scanKeys(RedisConnection& conn, const QByteArray& pattern)
{
    QList<QByteArray> keys;
    QByteArray cursor = "0";
    do {
        const RedisReply reply = conn.call({"SCAN", cursor, "MATCH", pattern, "COUNT", "1000"});
        cursor = reply.elements[0].string;
        for (const RedisReply& k : reply.elements[1].elements)
            keys << k.string;
    } while (cursor != "0");
    return keys;
}

qint64 sumSeriesField(RedisConnection& conn, const QByteArray& field)
{
    qint64 sum = 0;
    for (const QByteArray& key : scanKeys(conn, "qd:ts:h:*")) {
        const RedisReply v = conn.call({"HGET", key, field});
        if (!v.isNil())
            sum += v.toInteger(QString::fromUtf8(key));
    }
    return sum;
}

qint64 openLeases(RedisConnection& conn)
{
    qint64 n = 0;
    for (const QByteArray& key : scanKeys(conn, "qd:conc:user:*"))
        n += conn.call({"ZCARD", key}).integer;
    return n;
}

SimulationOptions fastOptions(const LocalRedisServer& server)
{
    SimulationOptions o;
    o.endpoint = server.endpoint();
    o.gateways = 4;
    o.rate = 150;
    o.subjects = 60;
    o.seed = 7;
    o.dayLengthSeconds = 4;
    o.latencyScale = 0.05; // calls finish in tens of ms, so many leases settle during the run
    o.requestProbability = 1.0;
    return o;
}
} // namespace

class TestTrafficSimulator final : public QObject
{
    Q_OBJECT

private slots:
    void sameSeedSameTraffic()
    {
        const QStringList named{QStringLiteral("user:alice"), QStringLiteral("user:u0002")};
        const QStringList clients{QStringLiteral("client:a"), QStringLiteral("client:b")};
        const TrafficModel a(300, 42, named, clients), b(300, 42, named, clients), c(300, 43, named, clients);
        // user:u0002 is both named and simulated: it must appear once.
        QCOMPARE(a.users().size(), 301);
        QCOMPARE(
            std::count_if(a.users().begin(), a.users().end(),
                          [](const TrafficModel::User& u) { return u.id == QLatin1String("user:u0002"); }),
            1);
        QCOMPARE(a.users().last().id, QStringLiteral("user:u0300"));
        int heavy = 0;
        for (int i = 0; i < a.users().size(); ++i) {
            QCOMPARE(a.users()[i].id, b.users()[i].id);
            QCOMPARE(a.users()[i].weight, b.users()[i].weight);
            heavy += a.users()[i].heavy ? 1 : 0;
        }
        QVERIFY2(heavy >= 3 && heavy <= 12, qPrintable(QString::number(heavy)));

        auto ra = TrafficModel::generator(42, 1), rb = TrafficModel::generator(42, 1),
             rc = TrafficModel::generator(43, 1), other = TrafficModel::generator(42, 2);
        int differentSeed = 0, differentStream = 0, failed = 0, leaked = 0, bursts = 0, overruns = 0;
        const int n = 5000;
        for (int i = 0; i < n; ++i) {
            const auto x = a.next(ra), y = b.next(rb), z = c.next(rc), w = a.next(other);
            QCOMPARE(x.user, y.user);
            QCOMPARE(x.client, y.client);
            QCOMPARE(x.reservedTokens, y.reservedTokens);
            QCOMPARE(x.actualTokens, y.actualTokens);
            QCOMPARE(x.latencyMs, y.latencyMs);
            QCOMPARE(int(x.outcome), int(y.outcome));
            QCOMPARE(x.repeat, y.repeat);
            differentSeed += (x.user != z.user || x.reservedTokens != z.reservedTokens) ? 1 : 0;
            differentStream += (x.user != w.user || x.reservedTokens != w.reservedTokens) ? 1 : 0;
            failed += x.outcome == TrafficModel::Outcome::Fail ? 1 : 0;
            leaked += x.outcome == TrafficModel::Outcome::Leak ? 1 : 0;
            bursts += x.repeat > 1 ? 1 : 0;
            overruns += x.actualTokens > x.reservedTokens ? 1 : 0;
            QVERIFY(x.reservedTokens > 0 && x.actualTokens > 0 && x.latencyMs > 0);
            QVERIFY(x.reservedGpuSeconds > 0 && x.actualGpuSeconds > 0);
            QVERIFY(x.client.isEmpty() || clients.contains(x.client));
        }
        QVERIFY(differentSeed > n * 9 / 10);
        QVERIFY(differentStream > n * 9 / 10);
        // The mix the docs promise: about 3% failures, 0.5% leaks, 1.5% bursts, 3% overruns.
        QVERIFY2(failed > n / 100 && failed < n / 15, qPrintable(QString::number(failed)));
        QVERIFY2(leaked > 0 && leaked < n / 50, qPrintable(QString::number(leaked)));
        QVERIFY2(bursts > 0 && bursts < n / 20, qPrintable(QString::number(bursts)));
        QVERIFY2(overruns > n / 100 && overruns < n / 15, qPrintable(QString::number(overruns)));
    }

    void loadCurveAveragesOneOverADay()
    {
        const double day = 600;
        double sum = 0, lo = 10, hi = 0;
        const int steps = 6000;
        for (int i = 0; i < steps; ++i) {
            const double v = TrafficModel::loadAt(day * i / steps, day);
            sum += v;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        QVERIFY(std::abs(sum / steps - 1.0) < 1e-9);
        QVERIFY2(lo > 0.3 && lo < 0.5, qPrintable(QString::number(lo)));
        QVERIFY2(hi > 1.5 && hi < 1.8, qPrintable(QString::number(hi)));
        QCOMPARE(TrafficModel::loadAt(0, day), 1.0);
        QVERIFY(TrafficModel::loadAt(day / 10, day) > 1.0); // the morning rises
        QCOMPARE(TrafficModel::loadAt(day * 3 + 17, day), TrafficModel::loadAt(17, day));
    }

    void countsMatchTheStoreExactly()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RedisConnection conn(server.endpoint());
        QCOMPARE(DemoEnvironment::publishSample(conn, QStringLiteral("qd:"), QStringLiteral("test")), 1);

        TrafficSimulator sim(fastOptions(server));
        SimulationOptions o = sim.options();
        o.durationSeconds = 4;
        TrafficSimulator bounded(o);
        QElapsedTimer timer;
        timer.start();
        bounded.start();
        bounded.wait();
        QVERIFY2(timer.elapsed() < 9000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!bounded.isRunning());
        const SimulationStats s = bounded.stats();
        QVERIFY2(s.errors == 0, qPrintable(s.lastError));
        QVERIFY2(s.decisions() > 200, qPrintable(QString::number(s.decisions())));
        QVERIFY(s.admitted > 0);
        QVERIFY2(s.denied > 0, "the heavy users should have run into their limits");
        QVERIFY(s.settled > 0);

        // Every admitted acquire got exactly one lease, and every lease ended one way or the other.
        QCOMPARE(conn.call({"GET", "qd:lease:seq"}).toInteger(QStringLiteral("qd:lease:seq")), s.admitted);
        QCOMPARE(s.settled + s.released + s.leaked, s.admitted);
        // The store's own series agree with the simulator's counts.
        QCOMPARE(sumSeriesField(conn, "fleet|r"), s.admitted);
        QCOMPARE(sumSeriesField(conn, "fleet|d"), s.denied);
        // Only the deliberately leaked leases still hold a concurrency slot (they expire after the TTL).
        QCOMPARE(openLeases(conn), s.leaked);
        // Each quota-increase request the simulator counted is in the store, pending.
        QCOMPARE(conn.call({"ZCARD", "qd:requests:all"}).integer, s.requestsSubmitted);
        QVERIFY2(s.requestsSubmitted > 0, "a user denied by its own limit should have asked for more");
        QCOMPARE(conn.call({"ZCARD", "qd:requests:pending"}).integer, s.requestsSubmitted);
        // Every gateway reported, with the signals the load rules read.
        QCOMPARE(conn.call({"HLEN", "qd:gateways"}).integer, 4);
        QVERIFY(s.heartbeats >= 4);
        const QByteArray gw =
            conn.call({"HGET", "qd:gateways", TrafficSimulator::gatewayId(0).toUtf8()}).toBytes("gateway");
        QVERIFY2(gw.contains("upstream_latency_ms") && gw.contains("denial_rate"), gw.constData());
    }

    void stopEndsAnUnboundedRunPromptly()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RedisConnection conn(server.endpoint());
        DemoEnvironment::publishSample(conn, QStringLiteral("qd:"), QStringLiteral("test"));
        SimulationOptions o = fastOptions(server);
        o.latencyScale = 1.0; // calls take seconds: plenty are in flight when stop() comes
        TrafficSimulator sim(o);
        sim.start();
        QThread::msleep(1500);
        QVERIFY(sim.isRunning());
        QElapsedTimer timer;
        timer.start();
        sim.stop();
        sim.wait();
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!sim.isRunning());
        const SimulationStats s = sim.stats();
        QVERIFY2(s.errors == 0, qPrintable(s.lastError));
        QVERIFY(s.admitted > 0);
        // Calls in flight were finished on the way out, so again only leaked leases are open.
        QCOMPARE(s.settled + s.released + s.leaked, s.admitted);
        QCOMPARE(openLeases(conn), s.leaked);
    }

    void survivesTheStoreGoingAway()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RedisConnection conn(server.endpoint());
        DemoEnvironment::publishSample(conn, QStringLiteral("qd:"), QStringLiteral("test"));
        TrafficSimulator sim(fastOptions(server));
        sim.start();
        QThread::msleep(500);
        server.kill();
        QThread::msleep(800);
        QVERIFY(sim.isRunning()); // gateways keep trying, as real ones would
        QElapsedTimer timer;
        timer.start();
        sim.stop();
        sim.wait();
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        const SimulationStats s = sim.stats();
        QVERIFY(s.errors > 0);
        QVERIFY2(s.lastError.contains(QStringLiteral("127.0.0.1")), qPrintable(s.lastError));
    }

    void startRefusesWithoutPolicyOrStore()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        SimulationOptions o = fastOptions(server);
        try {
            TrafficSimulator(o).start();
            QFAIL("started without a policy");
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::NotFound);
            QVERIFY2(e.message().contains(QStringLiteral("qd:policy")), qPrintable(e.message()));
        }
        RedisConnection conn(server.endpoint());
        conn.call({"SET", "qd:policy", "{not json"});
        try {
            TrafficSimulator(o).start();
            QFAIL("started with garbage as the policy");
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::Protocol);
            QVERIFY2(e.message().contains(QStringLiteral("qd:policy")), qPrintable(e.message()));
        }
        o.gateways = 0;
        QVERIFY_THROWS_EXCEPTION(StoreError, TrafficSimulator(o).start());
        o = fastOptions(server);
        server.stop();
        try {
            TrafficSimulator(o).start();
            QFAIL("started without a store");
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::Unreachable);
        }
    }

    void demoEnvironmentRunsAndCleansUp()
    {
        RedisEndpoint endpoint;
        {
            SimulationOptions o;
            o.rate = 40;
            o.latencyScale = 0.1;
            DemoEnvironment demo(o);
            QVERIFY2(demo.start(), qPrintable(demo.errorString()));
            endpoint = demo.endpoint();
            QCOMPARE(endpoint.prefix, QStringLiteral("qd:"));
            RedisConnection conn(endpoint);
            QCOMPARE(conn.call({"GET", "qd:policy:version"}).toInteger(QStringLiteral("version")), 1);
            QTRY_VERIFY_WITH_TIMEOUT(demo.simulator()->stats().admitted > 0, 5000);
            QVERIFY(demo.isRunning());
            // The subjects index is fed by the usage log, which the gateways' heartbeats fold every second.
            QTRY_VERIFY_WITH_TIMEOUT(conn.call({"ZCARD", "qd:subjects"}).integer > 0, 5000);
        } // the destructor stops the gateways and the server
        RedisConnection after(endpoint, 500);
        try {
            after.connect();
            QFAIL("the demo's redis-server outlived the DemoEnvironment");
        } catch (const StoreError& e) {
            QVERIFY(e.kind() == StoreError::Kind::Unreachable || e.kind() == StoreError::Kind::Timeout);
        }
    }
};

QUOTADESK_TEST_MAIN(TestTrafficSimulator)
#include "tst_TrafficSimulator.moc"
