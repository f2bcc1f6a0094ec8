#include "ScriptRunner.h"

#include "StoreError.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMutex>

namespace quotadesk {

namespace {
struct Script
{
    QByteArray source;
    QByteArray sha1;
};

// Scripts are immutable resources: load and hash each once per process.
const Script& script(const QString& name)
{
    static QMutex mutex;
    static QHash<QString, Script> cache;
    QMutexLocker lock(&mutex);
    auto it = cache.constFind(name);
    if (it != cache.constEnd())
        return *it;
    QFile file(QStringLiteral(":/lua/%1.lua").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no Lua script named %1").arg(name));
    Script s;
    s.source = file.readAll();
    s.sha1 = QCryptographicHash::hash(s.source, QCryptographicHash::Sha1).toHex();
    return *cache.insert(name, s);
}

bool isNoScript(const RedisReply& reply)
{
    return reply.isError() && reply.string.startsWith("NOSCRIPT");
}
} // namespace

ScriptRunner::ScriptRunner(RedisConnection& connection, QString prefix)
    : m_connection(connection), m_prefix(std::move(prefix))
{}

QByteArray ScriptRunner::source(const QString& name)
{
    return script(name).source;
}

QByteArray ScriptRunner::sha1(const QString& name)
{
    return script(name).sha1;
}

RedisReply ScriptRunner::run(const QString& name, const QList<QByteArray>& args)
{
    return runMany(name, {args}).constFirst();
}

QList<RedisReply> ScriptRunner::runMany(const QString& name, const QList<QList<QByteArray>>& argsList)
{
    const Script& s = script(name);
    auto commandFor = [&](const QByteArray& verb, const QByteArray& body, const QList<QByteArray>& args) {
        RedisConnection::Command cmd{verb, body, "0", m_prefix.toUtf8()};
        cmd.append(args);
        return cmd;
    };
    QList<RedisConnection::Command> commands;
    commands.reserve(argsList.size());
    for (const auto& args : argsList)
        commands.append(commandFor("EVALSHA", s.sha1, args));
    QList<RedisReply> replies = m_connection.pipeline(commands);
    // Only calls that were not executed get NOSCRIPT, so resending exactly those is safe.
    for (qsizetype i = 0; i < replies.size(); ++i) {
        if (isNoScript(replies[i]))
            replies[i] = m_connection.command(commandFor("EVAL", s.source, argsList[i]));
    }
    return replies;
}

} // namespace quotadesk
