// quotactl as operators run it: the real binary (QProcess) against a real redis-server, checking what it
// prints and the exit codes scripts rely on.
#include "LocalRedisServer.h"
#include "RedisConnection.h"
#include "TestMain.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

using namespace quotadesk;

namespace {
struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

QString samplePolicyPath()
{
    return QStringLiteral(QUOTADESK_SOURCE_DIR "/resources/policies/sample.json");
}
QString minimalPolicyPath()
{
    return QStringLiteral(QUOTADESK_SOURCE_DIR "/resources/policies/minimal.json");
}
} // namespace

class TestQuotactl final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    QTemporaryDir m_dir;

    QString url() const { return QStringLiteral("redis://127.0.0.1:%1").arg(m_server->port()); }

    static Result run(const QStringList& args,
                      const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        QProcessEnvironment e = env;
        e.remove(QStringLiteral("QUOTADESK_REDIS_URL"));
        if (!env.contains(QStringLiteral("QUOTADESK_REDIS_PASSWORD")))
            e.remove(QStringLiteral("QUOTADESK_REDIS_PASSWORD"));
        p.setProcessEnvironment(e);
        p.start(QStringLiteral(QUOTACTL_PATH), args);
        Result r;
        if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit) {
            r.err = QStringLiteral("quotactl did not finish: %1").arg(p.errorString());
            return r;
        }
        r.exitCode = p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    Result ctl(QStringList args) const
    {
        args.prepend(url());
        args.prepend(QStringLiteral("--redis"));
        return run(args);
    }
    static QString describe(const Result& r)
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err);
    }
    QString writeFile(const QString& name, const QByteArray& content, QFile::Permissions perms)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(content);
        f.close();
        f.setPermissions(perms);
        return path;
    }

#define CHECK_EXIT(result, code) QVERIFY2((result).exitCode == (code), qPrintable(describe(result)))

