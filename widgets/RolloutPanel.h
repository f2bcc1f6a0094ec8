#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QTableView;

namespace quotadesk {

class RolloutModel;
class StoreClient;

// After a publish: each gateway's applied version (`P gateways`) and how long until all had it. Polls the
// store every second until every online gateway applied the version (then stops; a new publish restarts).
class RolloutPanel : public QWidget
{
    Q_OBJECT

public:
    RolloutPanel(StoreClient* client, QWidget* parent = nullptr);

    void track(qint64 version, qint64 publishedAtMs);
    void refresh();
    RolloutModel* model() const { return m_model; }
    QString summary() const;

private:
    StoreClient* m_client;
    RolloutModel* m_model;
    QLabel* m_summary;
    QTableView* m_view;
    QTimer m_poll;
    bool m_inFlight = false;
};

} // namespace quotadesk
