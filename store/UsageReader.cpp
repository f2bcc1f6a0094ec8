#include "UsageReader.h"

#include "StoreError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace quotadesk {

namespace {

constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 hourMs = 60 * minuteMs;
constexpr qint64 dayMs = 24 * hourMs;

StoreError malformed(const QString& where, const QString& why)
{
    return StoreError(StoreError::Kind::Protocol, QStringLiteral("%1: %2").arg(where, why));
}

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

// Howard Hinnant's civil calendar algorithms: days since 1970-01-01 <-> year/month/day.
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

void civilFromDays(qint64 z, qint64& y, unsigned& m, unsigned& d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = qint64(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

// The local wall-clock start (as if UTC) of the period containing `local`, and of the next one.
void localPeriod(const QString& window, qint64 local, qint64& start, qint64& next)
{
    const qint64 days = floorDiv(local, dayMs);
    if (window == QLatin1String("day")) {
        start = days * dayMs;
        next = start + dayMs;
        return;
    }
    qint64 y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    start = daysFromCivil(y, m, 1) * dayMs;
    next = (m == 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1)) * dayMs;
}

// Local wall-clock time -> UTC, with the offset in force at that instant (a DST gap resolves forward).
qint64 localToUtc(qint64 local, const UsageReader::TzTable& tz)
{
    qint64 utc = local - qint64(UsageReader::utcOffsetAt(tz, local)) * 1000;
    utc = local - qint64(UsageReader::utcOffsetAt(tz, utc)) * 1000;
    return utc;
}

QJsonObject parseObject(const QByteArray& bytes, const QString& where)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        throw malformed(
            where,
            QStringLiteral("invalid JSON at offset %1: %2").arg(error.offset).arg(error.errorString()));
    if (!doc.isObject())
        throw malformed(where, QStringLiteral("expected a JSON object"));
    return doc.object();
}

qint64 integerField(const QJsonObject& o, const QString& name, const QString& where, bool required)
{
    const QJsonValue v = o.value(name);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            throw malformed(where, QStringLiteral("missing \"%1\"").arg(name));
        return 0;
    }
    if (!v.isDouble())
        throw malformed(where + QLatin1Char('.') + name, QStringLiteral("expected a number"));
    // Qt reads 1e999 as infinity; casting that (or anything past 2^53) to qint64 is undefined.
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::abs(d) > 9007199254740992.0)
        throw malformed(where + QLatin1Char('.') + name, QStringLiteral("expected a finite number"));
    return qint64(std::floor(d));
}

QString stringField(const QJsonObject& o, const QString& name, const QString& where)
{
    const QJsonValue v = o.value(name);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isString())
        throw malformed(where + QLatin1Char('.') + name, QStringLiteral("expected a string"));
    return v.toString();
}

QList<LimitUsage> parseLimits(const QJsonObject& o, const QString& where, const QString& source)
{
    QList<LimitUsage> out;
    const QJsonValue v = o.value(QLatin1String("limits"));
    if (v.isUndefined() || v.isNull())
        return out;
    // cjson encodes an empty Lua table as {}, so accept an empty object as "no limits".
    if (v.isObject() && v.toObject().isEmpty())
        return out;
    if (!v.isArray())
        throw malformed(where + QStringLiteral(".limits"), QStringLiteral("expected an array"));
    const QJsonArray limits = v.toArray();
    for (qsizetype i = 0; i < limits.size(); ++i) {
        const QString at = QStringLiteral("%1.limits[%2]").arg(where).arg(i);
        if (!limits[i].isObject())
            throw malformed(at, QStringLiteral("expected an object"));
        const QJsonObject l = limits[i].toObject();
        LimitUsage u;
        u.metric = stringField(l, QStringLiteral("metric"), at);
        if (u.metric.isEmpty())
            throw malformed(at, QStringLiteral("missing \"metric\""));
        u.window = stringField(l, QStringLiteral("window"), at);
        if (u.metric != QLatin1String("concurrency") && u.window.isEmpty())
            throw malformed(at, QStringLiteral("missing \"window\""));
        u.limit = integerField(l, QStringLiteral("limit"), at, true);
        u.burst = integerField(l, QStringLiteral("burst"), at, false);
        u.expiresAtMs = integerField(l, QStringLiteral("expires_at"), at, false);
        u.source = source;
        out.append(u);
    }
    return out;
}

