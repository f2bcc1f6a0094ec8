#include "Actor.h"

#include "RedisConnection.h"

#include <QSysInfo>

namespace quotadesk {

Actor::Actor(QString redisUser, QString osUser)
    : m_redisUser(std::move(redisUser)), m_osUser(std::move(osUser))
{}

Actor Actor::detect(RedisConnection& connection)
{
    const RedisReply reply = connection.call({"ACL", "WHOAMI"});
    return Actor(QString::fromUtf8(reply.toBytes(QStringLiteral("ACL WHOAMI"))), currentOsUser());
}

QString Actor::currentOsUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME", QStringLiteral("unknown"));
    return user + QLatin1Char('@') + QSysInfo::machineHostName();
}

} // namespace quotadesk
