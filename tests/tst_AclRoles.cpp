// The ACL roles of packaging/redis-acl.conf, loaded into a real redis-server: each role can do its job and
// gets NOPERM for everything else; quotactl turns NOPERM into exit code 4 with a clear message; passwords
// never show up in quotactl's output.
#include "Actor.h"
#include "LocalRedisServer.h"
#include "PolicyStore.h"
#include "QuotaEngine.h"
#include "RedisConnection.h"
#include "RequestStore.h"
#include "ScriptRunner.h"
#include "StoreError.h"
#include "TestMain.h"
#include "UsageReader.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace quotadesk;

namespace {
const QString aclFile = QStringLiteral(QUOTADESK_SOURCE_DIR "/packaging/redis-acl.conf");
const QString policyFile = QStringLiteral(QUOTADESK_SOURCE_DIR "/resources/policies/minimal.json");

QString passwordOf(const QString& role)
{
    return QStringLiteral("pw-%1-7f3a").arg(role);
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};
} // namespace

class TestAclRoles final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    QTemporaryDir m_dir;

    RedisEndpoint endpointFor(const QString& role) const
    {
        RedisEndpoint ep = m_server->endpoint();
        ep.user = role;
        ep.password = passwordOf(role);
        return ep;
    }
    std::unique_ptr<RedisConnection> connect(const QString& role) const
    {
        auto conn = std::make_unique<RedisConnection>(endpointFor(role), 10000);
        conn->connect();
        return conn;
    }
    std::unique_ptr<RedisConnection> admin() const
    {
        auto conn = std::make_unique<RedisConnection>(m_server->endpoint(), 10000);
        conn->connect();
        return conn;
    }

    // Runs `argv` and asserts the reply is a NOPERM refusal (thrown as StoreError NoPermission).
    static void expectNoPerm(RedisConnection& conn, const RedisConnection::Command& argv)
    {
        try {
            const RedisReply r = conn.call(argv);
            QFAIL(qPrintable(
                QStringLiteral("%1 was allowed: %2").arg(QString::fromUtf8(argv.join(' ')), r.describe())));
        } catch (const StoreError& e) {
            QVERIFY2(e.kind() == StoreError::Kind::NoPermission, qPrintable(e.message()));
        }
    }

    Result quotactl(const QStringList& args, const QProcessEnvironment& extraEnv = {}) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QUOTADESK_REDIS_URL"));
        env.remove(QStringLiteral("QUOTADESK_REDIS_PASSWORD"));
        env.insert(extraEnv);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(QUOTACTL_PATH), args);
        Result r;
        if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit)
            return r;
        r.exitCode = p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    QString url(const QString& userInfo = {}) const
    {
        return QStringLiteral("redis://") + userInfo + QStringLiteral("127.0.0.1:") +
               QString::number(m_server->port());
    }

