// The policy editor, publish dialog, rollout and history driven for real under offscreen against a real
// store: edit a cell through the view's delegate, undo/redo with the keyboard, publish and see the engine
// apply it; a second publisher in between (conflict, their change shown, rebase); rollback; a read-only
// ACL user. Set QUOTADESK_SCREENSHOT_DIR to also save the pages as PNG.
#include "ConsoleTestSupport.h"
#include "EngineTestSupport.h"
#include "HistoryModel.h"
#include "HistoryPage.h"
#include "LimitsModel.h"
#include "LoadFactorPanel.h"
#include "LoadRulesModel.h"
#include "PolicyDraft.h"
#include "PolicyEditorPage.h"
#include "PublishDialog.h"
#include "RolloutModel.h"
#include "RolloutPanel.h"
#include "StoreClient.h"
#include "TestMain.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

using namespace quotadesk;
using namespace quotadesk::consoletest;

namespace {
// free: 2 requests a day, so a denied request is admitted as soon as a higher limit is live.
QByteArray editorPolicy()
{
    return QByteArray(policyDocument())
        .replace(R"({"metric": "tokens", "window": "day", "limit": 10000},)",
                 R"({"metric": "tokens", "window": "day", "limit": 10000},
      {"metric": "requests", "window": "day", "limit": 2},)");
}

void saveScreenshot(QWidget* w, const QString& name)
{
    const QString dir = qEnvironmentVariable("QUOTADESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(w->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

int rowOf(const QAbstractItemModel* model, const QString& key)
{
    for (int r = 0; r < model->rowCount(); ++r) {
        const QString metric = model->index(r, LimitsModel::MetricColumn).data(Qt::EditRole).toString();
        const QString window = model->index(r, LimitsModel::WindowColumn).data(Qt::EditRole).toString();
        if ((window.isEmpty() ? metric : metric + "/" + window) == key)
            return r;
    }
    return -1;
}

// Types into a cell through the view's own delegate and commits with Return.
void typeIntoCell(QTableView* view, const QModelIndex& index, const QString& text)
{
    view->setCurrentIndex(index);
    view->edit(index);
    QLineEdit* editor = nullptr;
    QTRY_VERIFY((editor = view->viewport()->findChild<QLineEdit*>(QStringLiteral("numberEditor"))) !=
                nullptr);
    editor->selectAll();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return); // the delegate commits queued
    QTRY_COMPARE(index.data().toString(), text);
}
} // namespace

class TestGuiEditor final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_conn;

