// RequestStore against a real redis-server: every state transition, approval publishing the override,
// lazy expiry through `P clock:offset_ms`, input validation, and two approvals racing from two threads.
#include "Actor.h"
#include "LocalRedisServer.h"
#include "PolicyStore.h"
#include "RedisConnection.h"
#include "RequestStore.h"
#include "StoreError.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <atomic>

using namespace quotadesk;

namespace {
const QString Prefix = QStringLiteral("qd:");
constexpr qint64 HourMs = 3600 * 1000LL;

const QByteArray Document = R"({"schema": 1, "timezone": "UTC", "default_tier": "free",
    "tiers": {"free": {"limits": [{"metric": "tokens", "window": "day", "limit": 1000},
                                  {"metric": "concurrency", "limit": 1}]}},
    "subjects": {"user:alice": {"tier": "free", "limits": [{"metric": "concurrency", "limit": 2}]}}})";

QJsonObject object(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

qint64 redisNow(RedisConnection& conn)
{
    const auto time = conn.call({"TIME"}).elements;
    const RedisReply offset = conn.call({"GET", "qd:clock:offset_ms"});
    return time.at(0).string.toLongLong() * 1000 + time.at(1).string.toLongLong() / 1000 +
           (offset.isNil() ? 0 : offset.string.toLongLong());
}

QJsonArray compiledLimits(RedisConnection& conn, const QByteArray& subject)
{
    return object(conn.call({"HGET", "qd:policy:compiled", "subject:" + subject}).string)
        .value("limits")
        .toArray();
}

QJsonObject findLimit(const QJsonArray& limits, const QString& metric)
{
    for (const QJsonValue& l : limits)
        if (l.toObject().value("metric").toString() == metric)
            return l.toObject();
    return {};
}
} // namespace

class TestRequestStore final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_conn;

    Actor alice() const { return Actor(QStringLiteral("alice"), QStringLiteral("alice@ws1")); }
    Actor bob() const { return Actor(QStringLiteral("bob"), QStringLiteral("bob@ws2")); }

    void expectError(const std::function<void()>& action, StoreError::Kind kind, const QString& phrase)
    {
        try {
            action();
            QFAIL(qPrintable(QStringLiteral("no error, expected one containing \"%1\"").arg(phrase)));
        } catch (const StoreError& e) {
            QVERIFY2(e.kind() == kind, qPrintable(StoreError::kindName(e.kind()) + ": " + e.message()));
            QVERIFY2(e.message().contains(phrase), qPrintable(e.message()));
        }
    }