private slots:
    void initTestCase()
    {
        // The shipped file, unchanged, plus what an operator adds on deployment: `on` and a password.
        QStringList rules;
        const QStringList lines = QString::fromUtf8(readAll(aclFile)).split(QLatin1Char('\n'));
        for (const QString& line : lines) {
            if (!line.startsWith(QLatin1String("user ")))
                continue;
            const QString role = line.section(QLatin1Char(' '), 1, 1);
            rules << line + QStringLiteral(" on >") + passwordOf(role);
        }
        QCOMPARE(rules.size(), 3);
        LocalRedisServer::Options options;
        options.password = QStringLiteral("root-pw");
        options.aclRules = rules;
        m_server = std::make_unique<LocalRedisServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QVERIFY(m_dir.isValid());
    }

    void operatorPublishesAndDecidesRequests()
    {
        auto conn = connect(QStringLiteral("quota-operator"));
        const Actor actor = Actor::detect(*conn);
        QCOMPARE(actor.redisUser(), QStringLiteral("quota-operator"));
        PolicyStore policies(*conn, QStringLiteral("qd:"), actor);
        const qint64 before = policies.current().version;
        const qint64 version = policies.publish(readAll(policyFile), before, QStringLiteral("acl test"));
        QCOMPARE(version, before + 1);
        RequestStore requests(*conn, QStringLiteral("qd:"), actor);
        const qint64 id = requests.submit(QStringLiteral("user:ann"), QStringLiteral("requests"),
                                          QStringLiteral("minute"), 120, 0, QStringLiteral("load test"));
        const QuotaRequest approved = requests.approve(id);
        QCOMPARE(approved.state, QStringLiteral("approved"));
        QCOMPARE(policies.current().version, version + 1);
        conn->call({"SET", "qd:clock:offset_ms", "0"}); // operators own the test clock
    }

    void operatorIsConfinedToThePrefix()
    {
        auto conn = connect(QStringLiteral("quota-operator"));
        expectNoPerm(*conn, {"FLUSHALL"});
        expectNoPerm(*conn, {"CONFIG", "GET", "requirepass"});
        expectNoPerm(*conn, {"ACL", "SETUSER", "quota-operator", "+@all"});
        expectNoPerm(*conn, {"SCRIPT", "FLUSH"});
        expectNoPerm(*conn, {"KEYS", "*"});
        expectNoPerm(*conn, {"SET", "other:key", "1"});
        expectNoPerm(*conn, {"GET", "other:key"});
        expectNoPerm(*conn, {"SUBSCRIBE", "other-channel"});
    }

    void gatewayRunsTheEngineScripts()
    {
        {
            auto op = connect(QStringLiteral("quota-operator"));
            PolicyStore policies(*op, QStringLiteral("qd:"), Actor::detect(*op));
            if (policies.current().version == 0)
                policies.publish(readAll(policyFile), 0, QStringLiteral("acl test"));
        }
        auto conn = connect(QStringLiteral("quota-gateway"));
        QuotaEngine engine(*conn, QStringLiteral("qd:"), QStringLiteral("gw-acl"));
        const Decision d = engine.acquire(QStringLiteral("bob"), QStringLiteral("web"), {100, 0.5}, 60000);
        QVERIFY2(d.admitted, d.raw.constData());
        engine.settle(d.leaseId, {40, 0.2});
        const Decision d2 = engine.acquire(QStringLiteral("bob"), {}, {10, 0}, 60000);
        QVERIFY(d2.admitted);
        engine.release(d2.leaseId);
        engine.heartbeat({{"upstream_latency_ms", 12}});
        // The engine's own reads and writes: the policy cache and outage reports into the series.
        QVERIFY(conn->call({"HGETALL", "qd:policy:compiled"}).toArray(QStringLiteral("compiled")).size() > 0);
        conn->call({"HINCRBY", "qd:ts:m:0", "fleet|o", "1"});
        QCOMPARE(admin()->call({"HGET", "qd:gateways", "gw-acl"}).isNil(), false);
    }

    void gatewayCannotTouchPolicyOrAdministration()
    {
        auto conn = connect(QStringLiteral("quota-gateway"));
        expectNoPerm(*conn, {"SET", "qd:policy", "{}"});
        expectNoPerm(*conn, {"GET", "qd:policy"});
        expectNoPerm(*conn, {"HSET", "qd:policy:compiled", "meta", "{}"});
        expectNoPerm(*conn, {"SET", "qd:policy:version", "99"});
        expectNoPerm(*conn, {"SET", "qd:clock:offset_ms", "-30000"});
        expectNoPerm(*conn, {"XADD", "qd:audit", "*", "actor", "me"});
        expectNoPerm(*conn, {"HSET", "qd:req:1", "state", "approved"});
        expectNoPerm(*conn, {"FLUSHALL"});
        expectNoPerm(*conn, {"KEYS", "*"});
        expectNoPerm(*conn, {"GET", "other:key"});
        expectNoPerm(*conn, {"SUBSCRIBE", "qd:events"});
        // Even through EVAL: admin.lua publish and a hand-written script writing the policy.
        ScriptRunner runner(*conn, QStringLiteral("qd:"));
        // The current version, so the script gets past its compare-and-set to the writes.
        const QByteArray current = conn->call({"GET", "qd:policy:version"}).string;
        const RedisReply publish =
            runner.run(QStringLiteral("admin"), {"publish", "quota-gateway", "me@host", current,
                                                 readAll(policyFile), "[[0,0]]", "hack", "policy.publish"});
        QVERIFY2(publish.isError(), qPrintable(publish.describe()));
        try {
            RedisConnection::throwIfError(publish, QStringLiteral("admin"));
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::NoPermission);
            QVERIFY2(e.message().contains(QStringLiteral("ACL")), qPrintable(e.message()));
        }
        expectNoPerm(*conn,
                     {"EVAL", "return redis.call('HSET', ARGV[1], 'meta', '{}')", "0", "qd:policy:compiled"});
        expectNoPerm(*conn, {"EVAL", "return redis.call('FLUSHALL')", "0"});
        QCOMPARE(admin()->call({"GET", "qd:policy:version"}).string, current);
        QCOMPARE(admin()->call({"EXISTS", "qd:policy"}).integer, 1);
    }

    void viewerReadsAndSubscribesOnly()
    {
        auto conn = connect(QStringLiteral("quota-viewer"));
        UsageReader reader(*conn, QStringLiteral("qd:"));
        QVERIFY(reader.nowMs() > 0);
        QVERIFY(reader.policyVersion() >= 1);
        QVERIFY(reader.subjectCount() >= 1);
        reader.fleetTotals();
        reader.gateways();
        PolicyStore policies(*conn, QStringLiteral("qd:"), Actor::detect(*conn));
        QVERIFY(!policies.current().document.isEmpty());
        QVERIFY(!policies.history().isEmpty());
        expectNoPerm(*conn, {"SET", "qd:policy", "{}"});
        expectNoPerm(*conn, {"DEL", "qd:subjects"});
        expectNoPerm(*conn, {"KEYS", "*"});
        expectNoPerm(*conn, {"GET", "other:key"});
        expectNoPerm(*conn, {"CONFIG", "GET", "*"});
        // A decision writes counters: refused for a viewer even with the real script.
        QuotaEngine engine(*conn, QStringLiteral("qd:"), QStringLiteral("viewer"));
        QVERIFY_THROWS_EXCEPTION(StoreError, engine.acquire(QStringLiteral("bob"), {}, {1, 0}, 1000));
        try {
            PolicyStore(*conn, QStringLiteral("qd:"), Actor::detect(*conn))
                .publish(readAll(policyFile), policies.current().version, QStringLiteral("nope"));
            QFAIL("a viewer published");
        } catch (const StoreError& e) {
            QVERIFY2(e.kind() == StoreError::Kind::NoPermission, qPrintable(e.message()));
        }
        expectNoPerm(*conn, {"SUBSCRIBE", "other-channel"});
        // Last, since it leaves the connection in subscriber mode.
        const RedisReply sub = conn->call({"SUBSCRIBE", "qd:events"});
        QCOMPARE(sub.elements.value(0).string, QByteArray("subscribe"));
    }

    void quotactlReportsNoPermissionClearly()
    {
        const Result viewer =
            quotactl({"--redis",
                      url(QStringLiteral("quota-viewer:%1@").arg(passwordOf(QStringLiteral("quota-viewer")))),
                      "policy", "set", policyFile, "--comment", "x"});
        QCOMPARE(viewer.exitCode, 4);
        QVERIFY2(viewer.err.contains(QStringLiteral("permission denied by the Redis ACL")),
                 qPrintable(viewer.err));
        const Result gateway = quotactl(
            {"--redis",
             url(QStringLiteral("quota-gateway:%1@").arg(passwordOf(QStringLiteral("quota-gateway")))),
             "policy", "set", policyFile, "--comment", "x"});
        QCOMPARE(gateway.exitCode, 4);
        QVERIFY2(gateway.err.contains(QStringLiteral("permission denied by the Redis ACL")),
                 qPrintable(gateway.err));
        // The same viewer may read.
        const Result get =
            quotactl({"--redis",
                      url(QStringLiteral("quota-viewer:%1@").arg(passwordOf(QStringLiteral("quota-viewer")))),
                      "policy", "get"});
        QVERIFY2(get.exitCode == 0, qPrintable(get.all()));
        QVERIFY(get.out.contains(QStringLiteral("\"tiers\"")));
    }

    void passwordsNeverAppearInOutput()
    {
        const QString wrong = QStringLiteral("Wr0ng-S3cret-9917");
        const QString right = passwordOf(QStringLiteral("quota-viewer"));
        // A wrong password in the URL, in the environment, a right one, and an unreachable server.
        const Result viaUrl =
            quotactl({"--redis", url(QStringLiteral("quota-viewer:%1@").arg(wrong)), "policy", "get"});
        QCOMPARE(viaUrl.exitCode, 4);
        QVERIFY2(!viaUrl.all().contains(wrong), qPrintable(viaUrl.all()));
        QVERIFY2(viaUrl.err.contains(QStringLiteral("quota-viewer@127.0.0.1")), qPrintable(viaUrl.err));

        QProcessEnvironment env;
        env.insert(QStringLiteral("QUOTADESK_REDIS_PASSWORD"), wrong);
        const Result viaEnv =
            quotactl({"--redis", url(QStringLiteral("quota-viewer@")), "policy", "get"}, env);
        QCOMPARE(viaEnv.exitCode, 4);
        QVERIFY2(!viaEnv.all().contains(wrong), qPrintable(viaEnv.all()));

        env.insert(QStringLiteral("QUOTADESK_REDIS_PASSWORD"), right);
        const Result ok = quotactl({"--redis", url(QStringLiteral("quota-viewer@")), "policy", "get"}, env);
        QCOMPARE(ok.exitCode, 0);
        QVERIFY(!ok.all().contains(right));
        const Result audit = quotactl({"--redis", url(QStringLiteral("quota-viewer@")), "audit"}, env);
        QCOMPARE(audit.exitCode, 0);
        QVERIFY(!audit.all().contains(right));
        QVERIFY(!audit.all().contains(passwordOf(QStringLiteral("quota-operator"))));

        const Result down = quotactl(
            {"--redis", QStringLiteral("redis://quota-viewer:%1@127.0.0.1:1").arg(wrong), "policy", "get"});
        QCOMPARE(down.exitCode, 4);
        QVERIFY2(!down.all().contains(wrong), qPrintable(down.all()));
        // Nothing in the audit stream carries a password either.
        const QByteArray stream = admin()->call({"XRANGE", "qd:audit", "-", "+"}).describe().toUtf8();
        QVERIFY(!stream.isEmpty());
        for (const char* role : {"quota-viewer", "quota-operator", "quota-gateway"})
            QVERIFY(!stream.contains(passwordOf(QString::fromLatin1(role)).toUtf8()));
    }

    void passwordFileMustBe0600()
    {
        const QString path = m_dir.filePath(QStringLiteral("pw"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(passwordOf(QStringLiteral("quota-viewer")).toUtf8() + '\n');
        f.close();
        QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        const QStringList args{
            "--redis", url(QStringLiteral("quota-viewer@")), "--password-file", path, "policy", "get"};
        const Result open = quotactl(args);
        QCOMPARE(open.exitCode, 2);
        QVERIFY2(open.err.contains(QStringLiteral("chmod 600")), qPrintable(open.err));
        QVERIFY(!open.all().contains(passwordOf(QStringLiteral("quota-viewer"))));
        QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        const Result ok = quotactl(args);
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.all()));
        QVERIFY(!ok.all().contains(passwordOf(QStringLiteral("quota-viewer"))));
    }
};

QUOTADESK_TEST_MAIN(TestAclRoles)
#include "tst_AclRoles.moc"
