#include "TrafficSimulator.h"

#include "Actor.h"
#include "Policy.h"
#include "QuotaEngine.h"
#include "RedisConnection.h"
#include "RequestStore.h"

#include <QHash>
#include <QHostInfo>
#include <QJsonObject>
#include <queue>

#include <cmath>

namespace quotadesk {

namespace {
using Clock = std::chrono::steady_clock;

constexpr double backoffProbability = 0.8;     // most clients honour retry_after after a 429
constexpr double neverFitsBackoffSeconds = 60; // retry_after -1: the request can never fit
constexpr int heartbeatIntervalMs = 1000;
constexpr int errorBackoffMs = 250; // after a store error, so an unreachable store is not hammered

// A lease waiting for its simulated upstream call to finish.
struct PendingCall
{
    Clock::time_point due;
    QString leaseId;
    Reservation actual;
    bool failed = false; // release instead of settle
    bool operator>(const PendingCall& other) const { return due > other.due; }
};

// Signals for the heartbeat, over the calls since the previous one. Latency is smoothed over about ten
// heartbeats, as a gateway's metrics would be, so a few slow calls do not flip a load rule.
struct SignalWindow
{
    qint64 decisions = 0, denials = 0, completed = 0, failed = 0;
    double latencySumMs = 0;
    qint64 latencyCount = 0;
    double smoothedLatencyMs = -1;

    QJsonObject take()
    {
        if (latencyCount > 0) {
            const double mean = latencySumMs / double(latencyCount);
            smoothedLatencyMs = smoothedLatencyMs < 0 ? mean : 0.9 * smoothedLatencyMs + 0.1 * mean;
        }
        QJsonObject s{
            {QStringLiteral("upstream_latency_ms"), std::round(std::max(0.0, smoothedLatencyMs))},
            {QStringLiteral("upstream_error_rate"),
             completed + failed > 0 ? double(failed) / double(completed + failed) : 0.0},
            {QStringLiteral("denial_rate"), decisions > 0 ? double(denials) / double(decisions) : 0.0},
        };
        *this = SignalWindow{.smoothedLatencyMs = smoothedLatencyMs};
        return s;
    }
};

double exponential(std::mt19937_64& rng, double rate)
{
    const double u = 1.0 - double(rng() >> 11) * 0x1.0p-53; // (0, 1]
    return -std::log(u) / rate;
}

// Extra decisions per arrival from bursts: the arrival rate is divided by it so `rate` stays the mean.
double meanRepeat(const TrafficModel& model, quint64 seed)
{
    std::mt19937_64 rng = TrafficModel::generator(seed, -2);
    double sum = 0;
    const int samples = 4000;
    for (int i = 0; i < samples; ++i)
        sum += model.next(rng).repeat;
    return sum / samples;
}
} // namespace

TrafficSimulator::TrafficSimulator(SimulationOptions options) : m_options(std::move(options))
{}

TrafficSimulator::~TrafficSimulator()
{
    stop();
    wait();
}

QString TrafficSimulator::gatewayId(int index)
{
    return QStringLiteral("sim-%1-gw%2").arg(QHostInfo::localHostName()).arg(index + 1);
}

void TrafficSimulator::start()
{
    if (!m_threads.empty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("the simulator is already running"));
    auto invalid = [](const QString& why) {
        return StoreError(StoreError::Kind::Invalid, why);
    };
    if (m_options.gateways < 1 || m_options.gateways > 256)
        throw invalid(QStringLiteral("gateways must be between 1 and 256, not %1").arg(m_options.gateways));
    if (!(m_options.rate > 0) || m_options.rate > 1e6)
        throw invalid(QStringLiteral("rate must be above 0 and at most 1000000 decisions/s"));
    if (m_options.subjects < 0 || m_options.subjects > 1'000'000)
        throw invalid(
            QStringLiteral("subjects must be between 0 and 1000000, not %1").arg(m_options.subjects));
    if (!(m_options.durationSeconds >= 0))
        throw invalid(QStringLiteral("duration must not be negative"));
    if (!(m_options.dayLengthSeconds > 0))
        throw invalid(QStringLiteral("day length must be above 0 seconds"));
    if (m_options.leaseTtlMs <= 0)
        throw invalid(QStringLiteral("lease TTL must be above 0 ms"));

    // The users and clients the policy names join the simulated ones, so their overrides see traffic too.
    const QString prefix = m_options.endpoint.prefix;
    RedisConnection connection(m_options.endpoint);
    const QByteArray policyKey = (prefix + QStringLiteral("policy")).toUtf8();
    const RedisReply document = connection.call({"GET", policyKey});
    if (document.isNil())
        throw StoreError(
            StoreError::Kind::NotFound,
            QStringLiteral("no policy is published under prefix %1 (key %2 is missing); publish one "
                           "first, e.g. quotadesk-sim --publish-sample")
                .arg(prefix, QString::fromUtf8(policyKey)));
    QList<PolicyIssue> issues;
    const Policy policy = Policy::parse(document.toBytes(QString::fromUtf8(policyKey)), &issues);
    if (!issues.isEmpty())
        throw StoreError(StoreError::Kind::Protocol,
                         QStringLiteral("%1 holds an invalid policy: %2")
                             .arg(QString::fromUtf8(policyKey), issues.first().toString()));
    QStringList namedUsers, clients;
    for (const PolicySubject& s : policy.subjects()) {
        if (s.id.startsWith(QLatin1String("user:")))
            namedUsers << s.id;
        else if (s.id.startsWith(QLatin1String("client:")))
            clients << s.id;
    }
    if (clients.isEmpty())
        clients = {QStringLiteral("client:webapp"), QStringLiteral("client:langflow"),
                   QStringLiteral("client:batch-eval")};
    m_model = std::make_unique<TrafficModel>(m_options.subjects, m_options.seed, namedUsers, clients);
    if (m_model->users().isEmpty())
        throw invalid(QStringLiteral("no users to simulate: the policy names none and subjects is 0"));

    m_stopping = false;
    m_start = Clock::now();
    m_end = m_options.durationSeconds > 0
                ? m_start + std::chrono::duration_cast<Clock::duration>(
                                std::chrono::duration<double>(m_options.durationSeconds))
                : Clock::time_point::max();
    m_running = m_options.gateways;
    for (int i = 0; i < m_options.gateways; ++i)
        m_threads.emplace_back([this, i] { runGateway(i); });
}

void TrafficSimulator::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
}

