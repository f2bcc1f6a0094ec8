#include "PolicyDiff.h"
#include "TestMain.h"

#include <QFile>
#include <QJsonArray>

using namespace quotadesk;

namespace {

const QByteArray Base = R"({
  "schema": 1, "timezone": "UTC", "default_tier": "free",
  "tiers": {
    "free": {"limits": [{"metric": "requests", "window": "minute", "limit": 10, "burst": 5},
                        {"metric": "tokens", "window": "day", "limit": 100000},
                        {"metric": "concurrency", "limit": 1}]},
    "pro": {"limits": [{"metric": "requests", "window": "minute", "limit": 100}],
            "on_store_unavailable": "fail_open", "emergency_budget": {"requests": 20}}
  },
  "groups": {"research": {}, "engineering": {}, "nlp": {"parent": "research"}},
  "subjects": {"user:alice": {"tier": "pro", "group": "nlp"}, "client:webapp": {"tier": "pro"}},
  "attributes": {"free": {"memory_limit_mb": 2048}},
  "load_rules": [{"name": "latency", "tiers": ["free"], "signal": "upstream_latency_ms",
                  "engage_above": 2000, "release_below": 1000, "factor": 0.5}]
})";

Policy parsed(const QByteArray& json)
{
    QList<PolicyIssue> issues;
    const Policy p = Policy::parse(json, &issues);
    if (!issues.isEmpty())
        qFatal("test policy invalid: %s", qPrintable(issues[0].toString()));
    return p;
}

PolicyTier& tierOf(Policy& p, const QString& name)
{
    for (PolicyTier& t : p.tiers())
        if (t.name == name)
            return t;
    qFatal("no tier %s", qPrintable(name));
}

PolicySubject& subjectOf(Policy& p, const QString& id)
{
    for (PolicySubject& s : p.subjects())
        if (s.id == id)
            return s;
    qFatal("no subject %s", qPrintable(id));
}

QStringList texts(const QList<PolicyChange>& changes)
{
    QStringList out;
    for (const PolicyChange& c : changes)
        out << c.text;
    return out;
}

} // namespace

