#include "HistoryGenerator.h"

#include "Actor.h"
#include "DemoEnvironment.h"
#include "Policy.h"
#include "PolicyStore.h"
#include "StoreError.h"
#include "UsageReader.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

namespace quotadesk {

namespace {

constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 hourMs = 60 * minuteMs;
constexpr qint64 dayMs = 24 * hourMs;
constexpr int membersPerCommand = 1000;
constexpr qsizetype maxPipelineBytes = 4 << 20;

// How the traffic of a tier looks. Tiers the sample policy does not have get the last profile.
struct TierProfile
{
    const char* name;
    double share; // of fleet requests
    double tokensPerRequest;
    double gpuMsPerRequest;
    double denialRate;
};
constexpr TierProfile tierProfiles[] = {{"free", 0.45, 400, 0, 0.02},
                                        {"pro", 0.30, 900, 150, 0.006},
                                        {"enterprise", 0.18, 1500, 600, 0.003},
                                        {"internal", 0.07, 1200, 900, 0.004},
                                        {"", 0.05, 800, 100, 0.01}};

const TierProfile& profileOf(const QString& tier)
{
    for (const TierProfile& p : tierProfiles) {
        if (tier == QLatin1String(p.name))
            return p;
    }
    return tierProfiles[std::size(tierProfiles) - 1];
}

// Commands queued and sent as one round trip once enough are waiting; an error reply throws, naming the key.
class Pipeline
{
public:
    Pipeline(RedisConnection& connection, int depth, HistoryGenerator::Result& result)
        : m_connection(connection), m_depth(std::max(1, depth)), m_result(result)
    {}

    void add(RedisConnection::Command command, qint64 elements)
    {
        for (const QByteArray& arg : command)
            m_bytes += arg.size() + 16;
        m_commands.append(std::move(command));
        ++m_result.commands;
        m_result.elements += elements;
        if (m_commands.size() >= m_depth || m_bytes >= maxPipelineBytes)
            flush();
    }

    void flush()
    {
        if (m_commands.isEmpty())
            return;
        const QList<RedisReply> replies = m_connection.pipeline(m_commands);
        for (qsizetype i = 0; i < replies.size(); ++i) {
            if (replies[i].isError())
                RedisConnection::throwIfError(replies[i], QString::fromUtf8(m_commands[i].value(1)));
        }
        m_commands.clear();
        m_bytes = 0;
    }

private:
    RedisConnection& m_connection;
    int m_depth;
    HistoryGenerator::Result& m_result;
    QList<RedisConnection::Command> m_commands;
    qsizetype m_bytes = 0;
};

// ZADD in chunks: `members` (score, member) pairs into `key`, then a TTL when given.
void zaddAll(Pipeline& out, const QByteArray& key, const std::vector<std::pair<qint64, QByteArray>>& members,
             qint64 ttlMs)
{
    if (members.empty())
        return;
    for (size_t i = 0; i < members.size(); i += membersPerCommand) {
        RedisConnection::Command cmd{"ZADD", key};
        const size_t end = std::min(members.size(), i + membersPerCommand);
        for (size_t k = i; k < end; ++k)
            cmd << QByteArray::number(members[k].first) << members[k].second;
        out.add(std::move(cmd), qint64(end - i));
    }
    if (ttlMs > 0)
        out.add({"PEXPIRE", key, QByteArray::number(ttlMs)}, 0);
}

// Splits `total` over `weights` exactly (the parts add up to `total`), each part at least `minimum`.
std::vector<qint64> distribute(qint64 total, const std::vector<double>& weights, qint64 minimum)
{
    std::vector<qint64> parts(weights.size(), 0);
    if (weights.empty())
        return parts;
    const qint64 spare = std::max<qint64>(0, total - minimum * qint64(weights.size()));
    double sum = 0;
    for (double w : weights)
        sum += w;
    qint64 given = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
        parts[i] = minimum + (sum > 0 ? qint64(std::floor(double(spare) * weights[i] / sum)) : 0);
        given += parts[i];
    }
    // What rounding left over goes one by one to the heaviest, so nobody with weight 0 gets any.
    std::vector<size_t> order(weights.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return weights[a] > weights[b]; });
    for (size_t k = 0; given < total && sum > 0; k = (k + 1) % order.size()) {
        ++parts[order[k]];
        ++given;
    }
    return parts;
}

