// Gateways with skewed wall clocks admit nothing extra: every script takes its time from Redis, so a gateway
// 30 s ahead or behind the store decides exactly like one in step. Each gateway is a real process
// (skew_worker) with tests/clock_shift.c preloaded to move its wall clock; the test checks the move is
// visible in the process, so it cannot pass because the preload silently did nothing.
#include "EngineTestSupport.h"
#include "LocalRedisServer.h"
#include "TestMain.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <memory>
#include <vector>

using namespace quotadesk;
using namespace quotadesk::enginetest;

class TestClockSkew final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_admin;

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_admin = std::make_unique<RedisConnection>(m_server->endpoint(), 30000);
    }

    // The store clock is put just before or just after midnight UTC (also a minute boundary), so a
    // gateway 30 s ahead (before) or 30 s behind (after) would be in another minute and another day.
    void skewedGatewaysAdmitExactlyTheLimit_data()
    {
        QTest::addColumn<qint64>("storeTime");
        QTest::newRow("20 s before midnight") << utcMs("2030-01-15T23:59:40.000Z");
        QTest::newRow("5 s after midnight") << utcMs("2030-01-16T00:00:05.000Z");
    }

    void skewedGatewaysAdmitExactlyTheLimit()
    {
        QFETCH(qint64, storeTime);
        const int perMinute = 2, perDay = 5, acquires = 6;
        m_admin->call({"FLUSHALL"});
        TestPolicy p;
        p.defaultTier = QStringLiteral("minutely");
        p.fields["tier:minutely"] = tier({limit("requests", "minute", perMinute)});
        p.fields["tier:daily"] = tier({limit("requests", "day", perDay)});
        p.fields["subject:user:m"] = subject(QStringLiteral("minutely"));
        p.fields["subject:user:d"] = subject(QStringLiteral("daily"));
        p.write(*m_admin);
        setStoreTime(*m_admin, storeTime);
        const qint64 storeOffset = offset(*m_admin);

        // Gateway clock = real clock + store offset + skew = store clock + skew.
        const QList<qint64> skews{-30000, 0, 30000};
        std::vector<std::unique_ptr<QProcess>> workers;
        QList<qint64> startedAt;
        const qint64 storeStart = storeNowMs(*m_admin);
        for (qint64 skew : skews) {
            auto w = std::make_unique<QProcess>();
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(CLOCK_SHIFT_PATH));
            env.insert(QStringLiteral("QD_CLOCK_SHIFT_MS"), QString::number(storeOffset + skew));
            // An ASan build wants its runtime first in the library list; the preload comes before it.
            const QString asan = env.value(QStringLiteral("ASAN_OPTIONS"));
            env.insert(QStringLiteral("ASAN_OPTIONS"),
                       (asan.isEmpty() ? QString() : asan + QLatin1Char(':')) +
                           QStringLiteral("verify_asan_link_order=0"));
            w->setProcessEnvironment(env);
            w->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            startedAt.append(QDateTime::currentMSecsSinceEpoch());
            w->start(QStringLiteral(SKEW_WORKER_PATH),
                     {QString::number(m_server->port()), QStringLiteral("gw-skew%1").arg(skew),
                      QString::number(acquires), QStringLiteral("m"), QStringLiteral("d")});
            QVERIFY2(w->waitForStarted(), qPrintable(w->errorString()));
            workers.push_back(std::move(w));
        }
        qint64 admittedM = 0, admittedD = 0;
        for (std::size_t i = 0; i < workers.size(); ++i) {
            QProcess& w = *workers[i];
            QVERIFY(w.waitForFinished(120000));
            const qint64 finishedAt = QDateTime::currentMSecsSinceEpoch();
            QCOMPARE(w.exitStatus(), QProcess::NormalExit);
            QCOMPARE(w.exitCode(), 0);
            const QJsonObject out = QJsonDocument::fromJson(w.readAllStandardOutput()).object();
            // The worker read its clock between its start and its end, moved by exactly its shift.
            const qint64 shift = storeOffset + skews[int(i)];
            const qint64 clock = out.value(QLatin1String("clock_ms")).toInteger();
            QVERIFY2(clock >= startedAt[int(i)] + shift - 1 && clock <= finishedAt + shift + 1,
                     qPrintable(QStringLiteral("worker with skew %1 ms read %2, expected within [%3, %4]")
                                    .arg(skews[int(i)])
                                    .arg(clock)
                                    .arg(startedAt[int(i)] + shift)
                                    .arg(finishedAt + shift)));
            const QJsonObject admitted = out.value(QLatin1String("admitted")).toObject();
            admittedM += admitted.value(QLatin1String("m")).toInteger();
            admittedD += admitted.value(QLatin1String("d")).toInteger();
        }
        // The minute bucket refills one request per 30 s and the day ends at midnight: the run must stay
        // well inside both for the counts to be exact.
        const qint64 elapsed = storeNowMs(*m_admin) - storeStart;
        QVERIFY2(elapsed < 15000,
                 qPrintable(QStringLiteral("run took %1 ms, too slow to count exactly").arg(elapsed)));
        QCOMPARE(admittedD, qint64(perDay));
        QCOMPARE(admittedM, qint64(perMinute));
    }
};

QUOTADESK_TEST_MAIN(TestClockSkew)
#include "tst_ClockSkew.moc"
