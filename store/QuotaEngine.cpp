#include "QuotaEngine.h"

#include "StoreError.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSysInfo>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace quotadesk {

namespace {
using json = nlohmann::json;

// nlohmann parses iteratively but copies, compares and dumps recursively, so a value nested 100,000 deep
// (hostile data in Redis) parses fine and then overflows the stack. Nothing the engine reads legitimately
// comes near this depth (Policy::parse refuses documents deeper than 64), so deeper input is refused here.
constexpr int MaxJsonDepth = 100;

struct TooDeep
{};

// Like json::parse(..., allow_exceptions = false): a discarded value for invalid JSON; *tooDeep (if given)
// tells the nesting limit apart.
json parseBounded(const QByteArray& text, bool* tooDeep = nullptr)
{
    if (tooDeep)
        *tooDeep = false;
    try {
        return json::parse(
            text.constData(), text.constData() + text.size(),
            [](int depth, json::parse_event_t event, json&) {
                if ((event == json::parse_event_t::object_start ||
                     event == json::parse_event_t::array_start) &&
                    depth >= MaxJsonDepth)
                    throw TooDeep{};
                return true;
            },
            false);
    } catch (const TooDeep&) {
        if (tooDeep)
            *tooDeep = true;
        return json(json::value_t::discarded);
    }
}

QString str(const json& j, const char* key)
{
    auto it = j.find(key);
    return (it != j.end() && it->is_string()) ? QString::fromStdString(it->get<std::string>()) : QString();
}

qint64 integer(const json& j, const char* key)
{
    auto it = j.find(key);
    return (it != j.end() && it->is_number()) ? static_cast<qint64>(std::llround(it->get<double>())) : 0;
}

double number(const json& j, const char* key, double fallback)
{
    auto it = j.find(key);
    return (it != j.end() && it->is_number()) ? it->get<double>() : fallback;
}

// An emergency-budget bound from the cached policy: a non-negative integer, else unbounded (the validator
// refuses anything else at publish time; this only keeps a hand-edited store from crashing the engine).
qint64 bound(const json& budget, const char* key)
{
    auto it = budget.find(key);
    if (it != budget.end() && it->is_number_integer() && it->get<qint64>() >= 0)
        return it->get<qint64>();
    return std::numeric_limits<qint64>::max();
}

LimitStatus limitFrom(const json& j)
{
    LimitStatus s;
    s.entity = str(j, "entity");
    s.metric = str(j, "metric");
    s.window = str(j, "window");
    s.limit = integer(j, "limit");
    s.burst = integer(j, "burst");
    s.used = integer(j, "used");
    s.remaining = integer(j, "remaining");
    return s;
}

StoreError::Kind kindOfCode(const QString& code)
{
    if (code == QLatin1String("unknown_lease"))
        return StoreError::Kind::NotFound;
    if (code == QLatin1String("lease_expired"))
        return StoreError::Kind::Conflict;
    if (code == QLatin1String("bad_argument"))
        return StoreError::Kind::Invalid;
    if (code == QLatin1String("bad_policy") || code == QLatin1String("bad_data"))
        return StoreError::Kind::Protocol;
    return StoreError::Kind::Script;
}

QByteArray userId(const QString& name, const QString& kind)
{
    const QString prefix = kind + QLatin1Char(':');
    return (name.startsWith(prefix) ? name : prefix + name).toUtf8();
}

QByteArray gpuMs(double seconds)
{
    return QByteArray::number(static_cast<qint64>(std::llround(seconds * 1000.0)));
}
} // namespace

QuotaEngine::QuotaEngine(RedisConnection& connection, QString prefix, QString gatewayId)
    : m_scripts(connection, std::move(prefix)), m_gatewayId(std::move(gatewayId))
{
    m_sinceHeartbeat.start();
}

