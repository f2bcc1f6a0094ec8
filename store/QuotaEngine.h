#pragma once

#include "Decision.h"
#include "Reservation.h"
#include "ScriptRunner.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QString>

namespace quotadesk {

// A gateway's view of the store: admission decisions, settlement and heartbeats, each one script call
// (resources/lua/{acquire,settle,heartbeat}.lua; release is settle with nothing used). Not thread-safe: one engine per connection.
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

    qint64 decisions() const { return m_decisions; }
    qint64 admitted() const { return m_admitted; }
    // Decisions per second since the previous heartbeat (or since construction).
    double decisionsPerSecond() const;
    // The policy version of the last acquire reply, 0 before any.
    qint64 lastPolicyVersion() const { return m_lastPolicyVersion; }
    const QString& gatewayId() const { return m_gatewayId; }

private:
    QByteArray runChecked(const QString& script, const QList<QByteArray>& args, bool allowNoPolicy = false);

    ScriptRunner m_scripts;
    QString m_gatewayId;
    qint64 m_decisions = 0;
    qint64 m_admitted = 0;
    qint64 m_lastPolicyVersion = 0;
    qint64 m_decisionsAtHeartbeat = 0;
    QElapsedTimer m_sinceHeartbeat;
};

} // namespace quotadesk
