#pragma once

#include <QString>

namespace quotadesk {

// A quota-increase request (`P req:<id>`). States: pending → approved | denied | cancelled | expired; an
// approved temporary raise also becomes expired when its expiry passes.
struct QuotaRequest
{
    qint64 id = 0;
    QString subject;        // user:<name> or client:<name>
    QString metric;         // requests, tokens, gpu_seconds (in GPU-seconds), concurrency
    QString window;         // empty for concurrency
    qint64 amount = 0;      // the limit asked for
    qint64 expiresAtMs = 0; // 0 = permanent
    QString reason;
    QString state;
    QString submittedBy; // Redis ACL user
    QString submittedOsUser;
    qint64 submittedAtMs = 0;
    QString decidedBy; // empty while pending
    QString decidedOsUser;
    qint64 decidedAtMs = 0;
    QString decisionComment;
    qint64 approvedAmount = 0;
    qint64 approvedExpiresAtMs = 0; // 0 = permanent
    qint64 policyVersion = 0;       // the version the approval published
};

} // namespace quotadesk
