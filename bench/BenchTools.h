#pragma once

#include <sys/types.h>
#include <vector>

namespace quotadesk {

class RedisConnection;

// What both benchmarks need from the machine and the server.
namespace bench {

// Pins process or thread `pid` (0 = the caller) to one CPU, so Redis and the clients never share a core.
// Does nothing on a single-core machine.
void pinToCpu(int cpu, pid_t pid);

// The CPU time Redis has used so far, user + system (INFO cpu), in seconds.
double redisCpuSeconds(RedisConnection& conn);

// The p-quantile (0..1) of `values`, 0 for none.
double percentile(std::vector<double> values, double p);

} // namespace bench
} // namespace quotadesk