QByteArray QuotaEngine::runChecked(const QString& script, const QList<QByteArray>& args, bool allowNoPolicy)
{
    m_lastCode.clear();
    const RedisReply reply = m_scripts.run(script, args);
    RedisConnection::throwIfError(reply, script);
    const QByteArray raw = reply.toBytes(script);
    const json j = parseBounded(raw);
    if (!j.is_object())
        throw StoreError(
            StoreError::Kind::Protocol,
            QStringLiteral("%1: reply is not a JSON object: %2").arg(script, QString::fromUtf8(raw)));
    if (j.contains("error")) {
        const QString code = str(j, "code");
        m_lastCode = code;
        if (!(allowNoPolicy && code == QLatin1String("no_policy")))
            throw StoreError(kindOfCode(code),
                             QStringLiteral("%1: %2 (%3)").arg(script, str(j, "error"), code));
    }
    return raw;
}

Decision QuotaEngine::acquire(const QString& user, const QString& client, const Reservation& reserve,
                              int leaseTtlMs)
{
    if (reserve.tokens < 0 || reserve.gpuSeconds < 0 || !std::isfinite(reserve.gpuSeconds))
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("acquire: negative or invalid reservation"));
    const QByteArray userKey = userId(user, QStringLiteral("user"));
    const QByteArray clientKey = client.isEmpty() ? QByteArray() : userId(client, QStringLiteral("client"));
    if (!m_local)
        return acquireFromStore(userKey, clientKey, reserve, leaseTtlMs);
    // Backing off: do not even touch the socket, so the decision is immediate.
    if (m_retryAt && !m_retryAt->hasExpired())
        return decideLocally(userKey, clientKey, reserve, QStringLiteral("store unreachable: backing off"));
    Decision d;
    try {
        if (!m_unreported.isEmpty())
            reportLocalDecisions();
        if (m_cachedPolicy.isEmpty())
            refreshPolicy();
        d = acquireFromStore(userKey, clientKey, reserve, leaseTtlMs);
    } catch (const StoreError& e) {
        if (e.kind() == StoreError::Kind::Unreachable || e.kind() == StoreError::Kind::Timeout) {
            noteStoreFailure();
            return decideLocally(userKey, clientKey, reserve,
                                 QStringLiteral("store unreachable: ") + e.message());
        }
        if (m_lastCode == QLatin1String("bad_policy")) {
            // The store answers but its policy is broken: keep deciding by the last good one.
            m_policyProblem = e.message();
            qWarning("QuotaEngine %s: %s; deciding locally with cached policy version %lld",
                     qPrintable(m_gatewayId), qPrintable(e.message()), m_cachedVersion);
            return decideLocally(userKey, clientKey, reserve,
                                 QStringLiteral("store policy unusable: ") + e.message());
        }
        throw;
    }
    m_retryAt.reset();
    m_backoffMs = 0;
    if (d.policyVersion > 0 && d.policyVersion != m_cachedVersion) {
        // The decision stands even if the refresh fails; the next call retries it.
        try {
            refreshPolicy();
        } catch (const StoreError& e) {
            if (e.kind() == StoreError::Kind::Unreachable || e.kind() == StoreError::Kind::Timeout)
                noteStoreFailure();
        }
    }
    return d;
}

Decision QuotaEngine::acquireFromStore(const QByteArray& user, const QByteArray& client,
                                       const Reservation& reserve, int leaseTtlMs)
{
    const QByteArray raw =
        runChecked(QStringLiteral("acquire"),
                   {user, client, QByteArray::number(reserve.tokens), gpuMs(reserve.gpuSeconds),
                    QByteArray::number(leaseTtlMs), m_gatewayId.toUtf8()},
                   true);
    Decision d = parseAcquireReply(raw);
    ++m_decisions;
    if (d.policyVersion > 0)
        m_lastPolicyVersion = d.policyVersion;
    if (d.admitted)
        ++m_admitted;
    return d;
}

