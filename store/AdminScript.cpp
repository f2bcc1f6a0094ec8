#include "AdminScript.h"

#include "StoreError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace quotadesk {

namespace {
StoreError::Kind kindOfCode(const QString& code)
{
    if (code == QLatin1String("conflict"))
        return StoreError::Kind::Conflict;
    if (code == QLatin1String("not_found") || code == QLatin1String("no_policy"))
        return StoreError::Kind::NotFound;
    if (code == QLatin1String("bad_argument"))
        return StoreError::Kind::Invalid;
    if (code == QLatin1String("forbidden"))
        return StoreError::Kind::NoPermission;
    return StoreError::Kind::Protocol; // bad_data: garbage in a key we own
}
} // namespace

AdminScript::AdminScript(RedisConnection& connection, QString prefix, Actor actor)
    : m_runner(connection, std::move(prefix)), m_actor(std::move(actor))
{}

QJsonValue AdminScript::run(const QByteArray& op, const QList<QByteArray>& args)
{
    QList<QByteArray> argv{op, m_actor.redisUser().toUtf8(), m_actor.osUser().toUtf8()};
    argv.append(args);
    const RedisReply reply = m_runner.run(QStringLiteral("admin"), argv);
    const QString where = QStringLiteral("admin.lua %1").arg(QString::fromUtf8(op));
    RedisConnection::throwIfError(reply, where);
    const QByteArray text = reply.toBytes(where);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        throw StoreError(StoreError::Kind::Protocol,
                         QStringLiteral("%1: reply is not JSON (%2)").arg(where, error.errorString()));
    if (doc.isArray())
        return doc.array();
    const QJsonObject object = doc.object();
    if (object.contains(QLatin1String("error"))) {
        throw StoreError(kindOfCode(object.value(QLatin1String("code")).toString()),
                         object.value(QLatin1String("error")).toString());
    }
    return object;
}

} // namespace quotadesk
