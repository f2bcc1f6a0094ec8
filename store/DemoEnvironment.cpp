#include "DemoEnvironment.h"

#include "Actor.h"
#include "PolicyStore.h"
#include "RedisConnection.h"
#include "StoreError.h"

#include <QFile>

namespace quotadesk {

DemoEnvironment::DemoEnvironment(SimulationOptions options) : m_options(std::move(options))
{}

DemoEnvironment::~DemoEnvironment()
{
    stop();
}

QByteArray DemoEnvironment::samplePolicy()
{
    QFile file(QStringLiteral(":/policies/sample.json"));
    if (!file.open(QIODevice::ReadOnly))
        throw StoreError(
            StoreError::Kind::NotFound,
            QStringLiteral("the sample policy :/policies/sample.json is not embedded in this build"));
    return file.readAll();
}

qint64 DemoEnvironment::publishSample(RedisConnection& connection, const QString& prefix,
                                      const QString& comment)
{
    PolicyStore store(connection, prefix, Actor::detect(connection));
    return store.publish(samplePolicy(), store.current().version, comment);
}

bool DemoEnvironment::start()
{
    if (m_server)
        return true;
    m_error.clear();
    auto server = std::make_unique<LocalRedisServer>();
    if (!server->start()) {
        m_error = QStringLiteral("cannot start the demo's redis-server: %1").arg(server->errorString());
        return false;
    }
    SimulationOptions options = m_options;
    const QString prefix = options.endpoint.prefix;
    options.endpoint = server->endpoint();
    options.endpoint.prefix = prefix;
    try {
        RedisConnection connection(options.endpoint);
        publishSample(connection, prefix, QStringLiteral("demo: sample policy"));
        auto simulator = std::make_unique<TrafficSimulator>(options);
        simulator->start();
        m_simulator = std::move(simulator);
    } catch (const StoreError& e) {
        m_error = QStringLiteral("cannot start the demo: %1").arg(e.message());
        return false;
    }
    m_server = std::move(server);
    return true;
}

void DemoEnvironment::stop()
{
    // Gateways first: they settle what is in flight while the server still answers.
    if (m_simulator) {
        m_simulator->stop();
        m_simulator->wait();
        m_simulator.reset();
    }
    m_server.reset();
}

bool DemoEnvironment::isRunning() const
{
    return m_server && m_server->isRunning() && m_simulator && m_simulator->isRunning();
}

RedisEndpoint DemoEnvironment::endpoint() const
{
    if (!m_server)
        return {};
    RedisEndpoint ep = m_server->endpoint();
    ep.prefix = m_options.endpoint.prefix;
    return ep;
}

} // namespace quotadesk
