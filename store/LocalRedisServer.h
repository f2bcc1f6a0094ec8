#pragma once

#include "RedisEndpoint.h"

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace quotadesk {

// A real redis-server of our own (a test, the demo): a free loopback port, its own temporary directory,
// stopped and removed when the object dies. The child is bound to its parent process (PR_SET_PDEATHSIG), and
// directories left by a crashed run are swept on the next start, so a failing or crashing test or demo leaves
// nothing behind.
class LocalRedisServer
{
public:
    struct Options
    {
        QString password;        // requirepass for the default user
        QStringList aclRules;    // extra ACL lines, e.g. "user viewer on >pw ~qd:* +@read"
        bool tls = false;        // TLS only: the plain port is disabled
        QStringList extraConfig; // raw redis.conf lines
    };

    LocalRedisServer();
    explicit LocalRedisServer(Options options);
    ~LocalRedisServer();
    LocalRedisServer(const LocalRedisServer&) = delete;
    LocalRedisServer& operator=(const LocalRedisServer&) = delete;

    // Starts the server and waits until it answers PING. Returns false with errorString() set.
    bool start();
    void stop();
    // Stops and starts again on the same port and directory (to test reconnects).
    bool restart();
    // SIGKILL, as a crash would; the server is gone without a clean shutdown.
    void kill();
    bool isRunning() const;

    quint16 port() const { return m_port; }
    qint64 processId() const { return m_process ? m_process->processId() : 0; }
    QString errorString() const { return m_error; }
    QString directory() const;
    QString caFile() const; // the throwaway CA for TLS servers
    // An endpoint for the default user with the configured password (TLS verified against caFile()).
    RedisEndpoint endpoint() const;

    static QString redisServerPath();

private:
    bool generateCertificates();
    bool writeConfig();
    bool launch();
    bool waitUntilReady();
    static quint16 freePort();
    static void sweepStaleDirectories();

    Options m_options;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace quotadesk
