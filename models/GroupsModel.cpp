#include "GroupsModel.h"

#include <QHash>

#include <memory>
#include <vector>

namespace quotadesk {

struct GroupsModel::Node
{
    Node* parent = nullptr;
    int row = 0;
    QString entity; // group:<name> or a subject id
    QString name;
    QList<LimitUsage> limits;
    bool isGroup = true;
    std::vector<std::unique_ptr<Node>> children;

    Node* add(std::unique_ptr<Node> child)
    {
        child->parent = this;
        child->row = int(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
    const LimitUsage* tightest() const
    {
        const LimitUsage* best = nullptr;
        for (const LimitUsage& l : limits) {
            if (!best || l.fraction() > best->fraction())
                best = &l;
        }
        return best;
    }
};

GroupsModel::GroupsModel(QObject* parent) : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{}

GroupsModel::~GroupsModel() = default;

GroupsModel::Node* GroupsModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex GroupsModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeOf(parent)->children[size_t(row)].get());
}

QModelIndex GroupsModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    Node* p = nodeOf(child)->parent;
    if (!p || p == m_root.get())
        return {};
    return createIndex(p->row, 0, p);
}

int GroupsModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int GroupsModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant GroupsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Node* n = nodeOf(index);
    const LimitUsage* t = n->tightest();
    if (role == EntityRole)
        return n->entity;
    if (role == FractionRole && index.column() == UsageColumn)
        return t ? QVariant(t->fraction()) : QVariant();
    if (role == Qt::ToolTipRole && t)
        return tr("%1 of %2 %3").arg(t->amount(double(t->used)), t->amount(double(t->limit)), t->label());
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return n->name;
    case UsageColumn:
        return t ? tr("%1% %2").arg(qRound(t->fraction() * 100)).arg(t->label()) : tr("no limit");
    case LimitsColumn: {
        QStringList parts;
        for (const LimitUsage& l : n->limits)
            parts << tr("%1 %2/%3").arg(l.label(), l.amount(double(l.used)), l.amount(double(l.limit)));
        return parts.join(QStringLiteral(", "));
    }
    }
    return {};
}

QVariant GroupsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Group / member");
    case UsageColumn:
        return tr("Closest limit");
    case LimitsColumn:
        return tr("Pooled usage / limit");
    }
    return {};
}

void GroupsModel::setSnapshot(const DashboardSnapshot& s)
{
    auto root = std::make_unique<Node>();
    QHash<QString, Node*> byName;
    QStringList shape;
    for (const GroupUsage& g : s.groups) { // parents come first
        auto node = std::make_unique<Node>();
        node->entity = QStringLiteral("group:") + g.name;
        node->name = g.name;
        node->limits = g.limits;
        Node* parent = byName.value(g.parent, root.get());
        Node* added = parent->add(std::move(node));
        byName.insert(g.name, added);
        shape << g.parent + QLatin1Char('/') + g.name;
        for (const QString& m : g.members) {
            auto member = std::make_unique<Node>();
            member->entity = m;
            member->name = m;
            member->isGroup = false;
            member->limits = s.members.value(m).limits;
            added->add(std::move(member));
            shape << g.name + QLatin1Char('>') + m;
        }
    }
    if (shape != m_shape) {
        beginResetModel();
        m_root = std::move(root);
        m_shape = shape;
        endResetModel();
        return;
    }
    // Same tree: copy the values over and signal each level once.
    std::function<void(Node*, Node*)> copy = [&](Node* dst, Node* src) {
        for (size_t i = 0; i < dst->children.size(); ++i) {
            dst->children[i]->limits = src->children[i]->limits;
            copy(dst->children[i].get(), src->children[i].get());
        }
    };
    copy(m_root.get(), root.get());
    emitChanged(m_root.get());
}

void GroupsModel::emitChanged(Node* node)
{
    if (node->children.empty())
        return;
    const QModelIndex parent = node == m_root.get() ? QModelIndex() : createIndex(node->row, 0, node);
    emit dataChanged(index(0, 0, parent), index(int(node->children.size()) - 1, ColumnCount - 1, parent));
    for (auto& c : node->children)
        emitChanged(c.get());
}

} // namespace quotadesk
