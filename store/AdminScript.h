#pragma once

#include "Actor.h"
#include "ScriptRunner.h"

#include <QJsonValue>

namespace quotadesk {

// Runs one op of resources/lua/admin.lua on behalf of an actor and turns its {"error","code"} replies into
// StoreError kinds, so PolicyStore and RequestStore report failures the same way.
class AdminScript
{
public:
    AdminScript(RedisConnection& connection, QString prefix, Actor actor);

    // Returns the decoded JSON reply (an object or an array). Throws StoreError.
    QJsonValue run(const QByteArray& op, const QList<QByteArray>& args);

    const Actor& actor() const { return m_actor; }
    RedisConnection& connection() { return m_runner.connection(); }
    const QString& prefix() const { return m_runner.prefix(); }

private:
    ScriptRunner m_runner;
    Actor m_actor;
};

} // namespace quotadesk
