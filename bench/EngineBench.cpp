// quotadesk-bench: the engine's decisions per second, latency and memory, each next to a baseline measured in
// the same run on the same redis-server: Redis' own redis-benchmark running a no-op EVALSHA (the most one
// Redis core can do per script call) and the peer library rate-limiter-flexible (bench/peer).
// Redis runs on CPU 0, every client on CPU 1, so client and server do not steal each other's core.
#include "Actor.h"
#include "BenchReport.h"
#include "BenchTools.h"
#include "LocalRedisServer.h"
#include "PolicyStore.h"
#include "RedisConnection.h"
#include "ScriptRunner.h"
#include "StoreError.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTextStream>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace quotadesk;
using namespace quotadesk::bench;

namespace {

const QString prefix = QStringLiteral("qd:");
constexpr int pipelineDepth = 16;

// Limits high enough that every decision is admitted: the admitted path writes the most, so it is the one
// to measure. Scenario (a): one user with requests/minute + tokens/day + concurrency. Scenario (b): a user,
// its client and a two-level group pool.
const char* benchPolicy = R"({
  "schema": 1, "timezone": "UTC", "default_tier": "bench",
  "tiers": {"bench": {"limits": [
      {"metric": "requests", "window": "minute", "limit": 100000000000},
      {"metric": "tokens", "window": "day", "limit": 1000000000000},
      {"metric": "concurrency", "limit": 1000000000}]}},
  "groups": {
      "research": {"limits": [{"metric": "tokens", "window": "day", "limit": 1000000000000}]},
      "nlp": {"parent": "research", "limits": [{"metric": "requests", "window": "minute", "limit": 100000000000}]}},
  "subjects": {"user:bench-b": {"group": "nlp"}}
})";

struct Scenario
{
    QString name;
    QList<QByteArray> args; // acquire.lua ARGV after the prefix
};

const Scenario scenarioA{QStringLiteral("(a) user: requests/min + tokens/day + concurrency"),
                         {"user:bench-a", "", "100", "0", "1000", "bench"}};
const Scenario scenarioB{QStringLiteral("(b) user + client + 2-level group pool"),
                         {"user:bench-b", "client:bench", "100", "0", "1000", "bench"}};

// A lower bound, not an engine: the fewest Redis calls a decision of scenario (a) can make, with no logic
// around them. Read the policy; read one state hash holding the request bucket and the day's token count;
// count live leases; take a lease id; write the state back; add the lease. No validation, no calendar, no
// reply, no lease record, no console bookkeeping. Its rate next to the no-op's is the most any script that
// enforces these three limits with an expiring lease could reach on this server.
const char* floorScript = R"(
local P, user = ARGV[1], ARGV[2]
local c = redis.call('TIME')
local now = c[1] * 1000 + math.floor(c[2] / 1000)
redis.call('HMGET', P .. 'policy:compiled', 'plan', 'plan:' .. user)
local state = P .. 'floor:' .. user
local st = redis.call('HMGET', state, 't', 'ts', 'tokens')
local leases = P .. 'floor:conc:' .. user
redis.call('ZCOUNT', leases, now, '+inf')
local id = redis.call('INCR', P .. 'floor:seq')
redis.call('HSET', state, 't', now, 'ts', now, 'tokens', (tonumber(st[3]) or 0) + ARGV[4])
redis.call('PEXPIRE', state, 86400000)
redis.call('ZADD', leases, now + ARGV[6], id)
redis.call('PEXPIRE', leases, 3600000 + ARGV[6], 'GT')
return id
)";

qint64 usedMemory(RedisConnection& conn)
{
    const QByteArray info = conn.call({"INFO", "memory"}).string;
    for (const QByteArray& line : info.split('\n')) {
        if (line.startsWith("used_memory:"))
            return line.mid(12).trimmed().toLongLong();
    }
    return 0;
}

struct RunResult
{
    double rate = 0;
    qint64 decisions = 0;
    double redisCpu = 0; // CPU seconds Redis spent during the run
    qint64 failures = 0; // denials or errors: the bench policy admits everything, so any is a bug
};

