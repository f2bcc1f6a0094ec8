#pragma once

#include "RedisEndpoint.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>

class QTimer;

namespace quotadesk {

class RedisConnection;

// Follows the published policy version for gateways and the console. Lives on its own QThread with its own
// connections (blocking reads must not stall the caller's event loop): it SUBSCRIBEs to `P events` and, as
// a fallback for lost messages, polls `P policy:version` every pollIntervalMs. A dropped connection is
// retried with exponential backoff (250 ms to 5 s). Signals arrive queued in the receivers' threads.
class PolicyWatcher : public QObject
{
    Q_OBJECT

public:
    PolicyWatcher(RedisEndpoint endpoint, QString prefix, int pollIntervalMs = 2000);
    ~PolicyWatcher() override;

    void start();
    // Stops the thread and closes the connections; safe to call twice.
    void stop();
    // The last version seen, 0 before the first read.
    qint64 version() const { return m_version.load(); }
    bool isConnected() const { return m_connected.load(); }

signals:
    void policyVersionChanged(qint64 version);
    // Every message on `P events`, as published (JSON). Not named event(): that would hide QObject::event.
    void eventReceived(const QByteArray& json);
    void connectionChanged(bool connected);

private:
    void begin();
    void step();
    void poll();
    void noteVersion(qint64 version);
    void dropConnections();
    void cleanup();

    RedisEndpoint m_endpoint;
    QString m_prefix;
    int m_pollIntervalMs;
    QThread m_thread;
    QThread* m_ownerThread;
    // Created and used on m_thread only.
    std::unique_ptr<RedisConnection> m_subscriber;
    std::unique_ptr<RedisConnection> m_poller;
    QTimer* m_timer = nullptr;
    QElapsedTimer m_sincePoll;
    int m_backoffMs = 0;
    std::atomic<qint64> m_version{0};
    std::atomic<bool> m_connected{false};
    bool m_started = false;
};

} // namespace quotadesk