    // Shows the page active (for keyboard shortcuts) and waits for the draft of the test store.
    void showConnected(PolicyEditorPage& page, StoreClient& client)
    {
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        client.connectTo(m_server->endpoint());
        QTRY_VERIFY(page.draft()->isLoaded());
    }

private slots:
    void init()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint());
        enginetest::setStoreTimeToNoon(*m_conn); // "today" is one day whenever the test runs
        QCOMPARE(publish(*m_conn, editorPolicy()), 1);
    }

    void cleanup()
    {
        m_conn.reset();
        m_server.reset();
    }

    void editUndoRedoPublishAndTheEngineApplies()
    {
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-1"));
        for (int i = 0; i < 2; ++i)
            QVERIFY(consume(engine, QStringLiteral("user:x"), 1).admitted);
        QVERIFY(!consume(engine, QStringLiteral("user:x"), 1).admitted);
        engine.heartbeat({});

        StoreClient client;
        PolicyEditorPage page(&client);
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        client.connectTo(m_server->endpoint());
        QTRY_VERIFY(page.draft()->isLoaded());
        QCOMPARE(page.draft()->baseVersion(), 1);
        QVERIFY(!page.findChild<QLabel*>(QStringLiteral("readOnlyReason"))->isVisible());

        page.selectTier(QStringLiteral("free"));
        auto* view = page.findChild<QTableView*>(QStringLiteral("tierLimitsView"));
        QAbstractItemModelTester tester(view->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int row = rowOf(view->model(), QStringLiteral("requests/day"));
        QVERIFY(row >= 0);
        const QModelIndex cell = view->model()->index(row, LimitsModel::LimitColumn);
        typeIntoCell(view, cell, QStringLiteral("5"));
        QCOMPARE(cell.data().toString(), QStringLiteral("5"));
        QCOMPARE(page.draft()->undoStack()->count(), 1);
        QVERIFY(page.findChild<QLabel*>(QStringLiteral("draftStatus"))
                    ->text()
                    .contains(QLatin1String("1 change")));

        // Ctrl+Z / Ctrl+Shift+Z from inside the page.
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(cell.data().toString(), QStringLiteral("2"));
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(cell.data().toString(), QStringLiteral("5"));

        saveScreenshot(&page, QStringLiteral("policy-editor"));
        PublishDialog* dialog = page.openPublishDialog();
        auto* changes = dialog->findChild<QListWidget*>(QStringLiteral("changes"));
        QTRY_COMPARE(dialog->changeLines(),
                     QStringList{QStringLiteral("free: requests/day 2 → 5, affects 1 subject")});
        auto* confirm = dialog->findChild<QPushButton*>(QStringLiteral("confirmPublish"));
        QVERIFY(!confirm->isEnabled()); // a comment is required
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("publishComment")),
                         QStringLiteral("more"));
        QVERIFY(confirm->isEnabled());
        QVERIFY(changes->isVisible());
        saveScreenshot(dialog, QStringLiteral("publish-dialog"));
        QTest::mouseClick(confirm, Qt::LeftButton);
        QTRY_COMPARE(page.draft()->baseVersion(), 2);
        QVERIFY(!page.draft()->isModified());

        // The engine applies it: the denied request now passes; the gateway then reports version 2.
        PolicyStore store(*m_conn, prefix, testActor());
        QCOMPARE(store.current().version, 2);
        QCOMPARE(store.history().first().comment, QStringLiteral("more"));
        QVERIFY(consume(engine, QStringLiteral("user:x"), 1).admitted);
        QCOMPARE(engine.lastPolicyVersion(), 2);
        engine.heartbeat({});
        QTRY_VERIFY_WITH_TIMEOUT(page.rollout()->model()->allApplied(), 5000);
        QVERIFY2(
            page.rollout()->summary().contains(QLatin1String("Version 2 applied by all 1 online gateways")),
            qPrintable(page.rollout()->summary()));
        QCOMPARE(page.rollout()->model()->index(0, RolloutModel::VersionColumn).data().toString(),
                 QStringLiteral("2"));
        saveScreenshot(&page, QStringLiteral("policy-editor-rollout"));
    }

    // The policy-wide settings: a typed time zone (an unknown one refused by name), the default tier from
    // the combo box, both undone with the keyboard and published; the engine then applies the new default.
    void timezoneAndDefaultTier()
    {
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-1"));
        for (int i = 0; i < 2; ++i)
            QVERIFY(consume(engine, QStringLiteral("user:x"), 1).admitted);
        QVERIFY(!consume(engine, QStringLiteral("user:x"), 1).admitted); // free: 2 requests a day

        StoreClient client;
        PolicyEditorPage page(&client);
        showConnected(page, client);
        if (QTest::currentTestFailed())
            return;
        auto* zone = page.findChild<QComboBox*>(QStringLiteral("timezoneBox"));
        auto* tier = page.findChild<QComboBox*>(QStringLiteral("defaultTierBox"));
        QCOMPARE(zone->currentText(), QStringLiteral("UTC"));
        QCOMPARE(tier->currentText(), QStringLiteral("free"));
        QVERIFY(zone->isEnabled() && tier->isEnabled());
        QUndoStack* undo = page.draft()->undoStack();

        const auto typeZone = [zone](const QString& text) {
            zone->setFocus();
            zone->lineEdit()->selectAll();
            QTest::keyClicks(zone->lineEdit(), text);
            QTest::keyClick(zone->lineEdit(), Qt::Key_Return);
        };
        typeZone(QStringLiteral("Mars/Olympus_Mons"));
        auto* message = page.findChild<QLabel*>(QStringLiteral("editorMessage"));
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(QLatin1String("unknown time zone \"Mars/Olympus_Mons\"")),
                 qPrintable(message->text()));
        QCOMPARE(zone->currentText(), QStringLiteral("UTC")); // the box shows the draft again
        QCOMPARE(undo->count(), 0);

        typeZone(QStringLiteral("Asia/Shanghai"));
        QCOMPARE(page.draft()->policy().timezone(), QStringLiteral("Asia/Shanghai"));
        QVERIFY(!message->isVisible()); // the refusal is stale now
        QCOMPARE(undo->count(), 1);
        tier->setFocus();
        QTest::keyClick(tier, Qt::Key_Down); // free → pro
        QCOMPARE(tier->currentText(), QStringLiteral("pro"));
        QCOMPARE(page.draft()->policy().defaultTier(), QStringLiteral("pro"));
        QCOMPARE(undo->count(), 2);

        // Undo follows into the boxes; redo brings both back.
        QTest::keyClick(tier, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(tier->currentText(), QStringLiteral("free"));
        QTest::keyClick(tier, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(zone->currentText(), QStringLiteral("UTC"));
        QTest::keyClick(tier, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::keyClick(tier, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(zone->currentText(), QStringLiteral("Asia/Shanghai"));
        QCOMPARE(tier->currentText(), QStringLiteral("pro"));

        // Removing the default tier leaves it shown, with the validation problem on the box.
        page.selectTier(QStringLiteral("pro"));
        QVERIFY(page.draft()->removeTier(QStringLiteral("pro")));
        QCOMPARE(tier->currentText(), QStringLiteral("pro"));
        QVERIFY2(tier->toolTip().contains(QLatin1String("unknown tier")), qPrintable(tier->toolTip()));
        // Activating the problem in the list takes the operator to the box.
        auto* problems = page.findChild<QListWidget*>(QStringLiteral("issuesList"));
        const QList<QListWidgetItem*> found =
            problems->findItems(QStringLiteral("/default_tier"), Qt::MatchStartsWith);
        QCOMPARE(found.size(), 1);
        zone->setFocus();
        problems->setCurrentItem(found.first());
        problems->setFocus();
        QTest::keyClick(problems, Qt::Key_Return);
        QTRY_VERIFY(tier->hasFocus());
        undo->undo();
        saveScreenshot(&page, QStringLiteral("policy-editor-settings"));

        PublishDialog* dialog = page.openPublishDialog();
        // The zone moves every subject's day; the default tier, every subject without an entry (user:x).
        QTRY_COMPARE(dialog->changeLines(),
                     (QStringList{QStringLiteral("timezone UTC → Asia/Shanghai, affects 1 subject"),
                                  QStringLiteral("default tier free → pro, affects 1 subject")}));
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("publishComment")),
                         QStringLiteral("Shanghai office"));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("confirmPublish")), Qt::LeftButton);
        QTRY_COMPARE(page.draft()->baseVersion(), 2);
        PolicyStore store(*m_conn, prefix, testActor());
        const QJsonObject live = QJsonDocument::fromJson(store.current().document).object();
        QCOMPARE(live.value(QLatin1String("timezone")).toString(), QStringLiteral("Asia/Shanghai"));
        QCOMPARE(live.value(QLatin1String("default_tier")).toString(), QStringLiteral("pro"));
        // user:x has no entry, so the default tier decides: pro allows far more than free's 2 a day.
        QVERIFY(consume(engine, QStringLiteral("user:x"), 1).admitted);
    }

    // Load rules in their tab: add one, type its factor, pick its signal from the combo box, a refused value
    // says why, undo with the keyboard, publish; heartbeat.lua then engages the published rule.
    void loadRulesTab()
    {
        StoreClient client;
        PolicyEditorPage page(&client);
        showConnected(page, client);
        if (QTest::currentTestFailed())
            return;
        page.findChild<QTabWidget*>(QStringLiteral("editorSections"))->setCurrentIndex(3);
        auto* view = page.findChild<QTableView*>(QStringLiteral("loadRulesView"));
        QVERIFY(view->isVisible());
        QAbstractItemModelTester tester(view->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("addLoadRule")), Qt::LeftButton);
        QCOMPARE(view->model()->rowCount(), 1);

        const auto typeInto = [view](int column, const QString& text) {
            const QModelIndex index = view->model()->index(0, column);
            view->setCurrentIndex(index);
            view->edit(index);
            QLineEdit* editor = nullptr;
            QTRY_VERIFY((editor = view->viewport()->findChild<QLineEdit*>()) != nullptr);
            editor->selectAll();
            QTest::keyClicks(editor, text);
            QTest::keyClick(editor, Qt::Key_Return);
            QTRY_VERIFY(view->viewport()->findChild<QLineEdit*>() == nullptr);
        };
        typeInto(LoadRulesModel::NameColumn, QStringLiteral("error-brake"));
        typeInto(LoadRulesModel::TiersColumn, QStringLiteral("free, pro"));
        typeInto(LoadRulesModel::FactorColumn, QStringLiteral("0.3"));
        typeInto(LoadRulesModel::FactorColumn, QStringLiteral("a third"));
        auto* message = page.findChild<QLabel*>(QStringLiteral("editorMessage"));
        QVERIFY(message->isVisible());
        QCOMPARE(message->text(), QStringLiteral("\"a third\" is not a number"));
        const QModelIndex signal = view->model()->index(0, LoadRulesModel::SignalColumn);
        view->setCurrentIndex(signal);
        view->edit(signal);
        QComboBox* combo = nullptr;
        QTRY_VERIFY((combo = view->viewport()->findChild<QComboBox*>(QStringLiteral("choiceEditor"))) !=
                    nullptr);
        combo->setCurrentIndex(combo->findData(QStringLiteral("upstream_error_rate")));
        emit combo->activated(combo->currentIndex());
        QTRY_COMPARE(signal.data().toString(), QStringLiteral("upstream_error_rate"));
        const LoadRule& rule = page.draft()->policy().loadRules().at(0);
        QCOMPARE(rule.name, QStringLiteral("error-brake"));
        QCOMPARE(rule.tiers, (QStringList{"free", "pro"}));
        QCOMPARE(rule.factor, 0.3);

        // Ctrl+Z takes the signal back, Ctrl+Shift+Z brings it again.
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(signal.data().toString(), QStringLiteral("upstream_latency_ms"));
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(signal.data().toString(), QStringLiteral("upstream_error_rate"));
        // The defaults are 2000 above / 1000 below: an error rate wants a fraction.
        typeInto(LoadRulesModel::EngageColumn, QStringLiteral("0.2"));
        QVERIFY(view->model()
                    ->index(0, LoadRulesModel::ReleaseColumn)
                    .data(LoadRulesModel::IssueRole)
                    .toString()
                    .contains(QLatin1String("must be below engage_above")));
        typeInto(LoadRulesModel::ReleaseColumn, QStringLiteral("0.05"));
        QVERIFY(page.draft()->issues().isEmpty());
        saveScreenshot(&page, QStringLiteral("policy-editor-load-rules"));

        PublishDialog* dialog = page.openPublishDialog();
        QTRY_VERIFY(!dialog->changeLines().isEmpty());
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("publishComment")),
                         QStringLiteral("brake on upstream errors"));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("confirmPublish")), Qt::LeftButton);
        QTRY_COMPARE(page.draft()->baseVersion(), 2);

        // A gateway reporting 30 % upstream errors engages the rule: free and pro run at 0.3.
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-1"));
        QVERIFY(consume(engine, QStringLiteral("user:x"), 1).admitted); // fetches version 2
        const QHash<QString, double> factors =
            engine.heartbeat({{QStringLiteral("upstream_error_rate"), 0.3}});
        QCOMPARE(factors.value(QStringLiteral("free")), 0.3);
        QCOMPARE(factors.value(QStringLiteral("pro")), 0.3);
    }

    void conflictShowsTheirChangeAndRebases()
    {
        StoreClient client;
        PolicyEditorPage page(&client);
        page.show();
        client.connectTo(m_server->endpoint());
        QTRY_VERIFY(page.draft()->isLoaded());
        PolicyDraft* draft = page.draft();
        // Ours: pro requests/minute 1000 → 2000 and free concurrency 3 → 4.
        QVERIFY(draft->setLimitField(PolicyDraft::Owner::Tier, "pro", 0, PolicyDraft::Field::Limit, "2000"));
        page.selectTier(QStringLiteral("free"));
        auto* view = page.findChild<QTableView*>(QStringLiteral("tierLimitsView"));
        typeIntoCell(
            view, view->model()->index(rowOf(view->model(), "concurrency"), LimitsModel::LimitColumn), "4");

        PublishDialog* dialog = page.openPublishDialog();
        QTRY_COMPARE(dialog->changeLines().size(), 2);
        QVERIFY(!dialog->hasConflict());

        // Someone else publishes in between: free requests/minute 100 → 150, pro requests/minute 1000 → 1500.
        {
            QByteArray theirs = editorPolicy();
            theirs.replace(R"("window": "minute", "limit": 100})", R"("window": "minute", "limit": 150})");
            theirs.replace(R"("window": "minute", "limit": 1000})", R"("window": "minute", "limit": 1500})");
            PolicyStore other(*m_conn, prefix,
                              Actor(QStringLiteral("default"), QStringLiteral("bob@elsewhere")));
            QCOMPARE(other.publish(theirs, 1, QStringLiteral("their change")), 2);
        }
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("publishComment")),
                         QStringLiteral("mine"));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("confirmPublish")), Qt::LeftButton);
        QTRY_VERIFY(dialog->hasConflict());
        QCOMPARE(dialog->theirChangeLines(),
                 (QStringList{QStringLiteral("tier free: requests/minute 100 → 150"),
                              QStringLiteral("tier pro: requests/minute 1000 → 1500")}));
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("conflictLabel"))
                    ->text()
                    .contains(QLatin1String("version 2")));
        auto* rebase = dialog->findChild<QPushButton*>(QStringLiteral("rebaseButton"));
        QVERIFY(rebase->isVisible() && rebase->isEnabled());
        QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("confirmPublish"))->isEnabled());
        PolicyStore store(*m_conn, prefix, testActor());
        QCOMPARE(store.current().version, 2); // nothing of ours was written
        saveScreenshot(dialog, QStringLiteral("publish-conflict"));

        QTest::mouseClick(rebase, Qt::LeftButton);
        QCOMPARE(draft->baseVersion(), 2);
        QCOMPARE(draft->conflicts(), QStringList{QStringLiteral("/tiers/pro/limits/#requests|minute/limit")});
        QCOMPARE(draft->policy().tier("free")->limits[0].limit, 150);
        QCOMPARE(draft->policy().tier("pro")->limits[0].limit, 2000);
        QTRY_VERIFY(!dialog->hasConflict() && dialog->changeLines().size() == 2);
        // The flagged cell is visible in the editor.
        page.selectTier(QStringLiteral("pro"));
        QVERIFY(view->model()->index(0, LimitsModel::LimitColumn).data(LimitsModel::ConflictRole).toBool());
        auto* confirm = dialog->findChild<QPushButton*>(QStringLiteral("confirmPublish"));
        QTRY_VERIFY(confirm->isEnabled());
        QTest::mouseClick(confirm, Qt::LeftButton);
        QTRY_COMPARE(draft->baseVersion(), 3);
        QList<PolicyIssue> issues;
        const Policy live = Policy::parse(store.current().document, &issues);
        QCOMPARE(live.tier("free")->limits[0].limit, 150);
        QCOMPARE(live.tier("pro")->limits[0].limit, 2000);
        QCOMPARE(live.tier("free")->limits.last().limit, 4);
    }

    void historyViewDiffRollback()
    {
        {
            QByteArray v2 = editorPolicy();
            v2.replace(R"("window": "minute", "limit": 100})", R"("window": "minute", "limit": 7})");
            QCOMPARE(publish(*m_conn, v2), 2);
        }
        StoreClient client;
        HistoryPage page(&client);
        page.resize(1100, 600);
        page.show();
        client.connectTo(m_server->endpoint());
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(page.model()->rowCount(), 2);
        QCOMPARE(page.model()->index(0, HistoryModel::VersionColumn).data().toLongLong(), 2);
        QVERIFY(page.model()->index(0, HistoryModel::ActorColumn).data().toString().contains("tester@test"));
        page.selectVersions({1, 2});
        page.diffSelected();
        QTRY_COMPARE(page.text(), QStringLiteral("Version 1 → 2:\n  tier free: requests/minute 100 → 7"));
        page.selectVersions({1});
        page.viewSelected();
        QTRY_VERIFY(page.text().startsWith(QLatin1String("Version 1, published by default (tester@test)")));
        saveScreenshot(&page, QStringLiteral("history"));

        // Cancel first: nothing happens; then confirm.
        QTimer::singleShot(0, this, [] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            box->button(QMessageBox::Cancel)->click();
        });
        page.rollbackSelected();
        PolicyStore store(*m_conn, prefix, testActor());
        QCOMPARE(store.current().version, 2);
        QTimer::singleShot(0, this, [] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            QVERIFY(box->text().contains(QLatin1String("version 1")));
            box->button(QMessageBox::Yes)->click();
        });
        page.rollbackSelected();
        QTRY_COMPARE(page.model()->rowCount(), 3);
        QCOMPARE(store.current().version, 3);
        QCOMPARE(store.current().document, store.version(1).document);
        QCOMPARE(store.history().first().comment, QStringLiteral("rollback to version 1: from the console"));
    }

    void loadFactorsRulesAndOverride()
    {
        QByteArray doc = editorPolicy();
        doc.insert(doc.lastIndexOf('}'), R"(, "load_rules": [{"name": "latency", "tiers": ["free"],
            "signal": "upstream_latency_ms", "engage_above": 2000, "release_below": 1000, "factor": 0.5}])");
        QCOMPARE(publish(*m_conn, doc), 2);
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-load"));
        QCOMPARE(engine.heartbeat({{"upstream_latency_ms", 2500}}).value(QStringLiteral("free")), 0.5);

        StoreClient client;
        LoadFactorPanel panel(&client);
        panel.resize(1100, 700);
        panel.show();
        client.connectTo(m_server->endpoint());
        auto* table = panel.findChild<QTableWidget*>(QStringLiteral("loadTable"));
        QTRY_COMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("free"));
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("0.5"));
        QCOMPARE(table->item(0, 2)->text(),
                 QStringLiteral("rule latency: upstream_latency_ms above 2000 (releases below 1000)"));
        QCOMPARE(table->item(1, 1)->text(), QStringLiteral("1"));
        QCOMPARE(panel.samples(QStringLiteral("upstream_latency_ms")).first().y(), 2500.0);

        // The signal drops: the rule releases; the chart keeps the history, one sample per refresh.
        QVERIFY(engine.heartbeat({{"upstream_latency_ms", 800}}).isEmpty());
        panel.refresh();
        QTRY_COMPARE(table->item(0, 1)->text(), QStringLiteral("1"));
        QVERIFY(panel.samples(QStringLiteral("upstream_latency_ms")).size() >= 2);
        QCOMPARE(panel.samples(QStringLiteral("upstream_latency_ms")).last().y(), 800.0);

        panel.applyOverride(QStringLiteral("pro"), 0.25, 10, QStringLiteral("incident 42"));
        QTRY_COMPARE(table->item(1, 1)->text(), QStringLiteral("0.25"));
        QVERIFY2(table->item(1, 2)->text().startsWith(QLatin1String("operator default until ")),
                 qPrintable(table->item(1, 2)->text()));
        const RedisReply stored = m_conn->call({"HGET", "qd:load", "pro"});
        QVERIFY(stored.string.contains("\"source\":\"operator:default\""));
        saveScreenshot(&panel, QStringLiteral("load-factors"));
        panel.applyOverride(QStringLiteral("pro"), 1.0, 0, QStringLiteral("resolved"));
        QTRY_COMPARE(table->item(1, 1)->text(), QStringLiteral("1"));
        QVERIFY(m_conn->call({"HGET", "qd:load", "pro"}).isNil());
    }

    void subjectSearchOverridesAndAutosavedDraft()
    {
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-s"));
        for (int i = 0; i < 120; ++i)
            QVERIFY(consume(engine, QStringLiteral("user:s%1").arg(i, 3, 10, QLatin1Char('0')), 1).admitted);
        QString autosavePath;
        {
            StoreClient client;
            PolicyEditorPage page(&client);
            page.show();
            client.connectTo(m_server->endpoint());
            QTRY_VERIFY(page.draft()->isLoaded());
            autosavePath = page.draft()->autosavePath();
            QVERIFY(autosavePath.contains(QLatin1String("/drafts/")));
            QFile::remove(autosavePath);

            // Prefix search pages through the store's subject index, 50 at a time.
            auto* search = page.findChild<QLineEdit*>(QStringLiteral("overrideSearch"));
            auto* results = page.findChild<QListWidget*>(QStringLiteral("searchResults"));
            QTest::keyClicks(search, QStringLiteral("user:s01"));
            QTRY_COMPARE(results->count(), 10);
            QCOMPARE(results->item(0)->text(), QStringLiteral("user:s010"));
            search->clear();
            QTest::keyClicks(search, QStringLiteral("user:s"));
            QTRY_COMPARE(results->count(), 50);
            QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("moreResults")), Qt::LeftButton);
            QTRY_COMPARE(results->count(), 100);
            QCOMPARE(results->item(99)->text(), QStringLiteral("user:s099"));

            results->setCurrentRow(42);
            QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("addOverride")), Qt::LeftButton);
            QVERIFY(page.draft()->policy().subject(QStringLiteral("user:s042")));
            QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("addSubjectLimit")),
                              Qt::LeftButton);
            QCOMPARE(page.draft()->policy().subject(QStringLiteral("user:s042"))->limits.size(), 1);
            auto* limits = page.findChild<QTableView*>(QStringLiteral("subjectLimitsView"));
            QCOMPARE(limits->model()->rowCount(), 1);
            typeIntoCell(limits, limits->model()->index(0, LimitsModel::LimitColumn), QStringLiteral("99"));
            saveScreenshot(&page, QStringLiteral("policy-editor-overrides"));
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(autosavePath), 3000);
        }
        // A new console (after a crash or a lost connection) gets the draft back.
        StoreClient client;
        PolicyEditorPage page(&client);
        page.show();
        client.connectTo(m_server->endpoint());
        QTRY_VERIFY(page.draft()->isLoaded());
        QVERIFY(page.draft()->isModified());
        QCOMPARE(page.draft()->policy().subject(QStringLiteral("user:s042"))->limits.first().limit, 99);
        QVERIFY(page.findChild<QLabel*>(QStringLiteral("editorMessage"))
                    ->text()
                    .startsWith("Restored your unpublished"));
        page.reloadFromLive();
        QTRY_VERIFY(!page.draft()->isModified());
        page.draft()->saveNow();
        QVERIFY(!QFile::exists(autosavePath));
    }

    void readOnlyUserSeesWhyEditingIsOff()
    {
        LocalRedisServer::Options options;
        options.aclRules << QStringLiteral(
            "user viewer on >pw ~qd:* &* +@read +@connection +subscribe +ping +info");
        LocalRedisServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        {
            RedisConnection conn(server.endpoint());
            publish(conn, editorPolicy());
        }
        RedisEndpoint viewer = server.endpoint();
        viewer.user = QStringLiteral("viewer");
        viewer.password = QStringLiteral("pw");
        StoreClient client;
        PolicyEditorPage page(&client);
        HistoryPage history(&client);
        page.resize(1200, 800);
        page.show();
        client.connectTo(viewer);
        QTRY_VERIFY(page.draft()->isLoaded());
        auto* reason = page.findChild<QLabel*>(QStringLiteral("readOnlyReason"));
        QTRY_VERIFY(reason->isVisible());
        QVERIFY2(reason->text().contains(QLatin1String("\"viewer\" may not write")),
                 qPrintable(reason->text()));
        QVERIFY(page.isReadOnly());
        auto* view = page.findChild<QTableView*>(QStringLiteral("tierLimitsView"));
        QCOMPARE(view->editTriggers(), QAbstractItemView::NoEditTriggers);
        QVERIFY(view->model()->rowCount() > 0); // everything is shown
        QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("addTierLimit"))->isEnabled());
        QVERIFY(!page.findChild<QComboBox*>(QStringLiteral("timezoneBox"))->isEnabled());
        QVERIFY(!page.findChild<QComboBox*>(QStringLiteral("defaultTierBox"))->isEnabled());
        QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("addLoadRule"))->isEnabled());
        QCOMPARE(page.findChild<QTableView*>(QStringLiteral("loadRulesView"))->editTriggers(),
                 QAbstractItemView::NoEditTriggers);
        auto* toolbar = page.findChild<QToolBar*>(QStringLiteral("editorToolbar"));
        bool publishFound = false;
        for (QAction* a : toolbar->actions()) {
            if (a->objectName() == QLatin1String("publishAction")) {
                publishFound = true;
                QVERIFY(!a->isEnabled());
            }
        }
        QVERIFY(publishFound);
        QTRY_COMPARE(history.model()->rowCount(), 1);
        history.selectVersions({1});
        QVERIFY(!history.findChild<QPushButton*>(QStringLiteral("rollbackVersion"))->isEnabled());
        QVERIFY(history.findChild<QPushButton*>(QStringLiteral("viewVersion"))->isEnabled());
        saveScreenshot(&page, QStringLiteral("policy-editor-readonly"));
    }
};

QUOTADESK_TEST_MAIN_IMPL(TestGuiEditor, QApplication)
#include "tst_GuiEditor.moc"
