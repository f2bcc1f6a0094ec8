#pragma once

#include "Alert.h"

#include <QAbstractTableModel>

namespace quotadesk {

class AlertMonitor;

// Active alerts, or the history of acknowledged ones, from an AlertMonitor.
class AlertsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Kind
    {
        Active,
        History
    };
    enum Column
    {
        SeverityColumn,
        RaisedColumn,
        TitleColumn,
        DetailColumn,
        AcknowledgedColumn,
        ColumnCount
    };
    enum Role
    {
        AlertIdRole = Qt::UserRole + 1
    };

    AlertsModel(AlertMonitor* monitor, Kind kind, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const Alert& alertAt(int row) const;

private:
    const QList<Alert>& alerts() const;

    AlertMonitor* m_monitor;
    Kind m_kind;
};

} // namespace quotadesk
