#include "RedisEndpoint.h"

#include "StoreError.h"

#include <QUrl>

namespace quotadesk {

RedisEndpoint RedisEndpoint::fromUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    auto invalid = [&](const QString& why) {
        return StoreError(StoreError::Kind::Invalid, QStringLiteral("Redis URL \"%1\": %2").arg(text, why));
    };
    if (!url.isValid())
        throw invalid(url.errorString());
    RedisEndpoint ep;
    if (url.scheme() == QLatin1String("rediss"))
        ep.tls = true;
    else if (url.scheme() != QLatin1String("redis"))
        throw invalid(QStringLiteral("scheme must be redis:// or rediss://"));
    if (url.host().isEmpty())
        throw invalid(QStringLiteral("no host"));
    ep.host = url.host();
    const int port = url.port(6379);
    if (port <= 0 || port > 65535)
        throw invalid(QStringLiteral("port out of range"));
    ep.port = quint16(port);
    ep.user = url.userName(QUrl::FullyDecoded);
    ep.password = url.password(QUrl::FullyDecoded);
    // redis://:secret@host means "password only", like redis-cli.
    QString path = url.path();
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    if (!path.isEmpty()) {
        bool ok = false;
        ep.db = path.toInt(&ok);
        if (!ok || ep.db < 0)
            throw invalid(QStringLiteral("database \"%1\" is not a non-negative number").arg(path));
    }
    return ep;
}

QString RedisEndpoint::redacted() const
{
    QString url = tls ? QStringLiteral("rediss://") : QStringLiteral("redis://");
    if (!user.isEmpty())
        url += user + QLatin1Char('@');
    url += host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    url += QLatin1Char(':') + QString::number(port);
    if (db != 0)
        url += QLatin1Char('/') + QString::number(db);
    return url;
}

} // namespace quotadesk
