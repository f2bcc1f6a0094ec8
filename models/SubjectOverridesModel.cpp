#include "SubjectOverridesModel.h"

#include "DraftCellStyle.h"

namespace quotadesk {

SubjectOverridesModel::SubjectOverridesModel(PolicyDraft* draft, QObject* parent)
    : QAbstractTableModel(parent), m_draft(draft)
{
    m_rows = int(draft->policy().subjects().size());
    connect(draft, &PolicyDraft::changed, this, &SubjectOverridesModel::sync);
}

void SubjectOverridesModel::sync()
{
    const int rows = int(m_draft->policy().subjects().size());
    if (rows == m_rows) {
        if (rows > 0)
            emit dataChanged(index(0, 0), index(rows - 1, OverridesColumn));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

QString SubjectOverridesModel::subjectId(int row) const
{
    const auto& s = m_draft->policy().subjects();
    return row >= 0 && row < s.size() ? s.at(row).id : QString();
}

int SubjectOverridesModel::rowOf(const QString& id) const
{
    const auto& s = m_draft->policy().subjects();
    for (int i = 0; i < s.size(); ++i) {
        if (s.at(i).id == id)
            return i;
    }
    return -1;
}

int SubjectOverridesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int SubjectOverridesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 4;
}

QVariant SubjectOverridesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_draft->policy().subjects().size())
        return {};
    const PolicySubject& s = m_draft->policy().subjects().at(index.row());
    const QString path = PolicyDraft::ownerPath(PolicyDraft::Owner::Subject, s.id);
    static const char* fields[] = {"", "/tier", "/group", "/limits"};
    const QString cellPath = path + QString::fromLatin1(fields[index.column()]);
    QString issue = m_draft->issueText(cellPath, path);
    if (index.column() == OverridesColumn) {
        for (const PolicyIssue& i : m_draft->issues()) {
            if (i.path.startsWith(cellPath + QLatin1Char('/')))
                issue += (issue.isEmpty() ? QString() : QStringLiteral("\n")) + i.toString();
        }
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case SubjectColumn:
            return s.id;
        case TierColumn:
            return role == Qt::DisplayRole && s.tier.isEmpty()
                       ? tr("(default: %1)").arg(m_draft->policy().defaultTier())
                       : s.tier;
        case GroupColumn:
            return s.group;
        case OverridesColumn: {
            QStringList parts;
            for (const PolicyLimit& l : s.limits)
                parts << QStringLiteral("%1 %2").arg(l.key()).arg(l.limit);
            return parts.join(QStringLiteral(", "));
        }
        }
        break;
    case Qt::ToolTipRole:
        return issue.isEmpty() ? QVariant() : QVariant(issue);
    case Qt::BackgroundRole:
        return issue.isEmpty() ? QVariant() : QVariant(DraftCellStyle::invalid());
    case ChoicesRole: {
        QStringList choices{QString()};
        if (index.column() == TierColumn) {
            for (const PolicyTier& t : m_draft->policy().tiers())
                choices << t.name;
        } else if (index.column() == GroupColumn) {
            for (const PolicyGroup& g : m_draft->policy().groups())
                choices << g.name;
        } else {
            return {};
        }
        return choices;
    }
    default:
        break;
    }
    return {};
}

QVariant SubjectOverridesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* names[] = {QT_TR_NOOP("Subject"), QT_TR_NOOP("Tier"), QT_TR_NOOP("Group"),
                                  QT_TR_NOOP("Overrides")};
    return tr(names[section]);
}

Qt::ItemFlags SubjectOverridesModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == TierColumn || index.column() == GroupColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool SubjectOverridesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !index.isValid())
        return false;
    const QString id = subjectId(index.row());
    if (index.column() == TierColumn)
        return m_draft->setSubjectTier(id, value.toString());
    if (index.column() == GroupColumn)
        return m_draft->setSubjectGroup(id, value.toString());
    return false;
}

} // namespace quotadesk