class TestPolicyDiff final : public QObject
{
    Q_OBJECT

private slots:
    void identicalPoliciesHaveNoChanges()
    {
        const Policy p = parsed(Base);
        QVERIFY(PolicyDiff::compute(p, p).isEmpty());
        QFile f(QFINDTESTDATA("../resources/policies/sample.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const Policy sample = parsed(f.readAll());
        QVERIFY(PolicyDiff::compute(sample, parsed(sample.toJson())).isEmpty());
    }

    void tierLimitChange()
    {
        const Policy before = parsed(Base);
        Policy after = before;
        tierOf(after, "free").limits[0].limit = 20;
        const auto changes = PolicyDiff::compute(before, after);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes[0].text, QStringLiteral("tier free: requests/minute 10 → 20"));
        QCOMPARE(changes[0].scope, PolicyChange::Scope::Tier);
        QCOMPARE(changes[0].name, QStringLiteral("free"));
    }

    void subjectTierChange()
    {
        const Policy before = parsed(Base);
        Policy after = before;
        subjectOf(after, "user:alice").tier = "free";
        const auto changes = PolicyDiff::compute(before, after);
        QCOMPARE(changes, (QList<PolicyChange>{{PolicyChange::Scope::Subject, "user:alice",
                                                "subject user:alice: tier pro → free"}}));
    }

    void groupParentChange()
    {
        Policy before = parsed(Base);
        Policy after = before;
        for (PolicyGroup& g : after.groups())
            if (g.name == "nlp")
                g.parent = "engineering";
        const auto changes = PolicyDiff::compute(before, after);
        QCOMPARE(changes, (QList<PolicyChange>{{PolicyChange::Scope::Group, "nlp",
                                                "group nlp: parent research → engineering"}}));
    }

    void tierRemovedAndAdded()
    {
        const Policy before = parsed(Base);
        Policy after = before;
        after.tiers().removeIf([](const PolicyTier& t) { return t.name == "pro"; });
        PolicyTier gold;
        gold.name = "gold";
        after.tiers().append(gold);
        subjectOf(after, "user:alice").tier = "gold";
        subjectOf(after, "client:webapp").tier.clear();
        QVERIFY2(after.validate().isEmpty(), qPrintable(after.validate().value(0).toString()));
        QCOMPARE(texts(PolicyDiff::compute(before, after)),
                 QStringList({"tier gold added", "tier pro removed",
                              "subject client:webapp: tier pro → (default tier)",
                              "subject user:alice: tier pro → gold"}));
    }

    // Every kind of change at once, in the documented order: policy, tiers, groups, subjects, load rules.
    void everyKindOfChange()
    {
        const Policy before = parsed(Base);
        Policy after = before;
        after.setTimezone("Europe/Berlin");
        after.setDefaultTier("pro");
        PolicyTier& free = tierOf(after, "free");
        free.limits[0].burst = 0;
        free.limits.removeAt(1); // tokens/day
        free.limits.append({"gpu_seconds", "month", 3600, 0, {}});
        free.attributes["memory_limit_mb"] = 4096;
        free.attributes["models"] = QJsonArray{"llama"};
        PolicyTier& pro = tierOf(after, "pro");
        pro.onStoreUnavailable = PolicyTier::StoreUnavailable::FailClosed;
        pro.emergencyRequests.reset();
        after.groups().append({"vision", "research", {{"tokens", "day", 500, 0, {}}}});
        subjectOf(after, "user:alice").group.clear();
        subjectOf(after, "user:alice")
            .limits.append({"tokens", "day", 9000, 0, QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC)});
        after.subjects().removeIf([](const PolicySubject& s) { return s.id == "client:webapp"; });
        after.subjects().append({"user:bob", "", "", {}});
        after.loadRules()[0].factor = 0.25;
        after.loadRules()[0].tiers << "pro";
        after.loadRules().append({"errors", {"free"}, "upstream_error_rate", 0.2, 0.05, 0.5});
        QVERIFY2(after.validate().isEmpty(), qPrintable(after.validate().value(0).toString()));

        const auto changes = PolicyDiff::compute(before, after);
        QCOMPARE(texts(changes),
                 QStringList({
                     "timezone UTC → Europe/Berlin",
                     "default tier free → pro",
                     "tier free: requests/minute burst 5 → 0",
                     "tier free: tokens/day limit removed (was 100000)",
                     "tier free: gpu_seconds/month limit 3600 added",
                     "tier free: attribute memory_limit_mb 2048 → 4096",
                     "tier free: attribute models (none) → [\"llama\"]",
                     "tier pro: on_store_unavailable fail_open → fail_closed",
                     "tier pro: emergency budget requests 20 → (none)",
                     "group vision added",
                     "subject client:webapp removed (back to the default tier, no group, no overrides)",
                     "subject user:alice: group nlp → (none)",
                     "subject user:alice: tokens/day limit 9000 until 2030-01-01T00:00:00Z added",
                     "subject user:bob added",
                     "load rule errors added",
                     "load rule latency: tiers free → free, pro",
                     "load rule latency: factor 0.5 → 0.25",
                 }));
        QCOMPARE(changes[0].scope, PolicyChange::Scope::Policy);
        QVERIFY(changes[0].name.isEmpty());
        QCOMPARE(changes[9].scope, PolicyChange::Scope::Group);
        QCOMPARE(changes[9].name, QStringLiteral("vision"));
        QCOMPARE(changes[12].scope, PolicyChange::Scope::Subject);
        QCOMPARE(changes[12].name, QStringLiteral("user:alice"));
        QCOMPARE(changes.last().scope, PolicyChange::Scope::LoadRule);
        QCOMPARE(changes.last().name, QStringLiteral("latency"));
    }

    void expiryChange()
    {
        const QByteArray json =
            R"({"schema": 1, "timezone": "UTC", "default_tier": "free", "tiers": {"free": {}},
            "subjects": {"user:a": {"limits": [{"metric": "tokens", "window": "day", "limit": 5,
                                                "expires_at": "2030-01-01T00:00:00Z"}]}}})";
        const Policy before = parsed(json);
        Policy after = before;
        subjectOf(after, "user:a").limits[0].expiresAt = {};
        subjectOf(after, "user:a").limits[0].limit = 6;
        QCOMPARE(texts(PolicyDiff::compute(before, after)),
                 QStringList({"subject user:a: tokens/day 5 → 6",
                              "subject user:a: tokens/day expiry 2030-01-01T00:00:00Z → (none)"}));
    }
};

QUOTADESK_TEST_MAIN(TestPolicyDiff)
#include "tst_PolicyDiff.moc"
