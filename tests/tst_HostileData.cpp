// Data read from Redis is untrusted: control characters and megabyte-long subject names, huge numbers and
// hostile JSON in the policy must give decisions or clear errors naming the key, never a crash or a hang.
// (Run under -DQUOTADESK_SANITIZE=ON as well: that is what catches the silent kind of breakage.)
#include "EngineTestSupport.h"
#include "LocalRedisServer.h"
#include "Policy.h"
#include "PolicyStore.h"
#include "QuotaEngine.h"
#include "StoreError.h"
#include "TestMain.h"
#include "UsageReader.h"

#include <condition_variable>
#include <mutex>
#include <thread>

using namespace quotadesk;
using namespace quotadesk::enginetest;

namespace {
// Aborts the whole test with the case's name if the case outlives its deadline: a hang on hostile input is
// a bug, and it must fail the run rather than stall it until CTest's timeout.
class Watchdog
{
public:
    Watchdog(QByteArray what, int seconds)
        : m_thread([this, what = std::move(what), seconds] {
              std::unique_lock lock(m_mutex);
              if (!m_done.wait_for(lock, std::chrono::seconds(seconds), [this] { return m_finished; }))
                  qFatal("%s: still running after %d s (hang on hostile input)", what.constData(), seconds);
          })
    {}
    ~Watchdog()
    {
        {
            std::lock_guard lock(m_mutex);
            m_finished = true;
        }
        m_done.notify_one();
        m_thread.join();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_done;
    bool m_finished = false;
    std::thread m_thread;
};

QByteArray nested(int depth, char open, char close, const QByteArray& inner = {})
{
    return QByteArray(depth, open) + inner + QByteArray(depth, close);
}

QByteArray deepObject(int depth)
{
    QByteArray s;
    s.reserve(depth * 7);
    for (int i = 0; i < depth; ++i)
        s += "{\"a\":";
    return s + "1" + QByteArray(depth, '}');
}
} // namespace

class TestHostileData final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_admin;

    static void expectClearError(const std::function<void()>& action, const QString& mustName)
    {
        try {
            action();
            QFAIL(qPrintable(QStringLiteral("no error; expected one naming %1").arg(mustName)));
        } catch (const StoreError& e) {
            QVERIFY2(e.message().contains(mustName), qPrintable(e.message().left(500)));
            // A hostile value is named, not echoed: a 4 MB string must not become a 4 MB message.
            QVERIFY2(e.message().size() < 2000, qPrintable(e.message().left(500)));
        }
    }

private slots:
    void replyFieldsOfTheWrongType()
    {
        // Found by fuzz_acquire_reply: nlohmann's value() threw type_error and terminated the gateway.
        for (const QByteArray& reply :
             {QByteArray(R"({"admitted":"no_lished"})"),
              QByteArray(R"({"admitted":1,"limits":{},"denied_by":[]})"),
              QByteArray(R"({"admitted":null,"version":"7","retry_after":"soon"})")}) {
            const Decision d = QuotaEngine::parseAcquireReply(reply);
            QVERIFY2(!d.admitted, reply.constData());
        }
    }

