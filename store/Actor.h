#pragma once

#include <QString>

namespace quotadesk {

class RedisConnection;

// Who is making a change, as recorded in history and audit entries: the Redis ACL user (what Redis itself
// authorises) and the OS account user@host (which person at which workstation used that ACL user).
class Actor
{
public:
    Actor() = default;
    Actor(QString redisUser, QString osUser);

    // Asks Redis with ACL WHOAMI (scripts may not call it, so it is asked once per connection here) and reads
    // the OS user and host name. Throws StoreError.
    static Actor detect(RedisConnection& connection);
    // user@host of this process.
    static QString currentOsUser();

    QString redisUser() const { return m_redisUser; }
    QString osUser() const { return m_osUser; }

private:
    QString m_redisUser;
    QString m_osUser;
};

} // namespace quotadesk
