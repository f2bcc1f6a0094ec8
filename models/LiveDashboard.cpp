#include "LiveDashboard.h"

#include "StoreClient.h"
#include "UsageReader.h"

#include <QSet>

#include <algorithm>

namespace quotadesk {

namespace {
constexpr qint64 minuteMs = 60 * 1000;
constexpr int candidatesPerRanking = 15;
constexpr int maxGroupMembers = 2000;
constexpr int rateMinutes = 10;

const char* seriesMetric(const QString& metric)
{
    if (metric == QLatin1String("tokens"))
        return "t";
    if (metric == QLatin1String("gpu_seconds"))
        return "g";
    return "r";
}
} // namespace

LiveDashboard::LiveDashboard(StoreClient* client, QObject* parent) : QObject(parent), m_client(client)
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &LiveDashboard::tick);
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(40);
    connect(&m_coalesce, &QTimer::timeout, this, [this] {
        ++m_updates;
        emit updated();
    });
    connect(m_client, &StoreClient::connected, this, &LiveDashboard::refreshNow);
    m_tick.start();
}

void LiveDashboard::setIntervalMs(int ms)
{
    m_tick.setInterval(std::max(100, ms));
}

void LiveDashboard::setPaused(bool paused)
{
    m_paused = paused;
    if (paused)
        m_tick.stop();
    else
        m_tick.start();
}

void LiveDashboard::setMembersWanted(bool wanted)
{
    if (wanted == m_membersWanted)
        return;
    m_membersWanted = wanted;
    if (wanted)
        refreshNow();
}

void LiveDashboard::setRange(Range range)
{
    if (range == m_range)
        return;
    m_range = range;
    ++m_chartGeneration;
    m_chartInFlight = false;
    refreshNow();
}

void LiveDashboard::setSplit(Split split)
{
    if (split == m_split)
        return;
    m_split = split;
    ++m_chartGeneration;
    m_chartInFlight = false;
    refreshNow();
}

qint64 LiveDashboard::rangeMs(Range range)
{
    switch (range) {
    case Range::Hour:
        return 60 * minuteMs;
    case Range::Day:
        return 24 * 60 * minuteMs;
    case Range::Week:
        return 7 * 24 * 60 * minuteMs;
    }
    return 60 * minuteMs;
}

void LiveDashboard::refreshNow()
{
    tick();
}