void TrafficSimulator::wait()
{
    for (std::thread& t : m_threads) {
        if (t.joinable())
            t.join();
    }
    m_threads.clear();
}

SimulationStats TrafficSimulator::stats() const
{
    SimulationStats s;
    s.admitted = m_counters.admitted;
    s.denied = m_counters.denied;
    s.settled = m_counters.settled;
    s.released = m_counters.released;
    s.leaked = m_counters.leaked;
    s.overruns = m_counters.overruns;
    s.errors = m_counters.errors;
    s.requestsSubmitted = m_counters.requestsSubmitted;
    s.heartbeats = m_counters.heartbeats;
    s.backedOff = m_counters.backedOff;
    std::lock_guard lock(m_mutex);
    s.lastError = m_lastError;
    return s;
}

void TrafficSimulator::recordError(const StoreError& error)
{
    ++m_counters.errors;
    std::lock_guard lock(m_mutex);
    m_lastError = error.message();
}

bool TrafficSimulator::claimRequest(const QString& user)
{
    std::lock_guard lock(m_mutex);
    if (m_requested.contains(user))
        return false;
    m_requested.insert(user);
    return true;
}

bool TrafficSimulator::sleepUntil(Clock::time_point until)
{
    std::unique_lock lock(m_mutex);
    m_wake.wait_until(lock, std::min(until, m_end), [this] { return m_stopping.load(); });
    return !m_stopping && Clock::now() < m_end;
}