double parseDouble(const RedisReply& reply, const QString& where)
{
    const QByteArray bytes = reply.toBytes(where);
    bool ok = false;
    const double value = bytes.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        throw malformed(
            where, QStringLiteral("expected a number, got \"%1\"").arg(QString::fromUtf8(bytes.left(40))));
    return value;
}

qint64 optionalInteger(const RedisReply& reply, const QString& where)
{
    if (reply.isNil())
        return 0;
    // Counters are integers, but a Lua script may have written a float representation such as "12.0".
    return qint64(std::floor(parseDouble(reply, where)));
}

} // namespace

struct UsageReader::Policy
{
    struct Group
    {
        QString parent;
        QList<LimitUsage> limits;
    };
    struct Subject
    {
        QString tier;
        QString group;
        QList<LimitUsage> limits;
    };
    qint64 version = -1;
    QString defaultTier;
    TzTable tz;
    QMap<QString, QList<LimitUsage>> tiers;
    QMap<QString, Group> groups;
    QHash<QString, Subject> subjects;

    // A subject's tier (its own, else the default) and group, as acquire.lua resolves them.
    SubjectUsage placement(const QString& id) const
    {
        SubjectUsage s;
        s.id = id;
        const auto entry = subjects.constFind(id);
        if (entry != subjects.constEnd()) {
            s.tier = entry->tier;
            s.group = entry->group;
        }
        if (s.tier.isEmpty())
            s.tier = defaultTier;
        return s;
    }
};

UsageReader::UsageReader(RedisConnection& connection, QString prefix)
    : m_connection(connection), m_prefix(std::move(prefix))
{}

UsageReader::~UsageReader() = default;

qint64 UsageReader::nowMs()
{
    const auto replies = m_connection.pipeline({{"TIME"}, {"GET", key(QStringLiteral("clock:offset_ms"))}});
    const QString where = QStringLiteral("TIME");
    const auto& time = replies[0].toArray(where);
    if (time.size() != 2)
        throw malformed(where, QStringLiteral("expected two elements"));
    const qint64 ms = time[0].toInteger(where) * 1000 + time[1].toInteger(where) / 1000;
    return ms + optionalInteger(replies[1], m_prefix + QStringLiteral("clock:offset_ms"));
}

qint64 UsageReader::policyVersion()
{
    const QString name = m_prefix + QStringLiteral("policy:version");
    const RedisReply reply = m_connection.call({"GET", name.toUtf8()});
    return reply.isNil() ? 0 : reply.toInteger(name);
}

const UsageReader::Policy& UsageReader::policy()
{
    const qint64 version = policyVersion();
    if (m_policy && m_policy->version == version)
        return *m_policy;
    auto p = std::make_unique<Policy>();
    p->version = version;
    const QString name = m_prefix + QStringLiteral("policy:compiled");
    const QList<RedisReply> fields = m_connection.call({"HGETALL", name.toUtf8()}).toArray(name);
    for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
        const QString field = QString::fromUtf8(fields[i].toBytes(name));
        if (field == QLatin1String("plan") || field.startsWith(QLatin1String("plan:")))
            continue; // acquire.lua's text form of the same policy
        const QString where = QStringLiteral("%1 field %2").arg(name, field);
        const QJsonObject o = parseObject(fields[i + 1].toBytes(where), where);
        if (field == QLatin1String("meta")) {
            p->defaultTier = stringField(o, QStringLiteral("default_tier"), where);
            p->tz = tzTable(o.value(QLatin1String("tz")), where + QStringLiteral(".tz"));
        } else if (field.startsWith(QLatin1String("tier:"))) {
            p->tiers.insert(field.mid(5), parseLimits(o, where, field));
        } else if (field.startsWith(QLatin1String("group:"))) {
            p->groups.insert(field.mid(6),
                             {stringField(o, QStringLiteral("parent"), where), parseLimits(o, where, field)});
        } else if (field.startsWith(QLatin1String("subject:"))) {
            p->subjects.insert(field.mid(8), {stringField(o, QStringLiteral("tier"), where),
                                              stringField(o, QStringLiteral("group"), where),
                                              parseLimits(o, where, QStringLiteral("override"))});
        }
    }
    m_policy = std::move(p);
    return *m_policy;
}

