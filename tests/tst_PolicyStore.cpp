// PolicyStore against a real redis-server: compare-and-set publishing, history, rollback, the compiled hash
// the engine reads, events, and NOSCRIPT recovery.
#include "Actor.h"
#include "LocalRedisServer.h"
#include "Policy.h"
#include "PolicyStore.h"
#include "RedisConnection.h"
#include "StoreError.h"
#include "TestMain.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QThread>

#include <atomic>

using namespace quotadesk;

namespace {
const QString Prefix = QStringLiteral("qd:");

QByteArray minimalPolicy(int requestsPerMinute)
{
    return QStringLiteral(R"({"schema": 1, "timezone": "UTC", "default_tier": "free",
        "tiers": {"free": {"limits": [{"metric": "requests", "window": "minute", "limit": %1},
                                      {"metric": "concurrency", "limit": 2}]}}})")
        .arg(requestsPerMinute)
        .toUtf8();
}

QByteArray canonical(const QByteArray& document)
{
    QList<PolicyIssue> issues;
    const Policy policy = Policy::parse(document, &issues);
    return issues.isEmpty() ? policy.toJson() : QByteArray();
}

QJsonObject object(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

// The contract's compiled form of one limit list, written independently of admin.lua.
QJsonArray expectedLimits(const QJsonArray& limits)
{
    QJsonArray out;
    for (const QJsonValue& v : limits) {
        QJsonObject l = v.toObject();
        if (l.value("metric").toString() == QLatin1String("gpu_seconds")) {
            l["limit"] = l.value("limit").toInteger() * 1000;
            if (l.contains("burst"))
                l["burst"] = l.value("burst").toInteger() * 1000;
        }
        if (l.contains("burst") && l.value("burst").toInteger() == 0)
            l.remove("burst");
        if (l.contains("expires_at"))
            l["expires_at"] = QDateTime::fromString(l.value("expires_at").toString(), Qt::ISODateWithMs)
                                  .toMSecsSinceEpoch();
        out.append(l);
    }
    return out;
}
} // namespace

class TestPolicyStore final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LocalRedisServer> m_server;

    Actor actor() const { return Actor(QStringLiteral("default"), QStringLiteral("tester@test")); }

