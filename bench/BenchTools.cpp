#include "BenchTools.h"

#include "RedisConnection.h"
#include "RedisEndpoint.h"

#include <QProcess>

#include <algorithm>
#include <sched.h>
#include <thread>

namespace quotadesk::bench {

void pinToCpu(int cpu, pid_t pid)
{
    if (std::thread::hardware_concurrency() < 2)
        return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(pid, sizeof(set), &set);
}

double redisCpuSeconds(RedisConnection& conn)
{
    const QByteArray info = conn.call({"INFO", "cpu"}).string;
    double total = 0;
    for (const QByteArray& line : info.split('\n')) {
        if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:"))
            total += line.mid(line.indexOf(':') + 1).trimmed().toDouble();
    }
    return total;
}

double redisBenchmarkRate(const RedisEndpoint& ep, const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral("redis-benchmark"),
            QStringList{QStringLiteral("-h"), ep.host, QStringLiteral("-p"), QString::number(ep.port),
                        QStringLiteral("--csv")} +
                args);
    if (!p.waitForFinished(300000) || p.exitCode() != 0) {
        qCritical("redis-benchmark failed: %s", p.readAllStandardError().constData());
        return 0;
    }
    // "test","rps",… then "HSET","123456.78",…
    const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
    const QList<QByteArray> cells = lines.value(1).split(',');
    return QByteArray(cells.value(1)).replace('"', "").toDouble();
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size())))];
}

} // namespace quotadesk::bench
