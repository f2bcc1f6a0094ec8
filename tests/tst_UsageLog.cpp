// The usage log (docs/store-contract.md, "Usage log"): acquire and settle append one record per decision or
// correction; acquire folds the log in batches and every heartbeat folds what is left. Checked against a
// real redis-server: batching, exact sums, settle corrections in the acquire's periods, peak concurrency and
// records someone else wrote.
#include "EngineTestSupport.h"
#include "LocalRedisServer.h"
#include "QuotaEngine.h"
#include "RedisConnection.h"
#include "TestMain.h"

#include <memory>

using namespace quotadesk;
using namespace quotadesk::enginetest;

namespace {

constexpr int kFoldBatch = 64; // acquire.lua DRAIN_AT

} // namespace

class TestUsageLog final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_conn;
    std::unique_ptr<QuotaEngine> m_engine;

    RedisConnection& conn() { return *m_conn; }
    QuotaEngine& engine() { return *m_engine; }

    qint64 llen() { return conn().call({"LLEN", "qd:usage:log"}).integer; }

    // `field` of the per-minute series hash of the minute holding `ms`.
    qint64 minuteField(qint64 ms, const QByteArray& field)
    {
        const QByteArray key = "qd:ts:m:" + QByteArray::number(ms - ms % 60000);
        return conn().call({"HGET", key, field}).string.toLongLong();
    }