Decision QuotaEngine::parseAcquireReply(const QByteArray& raw)
{
    const json j = parseBounded(raw);
    if (!j.is_object())
        throw StoreError(
            StoreError::Kind::Protocol,
            QStringLiteral("acquire: reply is not a JSON object: %1").arg(QString::fromUtf8(raw.left(200))));
    Decision d;
    d.raw = raw;
    // json::value() throws on a type mismatch; a reply is untrusted, so anything but `true` means denied.
    if (auto it = j.find("admitted"); it != j.end() && it->is_boolean())
        d.admitted = it->get<bool>();
    d.code = str(j, "code");
    d.policyVersion = integer(j, "version");
    if (auto it = j.find("limits"); it != j.end() && it->is_array()) {
        for (const json& l : *it) {
            if (l.is_object())
                d.limits.append(limitFrom(l));
        }
    }
    if (d.admitted) {
        d.leaseId = str(j, "lease");
        d.expiresMs = integer(j, "expires");
        if (auto it = j.find("attributes"); it != j.end() && it->is_object()) {
            const QByteArray text = QByteArray::fromStdString(it->dump());
            d.attributes = QJsonDocument::fromJson(text).object();
        }
        if (auto it = j.find("factor"); it != j.end() && it->is_object()) {
            d.userFactor = number(*it, "user", 1);
            d.clientFactor = number(*it, "client", 1);
        }
        return d;
    }
    if (auto it = j.find("denied_by"); it != j.end() && it->is_object()) {
        d.deniedBy = limitFrom(*it);
        d.retryAfterSeconds = number(j, "retry_after", 0);
        const QString window = d.deniedBy.window.isEmpty() ? QString() : QLatin1Char('/') + d.deniedBy.window;
        d.reason = QStringLiteral("%1 %2%3 limit %4 reached")
                       .arg(d.deniedBy.entity, d.deniedBy.metric, window)
                       .arg(d.deniedBy.limit);
    } else {
        d.reason = str(j, "error");
    }
    return d;
}

void QuotaEngine::settle(const QString& leaseId, const Reservation& actual)
{
    if (actual.tokens < 0 || actual.gpuSeconds < 0 || !std::isfinite(actual.gpuSeconds))
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("settle %1: negative or invalid actual usage").arg(leaseId));
    // A fail-open admission holds nothing in the store; its reservation was counted in the local budget.
    if (m_local && leaseId.startsWith(QLatin1String("local:")))
        return;
    runChecked(QStringLiteral("settle"),
               {leaseId.toUtf8(), QByteArray::number(actual.tokens), gpuMs(actual.gpuSeconds)});
}

void QuotaEngine::release(const QString& leaseId)
{
    settle(leaseId, Reservation{});
}

double QuotaEngine::decisionsPerSecond() const
{
    const double seconds = m_sinceHeartbeat.elapsed() / 1000.0;
    return seconds > 0 ? (m_decisions - m_decisionsAtHeartbeat) / seconds : 0.0;
}

qint64 QuotaEngine::foldUsage()
{
    // heartbeat.lua with no gateway id only folds: no gateway is recorded, no load rule evaluated.
    const json j = parseBounded(runChecked(QStringLiteral("heartbeat"), {QByteArray()}));
    const auto it = j.find("usage_folded");
    return it != j.end() && it->is_number_integer() ? it->get<qint64>() : 0;
}

QHash<QString, double> QuotaEngine::heartbeat(const QJsonObject& gatewaySignals)
{
    const QByteArray dps = QByteArray::number(decisionsPerSecond(), 'f', 2);
    QJsonObject signalsOut = gatewaySignals;
    if (m_local) {
        // Totals since start, so the console sees outages even if the series report is still pending.
        signalsOut.insert(QStringLiteral("fail_open_admissions"), m_failOpen);
        signalsOut.insert(QStringLiteral("fail_closed_denials"), m_failClosed);
    }
    const QByteArray raw =
        runChecked(QStringLiteral("heartbeat"), {m_gatewayId.toUtf8(), QSysInfo::machineHostName().toUtf8(),
                                                 QByteArray::number(QCoreApplication::applicationPid()),
                                                 QByteArray::number(m_lastPolicyVersion), dps,
                                                 QJsonDocument(signalsOut).toJson(QJsonDocument::Compact)});
    m_decisionsAtHeartbeat = m_decisions;
    m_sinceHeartbeat.restart();
    const json j = parseBounded(raw); // runChecked saw an object
    QHash<QString, double> load;
    if (auto it = j.find("load"); it != j.end() && it->is_object()) {
        for (auto [tier, factor] : it->items()) {
            if (factor.is_number())
                load.insert(QString::fromStdString(tier), factor.get<double>());
        }
    }
    return load;
}

