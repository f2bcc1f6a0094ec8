#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <random>

namespace quotadesk {

// The simulator's deterministic traffic model: who calls, through which client, how large the requests are
// and how long the upstream model takes. Everything random comes from generators seeded by the simulation
// seed, so one seed gives the same users and, per gateway, the same sequence of requests; only the store's
// answers (which depend on timing) differ between runs.
class TrafficModel
{
public:
    enum class Outcome
    {
        Complete, // settle with the actual usage after the latency
        Fail,     // the upstream call failed: release the whole reservation
        Leak      // the gateway "crashes": the lease is left to expire
    };

    struct User
    {
        QString id;
        double weight = 1;  // share of the traffic relative to other users
        bool heavy = false; // large, frequent requests: runs into its limits
        int preferredClient = 0;
        double promptMedian = 400;
        double completionMedian = 250;
    };

    struct Request
    {
        int user = 0;   // index into users()
        QString client; // "" = called the API directly
        qint64 reservedTokens = 0;
        qint64 actualTokens = 0;
        double reservedGpuSeconds = 0;
        double actualGpuSeconds = 0;
        int latencyMs = 0; // at mean load; the simulator scales it with the day curve
        Outcome outcome = Outcome::Complete;
        int repeat = 1; // > 1: a burst of this many back-to-back calls from the same user
    };

    // `namedUsers` are the users the policy lists (user:alice …); `clients` the client apps (client:webapp
    // …).
    TrafficModel(int simulatedUsers, quint64 seed, const QStringList& namedUsers, const QStringList& clients);

    const QList<User>& users() const { return m_users; }
    const QStringList& clients() const { return m_clients; }

    Request next(std::mt19937_64& rng) const;

    // Load relative to the daily mean (the mean over a day is 1) `seconds` after the start; the simulation
    // starts in the morning, so load rises first.
    static double loadAt(double seconds, double dayLengthSeconds);
    // One independent generator per gateway, derived from the seed.
    static std::mt19937_64 generator(quint64 seed, int stream);
    // The user ids the simulator invents: user:u0001 … (four digits at least, wider above 9999).
    static QString simulatedUserId(int number);

private:
    QList<User> m_users;
    QStringList m_clients;
    QList<double> m_cumulativeWeight; // for picking a user by weight with one uniform draw
};

} // namespace quotadesk
