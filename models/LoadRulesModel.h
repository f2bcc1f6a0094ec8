#pragma once

#include "PolicyDraft.h"

#include <QAbstractTableModel>

namespace quotadesk {

// The draft's load rules as an editable table, one rule a row. Edits go through PolicyDraft (undoable);
// cells with a validation issue are red with the message as tooltip, cells flagged by a rebase orange, like
// LimitsModel's.
class LoadRulesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        TiersColumn,
        SignalColumn,
        EngageColumn,
        ReleaseColumn,
        FactorColumn,
    };
    enum Role
    {
        ChoicesRole = Qt::UserRole + 1, // QStringList: what an editor may offer (ChoiceDelegate)
        IssueRole,                      // QString: validation messages, empty when valid
        ConflictRole,                   // bool: changed in the draft and live alike (after a rebase)
    };

    explicit LoadRulesModel(PolicyDraft* draft, QObject* parent = nullptr);

    // The message of the last refused edit (setData returned false).
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

signals:
    // setData refused the value; the message says why (the delegate's editor is gone by then).
    void editRefused(const QString& message);

private:
    void sync();
    QString issue(int row, int column) const;

    PolicyDraft* m_draft;
    int m_rows = 0;
    QString m_lastError;
};

} // namespace quotadesk
