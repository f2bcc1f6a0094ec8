#include "QuotaEngine.h"

#include "StoreError.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSysInfo>

#include <nlohmann/json.hpp>

#include <cmath>

namespace quotadesk {

namespace {
using json = nlohmann::json;

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
    const RedisReply reply = m_scripts.run(script, args);
    RedisConnection::throwIfError(reply, script);
    const QByteArray raw = reply.toBytes(script);
    const json j = json::parse(raw.constData(), raw.constData() + raw.size(), nullptr, false);
    if (!j.is_object())
        throw StoreError(
            StoreError::Kind::Protocol,
            QStringLiteral("%1: reply is not a JSON object: %2").arg(script, QString::fromUtf8(raw)));
    if (j.contains("error")) {
        const QString code = str(j, "code");
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
    const QByteArray raw =
        runChecked(QStringLiteral("acquire"),
                   {userId(user, QStringLiteral("user")),
                    client.isEmpty() ? QByteArray() : userId(client, QStringLiteral("client")),
                    QByteArray::number(reserve.tokens), gpuMs(reserve.gpuSeconds),
                    QByteArray::number(leaseTtlMs), m_gatewayId.toUtf8()},
                   true);
    const json j = json::parse(raw.constData(), raw.constData() + raw.size());
    Decision d;
    d.raw = raw;
    d.admitted = j.value("admitted", false);
    d.code = str(j, "code");
    d.policyVersion = integer(j, "version");
    ++m_decisions;
    if (d.policyVersion > 0)
        m_lastPolicyVersion = d.policyVersion;
    if (auto it = j.find("limits"); it != j.end() && it->is_array()) {
        for (const json& l : *it)
            d.limits.append(limitFrom(l));
    }
    if (d.admitted) {
        ++m_admitted;
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

QHash<QString, double> QuotaEngine::heartbeat(const QJsonObject& gatewaySignals)
{
    const QByteArray dps = QByteArray::number(decisionsPerSecond(), 'f', 2);
    const QByteArray raw = runChecked(QStringLiteral("heartbeat"),
                                      {m_gatewayId.toUtf8(), QSysInfo::machineHostName().toUtf8(),
                                       QByteArray::number(QCoreApplication::applicationPid()),
                                       QByteArray::number(m_lastPolicyVersion), dps,
                                       QJsonDocument(gatewaySignals).toJson(QJsonDocument::Compact)});
    m_decisionsAtHeartbeat = m_decisions;
    m_sinceHeartbeat.restart();
    const json j = json::parse(raw.constData(), raw.constData() + raw.size());
    QHash<QString, double> load;
    if (auto it = j.find("load"); it != j.end() && it->is_object()) {
        for (auto [tier, factor] : it->items()) {
            if (factor.is_number())
                load.insert(QString::fromStdString(tier), factor.get<double>());
        }
    }
    return load;
}

} // namespace quotadesk
