// The subjects table over a real store: paging, search, sort, filters and live refresh, every model wrapped
// in QAbstractItemModelTester.
#include "ConsoleTestSupport.h"
#include "StoreClient.h"
#include "SubjectsModel.h"
#include "TestMain.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>

using namespace quotadesk;
using namespace quotadesk::consoletest;

class TestSubjectsModel final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_conn;
    std::unique_ptr<StoreClient> m_client;

    static QStringList ids(const SubjectsModel& m)
    {
        QStringList out;
        for (int r = 0; r < m.rowCount(); ++r)
            out << m.index(r, SubjectsModel::SubjectColumn).data().toString();
        return out;
    }
    static bool waitFetched(SubjectsModel& m)
    {
        QSignalSpy spy(&m, &SubjectsModel::fetchFinished);
        return m.isFetching() ? spy.wait(10000) : true;
    }
    // QAbstractItemModelTester fetches more on its own too, so page until the end rather than count calls.
    static bool fetchAll(SubjectsModel& m)
    {
        while (!m.atEnd()) {
            if (!m.isFetching())
                m.fetchMore({});
            if (!waitFetched(m))
                return false;
        }
        return true;
    }

private slots:
    void init()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint());
        publish(*m_conn);
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-test"));
        // 120 users named by the engine's own bookkeeping, a few clients, and the policy's named users.
        for (int i = 0; i < 120; ++i)
            QVERIFY(
                consume(engine, QStringLiteral("user:u%1").arg(i, 3, 10, QLatin1Char('0')), 10 + i).admitted);
        Reservation r;
        r.tokens = 50;
        for (const QString& c : {QStringLiteral("client:batch"), QStringLiteral("client:web")}) {
            const Decision d = engine.acquire(QStringLiteral("user:u000"), c, r, 60000);
            QVERIFY(d.admitted);
            engine.settle(d.leaseId, r);
        }
        QVERIFY(consume(engine, QStringLiteral("user:alice"), 5000).admitted);
        QVERIFY(consume(engine, QStringLiteral("user:bob"), 9000).admitted);
        m_client = std::make_unique<StoreClient>();
        m_client->connectTo(m_server->endpoint());
        QTRY_VERIFY(m_client->isConnected());
    }

    void cleanup()
    {
        m_client.reset();
        m_conn.reset();
        m_server.reset();
    }

    void pagesInIndexOrder()
    {
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(50);
        model.reload();
        QVERIFY(waitFetched(model));
        QVERIFY(model.rowCount() == 50 || model.rowCount() == 100);
        QCOMPARE(ids(model).first(), QStringLiteral("client:batch"));
        QVERIFY(!model.atEnd());
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 124);
        QStringList sorted = ids(model);
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(ids(model), sorted);
        QVERIFY(model.atEnd());
        // Usage columns come from the engine's counters.
        const int bob = model.rowOf(QStringLiteral("user:bob"));
        QVERIFY(bob >= 0);
        QCOMPARE(model.index(bob, SubjectsModel::TokensColumn).data(SubjectsModel::FractionRole).toDouble(),
                 0.9);
        QCOMPARE(model.index(bob, SubjectsModel::TokensColumn).data().toString(),
                 QStringLiteral("90% tokens/day"));
        QCOMPARE(model.index(bob, SubjectsModel::TierColumn).data().toString(), QStringLiteral("free"));
        QCOMPARE(model.index(bob, SubjectsModel::GroupColumn).data().toString(), QStringLiteral("nlp"));
        QVERIFY(!model.index(bob, SubjectsModel::GpuColumn)
                     .data(SubjectsModel::FractionRole)
                     .isValid()); // no limit
    }

    void searchIsAnIdPrefixOverBothKinds()
    {
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSearch(QStringLiteral("u01"));
        QVERIFY(waitFetched(model));
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(ids(model).first(), QStringLiteral("user:u010"));
        model.setSearch(QStringLiteral("b"));
        QVERIFY(waitFetched(model));
        QCOMPARE(ids(model), (QStringList{"client:batch", "user:bob"}));
        model.setSearch(QStringLiteral("client:"));
        QVERIFY(waitFetched(model));
        QCOMPARE(ids(model), (QStringList{"client:batch", "client:web"}));
        QCOMPARE(SubjectsModel::prefixesFor(QStringLiteral("al")), (QStringList{"client:al", "user:al"}));
    }

    void sortsByIdDescendingAndByTodaysRanking()
    {
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(5);
        model.sort(SubjectsModel::SubjectColumn, Qt::DescendingOrder);
        QVERIFY(waitFetched(model));
        QCOMPARE(ids(model), (QStringList{"user:u119", "user:u118", "user:u117", "user:u116", "user:u115"}));
        model.sort(SubjectsModel::TokensColumn, Qt::DescendingOrder);
        QVERIFY(waitFetched(model));
        // 9000, 5000, then u119 with 10 + 119 tokens.
        QCOMPARE(ids(model).mid(0, 3), (QStringList{"user:bob", "user:alice", "user:u119"}));
        model.fetchMore({});
        QVERIFY(waitFetched(model));
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(ids(model).at(5), QStringLiteral("user:u116"));
        // A local sort (tier) reorders the loaded rows only.
        model.sort(SubjectsModel::TierColumn, Qt::DescendingOrder);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(ids(model).first(), QStringLiteral("user:alice")); // the only "pro"
    }

    void filtersByTierAndGroup()
    {
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(20);
        model.setGroupFilter(QStringLiteral("nlp"));
        QVERIFY(fetchAll(model));
        QCOMPARE(ids(model), (QStringList{"user:alice", "user:bob"}));
        model.setGroupFilter({});
        model.setTierFilter(QStringLiteral("pro"));
        QVERIFY(fetchAll(model));
        QCOMPARE(ids(model), QStringList{"user:alice"});
    }

    void refreshSignalsOnlyChangedRows()
    {
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(200);
        // Let the small sliding-window buckets fill up again, so only rows with real changes remain.
        QTest::qWait(1500);
        model.reload();
        QVERIFY(waitFetched(model));
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-test"));
        QVERIFY(consume(engine, QStringLiteral("user:u050"), 1000).admitted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy refreshed(&model, &SubjectsModel::refreshed);
        model.refresh();
        QVERIFY(refreshed.wait(10000));
        const int row = model.rowOf(QStringLiteral("user:u050"));
        // Buckets still refilling (bob's 9000 tokens/minute) may change too; u050 must be signalled, and
        // only a handful of the 124 rows.
        bool covered = false;
        int rows = 0;
        for (const auto& args : changed) {
            const QModelIndex a = args[0].toModelIndex(), b = args[1].toModelIndex();
            covered |= a.row() <= row && row <= b.row();
            rows += b.row() - a.row() + 1;
        }
        QVERIFY(covered);
        QVERIFY2(rows <= 5, qPrintable(QString::number(rows)));
        QCOMPARE(model.index(row, SubjectsModel::TokensColumn).data(SubjectsModel::FractionRole).toDouble(),
                 (60.0 + 1000.0) / 10000.0);
    }

    void aMillionSubjectsPageWithoutLoadingAll()
    {
        // The index alone, a million ids as the scripts add them (ZADD score 0), written server-side.
        m_conn->setTimeoutMs(120000);
        m_conn->call(
            {"EVAL",
             "for i = 1, 1000000 do redis.call('ZADD', KEYS[1], 0, string.format('user:m%07d', i)) end", "1",
             "qd:subjects"});
        QCOMPARE(m_conn->call({"ZCARD", "qd:subjects"}).integer, 1000000 + 124);
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QElapsedTimer timer;
        timer.start();
        model.setSearch(QStringLiteral("m05"));
        QVERIFY(waitFetched(model));
        QCOMPARE(model.rowCount(), 200);
        QCOMPARE(ids(model).first(), QStringLiteral("user:m0500000"));
        model.fetchMore({});
        QVERIFY(waitFetched(model));
        QCOMPARE(model.rowCount(), 400);
        QCOMPARE(ids(model).last(), QStringLiteral("user:m0500399"));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }
};

QUOTADESK_TEST_MAIN(TestSubjectsModel)
#include "tst_SubjectsModel.moc"
