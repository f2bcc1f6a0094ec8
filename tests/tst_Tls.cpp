// rediss:// verifies the server certificate against the given CA *and* the host name; --insecure (the
// endpoint's insecure flag) skips both, and says so. A real TLS redis-server whose certificate names
// localhost and 127.0.0.1, also listening on 127.0.0.2 (another name for the same server).
#include "LocalRedisServer.h"
#include "RedisConnection.h"
#include "StoreError.h"
#include "TestMain.h"

#include <QProcess>
#include <QTemporaryDir>

using namespace quotadesk;

namespace {
struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Captures qWarning text, to check that insecure connections are marked.
QStringList g_warnings;
void captureWarnings(QtMsgType type, const QMessageLogContext&, const QString& text)
{
    if (type == QtWarningMsg)
        g_warnings << text;
}
} // namespace

class TestTls final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    QTemporaryDir m_dir;
    QString m_otherCa;

    RedisEndpoint endpoint(const QString& host, const QString& ca, bool insecure = false) const
    {
        RedisEndpoint ep = m_server->endpoint();
        ep.host = host;
        ep.caFile = ca;
        ep.insecure = insecure;
        return ep;
    }
    static StoreError connectFails(const RedisEndpoint& ep)
    {
        RedisConnection conn(ep, 5000);
        try {
            conn.call({"PING"});
        } catch (const StoreError& e) {
            return e;
        }
        return StoreError(StoreError::Kind::Invalid, QStringLiteral("connected to %1").arg(ep.redacted()));
    }
    Result quotactl(const QStringList& args) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QUOTADESK_REDIS_URL"));
        env.remove(QStringLiteral("QUOTADESK_REDIS_PASSWORD"));
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
    QString url(const QString& host) const
    {
        return QStringLiteral("rediss://%1:%2").arg(host).arg(m_server->port());
    }

private slots:
    void initTestCase()
    {
        LocalRedisServer::Options options;
        options.tls = true;
        options.extraConfig << QStringLiteral("bind 127.0.0.1 127.0.0.2");
        m_server = std::make_unique<LocalRedisServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        // A second, unrelated CA: a certificate chain that does not lead to it must be refused.
        QVERIFY(m_dir.isValid());
        QProcess openssl;
        openssl.setWorkingDirectory(m_dir.path());
        openssl.start(QStringLiteral("openssl"),
                      {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out",
                       "other.crt", "-days", "2", "-subj", "/CN=Some Other CA"});
        QVERIFY(openssl.waitForFinished(30000) && openssl.exitCode() == 0);
        m_otherCa = m_dir.filePath(QStringLiteral("other.crt"));
    }

    void verifiedByCaAndName()
    {
        for (const QString& host : {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")}) {
            RedisConnection conn(endpoint(host, m_server->caFile()), 5000);
            QCOMPARE(conn.call({"PING"}).string, QByteArray("PONG"));
        }
    }

    void otherHostNameIsRefused()
    {
        // Same server, right CA, but reached as a name its certificate does not carry.
        const StoreError e = connectFails(endpoint(QStringLiteral("127.0.0.2"), m_server->caFile()));
        QCOMPARE(e.kind(), StoreError::Kind::Unreachable);
        QVERIFY2(e.message().contains(QStringLiteral("host name"), Qt::CaseInsensitive),
                 qPrintable(e.message()));
    }

    void wrongCaIsRefused()
    {
        const StoreError e = connectFails(endpoint(QStringLiteral("localhost"), m_otherCa));
        QCOMPARE(e.kind(), StoreError::Kind::Unreachable);
        QVERIFY2(e.message().contains(QStringLiteral("certificate"), Qt::CaseInsensitive),
                 qPrintable(e.message()));
        // No CA given: the system store does not know the test CA either.
        const StoreError system = connectFails(endpoint(QStringLiteral("localhost"), QString()));
        QCOMPARE(system.kind(), StoreError::Kind::Unreachable);
    }

    void insecureIsAcceptedAndMarked()
    {
        g_warnings.clear();
        const QtMessageHandler previous = qInstallMessageHandler(captureWarnings);
        {
            RedisConnection conn(endpoint(QStringLiteral("127.0.0.2"), QString(), true), 5000);
            const RedisReply pong = conn.call({"PING"});
            qInstallMessageHandler(previous);
            QCOMPARE(pong.string, QByteArray("PONG"));
        }
        qInstallMessageHandler(previous);
        QVERIFY2(g_warnings.join(u'\n').contains(QStringLiteral("NOT verified")),
                 qPrintable(g_warnings.join(u'\n')));
        // A verified connection is not marked.
        g_warnings.clear();
        qInstallMessageHandler(captureWarnings);
        RedisConnection verified(endpoint(QStringLiteral("localhost"), m_server->caFile()), 5000);
        verified.call({"PING"});
        qInstallMessageHandler(previous);
        QVERIFY(g_warnings.isEmpty());
    }

    void quotactlCaAndInsecure()
    {
        const Result ok = quotactl(
            {"--redis", url(QStringLiteral("localhost")), "--ca", m_server->caFile(), "load", "show"});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QVERIFY(!ok.err.contains(QStringLiteral("NOT verified")));

        const Result otherName = quotactl(
            {"--redis", url(QStringLiteral("127.0.0.2")), "--ca", m_server->caFile(), "load", "show"});
        QCOMPARE(otherName.exitCode, 4);
        QVERIFY2(otherName.err.contains(QStringLiteral("host name"), Qt::CaseInsensitive),
                 qPrintable(otherName.err));

        const Result wrongCa =
            quotactl({"--redis", url(QStringLiteral("localhost")), "--ca", m_otherCa, "load", "show"});
        QCOMPARE(wrongCa.exitCode, 4);

        const Result insecure =
            quotactl({"--redis", url(QStringLiteral("127.0.0.2")), "--insecure", "load", "show"});
        QVERIFY2(insecure.exitCode == 0, qPrintable(insecure.err));
        QVERIFY2(insecure.err.contains(QStringLiteral("NOT verified")), qPrintable(insecure.err));

        const Result both = quotactl({"--redis", url(QStringLiteral("localhost")), "--ca", m_server->caFile(),
                                      "--insecure", "load", "show"});
        QCOMPARE(both.exitCode, 2);
    }
};

QUOTADESK_TEST_MAIN(TestTls)
#include "tst_Tls.moc"
