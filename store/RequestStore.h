#pragma once

#include "AdminScript.h"
#include "QuotaRequest.h"

#include <QJsonObject>
#include <QList>

#include <optional>

namespace quotadesk {

// Quota-increase requests: submit, list, decide. Approval is one atomic admin.lua call that writes the
// override into the policy and publishes it as a new version. Expiry is applied lazily when requests are
// read (get/list), so no background job is needed.
class RequestStore
{
public:
    RequestStore(RedisConnection& connection, QString prefix, Actor actor);

    // `amount` is the new limit wanted (GPU-seconds for gpu_seconds); `window` empty for concurrency;
    // expiresAtMs 0 = a permanent raise. Returns the new request id. StoreError(Invalid) for bad input.
    qint64 submit(const QString& subject, const QString& metric, const QString& window, qint64 amount,
                  qint64 expiresAtMs, const QString& reason);
    // Newest first; `state` empty = every state.
    QList<QuotaRequest> list(const QString& state = {}, int limit = 100);
    // StoreError(NotFound) for an unknown id.
    QuotaRequest get(qint64 id);
    // Approves a pending request (StoreError(Conflict) otherwise, naming who decided it), optionally with
    // another amount or expiry (0 = permanent) than requested.
    QuotaRequest approve(qint64 id, std::optional<qint64> amount = std::nullopt,
                         std::optional<qint64> expiresAtMs = std::nullopt, const QString& comment = {});
    QuotaRequest deny(qint64 id, const QString& reason);
    // Only the submitter (same ACL user) may cancel: StoreError(NoPermission) otherwise.
    QuotaRequest cancel(qint64 id, const QString& comment = {});

    // Decodes one request as admin.lua replies it (public for tools that call the script themselves).
    static QuotaRequest fromJson(const QJsonObject& object);

private:
    AdminScript m_script;
};

} // namespace quotadesk
