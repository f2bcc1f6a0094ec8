#pragma once

#include "ConnectionStatus.h"
#include "RedisEndpoint.h"

#include <QDateTime>
#include <QMainWindow>

#include <memory>

class QAction;
class QDockWidget;
class QSpinBox;
class QSystemTrayIcon;
class QLabel;
class QTabWidget;

namespace quotadesk {

class AlertMonitor;
class AlertsPanel;
class ForecastPage;
class GroupsPage;
class LiveDashboard;
class OverviewPage;
class PolicyWatcher;
class StatusIndicator;
class StoreClient;
class SubjectsPage;
struct Alert;

// The console: Overview, Subjects, Groups and Forecast pages in tabs, alerts in a dock, the connection in
// the status bar. Layout (geometry, docks, splitters, column widths, chart range) lives in QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // profileName (the saved connection's name) titles the window; without one the redacted endpoint does.
    void connectTo(const RedisEndpoint& endpoint, const QString& profileName = {});
    // Shows the connection dialog; connects when accepted.
    void showConnectDialog();

    // Page names for --page and tests: overview, subjects, groups, forecast, policy, history, approvals,
    // audit, load, alerts (the tabs in this order, then the alerts dock).
    static QStringList pageNames();
    bool showPage(const QString& name);
    // The widget to render for --screenshot: the window, or for "alerts" the alerts dock taken out of the
    // window at a readable size (the pages above it keep the docked panel short).
    QWidget* screenshotWidget(const QString& page);
    void openSubject(const QString& id);

    StoreClient* client() const { return m_client; }
    LiveDashboard* dashboard() const { return m_dashboard; }
    AlertMonitor* alerts() const { return m_alerts; }
    SubjectsPage* subjectsPage() const { return m_subjects; }
    StatusIndicator* statusIndicator() const { return m_status; }

    void saveLayout();
    void restoreLayout();

    // Edit → Preferences, Help → Keyboard shortcuts, Help → About (modal).
    void showPreferences();
    void showShortcuts();
    void showAbout();
    // Puts the stored preferences into effect: refresh interval, alert thresholds, notifications.
    void applyPreferences();
    bool notificationsEnabled() const { return m_notifications; }
    // The window's actions that have keyboard shortcuts, in menu order (the shortcuts dialog lists them).
    QList<QAction*> shortcutActions() const;
    // Tray tooltip: open alerts and pending requests.
    QString trayToolTip() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void updateStaleBanner(const ConnectionStatus& status);
    void onAlertRaised(const Alert& alert);
    void updateAlertsTitle();
    void createMenus(QAction* connectAction, QAction* refreshAction);
    void updateTray();

    StoreClient* m_client;
    LiveDashboard* m_dashboard;
    AlertMonitor* m_alerts;
    QTabWidget* m_tabs;
    QLabel* m_staleBanner;
    QDateTime m_lastLiveData; // when the pages last got a snapshot from the store
    OverviewPage* m_overview;
    SubjectsPage* m_subjects;
    GroupsPage* m_groups;
    ForecastPage* m_forecast;
    AlertsPanel* m_alertsPanel;
    QDockWidget* m_alertsDock;
    StatusIndicator* m_status;
    QAction* m_liveAction;
    QSpinBox* m_interval;
    QSystemTrayIcon* m_tray = nullptr;
    QWidget* m_policyPage = nullptr;
    int m_pendingRequests = 0;
    bool m_notifications = true;
    // Its own thread and connections: policy changes and events arrive pushed, not only with the next poll.
    std::unique_ptr<PolicyWatcher> m_watcher;
};

} // namespace quotadesk
