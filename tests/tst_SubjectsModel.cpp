// The subjects table over a real store: random access by rank (row count up front, pages around the rows
// asked for, a bounded cache), search, sort, filters with append-only paging, and live refresh; every model
// wrapped in QAbstractItemModelTester.
#include "ConsoleTestSupport.h"
#include "EngineTestSupport.h"
#include "StoreClient.h"
#include "SubjectWalk.h"
#include "SubjectsModel.h"
#include "TestMain.h"
#include "UsageReader.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>

#include <functional>

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
    // Asks for rows [first, last] the way a view does (data() while painting) until they are loaded.
    static bool loadRows(SubjectsModel& m, int first, int last)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 20000) {
            bool loaded = true;
            for (int r = first; r <= last; ++r) {
                if (!m.isRowLoaded(r)) {
                    m.index(r, SubjectsModel::SubjectColumn).data();
                    loaded = false;
                }
            }
            if (loaded)
                return true;
            QTest::qWait(2);
        }
        return false;
    }
    static QString idAt(SubjectsModel& m, int row)
    {
        return loadRows(m, row, row) ? m.index(row, 0).data(SubjectsModel::SubjectIdRole).toString()
                                     : QString();
    }
    // The id at `rank` of a sorted set, straight from Redis.
    QString rankOf(const QString& key, qint64 rank, bool reverse = false)
    {
        const QList<RedisReply> r = m_conn
                                        ->call({reverse ? "ZREVRANGE" : "ZRANGE", key.toUtf8(),
                                                QByteArray::number(rank), QByteArray::number(rank)})
                                        .toArray(key);
        return r.isEmpty() ? QString() : QString::fromUtf8(r[0].string);
    }
    // ZADD of `count` members named by `name(i)` with score `score(i)`, pipelined 1,000 at a time.
    void zadd(const QString& key, int count, const std::function<QString(int)>& name,
              const std::function<qint64(int)>& score)
    {
        for (int from = 0; from < count; from += 1000) {
            RedisConnection::Command cmd{"ZADD", key.toUtf8()};
            for (int i = from; i < std::min(count, from + 1000); ++i)
                cmd << QByteArray::number(score(i)) << name(i).toUtf8();
            m_conn->pipeline({cmd});
        }
    }
    // 20,000 users user:s00000 … user:s19999 and 50 clients client:s10000 … client:s10049, as the scripts
    // add them (score 0).
    void addManySubjects()
    {
        zadd(
            QStringLiteral("qd:subjects"), 20000,
            [](int i) { return QStringLiteral("user:s%1").arg(i, 5, 10, QLatin1Char('0')); },
            [](int) { return 0; });
        zadd(
            QStringLiteral("qd:subjects"), 50,
            [](int i) { return QStringLiteral("client:s%1").arg(10000 + i); }, [](int) { return 0; });
        QCOMPARE(m_conn->call({"ZCARD", "qd:subjects"}).integer, 124 + 20000 + 50);
    }