void QuotaEngine::enableLocalDecisions(const LocalDecisionOptions& options)
{
    m_local = options;
    m_scripts.connection().setTimeoutMs(options.commandTimeoutMs);
    m_scripts.connection().setConnectTimeoutMs(options.connectTimeoutMs);
    m_monotonic.start();
}

namespace {
// Checks what a local decision reads from a compiled field; returns the problem or an empty string.
QString checkCachedField(const QString& name, const json& v)
{
    if (!v.is_object())
        return QStringLiteral("not a JSON object");
    if (name == QLatin1String("meta")) {
        if (!v.contains("version") || !v["version"].is_number_integer() || v["version"].get<qint64>() < 1)
            return QStringLiteral("version is not an integer >= 1");
        if (v.contains("schema") && v["schema"] != json(1))
            return QStringLiteral("unknown schema %1 (this engine knows 1)")
                .arg(QString::fromStdString(v["schema"].dump()));
        if (!v.contains("default_tier") || !v["default_tier"].is_string())
            return QStringLiteral("default_tier is not a string");
    } else if (name.startsWith(QLatin1String("tier:"))) {
        if (auto it = v.find("on_store_unavailable"); it != v.end()) {
            if (*it != json("fail_open") && *it != json("fail_closed"))
                return QStringLiteral("on_store_unavailable is not fail_open or fail_closed");
        }
        if (auto it = v.find("emergency_budget"); it != v.end()) {
            if (!it->is_object())
                return QStringLiteral("emergency_budget is not an object");
            for (const char* k : {"requests", "tokens"}) {
                if (it->contains(k) && (!(*it)[k].is_number_integer() || (*it)[k].get<qint64>() < 0))
                    return QStringLiteral("emergency_budget.%1 is not an integer >= 0").arg(QLatin1String(k));
            }
        }
    } else if (name.startsWith(QLatin1String("subject:"))) {
        if (v.contains("tier") && !v["tier"].is_string())
            return QStringLiteral("tier is not a string");
    }
    return {};
}
} // namespace

bool QuotaEngine::refreshPolicy()
{
    const QString key = m_scripts.prefix() + QStringLiteral("policy:compiled");
    const RedisReply reply = m_scripts.connection().call({"HGETALL", key.toUtf8()});
    const QList<RedisReply>& items = reply.toArray(key);
    QHash<QString, json> fields;
    QString problem;
    for (qsizetype i = 0; i + 1 < items.size() && problem.isEmpty(); i += 2) {
        const QString name = QString::fromUtf8(items[i].string);
        if (name == QLatin1String("plan") || name.startsWith(QLatin1String("plan:")))
            continue; // acquire.lua's text form of the same policy
        const QByteArray& text = items[i + 1].string;
        bool tooDeep = false;
        json v = parseBounded(text, &tooDeep);
        const QString why = tooDeep ? QStringLiteral("nested deeper than %1 levels").arg(MaxJsonDepth)
                            : v.is_discarded() ? QStringLiteral("not valid JSON")
                                               : checkCachedField(name, v);
        if (!why.isEmpty())
            problem = QStringLiteral("%1 field %2: %3").arg(key, name.left(200), why);
        fields.emplace(name, std::move(v));
    }
    if (problem.isEmpty() && !fields.contains(QStringLiteral("meta")))
        problem = QStringLiteral("%1 has no meta field (nothing published)").arg(key);
    if (problem.isEmpty()) {
        const json& meta = fields[QStringLiteral("meta")];
        const QString tierName =
            QStringLiteral("tier:") + QString::fromStdString(meta["default_tier"].get<std::string>());
        if (!fields.contains(tierName))
            problem = QStringLiteral("%1 has no field %2 (meta.default_tier)").arg(key, tierName);
    }
    if (!problem.isEmpty()) {
        m_policyProblem = problem;
        qWarning("QuotaEngine %s: %s; keeping cached policy version %lld", qPrintable(m_gatewayId),
                 qPrintable(problem), m_cachedVersion);
        return false;
    }
    m_cachedVersion = fields[QStringLiteral("meta")]["version"].get<qint64>();
    m_cachedPolicy = std::move(fields);
    m_policyProblem.clear();
    return true;
}