// `connections` threads, each with its own connection, send batches of `pipeline` acquires for `seconds`.
RunResult runAcquire(const RedisEndpoint& ep, const Scenario& scenario, int connections, int pipeline,
                     double seconds)
{
    std::atomic<bool> go{false}, stop{false};
    std::atomic<int> ready{0};
    std::atomic<qint64> admitted{0}, failures{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < connections; ++i) {
        threads.emplace_back([&] {
            RedisConnection conn(ep, 10000);
            ScriptRunner runner(conn, prefix);
            const QList<QList<QByteArray>> batch(pipeline, scenario.args);
            try {
                conn.connect();
                runner.run(QStringLiteral("acquire"), scenario.args); // loads the script
            } catch (const StoreError& e) {
                qCritical("%s", qPrintable(e.message()));
                failures += 1;
            }
            ++ready;
            while (!go)
                std::this_thread::yield();
            while (!stop) {
                try {
                    for (const RedisReply& r : runner.runMany(QStringLiteral("acquire"), batch)) {
                        if (r.string.contains("\"admitted\":true"))
                            ++admitted;
                        else
                            ++failures;
                    }
                } catch (const StoreError& e) {
                    qCritical("%s", qPrintable(e.message()));
                    ++failures;
                    return;
                }
            }
        });
    }
    while (ready < connections)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    RedisConnection probe(ep, 30000); // a loaded 2-core machine can stall Redis past the default 2 s
    const double cpu0 = redisCpuSeconds(probe);
    const qint64 before = admitted;
    QElapsedTimer timer;
    timer.start();
    go = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& t : threads)
        t.join();
    RunResult result;
    result.decisions = admitted - before;
    result.rate = double(result.decisions) / (double(timer.nsecsElapsed()) / 1e9);
    result.redisCpu = redisCpuSeconds(probe) - cpu0;
    result.failures = failures;
    return result;
}

// redis-benchmark's rate for `EVALSHA sha 0 args…` at the given concurrency and pipelining: with no args the
// no-op baseline; with acquire's args the engine driven by the very same client, so the ratio of the two is
// the engine's cost on the server alone.
double evalshaRate(const RedisEndpoint& ep, const QByteArray& sha, int connections, int pipeline,
                   int requests, const QList<QByteArray>& args = {})
{
    QStringList argv{QStringLiteral("-c"),      QString::number(connections), QStringLiteral("-P"),
                     QString::number(pipeline), QStringLiteral("-n"),         QString::number(requests),
                     QStringLiteral("EVALSHA"), QString::fromLatin1(sha),     QStringLiteral("0")};
    for (const QByteArray& a : args)
        argv << QString::fromUtf8(a);
    return redisBenchmarkRate(ep, argv);
}

// Open-loop latency: every connection sends on a fixed schedule, and a call's latency counts from its
// scheduled time, so a stall shows up in the percentiles instead of silently slowing the sender.
// With `noopSha` the same schedule sends the no-op EVALSHA instead: the latency of the client, the machine
// and one Redis round trip, without the engine.
std::vector<double> latencyAt(const RedisEndpoint& ep, const Scenario& scenario, int connections,
                              double totalRate, double seconds, const QByteArray& noopSha = {})
{
    std::vector<std::vector<double>> perThread{size_t(connections)};
    std::vector<std::thread> threads;
    const auto interval = std::chrono::nanoseconds(qint64(1e9 * connections / totalRate));
    const auto start = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
    const auto end =
        start + std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::duration<double>(seconds));
    for (int i = 0; i < connections; ++i) {
        threads.emplace_back([&, i] {
            RedisConnection conn(ep, 10000);
            ScriptRunner runner(conn, prefix);
            const auto send = [&] {
                if (noopSha.isEmpty())
                    runner.run(QStringLiteral("acquire"), scenario.args);
                else
                    conn.call({"EVALSHA", noopSha, "0"});
            };
            send();
            auto next = start + interval * i / connections;
            while (next < end) {
                std::this_thread::sleep_until(next);
                send();
                const auto done = std::chrono::steady_clock::now();
                perThread[size_t(i)].push_back(
                    std::chrono::duration<double, std::milli>(done - next).count());
                next += interval;
            }
        });
    }
    for (auto& t : threads)
        t.join();
    std::vector<double> all;
    for (const auto& v : perThread)
        all.insert(all.end(), v.begin(), v.end());
    std::sort(all.begin(), all.end());
    return all;
}

struct PeerResult
{
    double rate = 0;
    double redisCpu = 0;
    qint64 decisions = 0;
};