UsageReader::TzTable UsageReader::tzTable(const QJsonValue& value, const QString& where)
{
    TzTable tz;
    if (value.isUndefined() || (value.isObject() && value.toObject().isEmpty()))
        return tz;
    if (!value.isArray())
        throw malformed(where, QStringLiteral("expected an array"));
    const QJsonArray entries = value.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonArray e = entries[i].toArray();
        if (e.size() != 2 || !e[0].isDouble() || !e[1].isDouble())
            throw malformed(QStringLiteral("%1[%2]").arg(where).arg(i),
                            QStringLiteral("expected [from_ms, offset_s]"));
        tz.append({qint64(e[0].toDouble()), int(e[1].toDouble())});
    }
    return tz;
}

int UsageReader::utcOffsetAt(const TzTable& tz, qint64 utcMs)
{
    int offset = 0;
    for (const auto& [from, seconds] : tz) {
        if (from > utcMs)
            break;
        offset = seconds;
    }
    return offset;
}

qint64 UsageReader::periodStart(const QString& window, qint64 nowMs, const TzTable& tz)
{
    if (window == QLatin1String("minute"))
        return floorDiv(nowMs, minuteMs) * minuteMs;
    qint64 start, next;
    localPeriod(window, nowMs + qint64(utcOffsetAt(tz, nowMs)) * 1000, start, next);
    return localToUtc(start, tz);
}

qint64 UsageReader::periodEnd(const QString& window, qint64 nowMs, const TzTable& tz)
{
    if (window == QLatin1String("minute"))
        return floorDiv(nowMs, minuteMs) * minuteMs + minuteMs;
    qint64 start, next;
    localPeriod(window, nowMs + qint64(utcOffsetAt(tz, nowMs)) * 1000, start, next);
    return localToUtc(next, tz);
}

qint64 UsageReader::slidingWindowMs(const QString& window)
{
    if (window == QLatin1String("second"))
        return 1000;
    if (window == QLatin1String("minute"))
        return minuteMs;
    if (window == QLatin1String("hour"))
        return hourMs;
    return 0;
}

QHash<QString, double> UsageReader::loadFactors(qint64 now)
{
    QHash<QString, double> out;
    const QString name = m_prefix + QStringLiteral("load");
    const QList<RedisReply> fields = m_connection.call({"HGETALL", name.toUtf8()}).toArray(name);
    for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
        const QString tier = QString::fromUtf8(fields[i].toBytes(name));
        const QString where = QStringLiteral("%1 field %2").arg(name, tier);
        const QJsonObject o = parseObject(fields[i + 1].toBytes(where), where);
        const QJsonValue f = o.value(QLatin1String("factor"));
        if (!f.isDouble() || f.toDouble() < 0)
            throw malformed(where + QStringLiteral(".factor"), QStringLiteral("expected a number >= 0"));
        const QJsonValue until = o.value(QLatin1String("until"));
        if (until.isDouble() && qint64(until.toDouble()) <= now)
            continue; // lapsed, as acquire.lua sees it
        out.insert(tier, f.toDouble());
    }
    return out;
}

FleetTotals UsageReader::fleetTotals()
{
    FleetTotals t;
    t.nowMs = nowMs();
    t.policyVersion = policyVersion();
    const qint64 current = floorDiv(t.nowMs, minuteMs) * minuteMs;
    const double previousWeight = 1.0 - double(t.nowMs - current) / double(minuteMs);
    const QByteArray fields[] = {"fleet|r", "fleet|t", "fleet|d", "fleet|g"};
    auto hmget = [&](qint64 minute) {
        return RedisConnection::Command{
            "HMGET", key(QStringLiteral("ts:m:%1").arg(minute)), fields[0], fields[1], fields[2], fields[3]};
    };
    const QString concKey = m_prefix + QStringLiteral("conc:fleet");
    const auto replies =
        m_connection.pipeline({hmget(current),
                               hmget(current - minuteMs),
                               // Expired leases stay in the set until the next acquire: count live ones.
                               {"ZCOUNT", concKey.toUtf8(), QByteArray::number(t.nowMs), "+inf"},
                               {"ZCARD", key(QStringLiteral("subjects"))}});
    double values[4] = {0, 0, 0, 0};
    for (int m = 0; m < 2; ++m) {
        const QString where = m_prefix + QStringLiteral("ts:m:%1").arg(m == 0 ? current : current - minuteMs);
        const auto& row = replies[m].toArray(where);
        for (int f = 0; f < 4 && f < row.size(); ++f) {
            if (!row[f].isNil())
                values[f] +=
                    parseDouble(row[f], where + QStringLiteral(" field ") + QString::fromLatin1(fields[f])) *
                    (m == 0 ? 1.0 : previousWeight);
        }
    }
    t.requestsPerMinute = values[0];
    t.tokensPerMinute = values[1];
    t.denialsPerMinute = values[2];
    t.gpuMsPerMinute = values[3];
    t.concurrent = replies[2].toInteger(concKey);
    t.subjects = replies[3].toInteger(m_prefix + QStringLiteral("subjects"));
    t.gateways = gateways();
    return t;
}

