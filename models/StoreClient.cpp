#include "StoreClient.h"

#include "StoreWorker.h"

#include <algorithm>

namespace quotadesk {

StoreClient::StoreClient(QObject* parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("store-client"));
    m_worker = new StoreWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &StoreWorker::statusChanged, this, &StoreClient::onWorkerStatus, Qt::QueuedConnection);
    connect(m_worker, &StoreWorker::connected, this, &StoreClient::connected, Qt::QueuedConnection);
    m_thread.start();
}

StoreClient::~StoreClient()
{
    m_thread.quit();
    m_thread.wait();
}

void StoreClient::connectTo(const RedisEndpoint& endpoint)
{
    m_endpoint = endpoint;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, endpoint] { w->open(endpoint); }, Qt::QueuedConnection);
}

void StoreClient::disconnectFromStore()
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->closeConnection(); }, Qt::QueuedConnection);
}

void StoreClient::runOnWorker(WorkerJob job)
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, job = std::move(job)] { w->run(job); }, Qt::QueuedConnection);
}

void StoreClient::onWorkerStatus(const ConnectionStatus& status)
{
    m_status = status;
    emit statusChanged(m_status);
}

void StoreClient::setPolicyVersion(qint64 version)
{
    if (version == m_status.policyVersion)
        return;
    m_status.policyVersion = version;
    emit statusChanged(m_status);
}

int StoreClient::backoffSeconds(int attempt, double jitter)
{
    const int base = std::min(30, 1 << std::min(attempt, 5));
    return std::max(1, int(base * jitter + 0.5));
}

} // namespace quotadesk
