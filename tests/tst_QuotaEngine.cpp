// The enforcement engine against a real redis-server: acquire/settle/release/heartbeat scripts through
// QuotaEngine, policy resolution (tiers, overrides, groups, load factors) and the PolicyWatcher.
#include "EngineTestSupport.h"
#include "LocalRedisServer.h"
#include "PolicyWatcher.h"
#include "QuotaEngine.h"
#include "RedisConnection.h"
#include "StoreError.h"
#include "TestMain.h"

#include <QSignalSpy>

#include <functional>
#include <memory>

using namespace quotadesk;
using namespace quotadesk::enginetest;

namespace {
const QString kPrefix = QStringLiteral("qd:");

// Expects `f` to throw StoreError of `kind` whose message contains `needle`.
void expectError(const std::function<void()>& f, StoreError::Kind kind, const QString& needle)
{
    try {
        f();
    } catch (const StoreError& e) {
        QVERIFY2(e.kind() == kind,
                 qPrintable(StoreError::kindName(e.kind()) + QStringLiteral(": ") + e.message()));
        QVERIFY2(e.message().contains(needle), qPrintable(e.message()));
        return;
    }
    QFAIL(qPrintable(QStringLiteral("no StoreError containing '%1'").arg(needle)));
}

const LimitStatus* find(const Decision& d, const QString& entity, const QString& metric)
{
    for (const LimitStatus& l : d.limits) {
        if (l.entity == entity && l.metric == metric)
            return &l;
    }
    return nullptr;
}
} // namespace

class TestQuotaEngine final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_conn;
    std::unique_ptr<QuotaEngine> m_engine;

    RedisConnection& conn() { return *m_conn; }
    QuotaEngine& engine() { return *m_engine; }
    QByteArray dayKey(const QString& entity, const QString& metric)
    {
        const RedisReply keys =
            conn().call({"KEYS", (kPrefix + "cnt:" + entity + ":" + metric + ":day:*").toUtf8()});
        return keys.elements.size() == 1 ? keys.elements[0].string : QByteArray();
    }