QList<GatewayInfo> UsageReader::gateways()
{
    QList<GatewayInfo> out;
    const QString name = m_prefix + QStringLiteral("gateways");
    const QList<RedisReply> fields = m_connection.call({"HGETALL", name.toUtf8()}).toArray(name);
    for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
        const QString id = QString::fromUtf8(fields[i].toBytes(name));
        const QString where = QStringLiteral("%1 field %2").arg(name, id);
        const QJsonObject o = parseObject(fields[i + 1].toBytes(where), where);
        GatewayInfo g;
        g.id = id;
        g.host = stringField(o, QStringLiteral("host"), where);
        g.pid = integerField(o, QStringLiteral("pid"), where, false);
        const QJsonValue version = o.value(QLatin1String("version"));
        g.version = version.isDouble() ? QString::number(qint64(version.toDouble())) : version.toString();
        const QJsonValue dps = o.value(QLatin1String("dps"));
        g.decisionsPerSecond = dps.isDouble() ? dps.toDouble() : 0;
        g.seenMs = integerField(o, QStringLiteral("seen"), where, true);
        out.append(g);
    }
    std::sort(out.begin(), out.end(), [](const GatewayInfo& a, const GatewayInfo& b) { return a.id < b.id; });
    return out;
}

QHash<QString, QList<SeriesPoint>> UsageReader::series(const QStringList& entities, Metric metric,
                                                       qint64 fromMs, qint64 toMs)
{
    const bool minutes = usesMinutes(toMs - fromMs);
    const qint64 step = minutes ? minuteMs : hourMs;
    const QString family = minutes ? QStringLiteral("ts:m:") : QStringLiteral("ts:h:");
    QList<qint64> buckets;
    for (qint64 b = floorDiv(fromMs, step) * step; b <= toMs; b += step)
        buckets.append(b);
    QList<RedisConnection::Command> commands;
    commands.reserve(buckets.size());
    for (qint64 b : buckets) {
        RedisConnection::Command cmd{"HMGET", key(family + QString::number(b))};
        for (const QString& e : entities)
            cmd.append((e + QLatin1Char('|') + QLatin1Char(char(metric))).toUtf8());
        commands.append(cmd);
    }
    QHash<QString, QList<SeriesPoint>> out;
    if (entities.isEmpty())
        return out;
    const QList<RedisReply> replies = m_connection.pipeline(commands);
    for (qsizetype i = 0; i < buckets.size(); ++i) {
        const QString where = m_prefix + family + QString::number(buckets[i]);
        const auto& row = replies[i].toArray(where);
        for (qsizetype e = 0; e < entities.size() && e < row.size(); ++e) {
            const double v =
                row[e].isNil() ? 0.0 : parseDouble(row[e], where + QStringLiteral(" field ") + entities[e]);
            out[entities[e]].append({buckets[i], v});
        }
    }
    return out;
}

QList<TopEntry> UsageReader::top(const QString& metric, const QString& window, int count, qint64 offset,
                                 bool ascending)
{
    const qint64 now = nowMs();
    const qint64 start = periodStart(window, now, policy().tz);
    const QString name = m_prefix + QStringLiteral("top:%1:%2:%3").arg(metric, window).arg(start);
    const QList<RedisReply> items =
        m_connection
            .call({ascending ? "ZRANGE" : "ZREVRANGE", name.toUtf8(), QByteArray::number(offset),
                   QByteArray::number(offset + std::max(1, count) - 1), "WITHSCORES"})
            .toArray(name);
    QList<TopEntry> out;
    for (qsizetype i = 0; i + 1 < items.size(); i += 2)
        out.append({QString::fromUtf8(items[i].toBytes(name)), optionalInteger(items[i + 1], name)});
    return out;
}

