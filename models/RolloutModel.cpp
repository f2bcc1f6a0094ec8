#include "RolloutModel.h"

#include <QBrush>
#include <QColor>

namespace quotadesk {

namespace {
QString seconds(qint64 ms)
{
    return QStringLiteral("%1 s").arg(double(qMax<qint64>(ms, 0)) / 1000.0, 0, 'f', 1);
}
} // namespace

RolloutModel::RolloutModel(QObject* parent) : QAbstractTableModel(parent)
{}

void RolloutModel::track(qint64 version, qint64 publishedAtMs)
{
    beginResetModel();
    m_target = version;
    m_publishedAtMs = publishedAtMs;
    m_appliedAt.clear();
    endResetModel();
}

void RolloutModel::update(const QList<GatewayInfo>& gateways, qint64 nowMs)
{
    beginResetModel();
    m_gateways = gateways;
    m_nowMs = nowMs;
    for (const GatewayInfo& g : gateways) {
        if (m_target > 0 && hasTarget(g) && !m_appliedAt.contains(g.id))
            m_appliedAt.insert(g.id, g.seenMs);
    }
    endResetModel();
}

int RolloutModel::onlineCount() const
{
    return int(
        std::count_if(m_gateways.cbegin(), m_gateways.cend(), [this](const auto& g) { return isOnline(g); }));
}

int RolloutModel::appliedCount() const
{
    return int(std::count_if(m_gateways.cbegin(), m_gateways.cend(),
                             [this](const auto& g) { return isOnline(g) && hasTarget(g); }));
}

qint64 RolloutModel::completedAfterMs() const
{
    if (!allApplied())
        return -1;
    qint64 last = m_publishedAtMs;
    for (const GatewayInfo& g : m_gateways) {
        if (isOnline(g))
            last = qMax(last, m_appliedAt.value(g.id, m_publishedAtMs));
    }
    return last - m_publishedAtMs;
}

QString RolloutModel::summary() const
{
    if (m_target <= 0)
        return tr("No publish to follow yet.");
    if (onlineCount() == 0)
        return tr("Version %1: no gateway online to apply it.").arg(m_target);
    if (allApplied())
        return tr("Version %1 applied by all %2 online gateways, %3 after publishing.")
            .arg(m_target)
            .arg(onlineCount())
            .arg(seconds(completedAfterMs()));
    return tr("Version %1: %2 of %3 online gateways applied it (%4 since publishing)…")
        .arg(m_target)
        .arg(appliedCount())
        .arg(onlineCount())
        .arg(seconds(m_nowMs - m_publishedAtMs));
}

int RolloutModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_gateways.size());
}

int RolloutModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RolloutModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const GatewayInfo& g = m_gateways.at(index.row());
    const bool applied = m_target > 0 && hasTarget(g);
    if (role == Qt::ForegroundRole && index.column() == StatusColumn)
        return QBrush(!isOnline(g) ? QColor(Qt::gray) : applied ? QColor(0, 128, 0) : QColor(180, 100, 0));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case GatewayColumn:
        return g.id;
    case HostColumn:
        return QStringLiteral("%1 (pid %2)").arg(g.host).arg(g.pid);
    case VersionColumn:
        return g.version;
    case StatusColumn:
        if (!isOnline(g))
            return tr("offline (seen %1 ago)").arg(seconds(m_nowMs - g.seenMs));
        if (m_target <= 0)
            return tr("online");
        if (applied)
            return tr("applied after %1")
                .arg(seconds(m_appliedAt.value(g.id, m_publishedAtMs) - m_publishedAtMs));
        return tr("waiting");
    }
    return {};
}

QVariant RolloutModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* names[] = {QT_TR_NOOP("Gateway"), QT_TR_NOOP("Host"), QT_TR_NOOP("Applied version"),
                                  QT_TR_NOOP("Status")};
    return tr(names[section]);
}

} // namespace quotadesk