private slots:
    void init()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint());
        enginetest::setStoreTimeToNoon(*m_conn); // "today" is one day whenever the test runs
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

    void rowCountUpFrontRowsByRank()
    {
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(50);
        model.reload();
        QVERIFY(waitFetched(model));
        QVERIFY(model.isRandomAccess());
        QVERIFY(model.atEnd());
        QVERIFY(!model.canFetchMore({}));
        // The whole index is the row count, read with the first page only; unread rows are placeholders.
        QCOMPARE(model.rowCount(), 124);
        QCOMPARE(model.rowCount(), int(m_conn->call({"ZCARD", "qd:subjects"}).integer));
        QCOMPARE(model.loadedRowCount(), 50);
        QVERIFY(model.isRowLoaded(49) && !model.isRowLoaded(50));
        QCOMPARE(model.index(100, SubjectsModel::SubjectColumn).data().toString(), QStringLiteral("…"));
        QVERIFY(model.index(100, 0).data(SubjectsModel::SubjectIdRole).toString().isEmpty());
        QVERIFY(model.subjectAt(100).id.isEmpty());
        QCOMPARE(model.rowOf(QStringLiteral("user:u100")), -1);
        // Row 100 asks for its page (rows 100..123) only.
        QCOMPARE(idAt(model, 100), rankOf(QStringLiteral("qd:subjects"), 100));
        QVERIFY(model.isRowLoaded(123));
        QVERIFY(!model.isRowLoaded(50) && !model.isRowLoaded(99));
        QCOMPARE(model.loadedRowCount(), 50 + 24);
        QCOMPARE(model.rowOf(QStringLiteral("user:u100")), 104);
        QVERIFY(loadRows(model, 0, 123));
        QCOMPARE(model.loadedRowCount(), 124);
        QCOMPARE(ids(model).first(), QStringLiteral("client:batch"));
        QStringList sorted = ids(model);
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(ids(model), sorted);
        // Usage columns come from the engine's counters.
        const int bob = model.rowOf(QStringLiteral("user:bob"));
        QCOMPARE(bob, 3);
        QCOMPARE(model.subjectAt(bob).id, QStringLiteral("user:bob"));
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
        QVERIFY(loadRows(model, 0, 9));
        QCOMPARE(ids(model).first(), QStringLiteral("user:u010"));
        model.setSearch(QStringLiteral("b"));
        QVERIFY(waitFetched(model));
        QVERIFY(loadRows(model, 0, model.rowCount() - 1));
        QCOMPARE(ids(model), (QStringList{"client:batch", "user:bob"}));
        model.sort(SubjectsModel::SubjectColumn, Qt::DescendingOrder);
        QVERIFY(waitFetched(model));
        QVERIFY(loadRows(model, 0, model.rowCount() - 1));
        QCOMPARE(ids(model), (QStringList{"user:bob", "client:batch"}));
        model.sort(SubjectsModel::SubjectColumn, Qt::AscendingOrder);
        model.setSearch(QStringLiteral("client:"));
        QVERIFY(waitFetched(model));
        QVERIFY(loadRows(model, 0, model.rowCount() - 1));
        QCOMPARE(ids(model), (QStringList{"client:batch", "client:web"}));
        model.setSearch(QStringLiteral("nobody"));
        QVERIFY(waitFetched(model));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(SubjectsModel::prefixesFor(QStringLiteral("al")), (QStringList{"client:al", "user:al"}));
    }

    void sortsByIdDescendingAndByTodaysRanking()
    {
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(5);
        model.sort(SubjectsModel::SubjectColumn, Qt::DescendingOrder);
        QVERIFY(waitFetched(model));
        QCOMPARE(model.rowCount(), 124);
        QVERIFY(loadRows(model, 0, 4));
        QCOMPARE(ids(model).mid(0, 5),
                 (QStringList{"user:u119", "user:u118", "user:u117", "user:u116", "user:u115"}));
        QCOMPARE(model.loadedRowCount(), 5);
        model.sort(SubjectsModel::TokensColumn, Qt::DescendingOrder);
        QVERIFY(waitFetched(model));
        QVERIFY(model.isRandomAccess());
        UsageReader reader(*m_conn, prefix);
        const QString ranking = SubjectWalk::rankingKey(reader, QStringLiteral("tokens"));
        QCOMPARE(model.rowCount(), int(m_conn->call({"ZCARD", ranking.toUtf8()}).integer));
        QVERIFY(loadRows(model, 0, 9));
        // 9000, 5000, then u119 with 10 + 119 tokens.
        QCOMPARE(ids(model).mid(0, 3), (QStringList{"user:bob", "user:alice", "user:u119"}));
        QCOMPARE(ids(model).at(5), QStringLiteral("user:u116"));
        // A local sort (tier) pages the index and sorts the loaded rows.
        model.sort(SubjectsModel::TierColumn, Qt::DescendingOrder);
        QVERIFY(!model.isRandomAccess());
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 124);
        QCOMPARE(ids(model).first(), QStringLiteral("user:alice")); // the only "pro"
        // A search with a ranking sort has no index either: paged, the matches by today's tokens.
        model.setSearch(QStringLiteral("u11"));
        model.sort(SubjectsModel::TokensColumn, Qt::DescendingOrder);
        QVERIFY(!model.isRandomAccess());
        QVERIFY(fetchAll(model));
        QCOMPARE(ids(model).mid(0, 3), (QStringList{"user:u119", "user:u118", "user:u117"}));
        QCOMPARE(model.rowCount(), 10);
    }

    void filtersByTierAndGroup()
    {
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(20);
        model.setGroupFilter(QStringLiteral("nlp"));
        QVERIFY(!model.isRandomAccess());
        QVERIFY(fetchAll(model));
        QCOMPARE(ids(model), (QStringList{"user:alice", "user:bob"}));
        model.setGroupFilter({});
        model.setTierFilter(QStringLiteral("pro"));
        QVERIFY(fetchAll(model));
        QCOMPARE(ids(model), QStringList{"user:alice"});
        QCOMPARE(model.subjectAt(0).tier, QStringLiteral("pro"));
        model.setTierFilter({});
        QVERIFY(waitFetched(model));
        QVERIFY(model.isRandomAccess());
        QCOMPARE(model.rowCount(), 124);
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
        QVERIFY(loadRows(model, 0, model.rowCount() - 1));
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-test"));
        QVERIFY(consume(engine, QStringLiteral("user:u050"), 1000).admitted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
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
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(model.index(row, SubjectsModel::TokensColumn).data(SubjectsModel::FractionRole).toDouble(),
                 (60.0 + 1000.0) / 10000.0);
    }

    void subjectAddedWhileShownGrowsTheCount()
    {
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        QVERIFY(waitFetched(model));
        QVERIFY(loadRows(model, 0, 123));
        QCOMPARE(idAt(model, 4), QStringLiteral("user:u000"));
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-test"));
        QVERIFY(consume(engine, QStringLiteral("user:newbie"), 10).admitted);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy refreshed(&model, &SubjectsModel::refreshed);
        model.refresh();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(model.rowCount(), 125);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted[0][1].toInt(), 124);
        QCOMPARE(inserted[0][2].toInt(), 124);
        QCOMPARE(reset.size(), 0);
        // The ids after it moved one row down: the page on screen is read again, without being asked.
        QTRY_COMPARE(model.index(4, 0).data(SubjectsModel::SubjectIdRole).toString(),
                     QStringLiteral("user:newbie"));
        QTRY_COMPARE(model.index(124, 0).data(SubjectsModel::SubjectIdRole).toString(),
                     QStringLiteral("user:u119"));
        // And the other way: an index that lost ids resets to the shorter table.
        m_conn->call({"ZREM", "qd:subjects", "user:newbie", "user:u119"});
        model.refresh();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(model.rowCount(), 123);
        QCOMPARE(reset.size(), 1);
        QTRY_COMPARE(model.index(122, 0).data(SubjectsModel::SubjectIdRole).toString(),
                     QStringLiteral("user:u118"));
        QTRY_COMPARE(model.index(4, 0).data(SubjectsModel::SubjectIdRole).toString(),
                     QStringLiteral("user:u000"));
    }

    void deepRowLoadsOnlyThePagesAroundIt()
    {
        addManySubjects();
        const QString index = QStringLiteral("qd:subjects");
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(200);
        model.setCachePages(8);
        model.reload();
        QVERIFY(waitFetched(model));
        QCOMPARE(model.rowCount(), 20174);
        QCOMPARE(model.loadedRowCount(), 200);
        QCOMPARE(idAt(model, 12345), rankOf(index, 12345));
        // Rows 12,200 … 12,399, and the first page.
        QVERIFY(model.isRowLoaded(12200) && model.isRowLoaded(12399));
        QVERIFY(!model.isRowLoaded(12199) && !model.isRowLoaded(12400));
        QVERIFY(model.loadedRowCount() <= 2 * 200);
        QCOMPARE(idAt(model, 20173), QStringLiteral("user:u119"));

        model.sort(SubjectsModel::SubjectColumn, Qt::DescendingOrder);
        QVERIFY(waitFetched(model));
        QCOMPARE(model.rowCount(), 20174);
        QCOMPARE(idAt(model, 12345), rankOf(index, 12345, true));
        QCOMPARE(idAt(model, 0), QStringLiteral("user:u119"));
        QCOMPARE(idAt(model, 20173), QStringLiteral("client:batch"));
        QVERIFY(model.loadedRowCount() <= 3 * 200);

        // "s1": 50 clients then 10,000 users, two rank ranges of the index walked as one.
        model.sort(SubjectsModel::SubjectColumn, Qt::AscendingOrder);
        model.setSearch(QStringLiteral("s1"));
        QVERIFY(waitFetched(model));
        QCOMPARE(model.rowCount(), 10050);
        QCOMPARE(model.loadedRowCount(), 200);
        QCOMPARE(idAt(model, 49), QStringLiteral("client:s10049"));
        QCOMPARE(idAt(model, 50), QStringLiteral("user:s10000"));
        QCOMPARE(idAt(model, 4321), QStringLiteral("user:s14271"));
        QCOMPARE(idAt(model, 10049), QStringLiteral("user:s19999"));
        QVERIFY(model.loadedRowCount() <= 3 * 200);
        model.sort(SubjectsModel::SubjectColumn, Qt::DescendingOrder);
        QVERIFY(waitFetched(model));
        QCOMPARE(idAt(model, 0), QStringLiteral("user:s19999"));
        QCOMPARE(idAt(model, 4321), QStringLiteral("user:s15678"));
        QCOMPARE(idAt(model, 9999), QStringLiteral("user:s10000"));
        QCOMPARE(idAt(model, 10000), QStringLiteral("client:s10049"));
        QCOMPARE(idAt(model, 10049), QStringLiteral("client:s10000"));
        QVERIFY(model.loadedRowCount() <= 8 * 200);
    }

    void rankingRowIsTheRthByScore()
    {
        UsageReader reader(*m_conn, prefix);
        const QString ranking = SubjectWalk::rankingKey(reader, QStringLiteral("tokens"));
        // Distinct scores in scrambled order (7919 and 20011 are prime): rank and name are unrelated.
        zadd(
            ranking, 20000, [](int i) { return QStringLiteral("user:r%1").arg(i, 5, 10, QLatin1Char('0')); },
            [](int i) { return 10000 + (qint64(i) * 7919) % 20011; });
        const int total = int(m_conn->call({"ZCARD", ranking.toUtf8()}).integer);
        QCOMPARE(total, 20124);
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(100);
        model.setCachePages(4);
        model.sort(SubjectsModel::TokensColumn, Qt::DescendingOrder);
        QVERIFY(waitFetched(model));
        QVERIFY(model.isRandomAccess());
        QCOMPARE(model.rowCount(), total);
        for (int row : {0, 1, 9876, 20000, total - 1})
            QCOMPARE(idAt(model, row), rankOf(ranking, row, true));
        QVERIFY(model.loadedRowCount() <= 4 * 100);
        model.sort(SubjectsModel::TokensColumn, Qt::AscendingOrder);
        QVERIFY(waitFetched(model));
        for (int row : {0, 9876, total - 1})
            QCOMPARE(idAt(model, row), rankOf(ranking, row));
    }

    void walkingTheWholeTableKeepsTheCacheBounded()
    {
        addManySubjects();
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(500);
        model.setCachePages(4);
        model.reload();
        QVERIFY(waitFetched(model));
        QCOMPARE(model.rowCount(), 20174);
        int most = 0;
        for (int row = 0; row < model.rowCount(); row += 500) {
            QCOMPARE(idAt(model, row), rankOf(QStringLiteral("qd:subjects"), row));
            most = std::max(most, model.loadedRowCount());
        }
        QCOMPARE(most, 4 * 500);
        QVERIFY(model.loadedRowCount() <= 4 * 500);
        // The least recently used pages left: the last ones walked remain (and page 0, which the tester
        // reads after every change, so it is never the least recently used).
        QVERIFY(model.isRowLoaded(20173) && model.isRowLoaded(19500) && model.isRowLoaded(19000));
        QVERIFY(!model.isRowLoaded(2500) && !model.isRowLoaded(18999));
        QCOMPARE(model.rowOf(QStringLiteral("user:s05000")), -1);
        QCOMPARE(model.rowOf(QStringLiteral("user:u119")), 20173);
    }

    void scrollingFastReadsOnlyTheLatestPages()
    {
        addManySubjects();
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(50);
        model.reload();
        QVERIFY(waitFetched(model));
        // A scroll bar dragged over 400 pages in one go, each page painted many times: only the 16 latest
        // wishes are read, each once.
        for (int page = 0; page < 400; ++page) {
            for (int k = 0; k < 10; ++k)
                model.index(page * 50 + k, 0).data();
        }
        QTRY_VERIFY(!model.isFetching());
        for (int page = 384; page < 400; ++page)
            QVERIFY2(model.isRowLoaded(page * 50), qPrintable(QString::number(page)));
        // Page 0 aside (it came with the count), nothing before them was read.
        for (int page = 1; page < 384; ++page)
            QVERIFY2(!model.isRowLoaded(page * 50), qPrintable(QString::number(page)));
        QVERIFY(model.loadedRowCount() <= 17 * 50);
    }

    void malformedRankingTimeZoneIsNamed()
    {
        const QByteArray meta = m_conn->call({"HGET", "qd:policy:compiled", "meta"}).string;
        m_conn->call({"HSET", "qd:policy:compiled", "meta", R"({"version": 1, "tz": [[0, "x"]]})"});
        SubjectsModel model(m_client.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy errors(&model, &SubjectsModel::errorOccurred);
        model.sort(SubjectsModel::TokensColumn, Qt::DescendingOrder);
        QVERIFY(waitFetched(model));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0][0].toString(),
                 QStringLiteral("qd:policy:compiled field meta.tz[0]: expected [from_ms, offset_s]"));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.atEnd());
        // Repaired, the next fetch reads the ranking.
        m_conn->call({"HSET", "qd:policy:compiled", "meta", meta});
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QVERIFY(waitFetched(model));
        QVERIFY(model.atEnd());
        QCOMPARE(model.index(0, 0).data(SubjectsModel::SubjectIdRole).toString(), QStringLiteral("user:bob"));
    }

    void aMillionSubjectsWithoutLoadingAll()
    {
        // The index alone, a million ids as the scripts add them (ZADD score 0), written server-side.
        m_conn->setTimeoutMs(120000);
        m_conn->call(
            {"EVAL",
             "for i = 1, 1000000 do redis.call('ZADD', KEYS[1], 0, string.format('user:m%07d', i)) end", "1",
             "qd:subjects"});
        QCOMPARE(m_conn->call({"ZCARD", "qd:subjects"}).integer, 1000000 + 124);
        SubjectsModel model(m_client.get());
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QElapsedTimer timer;
        timer.start();
        model.reload();
        QVERIFY(waitFetched(model));
        QCOMPARE(model.rowCount(), 1000124);
        // Shown in steps (a view allocates per row): a reset to the first 50,000, then inserts of at most
        // 250,000 each, one per event-loop turn.
        QCOMPARE(inserted.size(), 4);
        for (const auto& args : inserted)
            QVERIFY(args[2].toInt() - args[1].toInt() + 1 <= 250000);
        // client:batch, client:web, user:alice, user:bob, then user:m0000001 at rank 4.
        QCOMPARE(idAt(model, 500000), QStringLiteral("user:m0499997"));
        model.setSearch(QStringLiteral("m05"));
        QVERIFY(waitFetched(model));
        QCOMPARE(model.rowCount(), 100000);
        QCOMPARE(idAt(model, 0), QStringLiteral("user:m0500000"));
        QCOMPARE(idAt(model, 99999), QStringLiteral("user:m0599999"));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(model.loadedRowCount() <= 2 * 200);
    }
};

QUOTADESK_TEST_MAIN(TestSubjectsModel)
#include "tst_SubjectsModel.moc"