private slots:
    void init()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint());
        PolicyStore(*m_conn, Prefix, bob()).publish(Document, 0, QStringLiteral("setup"));
    }

    void cleanup()
    {
        m_conn.reset();
        m_server.reset();
    }

    void submitAndGet()
    {
        RequestStore requests(*m_conn, Prefix, alice());
        const qint64 id = requests.submit("user:alice", "tokens", "day", 5000, 0, "paper deadline");
        QCOMPARE(id, 1);
        const QuotaRequest r = requests.get(id);
        QCOMPARE(r.subject, QStringLiteral("user:alice"));
        QCOMPARE(r.metric, QStringLiteral("tokens"));
        QCOMPARE(r.window, QStringLiteral("day"));
        QCOMPARE(r.amount, 5000);
        QCOMPARE(r.expiresAtMs, 0);
        QCOMPARE(r.reason, QStringLiteral("paper deadline"));
        QCOMPARE(r.state, QStringLiteral("pending"));
        QCOMPARE(r.submittedBy, QStringLiteral("alice"));
        QCOMPARE(r.submittedOsUser, QStringLiteral("alice@ws1"));
        QVERIFY(r.decidedBy.isEmpty());
        QCOMPARE(requests.submit("client:webapp", "concurrency", "", 4, 0, {}), 2);
        const auto pending = requests.list("pending");
        QCOMPARE(pending.size(), 2);
        QCOMPARE(pending.at(0).id, 2); // newest first
        QCOMPARE(requests.list("denied").size(), 0);
        expectError([&] { requests.get(99); }, StoreError::Kind::NotFound, "no request 99");
        expectError([&] { requests.list("weird"); }, StoreError::Kind::Invalid, "unknown request state");
    }

    void approvePublishesTheOverride()
    {
        RequestStore requests(*m_conn, Prefix, alice());
        const qint64 id = requests.submit("user:alice", "tokens", "day", 5000, 0, {});
        const QuotaRequest approved =
            RequestStore(*m_conn, Prefix, bob()).approve(id, std::nullopt, std::nullopt, "ok");
        QCOMPARE(approved.state, QStringLiteral("approved"));
        QCOMPARE(approved.decidedBy, QStringLiteral("bob"));
        QCOMPARE(approved.decidedOsUser, QStringLiteral("bob@ws2"));
        QCOMPARE(approved.approvedAmount, 5000);
        QCOMPARE(approved.policyVersion, 2);
        QCOMPARE(m_conn->call({"GET", "qd:policy:version"}).string, QByteArray("2"));
        const QJsonArray limits = compiledLimits(*m_conn, "user:alice");
        QCOMPARE(limits.size(), 2); // the concurrency override stays
        QCOMPARE(findLimit(limits, "tokens").value("limit").toInt(), 5000);
        QCOMPARE(findLimit(limits, "concurrency").value("limit").toInt(), 2);
        // The published document is valid and carries the override; history records who and why.
        PolicyStore policies(*m_conn, Prefix, bob());
        const PolicyVersion current = policies.current();
        QVERIFY2(current.document.contains(R"("limit":5000)"), current.document.constData());
        QCOMPARE(current.actor, QStringLiteral("bob"));
        QVERIFY2(current.comment.contains(QStringLiteral("request 1 approved")), qPrintable(current.comment));
        // A later publish starting from it works (the document stayed valid).
        QCOMPARE(policies.publish(current.document, 2, {}), 3);
    }

    void approveCreatesAMissingSubjectWithTheDefaultTier()
    {
        const qint64 id =
            RequestStore(*m_conn, Prefix, alice()).submit("client:batch", "concurrency", "", 8, 0, {});
        RequestStore(*m_conn, Prefix, bob()).approve(id, 6, std::nullopt, "six is enough");
        const QJsonObject subject =
            object(m_conn->call({"HGET", "qd:policy:compiled", "subject:client:batch"}).string);
        QCOMPARE(subject.value("tier").toString(), QStringLiteral("free"));
        const QJsonObject limit = subject.value("limits").toArray().at(0).toObject();
        QCOMPARE(limit.value("limit").toInt(), 6);
        QVERIFY(!limit.contains("window"));
        QCOMPARE(RequestStore(*m_conn, Prefix, bob()).get(id).approvedAmount, 6);
    }

    void deniedAndCancelledAreFinal()
    {
        RequestStore asAlice(*m_conn, Prefix, alice());
        RequestStore asBob(*m_conn, Prefix, bob());
        const qint64 denied = asAlice.submit("user:alice", "tokens", "day", 5000, 0, {});
        const QuotaRequest d = asBob.deny(denied, "budget");
        QCOMPARE(d.state, QStringLiteral("denied"));
        QCOMPARE(d.decisionComment, QStringLiteral("budget"));
        expectError([&] { asBob.approve(denied); }, StoreError::Kind::Conflict,
                    "request 1 is already denied by bob");
        expectError([&] { asAlice.cancel(denied); }, StoreError::Kind::Conflict, "already denied");

        const qint64 cancelled = asAlice.submit("user:alice", "tokens", "day", 6000, 0, {});
        expectError([&] { asBob.cancel(cancelled); }, StoreError::Kind::NoPermission, "submitted by alice");
        QCOMPARE(asAlice.cancel(cancelled, "not needed").state, QStringLiteral("cancelled"));
        expectError([&] { asBob.deny(cancelled, {}); }, StoreError::Kind::Conflict,
                    "already cancelled by alice");

        const qint64 approved = asAlice.submit("user:alice", "tokens", "day", 7000, 0, {});
        asBob.approve(approved);
        expectError([&] { asBob.approve(approved); }, StoreError::Kind::Conflict,
                    "request 3 is already approved by bob");
        expectError([&] { asBob.deny(approved, {}); }, StoreError::Kind::Conflict, "already approved by bob");
        expectError([&] { asAlice.cancel(approved); }, StoreError::Kind::Conflict, "already approved by bob");
        expectError([&] { asBob.approve(42); }, StoreError::Kind::NotFound, "no request 42");
        QCOMPARE(m_conn->call({"GET", "qd:policy:version"}).string,
                 QByteArray("2")); // only one approval published
        QCOMPARE(asBob.list("pending").size(), 0);
        QCOMPARE(asBob.list().size(), 3);
    }

    void pendingRequestExpires()
    {
        RequestStore requests(*m_conn, Prefix, alice());
        const qint64 id =
            requests.submit("user:alice", "tokens", "day", 5000, redisNow(*m_conn) + HourMs, {});
        QCOMPARE(requests.get(id).state, QStringLiteral("pending"));
        m_conn->call({"SET", "qd:clock:offset_ms", QByteArray::number(2 * HourMs)});
        QCOMPARE(requests.get(id).state, QStringLiteral("expired"));
        expectError([&] { RequestStore(*m_conn, Prefix, bob()).approve(id); }, StoreError::Kind::Conflict,
                    "already expired");
        QCOMPARE(requests.list("pending").size(), 0);
        QCOMPARE(m_conn->call({"ZCARD", "qd:requests:pending"}).integer, 0);
    }

    void temporaryRaiseExpires()
    {
        RequestStore requests(*m_conn, Prefix, alice());
        const qint64 expires = redisNow(*m_conn) + HourMs;
        const qint64 id = requests.submit("user:bob", "tokens", "day", 9000, expires, "workshop");
        const QuotaRequest approved = RequestStore(*m_conn, Prefix, bob()).approve(id);
        QCOMPARE(approved.approvedExpiresAtMs, expires);
        const QJsonObject limit = findLimit(compiledLimits(*m_conn, "user:bob"), "tokens");
        QCOMPARE(limit.value("expires_at").toInteger(), expires);
        QCOMPARE(requests.list("approved").size(), 1);

        m_conn->call({"SET", "qd:clock:offset_ms", QByteArray::number(2 * HourMs)});
        const auto expired = requests.list("expired");
        QCOMPARE(expired.size(), 1);
        QCOMPARE(expired.at(0).id, id);
        QCOMPARE(requests.list("approved").size(), 0);
        QCOMPARE(requests.get(id).state, QStringLiteral("expired"));
    }

    void approvalCanChangeTheExpiry()
    {
        RequestStore requests(*m_conn, Prefix, alice());
        const qint64 id = requests.submit("user:carol", "requests", "minute", 100, 0, {});
        const qint64 expires = redisNow(*m_conn) + 24 * HourMs;
        QCOMPARE(
            RequestStore(*m_conn, Prefix, bob()).approve(id, std::nullopt, expires, {}).approvedExpiresAtMs,
            expires);
        QCOMPARE(findLimit(compiledLimits(*m_conn, "user:carol"), "requests").value("expires_at").toInteger(),
                 expires);
        const qint64 past =
            RequestStore(*m_conn, Prefix, alice()).submit("user:carol", "tokens", "day", 100, 0, {});
        expectError([&] { RequestStore(*m_conn, Prefix, bob()).approve(past, std::nullopt, 1000, {}); },
                    StoreError::Kind::Invalid, "in the past");
        QCOMPARE(requests.get(past).state, QStringLiteral("pending"));
    }

    void invalidInput_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("window");
        QTest::addColumn<qint64>("amount");
        QTest::addColumn<qint64>("expires");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("subject without kind") << "alice"
                                              << "tokens"
                                              << "day" << 10LL << 0LL << "user:<name>";
        QTest::newRow("empty name") << "user:"
                                    << "tokens"
                                    << "day" << 10LL << 0LL << "user:<name>";
        QTest::newRow("control character") << "user:a\nb"
                                           << "tokens"
                                           << "day" << 10LL << 0LL << "control";
        QTest::newRow("unknown metric") << "user:a"
                                        << "tokenz"
                                        << "day" << 10LL << 0LL << "unknown metric \"tokenz\"";
        QTest::newRow("unknown window") << "user:a"
                                        << "tokens"
                                        << "week" << 10LL << 0LL << "unknown window \"week\"";
        QTest::newRow("missing window") << "user:a"
                                        << "tokens"
                                        << "" << 10LL << 0LL << "unknown window \"\"";
        QTest::newRow("concurrency window") << "user:a"
                                            << "concurrency"
                                            << "minute" << 2LL << 0LL << "no window";
        QTest::newRow("zero amount") << "user:a"
                                     << "tokens"
                                     << "day" << 0LL << 0LL << "positive integer";
        QTest::newRow("negative amount") << "user:a"
                                         << "tokens"
                                         << "day" << -5LL << 0LL << "positive integer";
        QTest::newRow("amount too large") << "user:a"
                                          << "tokens"
                                          << "day" << 2000000000000LL << 0LL << "up to 10^12";
        QTest::newRow("expiry in the past") << "user:a"
                                            << "tokens"
                                            << "day" << 10LL << 1000LL << "in the past";
    }

    void invalidInput()
    {
        QFETCH(QString, subject);
        QFETCH(QString, metric);
        QFETCH(QString, window);
        QFETCH(qint64, amount);
        QFETCH(qint64, expires);
        QFETCH(QString, phrase);
        RequestStore requests(*m_conn, Prefix, alice());
        expectError([&] { requests.submit(subject, metric, window, amount, expires, {}); },
                    StoreError::Kind::Invalid, phrase);
        QCOMPARE(m_conn->call({"EXISTS", "qd:req:seq"}).integer, 0);
    }

    void approveWithoutPolicy()
    {
        m_conn->call({"DEL", "qd:policy", "qd:policy:version", "qd:policy:compiled"});
        const qint64 id = RequestStore(*m_conn, Prefix, alice()).submit("user:a", "tokens", "day", 10, 0, {});
        expectError([&] { RequestStore(*m_conn, Prefix, bob()).approve(id); }, StoreError::Kind::NotFound,
                    "no policy is published");
        QCOMPARE(RequestStore(*m_conn, Prefix, bob()).get(id).state, QStringLiteral("pending"));
    }

    void requestEventsReachASubscriber()
    {
        RedisConnection subscriber(m_server->endpoint());
        subscriber.send({"SUBSCRIBE", "qd:events"});
        RedisReply reply;
        QVERIFY(subscriber.readReply(reply, 2000));
        const qint64 id = RequestStore(*m_conn, Prefix, alice()).submit("user:a", "tokens", "day", 10, 0, {});
        RequestStore(*m_conn, Prefix, bob()).approve(id);
        QStringList seen;
        while (subscriber.readReply(reply, 500))
            seen << QString::fromUtf8(reply.elements.at(2).string);
        QCOMPARE(seen, QStringList({R"({"id":1,"state":"pending","type":"request"})",
                                    R"({"type":"policy","version":2})",
                                    R"({"id":1,"state":"approved","type":"request"})"}));
    }

    void twoApprovalsRaceExactlyOneWins()
    {
        for (int round = 0; round < 20; ++round) {
            const qint64 id = RequestStore(*m_conn, Prefix, alice())
                                  .submit("user:racer", "tokens", "day", 1000 + round, 0, {});
            const qint64 versionBefore = m_conn->call({"GET", "qd:policy:version"}).string.toLongLong();
            std::atomic<int> wins{0}, conflicts{0};
            auto approver = [&](QString who) {
                RedisConnection conn(m_server->endpoint());
                RequestStore requests(conn, Prefix, Actor(who, who + "@host"));
                try {
                    requests.approve(id);
                    ++wins;
                } catch (const StoreError& e) {
                    if (e.kind() == StoreError::Kind::Conflict &&
                        e.message().contains("is already approved by"))
                        ++conflicts;
                }
            };
            std::unique_ptr<QThread> a(QThread::create(approver, QStringLiteral("bob")));
            std::unique_ptr<QThread> b(QThread::create(approver, QStringLiteral("carol")));
            a->start();
            b->start();
            QVERIFY(a->wait(10000) && b->wait(10000));
            QCOMPARE(wins.load(), 1);
            QCOMPARE(conflicts.load(), 1);
            QCOMPARE(m_conn->call({"GET", "qd:policy:version"}).string.toLongLong(), versionBefore + 1);
            QCOMPARE(findLimit(compiledLimits(*m_conn, "user:racer"), "tokens").value("limit").toInt(),
                     1000 + round);
        }
    }

    void garbageRequestKeyIsNamed()
    {
        m_conn->call({"HSET", "qd:req:7", "foo", "bar"});
        expectError([&] { RequestStore(*m_conn, Prefix, bob()).get(7); }, StoreError::Kind::Protocol,
                    "qd:req:7");
    }
};

QUOTADESK_TEST_MAIN(TestRequestStore)
#include "tst_RequestStore.moc"
