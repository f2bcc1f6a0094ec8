// The audit stream against a real redis-server with real ACL users: one entry per change with who,
// before and after; filters and paging; operator actions (counter reset, load factor); no secrets.
#include "Actor.h"
#include "AuditLog.h"
#include "LocalRedisServer.h"
#include "PolicyStore.h"
#include "RedisConnection.h"
#include "RequestStore.h"
#include "ScriptRunner.h"
#include "StoreError.h"
#include "TestMain.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace quotadesk;

namespace {
const QString Prefix = QStringLiteral("qd:");
const QString AlicePassword = QStringLiteral("alice-Secret-7731");
const QString BobPassword = QStringLiteral("bob-Secret-9924");

const QByteArray Document = R"({"schema": 1, "timezone": "UTC", "default_tier": "free",
    "tiers": {"free": {"limits": [{"metric": "requests", "window": "minute", "limit": 10},
                                  {"metric": "tokens", "window": "day", "limit": 1000}]}}})";

QJsonObject object(const QString& json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

qint64 redisNow(RedisConnection& conn)
{
    const auto time = conn.call({"TIME"}).elements;
    return time.at(0).string.toLongLong() * 1000 + time.at(1).string.toLongLong() / 1000;
}
} // namespace

class TestAuditLog final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_alice, m_bob;

    RedisEndpoint endpointFor(const QString& user, const QString& password) const
    {
        RedisEndpoint ep = m_server->endpoint();
        ep.user = user;
        ep.password = password;
        return ep;
    }

