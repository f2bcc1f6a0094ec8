#include "GatewaysModel.h"

#include <QColor>

namespace quotadesk {

GatewaysModel::GatewaysModel(QObject* parent) : QAbstractTableModel(parent)
{}

void GatewaysModel::setGateways(const QList<GatewayInfo>& gateways, qint64 nowMs)
{
    bool sameRows = gateways.size() == m_gateways.size();
    for (qsizetype i = 0; sameRows && i < gateways.size(); ++i)
        sameRows = gateways[i].id == m_gateways[i].id;
    m_nowMs = nowMs;
    if (sameRows) {
        m_gateways = gateways;
        if (!m_gateways.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_gateways.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_gateways = gateways;
    endResetModel();
}

int GatewaysModel::onlineCount() const
{
    int n = 0;
    for (const GatewayInfo& g : m_gateways)
        n += m_nowMs - g.seenMs <= onlineWindowMs ? 1 : 0;
    return n;
}

int GatewaysModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_gateways.size());
}

int GatewaysModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GatewaysModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GatewayInfo& g = m_gateways.at(index.row());
    const bool online = m_nowMs - g.seenMs <= onlineWindowMs;
    if (role == Qt::ForegroundRole && index.column() == SeenColumn && !online)
        return QColor(0xc6, 0x28, 0x28);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return g.id;
    case HostColumn:
        return g.pid ? QStringLiteral("%1 (pid %2)").arg(g.host).arg(g.pid) : g.host;
    case PolicyColumn:
        return tr("v%1").arg(g.version);
    case RateColumn:
        return tr("%1/s").arg(g.decisionsPerSecond, 0, 'f', 1);
    case SeenColumn: {
        const qint64 ago = std::max<qint64>(0, (m_nowMs - g.seenMs) / 1000);
        return online ? tr("online (%1 s ago)").arg(ago) : tr("silent for %1 s").arg(ago);
    }
    }
    return {};
}

QVariant GatewaysModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Gateway");
    case HostColumn:
        return tr("Host");
    case PolicyColumn:
        return tr("Policy");
    case RateColumn:
        return tr("Decisions");
    case SeenColumn:
        return tr("Heartbeat");
    }
    return {};
}

} // namespace quotadesk
