#include "PolicyDiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

#include <algorithm>

namespace quotadesk {

namespace {

const QString Arrow = QStringLiteral(" → ");
const QString None = QStringLiteral("(none)");

QString orNone(const QString& s)
{
    return s.isEmpty() ? None : s;
}

QString expiryText(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : None;
}

QString limitText(const PolicyLimit& l)
{
    QString text = QString::number(l.limit);
    if (l.burst != 0)
        text += QStringLiteral(" (burst %1)").arg(l.burst);
    if (l.expiresAt.isValid())
        text += QStringLiteral(" until %1").arg(expiryText(l.expiresAt));
    return text;
}

QString jsonText(const QJsonValue& v)
{
    if (v.isUndefined())
        return None;
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString optionalText(const std::optional<qint64>& v)
{
    return v ? QString::number(*v) : None;
}

QString modeText(PolicyTier::StoreUnavailable mode)
{
    return mode == PolicyTier::StoreUnavailable::FailOpen ? QStringLiteral("fail_open")
                                                          : QStringLiteral("fail_closed");
}

// Collects changes for one entity, all prefixed the same way ("tier free: ...").
class ChangeList
{
public:
    ChangeList(QList<PolicyChange>* out, PolicyChange::Scope scope, QString name, QString label)
        : m_out(out), m_scope(scope), m_name(std::move(name)), m_label(std::move(label))
    {}

    void whole(const QString& what) { m_out->append({m_scope, m_name, m_label + QLatin1Char(' ') + what}); }
    void detail(const QString& text)
    {
        m_out->append({m_scope, m_name, m_label + QStringLiteral(": ") + text});
    }

    void field(const QString& what, const QString& before, const QString& after)
    {
        if (before != after)
            detail(what + QLatin1Char(' ') + before + Arrow + after);
    }

    void limits(const QList<PolicyLimit>& before, const QList<PolicyLimit>& after)
    {
        auto find = [](const QList<PolicyLimit>& list, const QString& key) -> const PolicyLimit* {
            for (const PolicyLimit& l : list)
                if (l.key() == key)
                    return &l;
            return nullptr;
        };
        for (const PolicyLimit& b : before) {
            const PolicyLimit* a = find(after, b.key());
            if (!a) {
                detail(QStringLiteral("%1 limit removed (was %2)").arg(b.key(), limitText(b)));
                continue;
            }
            if (a->limit != b.limit)
                detail(QStringLiteral("%1 %2").arg(b.key()).arg(b.limit) + Arrow + QString::number(a->limit));
            if (a->burst != b.burst)
                detail(QStringLiteral("%1 burst %2").arg(b.key()).arg(b.burst) + Arrow +
                       QString::number(a->burst));
            if (a->expiresAt != b.expiresAt)
                detail(QStringLiteral("%1 expiry %2").arg(b.key(), expiryText(b.expiresAt)) + Arrow +
                       expiryText(a->expiresAt));
        }
        for (const PolicyLimit& a : after)
            if (!find(before, a.key()))
                detail(QStringLiteral("%1 limit %2 added").arg(a.key(), limitText(a)));
    }

private:
    QList<PolicyChange>* m_out;
    PolicyChange::Scope m_scope;
    QString m_name;
    QString m_label;
};

// Pairs entities of both policies by name, in name order, and hands each pair (either may be null) to f.
template <typename T, typename F>
void pairUp(const QList<T>& before, const QList<T>& after, QString T::*nameField, F f)
{
    QMap<QString, QPair<const T*, const T*>> byName;
    for (const T& b : before)
        byName[b.*nameField].first = &b;
    for (const T& a : after)
        byName[a.*nameField].second = &a;
    for (auto it = byName.cbegin(); it != byName.cend(); ++it)
        f(it.key(), it.value().first, it.value().second);
}

void diffTier(QList<PolicyChange>* out, const QString& name, const PolicyTier* b, const PolicyTier* a)
{
    ChangeList changes(out, PolicyChange::Scope::Tier, name, QStringLiteral("tier ") + name);
    if (!a)
        return changes.whole(QStringLiteral("removed"));
    if (!b)
        return changes.whole(QStringLiteral("added"));
    changes.limits(b->limits, a->limits);
    changes.field(QStringLiteral("on_store_unavailable"), modeText(b->onStoreUnavailable),
                  modeText(a->onStoreUnavailable));
    changes.field(QStringLiteral("emergency budget requests"), optionalText(b->emergencyRequests),
                  optionalText(a->emergencyRequests));
    changes.field(QStringLiteral("emergency budget tokens"), optionalText(b->emergencyTokens),
                  optionalText(a->emergencyTokens));
    QStringList keys = b->attributes.keys() + a->attributes.keys();
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (const QString& key : keys)
        changes.field(QStringLiteral("attribute ") + key, jsonText(b->attributes.value(key)),
                      jsonText(a->attributes.value(key)));
}

void diffGroup(QList<PolicyChange>* out, const QString& name, const PolicyGroup* b, const PolicyGroup* a)
{
    ChangeList changes(out, PolicyChange::Scope::Group, name, QStringLiteral("group ") + name);
    if (!a)
        return changes.whole(QStringLiteral("removed"));
    if (!b)
        return changes.whole(QStringLiteral("added"));
    changes.field(QStringLiteral("parent"), orNone(b->parent), orNone(a->parent));
    changes.limits(b->limits, a->limits);
}

void diffSubject(QList<PolicyChange>* out, const QString& id, const PolicySubject* b, const PolicySubject* a)
{
    ChangeList changes(out, PolicyChange::Scope::Subject, id, QStringLiteral("subject ") + id);
    if (!a)
        return changes.whole(QStringLiteral("removed (back to the default tier, no group, no overrides)"));
    if (!b)
        return changes.whole(QStringLiteral("added"));
    const QString defaultTier = QStringLiteral("(default tier)");
    changes.field(QStringLiteral("tier"), b->tier.isEmpty() ? defaultTier : b->tier,
                  a->tier.isEmpty() ? defaultTier : a->tier);
    changes.field(QStringLiteral("group"), orNone(b->group), orNone(a->group));
    changes.limits(b->limits, a->limits);
}

void diffLoadRule(QList<PolicyChange>* out, const QString& name, const LoadRule* b, const LoadRule* a)
{
    ChangeList changes(out, PolicyChange::Scope::LoadRule, name, QStringLiteral("load rule ") + name);
    if (!a)
        return changes.whole(QStringLiteral("removed"));
    if (!b)
        return changes.whole(QStringLiteral("added"));
    const QString sep = QStringLiteral(", ");
    changes.field(QStringLiteral("tiers"), b->tiers.join(sep), a->tiers.join(sep));
    changes.field(QStringLiteral("signal"), b->signal, a->signal);
    changes.field(QStringLiteral("engage_above"), QString::number(b->engageAbove),
                  QString::number(a->engageAbove));
    changes.field(QStringLiteral("release_below"), QString::number(b->releaseBelow),
                  QString::number(a->releaseBelow));
    changes.field(QStringLiteral("factor"), QString::number(b->factor), QString::number(a->factor));
}

} // namespace

QList<PolicyChange> PolicyDiff::compute(const Policy& before, const Policy& after)
{
    QList<PolicyChange> out;
    auto policyField = [&out](const QString& what, const QString& b, const QString& a) {
        if (b != a)
            out.append({PolicyChange::Scope::Policy, QString(), what + QLatin1Char(' ') + b + Arrow + a});
    };
    policyField(QStringLiteral("schema"), QString::number(before.schema()), QString::number(after.schema()));
    policyField(QStringLiteral("timezone"), before.timezone(), after.timezone());
    policyField(QStringLiteral("default tier"), before.defaultTier(), after.defaultTier());

    pairUp(before.tiers(), after.tiers(), &PolicyTier::name,
           [&out](const QString& n, const PolicyTier* b, const PolicyTier* a) { diffTier(&out, n, b, a); });
    pairUp(
        before.groups(), after.groups(), &PolicyGroup::name,
        [&out](const QString& n, const PolicyGroup* b, const PolicyGroup* a) { diffGroup(&out, n, b, a); });
    pairUp(before.subjects(), after.subjects(), &PolicySubject::id,
           [&out](const QString& n, const PolicySubject* b, const PolicySubject* a) {
               diffSubject(&out, n, b, a);
           });
    pairUp(before.loadRules(), after.loadRules(), &LoadRule::name,
           [&out](const QString& n, const LoadRule* b, const LoadRule* a) { diffLoadRule(&out, n, b, a); });
    return out;
}

} // namespace quotadesk