private slots:
    void init()
    {
        LocalRedisServer::Options options;
        options.aclRules << QStringLiteral("user alice on >%1 ~qd:* &qd:* +@all").arg(AlicePassword)
                         << QStringLiteral("user bob on >%1 ~qd:* &qd:* +@all").arg(BobPassword);
        m_server = std::make_unique<LocalRedisServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_alice = std::make_unique<RedisConnection>(endpointFor("alice", AlicePassword));
        m_bob = std::make_unique<RedisConnection>(endpointFor("bob", BobPassword));
    }

    void cleanup()
    {
        m_alice.reset();
        m_bob.reset();
        m_server.reset();
    }

    void actorComesFromAclWhoami()
    {
        const Actor actor = Actor::detect(*m_alice);
        QCOMPARE(actor.redisUser(), QStringLiteral("alice"));
        QVERIFY(actor.osUser().contains(QLatin1Char('@')));
    }

    void everyActionIsAuditedWithWhoBeforeAndAfter()
    {
        const Actor alice = Actor::detect(*m_alice), bob = Actor::detect(*m_bob);
        PolicyStore(*m_bob, Prefix, bob).publish(Document, 0, QStringLiteral("initial"));
        RequestStore aliceRequests(*m_alice, Prefix, alice), bobRequests(*m_bob, Prefix, bob);
        const qint64 approved = aliceRequests.submit("user:alice", "tokens", "day", 5000, 0, "need more");
        bobRequests.approve(approved, std::nullopt, std::nullopt, QStringLiteral("fine"));
        const qint64 denied = aliceRequests.submit("user:alice", "tokens", "day", 99999, 0, {});
        bobRequests.deny(denied, QStringLiteral("too much"));
        const qint64 cancelled = aliceRequests.submit("user:alice", "requests", "minute", 50, 0, {});
        aliceRequests.cancel(cancelled, QStringLiteral("oops"));
        PolicyStore(*m_bob, Prefix, bob).rollback(1, {});
        PolicyStore(*m_bob, Prefix, bob).resetCounters("user:alice", QStringLiteral("support ticket"));
        PolicyStore(*m_bob, Prefix, bob).setLoadFactor("free", 0.5, 600, QStringLiteral("incident"));

        const QList<AuditEntry> entries = AuditLog(*m_bob, Prefix).read(100);
        QStringList actions, actors;
        for (const AuditEntry& e : entries) {
            actions << e.action;
            actors << e.actor;
            QCOMPARE(e.osUser, e.actor == QLatin1String("alice") ? alice.osUser() : bob.osUser());
            QVERIFY(e.atMs > 0);
        }
        QCOMPARE(actions, QStringList({"load.override", "counters.reset", "policy.rollback", "request.cancel",
                                       "request.submit", "request.deny", "request.submit", "request.approve",
                                       "policy.publish", "request.submit", "policy.publish"}));
        QCOMPARE(actors, QStringList({"bob", "bob", "bob", "alice", "alice", "bob", "alice", "bob", "bob",
                                      "alice", "bob"}));

        const AuditEntry firstPublish = entries.last();
        QCOMPARE(firstPublish.subject, QStringLiteral("policy"));
        QCOMPARE(firstPublish.comment, QStringLiteral("initial"));
        QCOMPARE(object(firstPublish.before).value("version").toInt(), 0);
        QCOMPARE(object(firstPublish.after).value("version").toInt(), 1);
        QCOMPARE(object(firstPublish.after).value("digest").toString().size(), 40);

        const AuditEntry approval = entries.at(7);
        QCOMPARE(approval.subject, QStringLiteral("user:alice"));
        QCOMPARE(approval.comment, QStringLiteral("fine"));
        QCOMPARE(approval.before, QStringLiteral("null")); // alice had no tokens override before
        QCOMPARE(object(approval.after).value("limit").toObject().value("limit").toInt(), 5000);
        QCOMPARE(object(approval.after).value("version").toInt(), 2);

        const AuditEntry rollback = entries.at(2);
        QCOMPARE(object(rollback.before).value("version").toInt(), 2);
        QCOMPARE(object(rollback.after).value("version").toInt(), 3);
        QCOMPARE(object(rollback.after).value("digest"), object(firstPublish.after).value("digest"));

        QCOMPARE(object(entries.at(3).after).value("state").toString(), QStringLiteral("cancelled"));
        QCOMPARE(object(entries.at(5).after).value("state").toString(), QStringLiteral("denied"));
        QCOMPARE(entries.at(5).comment, QStringLiteral("too much"));
        QCOMPARE(entries.at(0).subject, QStringLiteral("tier:free"));
        QCOMPARE(object(entries.at(0).after).value("factor").toDouble(), 0.5);
    }

    void filters()
    {
        const Actor alice = Actor::detect(*m_alice), bob = Actor::detect(*m_bob);
        PolicyStore(*m_bob, Prefix, bob).publish(Document, 0, {});
        RequestStore aliceRequests(*m_alice, Prefix, alice);
        aliceRequests.submit("user:alice", "tokens", "day", 5000, 0, {});
        aliceRequests.submit("user:zed", "tokens", "day", 5000, 0, {});
        const qint64 middle = redisNow(*m_bob);
        QTest::qWait(5); // stream ids are ms times: make the boundary unambiguous
        RequestStore(*m_bob, Prefix, bob).submit("user:zed", "tokens", "day", 7000, 0, {});

        AuditLog log(*m_bob, Prefix);
        AuditLog::Filter byActor;
        byActor.actor = "alice";
        QCOMPARE(log.read(100, byActor).size(), 2);
        AuditLog::Filter byAction;
        byAction.action = "policy.publish";
        QCOMPARE(log.read(100, byAction).size(), 1);
        AuditLog::Filter bySubject;
        bySubject.subject = "user:zed";
        const auto zed = log.read(100, bySubject);
        QCOMPARE(zed.size(), 2);
        QCOMPARE(zed.at(0).actor, QStringLiteral("bob"));
        AuditLog::Filter since;
        since.sinceMs = middle + 1;
        QCOMPARE(log.read(100, since).size(), 1);
        AuditLog::Filter until;
        until.untilMs = middle;
        QCOMPARE(log.read(100, until).size(), 3);
        QCOMPARE(log.read(2).size(), 2);
        bySubject.actor = "alice";
        QCOMPARE(log.read(100, bySubject).size(), 1);
    }

    void pagingFindsOldEntries()
    {
        const Actor alice = Actor::detect(*m_alice);
        PolicyStore(*m_alice, Prefix, alice).publish(Document, 0, {});
        // 1,200 newer entries in front of the publish: read() must page past them.
        ScriptRunner runner(*m_alice, Prefix);
        QList<QList<QByteArray>> calls;
        for (int i = 0; i < 1200; ++i)
            calls.append({"submit", "alice", "alice@h", "user:u" + QByteArray::number(i), "tokens", "day",
                          "10", "0", ""});
        for (const RedisReply& r : runner.runMany("admin", calls))
            QVERIFY(!r.isError());
        AuditLog log(*m_alice, Prefix);
        AuditLog::Filter publishes;
        publishes.action = "policy.publish";
        QCOMPARE(log.read(10, publishes).size(), 1);
        QCOMPARE(log.read(1000).size(), 1000);
        QCOMPARE(log.read(5000).size(), 1201);
    }

    void resetCountersDeletesTheSubjectsCurrentCounters()
    {
        const Actor bob = Actor::detect(*m_bob);
        PolicyStore store(*m_bob, Prefix, bob);
        store.publish(Document, 0, {});
        const qint64 now = redisNow(*m_bob);
        const qint64 day = now - now % (24 * 3600 * 1000LL);
        const QDate today = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).date();
        const qint64 month =
            QDateTime(QDate(today.year(), today.month(), 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const QList<QByteArray> mine = {"qd:tb:user:alice:requests:minute",
                                        "qd:tb:user:alice:gpu_seconds:hour",
                                        "qd:cnt:user:alice:tokens:day:" + QByteArray::number(day),
                                        "qd:cnt:user:alice:gpu_seconds:month:" + QByteArray::number(month)};
        for (const QByteArray& key : mine) {
            if (key.contains(":tb:"))
                m_bob->call({"HSET", key, "t", "3000000", "ts", QByteArray::number(now)});
            else
                m_bob->call({"SET", key, "777"});
        }
        m_bob->call({"SET", "qd:cnt:user:bob:tokens:day:" + QByteArray::number(day), "5"});
        m_bob->call({"SET", "qd:conc:user:alice", "untouched"});
        QCOMPARE(store.resetCounters("user:alice", "ticket 12"), 4);
        for (const QByteArray& key : mine)
            QCOMPARE(m_bob->call({"EXISTS", key}).integer, 0);
        QCOMPARE(m_bob->call({"EXISTS", "qd:cnt:user:bob:tokens:day:" + QByteArray::number(day)}).integer, 1);
        QCOMPARE(m_bob->call({"EXISTS", "qd:conc:user:alice"}).integer, 1);
        const AuditEntry entry = AuditLog(*m_bob, Prefix).read(1).at(0);
        QCOMPARE(entry.action, QStringLiteral("counters.reset"));
        QCOMPARE(entry.subject, QStringLiteral("user:alice"));
        QCOMPARE(entry.comment, QStringLiteral("ticket 12"));
        QCOMPARE(object(entry.before).value("cnt:user:alice:tokens:day:" + QString::number(day)).toString(),
                 QStringLiteral("777"));
        QCOMPARE(object(entry.after).value("deleted").toInt(), 4);
        QVERIFY_THROWS_EXCEPTION(StoreError, store.resetCounters("nobody", {}));
    }

    void loadFactorOverride()
    {
        const Actor bob = Actor::detect(*m_bob);
        PolicyStore store(*m_bob, Prefix, bob);
        store.publish(Document, 0, {});
        RedisConnection subscriber(m_server->endpoint());
        subscriber.send({"SUBSCRIBE", "qd:events"});
        RedisReply reply;
        QVERIFY(subscriber.readReply(reply, 2000));

        store.setLoadFactor("free", 0.25, 300, "incident 4");
        const QJsonObject load = object(QString::fromUtf8(m_bob->call({"HGET", "qd:load", "free"}).string));
        QCOMPARE(load.value("factor").toDouble(), 0.25);
        QCOMPARE(load.value("source").toString(), QStringLiteral("operator:bob"));
        QCOMPARE(load.value("until").toInteger() - load.value("since").toInteger(), 300 * 1000LL);
        QVERIFY(subscriber.readReply(reply, 2000));
        const QJsonObject event = object(QString::fromUtf8(reply.elements.at(2).string));
        QCOMPARE(event.value("type").toString(), QStringLiteral("load"));
        QCOMPARE(event.value("tier").toString(), QStringLiteral("free"));
        QCOMPARE(event.value("factor").toDouble(), 0.25);

        store.setLoadFactor("free", 1, 0, "recovered");
        QVERIFY(m_bob->call({"HGET", "qd:load", "free"}).isNil());
        const AuditEntry entry = AuditLog(*m_bob, Prefix).read(1).at(0);
        QCOMPARE(entry.action, QStringLiteral("load.override"));
        QCOMPARE(object(entry.before).value("factor").toDouble(), 0.25);
        QCOMPARE(entry.after, QString());

        try {
            store.setLoadFactor("gold", 0.5, 60, {});
            QFAIL("an unknown tier was accepted");
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::NotFound);
            QVERIFY2(e.message().contains(QStringLiteral("\"gold\"")), qPrintable(e.message()));
        }
        for (double bad : {0.0, -1.0, 1.5}) {
            try {
                store.setLoadFactor("free", bad, 60, {});
                QFAIL("a bad factor was accepted");
            } catch (const StoreError& e) {
                QCOMPARE(e.kind(), StoreError::Kind::Invalid);
            }
        }
        QVERIFY_THROWS_EXCEPTION(StoreError, store.setLoadFactor("free", 0.5, 0, {}));
    }

    void noPasswordReachesTheAuditStream()
    {
        const Actor alice = Actor::detect(*m_alice), bob = Actor::detect(*m_bob);
        PolicyStore(*m_bob, Prefix, bob).publish(Document, 0, {});
        const qint64 id =
            RequestStore(*m_alice, Prefix, alice).submit("user:alice", "tokens", "day", 10, 0, {});
        RequestStore(*m_bob, Prefix, bob).approve(id);
        PolicyStore(*m_bob, Prefix, bob).setLoadFactor("free", 0.5, 60, {});
        const RedisReply all = m_bob->call({"XRANGE", "qd:audit", "-", "+"});
        QCOMPARE(all.elements.size(), 5);
        for (const RedisReply& entry : all.elements) {
            for (const RedisReply& field : entry.elements.at(1).elements) {
                QVERIFY(!field.string.contains(AlicePassword.toUtf8()));
                QVERIFY(!field.string.contains(BobPassword.toUtf8()));
            }
        }
        // Nor into the history.
        const RedisReply history = m_bob->call({"LRANGE", "qd:policy:history", "0", "-1"});
        for (const RedisReply& h : history.elements)
            QVERIFY(!h.string.contains(BobPassword.toUtf8()));
    }
};

QUOTADESK_TEST_MAIN(TestAuditLog)
#include "tst_AuditLog.moc"
