#pragma once

#include <QWidget>

class QSettings;
class QSplitter;
class QTableView;

namespace quotadesk {

class AlertMonitor;
class AlertsModel;

// Active alerts with Acknowledge / Acknowledge all, and the history of acknowledged ones.
class AlertsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit AlertsPanel(AlertMonitor* monitor, QWidget* parent = nullptr);

    QTableView* activeView() const { return m_active; }
    QTableView* historyView() const { return m_history; }
    void saveState(QSettings& settings) const;
    void restoreState(QSettings& settings);

private:
    void acknowledgeSelected();

    AlertMonitor* m_monitor;
    AlertsModel* m_activeModel;
    AlertsModel* m_historyModel;
    QTableView* m_active;
    QTableView* m_history;
    QSplitter* m_splitter;
};

} // namespace quotadesk