// One entity's series: one value per minute of the generated span.
struct Series
{
    QByteArray entity;
    bool subject = false; // subjects also get `|c`, peak concurrent leases
    std::vector<qint64> r, t, g, d, c;
    void resize(size_t n)
    {
        for (auto* v : {&r, &t, &g, &d, &c})
            v->assign(n, 0);
    }
};

struct Usage
{
    qint64 requests = 0, tokens = 0, gpuMs = 0, denials = 0;
    qint64 of(const QString& metric) const
    {
        if (metric == QLatin1String("requests"))
            return requests;
        if (metric == QLatin1String("tokens"))
            return tokens;
        if (metric == QLatin1String("gpu_seconds"))
            return gpuMs;
        return 0;
    }
    Usage& operator+=(const Usage& o)
    {
        requests += o.requests;
        tokens += o.tokens;
        gpuMs += o.gpuMs;
        denials += o.denials;
        return *this;
    }
};

} // namespace

HistoryGenerator::HistoryGenerator(RedisConnection& connection, QString prefix, Options options)
    : m_connection(connection), m_prefix(std::move(prefix)), m_options(options)
{
    m_options.subjects = std::max(0, m_options.subjects);
    m_options.placed = std::clamp(m_options.placed, 0, m_options.subjects);
    m_options.busiest = std::clamp(m_options.busiest, 0, m_options.placed);
    m_options.days = std::max(1, m_options.days);
}

QString HistoryGenerator::subjectId(int index) const
{
    const int clients = int(std::lround(m_options.subjects * m_options.clientShare));
    if (index < clients)
        return QStringLiteral("client:app-%1").arg(index, 6, 10, QLatin1Char('0'));
    return QStringLiteral("user:u%1").arg(index - clients, 7, 10, QLatin1Char('0'));
}

int HistoryGenerator::placedIndex(int j) const
{
    const int stride = m_options.subjects / std::max(1, m_options.placed);
    return j * stride + stride / 2;
}

qint64 HistoryGenerator::publishPolicy()
{
    QList<PolicyIssue> issues;
    Policy policy = Policy::parse(DemoEnvironment::samplePolicy(), &issues);
    if (!issues.isEmpty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("the sample policy is invalid"));
    QStringList tiers, groups;
    for (const PolicyTier& t : policy.tiers())
        tiers << t.name;
    for (const PolicyGroup& g : policy.groups())
        groups << g.name;
    for (int j = 0; j < m_options.placed; ++j) {
        PolicySubject s;
        s.id = subjectId(placedIndex(j));
        s.tier = tiers.value(j % tiers.size());
        // Every (groups + 1)-th placed subject has a tier but no group.
        const int g = j % int(groups.size() + 1);
        s.group = g < groups.size() ? groups[g] : QString();
        policy.subjects().append(s);
    }
    std::sort(policy.subjects().begin(), policy.subjects().end(),
              [](const PolicySubject& a, const PolicySubject& b) { return a.id < b.id; });
    PolicyStore store(m_connection, m_prefix, Actor(QStringLiteral("bench"), QStringLiteral("bench@local")));
    return store.publish(policy.toJson(), store.current().version, QStringLiteral("history generator"));
}