PeerResult runPeer(const RedisEndpoint& ep, const QString& peerDir, int connections, double seconds)
{
    PeerResult result;
    RedisConnection probe(ep, 30000); // a loaded 2-core machine can stall Redis past the default 2 s
    const double cpu0 = redisCpuSeconds(probe);
    QProcess node;
    node.setWorkingDirectory(peerDir);
    node.start(QStringLiteral("node"), {QStringLiteral("peer.js"), QString::number(ep.port),
                                        QString::number(connections), QString::number(seconds)});
    if (!node.waitForFinished(int(seconds * 1000) + 60000) || node.exitCode() != 0) {
        qCritical("peer benchmark failed: %s", node.readAllStandardError().constData());
        return result;
    }
    const QJsonObject out = QJsonDocument::fromJson(node.readAllStandardOutput()).object();
    result.decisions = qint64(out.value(QStringLiteral("decisions")).toDouble());
    result.rate = double(result.decisions) / out.value(QStringLiteral("seconds")).toDouble(1);
    result.redisCpu = redisCpuSeconds(probe) - cpu0;
    return result;
}

// Fills the store with `subjects` distinct users, each admitted once and settled, and returns the memory
// growth per subject: counters, lease bookkeeping, series and every console index included.
double bytesPerSubject(const RedisEndpoint& ep, int subjects)
{
    RedisConnection conn(ep, 60000);
    const qint64 before = usedMemory(conn);
    constexpr int batchSize = 256;
    // Three connections, so the server need not wait while a client thread builds and parses its batches:
    // the million subjects take about 160 s of server time (acquire, settle, folds of a million distinct
    // subjects), and the whole of bench/run.sh has 10 minutes.
    constexpr int connections = 3;
    static const QRegularExpression leaseRe(QStringLiteral("\"lease\":\"(\\d+)\""));
    std::atomic<qint64> settled{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < connections; ++t) {
        threads.emplace_back([&, t] {
            RedisConnection own(ep, 60000);
            ScriptRunner runner(own, prefix);
            for (int i = t * batchSize; i < subjects; i += connections * batchSize) {
                QList<QList<QByteArray>> acquires;
                for (int j = i; j < std::min(subjects, i + batchSize); ++j)
                    acquires.append(
                        {QByteArray("user:m") + QByteArray::number(j), "", "100", "0", "60000", "bench"});
                QList<QList<QByteArray>> settles;
                for (const RedisReply& r : runner.runMany(QStringLiteral("acquire"), acquires)) {
                    const auto m = leaseRe.match(QString::fromUtf8(r.string));
                    if (m.hasMatch())
                        settles.append({m.captured(1).toUtf8(), "80", "0"});
                }
                for (const RedisReply& r : runner.runMany(QStringLiteral("settle"), settles))
                    settled += r.string.contains("\"ok\":true") ? 1 : 0;
            }
        });
    }
    for (auto& t : threads)
        t.join();
    if (settled != subjects)
        qCritical("memory: %lld of %d subjects admitted and settled", qint64(settled), subjects);
    return double(usedMemory(conn) - before) / subjects;
}

QString rate(double perSecond)
{
    return QStringLiteral("%1/s").arg(QLocale::c().toString(qRound64(perSecond)));
}

