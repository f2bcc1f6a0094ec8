#pragma once

#include "ChartData.h"
#include "DashboardSnapshot.h"

#include <QObject>
#include <QTimer>

namespace quotadesk {

class StoreClient;
class UsageReader;

// Drives the live pages: every interval (1 s by default) it reads a snapshot and the chart series on the
// store thread, and announces new data at most once per ~40 ms (one armed single-shot timer, PlotJuggler
// style), however many replies arrive. A refresh is skipped while the previous one is still running.
class LiveDashboard : public QObject
{
    Q_OBJECT

public:
    enum class Range
    {
        Hour,
        Day,
        Week
    };
    Q_ENUM(Range)
    enum class Split
    {
        None,
        Tier,
        Group
    };
    Q_ENUM(Split)

    explicit LiveDashboard(StoreClient* client, QObject* parent = nullptr);

    void setIntervalMs(int ms);
    int intervalMs() const { return m_tick.interval(); }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void setRange(Range range);
    Range range() const { return m_range; }
    void setSplit(Split split);
    Split split() const { return m_split; }
    // Whether refreshes read the usage of every group member (up to 2,000 subjects: most of what a refresh
    // costs Redis). Only the Groups page shows it, so it asks for it while visible. On by default.
    void setMembersWanted(bool wanted);
    bool membersWanted() const { return m_membersWanted; }
    void refreshNow();

    const DashboardSnapshot& snapshot() const { return m_snapshot; }
    const ChartData& chart() const { return m_chart; }
    // How many `updated()` signals were emitted (tests check the coalescing).
    int updates() const { return m_updates; }

    static qint64 rangeMs(Range range);
    // The worker-side reads, public so tests and quotactl can run them synchronously.
    static DashboardSnapshot readSnapshot(UsageReader& reader, bool withMembers = true);
    static ChartData readChart(UsageReader& reader, Range range, Split split);

signals:
    void updated();
    void refreshFailed(const QString& message);

private:
    void tick();
    void arm();

    StoreClient* m_client;
    QTimer m_tick;
    QTimer m_coalesce;
    bool m_paused = false;
    bool m_membersWanted = true;
    Range m_range = Range::Hour;
    Split m_split = Split::None;
    bool m_snapshotInFlight = false;
    bool m_chartInFlight = false;
    quint64 m_chartGeneration = 0;
    DashboardSnapshot m_snapshot;
    ChartData m_chart;
    int m_updates = 0;
};

} // namespace quotadesk
