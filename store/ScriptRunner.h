#pragma once

#include "RedisConnection.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace quotadesk {

// Runs the store's Lua scripts (composed from resources/lua/ at build time, embedded as :/lua/<name>.lua) with
// EVALSHA, and falls back to EVAL when Redis answers NOSCRIPT (after a failover, a restart or SCRIPT FLUSH),
// which also caches the script again. Scripts are called with no KEYS and the key prefix as the first argument.
class ScriptRunner
{
public:
    ScriptRunner(RedisConnection& connection, QString prefix);

    // Runs script `name` with ARGV = [prefix, args...] and returns its reply, error replies included.
    RedisReply run(const QString& name, const QList<QByteArray>& args);
    // Pipelines several calls of one script in one round trip.
    QList<RedisReply> runMany(const QString& name, const QList<QList<QByteArray>>& argsList);

    // The script text and its SHA1, as Redis computes it. Throws StoreError(NotFound) for an unknown name.
    static QByteArray source(const QString& name);
    static QByteArray sha1(const QString& name);

    RedisConnection& connection() { return m_connection; }
    const QString& prefix() const { return m_prefix; }

private:
    RedisConnection& m_connection;
    QString m_prefix;
};

} // namespace quotadesk
