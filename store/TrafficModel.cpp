#include "TrafficModel.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace quotadesk {

namespace {
// Our own draws from the raw 64-bit stream: std:: distributions differ between standard libraries, and the
// seed should mean the same traffic everywhere.
double uniform(std::mt19937_64& rng)
{
    return double(rng() >> 11) * 0x1.0p-53;
}

double standardNormal(std::mt19937_64& rng)
{
    const double u1 = 1.0 - uniform(rng); // (0, 1]: log() stays finite
    const double u2 = uniform(rng);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double logNormal(std::mt19937_64& rng, double median, double sigma)
{
    return median * std::exp(sigma * standardNormal(rng));
}

int uniformInt(std::mt19937_64& rng, int low, int high)
{
    return low + int(uniform(rng) * double(high - low + 1));
}

// Rough costs of a mid-sized model on a batching server: prefill is cheap per token, decoding dominates.
constexpr double gpuSecondsPerPromptToken = 0.0001;
constexpr double gpuSecondsPerCompletionToken = 0.001;
constexpr double latencyBaseMs = 80;
constexpr double latencyPerPromptTokenMs = 0.02;
constexpr double latencyPerCompletionTokenMs = 3;
constexpr double failProbability = 0.03;
constexpr double leakProbability = 0.005;
constexpr double overrunProbability = 0.03;
constexpr double burstProbability = 0.015;
constexpr double directCallProbability = 0.1; // no client app: the user calls the API directly
constexpr double preferredClientProbability = 0.8;
} // namespace

TrafficModel::TrafficModel(int simulatedUsers, quint64 seed, const QStringList& namedUsers,
                           const QStringList& clients)
    : m_clients(clients)
{
    std::mt19937_64 rng = generator(seed, -1);
    // The policy may list some simulated users (user:u0001 in a paid tier): each user appears once.
    QStringList ids = namedUsers;
    const QSet<QString> named(namedUsers.begin(), namedUsers.end());
    for (int i = 1; i <= simulatedUsers; ++i) {
        if (!named.contains(simulatedUserId(i)))
            ids << simulatedUserId(i);
    }
    // About 2% heavy users (at least one), spread over the list so every seed has some.
    const int heavyEvery = 50;
    double total = 0;
    for (int i = 0; i < ids.size(); ++i) {
        User u;
        u.id = ids[i];
        u.heavy = (i % heavyEvery) == heavyEvery / 2 || (ids.size() < heavyEvery && i == ids.size() / 2);
        // Activity is long-tailed: most users call rarely, a few often.
        u.weight = std::exp(1.0 * standardNormal(rng)) * (u.heavy ? 15.0 : 1.0);
        u.preferredClient = m_clients.isEmpty() ? -1 : uniformInt(rng, 0, int(m_clients.size()) - 1);
        u.promptMedian = logNormal(rng, u.heavy ? 2000 : 400, 0.4);
        u.completionMedian = logNormal(rng, u.heavy ? 700 : 250, 0.3);
        m_users << u;
        total += u.weight;
        m_cumulativeWeight << total;
    }
}

QString TrafficModel::simulatedUserId(int number)
{
    return QStringLiteral("user:u%1").arg(number, 4, 10, QLatin1Char('0'));
}

std::mt19937_64 TrafficModel::generator(quint64 seed, int stream)
{
    std::seed_seq seq{quint32(seed), quint32(seed >> 32), quint32(stream), 0x51u};
    return std::mt19937_64(seq);
}

double TrafficModel::loadAt(double seconds, double dayLengthSeconds)
{
    if (dayLengthSeconds <= 0)
        return 1.0;
    // A sine day with a sharper afternoon peak: mean 1, between about 0.35 and 1.75.
    const double phase = 2.0 * std::numbers::pi * seconds / dayLengthSeconds;
    return 1.0 + 0.6 * std::sin(phase) + 0.15 * std::sin(2.0 * phase);
}

TrafficModel::Request TrafficModel::next(std::mt19937_64& rng) const
{
    Request r;
    if (m_users.isEmpty())
        return r;
    const double pick = uniform(rng) * m_cumulativeWeight.last();
    r.user = int(std::upper_bound(m_cumulativeWeight.begin(), m_cumulativeWeight.end(), pick) -
                 m_cumulativeWeight.begin());
    r.user = std::min(r.user, int(m_users.size()) - 1);
    const User& u = m_users[r.user];

    if (!m_clients.isEmpty() && uniform(rng) >= directCallProbability) {
        const bool preferred = uniform(rng) < preferredClientProbability;
        r.client = m_clients[preferred ? u.preferredClient : uniformInt(rng, 0, int(m_clients.size()) - 1)];
    }

    const qint64 prompt =
        std::clamp(qint64(std::llround(logNormal(rng, u.promptMedian, 0.6))), qint64(10), qint64(32000));
    // A gateway reserves prompt + max_tokens; the model usually stops well before max_tokens.
    const qint64 maxOutput =
        std::clamp(qint64(std::llround(u.completionMedian * 2.5)), qint64(16), qint64(4096));
    qint64 completion =
        std::clamp(qint64(std::llround(logNormal(rng, u.completionMedian, 0.5))), qint64(1), maxOutput);
    if (uniform(rng) < overrunProbability) // a token estimate that was off: settle above the reservation
        completion = qint64(std::llround(double(maxOutput) * (1.05 + 0.25 * uniform(rng))));
    r.reservedTokens = prompt + maxOutput;
    r.actualTokens = prompt + completion;
    r.reservedGpuSeconds =
        double(prompt) * gpuSecondsPerPromptToken + double(maxOutput) * gpuSecondsPerCompletionToken;
    r.actualGpuSeconds =
        double(prompt) * gpuSecondsPerPromptToken + double(completion) * gpuSecondsPerCompletionToken;
    r.latencyMs = int(latencyBaseMs + double(prompt) * latencyPerPromptTokenMs +
                      double(completion) * latencyPerCompletionTokenMs);

    const double fate = uniform(rng);
    if (fate < failProbability)
        r.outcome = Outcome::Fail;
    else if (fate < failProbability + leakProbability)
        r.outcome = Outcome::Leak;
    if (uniform(rng) < burstProbability)
        r.repeat = uniformInt(rng, 5, 25);
    return r;
}

} // namespace quotadesk