void LiveDashboard::arm()
{
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void LiveDashboard::tick()
{
    if (!m_client->isConnected())
        return;
    if (!m_snapshotInFlight) {
        m_snapshotInFlight = true;
        const bool members = m_membersWanted;
        m_client->submit<DashboardSnapshot>(
            this, [members](UsageReader& r) { return readSnapshot(r, members); },
            [this](DashboardSnapshot s) {
                m_snapshotInFlight = false;
                m_snapshot = std::move(s);
                m_client->setPolicyVersion(m_snapshot.totals.policyVersion);
                arm();
            },
            [this](const StoreError& e) {
                m_snapshotInFlight = false;
                emit refreshFailed(e.message());
            });
    }
    if (!m_chartInFlight) {
        m_chartInFlight = true;
        const quint64 generation = m_chartGeneration;
        const Range range = m_range;
        const Split split = m_split;
        m_client->submit<ChartData>(
            this, [range, split](UsageReader& r) { return readChart(r, range, split); },
            [this, generation](ChartData c) {
                if (generation != m_chartGeneration)
                    return; // the range or split changed meanwhile
                m_chartInFlight = false;
                m_chart = std::move(c);
                arm();
            },
            [this, generation](const StoreError& e) {
                if (generation == m_chartGeneration)
                    m_chartInFlight = false;
                emit refreshFailed(e.message());
            });
    }
}

DashboardSnapshot LiveDashboard::readSnapshot(UsageReader& reader, bool withMembers)
{
    DashboardSnapshot s;
    s.totals = reader.fleetTotals();
    const qint64 now = s.totals.nowMs;

    // Candidates for "busiest": today's rankings plus this minute's, each short; usage for the union.
    QStringList ids;
    QSet<QString> seen;
    const QList<QPair<QString, QString>> rankings = {{QStringLiteral("tokens"), QStringLiteral("day")},
                                                     {QStringLiteral("requests"), QStringLiteral("day")},
                                                     {QStringLiteral("requests"), QStringLiteral("minute")},
                                                     {QStringLiteral("gpu_seconds"), QStringLiteral("day")},
                                                     {QStringLiteral("denials"), QStringLiteral("day")}};
    for (const auto& [metric, window] : rankings) {
        for (const TopEntry& e : reader.top(metric, window, candidatesPerRanking)) {
            if (!seen.contains(e.subject)) {
                seen.insert(e.subject);
                ids.append(e.subject);
            }
        }
    }
    s.busiest = reader.subjectUsage(ids);
    std::stable_sort(s.busiest.begin(), s.busiest.end(), [](const SubjectUsage& a, const SubjectUsage& b) {
        const double fa = a.tightest() ? a.tightest()->fraction() : 0;
        const double fb = b.tightest() ? b.tightest()->fraction() : 0;
        return fa > fb;
    });

    s.groups = reader.groups();
    QStringList members;
    for (const GroupUsage& g : s.groups) {
        for (const QString& m : g.members) {
            if (withMembers && members.size() < maxGroupMembers)
                members.append(m);
        }
    }
    for (const SubjectUsage& u : reader.subjectUsage(members))
        s.members.insert(u.id, u);

    // Rates over the last complete minutes plus the current one, for the entities a forecast may need.
    QStringList entities = ids;
    for (const GroupUsage& g : s.groups)
        entities.append(QStringLiteral("group:") + g.name);
    const qint64 from = now - rateMinutes * minuteMs;
    const double spanMinutes = double(now - (from - from % minuteMs)) / double(minuteMs);
    for (const QString& metric :
         {QStringLiteral("requests"), QStringLiteral("tokens"), QStringLiteral("gpu_seconds")}) {
        const auto series = reader.series(entities, UsageReader::Metric(*seriesMetric(metric)), from, now);
        for (auto it = series.constBegin(); it != series.constEnd(); ++it) {
            double sum = 0;
            for (const SeriesPoint& p : it.value())
                sum += p.value;
            s.ratePerMinute[it.key()][metric] = spanMinutes > 0 ? sum / spanMinutes : 0;
        }
    }
    s.fleetDenials =
        reader.series({QStringLiteral("fleet")}, UsageReader::Metric::Denials, now - 16 * minuteMs, now)
            .value(QStringLiteral("fleet"));
    s.valid = true;
    return s;
}

ChartData LiveDashboard::readChart(UsageReader& reader, Range range, Split split)
{
    ChartData c;
    c.toMs = reader.nowMs();
    c.fromMs = c.toMs - rangeMs(range);
    c.minutes = UsageReader::usesMinutes(c.toMs - c.fromMs);
    switch (split) {
    case Split::None:
        c.keys = {QStringLiteral("fleet")};
        break;
    case Split::Tier:
        for (const QString& t : reader.tierNames())
            c.keys.append(QStringLiteral("tier:") + t);
        break;
    case Split::Group:
        for (const GroupUsage& g : reader.groups()) {
            if (g.parent.isEmpty()) // departments: their pools include every project below
                c.keys.append(QStringLiteral("group:") + g.name);
        }
        break;
    }
    c.series[QStringLiteral("requests")] =
        reader.series(c.keys, UsageReader::Metric::Requests, c.fromMs, c.toMs);
    c.series[QStringLiteral("tokens")] = reader.series(c.keys, UsageReader::Metric::Tokens, c.fromMs, c.toMs);
    c.series[QStringLiteral("denials")] =
        reader.series(c.keys, UsageReader::Metric::Denials, c.fromMs, c.toMs);
    c.valid = true;
    return c;
}

} // namespace quotadesk