private slots:
    void init()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }
    void cleanup()
    {
        m_server.reset();
    }

    void helpAndVersion()
    {
        const Result help = run({QStringLiteral("--help")});
        CHECK_EXIT(help, 0);
        for (const char* word :
             {"policy set FILE", "acquire USER", "request approve", "load set", "Exit codes"})
            QVERIFY2(help.out.contains(QLatin1String(word)), word);
        const Result version = run({QStringLiteral("--version")});
        CHECK_EXIT(version, 0);
        QVERIFY(version.out.contains(QStringLiteral(QUOTADESK_VERSION)));
    }

    void usageErrorsExitTwo()
    {
        CHECK_EXIT(run({}), 2);
        const Result unknown = ctl({QStringLiteral("frobnicate")});
        CHECK_EXIT(unknown, 2);
        QVERIFY(unknown.err.contains(QStringLiteral("unknown command \"frobnicate\"")));
        const Result option = ctl({QStringLiteral("policy"), QStringLiteral("get"),
                                   QStringLiteral("--tokens"), QStringLiteral("5")});
        CHECK_EXIT(option, 2);
        QVERIFY(option.err.contains(QStringLiteral("--tokens does not apply")));
        const Result args = ctl({QStringLiteral("release")});
        CHECK_EXIT(args, 2);
        QVERIFY(args.err.contains(QStringLiteral("expected LEASE")));
        const Result number = ctl({QStringLiteral("acquire"), QStringLiteral("user:a"),
                                   QStringLiteral("--tokens"), QStringLiteral("ten")});
        CHECK_EXIT(number, 2);
        QVERIFY(number.err.contains(QStringLiteral("--tokens: \"ten\"")));
        const Result required = ctl({QStringLiteral("settle"), QStringLiteral("1")});
        CHECK_EXIT(required, 2);
        QVERIFY(required.err.contains(QStringLiteral("--tokens is required")));
        const Result scheme = run({QStringLiteral("--redis"), QStringLiteral("http://h:1"),
                                   QStringLiteral("load"), QStringLiteral("show")});
        CHECK_EXIT(scheme, 2);
        QVERIFY(scheme.err.contains(QStringLiteral("redis:// or rediss://")));
        const Result insecure =
            ctl({QStringLiteral("--insecure"), QStringLiteral("load"), QStringLiteral("show")});
        CHECK_EXIT(insecure, 2);
        QVERIFY(insecure.err.contains(QStringLiteral("rediss://")));
        const Result date = ctl({QStringLiteral("request"), QStringLiteral("approve"), QStringLiteral("1"),
                                 QStringLiteral("--expires"), QStringLiteral("tomorrow")});
        CHECK_EXIT(date, 2);
        QVERIFY(date.err.contains(QStringLiteral("ISO 8601")));
    }

    void policyValidate()
    {
        CHECK_EXIT(run({QStringLiteral("policy"), QStringLiteral("validate"), samplePolicyPath()}), 0);
        const QString bad =
            writeFile(QStringLiteral("bad.json"),
                      R"({"schema": 1, "timezone": "UTC", "default_tier": "free", "tiers": {"free":
                                      {"limits": [{"metric": "requests", "window": "week", "limit": 10}]}}})",
                      QFile::ReadOwner | QFile::WriteOwner);
        const Result r = run({QStringLiteral("policy"), QStringLiteral("validate"), bad});
        CHECK_EXIT(r, 2);
        QVERIFY2(r.err.contains(QStringLiteral("/tiers/free/limits/0/window")), qPrintable(r.err));
        const Result missing =
            run({QStringLiteral("policy"), QStringLiteral("validate"), m_dir.filePath("none")});
        CHECK_EXIT(missing, 2);
        QVERIFY(missing.err.contains(QStringLiteral("cannot read")));
    }

    void policyPublishHistoryRollback()
    {
        const Result none = ctl({QStringLiteral("policy"), QStringLiteral("get")});
        CHECK_EXIT(none, 2);
        QVERIFY(none.err.contains(QStringLiteral("no policy is published")));

        Result r = ctl({QStringLiteral("policy"), QStringLiteral("set"), samplePolicyPath(),
                        QStringLiteral("--comment"), QStringLiteral("first")});
        CHECK_EXIT(r, 0);
        QVERIFY(r.out.contains(QStringLiteral("published version 1")));
        r = ctl({QStringLiteral("policy"), QStringLiteral("get")});
        CHECK_EXIT(r, 0);
        QVERIFY(QJsonDocument::fromJson(r.out.toUtf8())
                    .object()
                    .value(QStringLiteral("default_tier"))
                    .isString());

        // A stale expected version loses the compare-and-set: exit 5, nothing changes.
        r = ctl({QStringLiteral("policy"), QStringLiteral("set"), minimalPolicyPath(),
                 QStringLiteral("--expect-version"), QStringLiteral("0")});
        CHECK_EXIT(r, 5);
        QVERIFY2(r.err.contains(QStringLiteral("1")), qPrintable(r.err));
        RedisConnection conn(m_server->endpoint());
        QCOMPARE(conn.call({"GET", "qd:policy:version"}).string, QByteArray("1"));

        r = ctl({QStringLiteral("policy"), QStringLiteral("set"), minimalPolicyPath(),
                 QStringLiteral("--expect-version"), QStringLiteral("1"), QStringLiteral("--comment"),
                 QStringLiteral("smaller")});
        CHECK_EXIT(r, 0);
        QVERIFY(r.out.contains(QStringLiteral("published version 2")));

        r = ctl({QStringLiteral("policy"), QStringLiteral("history")});
        CHECK_EXIT(r, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[1].startsWith(QStringLiteral("2 ")) && lines[1].contains(QStringLiteral("smaller")));
        QVERIFY(lines[2].startsWith(QStringLiteral("1 ")) && lines[2].contains(QStringLiteral("first")));

        r = ctl({QStringLiteral("policy"), QStringLiteral("rollback"), QStringLiteral("1")});
        CHECK_EXIT(r, 0);
        QVERIFY(r.out.contains(QStringLiteral("published version 3")));
        r = ctl({QStringLiteral("policy"), QStringLiteral("get")});
        CHECK_EXIT(r, 0);
        QVERIFY(r.out.contains(QStringLiteral("user:alice"))); // the sample again, not the minimal policy
        QVERIFY(r.err.contains(QStringLiteral("version 3")));
        CHECK_EXIT(ctl({QStringLiteral("policy"), QStringLiteral("rollback"), QStringLiteral("99")}), 2);

        // An invalid file is refused before anything is published.
        const QString bad =
            writeFile(QStringLiteral("bad.json"), "{\"schema\": 2}", QFile::ReadOwner | QFile::WriteOwner);
        r = ctl({QStringLiteral("policy"), QStringLiteral("set"), bad});
        CHECK_EXIT(r, 2);
        QVERIFY(r.err.contains(QStringLiteral("nothing published")));
        QCOMPARE(conn.call({"GET", "qd:policy:version"}).string, QByteArray("3"));
    }

    void acquireSettleRelease()
    {
        CHECK_EXIT(ctl({QStringLiteral("policy"), QStringLiteral("set"), samplePolicyPath()}), 0);
        Result r = ctl({QStringLiteral("acquire"), QStringLiteral("user:alice"), QStringLiteral("--client"),
                        QStringLiteral("client:webapp"), QStringLiteral("--tokens"), QStringLiteral("500"),
                        QStringLiteral("--gpu-seconds"), QStringLiteral("1.5")});
        CHECK_EXIT(r, 0);
        const QJsonObject d = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(d.value(QStringLiteral("admitted")).toBool());
        const QString lease = d.value(QStringLiteral("lease")).toString();
        QVERIFY(!lease.isEmpty());

        r = ctl({QStringLiteral("settle"), lease, QStringLiteral("--tokens"), QStringLiteral("320")});
        CHECK_EXIT(r, 0);
        QVERIFY(r.out.contains(QStringLiteral("settled lease %1").arg(lease)));
        // Settled leases are gone: settling again is an unknown lease, bad input.
        r = ctl({QStringLiteral("settle"), lease, QStringLiteral("--tokens"), QStringLiteral("320")});
        CHECK_EXIT(r, 2);
        QVERIFY(r.err.contains(lease));

        r = ctl({QStringLiteral("acquire"), QStringLiteral("alice"), QStringLiteral("--tokens"),
                 QStringLiteral("100")});
        CHECK_EXIT(r, 0);
        const QString second =
            QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("lease")).toString();
        CHECK_EXIT(ctl({QStringLiteral("release"), second}), 0);
        CHECK_EXIT(ctl({QStringLiteral("release"), second}), 2);

        // user:heidi may hold one lease at a time: the second acquire is denied, exit 3, JSON on stdout.
        r = ctl({QStringLiteral("acquire"), QStringLiteral("user:heidi")});
        CHECK_EXIT(r, 0);
        r = ctl({QStringLiteral("acquire"), QStringLiteral("user:heidi")});
        CHECK_EXIT(r, 3);
        const QJsonObject denied = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(denied.value(QStringLiteral("admitted")).toBool(true), false);
        QCOMPARE(
            denied.value(QStringLiteral("denied_by")).toObject().value(QStringLiteral("metric")).toString(),
            QStringLiteral("concurrency"));
        QVERIFY(r.err.contains(QStringLiteral("denied")));

        // A lease settled after it expired: conflict, exit 5.
        r = ctl({QStringLiteral("acquire"), QStringLiteral("user:bob"), QStringLiteral("--tokens"),
                 QStringLiteral("10"), QStringLiteral("--lease-ttl"), QStringLiteral("0.2")});
        CHECK_EXIT(r, 0);
        const QString shortLease =
            QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("lease")).toString();
        QThread::msleep(400);
        r = ctl({QStringLiteral("settle"), shortLease, QStringLiteral("--tokens"), QStringLiteral("10")});
        CHECK_EXIT(r, 5);
    }

    void usageAndTop()
    {
        CHECK_EXIT(ctl({QStringLiteral("policy"), QStringLiteral("set"), samplePolicyPath()}), 0);
        for (int i = 0; i < 3; ++i) {
            const Result r = ctl({QStringLiteral("acquire"), QStringLiteral("user:carol"),
                                  QStringLiteral("--tokens"), QStringLiteral("1000")});
            CHECK_EXIT(r, 0);
        }
        CHECK_EXIT(ctl({QStringLiteral("acquire"), QStringLiteral("user:bob"), QStringLiteral("--tokens"),
                        QStringLiteral("10")}),
                   0);
        Result r = ctl({QStringLiteral("usage"), QStringLiteral("user:carol")});
        CHECK_EXIT(r, 0);
        QVERIFY2(r.out.contains(QStringLiteral("tier enterprise")), qPrintable(r.out));
        const QString dayLine = r.out.split(QLatin1Char('\n')).filter(QStringLiteral("tokens/day")).value(0);
        QVERIFY2(dayLine.contains(QStringLiteral(" 3000 ")), qPrintable(r.out));
        r = ctl({QStringLiteral("top"), QStringLiteral("tokens"), QStringLiteral("day"),
                 QStringLiteral("--limit"), QStringLiteral("2")});
        CHECK_EXIT(r, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].contains(QStringLiteral("user:carol")) && lines[0].endsWith(QStringLiteral("3000")),
                 qPrintable(r.out));
        CHECK_EXIT(ctl({QStringLiteral("top"), QStringLiteral("bananas"), QStringLiteral("day")}), 2);
        CHECK_EXIT(ctl({QStringLiteral("usage"), QStringLiteral("carol")}), 2);
    }

    void requestsAndAudit()
    {
        CHECK_EXIT(ctl({QStringLiteral("policy"), QStringLiteral("set"), samplePolicyPath()}), 0);
        Result r = ctl({QStringLiteral("request"), QStringLiteral("submit"), QStringLiteral("user:bob"),
                        QStringLiteral("--metric"), QStringLiteral("tokens"), QStringLiteral("--window"),
                        QStringLiteral("day"), QStringLiteral("--amount"), QStringLiteral("9000000"),
                        QStringLiteral("--reason"), QStringLiteral("fine-tuning eval"),
                        QStringLiteral("--expires"), QStringLiteral("2099-01-31")});
        CHECK_EXIT(r, 0);
        QVERIFY(r.out.contains(QStringLiteral("request 1 submitted")));
        r = ctl({QStringLiteral("request"), QStringLiteral("submit"), QStringLiteral("user:dave"),
                 QStringLiteral("--metric"), QStringLiteral("concurrency"), QStringLiteral("--amount"),
                 QStringLiteral("4"), QStringLiteral("--reason"), QStringLiteral("parallel jobs")});
        CHECK_EXIT(r, 0);
        r = ctl({QStringLiteral("request"), QStringLiteral("list"), QStringLiteral("--state"),
                 QStringLiteral("pending")});
        CHECK_EXIT(r, 0);
        QVERIFY(r.out.contains(QStringLiteral("fine-tuning eval")) &&
                r.out.contains(QStringLiteral("parallel jobs")));
        QVERIFY(
            r.out.contains(QStringLiteral("2099-02-01T00:00:00Z"))); // a date means until the end of that day

        r = ctl({QStringLiteral("request"), QStringLiteral("approve"), QStringLiteral("1"),
                 QStringLiteral("--comment"), QStringLiteral("ok for Q1")});
        CHECK_EXIT(r, 0);
        // The approval published the raise as the current policy version.
        RedisConnection conn(m_server->endpoint());
        const QByteArray version = conn.call({"GET", "qd:policy:version"}).string;
        QVERIFY2(r.out.contains(QStringLiteral("(policy version %1)").arg(QString::fromUtf8(version))),
                 qPrintable(describe(r)));
        QVERIFY(conn.call({"HGET", "qd:policy:compiled", "subject:user:bob"}).string.contains("9000000"));
        r = ctl({QStringLiteral("request"), QStringLiteral("approve"), QStringLiteral("1")});
        CHECK_EXIT(r, 5);
        QVERIFY(r.err.contains(QStringLiteral("already approved")));
        CHECK_EXIT(ctl({QStringLiteral("request"), QStringLiteral("deny"), QStringLiteral("2"),
                        QStringLiteral("--reason"), QStringLiteral("use the batch queue")}),
                   0);
        CHECK_EXIT(ctl({QStringLiteral("request"), QStringLiteral("deny"), QStringLiteral("2"),
                        QStringLiteral("--reason"), QStringLiteral("again")}),
                   5);
        CHECK_EXIT(ctl({QStringLiteral("request"), QStringLiteral("deny"), QStringLiteral("42"),
                        QStringLiteral("--reason"), QStringLiteral("x")}),
                   2);
        r = ctl({QStringLiteral("request"), QStringLiteral("list"), QStringLiteral("--state"),
                 QStringLiteral("approved")});
        CHECK_EXIT(r, 0);
        QCOMPARE(r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2);
        CHECK_EXIT(ctl({QStringLiteral("request"), QStringLiteral("list"), QStringLiteral("--state"),
                        QStringLiteral("done")}),
                   2);
        CHECK_EXIT(ctl({QStringLiteral("request"), QStringLiteral("submit"), QStringLiteral("user:bob"),
                        QStringLiteral("--metric"), QStringLiteral("tokens"), QStringLiteral("--amount"),
                        QStringLiteral("5"), QStringLiteral("--reason"), QStringLiteral("no window")}),
                   2);

        r = ctl({QStringLiteral("audit"), QStringLiteral("--limit"), QStringLiteral("10")});
        CHECK_EXIT(r, 0);
        for (const char* action : {"policy.publish", "request.submit", "request.approve", "request.deny"})
            QVERIFY2(r.out.contains(QLatin1String(action)), action);
        r = ctl({QStringLiteral("audit"), QStringLiteral("--action"), QStringLiteral("request.deny")});
        CHECK_EXIT(r, 0);
        QCOMPARE(r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2);
        QVERIFY(r.out.contains(QStringLiteral("use the batch queue")));
    }

    void loadFactor()
    {
        CHECK_EXIT(ctl({QStringLiteral("policy"), QStringLiteral("set"), samplePolicyPath()}), 0);
        Result r = ctl({QStringLiteral("load"), QStringLiteral("set"), QStringLiteral("free"),
                        QStringLiteral("0.5"), QStringLiteral("--for"), QStringLiteral("600"),
                        QStringLiteral("--comment"), QStringLiteral("GPU node down")});
        CHECK_EXIT(r, 0);
        r = ctl({QStringLiteral("load"), QStringLiteral("show")});
        CHECK_EXIT(r, 0);
        const QString line = r.out.split(QLatin1Char('\n')).filter(QStringLiteral("free")).value(0);
        QVERIFY2(line.contains(QStringLiteral(" 0.5 ")) && line.contains(QStringLiteral("operator:")),
                 qPrintable(r.out));
        CHECK_EXIT(ctl({QStringLiteral("load"), QStringLiteral("set"), QStringLiteral("free"),
                        QStringLiteral("1.5"), QStringLiteral("--for"), QStringLiteral("60"),
                        QStringLiteral("--comment"), QStringLiteral("x")}),
                   2);
        CHECK_EXIT(ctl({QStringLiteral("load"), QStringLiteral("set"), QStringLiteral("free"),
                        QStringLiteral("0.5"), QStringLiteral("--for"), QStringLiteral("60")}),
                   2);
        // Garbage in the load hash is named, not a crash.
        RedisConnection conn(m_server->endpoint());
        conn.call({"HSET", "qd:load", "pro", "garbage"});
        r = ctl({QStringLiteral("load"), QStringLiteral("show")});
        CHECK_EXIT(r, 1);
        QVERIFY2(r.err.contains(QStringLiteral("qd:load field pro")), qPrintable(r.err));
    }

    void unreachableStoreExitsFour()
    {
        const quint16 port = m_server->port();
        m_server->stop();
        const Result r = run({QStringLiteral("--redis"), QStringLiteral("redis://127.0.0.1:%1").arg(port),
                              QStringLiteral("policy"), QStringLiteral("get")});
        CHECK_EXIT(r, 4);
        QVERIFY2(r.err.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(r.err));
    }

    void passwordsFromUrlEnvironmentAndFile()
    {
        LocalRedisServer::Options options;
        options.password = QStringLiteral("s3cret-pw");
        m_server = std::make_unique<LocalRedisServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const QString plain = url();
        const QString withPassword = QStringLiteral("redis://:s3cret-pw@127.0.0.1:%1").arg(m_server->port());
        const QStringList show{QStringLiteral("load"), QStringLiteral("show")};

        Result r = run(QStringList{QStringLiteral("--redis"), plain} + show);
        CHECK_EXIT(r, 4); // NOAUTH
        r = run(QStringList{QStringLiteral("--redis"),
                            QStringLiteral("redis://:wrong-pw@127.0.0.1:%1").arg(m_server->port())} +
                show);
        CHECK_EXIT(r, 4);
        QVERIFY2(r.err.contains(QStringLiteral("WRONGPASS")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("wrong-pw")), "the password leaked into the message");
        CHECK_EXIT(run(QStringList{QStringLiteral("--redis"), withPassword} + show), 0);

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QUOTADESK_REDIS_PASSWORD"), QStringLiteral("s3cret-pw"));
        CHECK_EXIT(run(QStringList{QStringLiteral("--redis"), plain} + show, env), 0);

        const QString good =
            writeFile(QStringLiteral("pw"), "s3cret-pw\n", QFile::ReadOwner | QFile::WriteOwner);
        CHECK_EXIT(
            run(QStringList{QStringLiteral("--redis"), plain, QStringLiteral("--password-file"), good} +
                show),
            0);
        const QString open =
            writeFile(QStringLiteral("pw-open"), "s3cret-pw\n",
                      QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        r = run(QStringList{QStringLiteral("--redis"), plain, QStringLiteral("--password-file"), open} +
                show);
        CHECK_EXIT(r, 2);
        QVERIFY2(r.err.contains(QStringLiteral("0644")) && r.err.contains(QStringLiteral("chmod 600")),
                 qPrintable(r.err));
        r = run(
            QStringList{QStringLiteral("--redis"), withPassword, QStringLiteral("--password-file"), good} +
            show);
        CHECK_EXIT(r, 2);
    }

    void aclWithoutWritePermissionExitsFour()
    {
        LocalRedisServer::Options options;
        options.aclRules << QStringLiteral("user viewer on >view-pw ~qd:* +@read +ping +acl|whoami");
        m_server = std::make_unique<LocalRedisServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        CHECK_EXIT(ctl({QStringLiteral("policy"), QStringLiteral("set"), samplePolicyPath()}), 0);
        const QString viewer = QStringLiteral("redis://viewer:view-pw@127.0.0.1:%1").arg(m_server->port());
        // Reading is allowed …
        CHECK_EXIT(run({QStringLiteral("--redis"), viewer, QStringLiteral("load"), QStringLiteral("show")}),
                   0);
        // … running the acquire script is not.
        const Result r =
            run({QStringLiteral("--redis"), viewer, QStringLiteral("acquire"), QStringLiteral("user:bob")});
        CHECK_EXIT(r, 4);
        QVERIFY2(r.err.contains(QStringLiteral("NOPERM")) || r.err.contains(QStringLiteral("permission")),
                 qPrintable(r.err));
    }

    void tlsWithCaFile()
    {
        LocalRedisServer::Options options;
        options.tls = true;
        m_server = std::make_unique<LocalRedisServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const QString tlsUrl = QStringLiteral("rediss://localhost:%1").arg(m_server->port());
        const QStringList show{QStringLiteral("load"), QStringLiteral("show")};
        CHECK_EXIT(
            run(QStringList{QStringLiteral("--redis"), tlsUrl, QStringLiteral("--ca"), m_server->caFile()} +
                show),
            0);
        // Our throwaway CA is not in the system store: verification fails, exit 4 with the reason.
        const Result r = run(QStringList{QStringLiteral("--redis"), tlsUrl} + show);
        CHECK_EXIT(r, 4);
        QVERIFY2(r.err.contains(QStringLiteral("TLS")), qPrintable(r.err));
        CHECK_EXIT(run(QStringList{QStringLiteral("--redis"), tlsUrl, QStringLiteral("--insecure")} + show),
                   0);
    }
};

QUOTADESK_TEST_MAIN(TestQuotactl)
#include "tst_Quotactl.moc"
