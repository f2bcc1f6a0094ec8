// Windows of the acquire script against a real redis-server: token buckets (second, minute, hour, with
// burst and exact refill) and calendar counters (day, month) rolling over in a policy time zone, driven by
// `P clock:offset_ms` instead of waiting.
#include "EngineTestSupport.h"
#include "LocalRedisServer.h"
#include "QuotaEngine.h"
#include "RedisConnection.h"
#include "TestMain.h"

#include <memory>

using namespace quotadesk;
using namespace quotadesk::enginetest;

class TestEngineWindows final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_conn;
    std::unique_ptr<QuotaEngine> m_engine;

    RedisConnection& conn() { return *m_conn; }
    // Acquires until the first denial (at most `max`), releasing nothing; returns how many were admitted.
    int admitUntilDenied(const QString& user, Reservation r = {}, int max = 1000)
    {
        int n = 0;
        while (n < max && m_engine->acquire(user, {}, r, 3600000).admitted)
            ++n;
        return n;
    }
    void writeTier(const QJsonArray& limits, const QJsonArray& tz = {})
    {
        TestPolicy p;
        p.tz = tz;
        p.fields["tier:free"] = tier(limits);
        p.write(conn());
    }
    QByteArray onlyKey(const QByteArray& pattern)
    {
        const RedisReply keys = conn().call({"KEYS", pattern});
        return keys.elements.size() == 1
                   ? keys.elements[0].string
                   : QByteArray("(") + QByteArray::number(keys.elements.size()) + " keys)";
    }

