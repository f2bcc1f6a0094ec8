#pragma once

#include "Decision.h"
#include "LocalDecisionOptions.h"
#include "Reservation.h"
#include "ScriptRunner.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace quotadesk {

// A gateway's view of the store: admission decisions, settlement and heartbeats, each one script call
// (resources/lua/{acquire,settle,heartbeat}.lua; release is settle with nothing used). Not thread-safe: one
// engine per connection.
//
// Script error replies become StoreError: unknown_lease -> NotFound, lease_expired -> Conflict,
// bad_argument -> Invalid, bad_policy / bad_data -> Protocol. A denial is a Decision, not an error.
class QuotaEngine
{
public:
    QuotaEngine(RedisConnection& connection, QString prefix, QString gatewayId);

    // user/client may be given with or without their "user:"/"client:" prefix; client may be empty.
    Decision acquire(const QString& user, const QString& client, const Reservation& reserve, int leaseTtlMs);
    // Replaces the lease's reservation with what was actually used.
    void settle(const QString& leaseId, const Reservation& actual);
    // Refunds the whole reservation (the request itself stays counted) and frees the slot.
    void release(const QString& leaseId);
    // Reports this gateway and its signals, evaluates load rules; returns tier -> load factor in force.
    QHash<QString, double> heartbeat(const QJsonObject& gatewaySignals);
    // Folds the usage log into the console's series and rankings now (every heartbeat does it too; acquire
    // does it in batches). Returns the records folded. For one-off callers (quotactl) and tests.
    qint64 foldUsage();

    qint64 decisions() const { return m_decisions; }
    qint64 admitted() const { return m_admitted; }
    // Decisions per second since the previous heartbeat (or since construction).
    double decisionsPerSecond() const;
    // The policy version of the last acquire reply, 0 before any.
    qint64 lastPolicyVersion() const { return m_lastPolicyVersion; }
    const QString& gatewayId() const { return m_gatewayId; }

    // Store outages (docs/reliability.md). Once enabled, acquire() never throws for an unreachable or slow
    // store, nor for a compiled policy the script rejects (bad_policy): it decides locally from the last
    // good compiled policy, per the tier's on_store_unavailable: fail_closed denies (code
    // "store_unavailable"), fail_open admits within the tier's emergency_budget per subject per minute
    // (code "fail_open", lease "local:<n>", which settle/release accept and ignore). Local decisions are
    // written to the series (`|o`, `|x`) once the store answers again, and sent in every heartbeat.
    void enableLocalDecisions(const LocalDecisionOptions& options = {});
    // Reloads `P policy:compiled` into the local cache (done by acquire whenever a reply's version differs
    // from the cached one; call it on policy events too). A broken policy is not taken: the last good one
    // stays, and the problem (naming the key and field) is logged and kept in policyProblem(). Returns
    // whether the store's policy was taken. Throws StoreError for transport errors.
    bool refreshPolicy();
    QString policyProblem() const { return m_policyProblem; }
    qint64 cachedPolicyVersion() const { return m_cachedVersion; }
    bool storeAvailable() const { return !m_retryAt.has_value(); }
    qint64 failOpenAdmissions() const { return m_failOpen; }
    qint64 failClosedDenials() const { return m_failClosed; }
    // Local decisions not yet written to the store's series.
    qint64 unreportedLocalDecisions() const;

    // acquire.lua's JSON reply as a Decision (no socket needed: the fuzz targets call it). Throws
    // StoreError(Protocol) when the reply is not a JSON object; tolerates missing or mistyped fields.
    static Decision parseAcquireReply(const QByteArray& raw);

private:
    using json = nlohmann::json;
    struct Budget
    {
        qint64 minute = -1;
        qint64 requests = 0;
        qint64 tokens = 0;
    };

    QByteArray runChecked(const QString& script, const QList<QByteArray>& args, bool allowNoPolicy = false);
    Decision acquireFromStore(const QByteArray& user, const QByteArray& client, const Reservation& reserve,
                              int leaseTtlMs);
    Decision decideLocally(const QByteArray& user, const QByteArray& client, const Reservation& reserve,
                           const QString& why);
    void noteStoreFailure();
    void reportLocalDecisions();
    void count(const QByteArray& user, const QByteArray& client, char mark);
    const json* cachedField(const QString& name) const;

    ScriptRunner m_scripts;
    QString m_gatewayId;
    qint64 m_decisions = 0;
    qint64 m_admitted = 0;
    qint64 m_lastPolicyVersion = 0;
    qint64 m_decisionsAtHeartbeat = 0;
    QElapsedTimer m_sinceHeartbeat;
    QString m_lastCode; // the script error code of the last failed call

    std::optional<LocalDecisionOptions> m_local;
    QHash<QString, json> m_cachedPolicy; // field -> decoded JSON, the last good compiled policy
    qint64 m_cachedVersion = 0;
    QString m_policyProblem;
    std::optional<QDeadlineTimer> m_retryAt; // set while the store is considered down
    int m_backoffMs = 0;
    QElapsedTimer m_monotonic; // emergency budget minutes: never the wall clock
    QHash<QByteArray, Budget> m_budgets;
    QHash<QByteArray, QHash<char, qint64>> m_unreported; // series entity -> 'o'/'x' -> count
    qint64 m_failOpen = 0;
    qint64 m_failClosed = 0;
    qint64 m_localLeaseSeq = 0;
};

} // namespace quotadesk
