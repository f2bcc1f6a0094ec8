#include "MainWindow.h"

#include "AboutDialog.h"
#include "AlertMonitor.h"
#include "AlertsPanel.h"
#include "ApprovalsPage.h"
#include "AuditPage.h"
#include "ConnectionDialog.h"
#include "ForecastPage.h"
#include "GroupsPage.h"
#include "HistoryPage.h"
#include "LiveDashboard.h"
#include "LoadFactorPanel.h"
#include "OverviewPage.h"
#include "PolicyEditorPage.h"
#include "PolicyWatcher.h"
#include "PreferencesDialog.h"
#include "ShortcutsDialog.h"
#include "StatusIndicator.h"
#include "StoreClient.h"
#include "SubjectDetailDialog.h"
#include "SubjectsPage.h"
#include "Translator.h"

#include <QAction>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace quotadesk {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("QuotaDesk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/quotadesk.svg")));
    resize(1400, 900);
    m_client = new StoreClient(this);
    m_dashboard = new LiveDashboard(m_client, this);
    m_alerts = new AlertMonitor(this);

    m_overview = new OverviewPage(m_dashboard, this);
    m_subjects = new SubjectsPage(m_client, this);
    m_groups = new GroupsPage(m_dashboard, this);
    m_forecast = new ForecastPage(m_dashboard, this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("pages"));
    m_tabs->addTab(m_overview, tr("Overview"));
    m_tabs->addTab(m_subjects, tr("Subjects"));
    m_tabs->addTab(m_groups, tr("Groups"));
    m_tabs->addTab(m_forecast, tr("Forecast"));
    // Policy editor, history, approvals, audit and load factors; order as in pageNames().
    auto* policyPage = new PolicyEditorPage(m_client, this);
    m_policyPage = policyPage;
    auto* historyPage = new HistoryPage(m_client, this);
    auto* approvalsPage = new ApprovalsPage(m_client, this);
    auto* auditPage = new AuditPage(m_client, this);
    m_tabs->addTab(policyPage, tr("Policy"));
    m_tabs->addTab(historyPage, tr("History"));
    const int approvalsTab = m_tabs->addTab(approvalsPage, tr("Approvals"));
    m_tabs->addTab(auditPage, tr("Audit"));
    m_tabs->addTab(new LoadFactorPanel(m_client, this), tr("Load"));
    connect(policyPage, &PolicyEditorPage::published, historyPage, &HistoryPage::refresh);
    connect(policyPage, &PolicyEditorPage::published, auditPage, &AuditPage::refresh);
    connect(historyPage, &HistoryPage::rolledBack, auditPage, &AuditPage::refresh);
    connect(approvalsPage, &ApprovalsPage::pendingCountChanged, this, [this, approvalsTab](int n) {
        m_tabs->setTabText(approvalsTab, n > 0 ? tr("Approvals (%1)").arg(n) : tr("Approvals"));
        m_pendingRequests = n;
        updateTray();
    });
    connect(approvalsPage, &ApprovalsPage::requestArrived, this, [this](const QString& summary) {
        statusBar()->showMessage(summary, 10000);
        if (m_tray && m_notifications && QSystemTrayIcon::supportsMessages())
            m_tray->showMessage(tr("QuotaDesk"), summary, QSystemTrayIcon::Information);
    });
    // While the store is unreachable the pages keep their last data; this banner says how old it is, so
    // nobody mistakes a frozen number for a quiet fleet.
    m_staleBanner = new QLabel(this);
    m_staleBanner->setObjectName(QStringLiteral("staleBanner"));
    m_staleBanner->setWordWrap(true);
    m_staleBanner->setMargin(6);
    m_staleBanner->setStyleSheet(QStringLiteral("background: #fff3cd; color: #664d03;"));
    m_staleBanner->hide();
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_staleBanner);
    centralLayout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_alertsPanel = new AlertsPanel(m_alerts, this);
    m_alertsDock = new QDockWidget(tr("Alerts"), this);
    m_alertsDock->setObjectName(QStringLiteral("alertsDock"));
    m_alertsDock->setWidget(m_alertsPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_alertsDock);

    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setMovable(false);
    QAction* connectAction = toolbar->addAction(tr("Connect…"), this, &MainWindow::showConnectDialog);
    connectAction->setObjectName(QStringLiteral("connectAction"));
    toolbar->addSeparator();
    m_liveAction = toolbar->addAction(tr("Live"));
    m_liveAction->setObjectName(QStringLiteral("liveAction"));
    m_liveAction->setCheckable(true);
    m_liveAction->setChecked(true);
    m_liveAction->setToolTip(tr("Live updates; uncheck to pause"));
    connect(m_liveAction, &QAction::toggled, this, [this](bool live) {
        m_dashboard->setPaused(!live);
        m_liveAction->setText(live ? tr("Live") : tr("Paused"));
    });
    toolbar->addWidget(new QLabel(tr(" every "), this));
    m_interval = new QSpinBox(this);
    m_interval->setObjectName(QStringLiteral("interval"));
    m_interval->setRange(1, 60);
    m_interval->setSuffix(tr(" s"));
    m_interval->setValue(1);
    connect(m_interval, &QSpinBox::valueChanged, this,
            [this](int s) { m_dashboard->setIntervalMs(s * 1000); });
    toolbar->addWidget(m_interval);
    QAction* refreshAction = toolbar->addAction(tr("Refresh now"), m_dashboard, &LiveDashboard::refreshNow);
    refreshAction->setObjectName(QStringLiteral("refreshAction"));
    toolbar->addSeparator();
    toolbar->addAction(m_alertsDock->toggleViewAction());

    m_status = new StatusIndicator(this);
    m_status->setObjectName(QStringLiteral("connectionStatus"));
    statusBar()->addPermanentWidget(m_status, 1);
    connect(m_client, &StoreClient::statusChanged, m_status, &StatusIndicator::setStatus);
    connect(m_client, &StoreClient::connected, m_subjects, &SubjectsPage::reload);

    connect(m_client, &StoreClient::statusChanged, this, &MainWindow::updateStaleBanner);
    connect(m_dashboard, &LiveDashboard::updated, this, [this] {
        if (!m_dashboard->snapshot().valid)
            return;
        m_lastLiveData = QDateTime::currentDateTime();
        updateStaleBanner(m_client->status());
        m_alerts->evaluate(m_dashboard->snapshot());
        m_subjects->refresh(m_dashboard->snapshot().totals.subjects);
    });
    connect(m_dashboard, &LiveDashboard::refreshFailed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 5000); });
    connect(m_alerts, &AlertMonitor::alertRaised, this, &MainWindow::onAlertRaised);
    connect(m_alerts, &AlertMonitor::changed, this, &MainWindow::updateAlertsTitle);
    connect(m_subjects, &SubjectsPage::subjectActivated, this, &MainWindow::openSubject);
    connect(m_groups, &GroupsPage::subjectActivated, this, &MainWindow::openSubject);

    createMenus(connectAction, refreshAction);
    connect(m_alerts, &AlertMonitor::changed, this, &MainWindow::updateTray);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setObjectName(QStringLiteral("trayIcon"));
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger) {
                showNormal();
                raise();
                activateWindow();
            }
        });
        m_tray->show();
    }
    updateTray();
    restoreLayout();
    applyPreferences();
}

