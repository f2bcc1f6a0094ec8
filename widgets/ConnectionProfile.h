#pragma once

#include "RedisEndpoint.h"

#include <QString>

namespace quotadesk {

// A saved connection. It has no password field on purpose: passwords are asked for at connect time or
// taken from QUOTADESK_REDIS_PASSWORD, never written to settings.
struct ConnectionProfile
{
    QString name;
    QString host = QStringLiteral("127.0.0.1");
    int port = 6379;
    int db = 0;
    QString user;
    bool tls = false;
    QString caFile;
    bool insecure = false;
    QString prefix = QStringLiteral("qd:");

    RedisEndpoint endpoint(const QString& password) const
    {
        RedisEndpoint ep;
        ep.host = host;
        ep.port = quint16(port);
        ep.db = db;
        ep.user = user;
        ep.password = password;
        ep.tls = tls;
        ep.caFile = caFile;
        ep.insecure = insecure;
        ep.prefix = prefix;
        return ep;
    }
};

} // namespace quotadesk