private slots:
    void init()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint());
        setStoreTimeToNoon(conn()); // the day counters checked below must not straddle midnight
        m_engine = std::make_unique<QuotaEngine>(*m_conn, kPrefix, QStringLiteral("gw-test"));
    }

    void cleanup()
    {
        m_engine.reset();
        m_conn.reset();
        m_server.reset();
    }

    void requestsLimitAdmitsThenDenies()
    {
        TestPolicy p;
        p.version = 7;
        p.fields["tier:free"] = tier({limit("requests", "day", 3)}, {{"model", "small"}});
        p.write(conn());
        for (int i = 1; i <= 3; ++i) {
            const Decision d = engine().acquire("alice", {}, {}, 60000);
            QVERIFY2(d.admitted, d.raw.constData());
            QCOMPARE(d.leaseId, QString::number(i));
            QCOMPARE(d.policyVersion, 7);
            QCOMPARE(d.attributes.value("model").toString(), QStringLiteral("small"));
            const LimitStatus* l = find(d, "user:alice", "requests");
            QVERIFY(l);
            QCOMPARE(l->used, i);
            QCOMPARE(l->remaining, 3 - i);
        }
        const Decision denied = engine().acquire("user:alice", {}, {}, 60000);
        QVERIFY(!denied.admitted);
        QCOMPARE(denied.code, QStringLiteral("denied"));
        QCOMPARE(denied.deniedBy.entity, QStringLiteral("user:alice"));
        QCOMPARE(denied.deniedBy.metric, QStringLiteral("requests"));
        QCOMPARE(denied.deniedBy.window, QStringLiteral("day"));
        QCOMPARE(denied.deniedBy.limit, 3);
        QVERIFY(denied.retryAfterSeconds > 0 && denied.retryAfterSeconds <= 86400);
        QVERIFY(denied.reason.contains("requests/day"));
        QCOMPARE(counter(conn(), dayKey("user:alice", "requests")), 3);
        QCOMPARE(engine().decisions(), 4);
        QCOMPARE(engine().admitted(), 3);
        QCOMPARE(engine().lastPolicyVersion(), 7);
    }

    void tokensAndGpuSecondsReserve()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("tokens", "day", 1000), limit("gpu_seconds", "day", 10000)});
        p.write(conn());
        QVERIFY(engine().acquire("bob", {}, {600, 2.5}, 60000).admitted);
        QCOMPARE(counter(conn(), dayKey("user:bob", "tokens")), 600);
        QCOMPARE(counter(conn(), dayKey("user:bob", "gpu_seconds")), 2500);
        const Decision tooMany = engine().acquire("bob", {}, {401, 0}, 60000);
        QVERIFY(!tooMany.admitted);
        QCOMPARE(tooMany.deniedBy.metric, QStringLiteral("tokens"));
        QVERIFY(engine().acquire("bob", {}, {400, 7.5}, 60000).admitted);
        QCOMPARE(counter(conn(), dayKey("user:bob", "tokens")), 1000);
        QCOMPARE(counter(conn(), dayKey("user:bob", "gpu_seconds")), 10000);
        // Zero need still requires something left.
        const Decision empty = engine().acquire("bob", {}, {0, 0}, 60000);
        QVERIFY(!empty.admitted);
        // A need above the limit can never fit.
        const Decision never = engine().acquire("carol", {}, {1001, 0}, 60000);
        QVERIFY(!never.admitted);
        QCOMPARE(never.retryAfterSeconds, -1.0);
    }

    void concurrencyLimitAndRelease()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("concurrency", {}, 2)});
        p.write(conn());
        const Decision a = engine().acquire("dan", {}, {}, 60000);
        const Decision b = engine().acquire("dan", {}, {}, 60000);
        QVERIFY(a.admitted && b.admitted);
        const Decision c = engine().acquire("dan", {}, {}, 60000);
        QVERIFY(!c.admitted);
        QCOMPARE(c.deniedBy.metric, QStringLiteral("concurrency"));
        QVERIFY(c.deniedBy.window.isEmpty());
        QVERIFY(c.retryAfterSeconds > 50 && c.retryAfterSeconds <= 60);
        engine().release(a.leaseId);
        QVERIFY(engine().acquire("dan", {}, {}, 60000).admitted);
        engine().settle(b.leaseId, {});
        QCOMPARE(conn().call({"ZCARD", "qd:conc:user:dan"}).integer, 1);
    }

    void leasesOfDifferentLengthsShareTheConcurrencySet()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("concurrency", {}, 5)});
        p.write(conn());
        QVERIFY(engine().acquire("lee", {}, {}, 7200000).admitted);
        QVERIFY(engine().acquire("lee", {}, {}, 1000).admitted);
        // The short lease must not shorten the life of the set that still holds the long one.
        QVERIFY(conn().call({"PTTL", "qd:conc:user:lee"}).integer > 7200000);
        // Unlimited subjects keep no limit states, but the list stays a JSON list.
        p.fields["tier:free"] = tier({});
        p.write(conn());
        const Decision d = engine().acquire("lee", {}, {}, 1000);
        QVERIFY(d.admitted);
        QVERIFY2(d.raw.contains("\"limits\":[]"), d.raw.constData());
        QCOMPARE(conn().call({"ZCARD", "qd:conc:user:lee"}).integer, 3);
    }

    void unsettledLeasesLeaveTheSets()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("concurrency", {}, 1000)});
        p.write(conn());
        // Leases 1-200 are never settled (a gateway that does not call settle) and expire.
        for (int i = 0; i < 200; ++i)
            QVERIFY(engine().acquire("ned", {}, {}, 500).admitted);
        advance(conn(), 1000);
        for (int i = 200; i < 255; ++i)
            QVERIFY(engine().acquire("ned", {}, {}, 60000).admitted);
        QCOMPARE(conn().call({"ZCARD", "qd:conc:user:ned"}).integer, 255);
        // Lease 256 is one acquire in 64: it removes the expired members before adding itself.
        const Decision d = engine().acquire("ned", {}, {}, 60000);
        QCOMPARE(d.leaseId, QStringLiteral("256"));
        QCOMPARE(conn().call({"ZCARD", "qd:conc:user:ned"}).integer, 56);
        QCOMPARE(conn().call({"ZCARD", "qd:conc:fleet"}).integer, 56);
        QCOMPARE(find(d, QStringLiteral("user:ned"), QStringLiteral("concurrency"))->used, 56);
    }

    void userAndClientLimitsTogether()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("requests", "day", 5)});
        p.fields["tier:apps"] = tier({limit("requests", "day", 2)});
        p.fields["subject:client:web"] = subject("apps");
        p.write(conn());
        QVERIFY(engine().acquire("erin", "web", {}, 60000).admitted);
        const Decision second = engine().acquire("frank", "client:web", {}, 60000);
        QVERIFY(second.admitted);
        QCOMPARE(find(second, "client:web", "requests")->used, 2);
        QCOMPARE(find(second, "user:frank", "requests")->used, 1);
        const Decision third = engine().acquire("erin", "web", {}, 60000);
        QVERIFY(!third.admitted);
        QCOMPARE(third.deniedBy.entity, QStringLiteral("client:web"));
        // The user was not charged for the denied request.
        QCOMPARE(counter(conn(), dayKey("user:erin", "requests")), 1);
        QVERIFY(engine().acquire("erin", {}, {}, 60000).admitted);
    }

    void groupLimitsArePooledUpTheChain()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("tokens", "day", 1000)});
        p.fields["group:org"] = group({limit("tokens", "day", 250)});
        p.fields["group:team"] = group({limit("requests", "day", 4)}, "org");
        p.fields["subject:user:ann"] = subject({}, "team");
        p.fields["subject:user:ben"] = subject({}, "team");
        p.write(conn());
        QVERIFY(engine().acquire("ann", {}, {100, 0}, 60000).admitted);
        QVERIFY(engine().acquire("ben", {}, {100, 0}, 60000).admitted);
        const Decision over = engine().acquire("ann", {}, {51, 0}, 60000);
        QVERIFY(!over.admitted);
        QCOMPARE(over.deniedBy.entity, QStringLiteral("group:org"));
        QCOMPARE(counter(conn(), dayKey("group:org", "tokens")), 200);
        QVERIFY(engine().acquire("ben", {}, {50, 0}, 60000).admitted);
        QVERIFY(engine().acquire("ann", {}, {0, 0}, 60000).admitted == false); // org exhausted: 250 of 250
        QCOMPARE(counter(conn(), dayKey("group:team", "requests")), 3);
        // A user outside the group is not affected by the pool.
        QVERIFY(engine().acquire("zed", {}, {500, 0}, 60000).admitted);
    }

    void groupRequestLimitOnTheFirstLevel()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({});
        p.fields["group:org"] = group({});
        p.fields["group:team"] = group({limit("requests", "day", 2)}, "org");
        p.fields["subject:user:ann"] = subject({}, "team");
        p.fields["subject:user:ben"] = subject({}, "team");
        p.write(conn());
        QVERIFY(engine().acquire("ann", {}, {}, 60000).admitted);
        QVERIFY(engine().acquire("ben", {}, {}, 60000).admitted);
        const Decision d = engine().acquire("ann", {}, {}, 60000);
        QVERIFY(!d.admitted);
        QCOMPARE(d.deniedBy.entity, QStringLiteral("group:team"));
        QVERIFY(d.raw.contains("\"limits\":[{")); // the states list is a JSON list
    }

    void subjectOverrideBeatsTierAndExpires()
    {
        const qint64 now = storeNowMs(conn());
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("requests", "day", 1)});
        p.fields["subject:user:vip"] = subject({}, {}, {limit("requests", "day", 3, 0, now + 60000)});
        p.write(conn());
        for (int i = 0; i < 3; ++i)
            QVERIFY(engine().acquire("vip", {}, {}, 60000).admitted);
        const Decision d = engine().acquire("vip", {}, {}, 60000);
        QVERIFY(!d.admitted);
        QCOMPARE(d.deniedBy.limit, 3);
        // Once the override lapses the tier limit applies again (without anyone rewriting the policy).
        QVERIFY(engine().acquire("other", {}, {}, 60000).admitted);
        advance(conn(), 61000);
        const Decision after = engine().acquire("vip", {}, {}, 60000);
        QVERIFY(!after.admitted);
        QCOMPARE(after.deniedBy.limit, 1);
    }

    void loadFactorScalesSubjectsNotGroups()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("requests", "day", 10), limit("concurrency", {}, 4)});
        p.fields["group:g"] = group({limit("requests", "day", 100)});
        p.fields["subject:user:lou"] = subject({}, "g");
        p.write(conn());
        conn().call({"HSET", "qd:load", "free", R"({"factor":0.5,"source":"operator:ops","since":1})"});
        Decision d;
        for (int i = 0; i < 5; ++i) {
            d = engine().acquire("lou", {}, {}, 60000);
            QVERIFY(d.admitted);
            engine().release(d.leaseId); // keep concurrency (also halved, to 2) out of the way
        }
        QCOMPARE(d.userFactor, 0.5);
        QCOMPARE(find(d, "user:lou", "requests")->limit, 5);
        QCOMPARE(find(d, "user:lou", "concurrency")->limit, 2);
        QCOMPARE(find(d, "group:g", "requests")->limit, 100);
        QVERIFY(!engine().acquire("lou", {}, {}, 60000).admitted);
        // A factor whose "until" has passed is ignored.
        const qint64 past = storeNowMs(conn()) - 1000;
        conn().call({"HSET", "qd:load", "free",
                     QByteArray(R"({"factor":0.5,"source":"operator:ops","since":1,"until":)") +
                         QByteArray::number(past) + "}"});
        const Decision later = engine().acquire("lou2", {}, {}, 60000);
        QVERIFY(later.admitted);
        QCOMPARE(later.userFactor, 1.0);
        QCOMPARE(find(later, "user:lou2", "requests")->limit, 10);
        conn().call({"HSET", "qd:load", "free", "not json"});
        expectError([&] { engine().acquire("lou", {}, {}, 60000); }, StoreError::Kind::Protocol,
                    "qd:load field free");
    }

    void settleReplacesReservationIncludingOverrun()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("tokens", "day", 1000), limit("tokens", "hour", 1000)});
        p.write(conn());
        const Decision a = engine().acquire("sam", {}, {400, 0}, 60000);
        QVERIFY(a.admitted);
        QCOMPARE(find(a, "user:sam", "tokens")->remaining, 600);
        engine().settle(a.leaseId, {100, 0});
        QCOMPARE(counter(conn(), dayKey("user:sam", "tokens")), 100);
        QVERIFY(conn().call({"EXISTS", ("qd:lease:" + a.leaseId).toUtf8()}).integer == 0);
        const Decision b = engine().acquire("sam", {}, {400, 0}, 60000);
        QVERIFY(b.admitted);
        engine().settle(b.leaseId, {1100, 0}); // overrun: the gateway used more than it reserved
        QCOMPARE(counter(conn(), dayKey("user:sam", "tokens")), 1200);
        const Decision c = engine().acquire("sam", {}, {0, 0}, 60000);
        QVERIFY(!c.admitted);
        const LimitStatus* hour = find(c, "user:sam", "tokens");
        QVERIFY(hour);
        for (const LimitStatus& l : c.limits) {
            if (l.window == "hour")
                QVERIFY2(l.remaining < 0 && l.remaining >= -200, qPrintable(QString::number(l.remaining)));
        }
        // The series and top indexes hold the settled amounts, not the estimates, once the usage log is
        // folded (a gateway's heartbeat does it; so do acquires, in batches).
        QVERIFY(engine().foldUsage() > 0);
        QCOMPARE(conn().call({"LLEN", "qd:usage:log"}).integer, 0);
        const RedisReply top = conn().call({"KEYS", "qd:top:tokens:day:*"});
        QCOMPARE(top.elements.size(), 1);
        QCOMPARE(conn().call({"ZSCORE", top.elements[0].string, "user:sam"}).string, QByteArray("1200"));
        const RedisReply ts = conn().call({"KEYS", "qd:ts:m:*"});
        QVERIFY(!ts.elements.isEmpty());
        qint64 tokensInSeries = 0;
        for (const RedisReply& k : ts.elements)
            tokensInSeries += conn().call({"HGET", k.string, "user:sam|t"}).string.toLongLong();
        QCOMPARE(tokensInSeries, 1200);
        expectError([&] { engine().settle(a.leaseId, {1, 0}); }, StoreError::Kind::NotFound, "no lease");
    }

    void releaseRefundsReservationButCountsTheRequest()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("tokens", "day", 500), limit("requests", "day", 10)});
        p.write(conn());
        const Decision a = engine().acquire("rae", {}, {500, 0}, 60000);
        QVERIFY(a.admitted);
        QVERIFY(!engine().acquire("rae", {}, {1, 0}, 60000).admitted);
        engine().release(a.leaseId);
        QCOMPARE(counter(conn(), dayKey("user:rae", "tokens")), 0);
        QCOMPARE(counter(conn(), dayKey("user:rae", "requests")), 1);
        QVERIFY(engine().acquire("rae", {}, {500, 0}, 60000).admitted);
        expectError([&] { engine().release(a.leaseId); }, StoreError::Kind::NotFound,
                    "no lease " + a.leaseId);
    }

    void expiredLeaseFreesSlotAndKeepsReservation()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("concurrency", {}, 1), limit("tokens", "day", 1000)});
        p.write(conn());
        const Decision a = engine().acquire("kim", {}, {300, 0}, 500);
        QVERIFY(a.admitted);
        QVERIFY(!engine().acquire("kim", {}, {}, 500).admitted);
        advance(conn(), 1000);
        const Decision b = engine().acquire("kim", {}, {100, 0}, 60000);
        QVERIFY2(b.admitted, b.raw.constData());
        expectError([&] { engine().settle(a.leaseId, {10, 0}); }, StoreError::Kind::Conflict, "expired");
        QCOMPARE(counter(conn(), dayKey("user:kim", "tokens")), 400);
        engine().settle(b.leaseId, {100, 0});
        QCOMPARE(counter(conn(), dayKey("user:kim", "tokens")), 400);
    }

    void badArgumentsAndUnknownLease()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({});
        p.write(conn());
        expectError([&] { engine().acquire("amy", {}, {}, 0); }, StoreError::Kind::Invalid, "lease_ttl_ms");
        expectError(
            [&] {
                engine().acquire("amy", {}, {-1, 0}, 1000);
            },
            StoreError::Kind::Invalid, "negative");
        expectError([&] { engine().settle("abc", {}); }, StoreError::Kind::Invalid, "lease_id");
        expectError([&] { engine().settle("999", {}); }, StoreError::Kind::NotFound, "no lease 999");
        ScriptRunner runner(conn(), kPrefix);
        const RedisReply r = runner.run("acquire", {"alice", "", "1", "0", "1000", "gw"});
        QVERIFY(r.string.contains("\"code\":\"bad_argument\""));
        QVERIFY(r.string.contains("user:<name>"));
    }

    void noscriptAfterFlushIsTransparent()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("requests", "day", 5)});
        p.write(conn());
        QVERIFY(engine().acquire("nia", {}, {}, 1000).admitted);
        conn().call({"SCRIPT", "FLUSH"});
        QCOMPARE(conn().call({"SCRIPT", "EXISTS", ScriptRunner::sha1("acquire")}).elements[0].integer, 0);
        QVERIFY(engine().acquire("nia", {}, {}, 1000).admitted);
        QCOMPARE(conn().call({"SCRIPT", "EXISTS", ScriptRunner::sha1("acquire")}).elements[0].integer, 1);
        QCOMPARE(counter(conn(), dayKey("user:nia", "requests")), 2);
    }

    void denialChangesNoUsage()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier(
            {limit("requests", "minute", 100), limit("tokens", "day", 100), limit("concurrency", {}, 5)});
        p.write(conn());
        QVERIFY(engine().acquire("dee", "app", {60, 0}, 60000).admitted);
        auto snapshot = [&] {
            QByteArrayList state;
            const RedisReply keys = conn().call({"KEYS", "qd:*"});
            QByteArrayList names;
            for (const RedisReply& k : keys.elements)
                names << k.string;
            std::sort(names.begin(), names.end());
            for (const QByteArray& k : names) {
                if (k.startsWith("qd:tb:") || k.startsWith("qd:cnt:") || k.startsWith("qd:conc:") ||
                    k.startsWith("qd:lease:"))
                    state << k + "=" + conn().call({"DUMP", k}).string.toHex();
            }
            return state;
        };
        const QByteArrayList before = snapshot();
        const Decision d = engine().acquire("dee", "app", {60, 0}, 60000);
        QVERIFY(!d.admitted);
        QCOMPARE(snapshot(), before);
        QVERIFY(engine().foldUsage() > 0);
        const RedisReply top = conn().call({"KEYS", "qd:top:denials:day:*"});
        QCOMPARE(top.elements.size(), 1);
        QCOMPARE(conn().call({"ZSCORE", top.elements[0].string, "user:dee"}).string, QByteArray("1"));
        QCOMPARE(conn().call({"ZSCORE", top.elements[0].string, "client:app"}).string, QByteArray("1"));
        const RedisReply ts = conn().call({"KEYS", "qd:ts:h:*"});
        QCOMPARE(conn().call({"HGET", ts.elements[0].string, "fleet|d"}).string, QByteArray("1"));
        QCOMPARE(conn().call({"HGET", ts.elements[0].string, "tier:free|r"}).string, QByteArray("1"));
        QVERIFY(conn().call({"PTTL", ts.elements[0].string}).integer > 399LL * 86400000);
        QCOMPARE(conn().call({"ZRANGE", "qd:subjects", "0", "-1"}).elements.size(), 2);
    }

    void noPolicyDenies()
    {
        const Decision d = engine().acquire("amy", {}, {}, 1000);
        QVERIFY(!d.admitted);
        QCOMPARE(d.code, QStringLiteral("no_policy"));
        QVERIFY(d.reason.contains("no policy"));
    }

    // A store compiled before plan fields existed: acquire says what to do, and replan repairs it.
    void storeWithoutPlansIsNamedThenReplanned()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("requests", "day", 2)});
        p.write(conn());
        conn().call({"HDEL", "qd:policy:compiled", "plan", "plan:default"});
        expectError([&] { engine().acquire("amy", {}, {}, 1000); }, StoreError::Kind::Protocol,
                    "compiled by an older QuotaDesk");
        const QByteArray reply = replan(conn());
        QCOMPARE(QJsonDocument::fromJson(reply).object().value("plans").toInt(), 2);
        const Decision d = engine().acquire("amy", {}, {}, 1000);
        QVERIFY2(d.admitted, d.raw.constData());
        QCOMPARE(find(d, "user:amy", "requests")->limit, 2);
    }

    void garbagePolicyNamesTheField()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("requests", "fortnight", 1)});
        p.write(conn());
        // acquire reads the plan fields (contract "Plan fields"); errors name the field and the line.
        expectError([&] { engine().acquire("amy", {}, {}, 1000); }, StoreError::Kind::Protocol,
                    "field plan:default line 2 (L requests fortnight 1 0 -): the window is not");
        conn().call({"HSET", "qd:policy:compiled", "plan:default", "{not json"});
        expectError([&] { engine().acquire("amy", {}, {}, 1000); }, StoreError::Kind::Protocol,
                    "qd:policy:compiled field plan:default line 1 ({not json): unknown line");
        p.fields["tier:free"] = tier({});
        p.fields["subject:user:amy"] = subject("gold");
        p.write(conn());
        expectError([&] { engine().acquire("amy", {}, {}, 1000); }, StoreError::Kind::Protocol,
                    "field plan:user:amy: the tier gold of user:amy does not exist");
        p.fields["subject:user:amy"] = subject({}, "a");
        p.fields["group:a"] = group({}, "b");
        p.fields["group:b"] = group({}, "a");
        p.write(conn());
        expectError([&] { engine().acquire("amy", {}, {}, 1000); }, StoreError::Kind::Protocol,
                    "the group chain of user:amy is deeper than 16 levels (a parent cycle?)");
        conn().call({"HSET", "qd:policy:compiled", "plan", "[1,2"});
        expectError([&] { engine().acquire("amy", {}, {}, 1000); }, StoreError::Kind::Protocol,
                    "field plan: [1,2 is not");
        conn().call({"SET", "qd:clock:offset_ms", "soon"});
        expectError([&] { engine().acquire("amy", {}, {}, 1000); }, StoreError::Kind::Protocol,
                    "qd:clock:offset_ms");
    }

    void heartbeatLoadRuleHysteresis()
    {
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("requests", "day", 10)});
        p.fields["tier:pro"] = tier({limit("requests", "day", 10)});
        p.loadRules = QJsonArray{QJsonObject{{"name", "slow"},
                                             {"tiers", QJsonArray{"free", "pro"}},
                                             {"signal", "upstream_latency_ms"},
                                             {"engage_above", 800},
                                             {"release_below", 400},
                                             {"factor", 0.5}}};
        p.write(conn());
        // The operator's factor on pro wins over the rule while it is in force.
        conn().call({"HSET", "qd:load", "pro", R"({"factor":0.8,"source":"operator:ops","since":1})"});
        RedisConnection subscriber(m_server->endpoint());
        subscriber.connect();
        subscriber.send({"SUBSCRIBE", "qd:events"});
        RedisReply ack;
        QVERIFY(subscriber.readReply(ack, 2000));

        QuotaEngine other(conn(), kPrefix, QStringLiteral("gw-other"));
        QCOMPARE(engine().heartbeat({{"upstream_latency_ms", 500}}).value("free", 1.0), 1.0);
        // Engages when any gateway's signal goes above the threshold.
        auto load = other.heartbeat({{"upstream_latency_ms", 900}});
        QCOMPARE(load.value("free"), 0.5);
        QCOMPARE(load.value("pro"), 0.8);
        RedisReply event;
        QVERIFY(subscriber.readReply(event, 2000));
        QCOMPARE(QJsonDocument::fromJson(event.elements[2].string).object(),
                 (QJsonObject{{"type", "load"}, {"tier", "free"}, {"factor", 0.5}}));
        QVERIFY(!subscriber.readReply(event, 200)); // pro kept the operator's factor: no event
        QCOMPARE(conn().call({"HGET", "qd:load:rules", "slow"}).string, QByteArray("1"));
        const Decision d = engine().acquire("hal", {}, {}, 1000);
        QCOMPARE(find(d, "user:hal", "requests")->limit, 5);
        // Between the thresholds: stays engaged (max over gateways is what counts).
        other.heartbeat({{"upstream_latency_ms", 600}});
        QCOMPARE(engine().heartbeat({{"upstream_latency_ms", 300}}).value("free"), 0.5);
        // Releases below: only when the worst gateway is below too.
        load = other.heartbeat({{"upstream_latency_ms", 350}});
        QVERIFY(!load.contains("free"));
        QCOMPARE(load.value("pro"), 0.8);
        QVERIFY(subscriber.readReply(event, 2000));
        QCOMPARE(QJsonDocument::fromJson(event.elements[2].string).object(),
                 (QJsonObject{{"type", "load"}, {"tier", "free"}, {"factor", 1}}));
        QVERIFY(conn().call({"HGET", "qd:load:rules", "slow"}).isNil());
        // A stale gateway (seen > 30 s ago) no longer counts.
        other.heartbeat({{"upstream_latency_ms", 5000}});
        QCOMPARE(engine().heartbeat({{"upstream_latency_ms", 100}}).value("free"), 0.5);
        advance(conn(), 31000);
        QVERIFY(!engine().heartbeat({{"upstream_latency_ms", 100}}).contains("free"));
        const RedisReply gw = conn().call({"HGET", "qd:gateways", "gw-test"});
        QVERIFY(gw.string.contains("\"host\""));
        QVERIFY(gw.string.contains("\"upstream_latency_ms\":100"));
    }

    void policyWatcherFollowsEventsAndPolls()
    {
        conn().call({"SET", "qd:policy:version", "3"});
        PolicyWatcher watcher(m_server->endpoint(), kPrefix, 300);
        QSignalSpy versions(&watcher, &PolicyWatcher::policyVersionChanged);
        QSignalSpy events(&watcher, &PolicyWatcher::eventReceived);
        watcher.start();
        QTRY_COMPARE_WITH_TIMEOUT(versions.size(), 1, 5000);
        QCOMPARE(versions.at(0).at(0).toLongLong(), 3);
        // Published events arrive as they are.
        QTRY_VERIFY_WITH_TIMEOUT(watcher.isConnected(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            conn().call({"PUBLISH", "qd:events", R"({"type":"policy","version":4})"}).integer == 1 &&
                !events.isEmpty(),
            5000);
        QCOMPARE(events.at(0).at(0).toByteArray(), QByteArray(R"({"type":"policy","version":4})"));
        QTRY_COMPARE_WITH_TIMEOUT(watcher.version(), 4, 5000);
        // A version change nobody announced is found by polling.
        conn().call({"SET", "qd:policy:version", "5"});
        QTRY_COMPARE_WITH_TIMEOUT(watcher.version(), 5, 5000);
        QCOMPARE(versions.last().at(0).toLongLong(), 5);
        // Survives a server restart.
        QVERIFY(m_server->restart());
        RedisConnection fresh(m_server->endpoint());
        fresh.call({"SET", "qd:policy:version", "9"});
        QTRY_COMPARE_WITH_TIMEOUT(watcher.version(), 9, 15000);
        watcher.stop();
        QVERIFY(!watcher.isConnected());
    }
};

QUOTADESK_TEST_MAIN(TestQuotaEngine)
#include "tst_QuotaEngine.moc"
