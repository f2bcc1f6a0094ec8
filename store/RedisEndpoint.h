#pragma once

#include <QString>

namespace quotadesk {

// Where and how to reach a Redis server. Parsed from redis://[user:password@]host:port[/db] or rediss://
// (TLS). The password never goes to settings or logs: see redacted().
struct RedisEndpoint
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6379;
    int db = 0;
    QString user;     // ACL user; empty means "default"
    QString password; // empty means no AUTH
    bool tls = false;
    QString caFile;        // PEM bundle to verify the server; empty uses the system store
    bool insecure = false; // skip certificate and host name verification (explicit opt-in)
    QString prefix = QStringLiteral("qd:");

    // Throws StoreError(Invalid) naming the part of the URL that is wrong.
    static RedisEndpoint fromUrl(const QString& url);
    // The URL without the password, safe for status bars and logs.
    QString redacted() const;
};

} // namespace quotadesk
