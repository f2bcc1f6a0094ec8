#pragma once

#include "DashboardSnapshot.h"

#include <QAbstractItemModel>

namespace quotadesk {

// The groups tree: department → project → member, each group with its pooled usage against its pool limits
// and each member with its own closest limit. Updated from snapshots: values change in place (dataChanged),
// the tree is rebuilt only when the policy's groups or members change.
class GroupsModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        UsageColumn,
        LimitsColumn,
        ColumnCount
    };
    enum Role
    {
        FractionRole = Qt::UserRole + 1,
        EntityRole // "group:ml" or the subject id
    };

    explicit GroupsModel(QObject* parent = nullptr);
    ~GroupsModel() override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setSnapshot(const DashboardSnapshot& snapshot);

private:
    struct Node;
    Node* nodeOf(const QModelIndex& index) const;
    void emitChanged(Node* node);

    std::unique_ptr<Node> m_root;
    QStringList m_shape; // flattened structure, to tell a value update from a new tree
};

} // namespace quotadesk