private slots:
    void init()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanup() { m_server.reset(); }

    void publishFirstVersion()
    {
        RedisConnection conn(m_server->endpoint());
        PolicyStore store(conn, Prefix, actor());
        QCOMPARE(store.current().version, 0);
        QCOMPARE(store.publish(minimalPolicy(10), 0, QStringLiteral("first")), 1);
        const PolicyVersion current = store.current();
        QCOMPARE(current.version, 1);
        QCOMPARE(current.document, canonical(minimalPolicy(10)));
        QCOMPARE(current.actor, QStringLiteral("default"));
        QCOMPARE(current.osUser, QStringLiteral("tester@test"));
        QCOMPARE(current.comment, QStringLiteral("first"));
        QVERIFY(current.atMs > 0);
        QCOMPARE(conn.call({"GET", "qd:policy:version"}).string, QByteArray("1"));
    }

    void conflictNamesBothVersionsAndChangesNothing()
    {
        RedisConnection conn(m_server->endpoint());
        PolicyStore store(conn, Prefix, actor());
        store.publish(minimalPolicy(10), 0, {});
        store.publish(minimalPolicy(20), 1, {});
        try {
            store.publish(minimalPolicy(30), 1, {});
            QFAIL("a stale expected version was accepted");
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::Conflict);
            QVERIFY2(e.message().contains(QStringLiteral("version is 2, not the expected 1")),
                     qPrintable(e.message()));
        }
        QCOMPARE(store.current().version, 2);
        QCOMPARE(store.current().document, canonical(minimalPolicy(20)));
        QCOMPARE(store.history().size(), 2);
    }

    void twoPublishersRaceOneWins()
    {
        RedisConnection setup(m_server->endpoint());
        PolicyStore(setup, Prefix, actor()).publish(minimalPolicy(10), 0, {});
        for (int round = 0; round < 20; ++round) {
            const qint64 expected = PolicyStore(setup, Prefix, actor()).current().version;
            std::atomic<int> wins{0}, conflicts{0};
            QList<QByteArray> winners;
            QMutex mutex;
            auto publisher = [&](int limit) {
                RedisConnection conn(m_server->endpoint());
                PolicyStore store(conn, Prefix, actor());
                try {
                    store.publish(minimalPolicy(limit), expected, {});
                    ++wins;
                    QMutexLocker lock(&mutex);
                    winners << canonical(minimalPolicy(limit));
                } catch (const StoreError& e) {
                    if (e.kind() == StoreError::Kind::Conflict &&
                        e.message().contains(QStringLiteral("version is %1").arg(expected + 1)))
                        ++conflicts;
                }
            };
            std::unique_ptr<QThread> a(QThread::create(publisher, 100 + round));
            std::unique_ptr<QThread> b(QThread::create(publisher, 200 + round));
            a->start();
            b->start();
            QVERIFY(a->wait(10000) && b->wait(10000));
            QCOMPARE(wins.load(), 1);
            QCOMPARE(conflicts.load(), 1);
            const PolicyVersion now = PolicyStore(setup, Prefix, actor()).current();
            QCOMPARE(now.version, expected + 1);
            QCOMPARE(now.document, winners.constFirst());
        }
    }

    void largePolicyWithTenThousandSubjects()
    {
        // Every subject becomes one compiled field: far more than one Lua call can unpack at once.
        QByteArray doc = R"({"schema": 1, "timezone": "UTC", "default_tier": "free",
            "tiers": {"free": {"limits": [{"metric": "requests", "window": "day", "limit": 5}]}},
            "subjects": {)";
        for (int i = 0; i < 10000; ++i)
            doc += QByteArray(i ? "," : "") + "\"user:u" + QByteArray::number(i) + "\": {\"tier\": \"free\"}";
        doc += "}}";
        RedisConnection conn(m_server->endpoint());
        PolicyStore store(conn, Prefix, actor());
        QCOMPARE(store.publish(doc, 0, {}), 1);
        // subjects, tier:free and meta; then a plan per subject, plan and plan:default
        QCOMPARE(conn.call({"HLEN", "qd:policy:compiled"}).integer, 10000 + 2 + 10000 + 2);
        QVERIFY(!conn.call({"HGET", "qd:policy:compiled", "subject:user:u9999"}).isNil());
    }

    void historyKeepsTheLast100()
    {
        RedisConnection conn(m_server->endpoint());
        PolicyStore store(conn, Prefix, actor());
        for (int i = 1; i <= 105; ++i)
            QCOMPARE(store.publish(minimalPolicy(i), i - 1, QStringLiteral("v%1").arg(i)), i);
        QCOMPARE(conn.call({"LLEN", "qd:policy:history"}).integer, 100);
        const QList<PolicyVersion> history = store.history();
        QCOMPARE(history.size(), 100);
        QCOMPARE(history.first().version, 105);
        QCOMPARE(history.last().version, 6);
        QVERIFY(history.first().document.isEmpty());
        QCOMPARE(store.version(50).document, canonical(minimalPolicy(50)));
        QCOMPARE(store.version(50).comment, QStringLiteral("v50"));
        try {
            store.version(5);
            QFAIL("a trimmed version was found");
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::NotFound);
            QVERIFY2(e.message().contains(QStringLiteral("version 5")), qPrintable(e.message()));
        }
    }

    void rollbackRepublishesAnOldVersion()
    {
        RedisConnection conn(m_server->endpoint());
        PolicyStore store(conn, Prefix, actor());
        store.publish(minimalPolicy(10), 0, {});
        store.publish(minimalPolicy(20), 1, {});
        QCOMPARE(store.rollback(1, QStringLiteral("too generous")), 3);
        const PolicyVersion current = store.current();
        QCOMPARE(current.version, 3);
        QCOMPARE(current.document, canonical(minimalPolicy(10)));
        QCOMPARE(current.comment, QStringLiteral("rollback to version 1: too generous"));
        const QJsonObject tier = object(conn.call({"HGET", "qd:policy:compiled", "tier:free"}).string);
        QCOMPARE(tier.value("limits").toArray().at(0).toObject().value("limit").toInt(), 10);
        const auto fields =
            conn.call({"XREVRANGE", "qd:audit", "+", "-", "COUNT", "1"}).elements.at(0).elements.at(1);
        QCOMPARE(fields.elements.at(4).string, QByteArray("action"));
        QCOMPARE(fields.elements.at(5).string, QByteArray("policy.rollback"));
        QVERIFY_THROWS_EXCEPTION(StoreError, store.rollback(99, {}));
        QCOMPARE(store.current().version, 3);
    }

    void compiledHashMatchesTheContractForTheSample()
    {
        QFile file(QFINDTESTDATA("../resources/policies/sample.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), "resources/policies/sample.json is missing");
        const QByteArray sample = file.readAll();
        RedisConnection conn(m_server->endpoint());
        PolicyStore store(conn, Prefix, actor());
        QCOMPARE(store.publish(sample, 0, {}), 1);

        const QJsonObject doc = object(canonical(sample));
        const auto flat = conn.call({"HGETALL", "qd:policy:compiled"}).elements;
        QHash<QString, QJsonObject> compiled;
        QHash<QString, QByteArray> plans;
        for (qsizetype i = 0; i + 1 < flat.size(); i += 2) {
            const QString name = QString::fromUtf8(flat[i].string);
            if (name == QLatin1String("plan") || name.startsWith(QLatin1String("plan:")))
                plans.insert(name, flat[i + 1].string);
            else
                compiled.insert(name, object(flat[i + 1].string));
        }
        const QJsonObject tiers = doc.value("tiers").toObject(), groups = doc.value("groups").toObject(),
                          subjects = doc.value("subjects").toObject();
        QCOMPARE(compiled.size(), 1 + tiers.size() + groups.size() + subjects.size());
        QCOMPARE(plans.size(), 2 + subjects.size());
        // Plans (contract "Plan fields"): bob is pro in vision, whose parent is research.
        QVERIFY(plans.value("plan").startsWith("1 " + doc.value("default_tier").toString().toUtf8() + "\n"));
        const QList<QByteArray> bob = plans.value("plan:user:bob").split('\n');
        QCOMPARE(bob.first(), QByteArray("T pro"));
        QVERIFY(bob.contains("G vision"));
        QVERIFY(bob.indexOf("G research") > bob.indexOf("G vision"));
        QVERIFY(bob.last().startsWith("A {"));
        QVERIFY(plans.value("plan:default").startsWith("T " + doc.value("default_tier").toString().toUtf8()));

        const QJsonObject meta = compiled.value("meta");
        QCOMPARE(meta.value("version").toInt(), 1);
        QCOMPARE(meta.value("default_tier").toString(), doc.value("default_tier").toString());
        QCOMPARE(meta.value("load_rules").toArray(), doc.value("load_rules").toArray());
        const QJsonArray tz = meta.value("tz").toArray();
        QVERIFY2(tz.size() > 8, "Europe/Berlin needs DST transitions for five years");
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        // It covers the start of the month in progress, which scripts look up too.
        QVERIFY(tz.at(0).toArray().at(0).toInteger() <= now - 31 * 24 * 3600 * qint64(1000));
        for (const QJsonValue& entry : tz) {
            const int offset = entry.toArray().at(1).toInt();
            QVERIFY2(offset == 3600 || offset == 7200, "Berlin is UTC+1 or UTC+2");
        }

        for (auto it = tiers.begin(); it != tiers.end(); ++it) {
            const QJsonObject t = it.value().toObject();
            const QJsonObject got = compiled.value("tier:" + it.key());
            QCOMPARE(got.value("limits").toArray(), expectedLimits(t.value("limits").toArray()));
            QCOMPARE(got.value("attributes").toObject(),
                     doc.value("attributes").toObject().value(it.key()).toObject());
            QCOMPARE(got.value("on_store_unavailable").toString(),
                     t.value("on_store_unavailable").toString(QStringLiteral("fail_closed")));
            QCOMPARE(got.value("emergency_budget"), t.value("emergency_budget"));
        }
        for (auto it = groups.begin(); it != groups.end(); ++it) {
            const QJsonObject got = compiled.value("group:" + it.key());
            QCOMPARE(got.value("limits").toArray(),
                     expectedLimits(it.value().toObject().value("limits").toArray()));
            QCOMPARE(got.value("parent"), it.value().toObject().value("parent"));
        }
        bool sawExpiry = false;
        for (auto it = subjects.begin(); it != subjects.end(); ++it) {
            const QJsonObject s = it.value().toObject();
            const QJsonObject got = compiled.value("subject:" + it.key());
            QCOMPARE(got.value("limits").toArray(), expectedLimits(s.value("limits").toArray()));
            QCOMPARE(got.value("tier"), s.value("tier"));
            QCOMPARE(got.value("group"), s.value("group"));
            for (const QJsonValue& l : got.value("limits").toArray())
                sawExpiry = sawExpiry || l.toObject().value("expires_at").isDouble();
        }
        QVERIFY2(sawExpiry, "the sample should carry a temporary raise");
        // gpu_seconds really became gpu_ms.
        const QJsonArray pro = compiled.value("tier:pro").value("limits").toArray();
        for (const QJsonValue& l : pro)
            if (l.toObject().value("metric").toString() == QLatin1String("gpu_seconds"))
                QCOMPARE(l.toObject().value("limit").toInteger(), 72000 * 1000LL);
    }

    void emptyListsStayArrays()
    {
        RedisConnection conn(m_server->endpoint());
        PolicyStore store(conn, Prefix, actor());
        const QByteArray doc = R"({"schema": 1, "timezone": "UTC", "default_tier": "free",
            "tiers": {"free": {"limits": []}}, "attributes": {"free": {"models": []}}, "load_rules": []})";
        store.publish(doc, 0, {});
        QCOMPARE(
            conn.call({"HGET", "qd:policy:compiled", "tier:free"}).string,
            QByteArray(R"({"attributes":{"models":[]},"limits":[],"on_store_unavailable":"fail_closed"})"));
        QVERIFY(conn.call({"HGET", "qd:policy:compiled", "meta"}).string.contains(R"("load_rules":[])"));
    }

    void invalidDocumentIsRejectedWithPaths()
    {
        RedisConnection conn(m_server->endpoint());
        PolicyStore store(conn, Prefix, actor());
        const QByteArray bad = R"({"schema": 1, "timezone": "UTC", "default_tier": "free",
            "tiers": {"free": {"limits": [{"metric": "requests", "window": "week", "limit": 10},
                                          {"metric": "tokens", "window": "day", "limit": -1}]}}})";
        try {
            store.publish(bad, 0, {});
            QFAIL("an invalid document was published");
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::Invalid);
            QVERIFY2(e.message().contains(QStringLiteral("/tiers/free/limits/0/window")),
                     qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("/tiers/free/limits/1/limit")),
                     qPrintable(e.message()));
        }
        QVERIFY_THROWS_EXCEPTION(StoreError, store.publish("{not json", 0, {}));
        QCOMPARE(conn.call({"EXISTS", "qd:policy", "qd:policy:version", "qd:policy:compiled"}).integer, 0);
    }

    void subscriberReceivesPolicyEvents()
    {
        RedisConnection subscriber(m_server->endpoint());
        subscriber.send({"SUBSCRIBE", "qd:events"});
        RedisReply reply;
        QVERIFY(subscriber.readReply(reply, 2000));
        QCOMPARE(reply.elements.at(0).string, QByteArray("subscribe"));

        RedisConnection conn(m_server->endpoint());
        PolicyStore store(conn, Prefix, actor());
        store.publish(minimalPolicy(10), 0, {});
        store.rollback(1, {});
        for (int version : {1, 2}) {
            QVERIFY(subscriber.readReply(reply, 2000));
            QCOMPARE(reply.elements.at(0).string, QByteArray("message"));
            const QJsonObject event = object(reply.elements.at(2).string);
            QCOMPARE(event.value("type").toString(), QStringLiteral("policy"));
            QCOMPARE(event.value("version").toInt(), version);
        }
    }

    void noscriptAfterScriptFlushStillWorks()
    {
        RedisConnection conn(m_server->endpoint());
        PolicyStore store(conn, Prefix, actor());
        store.publish(minimalPolicy(10), 0, {});
        conn.call({"SCRIPT", "FLUSH"});
        QCOMPARE(store.publish(minimalPolicy(11), 1, {}), 2);
        QCOMPARE(store.current().document, canonical(minimalPolicy(11)));
    }

    void garbageInHistoryIsNamed()
    {
        RedisConnection conn(m_server->endpoint());
        PolicyStore store(conn, Prefix, actor());
        conn.call({"LPUSH", "qd:policy:history", "not json at all"});
        try {
            store.history();
            QFAIL("garbage in the history was accepted");
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::Protocol);
            QVERIFY2(e.message().contains(QStringLiteral("qd:policy:history[0]")), qPrintable(e.message()));
        }
    }
};

QUOTADESK_TEST_MAIN(TestPolicyStore)
#include "tst_PolicyStore.moc"
