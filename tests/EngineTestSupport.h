#pragma once

// Test-local helpers for the engine tests: they write `P policy:compiled` exactly as
// docs/store-contract.md describes it, so these helpers are the contract under test.
#include "RedisConnection.h"
#include "ScriptRunner.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QString>

namespace quotadesk::enginetest {

inline QJsonObject limit(const QString& metric, const QString& window, qint64 value, qint64 burst = 0,
                         qint64 expiresAt = 0)
{
    QJsonObject l{{"metric", metric}, {"limit", value}};
    if (!window.isEmpty())
        l.insert("window", window);
    if (burst > 0)
        l.insert("burst", burst);
    if (expiresAt > 0)
        l.insert("expires_at", expiresAt);
    return l;
}

inline QJsonObject tier(const QJsonArray& limits, const QJsonObject& attributes = {})
{
    return {{"limits", limits}, {"attributes", attributes}, {"on_store_unavailable", "fail_closed"}};
}

inline QJsonObject group(const QJsonArray& limits, const QString& parent = {})
{
    QJsonObject g{{"limits", limits}};
    if (!parent.isEmpty())
        g.insert("parent", parent);
    return g;
}

inline QJsonObject subject(const QString& tierName, const QString& groupName = {},
                           const QJsonArray& limits = {})
{
    QJsonObject s{{"limits", limits}};
    if (!tierName.isEmpty())
        s.insert("tier", tierName);
    if (!groupName.isEmpty())
        s.insert("group", groupName);
    return s;
}

// Rebuilds the plan fields acquire.lua reads from the JSON fields of `P policy:compiled` (admin.lua replan).
inline QByteArray replan(RedisConnection& conn, const QString& prefix = QStringLiteral("qd:"))
{
    return ScriptRunner(conn, prefix)
        .run(QStringLiteral("admin"), {"replan", "tests", "tests@localhost"})
        .string;
}

// A compiled policy: fields "tier:<n>", "group:<n>", "subject:<id>" plus the meta built from the members.
struct TestPolicy
{
    qint64 version = 1;
    QString defaultTier = QStringLiteral("free");
    QJsonArray tz;        // [[from_ms, offset_s], ...]; empty = UTC
    QJsonArray loadRules; // meta.load_rules
    QMap<QString, QJsonObject> fields;

    void write(RedisConnection& conn, const QString& prefix = QStringLiteral("qd:")) const
    {
        QJsonObject meta{{"version", version}, {"default_tier", defaultTier}, {"tz", tz}};
        if (!loadRules.isEmpty())
            meta.insert("load_rules", loadRules);
        const QByteArray key = (prefix + QStringLiteral("policy:compiled")).toUtf8();
        RedisConnection::Command hset{"HSET", key, "meta",
                                      QJsonDocument(meta).toJson(QJsonDocument::Compact)};
        for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
            hset << it.key().toUtf8() << QJsonDocument(it.value()).toJson(QJsonDocument::Compact);
        }
        conn.call({"DEL", key});
        conn.call(hset);
        conn.call({"SET", (prefix + QStringLiteral("policy:version")).toUtf8(), QByteArray::number(version)});
        // acquire.lua reads the plan fields; admin.lua derives them from the JSON fields written above.
        const QByteArray reply = replan(conn, prefix);
        if (!reply.contains("\"ok\":true"))
            qFatal("replan failed: %s", reply.constData());
    }
};

// Redis' clock as the scripts see it (TIME + P clock:offset_ms).
inline qint64 storeNowMs(RedisConnection& conn, const QString& prefix = QStringLiteral("qd:"))
{
    const RedisReply t = conn.call({"TIME"});
    const RedisReply off = conn.call({"GET", (prefix + QStringLiteral("clock:offset_ms")).toUtf8()});
    return t.elements[0].string.toLongLong() * 1000 + t.elements[1].string.toLongLong() / 1000 +
           (off.isNil() ? 0 : off.string.toLongLong());
}

inline void setOffset(RedisConnection& conn, qint64 offsetMs, const QString& prefix = QStringLiteral("qd:"))
{
    conn.call({"SET", (prefix + QStringLiteral("clock:offset_ms")).toUtf8(), QByteArray::number(offsetMs)});
}

inline qint64 offset(RedisConnection& conn, const QString& prefix = QStringLiteral("qd:"))
{
    const RedisReply off = conn.call({"GET", (prefix + QStringLiteral("clock:offset_ms")).toUtf8()});
    return off.isNil() ? 0 : off.string.toLongLong();
}

// Moves the store clock by deltaMs.
inline void advance(RedisConnection& conn, qint64 deltaMs, const QString& prefix = QStringLiteral("qd:"))
{
    setOffset(conn, offset(conn, prefix) + deltaMs, prefix);
}

// Sets the store clock so that it reads `targetMs` now (give or take the milliseconds the test takes).
inline void setStoreTime(RedisConnection& conn, qint64 targetMs,
                         const QString& prefix = QStringLiteral("qd:"))
{
    setOffset(conn, 0, prefix);
    setOffset(conn, targetMs - storeNowMs(conn, prefix), prefix);
}

// Sets the store clock to 12:00 UTC today. A test that counts "today" then sees one day whenever it runs:
// run across midnight, day counters split in two and a forecast "within the day" has seconds left.
inline void setStoreTimeToNoon(RedisConnection& conn, const QString& prefix = QStringLiteral("qd:"))
{
    constexpr qint64 dayMs = 86400000;
    const qint64 now = storeNowMs(conn, prefix);
    setStoreTime(conn, now - now % dayMs + dayMs / 2, prefix);
}

inline qint64 utcMs(const char* isoUtc)
{
    return QDateTime::fromString(QString::fromLatin1(isoUtc), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

inline qint64 counter(RedisConnection& conn, const QByteArray& key)
{
    const RedisReply r = conn.call({"GET", key});
    return r.isNil() ? 0 : r.string.toLongLong();
}

} // namespace quotadesk::enginetest
