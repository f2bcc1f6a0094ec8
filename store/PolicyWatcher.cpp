#include "PolicyWatcher.h"

#include "RedisConnection.h"
#include "StoreError.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>

namespace quotadesk {

namespace {
// Short reads keep the thread responsive to stop() without a second wake-up mechanism.
constexpr int kReadSliceMs = 100;
constexpr int kMinBackoffMs = 250;
constexpr int kMaxBackoffMs = 5000;
} // namespace

PolicyWatcher::PolicyWatcher(RedisEndpoint endpoint, QString prefix, int pollIntervalMs)
    : m_endpoint(std::move(endpoint)), m_prefix(std::move(prefix)), m_pollIntervalMs(pollIntervalMs),
      m_ownerThread(QThread::currentThread())
{
    m_thread.setObjectName(QStringLiteral("PolicyWatcher"));
    // Runs on m_thread after its event loop ends, so sockets and the timer die in the thread that made them.
    connect(&m_thread, &QThread::finished, this, &PolicyWatcher::cleanup, Qt::DirectConnection);
}

PolicyWatcher::~PolicyWatcher()
{
    stop();
}

void PolicyWatcher::start()
{
    if (m_started)
        return;
    m_started = true;
    moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(this, &PolicyWatcher::begin, Qt::QueuedConnection);
}

void PolicyWatcher::stop()
{
    if (!m_started)
        return;
    m_started = false;
    m_thread.quit();
    m_thread.wait();
}

void PolicyWatcher::begin()
{
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &PolicyWatcher::step);
    m_timer->start(0);
}

void PolicyWatcher::step()
{
    try {
        if (!m_subscriber) {
            m_poller = std::make_unique<RedisConnection>(m_endpoint);
            m_poller->connect();
            m_subscriber = std::make_unique<RedisConnection>(m_endpoint);
            m_subscriber->connect();
            m_subscriber->send({"SUBSCRIBE", (m_prefix + QStringLiteral("events")).toUtf8()});
            m_backoffMs = 0;
            m_connected = true;
            emit connectionChanged(true);
            poll(); // whatever was published while we were away
        }
        if (m_sincePoll.hasExpired(m_pollIntervalMs))
            poll();
        RedisReply message;
        if (m_subscriber->readReply(message, kReadSliceMs)) {
            const auto& parts = message.toArray(QStringLiteral("pub/sub message"));
            if (parts.size() == 3 && parts[0].string == "message") {
                const QByteArray payload = parts[2].string;
                emit eventReceived(payload);
                const QJsonObject event = QJsonDocument::fromJson(payload).object();
                if (event.value(QLatin1String("type")).toString() == QLatin1String("policy"))
                    noteVersion(event.value(QLatin1String("version")).toInteger());
            }
        }
        m_timer->start(0);
    } catch (const StoreError& e) {
        qWarning("PolicyWatcher: %s", qPrintable(e.message()));
        dropConnections();
        m_backoffMs = std::clamp(m_backoffMs * 2, kMinBackoffMs, kMaxBackoffMs);
        m_timer->start(m_backoffMs);
    }
}

void PolicyWatcher::poll()
{
    const QString key = m_prefix + QStringLiteral("policy:version");
    const RedisReply reply = m_poller->call({"GET", key.toUtf8()});
    m_sincePoll.start();
    if (reply.isNil())
        return;
    bool ok = false;
    const qint64 version = reply.toBytes(key).toLongLong(&ok);
    if (!ok)
        throw StoreError(StoreError::Kind::Protocol,
                         QStringLiteral("%1 holds %2, not an integer").arg(key, reply.describe()));
    noteVersion(version);
}

void PolicyWatcher::noteVersion(qint64 version)
{
    if (version > 0 && m_version.exchange(version) != version)
        emit policyVersionChanged(version);
}

void PolicyWatcher::dropConnections()
{
    m_subscriber.reset();
    m_poller.reset();
    if (m_connected.exchange(false))
        emit connectionChanged(false);
}

void PolicyWatcher::cleanup()
{
    delete m_timer;
    m_timer = nullptr;
    dropConnections();
    // Hand the object back, so it can be restarted or destroyed from its owner's thread.
    moveToThread(m_ownerThread);
}

} // namespace quotadesk