private slots:
    void init()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint());
        m_engine = std::make_unique<QuotaEngine>(*m_conn, QStringLiteral("qd:"), QStringLiteral("gw-log"));
        TestPolicy p;
        p.fields["tier:free"] =
            tier({limit("requests", "minute", 1000000), limit("tokens", "day", 1000000000)});
        p.fields["group:pool"] = group({limit("tokens", "day", 1000000000)});
        p.fields["subject:user:pooled"] = subject({}, "pool");
        p.write(conn());
        // 12:00:05: every acquire of a test lands in one minute and one day.
        setStoreTimeToNoon(conn());
        advance(conn(), 5000);
    }

    void cleanup()
    {
        m_engine.reset();
        m_conn.reset();
        m_server.reset();
    }

    void acquireFoldsEveryBatch()
    {
        const qint64 start = storeNowMs(conn());
        for (int i = 1; i < kFoldBatch; ++i)
            QVERIFY(engine().acquire(QStringLiteral("alice"), {}, {10, 0}, 60000).admitted);
        QCOMPARE(llen(), kFoldBatch - 1);
        QCOMPARE(minuteField(start, "fleet|r"), 0); // nothing folded yet
        QVERIFY(engine().acquire(QStringLiteral("alice"), {}, {10, 0}, 60000).admitted);
        QCOMPARE(llen(), 0);
        QCOMPARE(minuteField(start, "fleet|r"), kFoldBatch);
        QCOMPARE(minuteField(start, "user:alice|t"), 10 * kFoldBatch);
        QCOMPARE(minuteField(start, "tier:free|t"), 10 * kFoldBatch);
        QCOMPARE(minuteField(start, "user:alice|c"), kFoldBatch); // none settled: all open at the end
        QCOMPARE(conn().call({"ZRANGE", "qd:subjects", "0", "-1"}).elements.size(), 1);
        // The minute's series lives 8 days after the minute; a ranking one period after its own.
        const QByteArray minuteKey = "qd:ts:m:" + QByteArray::number(start - start % 60000);
        QVERIFY(conn().call({"PTTL", minuteKey}).integer > 8LL * 86400000);
        const RedisReply minuteTop = conn().call({"KEYS", "qd:top:requests:minute:*"});
        QCOMPARE(minuteTop.elements.size(), 1);
        const qint64 ttl = conn().call({"PTTL", minuteTop.elements[0].string}).integer;
        QVERIFY2(ttl > 0 && ttl <= 120000, qPrintable(QString::number(ttl)));
    }

    void heartbeatFoldsTheRestAndFoldOnlyRecordsNoGateway()
    {
        const qint64 start = storeNowMs(conn());
        QVERIFY(engine().acquire(QStringLiteral("bob"), QStringLiteral("app"), {5, 0}, 60000).admitted);
        QCOMPARE(llen(), 1);
        engine().heartbeat({});
        QCOMPARE(llen(), 0);
        QCOMPARE(minuteField(start, "client:app|t"), 5);
        QCOMPARE(conn().call({"HLEN", "qd:gateways"}).integer, 1);

        QVERIFY(engine().acquire(QStringLiteral("bob"), {}, {5, 0}, 60000).admitted);
        QCOMPARE(engine().foldUsage(), 1);
        QCOMPARE(minuteField(start, "user:bob|t"), 10);
        QCOMPARE(conn().call({"HLEN", "qd:gateways"}).integer, 1); // the fold alone is no gateway
        QCOMPARE(engine().foldUsage(), 0);
    }

    void settleCorrectsThePeriodsOfTheAcquire()
    {
        const qint64 start = storeNowMs(conn());
        const Decision d = engine().acquire(QStringLiteral("pooled"), {}, {100, 0}, 600000);
        QVERIFY(d.admitted);
        // Settled two minutes later: the correction belongs to the minute the tokens were reserved in.
        setOffset(conn(), offset(conn()) + 120000);
        engine().settle(d.leaseId, {30, 0});
        QCOMPARE(engine().foldUsage(), 2);
        QCOMPARE(minuteField(start, "user:pooled|t"), 30);
        QCOMPARE(minuteField(start, "group:pool|t"), 30);
        QCOMPARE(minuteField(start, "fleet|r"), 1);
        QCOMPARE(minuteField(start + 120000, "fleet|t"), 0);
        const RedisReply day = conn().call({"KEYS", "qd:top:tokens:day:*"});
        QCOMPARE(day.elements.size(), 1);
        QCOMPARE(conn().call({"ZSCORE", day.elements[0].string, "user:pooled"}).string, QByteArray("30"));
    }

    void peakConcurrencyIsTheMostOpenAtOnce()
    {
        const qint64 start = storeNowMs(conn());
        QList<QString> leases;
        for (int i = 0; i < 5; ++i)
            leases << engine().acquire(QStringLiteral("carol"), QStringLiteral("app"), {1, 0}, 60000).leaseId;
        for (const QString& id : leases)
            engine().release(id);
        QVERIFY(engine().acquire(QStringLiteral("carol"), {}, {1, 0}, 60000).admitted);
        engine().foldUsage();
        QCOMPARE(minuteField(start, "user:carol|c"), 5);
        QCOMPARE(minuteField(start, "client:app|c"), 5);
        // A later, lower peak in the same minute leaves it alone.
        QVERIFY(engine().acquire(QStringLiteral("carol"), {}, {1, 0}, 60000).admitted);
        engine().foldUsage();
        QCOMPARE(minuteField(start, "user:carol|c"), 5);
    }

    void recordsSomeoneElseWroteAreSkippedAndCounted()
    {
        const qint64 start = storeNowMs(conn());
        QVERIFY(engine().acquire(QStringLiteral("dave"), {}, {7, 0}, 60000).admitted);
        conn().call({"RPUSH", "qd:usage:log", "garbage", "1 2 3", QByteArray(100000, 'x')});
        QVERIFY(engine().acquire(QStringLiteral("dave"), {}, {7, 0}, 60000).admitted);
        QCOMPARE(engine().foldUsage(), 5);
        QCOMPARE(conn().call({"GET", "qd:usage:rejected"}).string, QByteArray("3"));
        QCOMPARE(minuteField(start, "user:dave|t"), 14);
        // A log that is not a list: decisions and settles go on, the fold names the key.
        conn().call({"SET", "qd:usage:log", "not a list"});
        const Decision d = engine().acquire(QStringLiteral("dave"), {}, {7, 0}, 60000);
        QVERIFY(d.admitted);
        engine().settle(d.leaseId, {1, 0});
        try {
            engine().foldUsage();
            QFAIL("folding a string key succeeded");
        } catch (const StoreError& e) {
            QVERIFY2(e.message().contains("qd:usage:log is not a list"), qPrintable(e.message()));
        }
    }
};

QUOTADESK_TEST_MAIN(TestUsageLog)
#include "tst_UsageLog.moc"
