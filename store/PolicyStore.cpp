#include "PolicyStore.h"

#include "Policy.h"
#include "StoreError.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace quotadesk {

namespace {
constexpr qint64 DayMs = 24 * 3600 * 1000LL;

PolicyVersion versionFromJson(const QByteArray& text, const QString& where, bool withDocument)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    const QJsonObject o = doc.object();
    if (error.error != QJsonParseError::NoError || !doc.isObject() ||
        !o.value(QLatin1String("version")).isDouble())
        throw StoreError(
            StoreError::Kind::Protocol,
            QStringLiteral("%1: not a history entry: %2").arg(where, QString::fromUtf8(text.left(80))));
    PolicyVersion v;
    v.version = o.value(QLatin1String("version")).toInteger();
    v.actor = o.value(QLatin1String("actor")).toString();
    v.osUser = o.value(QLatin1String("os_user")).toString();
    v.atMs = o.value(QLatin1String("at")).toInteger();
    v.comment = o.value(QLatin1String("comment")).toString();
    if (withDocument)
        v.document = o.value(QLatin1String("document")).toString().toUtf8();
    return v;
}
} // namespace

PolicyStore::PolicyStore(RedisConnection& connection, QString prefix, Actor actor)
    : m_script(connection, std::move(prefix), std::move(actor))
{}

PolicyVersion PolicyStore::current()
{
    const QJsonObject reply = m_script.run("current", {}).toObject();
    PolicyVersion v;
    v.version = reply.value(QLatin1String("version")).toInteger();
    v.document = reply.value(QLatin1String("document")).toString().toUtf8();
    // Who published it is in the newest history entry; a trimmed or hand-made history leaves it blank.
    const QString key = m_script.prefix() + QStringLiteral("policy:history");
    const RedisReply newest = m_script.connection().call({"LINDEX", key.toUtf8(), "0"});
    if (v.version > 0 && !newest.isNil()) {
        const PolicyVersion h = versionFromJson(newest.toBytes(key), key + QStringLiteral("[0]"), false);
        if (h.version == v.version) {
            v.actor = h.actor;
            v.osUser = h.osUser;
            v.atMs = h.atMs;
            v.comment = h.comment;
        }
    }
    return v;
}

qint64 PolicyStore::publish(const QByteArray& document, qint64 expectedVersion, const QString& comment)
{
    return publishAs(document, expectedVersion, comment, "policy.publish");
}

qint64 PolicyStore::publishAs(const QByteArray& document, qint64 expectedVersion, const QString& comment,
                              const QByteArray& action)
{
    QList<PolicyIssue> issues;
    const Policy policy = Policy::parse(document, &issues);
    if (!issues.isEmpty()) {
        QStringList lines;
        for (const PolicyIssue& issue : issues)
            lines << issue.toString();
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("the policy is invalid:\n%1").arg(lines.join(QLatin1Char('\n'))));
    }
    // The local clock only bounds the table. Scripts look up the offset at the start of the month in
    // progress (at most 31 days back) as well as at now; a day more covers clock skew against Redis. Before
    // its first entry the table says UTC, so a table starting at now - 1 day put a month's (or, with the
    // store's clock behind this one, a day's) local midnight an offset off.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto transitions =
        Policy::timezoneTransitions(policy.timezone(), now - 32 * DayMs, now + 5 * 366 * DayMs);
    if (transitions.isEmpty())
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("/timezone: no UTC offsets known for %1").arg(policy.timezone()));
    QJsonArray tz;
    for (const auto& [fromMs, offsetS] : transitions)
        tz.append(QJsonArray{fromMs, offsetS});
    try {
        const QJsonObject reply =
            m_script
                .run("publish", {QByteArray::number(expectedVersion), policy.toJson(),
                                 QJsonDocument(tz).toJson(QJsonDocument::Compact), comment.toUtf8(), action})
                .toObject();
        return reply.value(QLatin1String("version")).toInteger();
    } catch (const StoreError& e) {
        if (e.kind() != StoreError::Kind::Conflict)
            throw;
        throw StoreError(
            StoreError::Kind::Conflict,
            QStringLiteral("%1: someone else published in the meantime; reload and retry").arg(e.message()));
    }
}

QList<PolicyVersion> PolicyStore::history(bool withDocuments)
{
    const QString key = m_script.prefix() + QStringLiteral("policy:history");
    const RedisReply reply = m_script.connection().call({"LRANGE", key.toUtf8(), "0", "-1"});
    QList<PolicyVersion> out;
    const auto& items = reply.toArray(key);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString where = QStringLiteral("%1[%2]").arg(key).arg(i);
        out << versionFromJson(items[i].toBytes(where), where, withDocuments);
    }
    return out;
}

PolicyVersion PolicyStore::version(qint64 version)
{
    const QString key = m_script.prefix() + QStringLiteral("policy:history");
    const RedisReply reply = m_script.connection().call({"LRANGE", key.toUtf8(), "0", "-1"});
    const auto& items = reply.toArray(key);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString where = QStringLiteral("%1[%2]").arg(key).arg(i);
        PolicyVersion v = versionFromJson(items[i].toBytes(where), where, true);
        if (v.version == version)
            return v;
    }
    throw StoreError(StoreError::Kind::NotFound,
                     QStringLiteral("policy version %1 is not in %2 (it keeps the last 100 versions)")
                         .arg(version)
                         .arg(key));
}

qint64 PolicyStore::rollback(qint64 targetVersion, const QString& comment)
{
    const PolicyVersion old = version(targetVersion);
    const qint64 currentVersion = current().version;
    const QString text = comment.isEmpty()
                             ? QStringLiteral("rollback to version %1").arg(targetVersion)
                             : QStringLiteral("rollback to version %1: %2").arg(targetVersion).arg(comment);
    return publishAs(old.document, currentVersion, text, "policy.rollback");
}

int PolicyStore::resetCounters(const QString& subject, const QString& comment)
{
    const QJsonObject reply = m_script.run("reset", {subject.toUtf8(), comment.toUtf8()}).toObject();
    return reply.value(QLatin1String("deleted")).toInt();
}

void PolicyStore::setLoadFactor(const QString& tier, double factor, qint64 durationSeconds,
                                const QString& comment)
{
    m_script.run("load", {tier.toUtf8(), QByteArray::number(factor, 'g', 17),
                          QByteArray::number(durationSeconds), comment.toUtf8()});
}

} // namespace quotadesk
