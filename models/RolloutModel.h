#pragma once

#include "GatewayInfo.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace quotadesk {

// Which gateways apply a just-published version. A gateway reports its version with every heartbeat
// (`P gateways`); the first heartbeat showing the new version gives how long it took (its `seen` time minus
// the publish time, so the console's refresh rate does not add to it). Gateways not seen for 30 s are
// offline and not waited for.
class RolloutModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        GatewayColumn,
        HostColumn,
        VersionColumn,
        StatusColumn,
        ColumnCount
    };
    static constexpr qint64 OfflineAfterMs = 30'000;

    explicit RolloutModel(QObject* parent = nullptr);

    void track(qint64 version, qint64 publishedAtMs);
    qint64 targetVersion() const { return m_target; }
    void update(const QList<GatewayInfo>& gateways, qint64 nowMs);

    int onlineCount() const;
    int appliedCount() const;
    bool allApplied() const { return onlineCount() > 0 && appliedCount() == onlineCount(); }
    // When every online gateway had it: ms after the publish (-1 while waiting).
    qint64 completedAfterMs() const;
    QString summary() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    bool isOnline(const GatewayInfo& g) const { return m_nowMs - g.seenMs <= OfflineAfterMs; }
    bool hasTarget(const GatewayInfo& g) const { return g.version.toLongLong() >= m_target; }

    qint64 m_target = 0;
    qint64 m_publishedAtMs = 0;
    qint64 m_nowMs = 0;
    QList<GatewayInfo> m_gateways;
    QHash<QString, qint64> m_appliedAt; // gateway id -> seen time of its first heartbeat with the version
};

} // namespace quotadesk
