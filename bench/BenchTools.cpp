#include "BenchTools.h"

#include "RedisConnection.h"

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

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size())))];
}

} // namespace quotadesk::bench
