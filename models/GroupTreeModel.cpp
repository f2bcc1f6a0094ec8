#include "GroupTreeModel.h"

#include "DraftCellStyle.h"

#include <QHash>
#include <QMimeData>

namespace quotadesk {

GroupTreeModel::GroupTreeModel(PolicyDraft* draft, QObject* parent)
    : QAbstractItemModel(parent), m_draft(draft)
{
    connect(draft, &PolicyDraft::changed, this, [this] {
        beginResetModel();
        rebuild();
        endResetModel();
    });
    rebuild();
}

void GroupTreeModel::rebuild()
{
    m_nodes.clear();
    m_roots.clear();
    const Policy& p = m_draft->policy();
    QHash<QString, int> byName;
    for (const PolicyGroup& g : p.groups()) {
        if (!byName.contains(g.name)) {
            byName.insert(g.name, int(m_nodes.size()));
            m_nodes.append(Node{g.name, -1, {}, 0});
        }
    }
    // A parent is used only if following parents from it ends at the top (no cycle).
    auto reachesTop = [&](const QString& start) {
        QString g = start;
        for (int steps = 0; steps <= p.groups().size(); ++steps) {
            const PolicyGroup* pg = p.group(g);
            if (!pg)
                return false;
            if (pg->parent.isEmpty())
                return true;
            g = pg->parent;
        }
        return false;
    };
    for (Node& n : m_nodes) {
        const PolicyGroup* g = p.group(n.name);
        if (g && !g->parent.isEmpty() && byName.contains(g->parent) && reachesTop(n.name))
            n.parent = byName.value(g->parent);
    }
    for (int i = 0; i < m_nodes.size(); ++i) {
        QList<int>& siblings = m_nodes[i].parent < 0 ? m_roots : m_nodes[m_nodes[i].parent].children;
        m_nodes[i].row = int(siblings.size());
        siblings.append(i);
    }
}

QString GroupTreeModel::groupName(const QModelIndex& index) const
{
    return index.isValid() ? m_nodes.at(int(index.internalId())).name : QString();
}

QModelIndex GroupTreeModel::indexOf(const QString& group) const
{
    for (int i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i].name == group)
            return createIndex(m_nodes[i].row, 0, quintptr(i));
    }
    return {};
}

QModelIndex GroupTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const QList<int>& siblings = parent.isValid() ? m_nodes.at(int(parent.internalId())).children : m_roots;
    return createIndex(row, column, quintptr(siblings.at(row)));
}

QModelIndex GroupTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const int p = m_nodes.at(int(child.internalId())).parent;
    return p < 0 ? QModelIndex() : createIndex(m_nodes.at(p).row, 0, quintptr(p));
}

int GroupTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(parent.isValid() ? m_nodes.at(int(parent.internalId())).children.size() : m_roots.size());
}

int GroupTreeModel::columnCount(const QModelIndex&) const
{
    return 2;
}

QVariant GroupTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const QString name = m_nodes.at(int(index.internalId())).name;
    const PolicyGroup* g = m_draft->policy().group(name);
    const QString path = PolicyDraft::ownerPath(PolicyDraft::Owner::Group, name);
    const QString issue = m_draft->issueText(path + QStringLiteral("/parent"), path);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return name;
        if (g) {
            QStringList parts;
            for (const PolicyLimit& l : g->limits)
                parts << QStringLiteral("%1 %2").arg(l.key()).arg(l.limit);
            return parts.join(QStringLiteral(", "));
        }
        break;
    case Qt::ToolTipRole:
        return issue.isEmpty() ? QVariant() : QVariant(issue);
    case Qt::BackgroundRole:
        return issue.isEmpty() ? QVariant() : QVariant(DraftCellStyle::invalid());
    default:
        break;
    }
    return {};
}

QVariant GroupTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return section == NameColumn ? tr("Group") : tr("Pooled limits");
    return QAbstractItemModel::headerData(section, orientation, role);
}

Qt::ItemFlags GroupTreeModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = m_editable ? Qt::ItemIsDropEnabled : Qt::NoItemFlags;
    if (!index.isValid())
        return f;
    f |= Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (m_editable)
        f |= Qt::ItemIsDragEnabled;
    return f;
}

QStringList GroupTreeModel::mimeTypes() const
{
    return {QString::fromLatin1(MimeType)};
}

QMimeData* GroupTreeModel::mimeData(const QModelIndexList& indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto* data = new QMimeData;
    data->setData(QString::fromLatin1(MimeType), groupName(indexes.first()).toUtf8());
    return data;
}

Qt::DropActions GroupTreeModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

bool GroupTreeModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int,
                                     const QModelIndex&) const
{
    return m_editable && action == Qt::MoveAction && data && data->hasFormat(QString::fromLatin1(MimeType));
}

bool GroupTreeModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                  const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const QString moved = QString::fromUtf8(data->data(QString::fromLatin1(MimeType)));
    // Between rows of a parent = under that parent; on an item = under the item.
    const QString target = groupName(parent.isValid() ? parent.siblingAtColumn(0) : parent);
    QString error;
    if (!m_draft->setGroupParent(moved, target, &error)) {
        if (!error.isEmpty())
            emit moveRefused(error);
        return false;
    }
    return true;
}

} // namespace quotadesk
