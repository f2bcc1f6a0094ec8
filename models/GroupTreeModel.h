#pragma once

#include "PolicyDraft.h"

#include <QAbstractItemModel>

namespace quotadesk {

// The draft's groups as a tree (children under their parent). Dragging a group onto another one moves it
// there (dropping on empty space makes it top-level); a move that would create a cycle is refused and
// reported through moveRefused(). Groups whose parent is missing or cyclic show at the top, marked invalid.
class GroupTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        LimitsColumn
    };
    static constexpr const char* MimeType = "application/x-quotadesk-group";

    explicit GroupTreeModel(PolicyDraft* draft, QObject* parent = nullptr);

    QString groupName(const QModelIndex& index) const;
    QModelIndex indexOf(const QString& group) const;
    void setEditable(bool editable) { m_editable = editable; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

signals:
    void moveRefused(const QString& message);

private:
    struct Node
    {
        QString name;
        int parent = -1; // index into m_nodes, -1 = top level
        QList<int> children;
        int row = 0; // position among its siblings
    };
    void rebuild();

    PolicyDraft* m_draft;
    QList<Node> m_nodes;
    QList<int> m_roots;
    bool m_editable = true;
};

} // namespace quotadesk
