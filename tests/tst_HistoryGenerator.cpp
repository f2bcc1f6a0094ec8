// HistoryGenerator (bench/) against a real redis-server: exact counts, consistent sums, contract TTLs, and
// the console's own reader (UsageReader) reading back what was written.
#include "EngineTestSupport.h"
#include "HistoryGenerator.h"
#include "LocalRedisServer.h"
#include "RedisConnection.h"
#include "TestMain.h"
#include "UsageReader.h"

#include <QTest>

#include <memory>

using namespace quotadesk;

namespace {
const QString prefix = QStringLiteral("qd:");
constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 dayMs = 24 * 60 * minuteMs;
} // namespace

class TestHistoryGenerator : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_conn;
    std::unique_ptr<HistoryGenerator> m_generator;
    HistoryGenerator::Result m_result;

    static qint64 dayStartOf(const QByteArray& topDayKey)
    {
        return topDayKey.mid(topDayKey.lastIndexOf(':') + 1).toLongLong();
    }
    qint64 zscoreSum(const QByteArray& key)
    {
        qint64 sum = 0;
        const auto items = m_conn->call({"ZRANGE", key, "0", "-1", "WITHSCORES"}).toArray(QString());
        for (qsizetype i = 1; i < items.size(); i += 2)
            sum += items[i].string.toLongLong();
        return sum;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint(), 20000);
        // Afternoon in the sample policy's Europe/Berlin, so "today" always has hours of traffic.
        enginetest::setStoreTimeToNoon(*m_conn);
        HistoryGenerator::Options options;
        options.subjects = 2000;
        options.days = 2;
        options.placed = 40;
        options.busiest = 8;
        options.activeShare = 0.05;
        m_generator = std::make_unique<HistoryGenerator>(*m_conn, prefix, options);
        m_result = m_generator->run();
    }

    void cleanupTestCase()
    {
        m_generator.reset();
        m_conn.reset();
        m_server.reset();
    }

    void subjectsIndexHoldsEveryIdInOrder()
    {
        QCOMPARE(m_conn->call({"ZCARD", "qd:subjects"}).integer, 2000);
        // 2 % clients: client:app-000000 … client:app-000039, then user:u0000000 … user:u0001959.
        QCOMPARE(m_generator->subjectId(0), QStringLiteral("client:app-000000"));
        QCOMPARE(m_generator->subjectId(40), QStringLiteral("user:u0000000"));
        const auto first = m_conn->call({"ZRANGE", "qd:subjects", "0", "0"}).toArray(QString());
        const auto middle = m_conn->call({"ZRANGE", "qd:subjects", "1000", "1000"}).toArray(QString());
        const auto last = m_conn->call({"ZRANGE", "qd:subjects", "-1", "-1"}).toArray(QString());
        QCOMPARE(QString::fromUtf8(first.value(0).string), m_generator->subjectId(0));
        QCOMPARE(QString::fromUtf8(middle.value(0).string), m_generator->subjectId(1000));
        QCOMPARE(QString::fromUtf8(last.value(0).string), QStringLiteral("user:u0001959"));
        QCOMPARE(m_conn->call({"PTTL", "qd:subjects"}).integer, -1);
    }

    void seriesCoverTheSpanWithContractTtls()
    {
        QCOMPARE(m_result.minuteKeys, 2 * 1440);
        const qint64 now = m_result.nowMs;
        const qint64 current = now - now % minuteMs;
        const qint64 first = current - (2 * 1440 - 1) * minuteMs;
        QCOMPARE(
            m_conn->call({"EXISTS", QByteArray("qd:ts:m:") + QByteArray::number(first - minuteMs)}).integer,
            0);
        // Kept 8 days after the minute ends, as acquire.lua sets it.
        const qint64 pttl =
            m_conn->call({"PTTL", QByteArray("qd:ts:m:") + QByteArray::number(first)}).integer;
        const qint64 expected = first + minuteMs + 8 * dayMs - now;
        QVERIFY2(pttl > expected - 60000 && pttl <= expected, qPrintable(QString::number(pttl)));
        const qint64 hour = current - current % (60 * minuteMs);
        const qint64 hourTtl =
            m_conn->call({"PTTL", QByteArray("qd:ts:h:") + QByteArray::number(hour)}).integer;
        QVERIFY2(hourTtl > 399 * dayMs && hourTtl <= 400 * dayMs + 60 * minuteMs,
                 qPrintable(QString::number(hourTtl)));
        // Hours [first hour .. current hour], every one has traffic.
        QCOMPARE(m_result.hourKeys, (hour - (first - first % (60 * minuteMs))) / (60 * minuteMs) + 1);
        // The hour series is the sum of its minutes.
        const QByteArray hourKey = QByteArray("qd:ts:h:") + QByteArray::number(hour - 60 * minuteMs);
        qint64 minutesSum = 0;
        for (qint64 m = hour - 60 * minuteMs; m < hour; m += minuteMs)
            minutesSum += m_conn->call({"HGET", QByteArray("qd:ts:m:") + QByteArray::number(m), "fleet|t"})
                              .string.toLongLong();
        QCOMPARE(m_conn->call({"HGET", hourKey, "fleet|t"}).string.toLongLong(), minutesSum);
        QVERIFY(minutesSum > 0);
    }

    void todaysRankingAddsUpToTheFleetSeries()
    {
        RedisConnection conn(m_server->endpoint());
        UsageReader reader(conn, prefix);
        const qint64 now = m_result.nowMs;
        const QByteArray meta = conn.call({"HGET", "qd:policy:compiled", "meta"}).string;
        QVERIFY(!meta.isEmpty());
        // The reader's own period math, with the policy's time zone (Europe/Berlin in the sample).
        const auto top = reader.top(QStringLiteral("requests"), QStringLiteral("day"), 10000);
        QCOMPARE(qint64(top.size()), m_result.activeToday);
        qint64 rankingSum = 0;
        for (const TopEntry& e : top)
            rankingSum += e.value;
        QCOMPARE(rankingSum, m_result.fleetRequestsToday);
        QVERIFY(rankingSum > 0);
        // The day starts at local midnight: find it from the ranking key's name.
        const auto keys = conn.call({"KEYS", "qd:top:requests:day:*"}).toArray(QString());
        QCOMPARE(keys.size(), 1);
        const qint64 dayStart = dayStartOf(keys[0].string);
        QVERIFY(dayStart <= now && now - dayStart < dayMs + 3600000);
        QCOMPARE(zscoreSum(keys[0].string), rankingSum);
        // UsageReader reads the minute series back: today's fleet requests are the ranking's sum.
        const auto series =
            reader.series({QStringLiteral("fleet")}, UsageReader::Metric::Requests, dayStart, now);
        double seriesSum = 0;
        for (const SeriesPoint& p : series.value(QStringLiteral("fleet")))
            seriesSum += p.value;
        QCOMPARE(qint64(seriesSum), m_result.fleetRequestsToday);
        // And one bucket exactly as stored.
        const qint64 current = now - now % minuteMs;
        QCOMPARE(series.value(QStringLiteral("fleet")).last().timeMs, current);
        QCOMPARE(qint64(series.value(QStringLiteral("fleet")).last().value),
                 conn.call({"HGET", QByteArray("qd:ts:m:") + QByteArray::number(current), "fleet|r"})
                     .string.toLongLong());
    }

    void countersMatchRankingsAndTheReaderSeesThem()
    {
        RedisConnection conn(m_server->endpoint());
        UsageReader reader(conn, prefix);
        // The busiest subjects are placed ones (explicit tier and group), with today's usage.
        const QString busiest = m_generator->subjectId(m_generator->placedIndex(0));
        const QList<SubjectUsage> usage = reader.subjectUsage({busiest});
        QCOMPARE(usage.size(), 1);
        const auto keys = conn.call({"KEYS", "qd:top:tokens:day:*"}).toArray(QString());
        QCOMPARE(keys.size(), 1);
        const RedisReply tokens = conn.call({"ZSCORE", keys[0].string, busiest.toUtf8()});
        QVERIFY(!tokens.isNil());
        bool found = false;
        for (const LimitUsage& l : usage[0].limits) {
            if (l.metric == QLatin1String("tokens") && l.window == QLatin1String("day")) {
                found = true;
                QCOMPARE(l.used, tokens.string.toLongLong());
                // Sized to land between 30 % and 98 % of the limit, give or take the noise.
                QVERIFY2(l.fraction() > 0.2 && l.fraction() < 1.2, qPrintable(QString::number(l.fraction())));
                const qint64 ttl = conn.call({"PTTL", QStringLiteral("qd:cnt:%1:tokens:day:%2")
                                                          .arg(busiest)
                                                          .arg(dayStartOf(keys[0].string))
                                                          .toUtf8()})
                                       .integer;
                QVERIFY2(ttl > dayMs && ttl <= 2 * dayMs + 3600000, qPrintable(QString::number(ttl)));
            }
        }
        QVERIFY(found);
        // Group pools: each group's tokens/day counter is the sum of its members' and its subgroups'.
        QHash<QString, qint64> expected;
        const QList<GroupUsage> groups = reader.groups();
        QHash<QString, QString> parentOf;
        for (const GroupUsage& g : groups)
            parentOf.insert(g.name, g.parent);
        for (const GroupUsage& g : groups) {
            for (const QString& member : g.members) {
                const RedisReply s = conn.call({"ZSCORE", keys[0].string, member.toUtf8()});
                for (QString at = g.name; !at.isEmpty(); at = parentOf.value(at))
                    expected[at] += s.isNil() ? 0 : s.string.toLongLong();
            }
        }
        QCOMPARE(groups.size(), 5);
        int checked = 0;
        for (const GroupUsage& g : groups) {
            for (const LimitUsage& l : g.limits) {
                if (l.metric == QLatin1String("tokens") && l.window == QLatin1String("day")) {
                    QCOMPARE(l.used, expected.value(g.name));
                    ++checked;
                }
            }
        }
        QCOMPARE(checked, 5);
        QVERIFY(expected.value(QStringLiteral("research")) > 0);
    }

    void fleetTotalsGatewaysAndLeases()
    {
        RedisConnection conn(m_server->endpoint());
        UsageReader reader(conn, prefix);
        const FleetTotals t = reader.fleetTotals();
        QCOMPARE(t.subjects, 2000);
        QCOMPARE(t.gateways.size(), 4);
        QCOMPARE(t.gateways[0].id, QStringLiteral("gw-1"));
        QCOMPARE(t.gateways[0].version, QString::number(m_result.policyVersion));
        // At most the 120 asked for: one per active subject (100 here), the busiest holding their peak.
        QVERIFY2(m_result.openLeases >= 100 && m_result.openLeases <= 120,
                 qPrintable(QString::number(m_result.openLeases)));
        QCOMPARE(t.concurrent, m_result.openLeases);
        QCOMPARE(conn.call({"ZCARD", "qd:conc:fleet"}).integer, m_result.openLeases);
        QCOMPARE(conn.call({"GET", "qd:lease:seq"}).string.toLongLong(), m_result.openLeases);
        QVERIFY(conn.call({"PTTL", "qd:conc:fleet"}).integer > 3600000);
    }

    void theFleetSeriesHasSingleMinuteSpikes()
    {
        RedisConnection conn(m_server->endpoint());
        UsageReader reader(conn, prefix);
        const qint64 now = m_result.nowMs;
        const auto points = reader
                                .series({QStringLiteral("fleet")}, UsageReader::Metric::Requests,
                                        now - dayMs + 2 * minuteMs, now)
                                .value(QStringLiteral("fleet"));
        QCOMPARE(points.size(), 1440 - 1);
        int spikes = 0;
        for (qsizetype i = 1; i + 1 < points.size(); ++i) {
            if (points[i].value > 2 * std::max(points[i - 1].value, points[i + 1].value))
                ++spikes;
        }
        QVERIFY2(spikes >= 1 && spikes <= m_result.spikes, qPrintable(QString::number(spikes)));
    }
};

QUOTADESK_TEST_MAIN(TestHistoryGenerator)
#include "tst_HistoryGenerator.moc"