qint64 UsageReader::subjectCount()
{
    const QString name = m_prefix + QStringLiteral("subjects");
    return m_connection.call({"ZCARD", name.toUtf8()}).toInteger(name);
}

QStringList UsageReader::subjectsPage(const QString& prefix, const QString& after, int count, bool descending)
{
    // 0xFF never occurs in UTF-8, so "[prefix\xff" is above every id that starts with the prefix.
    const QByteArray p = prefix.toUtf8();
    const QByteArray low =
        after.isEmpty() || descending ? QByteArray("[") + p : QByteArray("(") + after.toUtf8();
    const QByteArray high =
        after.isEmpty() || !descending ? QByteArray("[") + p + char(0xff) : QByteArray("(") + after.toUtf8();
    const QString name = m_prefix + QStringLiteral("subjects");
    const RedisConnection::Command cmd =
        descending
            ? RedisConnection::Command{"ZREVRANGEBYLEX",         name.toUtf8(), high, low, "LIMIT", "0",
                                       QByteArray::number(count)}
            : RedisConnection::Command{
                  "ZRANGEBYLEX", name.toUtf8(), low, high, "LIMIT", "0", QByteArray::number(count)};
    QStringList out;
    const QList<RedisReply> ids = m_connection.call(cmd).toArray(name);
    for (const RedisReply& r : ids)
        out.append(QString::fromUtf8(r.toBytes(name)));
    return out;
}

void UsageReader::fillUsage(const QString& entity, QList<LimitUsage>& limits, qint64 now, const TzTable& tz,
                            QList<RedisConnection::Command>& commands,
                            QList<std::function<void(const RedisReply&)>>& handlers)
{
    for (LimitUsage& l : limits) {
        LimitUsage* target = &l;
        if (l.metric == QLatin1String("concurrency")) {
            const QString name = m_prefix + QStringLiteral("conc:") + entity;
            commands.append({"ZCOUNT", name.toUtf8(), QByteArray::number(now), "+inf"});
            handlers.append([target, name](const RedisReply& r) { target->used = r.toInteger(name); });
        } else if (l.isCalendar()) {
            const qint64 start = periodStart(l.window, now, tz);
            l.periodEndMs = periodEnd(l.window, now, tz);
            const QString name =
                m_prefix + QStringLiteral("cnt:%1:%2:%3:%4").arg(entity, l.metric, l.window).arg(start);
            commands.append({"GET", name.toUtf8()});
            handlers.append([target, name](const RedisReply& r) { target->used = optionalInteger(r, name); });
        } else {
            const qint64 windowMs = slidingWindowMs(l.window);
            // An unknown window would divide by zero below; the scripts refuse it as bad_policy too.
            if (windowMs <= 0)
                throw malformed(m_prefix +
                                    QStringLiteral("policy:compiled limit %1 of %2").arg(l.metric, entity),
                                QStringLiteral("unknown window %1").arg(l.window.left(100)));
            const QString name = m_prefix + QStringLiteral("tb:%1:%2:%3").arg(entity, l.metric, l.window);
            commands.append({"HMGET", name.toUtf8(), "t", "ts"});
            handlers.append([target, name, windowMs, now](const RedisReply& r) {
                // acquire.lua keeps the bucket in units of 1/W token (W = window ms) so refill is exact.
                const auto& tts = r.toArray(name);
                const double capacity = double(target->limit + target->burst) * double(windowMs);
                double units = capacity; // no bucket: it is full
                if (tts.size() == 2 && !tts[0].isNil()) {
                    const double t0 = parseDouble(tts[0], name + QStringLiteral(" field t"));
                    const double ts = parseDouble(tts[1], name + QStringLiteral(" field ts"));
                    units = std::min(capacity, t0 + std::max(0.0, double(now) - ts) * double(target->limit));
                }
                const qint64 remaining = qint64(std::floor(units / double(windowMs)));
                target->used = target->limit + target->burst - remaining;
            });
        }
    }
}

void UsageReader::runPipeline(const QList<RedisConnection::Command>& commands,
                              const QList<std::function<void(const RedisReply&)>>& handlers)
{
    const QList<RedisReply> replies = m_connection.pipeline(commands);
    for (qsizetype i = 0; i < replies.size(); ++i) {
        if (replies[i].isError())
            RedisConnection::throwIfError(replies[i], QString::fromUtf8(commands[i].value(1)));
        handlers[i](replies[i]);
    }
}

