#pragma once

#include "LocalRedisServer.h"
#include "RedisConnection.h"
#include "RedisEndpoint.h"
#include "SimulationOptions.h"
#include "TrafficSimulator.h"

#include <QString>

#include <memory>

namespace quotadesk {

// Everything `quotadesk --demo` needs: a private redis-server, the sample policy published, and simulated
// gateways driving the real engine in the background. stop() (or the destructor) removes it all.
class DemoEnvironment
{
public:
    // `options.endpoint` is ignored: the demo's own server is used.
    explicit DemoEnvironment(SimulationOptions options = {});
    ~DemoEnvironment();
    DemoEnvironment(const DemoEnvironment&) = delete;
    DemoEnvironment& operator=(const DemoEnvironment&) = delete;

    // Returns false with errorString() set (e.g. redis-server missing, with the package to install). Call it
    // from a thread that outlives the demo (the main thread): redis-server dies with the thread that started
    // it (LocalRedisServer uses PR_SET_PDEATHSIG).
    bool start();
    void stop();
    bool isRunning() const;

    RedisEndpoint endpoint() const;
    QString errorString() const { return m_error; }
    // Null before start().
    const TrafficSimulator* simulator() const { return m_simulator.get(); }

    // The embedded sample policy (:/policies/sample.json).
    static QByteArray samplePolicy();
    // Publishes the sample policy over whatever is published (as the next version). Returns the version.
    static qint64 publishSample(RedisConnection& connection, const QString& prefix, const QString& comment);

private:
    SimulationOptions m_options;
    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<TrafficSimulator> m_simulator;
    QString m_error;
};

} // namespace quotadesk
