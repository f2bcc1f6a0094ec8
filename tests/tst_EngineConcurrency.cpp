// Exact counts under real contention: 8 acquire_worker processes, each with several threads and their own
// connections, race the acquire script on one redis-server. The script's atomicity must hold to the unit.
#include "EngineTestSupport.h"
#include "LocalRedisServer.h"
#include "QuotaEngine.h"
#include "RedisConnection.h"
#include "TestMain.h"

#include <QCoreApplication>
#include <QProcess>

#include <memory>
#include <vector>

using namespace quotadesk;
using namespace quotadesk::enginetest;

namespace {
constexpr int kProcesses = 8;
constexpr int kAcquiresPerProcess = 500;
constexpr int kThreadsPerProcess = 4;

struct Totals
{
    qint64 admitted = 0;
    qint64 denied = 0;
    qint64 settled = 0;
    qint64 violations = 0;
};
} // namespace

class TestEngineConcurrency final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_conn;

    // Runs kProcesses workers at once and sums their reports; every worker must finish without errors.
    bool runWorkers(qint64 reserveTokens, int users, bool settle, Totals& totals)
    {
        const QString worker = QCoreApplication::applicationDirPath() + QStringLiteral("/acquire_worker");
        std::vector<std::unique_ptr<QProcess>> processes;
        for (int i = 0; i < kProcesses; ++i) {
            auto p = std::make_unique<QProcess>();
            p->start(worker, {QString::number(m_server->port()), QString::number(kThreadsPerProcess),
                              QString::number(kAcquiresPerProcess), QString::number(reserveTokens),
                              QString::number(users), settle ? "1" : "0", QString::number(i + 1)});
            processes.push_back(std::move(p));
        }
        for (auto& p : processes) {
            if (!p->waitForFinished(300000) || p->exitStatus() != QProcess::NormalExit ||
                p->exitCode() != 0) {
                qWarning("worker failed: %s %s", p->readAllStandardError().constData(),
                         qPrintable(p->errorString()));
                return false;
            }
            const QJsonObject r = QJsonDocument::fromJson(p->readAllStandardOutput()).object();
            if (r.isEmpty())
                return false;
            totals.admitted += r.value("admitted").toInteger();
            totals.denied += r.value("denied").toInteger();
            totals.settled += r.value("settled").toInteger();
            totals.violations += r.value("violations").toInteger();
        }
        return true;
    }

    // Folds what the workers left in the usage log, as a heartbeat would.
    void foldUsage() { QuotaEngine(*m_conn, QStringLiteral("qd:"), QStringLiteral("test")).foldUsage(); }

    // Sum of `field` over every per-hour series hash.
    qint64 hourSeries(const QByteArray& field)
    {
        qint64 sum = 0;
        for (const RedisReply& key : m_conn->call({"KEYS", "qd:ts:h:*"}).elements)
            sum += m_conn->call({"HGET", key.string, field}).string.toLongLong();
        return sum;
    }

    QByteArray onlyKey(const QByteArray& pattern)
    {
        const RedisReply keys = m_conn->call({"KEYS", pattern});
        return keys.elements.size() == 1 ? keys.elements[0].string : QByteArray();
    }

private slots:
    void init()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint());
        setStoreTimeToNoon(*m_conn); // the exact day totals must not straddle midnight
    }

    void cleanup()
    {
        m_conn.reset();
        m_server.reset();
    }

    void requestsPerDayExactlyOneThousand()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("requests", "day", 1000)});
        p.write(*m_conn);
        Totals t;
        QVERIFY(runWorkers(0, 1, false, t));
        QCOMPARE(t.admitted, 1000);
        QCOMPARE(t.denied, kProcesses * kAcquiresPerProcess - 1000);
        QCOMPARE(t.violations, 0);
        QCOMPARE(counter(*m_conn, onlyKey("qd:cnt:user:u0:requests:day:*")), 1000);
        QCOMPARE(m_conn->call({"GET", "qd:lease:seq"}).string, QByteArray("1000"));
        // The console's view, once the usage log is folded: every decision counted exactly once.
        foldUsage();
        QCOMPARE(m_conn->call({"LLEN", "qd:usage:log"}).integer, 0);
        const QByteArray top = onlyKey("qd:top:requests:day:*");
        QCOMPARE(m_conn->call({"ZSCORE", top, "user:u0"}).string, QByteArray("1000"));
        QCOMPARE(hourSeries("fleet|r"), 1000);
        QCOMPARE(hourSeries("user:u0|d"), t.denied);
        QCOMPARE(m_conn->call({"ZSCORE", onlyKey("qd:top:denials:day:*"), "user:u0"}).string.toLongLong(),
                 t.denied);
    }

    void pooledGroupTokensExactlyTheLimit()
    {
        const qint64 amount = 7;
        const qint64 poolLimit = 7000; // a multiple of the amount: admitted x amount must hit it exactly
        TestPolicy p;
        p.fields["tier:free"] = tier({});
        p.fields["group:pool"] = group({limit("tokens", "day", poolLimit)});
        for (int i = 0; i < 50; ++i)
            p.fields[QStringLiteral("subject:user:u%1").arg(i)] = subject({}, "pool");
        p.write(*m_conn);
        Totals t;
        QVERIFY(runWorkers(amount, 50, false, t));
        QCOMPARE(t.admitted * amount, poolLimit);
        QCOMPARE(t.violations, 0);
        QCOMPARE(counter(*m_conn, onlyKey("qd:cnt:group:pool:tokens:day:*")), poolLimit);
    }

    void acquireAndSettleNeverExceedTheLimit()
    {
        const qint64 reserve = 50;
        const qint64 tokenLimit = 20000;
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("tokens", "day", tokenLimit)});
        p.write(*m_conn);
        Totals t;
        QVERIFY(runWorkers(reserve, 1, true, t));
        const qint64 used = counter(*m_conn, onlyKey("qd:cnt:user:u0:tokens:day:*"));
        // Every lease was settled: the counter holds exactly the actual usage, within the limit.
        QCOMPARE(used, t.settled);
        QVERIFY2(used <= tokenLimit, qPrintable(QString::number(used)));
        QCOMPARE(t.violations, 0);
        QVERIFY(t.denied > 0); // the limit was reached ...
        QVERIFY(t.admitted >
                tokenLimit / reserve); // ... and refunds let more requests in than estimates would
        QCOMPARE(m_conn->call({"KEYS", "qd:lease:[0-9]*"}).elements.size(), 0);
        QCOMPARE(m_conn->call({"ZCARD", "qd:conc:user:u0"}).integer, 0);
        // Reservations and their settle corrections, folded from the usage log by many writers: the series
        // and the day's ranking hold exactly the actual usage.
        foldUsage();
        QCOMPARE(hourSeries("fleet|t"), t.settled);
        QCOMPARE(hourSeries("tier:free|r"), t.admitted);
        QCOMPARE(m_conn->call({"ZSCORE", onlyKey("qd:top:tokens:day:*"), "user:u0"}).string.toLongLong(),
                 t.settled);
    }
};

QUOTADESK_TEST_MAIN(TestEngineConcurrency)
#include "tst_EngineConcurrency.moc"
