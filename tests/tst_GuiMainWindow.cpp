// The real main window under QT_QPA_PLATFORM=offscreen against a real store filled by the real engine:
// connect, watch numbers move, sort and search subjects, open a detail, raise and acknowledge an alert,
// and get the layout back in a new window.
#include "AlertMonitor.h"
#include "ConsoleTestSupport.h"
#include "EngineTestSupport.h"
#include "MainWindow.h"
#include "StatusIndicator.h"
#include "StoreClient.h"
#include "SubjectDetailDialog.h"
#include "SubjectsModel.h"
#include "TestMain.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableView>

using namespace quotadesk;
using namespace quotadesk::consoletest;

class TestGuiMainWindow final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_conn;

private slots:
    void init()
    {
        QSettings().clear();
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint());
        enginetest::setStoreTimeToNoon(*m_conn); // "today" is one day whenever the test runs
        publish(*m_conn);
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-gui"));
        for (int i = 0; i < 30; ++i)
            QVERIFY(
                consume(engine, QStringLiteral("user:g%1").arg(i, 2, 10, QLatin1Char('0')), 100).admitted);
        QVERIFY(consume(engine, QStringLiteral("user:alice"), 3000).admitted);
        QVERIFY(consume(engine, QStringLiteral("user:bob"), 5000).admitted);
        engine.heartbeat({});
    }

    void cleanup()
    {
        m_conn.reset();
        m_server.reset();
    }

    void connectWatchSortSearchDetailAlert()
    {
        MainWindow w;
        w.show();
        w.connectTo(m_server->endpoint());
        auto* status = w.findChild<StatusIndicator*>(QStringLiteral("connectionStatus"));
        QVERIFY(status);
        QTRY_VERIFY2(status->text().contains(QStringLiteral("Connected to")), qPrintable(status->text()));
        QTRY_VERIFY2(status->text().contains(QStringLiteral("policy v1")), qPrintable(status->text()));

        // Numbers move: more traffic shows up in the requests tile.
        auto* requests = w.findChild<QLabel*>(QStringLiteral("requestsPerMinute"));
        QVERIFY(requests);
        QTRY_VERIFY(requests->text() != QStringLiteral("—"));
        const QString before = requests->text();
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-gui"));
        for (int i = 0; i < 40; ++i)
            QVERIFY(consume(engine, QStringLiteral("user:g%1").arg(i % 30, 2, 10, QLatin1Char('0')), 10)
                        .admitted);
        QTRY_VERIFY_WITH_TIMEOUT(requests->text() != before, 10000);
        QVERIFY(requests->text().toInt() >= 40);
        auto* gateways = w.findChild<QLabel*>(QStringLiteral("gatewaysOnline"));
        QTRY_COMPARE(gateways->text(), QStringLiteral("1 / 1"));

        // Subjects: index order first, then today's token ranking.
        QVERIFY(w.showPage(QStringLiteral("subjects")));
        auto* view = w.findChild<QTableView*>(QStringLiteral("subjectsView"));
        QVERIFY(view);
        QTRY_VERIFY(view->model()->rowCount() >= 32);
        QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("user:alice"));
        view->sortByColumn(SubjectsModel::TokensColumn, Qt::DescendingOrder);
        QTRY_COMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("user:bob"));
        QCOMPARE(view->model()->index(1, 0).data().toString(), QStringLiteral("user:alice"));
        view->sortByColumn(SubjectsModel::SubjectColumn, Qt::AscendingOrder);
        auto* search = w.findChild<QLineEdit*>(QStringLiteral("subjectSearch"));
        QTest::keyClicks(search, QStringLiteral("g1"));
        QTRY_COMPARE(view->model()->rowCount(), 10);
        QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("user:g10"));
        search->clear();
        QTest::keyClicks(search, QStringLiteral("ali"));
        QTRY_COMPARE(view->model()->rowCount(), 1);

        // Double-click opens the detail with the subject's limits.
        const QModelIndex alice = view->model()->index(0, SubjectsModel::TierColumn);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(alice).center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(alice).center());
        SubjectDetailDialog* detail = nullptr;
        QTRY_VERIFY((detail = w.findChild<SubjectDetailDialog*>()) != nullptr);
        QCOMPARE(detail->subjectId(), QStringLiteral("user:alice"));
        QTRY_COMPARE(detail->limitRows(), 3); // pro: requests/minute, tokens/day, concurrency
        QTRY_COMPARE(detail->limitText(1, 0), QStringLiteral("tokens/day"));
        QCOMPARE(detail->limitText(1, 2), QStringLiteral("3000"));
        detail->close();

        // An alert: bob past 85% of tokens/day; acknowledge it from the panel.
        QVERIFY(consume(engine, QStringLiteral("user:bob"), 3700).admitted); // 8700 of 10000
        auto* active = w.findChild<QTableView*>(QStringLiteral("activeAlerts"));
        auto* history = w.findChild<QTableView*>(QStringLiteral("alertHistory"));
        QTRY_VERIFY_WITH_TIMEOUT(active->model()->rowCount() >= 1, 10000);
        int bobRow = -1;
        for (int r = 0; r < active->model()->rowCount(); ++r) {
            if (active->model()->index(r, 2).data().toString() ==
                QLatin1String("user:bob at 87% of tokens/day"))
                bobRow = r;
        }
        QVERIFY(bobRow >= 0);
        const int activeBefore = active->model()->rowCount();
        active->selectRow(bobRow);
        QTest::mouseClick(w.findChild<QPushButton*>(QStringLiteral("acknowledge")), Qt::LeftButton);
        QCOMPARE(active->model()->rowCount(), activeBefore - 1);
        QCOMPARE(history->model()->rowCount(), 1);
        QCOMPARE(history->model()->index(0, 2).data().toString(),
                 QStringLiteral("user:bob at 87% of tokens/day"));
        QTest::qWait(1500); // still at 87%: acknowledged alerts do not come back
        QCOMPARE(history->model()->rowCount(), 1);
        QVERIFY(w.alerts()->active().size() == active->model()->rowCount());
        for (const Alert& a : w.alerts()->active())
            QVERIFY(a.key != QLatin1String("limit:user:bob:tokens/day:85"));
    }

    void storeKilledAndRestartedWhileRunning()
    {
        MainWindow w;
        w.show();
        w.connectTo(m_server->endpoint());
        auto* status = w.findChild<StatusIndicator*>(QStringLiteral("connectionStatus"));
        auto* banner = w.findChild<QLabel*>(QStringLiteral("staleBanner"));
        auto* requests = w.findChild<QLabel*>(QStringLiteral("requestsPerMinute"));
        QVERIFY(status && banner && requests);
        QTRY_VERIFY(requests->text() != QStringLiteral("—"));
        QVERIFY(!banner->isVisible());
        const QString lastNumber = requests->text();

        m_conn.reset();
        m_server->kill();
        QTRY_VERIFY2_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Reconnecting in")),
                                  qPrintable(status->text()), 10000);
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->text().startsWith(QStringLiteral("Not live")), qPrintable(banner->text()));
        QCOMPARE(requests->text(), lastNumber); // the last data stays on screen, marked as old
        // No dialog storm: a dead store never opens a modal box.
        for (QWidget* top : QApplication::topLevelWidgets())
            QVERIFY2(!(top->isVisible() && qobject_cast<QDialog*>(top)), qPrintable(top->objectName()));

        // The restarted server has no data (tests keep none on disk): publish again, as an operator would.
        QVERIFY2(m_server->restart(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint());
        enginetest::setStoreTimeToNoon(*m_conn); // "today" is one day whenever the test runs
        publish(*m_conn);
        QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(QStringLiteral("Connected to")),
                                  qPrintable(status->text()), 40000);
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 10000);
    }

    void layoutIsRemembered()
    {
        {
            MainWindow w;
            w.show();
            auto* range = w.findChild<QComboBox*>(QStringLiteral("chartRange"));
            range->setCurrentIndex(2);
            w.showPage(QStringLiteral("groups"));
            auto* view = w.findChild<QTableView*>(QStringLiteral("subjectsView"));
            view->horizontalHeader()->resizeSection(SubjectsModel::TierColumn, 177);
            w.saveLayout();
        }
        MainWindow w;
        QCOMPARE(w.findChild<QComboBox*>(QStringLiteral("chartRange"))->currentIndex(), 2);
        QCOMPARE(w.findChild<QTabWidget*>(QStringLiteral("pages"))->currentIndex(), 2);
        QCOMPARE(w.findChild<QTableView*>(QStringLiteral("subjectsView"))
                     ->horizontalHeader()
                     ->sectionSize(SubjectsModel::TierColumn),
                 177);
    }

    void readOnlyAndFailuresShowInTheStatusBar()
    {
        LocalRedisServer::Options options;
        options.aclRules << QStringLiteral("user viewer on >view-pw ~qd:* &* +@read +ping +info +time");
        LocalRedisServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RedisEndpoint ep = server.endpoint();
        ep.user = QStringLiteral("viewer");
        ep.password = QStringLiteral("view-pw");
        MainWindow w;
        w.show();
        auto* status = w.findChild<StatusIndicator*>(QStringLiteral("connectionStatus"));
        w.connectTo(ep);
        QTRY_VERIFY2(status->text().contains(QStringLiteral("read-only")), qPrintable(status->text()));
        ep.password = QStringLiteral("nope");
        w.connectTo(ep);
        QTRY_VERIFY2(status->text().contains(QStringLiteral("WRONGPASS")), qPrintable(status->text()));
        server.stop();
        ep.password = QStringLiteral("view-pw");
        w.connectTo(ep);
        QTRY_VERIFY2(status->text().startsWith(QStringLiteral("Reconnecting in")),
                     qPrintable(status->text()));
    }
};

QUOTADESK_TEST_MAIN_IMPL(TestGuiMainWindow, QApplication)
#include "tst_GuiMainWindow.moc"