const QuotaEngine::json* QuotaEngine::cachedField(const QString& name) const
{
    auto it = m_cachedPolicy.constFind(name);
    return it == m_cachedPolicy.constEnd() ? nullptr : &*it;
}

void QuotaEngine::noteStoreFailure()
{
    // Exponential backoff with jitter, so a fleet of gateways does not reconnect in lockstep.
    m_backoffMs = m_backoffMs == 0 ? m_local->backoffMinMs : std::min(m_backoffMs * 2, m_local->backoffMaxMs);
    const int delay = m_backoffMs / 2 + int(QRandomGenerator::global()->bounded(m_backoffMs / 2 + 1));
    m_retryAt = QDeadlineTimer(delay);
}

void QuotaEngine::count(const QByteArray& user, const QByteArray& client, char mark)
{
    QList<QByteArray> entities{user, "fleet"};
    if (!client.isEmpty())
        entities << client;
    for (const QByteArray& e : entities)
        ++m_unreported[e][mark];
    ++(mark == 'o' ? m_failOpen : m_failClosed);
}

qint64 QuotaEngine::unreportedLocalDecisions() const
{
    auto it = m_unreported.constFind("fleet");
    return it == m_unreported.constEnd() ? 0 : it->value('o') + it->value('x');
}

Decision QuotaEngine::decideLocally(const QByteArray& user, const QByteArray& client,
                                    const Reservation& reserve, const QString& why)
{
    ++m_decisions;
    Decision d;
    d.policyVersion = m_cachedVersion;
    d.code = QStringLiteral("store_unavailable");
    auto deny = [&](const QString& detail) {
        d.reason = why + QStringLiteral("; ") + detail;
        count(user, client, 'x');
        return d;
    };
    const json* meta = cachedField(QStringLiteral("meta"));
    if (!meta)
        return deny(QStringLiteral("no policy cached, so denied (fail_closed)"));
    QList<QPair<QByteArray, const json*>> tiers; // subject -> its tier field
    QStringList tierNames;
    for (const QByteArray& subject : {user, client}) {
        if (subject.isEmpty())
            continue;
        const json* s = cachedField(QStringLiteral("subject:") + QString::fromUtf8(subject));
        const std::string tier = (s && s->contains("tier")) ? (*s)["tier"].get<std::string>()
                                                            : (*meta)["default_tier"].get<std::string>();
        const QString tierName = QString::fromStdString(tier);
        const json* t = cachedField(QStringLiteral("tier:") + tierName);
        if (!t)
            return deny(QStringLiteral("tier %1 of %2 is not in the cached policy (fail_closed)")
                            .arg(tierName, QString::fromUtf8(subject)));
        if (t->value("on_store_unavailable", std::string("fail_closed")) != "fail_open")
            return deny(
                QStringLiteral("tier %1 of %2 is fail_closed").arg(tierName, QString::fromUtf8(subject)));
        tiers.append({subject, t});
        tierNames << tierName;
    }
    // Every subject's emergency budget must have room; an absent requests/tokens bound is unbounded.
    const qint64 minute = m_monotonic.elapsed() / 60000;
    for (qsizetype i = 0; i < tiers.size(); ++i) {
        Budget& b = m_budgets[tiers[i].first];
        if (b.minute != minute)
            b = Budget{minute, 0, 0};
        const auto found = tiers[i].second->find("emergency_budget");
        const json budget = (found != tiers[i].second->end() && found->is_object()) ? *found : json::object();
        const qint64 maxRequests = bound(budget, "requests");
        const qint64 maxTokens = bound(budget, "tokens");
        if (b.requests + 1 > maxRequests || b.tokens > maxTokens - reserve.tokens)
            return deny(
                QStringLiteral("emergency budget of %1 (tier %2: %3 requests, %4 tokens a minute) is used up")
                    .arg(QString::fromUtf8(tiers[i].first), tierNames[i])
                    .arg(budget.contains("requests") ? QString::number(maxRequests) : QStringLiteral("any"))
                    .arg(budget.contains("tokens") ? QString::number(maxTokens) : QStringLiteral("any")));
    }
    for (const auto& [subject, tier] : tiers) {
        Budget& b = m_budgets[subject];
        ++b.requests;
        b.tokens += reserve.tokens;
    }
    d.admitted = true;
    d.code = QStringLiteral("fail_open");
    d.reason = why + QStringLiteral("; admitted within the emergency budget (fail_open)");
    d.leaseId = QStringLiteral("local:%1").arg(++m_localLeaseSeq);
    if (auto it = tiers.first().second->find("attributes");
        it != tiers.first().second->end() && it->is_object())
        d.attributes = QJsonDocument::fromJson(QByteArray::fromStdString(it->dump())).object();
    ++m_admitted;
    count(user, client, 'o');
    return d;
}