private slots:
    void init()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint());
        m_engine = std::make_unique<QuotaEngine>(*m_conn, QStringLiteral("qd:"), QStringLiteral("gw"));
    }

    void cleanup()
    {
        m_engine.reset();
        m_conn.reset();
        m_server.reset();
    }

    void secondWindowRefillsContinuously()
    {
        writeTier({limit("requests", "second", 2)});
        QCOMPARE(admitUntilDenied("sue"), 2);
        const Decision d = m_engine->acquire("sue", {}, {}, 1000);
        QVERIFY(!d.admitted);
        QCOMPARE(d.deniedBy.window, QStringLiteral("second"));
        QVERIFY2(d.retryAfterSeconds > 0 && d.retryAfterSeconds <= 0.5,
                 qPrintable(QString::number(d.retryAfterSeconds)));
        advance(conn(), 500); // 2 per second: exactly one more
        QCOMPARE(admitUntilDenied("sue"), 1);
    }

    void minuteBurstThenRefill()
    {
        writeTier({limit("requests", "minute", 10, 5)});
        QCOMPARE(admitUntilDenied("bo"), 15);
        advance(conn(), 6000); // 10 per minute = one every 6 s
        QCOMPARE(admitUntilDenied("bo"), 1);
        advance(conn(), 600000); // refills to capacity, never beyond
        QCOMPARE(admitUntilDenied("bo"), 15);
        const Decision d = m_engine->acquire("bo", {}, {}, 1000);
        QCOMPARE(d.deniedBy.limit, 10);
        QCOMPARE(d.limits.at(0).burst, 5);
        QCOMPARE(d.limits.at(0).remaining, 0);
    }

    void hourTokensExact()
    {
        writeTier({limit("tokens", "hour", 3600)});
        QVERIFY(m_engine->acquire("ty", {}, {3600, 0}, 1000).admitted);
        const Decision d = m_engine->acquire("ty", {}, {1, 0}, 1000);
        QVERIFY(!d.admitted);
        QVERIFY2(d.retryAfterSeconds > 0.9 && d.retryAfterSeconds <= 1.0,
                 qPrintable(QString::number(d.retryAfterSeconds)));
        const qint64 ttl = conn().call({"PTTL", "qd:tb:user:ty:tokens:hour"}).integer;
        QVERIFY2(ttl > 3590000 && ttl <= 3600001, qPrintable(QString::number(ttl))); // gone once full again
        advance(conn(), 1000);                                                       // one token per second
        QVERIFY(m_engine->acquire("ty", {}, {1, 0}, 1000).admitted);
        QVERIFY(!m_engine->acquire("ty", {}, {1, 0}, 1000).admitted);
        const Decision never = m_engine->acquire("ty", {}, {3601, 0}, 1000);
        QCOMPARE(never.retryAfterSeconds, -1.0);
    }

    void gpuSecondsHourBucket()
    {
        writeTier({limit("gpu_seconds", "hour", 3600)}); // 3.6 gpu-seconds per hour, compiled to gpu_ms
        QVERIFY(m_engine->acquire("gi", {}, {0, 3.599}, 1000).admitted);
        QVERIFY(m_engine->acquire("gi", {}, {0, 0.001}, 1000).admitted);
        QVERIFY(!m_engine->acquire("gi", {}, {0, 0.001}, 1000).admitted);
        advance(conn(), 1000); // one gpu_ms per second
        QVERIFY(m_engine->acquire("gi", {}, {0, 0.001}, 1000).admitted);
        QVERIFY(!m_engine->acquire("gi", {}, {0, 0.001}, 1000).admitted);
    }

    void dayRollsOverAtLocalMidnight()
    {
        writeTier({limit("requests", "day", 2)}, QJsonArray{QJsonArray{0, 28800}}); // Asia/Shanghai
        setStoreTime(conn(), utcMs("2025-03-14T15:59:50.000Z"));                    // 23:59:50 local
        QCOMPARE(admitUntilDenied("li"), 2);
        const Decision d = m_engine->acquire("li", {}, {}, 1000);
        QVERIFY2(d.retryAfterSeconds > 8 && d.retryAfterSeconds <= 10,
                 qPrintable(QString::number(d.retryAfterSeconds)));
        QCOMPARE(onlyKey("qd:cnt:user:li:requests:day:*"),
                 "qd:cnt:user:li:requests:day:" + QByteArray::number(utcMs("2025-03-13T16:00:00.000Z")));
        advance(conn(), 15000);
        QCOMPARE(admitUntilDenied("li"), 2);
        QCOMPARE(counter(conn(), "qd:cnt:user:li:requests:day:" +
                                     QByteArray::number(utcMs("2025-03-14T16:00:00.000Z"))),
                 2);
    }

    void monthRollsOverInNonUtcZone_data()
    {
        QTest::addColumn<QString>("before"); // 23:59:55 local on the last day of a month
        QTest::addColumn<QString>("periodStart");
        QTest::addColumn<QString>("nextStart");
        QTest::newRow("january") << "2025-01-31T15:59:55.000Z"
                                 << "2024-12-31T16:00:00.000Z"
                                 << "2025-01-31T16:00:00.000Z";
        QTest::newRow("leap february") << "2024-02-29T15:59:55.000Z"
                                       << "2024-01-31T16:00:00.000Z"
                                       << "2024-02-29T16:00:00.000Z";
        QTest::newRow("year end") << "2024-12-31T15:59:55.000Z"
                                  << "2024-11-30T16:00:00.000Z"
                                  << "2024-12-31T16:00:00.000Z";
    }

    void monthRollsOverInNonUtcZone()
    {
        QFETCH(QString, before);
        QFETCH(QString, periodStart);
        QFETCH(QString, nextStart);
        writeTier({limit("tokens", "month", 100)}, QJsonArray{QJsonArray{0, 28800}});
        setStoreTime(conn(), utcMs(before.toLatin1()));
        QVERIFY(m_engine->acquire("mo", {}, {100, 0}, 1000).admitted);
        QVERIFY(!m_engine->acquire("mo", {}, {1, 0}, 1000).admitted);
        const QByteArray first =
            "qd:cnt:user:mo:tokens:month:" + QByteArray::number(utcMs(periodStart.toLatin1()));
        QCOMPARE(counter(conn(), first), 100);
        // Expires one period after it ends.
        const qint64 end = utcMs(nextStart.toLatin1());
        const qint64 ttl = conn().call({"PTTL", first}).integer;
        const qint64 expected = end + (end - utcMs(periodStart.toLatin1())) - utcMs(before.toLatin1());
        QVERIFY2(qAbs(ttl - expected) < 3000, qPrintable(QString::number(ttl - expected)));
        advance(conn(), 10000); // 00:00:05 local on the 1st; still the old month in UTC
        QVERIFY(m_engine->acquire("mo", {}, {100, 0}, 1000).admitted);
        QCOMPARE(counter(conn(), "qd:cnt:user:mo:tokens:month:" + QByteArray::number(end)), 100);
    }

    void dayLengthFollowsDaylightSavingTransitions()
    {
        // America/New_York in 2024: EST until 2024-03-10 07:00 UTC, then EDT; that local day has 23 hours.
        writeTier({limit("requests", "day", 1)},
                  QJsonArray{QJsonArray{0, -18000}, QJsonArray{1710054000000LL, -14400}});
        setStoreTime(conn(), utcMs("2024-03-10T12:00:00.000Z"));
        QVERIFY(m_engine->acquire("ny", {}, {}, 1000).admitted);
        const QByteArray key =
            "qd:cnt:user:ny:requests:day:" + QByteArray::number(utcMs("2024-03-10T05:00:00.000Z"));
        QCOMPARE(counter(conn(), key), 1);
        const qint64 ttl = conn().call({"PTTL", key}).integer; // 16 h to the end + a 23 h period
        QVERIFY2(qAbs(ttl - 39LL * 3600000) < 3000, qPrintable(QString::number(ttl)));
        setStoreTime(conn(), utcMs("2024-03-11T03:59:55.000Z")); // 23:59:55 EDT, same local day
        QVERIFY(!m_engine->acquire("ny", {}, {}, 1000).admitted);
        advance(conn(), 10000);
        QVERIFY(m_engine->acquire("ny", {}, {}, 1000).admitted);
        QCOMPARE(counter(conn(), "qd:cnt:user:ny:requests:day:" +
                                     QByteArray::number(utcMs("2024-03-11T04:00:00.000Z"))),
                 1);
    }

    void settleAfterRolloverCorrectsTheOriginalPeriod()
    {
        writeTier({limit("tokens", "day", 1000)});
        setStoreTime(conn(), utcMs("2025-05-01T23:59:55.000Z"));
        const Decision a = m_engine->acquire("ro", {}, {800, 0}, 60000);
        QVERIFY(a.admitted);
        advance(conn(), 10000);
        m_engine->settle(a.leaseId, {300, 0});
        QCOMPARE(counter(conn(), "qd:cnt:user:ro:tokens:day:" +
                                     QByteArray::number(utcMs("2025-05-01T00:00:00.000Z"))),
                 300);
        QCOMPARE(onlyKey("qd:cnt:user:ro:tokens:day:*"),
                 "qd:cnt:user:ro:tokens:day:" + QByteArray::number(utcMs("2025-05-01T00:00:00.000Z")));
        QVERIFY(m_engine->acquire("ro", {}, {1000, 0}, 60000).admitted); // the new day is untouched
    }
};

QUOTADESK_TEST_MAIN(TestEngineWindows)
#include "tst_EngineWindows.moc"
