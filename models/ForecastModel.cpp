#include "ForecastModel.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace quotadesk {

ForecastModel::ForecastModel(QObject* parent) : QAbstractTableModel(parent)
{}

QList<ForecastEntry> ForecastModel::compute(const DashboardSnapshot& s, double nearFraction)
{
    QList<ForecastEntry> out;
    const qint64 now = s.totals.nowMs;
    auto consider = [&](const QString& entity, const QList<LimitUsage>& limits) {
        for (const LimitUsage& l : limits) {
            if (!l.isCalendar() || l.limit <= 0)
                continue;
            ForecastEntry e;
            e.entity = entity;
            e.limit = l.label();
            e.metric = l.metric;
            e.used = l.used;
            e.max = l.limit;
            e.periodEndMs = l.periodEndMs;
            e.ratePerMinute = s.ratePerMinute.value(entity).value(l.metric);
            e.exhausted = l.used >= l.limit;
            if (!e.exhausted && e.ratePerMinute > 0) {
                const double minutes = double(l.limit - l.used) / e.ratePerMinute;
                const qint64 at = now + qint64(std::ceil(minutes * 60000.0));
                if (at < l.periodEndMs)
                    e.exhaustsAtMs = at;
            }
            // Near a limit: used for the most part, or running out within a day.
            const bool soon = e.exhaustsAtMs != 0 && e.exhaustsAtMs - now <= 24LL * 3600 * 1000;
            if (e.exhausted || soon || e.fraction() >= nearFraction)
                out.append(e);
        }
    };
    for (const SubjectUsage& u : s.busiest)
        consider(u.id, u.limits);
    for (const GroupUsage& g : s.groups)
        consider(QStringLiteral("group:") + g.name, g.limits);
    std::stable_sort(out.begin(), out.end(), [](const ForecastEntry& a, const ForecastEntry& b) {
        auto rank = [](const ForecastEntry& e) {
            return e.exhausted ? 0
                               : (e.exhaustsAtMs != 0 ? e.exhaustsAtMs : std::numeric_limits<qint64>::max());
        };
        if (rank(a) != rank(b))
            return rank(a) < rank(b);
        return a.fraction() > b.fraction();
    });
    return out;
}

QString ForecastModel::formatTime(qint64 ms, qint64 nowMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms);
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs);
    if (t.date() == now.date())
        return t.toString(QStringLiteral("HH:mm"));
    return QLocale::c().toString(t, QStringLiteral("ddd HH:mm"));
}

void ForecastModel::setSnapshot(const DashboardSnapshot& snapshot)
{
    QList<ForecastEntry> next = compute(snapshot);
    m_nowMs = snapshot.totals.nowMs;
    bool sameRows = next.size() == m_entries.size();
    for (qsizetype i = 0; sameRows && i < next.size(); ++i)
        sameRows = next[i].entity == m_entries[i].entity && next[i].limit == m_entries[i].limit;
    if (sameRows) {
        m_entries = std::move(next);
        if (!m_entries.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_entries.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_entries = std::move(next);
    endResetModel();
}

int ForecastModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ForecastModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ForecastModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ForecastEntry& e = m_entries.at(index.row());
    if (role == FractionRole)
        return e.fraction();
    if (role == ExhaustsAtRole)
        return e.exhaustsAtMs;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case EntityColumn:
        return e.entity;
    case LimitColumn:
        return e.limit;
    case UsedColumn: {
        LimitUsage unit;
        unit.metric = e.metric;
        return tr("%1% (%2 of %3)")
            .arg(qRound(e.fraction() * 100))
            .arg(unit.amount(double(e.used)), unit.amount(double(e.max)));
    }
    case RateColumn:
        if (e.metric == QLatin1String("gpu_seconds"))
            return tr("%1 s/min").arg(e.ratePerMinute / 1000.0, 0, 'f', 1);
        return tr("%1/min").arg(e.ratePerMinute, 0, 'f', e.ratePerMinute < 10 ? 1 : 0);
    case ExhaustsColumn:
        if (e.exhausted)
            return tr("%1 exhausted now, resets %2").arg(e.limit, formatTime(e.periodEndMs, m_nowMs));
        if (e.exhaustsAtMs)
            return tr("%1 exhausted at %2").arg(e.limit, formatTime(e.exhaustsAtMs, m_nowMs));
        return tr("lasts until the reset at %1").arg(formatTime(e.periodEndMs, m_nowMs));
    }
    return {};
}

QVariant ForecastModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EntityColumn:
        return tr("Subject or group");
    case LimitColumn:
        return tr("Limit");
    case UsedColumn:
        return tr("Used");
    case RateColumn:
        return tr("Rate");
    case ExhaustsColumn:
        return tr("Forecast");
    }
    return {};
}

} // namespace quotadesk