QString ratio(double value, double baseline)
{
    return baseline > 0 ? QString::number(value / baseline, 'f', 2) : QStringLiteral("n/a");
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("quotadesk-bench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("QuotaDesk engine benchmark (see docs/performance.md)"));
    parser.addHelpOption();
    QCommandLineOption quick(QStringLiteral("quick"),
                             QStringLiteral("Short runs and 100,000 subjects (a smoke run)."));
    QCommandLineOption peerDir(
        QStringLiteral("peer"),
        QStringLiteral("Directory of the peer benchmark (bench/peer with node_modules)."),
        QStringLiteral("dir"));
    QCommandLineOption subjectsOpt(QStringLiteral("subjects"),
                                   QStringLiteral("Subjects for the memory figure."), QStringLiteral("n"),
                                   QStringLiteral("1000000"));
    parser.addOptions({quick, peerDir, subjectsOpt});
    parser.process(app);
    const bool isQuick = parser.isSet(quick);
    const double seconds = isQuick ? 1.0 : 2.0; // each throughput window
    const int subjects = isQuick ? 100000 : parser.value(subjectsOpt).toInt();
    QTextStream out(stdout);
    // Where the run's time goes, on stderr: bench/run.sh has to finish in 10 minutes on 2 cores, build
    // included.
    QElapsedTimer sinceStart;
    sinceStart.start();
    QElapsedTimer sincePhase = sinceStart;
    const auto took = [&](const char* phase) {
        qInfo("quotadesk-bench: %s took %.0f s (%.0f s in all)", phase, double(sincePhase.restart()) / 1000,
              double(sinceStart.elapsed()) / 1000);
    };

    LocalRedisServer server;
    if (!server.start()) {
        qCritical("%s", qPrintable(server.errorString()));
        return 1;
    }
    pinToCpu(0, pid_t(server.processId()));
    pinToCpu(1, 0); // this thread; every thread and child started from here inherits it
    const RedisEndpoint ep = server.endpoint();

    RedisConnection admin(ep, 30000);
    // An empty store with the benchmark policy; FLUSHALL keeps the scripts.
    const auto freshStore = [&] {
        admin.call({"FLUSHALL"});
        PolicyStore(admin, prefix, Actor::detect(admin)).publish(benchPolicy, 0, QStringLiteral("benchmark"));
    };
    try {
        freshStore();
    } catch (const StoreError& e) {
        qCritical("cannot publish the benchmark policy: %s", qPrintable(e.message()));
        return 1;
    }
    const QByteArray noop = admin.call({"SCRIPT", "LOAD", "return 1"}).string;
    const QByteArray floorSha = admin.call({"SCRIPT", "LOAD", floorScript}).string;

    const QByteArray acquireSha = ScriptRunner::sha1(QStringLiteral("acquire"));
    BenchReport throughput(
        {QStringLiteral("scenario"), QStringLiteral("connections"), QStringLiteral("pipeline"),
         QStringLiteral("QuotaDesk acquire (C++ client)"), QStringLiteral("acquire (redis-benchmark)"),
         QStringLiteral("no-op EVALSHA (redis-benchmark)"), QStringLiteral("ratio, C++ client"),
         QStringLiteral("ratio, same client"), QStringLiteral("floor script (redis-benchmark)"),
         QStringLiteral("floor ratio"), QStringLiteral("target")});
    double maxRate8 = 0;
    for (const Scenario* s : {&scenarioA, &scenarioB}) {
        for (int pipeline : {1, pipelineDepth}) {
            for (int connections : {1, 8, 32}) {
                const RunResult ours = runAcquire(ep, *s, connections, pipeline, seconds);
                const int requests = int(std::max(20000.0, ours.rate * seconds * (pipeline > 1 ? 2.0 : 4.0)));
                const double base = evalshaRate(ep, noop, connections, pipeline, requests);
                // Every acquire redis-benchmark sends must be admitted: lease:seq counts them
                // (redis-benchmark may send a few more than -n when it pipelines, never fewer).
                const qint64 seq0 = admin.call({"GET", "qd:lease:seq"}).string.toLongLong();
                const int acquireRequests = int(std::max(20000.0, ours.rate * seconds));
                QList<QByteArray> args{prefix.toUtf8()};
                args += s->args;
                const double driven =
                    evalshaRate(ep, acquireSha, connections, pipeline, acquireRequests, args);
                const qint64 admittedByBenchmark =
                    admin.call({"GET", "qd:lease:seq"}).string.toLongLong() - seq0;
                if (admittedByBenchmark < acquireRequests)
                    qCritical("redis-benchmark: %lld of %d acquires admitted in %s", admittedByBenchmark,
                              acquireRequests, qPrintable(s->name));
                if (ours.failures > 0)
                    qCritical("%lld acquires failed in %s", ours.failures, qPrintable(s->name));
                if (s == &scenarioA && pipeline == 1 && connections == 8)
                    maxRate8 = ours.rate;
                // The floor is scenario (a)'s: (b) would need more calls, so its floor would be lower.
                const double floorRate = s == &scenarioA ? evalshaRate(ep, floorSha, connections, pipeline,
                                                                       std::max(requests, 100000), args)
                                                         : 0;
                const QString target =
                    pipeline == 1 ? (s == &scenarioA ? QStringLiteral("≥ 0.80") : QString())
                                  : (s == &scenarioA ? QStringLiteral("≥ 0.15") : QStringLiteral("≥ 0.08"));
                throughput.addRow({s->name.left(3), QString::number(connections), QString::number(pipeline),
                                   rate(ours.rate), rate(driven), rate(base), ratio(ours.rate, base),
                                   ratio(driven, base), floorRate > 0 ? rate(floorRate) : QString(),
                                   floorRate > 0 ? ratio(floorRate, base) : QString(), target});
                out << "." << Qt::flush;
            }
        }
    }
    out << "\n\n## Throughput\n\n" << throughput.toMarkdown();
    took("throughput");

    // Throughput runs never settle, so they leave a lease record per decision (kept an hour past its lease)
    // that a gateway would have deleted: hundreds of thousands of keys, on which acquire's p99 was worse.
    // Latency is measured once on that store and then on a store holding only the policy. A few-millisecond
    // stall of the machine (a shared virtual one) moves a p99 by more than the engine does, so the runs on
    // the clean store are repeated, acquire and no-op alternating, and every round is shown.
    const double latencySeconds = isQuick ? 2.0 : 5.0;
    const int latencyRounds = isQuick ? 1 : 3;
    const qint64 keysLeft = admin.call({"DBSIZE"}).integer;
    out << "\n## Latency, scenario (a), 8 connections at half the maximum rate (" << rate(maxRate8 / 2)
        << ")\n\n";
    BenchReport latency({QStringLiteral("store"), QStringLiteral("calls"), QStringLiteral("p50"),
                         QStringLiteral("p99"), QStringLiteral("p999"), QStringLiteral("samples"),
                         QStringLiteral("target")});
    const auto ms = [](double v) {
        return QString::number(v, 'f', 3) + QStringLiteral(" ms");
    };
    for (int round = 0; round <= latencyRounds; ++round) {
        const QString store =
            round == 0
                ? QStringLiteral("after the throughput runs (%1 keys)").arg(QLocale::c().toString(keysLeft))
                : QStringLiteral("policy only, round %1").arg(round);
        const auto lat = latencyAt(ep, scenarioA, 8, maxRate8 / 2, latencySeconds);
        const auto noopLat = latencyAt(ep, scenarioA, 8, maxRate8 / 2, latencySeconds, noop);
        latency.addRow({store, QStringLiteral("acquire"), ms(percentile(lat, 0.5)), ms(percentile(lat, 0.99)),
                        ms(percentile(lat, 0.999)), QString::number(lat.size()),
                        QStringLiteral("p99 ≤ 1 ms")});
        latency.addRow({store, QStringLiteral("no-op EVALSHA, same client and schedule"),
                        ms(percentile(noopLat, 0.5)), ms(percentile(noopLat, 0.99)),
                        ms(percentile(noopLat, 0.999)), QString::number(noopLat.size()), QString()});
        if (round == 0)
            freshStore();
    }
    out << latency.toMarkdown();
    took("latency");

    const QString peer = parser.value(peerDir);
    if (!peer.isEmpty() && QFile::exists(peer + QStringLiteral("/node_modules"))) {
        BenchReport peers({QStringLiteral("connections"), QStringLiteral("QuotaDesk acquire (a)"),
                           QStringLiteral("rate-limiter-flexible consume()"), QStringLiteral("ratio"),
                           QStringLiteral("Redis CPU-s per 1M: QuotaDesk"),
                           QStringLiteral("Redis CPU-s per 1M: peer")});
        for (int connections : {1, 8, 32}) {
            const RunResult ours = runAcquire(ep, scenarioA, connections, 1, seconds);
            const PeerResult theirs = runPeer(ep, peer, connections, seconds);
            peers.addRow({QString::number(connections), rate(ours.rate), rate(theirs.rate),
                          ratio(ours.rate, theirs.rate),
                          QString::number(ours.redisCpu / double(ours.decisions) * 1e6, 'f', 1),
                          theirs.decisions
                              ? QString::number(theirs.redisCpu / double(theirs.decisions) * 1e6, 'f', 1)
                              : QStringLiteral("n/a")});
            out << "." << Qt::flush;
        }
        out << "\n\n## Side by side with rate-limiter-flexible (not pipelined)\n\n" << peers.toMarkdown();
        took("peer");
    } else {
        out << "\n(peer benchmark skipped: run bench/run.sh, which installs bench/peer's node modules)\n";
    }

    freshStore();
    const double perSubject = bytesPerSubject(ep, subjects);
    took("memory");
    out << "\n## Memory\n\n";
    BenchReport memory(
        {QStringLiteral("subjects"), QStringLiteral("Redis memory per subject, indexes included")});
    memory.addRow({QLocale::c().toString(subjects), QStringLiteral("%1 bytes").arg(qRound64(perSubject))});
    out << memory.toMarkdown();
    return 0;
}
