#include "DemoEnvironment.h"
#include "RedisConnection.h"
#include "StoreError.h"
#include "TrafficSimulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <csignal>

using namespace quotadesk;

namespace {
std::atomic<bool> interrupted{false};

void onSignal(int)
{
    interrupted = true;
}

QString summary(const SimulationStats& s)
{
    return QStringLiteral(
               "admitted %1  denied %2  settled %3  released %4  leaked %5  errors %6  requests %7")
        .arg(s.admitted)
        .arg(s.denied)
        .arg(s.settled)
        .arg(s.released)
        .arg(s.leaked)
        .arg(s.errors)
        .arg(s.requestsSubmitted);
}

template <typename T>
T parseNumber(const QCommandLineParser& parser, const QString& name, T min, T max, T fallback)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || v < double(min) || v > double(max) || (std::is_integral_v<T> && v != double(qint64(v))))
        throw StoreError(
            StoreError::Kind::Invalid,
            QStringLiteral("--%1: \"%2\" must be a %3 between %4 and %5")
                .arg(name, parser.value(name),
                     std::is_integral_v<T> ? QStringLiteral("whole number") : QStringLiteral("number"))
                .arg(double(min))
                .arg(double(max)));
    return T(v);
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("quotadesk-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QUOTADESK_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "QuotaDesk traffic simulator: simulated gateways calling the real engine against a Redis store.\n"
        "Exit codes: 0 done, 2 bad option, 4 store unreachable or refused, 1 other errors."));
    parser.addHelpOption();
    parser.addVersionOption();
    const SimulationOptions defaults;
    auto option = [](const char* name, const QString& description, const char* valueName) {
        return QCommandLineOption(QString::fromLatin1(name), description, QString::fromLatin1(valueName));
    };
    parser.addOptions({
        option("redis",
               QStringLiteral("Redis URL (default $QUOTADESK_REDIS_URL or redis://127.0.0.1:6379); "
                              "the password may also come from $QUOTADESK_REDIS_PASSWORD."),
               "URL"),
        option("prefix", QStringLiteral("Key prefix (default qd:)."), "P"),
        option("gateways",
               QStringLiteral("Simulated gateways, one thread each (default %1).").arg(defaults.gateways),
               "N"),
        option("rate",
               QStringLiteral("Mean decisions per second over all gateways (default %1).").arg(defaults.rate),
               "R"),
        option("subjects", QStringLiteral("Simulated users user:u0001… (default %1).").arg(defaults.subjects),
               "N"),
        option("duration", QStringLiteral("Seconds to run; 0 = until interrupted (default 0)."), "S"),
        option("seed", QStringLiteral("Seed for users and request sizes (default %1).").arg(defaults.seed),
               "N"),
        option("day-length",
               QStringLiteral("Seconds of wall time per simulated day (default %1).")
                   .arg(defaults.dayLengthSeconds),
               "S"),
        QCommandLineOption(QStringLiteral("publish-sample"),
                           QStringLiteral("Publish the built-in sample policy before starting.")),
    });
    parser.process(app);

    SimulationOptions options;
    try {
        if (!parser.positionalArguments().isEmpty())
            throw StoreError(
                StoreError::Kind::Invalid,
                QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
        const QString url =
            parser.isSet(QStringLiteral("redis"))
                ? parser.value(QStringLiteral("redis"))
                : qEnvironmentVariable("QUOTADESK_REDIS_URL", QStringLiteral("redis://127.0.0.1:6379"));
        options.endpoint = RedisEndpoint::fromUrl(url);
        if (options.endpoint.password.isEmpty())
            options.endpoint.password = qEnvironmentVariable("QUOTADESK_REDIS_PASSWORD");
        if (parser.isSet(QStringLiteral("prefix")))
            options.endpoint.prefix = parser.value(QStringLiteral("prefix"));
        options.gateways = parseNumber(parser, QStringLiteral("gateways"), 1, 256, defaults.gateways);
        options.rate = parseNumber(parser, QStringLiteral("rate"), 0.001, 1e6, defaults.rate);
        options.subjects = parseNumber(parser, QStringLiteral("subjects"), 0, 1'000'000, defaults.subjects);
        options.durationSeconds = parseNumber(parser, QStringLiteral("duration"), 0.0, 1e9, 0.0);
        options.seed = quint64(
            parseNumber<qint64>(parser, QStringLiteral("seed"), 0, qint64(1) << 52, qint64(defaults.seed)));
        options.dayLengthSeconds =
            parseNumber(parser, QStringLiteral("day-length"), 1.0, 1e9, defaults.dayLengthSeconds);
    } catch (const StoreError& e) {
        err << QStringLiteral("quotadesk-sim: ") << e.message() << Qt::endl;
        return 2;
    }

    TrafficSimulator simulator(options);
    try {
        if (parser.isSet(QStringLiteral("publish-sample"))) {
            RedisConnection connection(options.endpoint);
            const qint64 version = DemoEnvironment::publishSample(
                connection, options.endpoint.prefix, QStringLiteral("quotadesk-sim --publish-sample"));
            err << QStringLiteral("published the sample policy as version %1").arg(version) << Qt::endl;
        }
        simulator.start();
    } catch (const StoreError& e) {
        err << QStringLiteral("quotadesk-sim: ") << e.message() << Qt::endl;
        switch (e.kind()) {
        case StoreError::Kind::Unreachable:
        case StoreError::Kind::Timeout:
        case StoreError::Kind::Auth:
        case StoreError::Kind::NoPermission:
            return 4;
        case StoreError::Kind::Invalid:
            return 2;
        default:
            return 1;
        }
    }
    err << QStringLiteral("simulating %1 users on %2 gateways at %3 decisions/s against %4 (prefix %5)")
               .arg(simulator.model().users().size())
               .arg(options.gateways)
               .arg(options.rate)
               .arg(options.endpoint.redacted(), options.endpoint.prefix)
        << Qt::endl;

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    int elapsed = 0;
    SimulationStats previous;
    QTimer poll;
    // Poll instead of Unix signal plumbing: the flag is checked ten times a second.
    int ticks = 0;
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (interrupted)
            simulator.stop();
        if (!simulator.isRunning()) {
            poll.stop();
            app.quit();
            return;
        }
        if (++ticks % 10 != 0)
            return;
        ++elapsed;
        const SimulationStats now = simulator.stats();
        out << QStringLiteral("%1s  %2/s  ").arg(elapsed, 5).arg(now.decisions() - previous.decisions(), 5)
            << summary(now) << Qt::endl;
        previous = now;
    });
    poll.start(100);
    app.exec();
    simulator.wait();
    const SimulationStats total = simulator.stats();
    out << QStringLiteral("total  decisions %1  ").arg(total.decisions()) << summary(total)
        << QStringLiteral("  overruns %1  heartbeats %2  backed off %3")
               .arg(total.overruns)
               .arg(total.heartbeats)
               .arg(total.backedOff)
        << Qt::endl;
    if (!total.lastError.isEmpty())
        err << QStringLiteral("last error: ") << total.lastError << Qt::endl;
    return 0;
}
