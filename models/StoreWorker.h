#pragma once

#include "ConnectionStatus.h"
#include "RedisConnection.h"
#include "StoreError.h"
#include "UsageReader.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace quotadesk {

// StoreClient's half on the worker thread: the blocking connection, the reader and the reconnect timer.
class StoreWorker : public QObject
{
    Q_OBJECT

public:
    using Job = std::function<std::optional<StoreError>(UsageReader*, const StoreError*)>;

    StoreWorker();
    ~StoreWorker() override;

    void open(const RedisEndpoint& endpoint);
    void closeConnection();
    void run(const Job& job);

signals:
    void statusChanged(const quotadesk::ConnectionStatus& status);
    void connected();

private:
    void attempt();
    void handleFailure(const StoreError& error);
    void publish();

    std::unique_ptr<RedisConnection> m_connection;
    std::unique_ptr<UsageReader> m_reader;
    QTimer m_retryTimer;
    QTimer m_countdown;
    ConnectionStatus m_status;
    int m_attempt = 0;
    qint64 m_lastVersionCheck = 0;
};

} // namespace quotadesk