void MainWindow::createMenus(QAction* connectAction, QAction* refreshAction)
{
    connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    // Ctrl+P rather than Space: Space belongs to the focused button, check box or table cell.
    m_liveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(connectAction);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* preferences = edit->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    preferences->setObjectName(QStringLiteral("preferencesAction"));
    preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setMenuRole(QAction::PreferencesRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_liveAction);
    view->addAction(refreshAction);
    view->addAction(m_alertsDock->toggleViewAction());
    view->addSeparator();
    // Ctrl+1 … Ctrl+9 for the first nine pages, in tab order.
    for (int i = 0; i < std::min(9, m_tabs->count()); ++i) {
        QAction* go = view->addAction(tr("Go to %1").arg(m_tabs->tabText(i)), this,
                                      [this, i] { m_tabs->setCurrentIndex(i); });
        go->setObjectName(QStringLiteral("pageAction%1").arg(i + 1));
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* shortcuts = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setShortcut(QKeySequence(Qt::Key_F1));
    QAction* about = help->addAction(tr("&About QuotaDesk"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
}

QList<QAction*> MainWindow::shortcutActions() const
{
    QList<QAction*> result;
    for (QAction* menu : menuBar()->actions()) {
        if (!menu->menu())
            continue;
        for (QAction* a : menu->menu()->actions()) {
            if (!a->shortcuts().isEmpty())
                result.append(a);
        }
    }
    // The policy editor's own undo/redo, active while its page has focus.
    for (const char* name : {"undoAction", "redoAction"}) {
        if (auto* a = m_policyPage->findChild<QAction*>(QLatin1String(name)); a && !a->shortcuts().isEmpty())
            result.append(a);
    }
    return result;
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(Translator::availableLanguages(), this);
    if (dialog.exec() == QDialog::Accepted)
        applyPreferences();
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(shortcutActions(), this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    AboutDialog dialog(m_client->status(), this);
    dialog.exec();
}

void MainWindow::applyPreferences()
{
    const PreferencesDialog::Values v = PreferencesDialog::load(QSettings());
    m_interval->setValue(v.intervalSeconds);
    // The spin box signals only a change; set the dashboard too in case it already showed this value.
    m_dashboard->setIntervalMs(v.intervalSeconds * 1000);
    AlertMonitor::Thresholds t = m_alerts->thresholds();
    t.warning = v.warningPercent / 100.0;
    t.critical = v.criticalPercent / 100.0;
    m_alerts->setThresholds(t);
    m_notifications = v.notifications;
}

QString MainWindow::trayToolTip() const
{
    const qsizetype alerts = m_alerts->active().size();
    if (alerts == 0 && m_pendingRequests == 0)
        return windowTitle();
    return tr("%1\n%2 open alerts, %3 pending requests")
        .arg(windowTitle())
        .arg(alerts)
        .arg(m_pendingRequests);
}

void MainWindow::updateTray()
{
    if (m_tray)
        m_tray->setToolTip(trayToolTip());
}

MainWindow::~MainWindow() = default;

QStringList MainWindow::pageNames()
{
    return {QStringLiteral("overview"),  QStringLiteral("subjects"), QStringLiteral("groups"),
            QStringLiteral("forecast"),  QStringLiteral("policy"),   QStringLiteral("history"),
            QStringLiteral("approvals"), QStringLiteral("audit"),    QStringLiteral("load"),
            QStringLiteral("alerts")};
}

bool MainWindow::showPage(const QString& name)
{
    const int index = int(pageNames().indexOf(name.toLower()));
    if (index < 0)
        return false;
    if (index < m_tabs->count()) {
        m_tabs->setCurrentIndex(index);
    } else {
        m_alertsDock->show();
        m_alertsDock->raise();
    }
    return true;
}

QWidget* MainWindow::screenshotWidget(const QString& page)
{
    if (page.toLower() != QLatin1String("alerts"))
        return this;
    m_alertsDock->setFloating(true);
    m_alertsDock->resize(width(), height() / 2);
    return m_alertsDock;
}

void MainWindow::connectTo(const RedisEndpoint& endpoint, const QString& profileName)
{
    setWindowTitle(tr("QuotaDesk — %1").arg(profileName.isEmpty() ? endpoint.redacted() : profileName));
    updateTray();
    m_client->connectTo(endpoint);
    m_watcher = std::make_unique<PolicyWatcher>(endpoint, endpoint.prefix);
    connect(m_watcher.get(), &PolicyWatcher::policyVersionChanged, this, [this](qint64 version) {
        m_client->setPolicyVersion(version);
        m_dashboard->refreshNow();
        if (m_client->isConnected())
            m_subjects->reload(); // tiers, groups and limits may have changed
    });
    connect(m_watcher.get(), &PolicyWatcher::eventReceived, m_dashboard, &LiveDashboard::refreshNow);
    m_watcher->start();
}

void MainWindow::updateStaleBanner(const ConnectionStatus& status)
{
    const bool live = status.state == ConnectionStatus::State::Connected;
    if (live || !m_lastLiveData.isValid()) {
        m_staleBanner->hide();
        return;
    }
    m_staleBanner->setText(tr("Not live: the pages show data from %1. %2")
                               .arg(QLocale().toString(m_lastLiveData.time(), QLocale::LongFormat),
                                    StatusIndicator::describe(status)));
    m_staleBanner->show();
}

void MainWindow::showConnectDialog()
{
    QSettings settings;
    ConnectionDialog dialog(settings, this);
    if (dialog.exec() == QDialog::Accepted)
        connectTo(dialog.endpoint(), dialog.profile().name);
}

void MainWindow::openSubject(const QString& id)
{
    if (id.isEmpty())
        return;
    auto* dialog = new SubjectDetailDialog(m_client, id, this);
    dialog->setObjectName(QStringLiteral("subjectDetail"));
    dialog->show();
}

void MainWindow::onAlertRaised(const Alert& alert)
{
    statusBar()->showMessage(alert.title, 10000);
    if (m_tray && m_notifications && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(tr("QuotaDesk alert"), alert.title,
                            alert.severity == Alert::Severity::Critical ? QSystemTrayIcon::Critical
                                                                        : QSystemTrayIcon::Warning);
}

void MainWindow::updateAlertsTitle()
{
    const qsizetype n = m_alerts->active().size();
    m_alertsDock->setWindowTitle(n ? tr("Alerts (%1 active)").arg(n) : tr("Alerts"));
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/page"), m_tabs->currentIndex());
    settings.setValue(QStringLiteral("live/intervalSeconds"), m_interval->value());
    m_overview->saveState(settings);
    m_subjects->saveState(settings);
    m_groups->saveState(settings);
    m_forecast->saveState(settings);
    m_alertsPanel->saveState(settings);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("window/page"), 0).toInt());
    m_interval->setValue(settings.value(QStringLiteral("live/intervalSeconds"), 1).toInt());
    m_overview->restoreState(settings);
    m_subjects->restoreState(settings);
    m_groups->restoreState(settings);
    m_forecast->restoreState(settings);
    m_alertsPanel->restoreState(settings);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    event->accept();
}

} // namespace quotadesk
