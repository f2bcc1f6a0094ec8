#include "SubjectWalk.h"

#include "RedisConnection.h"
#include "StoreError.h"
#include "UsageReader.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace quotadesk {

namespace {

StoreError malformed(const QString& where, const QString& why)
{
    return StoreError(StoreError::Kind::Protocol, QStringLiteral("%1: %2").arg(where, why));
}

const RedisReply& checked(const RedisReply& reply, const QString& key)
{
    RedisConnection::throwIfError(reply, key);
    return reply;
}

QStringList idsOf(const RedisReply& reply, const QString& key)
{
    QStringList out;
    for (const RedisReply& id : checked(reply, key).toArray(key))
        out.append(QString::fromUtf8(id.toBytes(key)));
    return out;
}

} // namespace

SubjectWalk SubjectWalk::byId(const QStringList& prefixes, bool descending)
{
    SubjectWalk w;
    w.m_prefixes = prefixes.isEmpty() ? QStringList{QString()} : prefixes;
    w.m_descending = descending;
    return w;
}

SubjectWalk SubjectWalk::byRanking(const QString& metric, bool descending)
{
    SubjectWalk w;
    w.m_metric = metric;
    w.m_descending = descending;
    return w;
}

QString SubjectWalk::rankingKey(UsageReader& reader, const QString& metric)
{
    const QString name = reader.prefix() + QStringLiteral("policy:compiled");
    const QString where = name + QStringLiteral(" field meta");
    const RedisReply meta = reader.connection().call({"HGET", name.toUtf8(), "meta"});
    UsageReader::TzTable tz;
    if (!meta.isNil()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(meta.toBytes(where), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            throw malformed(where, QStringLiteral("expected a JSON object"));
        tz = UsageReader::tzTable(doc.object().value(QLatin1String("tz")), where + QStringLiteral(".tz"));
    }
    const qint64 start = UsageReader::periodStart(QStringLiteral("day"), reader.nowMs(), tz);
    return reader.prefix() + QStringLiteral("top:%1:day:%2").arg(metric).arg(start);
}

QList<SubjectWalk::Range> SubjectWalk::ranges(UsageReader& reader) const
{
    const QString key = reader.prefix() + QStringLiteral("subjects");
    const QByteArray k = key.toUtf8();
    if (m_prefixes == QStringList{QString()})
        return {{0, checked(reader.connection().call({"ZCARD", k}), key).toInteger(key)}};
    // Ids below the prefix give its first rank; ids from "[prefix" to "[prefix\xff" are the range (0xFF
    // never occurs in UTF-8).
    QList<RedisConnection::Command> commands;
    for (const QString& prefix : m_prefixes) {
        const QByteArray p = prefix.toUtf8();
        commands.append({"ZLEXCOUNT", k, "-", QByteArray("(") + p});
        commands.append({"ZLEXCOUNT", k, QByteArray("[") + p, QByteArray("[") + p + char(0xff)});
    }
    const QList<RedisReply> replies = reader.connection().pipeline(commands);
    QList<Range> out;
    for (qsizetype i = 0; i + 1 < replies.size(); i += 2)
        out.append({checked(replies[i], key).toInteger(key), checked(replies[i + 1], key).toInteger(key)});
    std::sort(out.begin(), out.end(), [](const Range& a, const Range& b) { return a.start < b.start; });
    return out;
}

qint64 SubjectWalk::count(UsageReader& reader) const
{
    if (!m_metric.isEmpty()) {
        const QString key = rankingKey(reader, m_metric);
        return checked(reader.connection().call({"ZCARD", key.toUtf8()}), key).toInteger(key);
    }
    qint64 total = 0;
    for (const Range& r : ranges(reader))
        total += r.size;
    return total;
}

SubjectWalk::Slice SubjectWalk::read(UsageReader& reader, qint64 first, int rows) const
{
    if (first < 0 || rows <= 0)
        return {count(reader), {}};
    return m_metric.isEmpty() ? readIndex(reader, first, rows) : readRanking(reader, first, rows);
}

SubjectWalk::Slice SubjectWalk::readRanking(UsageReader& reader, qint64 first, int rows) const
{
    const QString key = rankingKey(reader, m_metric);
    const QByteArray k = key.toUtf8();
    const QList<RedisReply> replies =
        reader.connection().pipeline({{"ZCARD", k},
                                      {m_descending ? "ZREVRANGE" : "ZRANGE", k, QByteArray::number(first),
                                       QByteArray::number(first + rows - 1)}});
    return {checked(replies.at(0), key).toInteger(key), idsOf(replies.at(1), key)};
}

SubjectWalk::Slice SubjectWalk::readIndex(UsageReader& reader, qint64 first, int rows) const
{
    const QList<Range> parts = ranges(reader);
    Slice slice;
    for (const Range& r : parts)
        slice.total += r.size;
    if (first >= slice.total)
        return slice;
    const qint64 last = std::min(slice.total, first + rows) - 1;
    // Positions in ascending order over the concatenated ranges; a descending walk counts from the end.
    const qint64 low = m_descending ? slice.total - 1 - last : first;
    const qint64 high = m_descending ? slice.total - 1 - first : last;
    const QString key = reader.prefix() + QStringLiteral("subjects");
    QList<RedisConnection::Command> commands;
    qint64 offset = 0;
    for (const Range& r : parts) {
        const qint64 from = std::max(low, offset), to = std::min(high, offset + r.size - 1);
        if (from <= to)
            commands.append({"ZRANGE", key.toUtf8(), QByteArray::number(r.start + from - offset),
                             QByteArray::number(r.start + to - offset)});
        offset += r.size;
    }
    for (const RedisReply& reply : reader.connection().pipeline(commands))
        slice.ids.append(idsOf(reply, key));
    if (m_descending)
        std::reverse(slice.ids.begin(), slice.ids.end());
    return slice;
}

} // namespace quotadesk
