// The approvals, audit and history table models over data a real store produced (RequestStore, admin.lua's
// audit entries, PolicyStore history), each under QAbstractItemModelTester.
#include "AuditLog.h"
#include "AuditModel.h"
#include "ConsoleTestSupport.h"
#include "EngineTestSupport.h"
#include "HistoryModel.h"
#include "RequestStore.h"
#include "RequestsModel.h"
#include "TestMain.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace quotadesk;
using namespace quotadesk::consoletest;

class TestRequestsModel final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_conn;

private slots:
    void init()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint());
        enginetest::setStoreTimeToNoon(*m_conn); // "today" is one day whenever the test runs
        publish(*m_conn);
    }

    void cleanup()
    {
        m_conn.reset();
        m_server.reset();
    }

    void requestsRowsAndRefreshKeepRows()
    {
        RequestStore store(*m_conn, prefix, testActor());
        const qint64 a = store.submit("user:alice", "tokens", "day", 200000, 0, "paper deadline");
        const qint64 b = store.submit("user:bob", "concurrency", "", 12, 0, "batch, \"urgent\"");
        RequestsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRequests(store.list("pending"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, RequestsModel::IdColumn).data().toLongLong(), b); // newest first
        QCOMPARE(model.index(0, RequestsModel::LimitColumn).data().toString(), QStringLiteral("concurrency"));
        QCOMPARE(model.index(1, RequestsModel::LimitColumn).data().toString(), QStringLiteral("tokens/day"));
        QCOMPARE(model.index(1, RequestsModel::ExpiresColumn).data().toString(), QStringLiteral("permanent"));
        QVERIFY(model.index(1, RequestsModel::SubmittedColumn)
                    .data()
                    .toString()
                    .startsWith("default (tester@test), "));

        // Same ids: updated in place (no reset, so a view keeps its selection).
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        model.setRequests(store.list("pending"));
        QCOMPARE(resets.size(), 0);
        QCOMPARE(changes.size(), 1);

        store.approve(a, 150000, std::nullopt, QStringLiteral("ok"));
        model.setRequests(store.list({})); // the same two ids: updated in place
        QCOMPARE(resets.size(), 0);
        QCOMPARE(changes.size(), 2);
        const int row = model.rowOf(a);
        QCOMPARE(model.index(row, RequestsModel::StateColumn).data().toString(), QStringLiteral("approved"));
        QCOMPARE(model.index(row, RequestsModel::AmountColumn).data().toString(),
                 QStringLiteral("150000 (asked 200000)"));
        QCOMPARE(model.index(row, RequestsModel::CommentColumn).data().toString(), QStringLiteral("ok"));
        QVERIFY(!model.index(row, RequestsModel::DecidedColumn).data().toString().isEmpty());
        QVERIFY(model.index(model.rowOf(b), RequestsModel::DecidedColumn).data().toString().isEmpty());
        QCOMPARE(model.rowOf(999), -1);
    }

    void auditRowsAndCsv()
    {
        RequestStore store(*m_conn, prefix, testActor());
        const qint64 id = store.submit("user:bob", "requests", "minute", 500, 0, "load test, \"big\"");
        store.deny(id, QStringLiteral("no,\nnot now"));
        AuditModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QList<AuditEntry> entries = AuditLog(*m_conn, prefix).read(10);
        model.setEntries(entries);
        QCOMPARE(model.rowCount(), 3); // publish, submit, deny
        QCOMPARE(model.index(0, AuditModel::ActionColumn).data().toString(), QStringLiteral("request.deny"));
        QCOMPARE(model.index(0, AuditModel::SubjectColumn).data().toString(), QStringLiteral("user:bob"));
        QCOMPARE(model.index(2, AuditModel::ActionColumn).data().toString(),
                 QStringLiteral("policy.publish"));
        QCOMPARE(model.index(0, AuditModel::ActorColumn).data().toString(),
                 QStringLiteral("default (tester@test)"));

        const QByteArray csv = AuditModel::toCsv(entries);
        const QList<QByteArray> lines = csv.split('\n');
        QCOMPARE(lines.first(), QByteArray("time,actor,os_user,action,subject,before,after,comment\r"));
        // The deny reason has a comma and a newline: quoted, so the record spans two physical lines.
        QVERIFY2(csv.contains(",request.deny,user:bob,"), csv.constData());
        QVERIFY(csv.contains("\"no,\nnot now\"\r\n"));
        QVERIFY(csv.contains("\"load test, \"\"big\"\"\""));
    }

    void historyRows()
    {
        PolicyStore store(*m_conn, prefix, testActor());
        store.publish(policyDocument(), 1, QStringLiteral("same again"));
        HistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setVersions(store.history());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, HistoryModel::VersionColumn).data().toLongLong(), 2);
        QCOMPARE(model.index(0, HistoryModel::CommentColumn).data().toString(), QStringLiteral("same again"));
        QCOMPARE(model.index(1, HistoryModel::CommentColumn).data().toString(),
                 QStringLiteral("console test"));
        QCOMPARE(model.rowOf(1), 1);
        QVERIFY(model.index(0, HistoryModel::TimeColumn).data().toString().endsWith(QLatin1String("UTC")));
    }
};

QUOTADESK_TEST_MAIN(TestRequestsModel)
#include "tst_RequestsModel.moc"
