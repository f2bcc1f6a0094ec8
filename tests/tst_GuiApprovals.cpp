// The approvals queue and the audit log driven for real under offscreen against a real store: requests
// pushed in while the page is open (badge count, notification signal), approve two at once with another
// amount, deny one with a reason, check RequestStore; filter the audit log and export it; a read-only ACL
// user sees disabled decisions with the reason.
#include "ApprovalsPage.h"
#include "AuditModel.h"
#include "AuditPage.h"
#include "ConsoleTestSupport.h"
#include "EngineTestSupport.h"
#include "RequestStore.h"
#include "RequestsModel.h"
#include "StoreClient.h"
#include "TestMain.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>

using namespace quotadesk;
using namespace quotadesk::consoletest;

namespace {
void saveScreenshot(QWidget* w, const QString& name)
{
    const QString dir = qEnvironmentVariable("QUOTADESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(w->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

void selectIds(QTableView* view, RequestsModel* model, const QList<qint64>& ids)
{
    view->clearSelection();
    for (qint64 id : ids)
        view->selectionModel()->select(model->index(model->rowOf(id), 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
}
} // namespace

class TestGuiApprovals final : public QObject
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

    void approveDenyAndAudit()
    {
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw"));
        QVERIFY(consume(engine, QStringLiteral("user:carol"), 300).admitted);
        RequestStore requests(*m_conn, prefix, Actor(QStringLiteral("default"), QStringLiteral("carol@lab")));
        const qint64 r1 = requests.submit("user:carol", "tokens", "day", 5000, 0, "thesis runs");
        const qint64 r2 = requests.submit("user:dave", "requests", "minute", 300, 0, "demo");

        StoreClient client;
        ApprovalsPage page(&client);
        page.resize(1300, 800);
        page.show();
        QAbstractItemModelTester t1(page.pendingModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(page.decidedModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counts(&page, &ApprovalsPage::pendingCountChanged);
        QSignalSpy arrived(&page, &ApprovalsPage::requestArrived);
        client.connectTo(m_server->endpoint());
        QTRY_COMPARE(page.pendingCount(), 2);
        QCOMPARE(counts.last().first().toInt(), 2);

        // Pushed: a request submitted elsewhere shows up without a refresh.
        QTest::qWait(300); // the watcher subscribes
        const qint64 r3 = requests.submit("user:erin", "concurrency", "", 6, 0, "parallel eval");
        QTRY_COMPARE_WITH_TIMEOUT(page.pendingCount(), 3, 5000);
        QCOMPARE(counts.last().first().toInt(), 3);
        QTRY_VERIFY(!arrived.isEmpty());
        QCOMPARE(arrived.last().first().toString(), QStringLiteral("New quota request #%1").arg(r3));

        // The subject's usage beside the request.
        auto* view = page.findChild<QTableView*>(QStringLiteral("pendingView"));
        selectIds(view, page.pendingModel(), {r1});
        auto* detail = page.findChild<QPlainTextEdit*>(QStringLiteral("subjectDetail"));
        QTRY_VERIFY2(
            detail->toPlainText().contains(QStringLiteral("tokens/day: 300 of 500 (60%)   ← requested")),
            qPrintable(detail->toPlainText()));
        QVERIFY2(detail->toPlainText().contains(QLatin1String("Last hour: 1 requests, 300 tokens")),
                 qPrintable(detail->toPlainText()));
        saveScreenshot(&page, QStringLiteral("approvals"));

        // Approve two at once with a smaller amount.
        selectIds(view, page.pendingModel(), {r1, r2});
        QTest::keyClicks(page.findChild<QLineEdit*>(QStringLiteral("approveAmount")), QStringLiteral("250"));
        QTest::keyClicks(page.findChild<QLineEdit*>(QStringLiteral("approveComment")),
                         QStringLiteral("ok for now"));
        auto* approve = page.findChild<QPushButton*>(QStringLiteral("approveButton"));
        auto* deny = page.findChild<QPushButton*>(QStringLiteral("denyButton"));
        QVERIFY(approve->isEnabled());
        QVERIFY(!deny->isEnabled()); // no reason yet
        QTest::mouseClick(approve, Qt::LeftButton);
        QTRY_COMPARE(page.pendingCount(), 1);
        for (qint64 id : {r1, r2}) {
            const QuotaRequest r = requests.get(id);
            QCOMPARE(r.state, QStringLiteral("approved"));
            QCOMPARE(r.approvedAmount, 250);
            QCOMPARE(r.decisionComment, QStringLiteral("ok for now"));
        }
        QTRY_COMPARE(page.decidedModel()->rowCount(), 2);

        selectIds(view, page.pendingModel(), {r3});
        QTest::keyClicks(page.findChild<QLineEdit*>(QStringLiteral("denyReason")),
                         QStringLiteral("use the batch queue"));
        QVERIFY(deny->isEnabled());
        QTest::mouseClick(deny, Qt::LeftButton);
        QTRY_COMPARE(page.pendingCount(), 0);
        QCOMPARE(requests.get(r3).state, QStringLiteral("denied"));
        QCOMPARE(requests.get(r3).decisionComment, QStringLiteral("use the batch queue"));
        QTRY_COMPARE(page.decidedModel()->rowCount(), 3);
        QCOMPARE(counts.last().first().toInt(), 0);

        // The audit log: filter by action, details, CSV.
        AuditPage audit(&client);
        audit.resize(1300, 700);
        audit.show();
        QAbstractItemModelTester t3(audit.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        audit.refresh();
        // publish + 3 submits + 2 × (approve + its publish) + deny
        QTRY_COMPARE(audit.model()->rowCount(), 9);
        audit.setActionFilter(QStringLiteral("request.deny"));
        audit.refresh();
        QTRY_COMPARE(audit.model()->rowCount(), 1);
        QCOMPARE(audit.model()->entry(0).subject, QStringLiteral("user:erin"));
        audit.setActionFilter({});
        audit.setSubjectFilter(QStringLiteral("user:carol"));
        audit.refresh();
        QTRY_COMPARE(audit.model()->rowCount(), 2); // submit, approve
        auto* auditView = audit.findChild<QTableView*>(QStringLiteral("auditView"));
        auditView->selectRow(0);
        auto* auditDetail = audit.findChild<QPlainTextEdit*>(QStringLiteral("auditDetail"));
        QVERIFY(auditDetail->toPlainText().startsWith(QLatin1String("request.approve by default")));
        QVERIFY(auditDetail->toPlainText().contains(QLatin1String("\"limit\": 250")));
        audit.setSubjectFilter({});
        audit.setTimeRange(1, 2); // 1970: nothing
        audit.refresh();
        QTRY_COMPARE(audit.model()->rowCount(), 0);
        audit.setTimeRange(0, 0);
        audit.refresh();
        QTRY_COMPARE(audit.model()->rowCount(), 9);
        saveScreenshot(&audit, QStringLiteral("audit"));
        QTemporaryDir dir;
        QString error;
        QVERIFY2(audit.exportCsv(dir.filePath(QStringLiteral("audit.csv")), &error), qPrintable(error));
        QFile csv(dir.filePath(QStringLiteral("audit.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray text = csv.readAll();
        QCOMPARE(text.count("\r\n"), 10);
        QVERIFY(text.contains(",request.deny,user:erin,"));
        QVERIFY(!audit.exportCsv(dir.filePath(QStringLiteral("missing/dir/audit.csv")), &error));
        QVERIFY(error.contains(QLatin1String("missing/dir/audit.csv")));
    }

    void readOnlyUserCannotDecide()
    {
        LocalRedisServer::Options options;
        options.aclRules << QStringLiteral(
            "user viewer on >pw ~qd:* &* +@read +@connection +subscribe +ping +info");
        LocalRedisServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        {
            RedisConnection conn(server.endpoint());
            publish(conn);
            RequestStore(conn, prefix, testActor()).submit("user:zoe", "tokens", "day", 900, 0, "more");
        }
        RedisEndpoint viewer = server.endpoint();
        viewer.user = QStringLiteral("viewer");
        viewer.password = QStringLiteral("pw");
        StoreClient client;
        ApprovalsPage page(&client);
        page.resize(1300, 800);
        page.show();
        client.connectTo(viewer);
        QTRY_COMPARE(page.pendingCount(), 1); // shown
        auto* reason = page.findChild<QLabel*>(QStringLiteral("readOnlyReason"));
        QTRY_VERIFY(reason->isVisible());
        QVERIFY(reason->text().contains(QLatin1String("\"viewer\" may not write")));
        auto* view = page.findChild<QTableView*>(QStringLiteral("pendingView"));
        view->selectRow(0);
        QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("approveButton"))->isEnabled());
        QVERIFY(!page.findChild<QLineEdit*>(QStringLiteral("denyReason"))->isEnabled());
        saveScreenshot(&page, QStringLiteral("approvals-readonly"));
    }
};

QUOTADESK_TEST_MAIN_IMPL(TestGuiApprovals, QApplication)
#include "tst_GuiApprovals.moc"
