#include "LoadState.h"

#include "LivePolicy.h"
#include "Policy.h"
#include "StoreError.h"
#include "UsageReader.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace quotadesk {

namespace {
QJsonObject object(const QByteArray& json, const QString& where)
{
    QJsonParseError error;
    const QJsonDocument d = QJsonDocument::fromJson(json, &error);
    if (!d.isObject())
        throw StoreError(StoreError::Kind::Protocol,
                         QStringLiteral("%1: not a JSON object (%2)").arg(where, error.errorString()));
    return d.object();
}
} // namespace

LoadState LoadState::read(UsageReader& reader)
{
    LoadState s;
    s.nowMs = reader.nowMs();
    s.tiers = reader.tierNames();
    const PolicyVersion live = LivePolicy::read(reader);
    if (live.version > 0) {
        QList<PolicyIssue> issues;
        s.rules = Policy::parse(live.document, &issues).loadRules();
    }
    const QString loadKey = reader.prefix() + QStringLiteral("load");
    const QList<RedisReply> load = reader.connection().call({"HGETALL", loadKey.toUtf8()}).toArray(loadKey);
    for (qsizetype i = 0; i + 1 < load.size(); i += 2) {
        Factor f;
        f.tier = QString::fromUtf8(load[i].toBytes(loadKey));
        const QString where = QStringLiteral("%1 field %2").arg(loadKey, f.tier);
        const QJsonObject o = object(load[i + 1].toBytes(where), where);
        if (!o.value(QLatin1String("factor")).isDouble())
            throw StoreError(StoreError::Kind::Protocol, where + QStringLiteral(": factor is not a number"));
        f.factor = o.value(QLatin1String("factor")).toDouble();
        f.source = o.value(QLatin1String("source")).toString();
        f.sinceMs = o.value(QLatin1String("since")).toInteger();
        f.untilMs = o.value(QLatin1String("until")).toInteger();
        if (f.untilMs == 0 || f.untilMs > s.nowMs) // a lapsed override no longer applies
            s.factors.append(f);
    }
    const QString gwKey = reader.prefix() + QStringLiteral("gateways");
    const QList<RedisReply> gws = reader.connection().call({"HGETALL", gwKey.toUtf8()}).toArray(gwKey);
    for (qsizetype i = 0; i + 1 < gws.size(); i += 2) {
        const QString where =
            QStringLiteral("%1 field %2").arg(gwKey, QString::fromUtf8(gws[i].toBytes(gwKey)));
        const QJsonObject o = object(gws[i + 1].toBytes(where), where);
        if (s.nowMs - o.value(QLatin1String("seen")).toInteger() > 30'000)
            continue;
        const QJsonObject signalObject = o.value(QLatin1String("signals")).toObject();
        for (auto it = signalObject.begin(); it != signalObject.end(); ++it) {
            if (it.value().isDouble())
                s.signalValues[it.key()] =
                    qMax(s.signalValues.value(it.key(), it.value().toDouble()), it.value().toDouble());
        }
    }
    return s;
}

QString LoadState::describe(const Factor& f) const
{
    const auto time = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    };
    if (f.source.startsWith(QLatin1String("operator:")))
        return QObject::tr("operator %1%2")
            .arg(f.source.mid(9), f.untilMs ? QObject::tr(" until %1").arg(time(f.untilMs)) : QString());
    if (f.source.startsWith(QLatin1String("rule:"))) {
        const QString name = f.source.mid(5);
        for (const LoadRule& r : rules) {
            if (r.name == name)
                return QObject::tr("rule %1: %2 above %3 (releases below %4)")
                    .arg(name, r.signal)
                    .arg(r.engageAbove)
                    .arg(r.releaseBelow);
        }
        return QObject::tr("rule %1").arg(name);
    }
    return f.source;
}

} // namespace quotadesk
