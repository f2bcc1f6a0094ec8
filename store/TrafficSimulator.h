#pragma once

#include "SimulationOptions.h"
#include "SimulationStats.h"
#include "StoreError.h"
#include "TrafficModel.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace quotadesk {

class QuotaEngine;
class RequestStore;

// Simulated gateways driving the REAL engine: each gateway is a thread with its own RedisConnection and
// QuotaEngine, acquiring before a simulated LLM call, settling (or releasing, or leaking) after its latency,
// sending a heartbeat with signals every second, and now and then filing a quota-increase request for a user
// it had to deny. Thread-safe: stats() and stop() may be called from any thread.
class TrafficSimulator
{
public:
    explicit TrafficSimulator(SimulationOptions options);
    ~TrafficSimulator(); // stops and joins the gateways
    TrafficSimulator(const TrafficSimulator&) = delete;
    TrafficSimulator& operator=(const TrafficSimulator&) = delete;

    // Reads the published policy (for the users and clients it names), then starts the gateways and returns.
    // Throws StoreError when the store is unreachable, no policy is published or the options are invalid.
    void start();
    // Asks every gateway to finish: open leases are settled or released (the deliberately leaked ones stay
    // to expire). Returns at once; wait() joins.
    void stop();
    void wait();
    // True until every gateway has finished (by stop() or at the duration).
    bool isRunning() const { return m_running.load() > 0; }

    SimulationStats stats() const;
    const SimulationOptions& options() const { return m_options; }
    // Valid after start().
    const TrafficModel& model() const { return *m_model; }
    static QString gatewayId(int index);

private:
    struct Counters
    {
        std::atomic<qint64> admitted{0}, denied{0}, settled{0}, released{0}, leaked{0}, overruns{0},
            errors{0}, requestsSubmitted{0}, heartbeats{0}, backedOff{0};
    };

    void runGateway(int index);
    void recordError(const StoreError& error);
    // False once stop() was called or the duration ended.
    bool sleepUntil(std::chrono::steady_clock::time_point until);
    // A user asks for more quota at most once per run.
    bool claimRequest(const QString& user);

    SimulationOptions m_options;
    std::unique_ptr<TrafficModel> m_model;
    std::vector<std::thread> m_threads;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_end; // max() when running until stopped
    std::atomic<int> m_running{0};
    std::atomic<bool> m_stopping{false};
    mutable std::mutex m_mutex; // guards the condition variable, m_lastError and m_requested
    std::condition_variable m_wake;
    QString m_lastError;
    QSet<QString> m_requested;
    Counters m_counters;
};

} // namespace quotadesk
