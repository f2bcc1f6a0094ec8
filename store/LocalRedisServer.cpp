#include "LocalRedisServer.h"

#include "RedisConnection.h"
#include "StoreError.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>

#include <csignal>
#include <sys/prctl.h>

namespace quotadesk {

namespace {
constexpr auto dirTemplate = "quotadesk-redis-XXXXXX";
constexpr int readyTimeoutMs = 10000;

bool runOpenssl(const QStringList& args, const QString& dir, QString& error)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        error = QStringLiteral("openssl %1 failed: %2%3")
                    .arg(args.value(0), p.errorString(), QString::fromLocal8Bit(p.readAllStandardError()));
        return false;
    }
    return true;
}
} // namespace

LocalRedisServer::LocalRedisServer() : LocalRedisServer(Options{})
{}

LocalRedisServer::LocalRedisServer(Options options) : m_options(std::move(options))
{}

LocalRedisServer::~LocalRedisServer()
{
    stop();
}

QString LocalRedisServer::redisServerPath()
{
    return QStandardPaths::findExecutable(
        QStringLiteral("redis-server"),
        {QStringLiteral("/usr/bin"), QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/bin")});
}

QString LocalRedisServer::directory() const
{
    return m_dir ? m_dir->path() : QString();
}

QString LocalRedisServer::caFile() const
{
    return directory() + QStringLiteral("/ca.crt");
}

bool LocalRedisServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

quint16 LocalRedisServer::freePort()
{
    // The kernel picks an unused port; the tiny window before redis binds it is covered by retrying.
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

void LocalRedisServer::sweepStaleDirectories()
{
    // A crashed test cannot remove its directory; the next run does, once the owner is gone.
    QDir tmp(QDir::tempPath());
    const auto entries =
        tmp.entryInfoList({QStringLiteral("quotadesk-redis-*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QFileInfo& entry : entries) {
        QFile owner(entry.absoluteFilePath() + QStringLiteral("/owner.pid"));
        if (!owner.open(QIODevice::ReadOnly))
            continue;
        const qint64 pid = owner.readAll().trimmed().toLongLong();
        owner.close();
        if (pid > 0 && !QFile::exists(QStringLiteral("/proc/%1").arg(pid)))
            QDir(entry.absoluteFilePath()).removeRecursively();
    }
}

bool LocalRedisServer::start()
{
    if (redisServerPath().isEmpty()) {
        m_error =
            QStringLiteral("redis-server not found on PATH. Install it with: apt-get install redis-server");
        return false;
    }
    if (!m_dir) {
        sweepStaleDirectories();
        m_dir =
            std::make_unique<QTemporaryDir>(QDir::tempPath() + QLatin1Char('/') + QLatin1String(dirTemplate));
        if (!m_dir->isValid()) {
            m_error = QStringLiteral("cannot create a temporary directory: %1").arg(m_dir->errorString());
            return false;
        }
        QFile owner(m_dir->filePath(QStringLiteral("owner.pid")));
        if (owner.open(QIODevice::WriteOnly))
            owner.write(QByteArray::number(QCoreApplication::applicationPid()));
        if (m_options.tls && !generateCertificates())
            return false;
    }
    const bool keepPort = m_port != 0;
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (!keepPort)
            m_port = freePort();
        if (m_port == 0) {
            m_error = QStringLiteral("no free loopback port");
            return false;
        }
        if (writeConfig() && launch() && waitUntilReady())
            return true;
        stop();
        if (keepPort)
            QThread::msleep(200); // the old socket may linger briefly
    }
    return false;
}

bool LocalRedisServer::generateCertificates()
{
    const QString dir = m_dir->path();
    const QString days = QStringLiteral("2");
    return runOpenssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                       "-days", days, "-subj", "/CN=QuotaDesk Test CA"},
                      dir, m_error) &&
           runOpenssl({"req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                       "-subj", "/CN=localhost"},
                      dir, m_error) &&
           [&] {
               QFile ext(dir + QStringLiteral("/server.ext"));
               if (!ext.open(QIODevice::WriteOnly))
                   return false;
               ext.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n");
               return true;
           }() &&
           runOpenssl({"x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                       "-CAcreateserial", "-out", "server.crt", "-days", days, "-extfile", "server.ext"},
                      dir, m_error);
}

bool LocalRedisServer::writeConfig()
{
    QFile conf(m_dir->filePath(QStringLiteral("redis.conf")));
    if (!conf.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = QStringLiteral("cannot write %1").arg(conf.fileName());
        return false;
    }
    QStringList lines{
        QStringLiteral("bind 127.0.0.1 -::1"), QStringLiteral("dir %1").arg(m_dir->path()),
        QStringLiteral("save \"\""),           QStringLiteral("appendonly no"),
        QStringLiteral("daemonize no"),        QStringLiteral("logfile %1/redis.log").arg(m_dir->path()),
    };
    if (m_options.tls) {
        lines << QStringLiteral("port 0") << QStringLiteral("tls-port %1").arg(m_port)
              << QStringLiteral("tls-cert-file %1/server.crt").arg(m_dir->path())
              << QStringLiteral("tls-key-file %1/server.key").arg(m_dir->path())
              << QStringLiteral("tls-ca-cert-file %1/ca.crt").arg(m_dir->path())
              << QStringLiteral("tls-auth-clients no");
    } else {
        lines << QStringLiteral("port %1").arg(m_port);
    }
    if (!m_options.password.isEmpty())
        lines << QStringLiteral("requirepass \"%1\"").arg(m_options.password);
    for (const QString& rule : m_options.aclRules)
        lines << rule;
    lines << m_options.extraConfig;
    conf.write(lines.join(QLatin1Char('\n')).toUtf8() + '\n');
    return true;
}

bool LocalRedisServer::launch()
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    // If the test process dies for any reason, the kernel kills redis-server too.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process->start(redisServerPath(), {m_dir->filePath(QStringLiteral("redis.conf"))});
    if (!m_process->waitForStarted(5000)) {
        m_error = QStringLiteral("cannot start redis-server: %1").arg(m_process->errorString());
        return false;
    }
    return true;
}

bool LocalRedisServer::waitUntilReady()
{
    const QDeadlineTimer deadline(readyTimeoutMs);
    QString last;
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running) {
            QFile log(m_dir->filePath(QStringLiteral("redis.log")));
            log.open(QIODevice::ReadOnly);
            m_error = QStringLiteral("redis-server exited on port %1: %2")
                          .arg(m_port)
                          .arg(QString::fromUtf8(log.readAll().right(600)));
            return false;
        }
        try {
            RedisConnection conn(endpoint(), 1000);
            if (conn.call({"PING"}).string == "PONG")
                return true;
        } catch (const StoreError& e) {
            last = e.message();
        }
        QThread::msleep(20);
    }
    m_error = QStringLiteral("redis-server on port %1 did not answer PING within %2 ms: %3")
                  .arg(m_port)
                  .arg(readyTimeoutMs)
                  .arg(last);
    return false;
}

void LocalRedisServer::stop()
{
    if (!m_process)
        return;
    if (m_process->state() == QProcess::Running) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

void LocalRedisServer::kill()
{
    if (m_process && m_process->state() == QProcess::Running) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_process.reset();
}

bool LocalRedisServer::restart()
{
    stop();
    return start();
}

RedisEndpoint LocalRedisServer::endpoint() const
{
    RedisEndpoint ep;
    ep.host = m_options.tls ? QStringLiteral("localhost") : QStringLiteral("127.0.0.1");
    ep.port = m_port;
    ep.password = m_options.password;
    ep.tls = m_options.tls;
    if (m_options.tls)
        ep.caFile = caFile();
    return ep;
}

} // namespace quotadesk
