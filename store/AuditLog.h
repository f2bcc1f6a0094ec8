#pragma once

#include "AuditEntry.h"
#include "RedisConnection.h"

#include <QList>

namespace quotadesk {

// Reads the `P audit` stream (written by admin.lua), newest first.
class AuditLog
{
public:
    // Empty strings and 0 mean "any".
    struct Filter
    {
        QString actor;
        QString action;
        QString subject;
        qint64 sinceMs = 0; // inclusive
        qint64 untilMs = 0; // inclusive
    };

    AuditLog(RedisConnection& connection, QString prefix);

    // At most `count` matching entries, newest first; pages through the stream until enough match.
    QList<AuditEntry> read(int count, const Filter& filter);
    QList<AuditEntry> read(int count) { return read(count, Filter()); }

private:
    RedisConnection& m_connection;
    QString m_prefix;
};

} // namespace quotadesk
