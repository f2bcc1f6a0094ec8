#pragma once

#include "AuditEntry.h"

#include <QAbstractTableModel>
#include <QList>

namespace quotadesk {

// Entries of the `P audit` stream, newest first, as AuditLog::read returns them.
class AuditModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        ActorColumn,
        ActionColumn,
        SubjectColumn,
        CommentColumn,
        ColumnCount
    };

    explicit AuditModel(QObject* parent = nullptr);

    void setEntries(const QList<AuditEntry>& entries);
    const QList<AuditEntry>& entries() const { return m_entries; }
    const AuditEntry& entry(int row) const { return m_entries.at(row); }

    // RFC 4180 CSV with a header line: time (ISO 8601 UTC), actor, os_user, action, subject, before, after,
    // comment.
    static QByteArray toCsv(const QList<AuditEntry>& entries);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<AuditEntry> m_entries;
};

} // namespace quotadesk