HistoryGenerator::Result HistoryGenerator::run()
{
    QElapsedTimer clock;
    clock.start();
    Result result;
    const int previousTimeout = m_connection.timeoutMs();
    m_connection.setTimeoutMs(std::max(previousTimeout, 60000));
    struct RestoreTimeout
    {
        RedisConnection& c;
        int ms;
        ~RestoreTimeout() { c.setTimeoutMs(ms); }
    } restore{m_connection, previousTimeout};

    result.policyVersion = publishPolicy();
    UsageReader reader(m_connection, m_prefix);
    const qint64 now = reader.nowMs();
    result.nowMs = now;

    QList<PolicyIssue> issues;
    const Policy policy = Policy::parse(
        m_connection.call({"GET", (m_prefix + QStringLiteral("policy")).toUtf8()}).string, &issues);
    const QString defaultTier = policy.defaultTier();
    QMap<QString, QList<PolicyLimit>> tierLimits;
    for (const PolicyTier& t : policy.tiers())
        tierLimits.insert(t.name, t.limits);
    QMap<QString, PolicyGroup> groupsByName;
    for (const PolicyGroup& g : policy.groups())
        groupsByName.insert(g.name, g);
    QHash<int, const PolicySubject*> placedAt; // subject index -> its policy entry
    QHash<QString, const PolicySubject*> entries;
    for (const PolicySubject& s : policy.subjects())
        entries.insert(s.id, &s);
    for (int j = 0; j < m_options.placed; ++j)
        placedAt.insert(placedIndex(j), entries.value(subjectId(placedIndex(j))));
    auto tierOf = [&](int index) {
        const PolicySubject* s = placedAt.value(index);
        return s && !s->tier.isEmpty() ? s->tier : defaultTier;
    };
    auto groupOf = [&](int index) {
        const PolicySubject* s = placedAt.value(index);
        return s ? s->group : QString();
    };

    const qint64 firstSpanMs = now - qint64(m_options.days) * dayMs - dayMs;
    const UsageReader::TzTable tz = Policy::timezoneTransitions(policy.timezone(), firstSpanMs, now + dayMs);
    const qint64 currentMinute = now - now % minuteMs;
    const size_t minutes = size_t(m_options.days) * 1440;
    const qint64 firstMinute = currentMinute - qint64(minutes - 1) * minuteMs;
    const qint64 dayStart = UsageReader::periodStart(QStringLiteral("day"), now, tz);
    const qint64 dayEnd = UsageReader::periodEnd(QStringLiteral("day"), now, tz);
    const qint64 monthStart = UsageReader::periodStart(QStringLiteral("month"), now, tz);
    const qint64 monthEnd = UsageReader::periodEnd(QStringLiteral("month"), now, tz);

    std::mt19937_64 rng(m_options.seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> normal(0.0, 1.0);
    auto noisy = [&](double x, double spread) {
        return std::max(0.0, x * (1.0 + spread * normal(rng)));
    };
    // Unbiased rounding, so small rates still add up to the right totals.
    auto count = [&](double x) {
        return qint64(std::floor(x + unit(rng)));
    };

    // The fleet's expected requests per minute: a working-day curve in the policy's time zone.
    std::vector<double> base(minutes);
    for (size_t m = 0; m < minutes; ++m) {
        const qint64 t = firstMinute + qint64(m) * minuteMs;
        const qint64 local = t + qint64(UsageReader::utcOffsetAt(tz, t)) * 1000;
        const qint64 days = local >= 0 ? local / dayMs : (local - dayMs + 1) / dayMs;
        const double hour = double(local - days * dayMs) / double(hourMs);
        const int weekday = int(((days % 7) + 11) % 7); // 0 = Sunday (1970-01-01 was a Thursday)
        const double day =
            hour > 6 && hour < 22 ? std::pow(std::sin(std::numbers::pi * (hour - 6) / 16), 1.5) : 0.0;
        const double week = weekday == 0 || weekday == 6 ? 0.55 : 1.0;
        base[m] = m_options.peakRequestsPerMinute * (0.12 + 0.88 * day) * week;
    }

    // Series: fleet = sum of tiers; groups pool their children; the busiest subjects ride on the fleet curve.
    std::vector<Series> tiers;
    for (const PolicyTier& t : policy.tiers()) {
        Series s;
        s.entity = ("tier:" + t.name).toUtf8();
        s.resize(minutes);
        const TierProfile& p = profileOf(t.name);
        for (size_t m = 0; m < minutes; ++m) {
            const qint64 r = count(noisy(base[m] * p.share, 0.08));
            s.r[m] = r;
            s.t[m] = count(noisy(double(r) * p.tokensPerRequest, 0.1));
            s.g[m] = count(noisy(double(r) * p.gpuMsPerRequest, 0.15));
            s.d[m] = count(double(r) * p.denialRate);
        }
        tiers.push_back(std::move(s));
    }
    // Single-minute spikes: one tier's traffic jumps for one minute and many of those requests are denied.
    const int spikeCount = tiers.empty() ? 0 : std::max(1, m_options.days * 6);
    std::vector<bool> spiked(minutes, false);
    for (int k = 0; k < spikeCount; ++k) {
        size_t m = size_t(unit(rng) * double(minutes - 1));
        while (spiked[m])
            m = (m + 1) % (minutes - 1);
        spiked[m] = true;
        Series& s = tiers[size_t(unit(rng) * double(tiers.size())) % tiers.size()];
        const double factor = 6 + 6 * unit(rng);
        const qint64 extra = count(base[m] * factor * 0.3);
        s.r[m] += extra;
        s.t[m] += count(double(extra) * double(s.t[m]) / double(std::max<qint64>(1, s.r[m] - extra)));
        s.d[m] += extra / 3;
    }
    result.spikes = spikeCount;
    Series fleet;
    fleet.entity = "fleet";
    fleet.resize(minutes);
    for (const Series& s : tiers) {
        for (size_t m = 0; m < minutes; ++m) {
            fleet.r[m] += s.r[m];
            fleet.t[m] += s.t[m];
            fleet.g[m] += s.g[m];
            fleet.d[m] += s.d[m];
        }
    }
    std::vector<Series> groups;
    QHash<QString, size_t> groupSlot;
    for (const PolicyGroup& g : policy.groups()) {
        Series s;
        s.entity = ("group:" + g.name).toUtf8();
        s.resize(minutes);
        const double share = g.parent.isEmpty() ? 0.015 : 0.05;
        for (size_t m = 0; m < minutes; ++m) {
            s.r[m] = count(noisy(double(fleet.r[m]) * share, 0.1));
            s.t[m] = count(noisy(double(fleet.t[m]) * share, 0.1));
            s.g[m] = count(noisy(double(fleet.g[m]) * share, 0.15));
            s.d[m] = count(double(fleet.d[m]) * share);
        }
        groupSlot.insert(g.name, groups.size());
        groups.push_back(std::move(s));
    }
    // A group's pool counts its children's usage too: add each group's own usage to every ancestor.
    for (const PolicyGroup& g : policy.groups()) {
        const std::vector<Series>::size_type own = groupSlot.value(g.name);
        QString parent = g.parent;
        for (int depth = 0; !parent.isEmpty() && groupSlot.contains(parent) && depth < 16; ++depth) {
            Series& up = groups[groupSlot.value(parent)];
            for (size_t m = 0; m < minutes; ++m) {
                up.r[m] += groups[own].r[m];
                up.t[m] += groups[own].t[m];
                up.g[m] += groups[own].g[m];
                up.d[m] += groups[own].d[m];
            }
            parent = groupsByName.value(parent).parent;
        }
    }
    const size_t todayFrom =
        dayStart <= firstMinute ? 0 : std::min(minutes, size_t((dayStart - firstMinute) / minuteMs));
    auto sumToday = [&](const std::vector<qint64>& v) {
        qint64 sum = 0;
        for (size_t m = todayFrom; m < minutes; ++m)
            sum += v[m];
        return sum;
    };
    std::vector<Series> busiest;
    std::vector<int> busiestIndex;
    for (int j = 0; j < m_options.busiest; ++j) {
        const int index = placedIndex(j);
        const QString tier = tierOf(index);
        const TierProfile& p = profileOf(tier);
        Series s;
        s.entity = subjectId(index).toUtf8();
        s.subject = true;
        s.resize(minutes);
        const double share = 0.004 * (1.0 - 0.5 * double(j) / double(std::max(1, m_options.busiest)));
        for (size_t m = 0; m < minutes; ++m)
            s.r[m] = count(noisy(base[m] * share, 0.2));
        // Tokens per request chosen so today's tokens land at a spread of fractions of the tokens/day
        // limit (the gauges then show every colour); tiers without one use their usual size.
        double tokensPerRequest = p.tokensPerRequest;
        qint64 concurrencyLimit = 0;
        for (const PolicyLimit& l : tierLimits.value(tier)) {
            if (l.metric == QLatin1String("tokens") && l.window == QLatin1String("day")) {
                const double target = 0.3 + 0.68 * double(m_options.busiest - 1 - j) /
                                                double(std::max(1, m_options.busiest - 1));
                tokensPerRequest = target * double(l.limit) / double(std::max<qint64>(1, sumToday(s.r)));
            }
            if (l.metric == QLatin1String("concurrency"))
                concurrencyLimit = l.limit;
        }
        for (size_t m = 0; m < minutes; ++m) {
            const double r = double(s.r[m]);
            s.t[m] = count(noisy(r * tokensPerRequest, 0.1));
            s.g[m] = count(noisy(r * p.gpuMsPerRequest, 0.15));
            s.d[m] = count(r * p.denialRate);
            if (s.r[m] > 0) {
                const qint64 peak = std::max<qint64>(1, count(r / 12.0));
                s.c[m] = concurrencyLimit > 0 ? std::min(concurrencyLimit, peak) : peak;
            }
        }
        busiestIndex.push_back(index);
        busiest.push_back(std::move(s));
    }

    Pipeline out(m_connection, m_options.commandsPerPipeline, result);
    auto key = [&](const QString& rest) {
        return (m_prefix + rest).toUtf8();
    };

    // Minute and hour series, only non-zero fields (the scripts never write a 0). Every TTL is relative to
    // store time, as the scripts set them: the store clock may be offset from Redis' own.
    std::vector<const Series*> all{&fleet};
    for (const auto* list : {&tiers, &groups, &busiest}) {
        for (const Series& s : *list)
            all.push_back(&s);
    }
    auto writeHash = [&](const QByteArray& k, qint64 expireAt, size_t from, size_t to) {
        RedisConnection::Command cmd{"HSET", k};
        qint64 fields = 0;
        for (const Series* s : all) {
            const std::pair<char, const std::vector<qint64>*> metrics[] = {
                {'r', &s->r}, {'t', &s->t}, {'g', &s->g}, {'d', &s->d}, {'c', &s->c}};
            for (const auto& [m, values] : metrics) {
                if (m == 'c' && !s->subject)
                    continue;
                qint64 v = 0;
                for (size_t i = from; i < to; ++i)
                    v = m == 'c' ? std::max(v, (*values)[i]) : v + (*values)[i];
                if (v != 0) {
                    cmd << s->entity + '|' + m << QByteArray::number(v);
                    ++fields;
                }
            }
        }
        if (fields == 0)
            return false;
        out.add(std::move(cmd), fields);
        out.add({"PEXPIRE", k, QByteArray::number(expireAt - now)}, 0);
        return true;
    };
    for (size_t m = 0; m < minutes; ++m) {
        const qint64 start = firstMinute + qint64(m) * minuteMs;
        if (writeHash(key(QStringLiteral("ts:m:%1").arg(start)), start + minuteMs + 8 * dayMs, m, m + 1))
            ++result.minuteKeys;
    }
    for (qint64 hour = firstMinute - firstMinute % hourMs; hour <= currentMinute; hour += hourMs) {
        const size_t from = hour <= firstMinute ? 0 : size_t((hour - firstMinute) / minuteMs);
        const size_t to = std::min(minutes, size_t((hour + hourMs - firstMinute) / minuteMs));
        if (writeHash(key(QStringLiteral("ts:h:%1").arg(hour)), hour + hourMs + 400 * dayMs, from, to))
            ++result.hourKeys;
    }

    // The subjects index: every id, score 0.
    const QByteArray subjectsKey = key(QStringLiteral("subjects"));
    for (int i = 0; i < m_options.subjects; i += membersPerCommand) {
        RedisConnection::Command cmd{"ZADD", subjectsKey};
        const int end = std::min(m_options.subjects, i + membersPerCommand);
        for (int k = i; k < end; ++k)
            cmd << "0" << subjectId(k).toUtf8();
        out.add(std::move(cmd), end - i);
    }

    // Who was active: the busiest, then a random sample; a second sample only earlier this month.
    std::vector<char> chosen(size_t(m_options.subjects), 0);
    int chosenCount = 0;
    // Rejection sampling: cheap while most subjects are still unchosen, which the shares keep true.
    auto sample = [&](int n) {
        std::vector<int> picked;
        n = std::min(n, m_options.subjects - chosenCount);
        std::uniform_int_distribution<int> any(0, std::max(0, m_options.subjects - 1));
        while (int(picked.size()) < n) {
            const int i = any(rng);
            if (!chosen[size_t(i)]) {
                chosen[size_t(i)] = 1;
                ++chosenCount;
                picked.push_back(i);
            }
        }
        return picked;
    };
    for (int i : busiestIndex) {
        chosen[size_t(i)] = 1;
        ++chosenCount;
    }
    Usage fleetToday{sumToday(fleet.r), sumToday(fleet.t), sumToday(fleet.g), sumToday(fleet.d)};
    Usage busiestToday;
    std::vector<Usage> today;
    for (const Series& s : busiest) {
        today.push_back({sumToday(s.r), sumToday(s.t), sumToday(s.g), sumToday(s.d)});
        busiestToday += today.back();
    }
    // Everyone active made at least one request, so there cannot be more of them than requests left.
    const qint64 restRequests = std::max<qint64>(0, fleetToday.requests - busiestToday.requests);
    const int wanted = int(std::lround(m_options.subjects * m_options.activeShare)) - int(busiest.size());
    const int restCount = int(std::clamp<qint64>(
        wanted, 0, std::min<qint64>(restRequests, m_options.subjects - qint64(busiest.size()))));
    std::vector<int> active = busiestIndex;
    const std::vector<int> rest = sample(restCount);
    active.insert(active.end(), rest.begin(), rest.end());
    std::lognormal_distribution<double> heavy(0.0, 1.0);
    std::vector<double> wReq, wTok, wGpu, wDen;
    for (int i : rest) {
        const TierProfile& p = profileOf(tierOf(i));
        const double w = std::min(heavy(rng), 7.5); // capped, so the busiest stay on top
        wReq.push_back(w);
        wTok.push_back(w * p.tokensPerRequest);
        wGpu.push_back(w * p.gpuMsPerRequest);
        wDen.push_back(unit(rng) < 0.1 ? w : 0.0);
    }
    const auto rReq = distribute(restRequests, wReq, 1);
    const auto rTok = distribute(std::max<qint64>(0, fleetToday.tokens - busiestToday.tokens), wTok, 0);
    const auto rGpu = distribute(std::max<qint64>(0, fleetToday.gpuMs - busiestToday.gpuMs), wGpu, 0);
    const auto rDen = distribute(std::max<qint64>(0, fleetToday.denials - busiestToday.denials), wDen, 0);
    for (size_t k = 0; k < rest.size(); ++k)
        today.push_back({rReq[k], rTok[k], rGpu[k], rDen[k]});
    result.activeToday = qint64(active.size());
    result.fleetRequestsToday = 0;
    for (const Usage& u : today)
        result.fleetRequestsToday += u.requests;

    // This month: today plus earlier days at a similar rate, and others active only on earlier days.
    const double earlierDays = double(dayStart - monthStart) / double(dayMs);
    std::vector<int> monthActive = active;
    std::vector<Usage> month;
    for (const Usage& u : today) {
        const double f = earlierDays * (0.5 + unit(rng));
        month.push_back({u.requests + qint64(double(u.requests) * f), u.tokens + qint64(double(u.tokens) * f),
                         u.gpuMs + qint64(double(u.gpuMs) * f), u.denials + qint64(double(u.denials) * f)});
    }
    if (earlierDays >= 1) {
        const double perDay = double(restRequests) / double(std::max(1, restCount));
        for (int i : sample(restCount)) {
            const TierProfile& p = profileOf(tierOf(i));
            const qint64 r = 1 + qint64(perDay * std::min(heavy(rng), 7.5) * earlierDays * unit(rng));
            monthActive.push_back(i);
            month.push_back(
                {r, qint64(double(r) * p.tokensPerRequest), qint64(double(r) * p.gpuMsPerRequest), 0});
        }
    }

    // Rankings (`top:`) and calendar counters (`cnt:`), expiring one period after the period ends.
    const struct
    {
        const char* metric;
        qint64 Usage::*field;
    } rankings[] = {{"requests", &Usage::requests},
                    {"tokens", &Usage::tokens},
                    {"gpu_seconds", &Usage::gpuMs},
                    {"denials", &Usage::denials}};
    auto writeRanking = [&](const QString& window, qint64 start, qint64 end, const std::vector<int>& ids,
                            const std::vector<Usage>& usage) {
        for (const auto& r : rankings) {
            std::vector<std::pair<qint64, QByteArray>> members;
            for (size_t k = 0; k < ids.size(); ++k) {
                if (usage[k].*r.field > 0)
                    members.emplace_back(usage[k].*r.field, subjectId(ids[k]).toUtf8());
            }
            zaddAll(out, key(QStringLiteral("top:%1:%2:%3").arg(QLatin1String(r.metric), window).arg(start)),
                    members, 2 * end - start - now);
        }
    };
    writeRanking(QStringLiteral("day"), dayStart, dayEnd, active, today);
    writeRanking(QStringLiteral("month"), monthStart, monthEnd, monthActive, month);

    QHash<QString, Usage> groupDay, groupMonth;
    auto writeCounters = [&](const QString& entity, const QList<PolicyLimit>& limits, const Usage& day,
                             const Usage& mon) {
        for (const PolicyLimit& l : limits) {
            const bool isDay = l.window == QLatin1String("day");
            if (!isDay && l.window != QLatin1String("month"))
                continue;
            const qint64 value = (isDay ? day : mon).of(l.metric);
            if (value <= 0)
                continue;
            const qint64 start = isDay ? dayStart : monthStart;
            const qint64 end = isDay ? dayEnd : monthEnd;
            out.add({"SET", key(QStringLiteral("cnt:%1:%2:%3:%4").arg(entity, l.metric, l.window).arg(start)),
                     QByteArray::number(value), "PX", QByteArray::number(2 * end - start - now)},
                    1);
        }
    };
    for (size_t k = 0; k < monthActive.size(); ++k) {
        const int index = monthActive[k];
        const Usage day = k < today.size() ? today[k] : Usage{};
        writeCounters(subjectId(index), tierLimits.value(tierOf(index)), day, month[k]);
        for (QString g = groupOf(index); !g.isEmpty() && groupsByName.contains(g);
             g = groupsByName.value(g).parent) {
            groupDay[g] += day;
            groupMonth[g] += month[k];
        }
    }
    for (const PolicyGroup& g : policy.groups())
        writeCounters(QStringLiteral("group:") + g.name, g.limits, groupDay.value(g.name),
                      groupMonth.value(g.name));

    // This minute's rankings: the busiest plus a few hundred others sharing the rest of the fleet's minute.
    {
        const size_t m = minutes - 1;
        std::vector<int> ids = busiestIndex;
        std::vector<Usage> minuteUsage;
        qint64 taken = 0;
        for (const Series& s : busiest) {
            minuteUsage.push_back({s.r[m], s.t[m], s.g[m], s.d[m]});
            taken += s.r[m];
        }
        const qint64 left = std::max<qint64>(0, fleet.r[m] - taken);
        const size_t others = std::min<size_t>({rest.size(), 300, size_t(left)});
        const auto parts = distribute(left, std::vector<double>(others, 1.0), 1);
        for (size_t k = 0; k < others; ++k) {
            ids.push_back(rest[k]);
            minuteUsage.push_back(
                {parts[k], qint64(double(parts[k]) * profileOf(tierOf(rest[k])).tokensPerRequest), 0, 0});
        }
        writeRanking(QStringLiteral("minute"), currentMinute, currentMinute + minuteMs, ids, minuteUsage);
    }

    // Open leases: each busiest subject holds its current peak, others one each; every lease is in
    // `conc:fleet`, its subject's zset, and the zsets of groups with a concurrency limit up its chain.
    QMap<QByteArray, std::vector<std::pair<qint64, QByteArray>>> conc;
    qint64 leaseId = 0;
    qint64 lastExpiry = now;
    auto lease = [&](int index) {
        ++leaseId;
        const qint64 expires = now + 5 * minuteMs + (leaseId % 240) * 1000;
        lastExpiry = std::max(lastExpiry, expires);
        const QByteArray id = QByteArray::number(leaseId);
        conc[key(QStringLiteral("conc:fleet"))].emplace_back(expires, id);
        conc[key(QStringLiteral("conc:") + subjectId(index))].emplace_back(expires, id);
        for (QString g = groupOf(index); !g.isEmpty() && groupsByName.contains(g);
             g = groupsByName.value(g).parent) {
            const auto& limits = groupsByName.value(g).limits;
            if (std::any_of(limits.begin(), limits.end(),
                            [](const PolicyLimit& l) { return l.metric == QLatin1String("concurrency"); }))
                conc[key(QStringLiteral("conc:group:") + g)].emplace_back(expires, id);
        }
    };
    for (size_t j = 0; j < busiest.size() && leaseId < m_options.openLeases; ++j) {
        for (qint64 k = 0; k < busiest[j].c[minutes - 1] && leaseId < m_options.openLeases; ++k)
            lease(busiestIndex[j]);
    }
    for (size_t k = 0; k < rest.size() && leaseId < m_options.openLeases; ++k)
        lease(rest[k]);
    for (auto it = conc.constBegin(); it != conc.constEnd(); ++it)
        zaddAll(out, it.key(), it.value(), lastExpiry + hourMs - now);
    result.openLeases = leaseId;
    if (leaseId > 0)
        out.add({"SET", key(QStringLiteral("lease:seq")), QByteArray::number(leaseId)}, 1);

    // Token buckets of the busiest: partly drained just now, expiring when they would be full again.
    for (size_t j = 0; j < busiest.size(); ++j) {
        for (const PolicyLimit& l : tierLimits.value(tierOf(busiestIndex[j]))) {
            const qint64 w = UsageReader::slidingWindowMs(l.window);
            if (w <= 0 || l.metric == QLatin1String("concurrency"))
                continue;
            const qint64 scale = l.metric == QLatin1String("gpu_seconds") ? 1000 : 1;
            const qint64 limit = l.limit * scale;
            const qint64 capacity = (limit + l.burst * scale) * w;
            const qint64 t = capacity - qint64(double(limit + l.burst * scale) * (0.1 + 0.7 * unit(rng))) * w;
            const QByteArray k =
                key(QStringLiteral("tb:%1:%2:%3").arg(subjectId(busiestIndex[j]), l.metric, l.window));
            out.add({"HSET", k, "t", QByteArray::number(t), "ts", QByteArray::number(now)}, 2);
            if (limit > 0)
                out.add({"PEXPIRE", k, QByteArray::number((capacity - t + limit - 1) / limit + 1)}, 0);
        }
    }

    // Gateways, as heartbeat.lua writes them.
    for (int k = 0; k < m_options.gateways; ++k) {
        const QJsonObject g{
            {QStringLiteral("id"), QStringLiteral("gw-%1").arg(k + 1)},
            {QStringLiteral("host"), QStringLiteral("gateway-%1.internal").arg(k + 1)},
            {QStringLiteral("pid"), 4100 + k},
            {QStringLiteral("version"), result.policyVersion},
            {QStringLiteral("dps"), double(fleet.r[minutes - 1]) / 60.0 / m_options.gateways},
            {QStringLiteral("signals"), QJsonObject{{QStringLiteral("upstream_latency_ms"), 300 + 40 * k},
                                                    {QStringLiteral("upstream_error_rate"), 0.002}}},
            {QStringLiteral("seen"), now - 1000 * k}};
        out.add({"HSET", key(QStringLiteral("gateways")), QStringLiteral("gw-%1").arg(k + 1).toUtf8(),
                 QJsonDocument(g).toJson(QJsonDocument::Compact)},
                1);
    }
    out.flush();
    result.seconds = double(clock.nsecsElapsed()) / 1e9;
    return result;
}

} // namespace quotadesk
