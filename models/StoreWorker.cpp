#include "StoreWorker.h"

#include "StoreClient.h"

#include <QRandomGenerator>

namespace quotadesk {

namespace {
// A failure of the transport: worth reconnecting. Anything else (a wrong password, a bad CA file) will not
// fix itself by retrying.
bool isTransient(const StoreError& e)
{
    return e.kind() == StoreError::Kind::Unreachable || e.kind() == StoreError::Kind::Timeout;
}
} // namespace

// The timers are children so moveToThread() takes them along to the worker thread.
StoreWorker::StoreWorker() : m_retryTimer(this), m_countdown(this)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &StoreWorker::attempt);
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, [this] {
        if (m_status.retryInSeconds > 0) {
            --m_status.retryInSeconds;
            publish();
        }
    });
}

StoreWorker::~StoreWorker() = default;

void StoreWorker::publish()
{
    emit statusChanged(m_status);
}

void StoreWorker::open(const RedisEndpoint& endpoint)
{
    closeConnection();
    m_connection = std::make_unique<RedisConnection>(endpoint);
    m_status = {};
    m_status.server = endpoint.redacted();
    m_status.state = ConnectionStatus::State::Connecting;
    m_attempt = 0;
    publish();
    attempt();
}

void StoreWorker::closeConnection()
{
    m_retryTimer.stop();
    m_countdown.stop();
    m_reader.reset();
    m_connection.reset();
    m_status.state = ConnectionStatus::State::Disconnected;
    m_status.error.clear();
    publish();
}

void StoreWorker::attempt()
{
    if (!m_connection)
        return;
    m_countdown.stop();
    const RedisEndpoint& ep = m_connection->endpoint();
    try {
        m_connection->connect();
        m_reader = std::make_unique<UsageReader>(*m_connection, ep.prefix);
        // WHOAMI and INFO are informative only: a restricted ACL user may not run them.
        const auto replies = m_connection->pipeline({{"ACL", "WHOAMI"}, {"INFO", "server"}});
        m_status.user = replies[0].isError() ? (ep.user.isEmpty() ? QStringLiteral("default") : ep.user)
                                             : QString::fromUtf8(replies[0].string);
        m_status.redisVersion.clear();
        if (!replies[1].isError()) {
            for (const QByteArray& line : replies[1].string.split('\n')) {
                if (line.startsWith("redis_version:"))
                    m_status.redisVersion = QString::fromUtf8(line.mid(14).trimmed());
            }
        }
        // A write the ACL would check but that changes nothing: deleting a key that never exists.
        const RedisReply probe =
            m_connection->command({"DEL", (ep.prefix + QStringLiteral("console:write-probe")).toUtf8()});
        m_status.readOnly = probe.isError() && probe.string.startsWith("NOPERM");
        m_status.policyVersion = m_reader->policyVersion();
        m_status.state = ConnectionStatus::State::Connected;
        m_status.error.clear();
        m_status.retryInSeconds = 0;
        m_attempt = 0;
        publish();
        emit connected();
    } catch (const StoreError& e) {
        handleFailure(e);
    }
}

void StoreWorker::handleFailure(const StoreError& error)
{
    m_reader.reset();
    if (m_connection)
        m_connection->close();
    m_status.error = QStringLiteral("%1: %2").arg(StoreError::kindName(error.kind()), error.message());
    if (!isTransient(error)) {
        m_status.state = ConnectionStatus::State::Failed;
        m_status.retryInSeconds = 0;
        publish();
        return;
    }
    const double jitter = 0.5 + QRandomGenerator::global()->bounded(1.0);
    const int seconds = StoreClient::backoffSeconds(m_attempt++, jitter);
    m_status.state = ConnectionStatus::State::Reconnecting;
    m_status.retryInSeconds = seconds;
    m_retryTimer.start(seconds * 1000);
    m_countdown.start();
    publish();
}

void StoreWorker::run(const Job& job)
{
    if (!m_reader) {
        const StoreError notConnected(StoreError::Kind::Unreachable, m_status.error.isEmpty()
                                                                         ? QStringLiteral("not connected")
                                                                         : m_status.error);
        job(nullptr, &notConnected);
        return;
    }
    const std::optional<StoreError> error = job(m_reader.get(), nullptr);
    if (!error)
        return;
    if (isTransient(*error)) {
        handleFailure(*error);
    } else if (error->kind() == StoreError::Kind::NoPermission) {
        // Still connected, but the user should see why a view stays empty.
        m_status.error = QStringLiteral("%1: %2").arg(StoreError::kindName(error->kind()), error->message());
        publish();
    }
}

} // namespace quotadesk
