#pragma once

#include <QByteArray>
#include <QString>

namespace quotadesk {

// One published version of the policy (an entry of `P policy:history`, or the current one).
struct PolicyVersion
{
    qint64 version = 0; // 0 = nothing published
    QString actor;      // Redis ACL user
    QString osUser;     // user@host
    qint64 atMs = 0;    // Redis time of the publish
    QString comment;
    QByteArray document; // empty when listed without documents
};

} // namespace quotadesk
