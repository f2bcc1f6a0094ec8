#include "HistoryModel.h"

#include <QDateTime>

namespace quotadesk {

HistoryModel::HistoryModel(QObject* parent) : QAbstractTableModel(parent)
{}

void HistoryModel::setVersions(const QList<PolicyVersion>& versions)
{
    beginResetModel();
    m_versions = versions;
    endResetModel();
}

int HistoryModel::rowOf(qint64 version) const
{
    for (int i = 0; i < m_versions.size(); ++i) {
        if (m_versions[i].version == version)
            return i;
    }
    return -1;
}

int HistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_versions.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const PolicyVersion& v = m_versions.at(index.row());
    if (role == Qt::UserRole)
        return v.version;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case VersionColumn:
        return v.version;
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(v.atMs, Qt::UTC)
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    case ActorColumn:
        return QStringLiteral("%1 (%2)").arg(v.actor, v.osUser);
    case CommentColumn:
        return v.comment;
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* names[] = {QT_TR_NOOP("Version"), QT_TR_NOOP("Published"), QT_TR_NOOP("By"),
                                  QT_TR_NOOP("Comment")};
    return tr(names[section]);
}

} // namespace quotadesk
