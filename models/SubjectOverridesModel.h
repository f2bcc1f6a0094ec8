#pragma once

#include "PolicyDraft.h"

#include <QAbstractTableModel>

namespace quotadesk {

// The subjects the draft lists (tier/group placement and limit overrides); unlisted subjects simply get the
// default tier. Tier and group are editable with the existing names as choices.
class SubjectOverridesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        SubjectColumn,
        TierColumn,
        GroupColumn,
        OverridesColumn
    };
    enum Role
    {
        ChoicesRole = Qt::UserRole + 1
    };

    explicit SubjectOverridesModel(PolicyDraft* draft, QObject* parent = nullptr);

    QString subjectId(int row) const;
    int rowOf(const QString& id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

private:
    void sync();

    PolicyDraft* m_draft;
    int m_rows = 0;
};

} // namespace quotadesk
