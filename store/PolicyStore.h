#pragma once

#include "AdminScript.h"
#include "PolicyVersion.h"

#include <QList>

namespace quotadesk {

// Publishing the policy (compare-and-set on its version), its history and rollback, plus the operator
// actions that change live state: counter resets and load-factor overrides. Every change is one atomic
// admin.lua call that also writes history, audit and an event (docs/store-contract.md, "admin.lua").
class PolicyStore
{
public:
    PolicyStore(RedisConnection& connection, QString prefix, Actor actor);

    // The published version and document (version 0 and no document when nothing is published).
    PolicyVersion current();
    // Validates with Policy::parse (StoreError(Invalid) listing every issue), then publishes the canonical
    // document as the next version if `expectedVersion` is still current (0 = nothing published yet), else
    // throws StoreError(Conflict) naming both versions and changes nothing. Returns the new version.
    qint64 publish(const QByteArray& document, qint64 expectedVersion, const QString& comment);
    // Newest first, at most the last 100 versions; documents only when asked for.
    QList<PolicyVersion> history(bool withDocuments = false);
    // One version from the history, with its document. StoreError(NotFound) when it is not kept.
    PolicyVersion version(qint64 version);
    // Republishes version `version`'s document as a new version. Returns the new version.
    qint64 rollback(qint64 version, const QString& comment);

    // Deletes the subject's token buckets and current day/month counters. Returns how many keys went.
    int resetCounters(const QString& subject, const QString& comment);
    // Scales the tier's limits by `factor` (0 < factor <= 1) for `durationSeconds`; factor 1 removes the
    // operator override.
    void setLoadFactor(const QString& tier, double factor, qint64 durationSeconds, const QString& comment);

private:
    qint64 publishAs(const QByteArray& document, qint64 expectedVersion, const QString& comment,
                     const QByteArray& action);

    AdminScript m_script;
};

} // namespace quotadesk
