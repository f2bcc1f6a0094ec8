// StoreClient: all I/O on its worker thread, status for the status bar, reconnects with backoff.
#include "ConsoleTestSupport.h"
#include "StoreClient.h"
#include "TestMain.h"
#include "UsageReader.h"

#include <QSignalSpy>

using namespace quotadesk;
using namespace quotadesk::consoletest;
using State = ConnectionStatus::State;

class TestStoreClient final : public QObject
{
    Q_OBJECT

private slots:
    void connectsAndRunsJobsOffTheUiThread()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        {
            RedisConnection admin(server.endpoint());
            publish(admin);
        }
        StoreClient client;
        client.connectTo(server.endpoint());
        QTRY_COMPARE(client.status().state, State::Connected);
        QCOMPARE(client.status().user, QStringLiteral("default"));
        QCOMPARE(client.status().policyVersion, 1);
        QVERIFY(!client.status().readOnly);
        QVERIFY(client.status().redisVersion.startsWith(QLatin1Char('7')));

        QThread* jobThread = nullptr;
        QThread* doneThread = nullptr;
        qint64 version = 0;
        QObject receiver;
        client.submit<qint64>(
            &receiver,
            [&](UsageReader& r) {
                jobThread = QThread::currentThread();
                return r.policyVersion();
            },
            [&](qint64 v) {
                doneThread = QThread::currentThread();
                version = v;
            });
        QTRY_COMPARE(version, 1);
        QVERIFY(jobThread != QThread::currentThread());
        QCOMPARE(doneThread, QThread::currentThread());
    }

    void resultsForADeadReceiverAreDropped()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        StoreClient client;
        client.connectTo(server.endpoint());
        QTRY_COMPARE(client.status().state, State::Connected);
        bool called = false;
        bool ran = false;
        auto* receiver = new QObject;
        client.submit<int>(
            receiver,
            [&](UsageReader& r) {
                QThread::msleep(200);
                r.nowMs();
                ran = true;
                return 1;
            },
            [&](int) { called = true; });
        delete receiver;
        QTRY_VERIFY(ran);
        QTest::qWait(100);
        QVERIFY(!called);
    }

    void readOnlyUserIsDetected()
    {
        LocalRedisServer::Options options;
        options.aclRules << QStringLiteral("user viewer on >view-pw ~qd:* &* +@read +ping +info");
        LocalRedisServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RedisEndpoint ep = server.endpoint();
        ep.user = QStringLiteral("viewer");
        ep.password = QStringLiteral("view-pw");
        StoreClient client;
        client.connectTo(ep);
        QTRY_COMPARE(client.status().state, State::Connected);
        QVERIFY(client.status().readOnly);
        QCOMPARE(client.status().user,
                 QStringLiteral("viewer")); // WHOAMI is not allowed: the endpoint's user
        // The probe changed nothing.
        RedisConnection admin(server.endpoint());
        QCOMPARE(admin.call({"DBSIZE"}).integer, 0);
    }

    void wrongPasswordFailsWithTheReasonAndDoesNotRetry()
    {
        LocalRedisServer::Options options;
        options.password = QStringLiteral("right");
        LocalRedisServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RedisEndpoint ep = server.endpoint();
        ep.password = QStringLiteral("wrong");
        StoreClient client;
        client.connectTo(ep);
        QTRY_COMPARE(client.status().state, State::Failed);
        QVERIFY2(client.status().error.contains(QStringLiteral("WRONGPASS")),
                 qPrintable(client.status().error));
        QVERIFY(!client.status().error.contains(QStringLiteral("wrong")));
        QCOMPARE(client.status().retryInSeconds, 0);
        // Jobs fail cleanly while not connected.
        QString error;
        QObject receiver;
        client.submit<int>(
            &receiver, [](UsageReader&) { return 1; }, [](int) {},
            [&](const StoreError& e) { error = e.message(); });
        QTRY_VERIFY(!error.isEmpty());
    }

    void reconnectsAfterTheServerComesBack()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        StoreClient client;
        QSignalSpy connectedSpy(&client, &StoreClient::connected);
        client.connectTo(server.endpoint());
        QTRY_COMPARE(client.status().state, State::Connected);
        server.kill();
        // The next job sees the dead socket: reconnecting with a countdown and the reason.
        QObject receiver;
        client.submit<qint64>(
            &receiver, [](UsageReader& r) { return r.nowMs(); }, [](qint64) {});
        QTRY_COMPARE(client.status().state, State::Reconnecting);
        QVERIFY(client.status().retryInSeconds >= 1);
        QVERIFY(!client.status().error.isEmpty());
        QVERIFY2(server.restart(), qPrintable(server.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(client.status().state, State::Connected, 20000);
        QCOMPARE(connectedSpy.count(), 2);
    }

    void refusedConnectionRetriesWithBackoff()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RedisEndpoint ep = server.endpoint();
        server.stop();
        StoreClient client;
        client.connectTo(ep);
        QTRY_COMPARE(client.status().state, State::Reconnecting);
        QVERIFY2(client.status().error.contains(QStringLiteral("unreachable")),
                 qPrintable(client.status().error));
    }

    void backoffIsExponentialCappedAndJittered()
    {
        QCOMPARE(StoreClient::backoffSeconds(0, 1.0), 1);
        QCOMPARE(StoreClient::backoffSeconds(1, 1.0), 2);
        QCOMPARE(StoreClient::backoffSeconds(3, 1.0), 8);
        QCOMPARE(StoreClient::backoffSeconds(10, 1.0), 30);
        QCOMPARE(StoreClient::backoffSeconds(10, 1.49), 45);
        QCOMPARE(StoreClient::backoffSeconds(4, 0.5), 8);
        QCOMPARE(StoreClient::backoffSeconds(0, 0.5), 1); // never zero
    }
};

QUOTADESK_TEST_MAIN(TestStoreClient)
#include "tst_StoreClient.moc"
