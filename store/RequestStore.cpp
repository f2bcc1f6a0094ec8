#include "RequestStore.h"

#include "StoreError.h"

#include <QJsonArray>
#include <QJsonObject>

namespace quotadesk {

RequestStore::RequestStore(RedisConnection& connection, QString prefix, Actor actor)
    : m_script(connection, std::move(prefix), std::move(actor))
{}

QuotaRequest RequestStore::fromJson(const QJsonObject& o)
{
    auto integer = [&](const char* key) {
        return o.value(QLatin1String(key)).toInteger();
    };
    auto text = [&](const char* key) {
        return o.value(QLatin1String(key)).toString();
    };
    QuotaRequest r;
    r.id = integer("id");
    if (r.id <= 0)
        throw StoreError(StoreError::Kind::Protocol,
                         QStringLiteral("admin.lua: a request reply without an id"));
    r.subject = text("subject");
    r.metric = text("metric");
    r.window = text("window");
    r.amount = integer("amount");
    r.expiresAtMs = integer("expires_at");
    r.reason = text("reason");
    r.state = text("state");
    r.submittedBy = text("submitted_by");
    r.submittedOsUser = text("submitted_os_user");
    r.submittedAtMs = integer("submitted_at");
    r.decidedBy = text("decided_by");
    r.decidedOsUser = text("decided_os_user");
    r.decidedAtMs = integer("decided_at");
    r.decisionComment = text("decision_comment");
    r.approvedAmount = integer("approved_amount");
    r.approvedExpiresAtMs = integer("approved_expires_at");
    r.policyVersion = integer("policy_version");
    return r;
}

qint64 RequestStore::submit(const QString& subject, const QString& metric, const QString& window,
                            qint64 amount, qint64 expiresAtMs, const QString& reason)
{
    const QJsonObject reply =
        m_script
            .run("submit", {subject.toUtf8(), metric.toUtf8(), window.toUtf8(), QByteArray::number(amount),
                            QByteArray::number(expiresAtMs), reason.toUtf8()})
            .toObject();
    return fromJson(reply).id;
}

QList<QuotaRequest> RequestStore::list(const QString& state, int limit)
{
    const QJsonValue reply = m_script.run("list", {state.toUtf8(), QByteArray::number(limit)});
    QList<QuotaRequest> out;
    // An empty list comes back as [] (admin.lua keeps empty arrays).
    const QJsonArray items = reply.toArray();
    for (const QJsonValue& item : items)
        out << fromJson(item.toObject());
    return out;
}

QuotaRequest RequestStore::get(qint64 id)
{
    return fromJson(m_script.run("get", {QByteArray::number(id)}).toObject());
}

QuotaRequest RequestStore::approve(qint64 id, std::optional<qint64> amount, std::optional<qint64> expiresAtMs,
                                   const QString& comment)
{
    const QByteArray amountArg = amount ? QByteArray::number(*amount) : QByteArray();
    const QByteArray expiresArg = expiresAtMs ? QByteArray::number(*expiresAtMs) : QByteArray();
    return fromJson(m_script.run("approve", {QByteArray::number(id), amountArg, expiresArg, comment.toUtf8()})
                        .toObject());
}

QuotaRequest RequestStore::deny(qint64 id, const QString& reason)
{
    return fromJson(m_script.run("deny", {QByteArray::number(id), reason.toUtf8()}).toObject());
}

QuotaRequest RequestStore::cancel(qint64 id, const QString& comment)
{
    return fromJson(m_script.run("cancel", {QByteArray::number(id), comment.toUtf8()}).toObject());
}

} // namespace quotadesk
