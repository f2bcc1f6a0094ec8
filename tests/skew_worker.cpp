// A gateway stand-in for tst_ClockSkew, run with tests/clock_shift.c preloaded: prints its own wall clock
// (so the test can check the skew is real), then acquires `acquires` times for each user in turn.
//
// usage: skew_worker <port> <gateway_id> <acquires> <user>...
// prints: {"clock_ms":N,"admitted":{"<user>":N,...},"errors":N}
#include "QuotaEngine.h"
#include "RedisConnection.h"
#include "StoreError.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <cstdio>

using namespace quotadesk;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 5) {
        std::fprintf(stderr, "usage: skew_worker <port> <gateway_id> <acquires> <user>...\n");
        return 2;
    }
    const qint64 clockMs = QDateTime::currentMSecsSinceEpoch();
    RedisEndpoint endpoint;
    endpoint.port = static_cast<quint16>(args[1].toUInt());
    RedisConnection conn(endpoint, 30000);
    QuotaEngine engine(conn, QStringLiteral("qd:"), args[2]);
    const int acquires = args[3].toInt();
    const QStringList users = args.mid(4);
    QJsonObject admitted;
    qint64 errors = 0;
    for (int i = 0; i < acquires; ++i) {
        for (const QString& user : users) {
            try {
                if (engine.acquire(user, {}, {1, 0}, 60000).admitted)
                    admitted[user] = admitted[user].toInteger() + 1;
            } catch (const StoreError& e) {
                ++errors;
                std::fprintf(stderr, "%s\n", qPrintable(e.message()));
            }
        }
    }
    const QJsonObject out{{"clock_ms", clockMs}, {"admitted", admitted}, {"errors", errors}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return errors == 0 ? 0 : 1;
}
