// A gateway stand-in for tst_EngineConcurrency: several threads, each with its own connection and
// QuotaEngine, race acquires against one redis-server. Prints one JSON line with what it saw.
//
// usage: acquire_worker <port> <threads> <acquires> <reserve_tokens> <users> <settle:0|1> <seed>
//   users:  acquires go round-robin to user:u0 .. user:u<users-1>
//   settle: 1 = settle each admitted lease at once with a random actual in [0, reserve_tokens]
#include "QuotaEngine.h"
#include "RedisConnection.h"
#include "StoreError.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <atomic>
#include <cstdio>
#include <random>
#include <thread>
#include <vector>

using namespace quotadesk;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 8) {
        std::fprintf(stderr, "usage: acquire_worker <port> <threads> <acquires> <reserve_tokens> <users> "
                             "<settle:0|1> <seed>\n");
        return 2;
    }
    RedisEndpoint endpoint;
    endpoint.port = static_cast<quint16>(args[1].toUInt());
    const int threads = args[2].toInt();
    const int acquires = args[3].toInt();
    const qint64 reserve = args[4].toLongLong();
    const int users = args[5].toInt();
    const bool settle = args[6] == QLatin1String("1");
    const unsigned seed = args[7].toUInt();

    std::atomic<qint64> admitted{0}, denied{0}, errors{0}, settled{0}, violations{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            RedisConnection conn(endpoint, 10000);
            QuotaEngine engine(conn, QStringLiteral("qd:"), QStringLiteral("worker-%1-%2").arg(seed).arg(t));
            std::mt19937 random(seed * 1000 + t);
            std::uniform_int_distribution<qint64> actual(0, reserve);
            for (int i = t; i < acquires; i += threads) {
                try {
                    const Decision d =
                        engine.acquire(QStringLiteral("u%1").arg(i % users), {}, {reserve, 0}, 600000);
                    if (!d.admitted) {
                        ++denied;
                        continue;
                    }
                    ++admitted;
                    for (const LimitStatus& l : d.limits) {
                        if (l.used > l.limit + l.burst)
                            ++violations;
                    }
                    if (settle) {
                        const qint64 used = actual(random);
                        engine.settle(d.leaseId, {used, 0});
                        settled += used;
                    }
                } catch (const StoreError& e) {
                    ++errors;
                    std::fprintf(stderr, "%s\n", qPrintable(e.message()));
                }
            }
        });
    }
    for (auto& th : pool)
        th.join();
    const QJsonObject out{{"admitted", admitted.load()},
                          {"denied", denied.load()},
                          {"errors", errors.load()},
                          {"settled", settled.load()},
                          {"violations", violations.load()}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return errors.load() == 0 ? 0 : 1;
}