    void initTestCase()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_admin = std::make_unique<RedisConnection>(m_server->endpoint(), 30000);
    }

    void init()
    {
        m_admin->call({"FLUSHALL"});
        TestPolicy p;
        p.fields["tier:free"] = tier({limit("requests", "minute", 100), limit("tokens", "day", 1000000),
                                      limit("concurrency", {}, 10)});
        p.write(*m_admin);
    }

    // Found by fuzz_redis_reply: an array header alone made hiredis allocate 5 GB of element pointers.
    void hugeArrayHeaderIsRefused()
    {
        QString error;
        const QList<RedisReply> replies =
            RedisConnection::parseReplies(QByteArray("*0\r\n*666666660\r\n*1\r\n$1\r\nx\r\n"), &error);
        QCOMPARE(replies.size(), qsizetype(1)); // the empty array before it
        QCOMPARE(error,
                 QStringLiteral("malformed reply: an array of 666666660 elements (at most 16777216 are "
                                "accepted)"));
        // A large real reply still parses: 100,000 elements.
        QByteArray big = "*100000\r\n";
        for (int i = 0; i < 100000; ++i)
            big += ":1\r\n";
        error.clear();
        QCOMPARE(RedisConnection::parseReplies(big, &error).value(0).elements.size(), qsizetype(100000));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void controlCharactersAndHugeNames()
    {
        RedisConnection conn(m_server->endpoint(), 30000);
        QuotaEngine engine(conn, QStringLiteral("qd:"), QStringLiteral("gw-hostile"));
        const QString control = QStringLiteral("user:evil\x01\x1b[31m\x7f\u202e");
        const Decision d = engine.acquire(control, {}, {10, 0}, 60000);
        QVERIFY2(d.admitted, d.raw.constData());
        engine.settle(d.leaseId, {5, 0});
        const QString huge = QStringLiteral("user:") + QString(1 << 20, QLatin1Char('x'));
        const Decision big = engine.acquire(huge, {}, {10, 0}, 60000);
        QVERIFY(big.admitted);
        // A name with whitespace is refused by the script with a message naming the argument.
        expectClearError(
            [&] {
                engine.acquire(QStringLiteral("user:a b\n"), {}, {1, 0}, 1000);
            },
            QStringLiteral("ARGV[2]"));

        QVERIFY(engine.foldUsage() > 0); // P subjects is fed by the usage log
        UsageReader reader(conn, QStringLiteral("qd:"));
        const QStringList page = reader.subjectsPage(QStringLiteral("user:"), {}, 10);
        QVERIFY(page.contains(control));
        QVERIFY(page.contains(huge));
        const QList<SubjectUsage> usage = reader.subjectUsage({control, huge});
        QCOMPARE(usage.size(), qsizetype(2));
        QCOMPARE(usage[0].id, control);
    }

    void garbageCountersNameTheirKey()
    {
        RedisConnection conn(m_server->endpoint(), 30000);
        QuotaEngine engine(conn, QStringLiteral("qd:"), QStringLiteral("gw-hostile"));
        QVERIFY(engine.acquire(QStringLiteral("gus"), {}, {1, 0}, 60000).admitted);
        const QByteArray bucket = "qd:tb:user:gus:requests:minute";
        m_admin->call({"HSET", bucket, "t", "lots", "ts", "\xff\xfe"});
        expectClearError(
            [&] {
                engine.acquire(QStringLiteral("gus"), {}, {1, 0}, 60000);
            },
            QString::fromLatin1(bucket));
        // Absurdly large but numeric values: a decision, not a crash (buckets are capped at capacity).
        m_admin->call({"HSET", bucket, "t", "1e308", "ts", "99999999999999999999999"});
        const Decision d = engine.acquire(QStringLiteral("gus"), {}, {1, 0}, 60000);
        QVERIFY2(d.admitted || d.code == QLatin1String("denied"), d.raw.constData());
        m_admin->call({"SET", "qd:clock:offset_ms", "12abc"});
        expectClearError(
            [&] {
                engine.acquire(QStringLiteral("gus"), {}, {1, 0}, 60000);
            },
            QStringLiteral("qd:clock:offset_ms"));
        m_admin->call({"DEL", "qd:clock:offset_ms"});
        m_admin->call({"HSET", "qd:load", "free", "[1,2,3]"});
        expectClearError(
            [&] {
                engine.acquire(QStringLiteral("gus"), {}, {1, 0}, 60000);
            },
            QStringLiteral("qd:load field free"));
    }

    // Every script takes the store clock from the same shared code (resources/lua/include/store_clock.lua):
    // a non-integer offset stops each of them with the key named, and a megabyte of it is not echoed.
    void garbageClockOffsetIsNamedByEveryScript()
    {
        RedisConnection conn(m_server->endpoint(), 30000);
        QuotaEngine engine(conn, QStringLiteral("qd:"), QStringLiteral("gw-hostile"));
        const Decision d = engine.acquire(QStringLiteral("gus"), {}, {1, 0}, 60000);
        QVERIFY2(d.admitted, d.raw.constData());
        PolicyStore store(conn, QStringLiteral("qd:"),
                          Actor(QStringLiteral("default"), QStringLiteral("t@h")));
        m_admin->call({"SET", "qd:clock:offset_ms", QByteArray(1 << 20, '7') + "x"});
        const QString key = QStringLiteral("qd:clock:offset_ms");
        expectClearError([&] { engine.acquire(QStringLiteral("gus"), {}, {1, 0}, 60000); }, key);
        expectClearError([&] { engine.settle(d.leaseId, {1, 0}); }, key);
        expectClearError([&] { engine.foldUsage(); }, key);
        expectClearError([&] { store.resetCounters(QStringLiteral("user:gus"), QStringLiteral("t")); }, key);
        // Nothing was written: the lease is still open and the counters were not reset.
        QCOMPARE(m_admin->call({"EXISTS", "qd:lease:" + d.leaseId.toUtf8()}).integer, 1);
        QCOMPARE(m_admin->call({"EXISTS", "qd:tb:user:gus:requests:minute"}).integer, 1);
        m_admin->call({"DEL", "qd:clock:offset_ms"});
        engine.settle(d.leaseId, {1, 0});
        QCOMPARE(m_admin->call({"EXISTS", "qd:lease:" + d.leaseId.toUtf8()}).integer, 0);
    }

    void hostileGatewaysAndSeriesForTheReader()
    {
        RedisConnection conn(m_server->endpoint(), 30000);
        QuotaEngine engine(conn, QStringLiteral("qd:"), QStringLiteral("gw-hostile"));
        QVERIFY(engine.acquire(QStringLiteral("ivy"), {}, {1, 0}, 60000).admitted);
        m_admin->call({"HSET", "qd:gateways", "gw\x01", "not json", "gw-big",
                       "{\"id\":\"gw-big\",\"pid\":1e300,\"dps\":\"fast\",\"seen\":-5}"});
        UsageReader reader(conn, QStringLiteral("qd:"));
        try {
            const QList<GatewayInfo> gateways = reader.gateways();
            QVERIFY(gateways.size() <= 2);
        } catch (const StoreError& e) {
            QVERIFY2(e.message().contains(QStringLiteral("qd:gateways")), qPrintable(e.message()));
        }
        m_admin->call({"ZADD", "qd:top:requests:day:0", "1e308", "user:x"});
        try {
            reader.fleetTotals();
        } catch (const StoreError& e) {
            QVERIFY2(e.message().contains(QStringLiteral("qd:")), qPrintable(e.message()));
        }
    }

    // Each row puts one hostile value into one `P policy:compiled` field (the rest of the policy is good)
    // and, wrapped as a tier, into the `P policy` document.
    void hostilePolicy_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QByteArray>("value");
        const int deep = 100000;
        const QByteArray limit = R"({"metric":"requests","window":"minute","limit":100})";
        QTest::newRow("deep array as tier") << QByteArray("tier:free") << nested(deep, '[', ']');
        QTest::newRow("deep object in a limit")
            << QByteArray("tier:free")
            << R"({"limits":[{"metric":"requests","window":"minute","limit":1,"x":)" + deepObject(deep) +
                   "}]}";
        QTest::newRow("deep tz in meta")
            << QByteArray("meta")
            << R"({"version":1,"default_tier":"free","tz":)" + nested(deep, '[', ']') + "}";
        QTest::newRow("deep attributes")
            << QByteArray("tier:free")
            << "{\"limits\":[" + limit + "],\"attributes\":" + deepObject(deep) + "}";
        QTest::newRow("4 MB window")
            << QByteArray("tier:free")
            << QByteArray("{\"limits\":[{\"metric\":\"requests\",\"limit\":1,\"window\":\"") +
                   QByteArray(4 << 20, 'w') + "\"}]}";
        QTest::newRow("-1e999 limit") << QByteArray("tier:free")
                                      << QByteArray(R"({"limits":[{"metric":"requests","window":"minute",)"
                                                    R"("limit":-1e999,"burst":1e999}]})");
        QTest::newRow("1e999 burst") << QByteArray("tier:free")
                                     << QByteArray(R"({"limits":[{"metric":"requests","window":"minute",)"
                                                   R"("limit":5,"burst":1e999}]})");
        QTest::newRow("limits is an object")
            << QByteArray("tier:free") << QByteArray(R"({"limits":{"metric":"requests"}})");
        QTest::newRow("limit is a number") << QByteArray("tier:free") << QByteArray(R"({"limits":[5,null]})");
        QTest::newRow("limit fields mistyped")
            << QByteArray("tier:free")
            << QByteArray(R"({"limits":[{"metric":["requests"],"window":{},"limit":"100","burst":true}],)"
                          R"("attributes":[1],"on_store_unavailable":7,"emergency_budget":"lots"})");
        QTest::newRow("tier is a string") << QByteArray("tier:free") << QByteArray(R"("free")");
        QTest::newRow("meta mistyped")
            << QByteArray("meta") << QByteArray(R"({"version":"one","default_tier":["free"],"tz":"utc"})");
        QTest::newRow("meta is null") << QByteArray("meta") << QByteArray("null");
        QTest::newRow("meta -1e999")
            << QByteArray("meta")
            << QByteArray(R"({"version":-1e999,"default_tier":"free","tz":[[-1e999,1e999]]})");
        QTest::newRow("tz offset 1e999")
            << QByteArray("meta") << QByteArray(R"({"version":1,"default_tier":"free","tz":[[0,1e999]]})");
        QTest::newRow("meta not JSON") << QByteArray("meta") << QByteArray("{\"version\":1,\xff\xfe");
        QTest::newRow("subject mistyped")
            << QByteArray("subject:user:hal") << QByteArray(R"({"tier":5,"group":[],"limits":"none"})");
        QTest::newRow("group mistyped")
            << QByteArray("group:g") << QByteArray(R"({"parent":{"x":1},"limits":[null,{"limit":-1e999}]})");
    }

    // Hostile text written straight into the plan fields acquire.lua reads (contract "Plan fields").
    void hostilePlan_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("named");
        QTest::newRow("plan not a version line")
            << QByteArray("plan") << QByteArray("{\"version\":1}") << QStringLiteral("field plan: {");
        QTest::newRow("tz offset beyond a day")
            << QByteArray("plan") << QByteArray("1 free\n0:999999") << QStringLiteral("beyond a day");
        QTest::newRow("limit 1e999") << QByteArray("plan:default")
                                     << QByteArray("T free\nL requests minute 1e999 0 -")
                                     << QStringLiteral("field plan:default line 2");
        QTest::newRow("negative limit")
            << QByteArray("plan:default") << QByteArray("T free\nL requests minute -5 0 -")
            << QStringLiteral("field plan:default line 2");
        QTest::newRow("window for concurrency")
            << QByteArray("plan:default") << QByteArray("T free\nL concurrency minute 5 0 -")
            << QStringLiteral("the window is not");
        QTest::newRow("4 MB line") << QByteArray("plan:default") << "T free\nL " + QByteArray(4 << 20, 'w')
                                   << QStringLiteral("bytes)");
        QTest::newRow("attributes not JSON") << QByteArray("plan:default") << QByteArray("T free\nA [1,")
                                             << QStringLiteral("the attributes are not a JSON object");
        QTest::newRow("no tier line") << QByteArray("plan:user:hal") << QByteArray("L requests minute 5 0 -")
                                      << QStringLiteral("field plan:user:hal");
        QTest::newRow("override after a group")
            << QByteArray("plan:user:hal") << QByteArray("T free\nG g\nO requests minute 5 0 -")
            << QStringLiteral("an override after a group line");
    }

    void hostilePlan()
    {
        QFETCH(QByteArray, field);
        QFETCH(QByteArray, value);
        QFETCH(QString, named);
        m_admin->call({"HSET", "qd:policy:compiled", field, value});
        RedisConnection conn(m_server->endpoint(), 30000);
        QuotaEngine engine(conn, QStringLiteral("qd:"), QStringLiteral("gw-hostile"));
        expectClearError(
            [&] {
                engine.acquire(QStringLiteral("hal"), {}, {1, 0}, 60000);
            },
            QStringLiteral("qd:policy:compiled"));
        try {
            engine.acquire(QStringLiteral("hal"), {}, {1, 0}, 60000);
        } catch (const StoreError& e) {
            QVERIFY2(e.message().contains(named), qPrintable(e.message().left(500)));
        }
    }

    void hostilePolicy()
    {
        QFETCH(QByteArray, field);
        QFETCH(QByteArray, value);
        const Watchdog watchdog(QByteArray("hostilePolicy(") + QTest::currentDataTag() + ')', 60);
        const QString compiled = QStringLiteral("qd:policy:compiled");
        // hal's subject field points at group g, so the group rows are read too.
        m_admin->call({"HSET", "qd:policy:compiled", "subject:user:hal", R"({"group":"g"})", "group:g",
                       R"({"limits":[]})"});
        m_admin->call({"HSET", "qd:policy:compiled", field, value});
        // acquire reads the plan fields: derive them from the hostile JSON as an upgrade would (admin.lua
        // replan), so the hostile value reaches acquire too.
        replan(*m_admin);
        const QByteArray document =
            R"({"schema":1,"timezone":"UTC","default_tier":"free","tiers":{"free":)" + value + "}}";
        m_admin->call({"SET", "qd:policy", document});

        // The engine refuses every one of them with an error naming the compiled policy: no admission on
        // a policy it cannot read (a limits object would otherwise read as "no limits").
        RedisConnection conn(m_server->endpoint(), 30000);
        QuotaEngine engine(conn, QStringLiteral("qd:"), QStringLiteral("gw-hostile"));
        expectClearError([&] { engine.acquire(QStringLiteral("hal"), {}, {1, 0}, 60000); }, compiled);
        // With local decisions it decides by its cache (empty here, so fail_closed) and names the problem.
        RedisConnection localConn(m_server->endpoint(), 30000);
        QuotaEngine local(localConn, QStringLiteral("qd:"), QStringLiteral("gw-hostile-local"));
        local.enableLocalDecisions();
        localConn.setTimeoutMs(30000);
        const Decision d = local.acquire(QStringLiteral("hal"), {}, {1, 0}, 60000);
        QVERIFY2(!d.admitted && d.code == QLatin1String("store_unavailable"), d.raw.left(500).constData());
        QVERIFY2(local.policyProblem().contains(compiled), qPrintable(local.policyProblem().left(500)));
        if (!local.refreshPolicy())
            QVERIFY2(local.policyProblem().contains(compiled), qPrintable(local.policyProblem().left(500)));

        // The console's reader.
        UsageReader reader(conn, QStringLiteral("qd:"));
        try {
            const QList<SubjectUsage> usage = reader.subjectUsage({QStringLiteral("user:hal")});
            QCOMPARE(usage.size(), qsizetype(1));
            (void)reader.tierNames();
            (void)reader.groups();
        } catch (const StoreError& e) {
            QVERIFY2(e.message().contains(compiled), qPrintable(e.message().left(500)));
        }

        // The document as the console and quotactl show it: read back whole, then refused by Policy::parse
        // with issues that say where.
        PolicyStore store(conn, QStringLiteral("qd:"),
                          Actor(QStringLiteral("default"), QStringLiteral("t@h")));
        PolicyVersion current;
        try {
            current = store.current();
        } catch (const StoreError& e) {
            // Only bytes no JSON reader takes (invalid UTF-8) stop it, with the key and the byte named.
            QVERIFY2(e.message().contains(QStringLiteral("qd:policy holds invalid UTF-8")),
                     qPrintable(e.message().left(500)));
            return;
        }
        QCOMPARE(current.document, document);
        QList<PolicyIssue> issues;
        Policy::parse(current.document, &issues);
        QVERIFY2(!issues.isEmpty() || field != "tier:free", "a hostile tier parsed without an issue");
        for (const PolicyIssue& issue : issues)
            QVERIFY(!issue.message.isEmpty());
    }
};

QUOTADESK_TEST_MAIN(TestHostileData)
#include "tst_HostileData.moc"