void TrafficSimulator::runGateway(int index)
{
    const QString prefix = m_options.endpoint.prefix;
    RedisConnection connection(m_options.endpoint);
    QuotaEngine engine(connection, prefix, gatewayId(index));
    std::unique_ptr<RequestStore> requests; // created on first use: it asks Redis who we are
    std::mt19937_64 rng = TrafficModel::generator(m_options.seed, index);
    std::mt19937_64 arrivals = TrafficModel::generator(m_options.seed, 1000 + index);
    std::priority_queue<PendingCall, std::vector<PendingCall>, std::greater<>> pending;
    SignalWindow window;
    QHash<int, Clock::time_point> backoffUntil; // user index -> when its client tries again

    const double perGatewayRate = m_options.rate / m_options.gateways / meanRepeat(*m_model, m_options.seed);
    double scheduledSeconds = 0; // arrivals follow the day curve in scheduled time, not in wall time
    auto nextArrivalAfter = [&] {
        const double load = TrafficModel::loadAt(scheduledSeconds, m_options.dayLengthSeconds);
        scheduledSeconds += exponential(arrivals, perGatewayRate * load);
        return m_start +
               std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(scheduledSeconds));
    };
    Clock::time_point nextArrival = nextArrivalAfter();
    Clock::time_point nextHeartbeat = Clock::now();

    // Every store call goes through here: a failure is counted and slows this gateway down a little.
    bool storeGone = false;
    auto guarded = [&](auto&& call) {
        try {
            call();
            storeGone = false;
            return true;
        } catch (const StoreError& e) {
            recordError(e);
            storeGone = e.kind() == StoreError::Kind::Unreachable || e.kind() == StoreError::Kind::Timeout;
            sleepUntil(Clock::now() + std::chrono::milliseconds(errorBackoffMs));
            return false;
        }
    };

    auto finish = [&](const PendingCall& call) {
        guarded([&] {
            if (call.failed) {
                engine.release(call.leaseId);
                ++m_counters.released;
            } else {
                engine.settle(call.leaseId, call.actual);
                ++m_counters.settled;
            }
        });
    };

    auto maybeRequestMore = [&](const QString& user, const Decision& d) {
        // Only limits of the user itself can be raised for the user; group pools and clients are not theirs.
        if (d.deniedBy.entity != user)
            return;
        if (double(rng() >> 11) * 0x1.0p-53 >= m_options.requestProbability || !claimRequest(user))
            return;
        const LimitStatus& l = d.deniedBy;
        // gpu_seconds limits arrive in gpu_ms; requests are written in GPU-seconds.
        const qint64 current = l.metric == QLatin1String("gpu_seconds") ? l.limit / 1000 : l.limit;
        const qint64 wanted = std::max<qint64>(current * 2, current + 1);
        guarded([&] {
            if (!requests)
                requests = std::make_unique<RequestStore>(connection, prefix, Actor::detect(connection));
            requests->submit(user, l.metric, l.window, wanted, 0,
                             QStringLiteral("Simulated: denied by %1/%2 (limit %3) while serving %4 traffic")
                                 .arg(l.metric, l.window.isEmpty() ? QStringLiteral("-") : l.window)
                                 .arg(l.limit)
                                 .arg(m_options.rate));
            ++m_counters.requestsSubmitted;
        });
    };

    auto issue = [&](const TrafficModel::Request& r) {
        const QString& user = m_model->users()[r.user].id;
        Decision d;
        if (!guarded([&] {
                d = engine.acquire(user, r.client, Reservation{r.reservedTokens, r.reservedGpuSeconds},
                                   m_options.leaseTtlMs);
            }))
            return;
        ++window.decisions;
        if (!d.admitted) {
            ++window.denials;
            ++m_counters.denied;
            if (double(rng() >> 11) * 0x1.0p-53 < backoffProbability) {
                const double wait = d.retryAfterSeconds >= 0 ? d.retryAfterSeconds : neverFitsBackoffSeconds;
                backoffUntil[r.user] = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                                          std::chrono::duration<double>(wait));
            }
            maybeRequestMore(user, d);
            return;
        }
        ++m_counters.admitted;
        // Upstream latency rises with the load of the day curve.
        const double load = TrafficModel::loadAt(
            std::chrono::duration<double>(Clock::now() - m_start).count(), m_options.dayLengthSeconds);
        const double latencyMs = r.latencyMs * m_options.latencyScale * (0.5 + 0.5 * load * load);
        window.latencySumMs += latencyMs;
        ++window.latencyCount;
        switch (r.outcome) {
        case TrafficModel::Outcome::Leak:
            ++m_counters.leaked;
            return;
        case TrafficModel::Outcome::Fail:
            ++window.failed;
            break;
        case TrafficModel::Outcome::Complete:
            ++window.completed;
            if (r.actualTokens > r.reservedTokens)
                ++m_counters.overruns;
            break;
        }
        const bool failed = r.outcome == TrafficModel::Outcome::Fail;
        // A failed call fails early, on average a third of the way.
        const auto after = std::chrono::duration<double, std::milli>(failed ? latencyMs / 3 : latencyMs);
        pending.push({Clock::now() + std::chrono::duration_cast<Clock::duration>(after), d.leaseId,
                      Reservation{r.actualTokens, r.actualGpuSeconds}, failed});
    };

    for (;;) {
        const Clock::time_point now = Clock::now();
        if (m_stopping || now >= m_end)
            break;
        if (now >= nextHeartbeat) {
            const QJsonObject gatewaySignals = window.take();
            if (guarded([&] { engine.heartbeat(gatewaySignals); }))
                ++m_counters.heartbeats;
            nextHeartbeat = now + std::chrono::milliseconds(heartbeatIntervalMs);
            continue;
        }
        if (!pending.empty() && pending.top().due <= now) {
            const PendingCall call = pending.top();
            pending.pop();
            finish(call);
            continue;
        }
        if (nextArrival <= now) {
            const TrafficModel::Request r = m_model->next(rng);
            // A client backing off after a denial sends nothing until retry_after has passed.
            const auto backoff = backoffUntil.constFind(r.user);
            if (backoff != backoffUntil.constEnd() && *backoff > now) {
                ++m_counters.backedOff;
            } else {
                backoffUntil.remove(r.user);
                for (int i = 0; i < r.repeat && !m_stopping; ++i)
                    issue(r);
            }
            nextArrival = nextArrivalAfter();
            // After a stall (a slow store) do not fire the missed arrivals all at once.
            if (now - nextArrival > std::chrono::seconds(1)) {
                scheduledSeconds = std::chrono::duration<double>(now - m_start).count();
                nextArrival = nextArrivalAfter();
            }
            continue;
        }
        Clock::time_point wake = std::min(nextArrival, nextHeartbeat);
        if (!pending.empty())
            wake = std::min(wake, pending.top().due);
        sleepUntil(wake);
    }

    // Wind down: finish every call still in flight now (a gateway draining on shutdown), so only the leaked
    // leases stay open. Give up on the rest if the store is gone: their leases expire by themselves.
    while (!pending.empty() && !storeGone) {
        finish(pending.top());
        pending.pop();
    }
    // Then fold the usage log, as a gateway's last heartbeat would, so the console's series hold every call.
    if (!storeGone)
        guarded([&] { engine.foldUsage(); });
    --m_running;
}

} // namespace quotadesk
