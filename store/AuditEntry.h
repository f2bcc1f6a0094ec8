#pragma once

#include <QByteArray>
#include <QString>

namespace quotadesk {

// One entry of the `P audit` stream.
struct AuditEntry
{
    QByteArray id; // stream id "<ms>-<seq>"
    qint64 atMs = 0;
    QString actor;  // Redis ACL user
    QString osUser; // user@host
    QString action; // policy.publish, policy.rollback, request.submit|approve|deny|cancel, counters.reset,
                    // load.override
    QString subject;
    QString before; // JSON (or empty)
    QString after;  // JSON (or empty)
    QString comment;
};

} // namespace quotadesk
