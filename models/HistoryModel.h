#pragma once

#include "PolicyVersion.h"

#include <QAbstractTableModel>
#include <QList>

namespace quotadesk {

// Published policy versions, newest first (PolicyStore::history).
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        VersionColumn,
        TimeColumn,
        ActorColumn,
        CommentColumn,
        ColumnCount
    };

    explicit HistoryModel(QObject* parent = nullptr);

    void setVersions(const QList<PolicyVersion>& versions);
    const PolicyVersion& version(int row) const { return m_versions.at(row); }
    int rowOf(qint64 version) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PolicyVersion> m_versions;
};

} // namespace quotadesk
