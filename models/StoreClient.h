#pragma once

#include "ConnectionStatus.h"
#include "RedisEndpoint.h"
#include "StoreError.h"
#include "UsageReader.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>

namespace quotadesk {

class StoreWorker;

// Owns the console's only store connection, on a worker thread, so no Redis I/O ever runs on the UI thread.
// Callers submit jobs (a function of the worker's UsageReader); the result comes back on the receiver's
// thread and is dropped if the receiver died meanwhile (RESP.app's pattern). Transport failures reconnect
// with jittered exponential backoff; the status is published through statusChanged().
class StoreClient : public QObject
{
    Q_OBJECT

public:
    explicit StoreClient(QObject* parent = nullptr);
    ~StoreClient() override;

    void connectTo(const RedisEndpoint& endpoint);
    void disconnectFromStore();
    ConnectionStatus status() const { return m_status; }
    bool isConnected() const { return m_status.state == ConnectionStatus::State::Connected; }
    RedisEndpoint endpoint() const { return m_endpoint; }
    // The policy version seen in the latest snapshot or event, for the status bar.
    void setPolicyVersion(qint64 version);

    // Runs `job` on the worker thread. `done` runs on `receiver`'s thread with the result; `failed`
    // (optional) with the error. Jobs submitted while not connected fail at once with
    // StoreError(Unreachable).
    template <typename R>
    void submit(QObject* receiver, std::function<R(UsageReader&)> job, std::function<void(R)> done,
                std::function<void(const StoreError&)> failed = {})
    {
        QPointer<QObject> guard(receiver);
        runOnWorker([guard, job = std::move(job), done = std::move(done),
                     failed = std::move(failed)](UsageReader* reader, const StoreError* notConnected) {
            std::optional<R> result;
            std::optional<StoreError> error;
            if (notConnected) {
                error = *notConnected;
            } else {
                try {
                    result = job(*reader);
                } catch (const StoreError& e) {
                    error = e;
                }
            }
            if (!guard)
                return error;
            QMetaObject::invokeMethod(
                guard.data(),
                [guard, done, failed, result = std::move(result), error]() {
                    if (!guard)
                        return;
                    if (result)
                        done(*result);
                    else if (failed)
                        failed(*error);
                },
                Qt::QueuedConnection);
            return error;
        });
    }

    // Backoff used between reconnect attempts: 1, 2, 4 … 30 s, each scaled by a random factor in
    // [0.5, 1.5) so many consoles do not reconnect in step after a failover.
    static int backoffSeconds(int attempt, double jitter);

signals:
    void statusChanged(const quotadesk::ConnectionStatus& status);
    // Emitted after a (re)connect succeeded, so views can reload.
    void connected();

private:
    using WorkerJob = std::function<std::optional<StoreError>(UsageReader*, const StoreError*)>;
    void runOnWorker(WorkerJob job);
    void onWorkerStatus(const ConnectionStatus& status);

    QThread m_thread;
    StoreWorker* m_worker = nullptr; // lives on m_thread
    ConnectionStatus m_status;
    RedisEndpoint m_endpoint;
};

} // namespace quotadesk
