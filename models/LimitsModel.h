#pragma once

#include "PolicyDraft.h"

#include <QAbstractTableModel>

namespace quotadesk {

// The limits of one tier, group or subject of the draft, as an editable table. Edits go through
// PolicyDraft (undoable); cells that cannot apply (window of concurrency, burst of a calendar window) are
// not editable; cells with a validation issue are red with the message as tooltip; cells flagged by a
// rebase are orange.
class LimitsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        MetricColumn,
        WindowColumn,
        LimitColumn,
        BurstColumn,
        ExpiresColumn, // subjects only
    };
    enum Role
    {
        ChoicesRole = Qt::UserRole + 1, // QStringList: what an editor may offer for this cell
        IssueRole,                      // QString: validation messages, empty when valid
        ConflictRole,                   // bool
    };

    explicit LimitsModel(PolicyDraft* draft, QObject* parent = nullptr);

    void setOwner(PolicyDraft::Owner owner, const QString& name);
    PolicyDraft::Owner owner() const { return m_owner; }
    QString ownerName() const { return m_name; }
    // The message of the last refused edit (setData returned false).
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    static QString fieldName(int column);

private:
    void sync();
    const QList<PolicyLimit>& limits() const;

    PolicyDraft* m_draft;
    PolicyDraft::Owner m_owner = PolicyDraft::Owner::Tier;
    QString m_name;
    int m_rows = 0;
    QString m_lastError;
};

} // namespace quotadesk
