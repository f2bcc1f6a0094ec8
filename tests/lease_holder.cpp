// A gateway stand-in for tst_FaultsFleet: takes `count` leases for one user, prints them, then holds them
// until it is killed (kill -9), as a crashed gateway would.
//
// usage: lease_holder <port> <user> <count> <lease_ttl_ms>
#include "QuotaEngine.h"
#include "RedisConnection.h"
#include "StoreError.h"

#include <QCoreApplication>
#include <QStringList>
#include <QThread>

#include <cstdio>

using namespace quotadesk;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 5) {
        std::fprintf(stderr, "usage: lease_holder <port> <user> <count> <lease_ttl_ms>\n");
        return 2;
    }
    RedisEndpoint endpoint;
    endpoint.port = static_cast<quint16>(args[1].toUInt());
    RedisConnection conn(endpoint, 10000);
    QuotaEngine engine(conn, QStringLiteral("qd:"), QStringLiteral("lease-holder"));
    try {
        for (int i = 0; i < args[3].toInt(); ++i) {
            const Decision d = engine.acquire(args[2], {}, {100, 0}, args[4].toInt());
            std::printf("%s %s\n", d.admitted ? "lease" : "denied", qPrintable(d.leaseId));
        }
    } catch (const StoreError& e) {
        std::fprintf(stderr, "%s\n", qPrintable(e.message()));
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);
    for (;;)
        QThread::sleep(1);
}
