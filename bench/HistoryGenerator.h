#pragma once

#include "RedisConnection.h"

#include <QString>

namespace quotadesk {

// Fills a store with what a large fleet leaves behind, in the key formats of docs/store-contract.md, as if
// the engine had written it: the sample policy plus explicit entries for some subjects, the `P subjects`
// index, today's and this month's `top:*` rankings with matching `cnt:` counters, minute and hour series
// with a daily rhythm and single-minute spikes, open leases, token buckets and gateways. Everything goes
// out as large pipelines of plain commands (never through acquire.lua), so a million subjects take
// seconds. Deterministic for a given seed and store time.
class HistoryGenerator
{
public:
    struct Options
    {
        int subjects = 1000000;    // ids in `P subjects`
        double clientShare = 0.02; // of them client apps (client:app-NNNNNN), the rest users
        double activeShare = 0.05; // active today: rankings and counters
        int days = 8;              // minute and hour series reach this far back (minute series live 8 days)
        int busiest = 16;          // subjects with their own series fields (a real minute hash has more)
        int placed = 2000;         // subjects with an explicit policy entry (tier and group)
        int gateways = 4;
        int openLeases = 120; // in `conc:fleet`, spread over subjects
        double peakRequestsPerMinute = 1500;
        quint64 seed = 8;
        int commandsPerPipeline = 256;
    };

    struct Result
    {
        qint64 nowMs = 0;              // the store time everything is relative to
        qint64 policyVersion = 0;      // what publish() returned
        qint64 commands = 0;           // Redis commands sent
        qint64 elements = 0;           // members, fields and keys written
        double seconds = 0;            // wall time of the whole run
        qint64 minuteKeys = 0;         // `ts:m:*` hashes written
        qint64 hourKeys = 0;           // `ts:h:*` hashes written
        qint64 activeToday = 0;        // members of `top:requests:day:<today>`
        qint64 fleetRequestsToday = 0; // sum of `fleet|r` since local midnight == sum of that ranking
        qint64 spikes = 0;             // single-minute spikes in the fleet series
        qint64 openLeases = 0;         // members of `conc:fleet`
    };

    HistoryGenerator(RedisConnection& connection, QString prefix, Options options);

    // Publishes the policy (as the next version) and writes the history. Throws StoreError.
    Result run();
    // Only the policy: the sample with `placed` explicit subject entries. Returns the version.
    qint64 publishPolicy();

    // The i-th generated subject id, 0 <= i < subjects; ids sort in index order (clients first).
    QString subjectId(int index) const;
    // Index of the j-th subject with a policy entry (0 <= j < placed), evenly spread over all subjects.
    int placedIndex(int j) const;
    const Options& options() const { return m_options; }

private:
    RedisConnection& m_connection;
    QString m_prefix;
    Options m_options;
};

} // namespace quotadesk
