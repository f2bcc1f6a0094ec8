/* LD_PRELOAD library for tst_ClockSkew: moves the wall clock (CLOCK_REALTIME, gettimeofday, time) of the
 * process by QD_CLOCK_SHIFT_MS milliseconds, so a real gateway process runs with a skewed clock while its
 * monotonic clocks, and Redis' clock, stay true. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

typedef int (*ClockGettime)(clockid_t, struct timespec*);

static long long shiftNs;
static ClockGettime realClockGettime;

__attribute__((constructor)) static void init(void)
{
    const char* text = getenv("QD_CLOCK_SHIFT_MS");
    shiftNs = text ? strtoll(text, NULL, 10) * 1000000LL : 0;
    /* The POSIX idiom for a function pointer from dlsym, which ISO C cannot cast to. */
    *(void**)(&realClockGettime) = dlsym(RTLD_NEXT, "clock_gettime");
}

static int shiftedRealtime(clockid_t id, struct timespec* ts)
{
    if (!realClockGettime)
        init();
    const int rc = realClockGettime(id, ts);
    if (rc != 0 || (id != CLOCK_REALTIME && id != CLOCK_REALTIME_COARSE))
        return rc;
    const long long ns = (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec + shiftNs;
    ts->tv_sec = (time_t)(ns / 1000000000LL);
    ts->tv_nsec = (long)(ns % 1000000000LL);
    if (ts->tv_nsec < 0) {
        ts->tv_nsec += 1000000000L;
        --ts->tv_sec;
    }
    return rc;
}

int clock_gettime(clockid_t id, struct timespec* ts)
{
    return shiftedRealtime(id, ts);
}

int gettimeofday(struct timeval* tv, void* tz)
{
    (void)tz;
    struct timespec ts;
    const int rc = shiftedRealtime(CLOCK_REALTIME, &ts);
    if (rc == 0) { /* glibc declares tv nonnull */
        tv->tv_sec = ts.tv_sec;
        tv->tv_usec = ts.tv_nsec / 1000;
    }
    return rc;
}

time_t time(time_t* out)
{
    struct timespec ts;
    shiftedRealtime(CLOCK_REALTIME, &ts);
    if (out)
        *out = ts.tv_sec;
    return ts.tv_sec;
}
