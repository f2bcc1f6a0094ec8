#pragma once

#include "FleetTotals.h"
#include "GatewayInfo.h"
#include "GroupUsage.h"
#include "RedisConnection.h"
#include "SeriesPoint.h"
#include "SubjectUsage.h"
#include "TopEntry.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace quotadesk {

// Reads usage for the console and quotactl: headless and blocking, one RedisConnection, never writes. Only
// the console indexes of docs/store-contract.md are read, so nothing here scans the keyspace and a million
// subjects page as cheaply as ten. Every malformed value throws StoreError(Protocol) naming the key.
class UsageReader
{
public:
    // The per-entity series metrics of `P ts:*`.
    enum class Metric : char
    {
        Requests = 'r',
        Tokens = 't',
        GpuMs = 'g',
        Denials = 'd',
        Concurrency = 'c'
    };
    using TzTable = QList<QPair<qint64, int>>; // [from_ms, offset_s], sorted

    UsageReader(RedisConnection& connection, QString prefix);
    ~UsageReader();
    UsageReader(const UsageReader&) = delete;
    UsageReader& operator=(const UsageReader&) = delete;

    // Store time: Redis TIME plus `P clock:offset_ms`, the clock every script uses.
    qint64 nowMs();
    // 0 when nothing is published.
    qint64 policyVersion();

    FleetTotals fleetTotals();
    QList<GatewayInfo> gateways();

    // Minute buckets up to 24 h, hour buckets beyond. Buckets cover [fromMs, toMs]; a missing field is 0.
    static bool usesMinutes(qint64 spanMs) { return spanMs <= 24LL * 3600 * 1000; }
    QHash<QString, QList<SeriesPoint>> series(const QStringList& entities, Metric metric, qint64 fromMs,
                                              qint64 toMs);

    // `count` subjects of `P top:<metric>:<window>:<current period>` from rank `offset`, highest first
    // (lowest first when ascending).
    QList<TopEntry> top(const QString& metric, const QString& window, int count, qint64 offset = 0,
                        bool ascending = false);

    qint64 subjectCount();
    // Up to `count` subject ids starting with `prefix`, strictly after `after` (or before it when
    // descending); an empty `after` starts at the beginning (end) of the prefix range.
    QStringList subjectsPage(const QString& prefix, const QString& after, int count, bool descending = false);
    // Tier, group and usage vs each effective limit, for many subjects in a few round trips.
    QList<SubjectUsage> subjectUsage(const QStringList& ids);
    // Tier and group only (no limits, no usage): one round trip (the policy version check) for all ids.
    QList<SubjectUsage> placements(const QStringList& ids);
    // Every group of the policy with its pooled usage and direct members, parents before children.
    QList<GroupUsage> groups();
    QStringList tierNames();
    QStringList groupNames();

    // `meta.tz` of `P policy:compiled` as a table; absent or {} (cjson's empty list) is UTC. Throws
    // StoreError(Protocol) naming `where` for anything else.
    static TzTable tzTable(const QJsonValue& value, const QString& where);
    // Calendar period math, as the scripts do it: `tz` from tzTable().
    static int utcOffsetAt(const TzTable& tz, qint64 utcMs);
    static qint64 periodStart(const QString& window, qint64 nowMs, const TzTable& tz);
    static qint64 periodEnd(const QString& window, qint64 nowMs, const TzTable& tz);
    // Refill length of a sliding window (second, minute, hour) in ms; 0 for others.
    static qint64 slidingWindowMs(const QString& window);

    const QString& prefix() const { return m_prefix; }
    RedisConnection& connection() { return m_connection; }

private:
    struct Policy;
    const Policy& policy();
    QByteArray key(const QString& rest) const { return (m_prefix + rest).toUtf8(); }
    QHash<QString, double> loadFactors(qint64 nowMs);
    // Reads usage for the given entity limits in one pipeline; fills LimitUsage::used and periodEndMs.
    void fillUsage(const QString& entity, QList<LimitUsage>& limits, qint64 nowMs, const TzTable& tz,
                   QList<RedisConnection::Command>& commands,
                   QList<std::function<void(const RedisReply&)>>& handlers);
    // Sends `commands` in one round trip and hands each reply to its handler; an error reply throws,
    // naming the key (the command's first argument).
    void runPipeline(const QList<RedisConnection::Command>& commands,
                     const QList<std::function<void(const RedisReply&)>>& handlers);

    RedisConnection& m_connection;
    QString m_prefix;
    std::unique_ptr<Policy> m_policy;
};

} // namespace quotadesk
