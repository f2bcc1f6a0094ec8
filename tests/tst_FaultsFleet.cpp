// Faults of a fleet around one store: a gateway killed with kill -9 while holding leases (its slots come
// back within the lease TTL, not before), and 20 concurrent publishers and approvers (no lost update).
#include "Actor.h"
#include "EngineTestSupport.h"
#include "LocalRedisServer.h"
#include "PolicyStore.h"
#include "QuotaEngine.h"
#include "RequestStore.h"
#include "StoreError.h"
#include "TestMain.h"

#include <QFile>
#include <QProcess>
#include <QThread>

#include <atomic>
#include <thread>
#include <vector>

using namespace quotadesk;
using namespace quotadesk::enginetest;

class TestFaultsFleet final : public QObject
{
    Q_OBJECT

private slots:
    void killedGatewaySlotsComeBackWithinTtl()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RedisConnection admin(server.endpoint(), 10000);
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("concurrency", {}, 3), limit("requests", "minute", 1000)});
        p.write(admin);

        constexpr int ttlMs = 3000;
        QProcess holder;
        holder.start(QStringLiteral(LEASE_HOLDER_PATH),
                     {QString::number(server.port()), QStringLiteral("user:held"), QStringLiteral("3"),
                      QString::number(ttlMs)});
        QVERIFY(holder.waitForStarted(5000));
        QByteArray out;
        while (!out.contains("ready\n") && holder.waitForReadyRead(10000))
            out += holder.readAllStandardOutput();
        QVERIFY2(out.contains("ready\n") && out.count("lease ") == 3, out.constData());
        const qint64 heldUntil = storeNowMs(admin) + ttlMs;

        QCOMPARE(admin.call({"ZCARD", "qd:conc:user:held"}).integer, qint64(3));
        RedisConnection conn(server.endpoint(), 10000);
        QuotaEngine engine(conn, QStringLiteral("qd:"), QStringLiteral("gw-survivor"));
        const Decision full = engine.acquire(QStringLiteral("held"), {}, {1, 0}, 60000);
        QVERIFY(!full.admitted);
        QCOMPARE(full.deniedBy.metric, QStringLiteral("concurrency"));

        holder.kill(); // SIGKILL: no settle, no release
        QVERIFY(holder.waitForFinished(5000));
        QCOMPARE(holder.exitStatus(), QProcess::CrashExit);
        // The dead gateway may have used its leases: the slots stay taken until they expire...
        const Decision stillFull = engine.acquire(QStringLiteral("held"), {}, {1, 0}, 60000);
        QVERIFY(storeNowMs(admin) < heldUntil);
        QVERIFY(!stillFull.admitted);
        QCOMPARE(admin.call({"ZCARD", "qd:conc:user:held"}).integer, qint64(3));
        // ... and come back right after the TTL: exactly three again.
        while (storeNowMs(admin) <= heldUntil + 50)
            QThread::msleep(20);
        QVERIFY(storeNowMs(admin) < heldUntil + ttlMs);
        QString lastLease;
        for (int i = 0; i < 3; ++i) {
            const Decision d = engine.acquire(QStringLiteral("held"), {}, {1, 0}, 60000);
            QVERIFY(d.admitted);
            lastLease = d.leaseId;
        }
        const Decision fourth = engine.acquire(QStringLiteral("held"), {}, {1, 0}, 60000);
        QVERIFY(!fourth.admitted);
        QCOMPARE(fourth.deniedBy.metric, QStringLiteral("concurrency"));
        const QByteArray now = QByteArray::number(storeNowMs(admin));
        QCOMPARE(admin.call({"ZCOUNT", "qd:conc:user:held", now, "+inf"}).integer, qint64(3));
        // The dead gateway's three stay in the set, uncounted, until a settle on it sweeps them out.
        QCOMPARE(admin.call({"ZCARD", "qd:conc:user:held"}).integer, qint64(6));
        engine.release(lastLease);
        QCOMPARE(admin.call({"ZCARD", "qd:conc:user:held"}).integer, qint64(2));
    }

    void twentyPublishersAndApproversLoseNothing()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QFile file(QStringLiteral(QUOTADESK_SOURCE_DIR "/resources/policies/minimal.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray document = file.readAll();
        RedisConnection admin(server.endpoint(), 10000);
        const Actor actor(QStringLiteral("default"), QStringLiteral("test@host"));
        PolicyStore(admin, QStringLiteral("qd:"), actor).publish(document, 0, QStringLiteral("start"));
        RequestStore requests(admin, QStringLiteral("qd:"), actor);
        QList<qint64> ids;
        for (int i = 0; i < 5; ++i)
            ids << requests.submit(QStringLiteral("user:r%1").arg(i), QStringLiteral("requests"),
                                   QStringLiteral("minute"), 100 + i, 0, QStringLiteral("more"));
        const qint64 startVersion = PolicyStore(admin, QStringLiteral("qd:"), actor).current().version;

        constexpr int publishers = 10, approvers = 10, attempts = 6;
        std::atomic<int> published{0}, publishConflicts{0}, approved{0}, approveConflicts{0}, errors{0};
        std::atomic<int> ready{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < publishers + approvers; ++t) {
            threads.emplace_back([&, t] {
                RedisConnection conn(server.endpoint(), 20000);
                const Actor me(QStringLiteral("default"), QStringLiteral("thread%1@host").arg(t));
                ++ready;
                while (ready.load() < publishers + approvers)
                    std::this_thread::yield();
                try {
                    if (t < publishers) {
                        PolicyStore store(conn, QStringLiteral("qd:"), me);
                        for (int i = 0; i < attempts; ++i) {
                            try {
                                store.publish(document, store.current().version, QStringLiteral("race"));
                                ++published;
                            } catch (const StoreError& e) {
                                ++(e.kind() == StoreError::Kind::Conflict ? publishConflicts : errors);
                            }
                        }
                    } else {
                        // Two approvers race for each request: one wins, one gets Conflict.
                        RequestStore store(conn, QStringLiteral("qd:"), me);
                        try {
                            store.approve(ids[(t - publishers) / 2]);
                            ++approved;
                        } catch (const StoreError& e) {
                            ++(e.kind() == StoreError::Kind::Conflict ? approveConflicts : errors);
                        }
                    }
                } catch (const StoreError&) {
                    ++errors;
                }
            });
        }
        for (auto& th : threads)
            th.join();
        const qint64 finalVersion = PolicyStore(admin, QStringLiteral("qd:"), actor).current().version;
        qInfo("%d publishes won, %d lost (Conflict); %d approvals, %d Conflict; version %lld -> %lld",
              published.load(), publishConflicts.load(), approved.load(), approveConflicts.load(),
              startVersion, finalVersion);
        QCOMPARE(errors.load(), 0);
        QCOMPARE(published.load() + publishConflicts.load(), publishers * attempts);
        QVERIFY(published.load() >= 1);
        QCOMPARE(approved.load(), 5);
        QCOMPARE(approveConflicts.load(), 5);
        QCOMPARE(finalVersion, startVersion + published.load() + approved.load());
        // Each version is in the history exactly once, newest first, with no gap.
        const QList<PolicyVersion> history = PolicyStore(admin, QStringLiteral("qd:"), actor).history();
        QCOMPARE(history.size(), qsizetype(std::min<qint64>(100, finalVersion)));
        for (qsizetype i = 0; i < history.size(); ++i)
            QCOMPARE(history[i].version, finalVersion - i);
    }
};

QUOTADESK_TEST_MAIN(TestFaultsFleet)
#include "tst_FaultsFleet.moc"
