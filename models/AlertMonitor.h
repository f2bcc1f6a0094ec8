#pragma once

#include "Alert.h"
#include "DashboardSnapshot.h"

#include <QList>
#include <QObject>
#include <QSet>

namespace quotadesk {

// Turns snapshots into alerts: any limit of a busy subject or a group at 85% and at 100%, a spike in
// fleet denials, a gateway silent for 30 s. An alert is raised once when its condition becomes true and
// stays active until acknowledged (flapping meanwhile adds no copies); after that the same condition raises
// again only once it has cleared.
class AlertMonitor : public QObject
{
    Q_OBJECT

public:
    struct Thresholds
    {
        double warning = 0.85;
        double critical = 1.0;
        double spikeFactor = 3.0;   // denials/min above this times the previous 15 minutes' mean …
        double spikeMinimum = 20.0; // … and at least this many per minute
        qint64 gatewaySilentMs = 30000;
    };

    explicit AlertMonitor(QObject* parent = nullptr);

    void setThresholds(const Thresholds& t) { m_thresholds = t; }
    const Thresholds& thresholds() const { return m_thresholds; }

    void evaluate(const DashboardSnapshot& snapshot);
    bool acknowledge(qint64 id, qint64 nowMs);
    void acknowledgeAll(qint64 nowMs);

    const QList<Alert>& active() const { return m_active; }
    const QList<Alert>& history() const { return m_history; } // newest first

signals:
    void alertRaised(const quotadesk::Alert& alert);
    void changed();

private:
    void observe(const QString& key, bool condition, Alert::Severity severity, const QString& title,
                 const QString& detail, qint64 nowMs, QSet<QString>& seen);

    Thresholds m_thresholds;
    QList<Alert> m_active;
    QList<Alert> m_history;
    QSet<QString> m_holding; // conditions currently true that have been alerted
    qint64 m_nextId = 1;
};

} // namespace quotadesk
