#pragma once

#include "SubjectUsage.h"

#include <QDialog>

class QLabel;
class QListWidget;
class QTableWidget;
class QTimer;

namespace quotadesk {

class LiveChart;
class StoreClient;

// One subject: its effective limits with live usage per window, its requests / tokens / denials over the
// last hour, the minutes it was denied in and its pending quota requests. Refreshes every second.
class SubjectDetailDialog : public QDialog
{
    Q_OBJECT

public:
    SubjectDetailDialog(StoreClient* client, const QString& subjectId, QWidget* parent = nullptr);

    QString subjectId() const { return m_id; }
    // Reads now (the timer does it every second too).
    void refresh();
    // Rows of the limits table, for tests.
    int limitRows() const;
    QString limitText(int row, int column) const;

signals:
    void refreshed();

private:
    StoreClient* m_client;
    QString m_id;
    QLabel* m_header;
    QTableWidget* m_limits;
    LiveChart* m_chart;
    QListWidget* m_denials;
    QListWidget* m_requests;
    QTimer* m_timer;
    bool m_inFlight = false;
};

} // namespace quotadesk