QList<SubjectUsage> UsageReader::subjectUsage(const QStringList& ids)
{
    const Policy& p = policy();
    const qint64 now = nowMs();
    const QHash<QString, double> factors = loadFactors(now);
    QList<SubjectUsage> out;
    out.reserve(ids.size());
    for (const QString& id : ids) {
        SubjectUsage s = p.placement(id);
        s.limits = p.tiers.value(s.tier);
        if (const auto entry = p.subjects.constFind(id); entry != p.subjects.constEnd()) {
            for (const LimitUsage& o : entry->limits) {
                if (o.expiresAtMs != 0 && o.expiresAtMs <= now)
                    continue; // a lapsed override: the tier limit applies again
                auto same = std::find_if(s.limits.begin(), s.limits.end(), [&](const LimitUsage& l) {
                    return l.metric == o.metric && l.window == o.window;
                });
                if (same != s.limits.end())
                    *same = o;
                else
                    s.limits.append(o);
            }
        }
        const double factor = factors.value(s.tier, 1.0);
        if (factor != 1.0) {
            for (LimitUsage& l : s.limits) {
                // The epsilon is acquire.lua's: 100 * 0.29 must stay 29.
                l.limit = qint64(std::floor(double(l.limit) * factor + 1e-9));
                l.burst = qint64(std::floor(double(l.burst) * factor + 1e-9));
            }
        }
        out.append(s);
    }
    // All reads in one round trip; handlers point into `out`, which no longer changes size.
    QList<RedisConnection::Command> commands;
    QList<std::function<void(const RedisReply&)>> handlers;
    const QString denials =
        m_prefix + QStringLiteral("top:denials:day:%1").arg(periodStart(QStringLiteral("day"), now, p.tz));
    for (SubjectUsage& s : out) {
        fillUsage(s.id, s.limits, now, p.tz, commands, handlers);
        commands.append({"ZSCORE", denials.toUtf8(), s.id.toUtf8()});
        SubjectUsage* target = &s;
        handlers.append(
            [target, denials](const RedisReply& r) { target->denialsToday = optionalInteger(r, denials); });
    }
    runPipeline(commands, handlers);
    return out;
}

QList<SubjectUsage> UsageReader::placements(const QStringList& ids)
{
    const Policy& p = policy();
    QList<SubjectUsage> out;
    out.reserve(ids.size());
    for (const QString& id : ids)
        out.append(p.placement(id));
    return out;
}

QList<GroupUsage> UsageReader::groups()
{
    const Policy& p = policy();
    const qint64 now = nowMs();
    QList<GroupUsage> out;
    QHash<QString, QStringList> members;
    for (auto it = p.subjects.constBegin(); it != p.subjects.constEnd(); ++it) {
        if (!it->group.isEmpty())
            members[it->group].append(it.key());
    }
    // Parents before children: repeatedly take groups whose parent is already placed (or unknown).
    QStringList pending = p.groups.keys();
    QSet<QString> placed;
    while (!pending.isEmpty()) {
        const qsizetype before = pending.size();
        for (auto it = pending.begin(); it != pending.end();) {
            const QString parent = p.groups.value(*it).parent;
            if (parent.isEmpty() || placed.contains(parent) || !p.groups.contains(parent)) {
                GroupUsage g;
                g.name = *it;
                g.parent = p.groups.contains(parent) ? parent : QString();
                g.limits = p.groups.value(*it).limits;
                g.members = members.value(*it);
                g.members.sort();
                out.append(g);
                placed.insert(*it);
                it = pending.erase(it);
            } else {
                ++it;
            }
        }
        if (pending.size() == before)
            throw malformed(
                m_prefix + QStringLiteral("policy:compiled"),
                QStringLiteral("group parents form a cycle: %1").arg(pending.join(QStringLiteral(", "))));
    }
    QList<RedisConnection::Command> commands;
    QList<std::function<void(const RedisReply&)>> handlers;
    for (GroupUsage& g : out)
        fillUsage(QStringLiteral("group:") + g.name, g.limits, now, p.tz, commands, handlers);
    runPipeline(commands, handlers);
    return out;
}

QStringList UsageReader::tierNames()
{
    return policy().tiers.keys();
}

QStringList UsageReader::groupNames()
{
    return policy().groups.keys();
}

} // namespace quotadesk
