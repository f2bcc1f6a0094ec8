#pragma once

#include "DashboardSnapshot.h"
#include "ForecastEntry.h"

#include <QAbstractTableModel>

namespace quotadesk {

// Subjects and groups near a calendar (day, month) limit, and when each runs out at the rate of the last
// ten minutes: "tokens/day exhausted at 15:40". Sliding windows refill on their own and are left out.
class ForecastModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        EntityColumn,
        LimitColumn,
        UsedColumn,
        RateColumn,
        ExhaustsColumn,
        ColumnCount
    };
    enum Role
    {
        FractionRole = Qt::UserRole + 1,
        ExhaustsAtRole
    };

    explicit ForecastModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setSnapshot(const DashboardSnapshot& snapshot);
    const QList<ForecastEntry>& entries() const { return m_entries; }

    // Entries worth showing: at least `nearFraction` used, or running out before the period ends and within a
    // day. Exhausted ones first, then the soonest.
    static QList<ForecastEntry> compute(const DashboardSnapshot& snapshot, double nearFraction = 0.5);
    // "15:40", or "Tue 15:40" when not today.
    static QString formatTime(qint64 ms, qint64 nowMs);

private:
    QList<ForecastEntry> m_entries;
    qint64 m_nowMs = 0;
};

} // namespace quotadesk
