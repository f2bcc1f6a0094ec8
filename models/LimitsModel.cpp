#include "LimitsModel.h"

#include "DraftCellStyle.h"
#include "PolicyMerge.h"

namespace quotadesk {

namespace {
const QList<PolicyLimit> noLimits;
} // namespace

LimitsModel::LimitsModel(PolicyDraft* draft, QObject* parent) : QAbstractTableModel(parent), m_draft(draft)
{
    connect(draft, &PolicyDraft::changed, this, &LimitsModel::sync);
}

void LimitsModel::setOwner(PolicyDraft::Owner owner, const QString& name)
{
    beginResetModel();
    m_owner = owner;
    m_name = name;
    m_rows = int(limits().size());
    endResetModel();
}

const QList<PolicyLimit>& LimitsModel::limits() const
{
    const QList<PolicyLimit>* l = PolicyDraft::limitsOf(m_draft->policy(), m_owner, m_name);
    return l ? *l : noLimits;
}

void LimitsModel::sync()
{
    // Same shape: repaint in place so an open editor and the selection survive; else start over.
    const int rows = int(limits().size());
    if (rows == m_rows) {
        if (rows > 0)
            emit dataChanged(index(0, 0), index(rows - 1, columnCount() - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int LimitsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int LimitsModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return m_owner == PolicyDraft::Owner::Subject ? 5 : 4;
}

QString LimitsModel::fieldName(int column)
{
    static const char* names[] = {"metric", "window", "limit", "burst", "expires_at"};
    return QString::fromLatin1(names[column]);
}

QVariant LimitsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= limits().size())
        return {};
    const PolicyLimit& l = limits().at(index.row());
    const QString listPath = PolicyDraft::ownerPath(m_owner, m_name) + QStringLiteral("/limits");
    const QString rowPath = listPath + QLatin1Char('/') + QString::number(index.row());
    const int col = index.column();
    const bool concurrency = l.metric == QLatin1String("concurrency");
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (col) {
        case MetricColumn:
            return l.metric;
        case WindowColumn:
            return concurrency && role == Qt::DisplayRole ? QStringLiteral("—") : l.window;
        case LimitColumn:
            return role == Qt::EditRole ? QVariant(l.limit) : QVariant(QString::number(l.limit));
        case BurstColumn:
            if (!PolicyDraft::isSliding(l.window))
                return role == Qt::DisplayRole ? QVariant(QStringLiteral("—")) : QVariant(qint64(0));
            return role == Qt::EditRole ? QVariant(l.burst) : QVariant(QString::number(l.burst));
        case ExpiresColumn:
            if (role == Qt::EditRole)
                return l.expiresAt;
            return l.expiresAt.isValid() ? l.expiresAt.toString(Qt::ISODate) : tr("permanent");
        }
        break;
    case Qt::ToolTipRole:
    case IssueRole: {
        const QString issue = m_draft->issueText(rowPath + QLatin1Char('/') + fieldName(col), rowPath);
        const bool conflict = m_draft->isConflict(PolicyMerge::limitCell(listPath, l, fieldName(col)));
        if (role == IssueRole)
            return issue;
        QStringList tip;
        if (!issue.isEmpty())
            tip << issue;
        if (conflict)
            tip << DraftCellStyle::conflictTip();
        if (tip.isEmpty() && col == WindowColumn && concurrency)
            tip << tr("Concurrency counts requests in flight: it has no window.");
        if (tip.isEmpty() && col == BurstColumn && !PolicyDraft::isSliding(l.window))
            tip << tr("Burst applies to sliding windows (second, minute, hour) only.");
        return tip.isEmpty() ? QVariant() : QVariant(tip.join(QLatin1Char('\n')));
    }
    case Qt::BackgroundRole:
        if (!m_draft->issueText(rowPath + QLatin1Char('/') + fieldName(col), rowPath).isEmpty())
            return DraftCellStyle::invalid();
        if (m_draft->isConflict(PolicyMerge::limitCell(listPath, l, fieldName(col))))
            return DraftCellStyle::conflict();
        break;
    case ConflictRole:
        return m_draft->isConflict(PolicyMerge::limitCell(listPath, l, fieldName(col)));
    case ChoicesRole:
        if (col == MetricColumn)
            return PolicyDraft::metrics();
        if (col == WindowColumn)
            return concurrency ? QStringList() : PolicyDraft::windows();
        break;
    default:
        break;
    }
    return {};
}

QVariant LimitsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case MetricColumn:
        return tr("Metric");
    case WindowColumn:
        return tr("Window");
    case LimitColumn:
        return tr("Limit");
    case BurstColumn:
        return tr("Burst");
    case ExpiresColumn:
        return tr("Expires (UTC)");
    }
    return {};
}

Qt::ItemFlags LimitsModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || index.row() >= limits().size())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const PolicyLimit& l = limits().at(index.row());
    const bool editable = (index.column() != WindowColumn || l.metric != QLatin1String("concurrency")) &&
                          (index.column() != BurstColumn || PolicyDraft::isSliding(l.window));
    if (editable)
        f |= Qt::ItemIsEditable;
    return f;
}

bool LimitsModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !index.isValid())
        return false;
    m_lastError.clear();
    return m_draft->setLimitField(m_owner, m_name, index.row(), PolicyDraft::Field(index.column()), value,
                                  &m_lastError);
}

} // namespace quotadesk
