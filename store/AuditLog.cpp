#include "AuditLog.h"

#include "StoreError.h"

namespace quotadesk {

namespace {
constexpr int PageSize = 500;

AuditEntry entryFrom(const RedisReply& item, const QString& where)
{
    const auto& pair = item.toArray(where);
    if (pair.size() != 2)
        throw StoreError(StoreError::Kind::Protocol, QStringLiteral("%1: not a stream entry").arg(where));
    AuditEntry e;
    e.id = pair[0].toBytes(where);
    e.atMs = e.id.left(e.id.indexOf('-')).toLongLong();
    const auto& fields = pair[1].toArray(where);
    for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
        const QByteArray name = fields[i].toBytes(where);
        const QString value = QString::fromUtf8(fields[i + 1].toBytes(where));
        if (name == "actor")
            e.actor = value;
        else if (name == "os_user")
            e.osUser = value;
        else if (name == "action")
            e.action = value;
        else if (name == "subject")
            e.subject = value;
        else if (name == "before")
            e.before = value;
        else if (name == "after")
            e.after = value;
        else if (name == "comment")
            e.comment = value;
    }
    return e;
}

bool matches(const AuditEntry& e, const AuditLog::Filter& f)
{
    return (f.actor.isEmpty() || e.actor == f.actor) && (f.action.isEmpty() || e.action == f.action) &&
           (f.subject.isEmpty() || e.subject == f.subject);
}
} // namespace

AuditLog::AuditLog(RedisConnection& connection, QString prefix)
    : m_connection(connection), m_prefix(std::move(prefix))
{}

QList<AuditEntry> AuditLog::read(int count, const Filter& filter)
{
    const QByteArray key = (m_prefix + QStringLiteral("audit")).toUtf8();
    // Stream ids start with the ms time, so the time filter is the id range itself.
    QByteArray end = filter.untilMs > 0 ? QByteArray::number(filter.untilMs) : QByteArray("+");
    const QByteArray start = filter.sinceMs > 0 ? QByteArray::number(filter.sinceMs) : QByteArray("-");
    QList<AuditEntry> out;
    while (out.size() < count) {
        const RedisReply reply =
            m_connection.call({"XREVRANGE", key, end, start, "COUNT", QByteArray::number(PageSize)});
        const auto& items = reply.toArray(QString::fromUtf8(key));
        for (qsizetype i = 0; i < items.size() && out.size() < count; ++i) {
            const AuditEntry e =
                entryFrom(items[i], QStringLiteral("%1 entry %2").arg(QString::fromUtf8(key)).arg(i));
            if (matches(e, filter))
                out << e;
        }
        if (items.size() < PageSize)
            break;
        // Continue below the last id seen: "(" makes the bound exclusive (Redis >= 6.2).
        end = "(" +
              items.constLast().toArray(QString::fromUtf8(key)).constFirst().toBytes(QString::fromUtf8(key));
    }
    return out;
}

} // namespace quotadesk
