#include "AlertsModel.h"

#include "AlertMonitor.h"

#include <QColor>
#include <QDateTime>

namespace quotadesk {

AlertsModel::AlertsModel(AlertMonitor* monitor, Kind kind, QObject* parent)
    : QAbstractTableModel(parent), m_monitor(monitor), m_kind(kind)
{
    // Alert lists are short; a reset keeps the code obvious.
    connect(m_monitor, &AlertMonitor::changed, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

const QList<Alert>& AlertsModel::alerts() const
{
    return m_kind == Kind::Active ? m_monitor->active() : m_monitor->history();
}

const Alert& AlertsModel::alertAt(int row) const
{
    return alerts().at(row);
}

int AlertsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(alerts().size());
}

int AlertsModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return m_kind == Kind::Active ? AcknowledgedColumn : ColumnCount;
}

QVariant AlertsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Alert& a = alerts().at(index.row());
    auto time = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
    };
    if (role == AlertIdRole)
        return a.id;
    if (role == Qt::ForegroundRole && index.column() == SeverityColumn)
        return a.severity == Alert::Severity::Critical ? QColor(0xc6, 0x28, 0x28) : QColor(0xb2, 0x6a, 0x00);
    if (role == Qt::ToolTipRole)
        return a.detail;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case SeverityColumn:
        return a.severity == Alert::Severity::Critical ? tr("critical") : tr("warning");
    case RaisedColumn:
        return time(a.raisedMs);
    case TitleColumn:
        return a.conditionCleared && m_kind == Kind::Active ? tr("%1 (cleared)").arg(a.title) : a.title;
    case DetailColumn:
        return a.detail;
    case AcknowledgedColumn:
        return time(a.acknowledgedMs);
    }
    return {};
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case RaisedColumn:
        return tr("Raised");
    case TitleColumn:
        return tr("Alert");
    case DetailColumn:
        return tr("Detail");
    case AcknowledgedColumn:
        return tr("Acknowledged");
    }
    return {};
}

} // namespace quotadesk