void QuotaEngine::reportLocalDecisions()
{
    // Into the current store minute and hour: when exactly during the outage each happened is unknown to
    // the store, and the gateway's clock is not trusted.
    RedisConnection& conn = m_scripts.connection();
    const QString& p = m_scripts.prefix();
    const QList<RedisReply> clock =
        conn.pipeline({{"TIME"}, {"GET", (p + QStringLiteral("clock:offset_ms")).toUtf8()}});
    for (const RedisReply& r : clock)
        RedisConnection::throwIfError(r, QStringLiteral("TIME"));
    const QList<RedisReply>& t = clock[0].toArray(QStringLiteral("TIME"));
    if (t.size() != 2)
        throw StoreError(StoreError::Kind::Protocol, QStringLiteral("TIME: unexpected reply"));
    const qint64 now = t[0].string.toLongLong() * 1000 + t[1].string.toLongLong() / 1000 +
                       (clock[1].isNil() ? 0 : clock[1].string.toLongLong());
    const qint64 minute = now - now % 60000, hour = now - now % 3600000;
    const qint64 day = 86400000;
    const QByteArray tsm = (p + QStringLiteral("ts:m:%1").arg(minute)).toUtf8();
    const QByteArray tsh = (p + QStringLiteral("ts:h:%1").arg(hour)).toUtf8();
    QList<RedisConnection::Command> commands;
    for (auto it = m_unreported.cbegin(); it != m_unreported.cend(); ++it) {
        for (auto m = it->cbegin(); m != it->cend(); ++m) {
            const QByteArray field = it.key() + '|' + m.key();
            commands.append({"HINCRBY", tsm, field, QByteArray::number(m.value())});
            commands.append({"HINCRBY", tsh, field, QByteArray::number(m.value())});
        }
    }
    // The same retention as acquire.lua gives the series, set only on keys this created.
    commands.append({"PEXPIRE", tsm, QByteArray::number(minute + 60000 + 8 * day - now), "NX"});
    commands.append({"PEXPIRE", tsh, QByteArray::number(hour + 3600000 + 400 * day - now), "NX"});
    for (const RedisReply& r : conn.pipeline(commands))
        RedisConnection::throwIfError(r, QStringLiteral("reporting local decisions"));
    m_unreported.clear();
}

} // namespace quotadesk
