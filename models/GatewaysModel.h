#pragma once

#include "GatewayInfo.h"

#include <QAbstractTableModel>

namespace quotadesk {

// The gateways of `P gateways`: online when seen in the last 30 s, with the policy version each applies.
class GatewaysModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdColumn,
        HostColumn,
        PolicyColumn,
        RateColumn,
        SeenColumn,
        ColumnCount
    };
    static constexpr qint64 onlineWindowMs = 30000;

    explicit GatewaysModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setGateways(const QList<GatewayInfo>& gateways, qint64 nowMs);
    int onlineCount() const;

private:
    QList<GatewayInfo> m_gateways;
    qint64 m_nowMs = 0;
};

} // namespace quotadesk
