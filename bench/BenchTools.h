#pragma once

#include <QStringList>

#include <sys/types.h>
#include <vector>

namespace quotadesk {

class RedisConnection;
struct RedisEndpoint;

// What both benchmarks need from the machine and the server.
namespace bench {

// Pins process or thread `pid` (0 = the caller) to one CPU, so Redis and the clients never share a core.
// Does nothing on a single-core machine.
void pinToCpu(int cpu, pid_t pid);

// The CPU time Redis has used so far, user + system (INFO cpu), in seconds.
double redisCpuSeconds(RedisConnection& conn);

// Runs redis-benchmark against `ep` with `args` (after -h/-p; --csv is added) and returns the requests per
// second of its one test, 0 (and a message) if it failed.
double redisBenchmarkRate(const RedisEndpoint& ep, const QStringList& args);

// The p-quantile (0..1) of `values`, 0 for none.
double percentile(std::vector<double> values, double p);

} // namespace bench
} // namespace quotadesk
