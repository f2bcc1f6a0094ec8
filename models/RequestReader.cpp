#include "RequestReader.h"

#include "RequestStore.h"
#include "StoreError.h"
#include "UsageReader.h"

#include <QJsonObject>

namespace quotadesk {

QList<QuotaRequest> RequestReader::list(UsageReader& reader, const QString& state, int limit)
{
    try {
        return RequestStore(reader.connection(), reader.prefix(), Actor()).list(state, limit);
    } catch (const StoreError& e) {
        if (e.kind() != StoreError::Kind::NoPermission)
            throw;
    }
    static const QStringList numeric{
        "id",         "amount",          "expires_at",          "submitted_at",
        "decided_at", "approved_amount", "approved_expires_at", "policy_version"};
    const QString index =
        reader.prefix() + (state == QLatin1String("pending") ? QStringLiteral("requests:pending")
                                                             : QStringLiteral("requests:all"));
    // All ids when filtering by another state, so `limit` counts matches.
    const QByteArray stop =
        state.isEmpty() || state == QLatin1String("pending") ? QByteArray::number(limit - 1) : "-1";
    const QList<RedisReply> ids =
        reader.connection().call({"ZREVRANGE", index.toUtf8(), "0", stop}).toArray(index);
    QList<QuotaRequest> out;
    for (const RedisReply& id : ids) {
        const QString key = reader.prefix() + QStringLiteral("req:") + QString::fromUtf8(id.toBytes(index));
        const QList<RedisReply> fields = reader.connection().call({"HGETALL", key.toUtf8()}).toArray(key);
        QJsonObject o;
        for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
            const QString name = QString::fromUtf8(fields[i].toBytes(key));
            const QByteArray value = fields[i + 1].toBytes(key);
            if (numeric.contains(name)) {
                bool ok = false;
                const qint64 n = value.toLongLong(&ok);
                if (!ok)
                    throw StoreError(StoreError::Kind::Protocol,
                                     QStringLiteral("%1 field %2: not an integer: %3")
                                         .arg(key, name, QString::fromUtf8(value.left(40))));
                o.insert(name, n);
            } else {
                o.insert(name, QString::fromUtf8(value));
            }
        }
        if (o.isEmpty())
            continue; // listed but gone
        QuotaRequest r = RequestStore::fromJson(o);
        if (state.isEmpty() || r.state == state)
            out.append(r);
        if (out.size() >= limit)
            break;
    }
    return out;
}

} // namespace quotadesk
