#include "LoadRulesModel.h"

#include "DraftCellStyle.h"
#include "PolicyMerge.h"

namespace quotadesk {

namespace {
// The document's field names, for the JSON pointers of validation issues.
const char* const fieldNames[] = {"name", "tiers", "signal", "engage_above", "release_below", "factor"};
} // namespace

LoadRulesModel::LoadRulesModel(PolicyDraft* draft, QObject* parent)
    : QAbstractTableModel(parent), m_draft(draft), m_rows(int(draft->policy().loadRules().size()))
{
    connect(draft, &PolicyDraft::changed, this, &LoadRulesModel::sync);
}

void LoadRulesModel::sync()
{
    // Same shape: repaint in place so an open editor and the selection survive; else start over.
    const int rows = int(m_draft->policy().loadRules().size());
    if (rows == m_rows) {
        if (rows > 0)
            emit dataChanged(index(0, 0), index(rows - 1, columnCount() - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int LoadRulesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int LoadRulesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 6;
}

QString LoadRulesModel::issue(int row, int column) const
{
    const QString rowPath = QStringLiteral("/load_rules/%1").arg(row);
    const QString path = rowPath + QLatin1Char('/') + QLatin1String(fieldNames[column]);
    QStringList out{m_draft->issueText(path, rowPath)};
    // Issues about one tier of the list name its index: /load_rules/0/tiers/2.
    if (column == TiersColumn) {
        const qsizetype tiers = m_draft->policy().loadRules().at(row).tiers.size();
        for (qsizetype i = 0; i < tiers; ++i)
            out << m_draft->issueText(path + QLatin1Char('/') + QString::number(i));
    }
    out.removeAll(QString());
    return out.join(QLatin1Char('\n'));
}

QVariant LoadRulesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_draft->policy().loadRules().size())
        return {};
    const LoadRule& r = m_draft->policy().loadRules().at(index.row());
    // Only the roles that mark a cell ask: painting asks for every role of every cell.
    const auto conflict = [&] {
        return m_draft->isConflict(PolicyMerge::loadRuleCell(r, QLatin1String(fieldNames[index.column()])));
    };
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case NameColumn:
            return r.name;
        case TiersColumn:
            return r.tiers.join(QLatin1String(", "));
        case SignalColumn:
            return r.signal;
        case EngageColumn:
            return QString::number(r.engageAbove);
        case ReleaseColumn:
            return QString::number(r.releaseBelow);
        case FactorColumn:
            return QString::number(r.factor);
        }
        break;
    case Qt::ToolTipRole:
    case IssueRole: {
        const QString text = issue(index.row(), index.column());
        if (role == IssueRole)
            return text;
        if (conflict())
            return text.isEmpty() ? DraftCellStyle::conflictTip()
                                  : text + QLatin1Char('\n') + DraftCellStyle::conflictTip();
        if (!text.isEmpty())
            return text;
        if (index.column() == TiersColumn)
            return tr("Tiers whose limits the factor scales, separated by commas");
        if (index.column() == FactorColumn)
            return tr("Multiplies the tiers' limits while the rule is engaged (0 < factor ≤ 1)");
        return {};
    }
    case Qt::BackgroundRole:
        if (!issue(index.row(), index.column()).isEmpty())
            return DraftCellStyle::invalid();
        if (conflict())
            return DraftCellStyle::conflict();
        break;
    case ConflictRole:
        return conflict();
    case ChoicesRole:
        if (index.column() == SignalColumn)
            return Policy::loadSignals();
        break;
    default:
        break;
    }
    return {};
}

QVariant LoadRulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TiersColumn:
        return tr("Tiers");
    case SignalColumn:
        return tr("Signal");
    case EngageColumn:
        return tr("Engage above");
    case ReleaseColumn:
        return tr("Release below");
    case FactorColumn:
        return tr("Factor");
    }
    return {};
}

Qt::ItemFlags LoadRulesModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || index.row() >= m_draft->policy().loadRules().size())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

bool LoadRulesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !index.isValid())
        return false;
    m_lastError.clear();
    const bool ok = m_draft->setLoadRuleField(index.row(), PolicyDraft::RuleField(index.column()),
                                              value.toString(), &m_lastError);
    if (!ok && !m_lastError.isEmpty())
        emit editRefused(m_lastError);
    return ok;
}

} // namespace quotadesk
