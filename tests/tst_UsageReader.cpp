// UsageReader against a real redis-server, with usage produced by the real engine scripts.
#include "ConsoleTestSupport.h"
#include "StoreError.h"
#include "TestMain.h"
#include "UsageReader.h"

#include <QElapsedTimer>

#include <algorithm>

using namespace quotadesk;
using namespace quotadesk::consoletest;

class TestUsageReader final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_conn;

    UsageReader reader() { return UsageReader(*m_conn, prefix); }

private slots:
    void init()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint());
        QCOMPARE(publish(*m_conn), 1);
    }

    void cleanup()
    {
        m_conn.reset();
        m_server.reset();
    }

    void usageMatchesWhatTheEngineCounted()
    {
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-test"));
        for (int i = 0; i < 7; ++i)
            QVERIFY(consume(engine, QStringLiteral("user:bob"), 300).admitted);
        // One more, still open: it holds a concurrency slot.
        QElapsedTimer sinceAcquire;
        sinceAcquire.start();
        const Decision open = consume(engine, QStringLiteral("user:bob"), 100, false);
        QVERIFY(open.admitted);

        UsageReader r(*m_conn, prefix);
        const QList<SubjectUsage> usage = r.subjectUsage({QStringLiteral("user:bob")});
        const qint64 elapsedMs = sinceAcquire.elapsed() + 1;
        QCOMPARE(usage.size(), 1);
        const SubjectUsage& bob = usage[0];
        QCOMPARE(bob.tier, QStringLiteral("free")); // the default tier
        QCOMPARE(bob.group, QStringLiteral("nlp"));
        QCOMPARE(bob.limits.size(), 4);
        QCOMPARE(bob.find("tokens", "day")->used, 7 * 300 + 100);
        QCOMPARE(bob.find("tokens", "day")->limit, 10000);
        QCOMPARE(bob.find("concurrency", "")->used, 1);
        // Sliding windows: the engine's own answer for the last acquire is the reference.
        for (const LimitStatus& s : open.limits) {
            if (s.entity != QLatin1String("user:bob") || s.window != QLatin1String("minute"))
                continue;
            const LimitUsage* l = bob.find(s.metric, s.window);
            QVERIFY(l);
            // The bucket refilled since the acquire (limit per minute, for the time that passed, however slow
            // the machine), never drained more.
            const qint64 refill = s.limit * elapsedMs / 60000 + 1;
            QVERIFY2(
                l->used <= s.used && l->used >= s.used - refill,
                qPrintable(
                    QStringLiteral("%1: reader %2, engine %3").arg(l->label()).arg(l->used).arg(s.used)));
        }
        QVERIFY(bob.find("tokens", "day")->periodEndMs > r.nowMs());

        // Groups pool every member up the chain.
        QVERIFY(consume(engine, QStringLiteral("user:alice"), 1000).admitted);
        const QList<GroupUsage> groups = r.groups();
        QCOMPARE(groups.size(), 2);
        QCOMPARE(groups[0].name, QStringLiteral("research")); // parents first
        QCOMPARE(groups[1].name, QStringLiteral("nlp"));
        QCOMPARE(groups[1].parent, QStringLiteral("research"));
        QCOMPARE(groups[1].members, (QStringList{QStringLiteral("user:alice"), QStringLiteral("user:bob")}));
        const qint64 pooled = 7 * 300 + 100 + 1000;
        QCOMPARE(groups[0].limits[0].used, pooled);
        QCOMPARE(groups[1].limits[0].used, pooled);
        QCOMPARE(groups[1].limits[1].used, 1); // bob's open lease
    }

    void overridesAndDefaults()
    {
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-test"));
        QVERIFY(consume(engine, QStringLiteral("user:carol"), 400).admitted);
        const Decision denied = consume(engine, QStringLiteral("user:carol"), 200);
        QVERIFY(!denied.admitted);
        engine.foldUsage(); // today's denials come from the rankings the usage log feeds
        UsageReader r(*m_conn, prefix);
        const SubjectUsage carol = r.subjectUsage({QStringLiteral("user:carol")}).value(0);
        QCOMPARE(carol.find("tokens", "day")->limit, 500); // the override replaced the tier's 10000
        QCOMPARE(carol.find("tokens", "day")->source, QStringLiteral("override"));
        QCOMPARE(carol.find("tokens", "day")->used, 400);
        QCOMPARE(carol.denialsToday, 1);
        QCOMPARE(carol.tightest()->label(), QStringLiteral("tokens/day"));
        // An unknown subject gets the default tier and no usage, not an error.
        const SubjectUsage nobody = r.subjectUsage({QStringLiteral("user:nobody")}).value(0);
        QCOMPARE(nobody.tier, QStringLiteral("free"));
        QCOMPARE(nobody.find("tokens", "day")->used, 0);
    }

    void fleetTotalsSeriesAndTop()
    {
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-test"));
        for (int i = 0; i < 5; ++i)
            QVERIFY(consume(engine, QStringLiteral("user:alice"), 1000).admitted);
        for (int i = 0; i < 3; ++i)
            QVERIFY(consume(engine, QStringLiteral("user:bob"), 10).admitted);
        QVERIFY(!consume(engine, QStringLiteral("user:carol"), 600).admitted); // over carol's 500/day
        engine.heartbeat({});

        UsageReader r(*m_conn, prefix);
        const FleetTotals t = r.fleetTotals();
        QCOMPARE(t.policyVersion, 1);
        QCOMPARE(t.subjects, 3);
        // All within this minute or the previous one: the rolling rate counts them fully or partly.
        QVERIFY2(t.requestsPerMinute <= 8 && t.requestsPerMinute > 0,
                 qPrintable(QString::number(t.requestsPerMinute)));
        QVERIFY(t.tokensPerMinute <= 5030 && t.tokensPerMinute > 0);
        QVERIFY(t.denialsPerMinute <= 1 && t.denialsPerMinute > 0);
        QCOMPARE(t.concurrent, 0); // every lease was settled
        QCOMPARE(t.gateways.size(), 1);
        QCOMPARE(t.gateways[0].id, QStringLiteral("gw-test"));
        QVERIFY(t.nowMs - t.gateways[0].seenMs < 5000);

        const qint64 now = r.nowMs();
        const auto series =
            r.series({QStringLiteral("fleet"), QStringLiteral("user:alice"), QStringLiteral("tier:pro")},
                     UsageReader::Metric::Tokens, now - 3600 * 1000, now);
        auto sum = [](const QList<SeriesPoint>& points) {
            double s = 0;
            for (const SeriesPoint& p : points)
                s += p.value;
            return s;
        };
        QCOMPARE(series.value("fleet").size(), 61); // minute buckets covering the hour
        QCOMPARE(sum(series.value("fleet")), 5030.0);
        QCOMPARE(sum(series.value("user:alice")), 5000.0);
        QCOMPARE(sum(series.value("tier:pro")), 5000.0);
        const auto week =
            r.series({QStringLiteral("fleet")}, UsageReader::Metric::Requests, now - 7 * 86400000LL, now);
        QCOMPARE(week.value("fleet").size(), 169); // hour buckets beyond 24 h
        QCOMPARE(sum(week.value("fleet")), 8.0);
        const auto denials =
            r.series({QStringLiteral("fleet")}, UsageReader::Metric::Denials, now - 60000, now);
        QCOMPARE(sum(denials.value("fleet")), 1.0);

        const QList<TopEntry> top = r.top(QStringLiteral("tokens"), QStringLiteral("day"), 10);
        QCOMPARE(top.size(), 2);
        QCOMPARE(top[0].subject, QStringLiteral("user:alice"));
        QCOMPARE(top[0].value, 5000);
        QCOMPARE(top[1].value, 30);
        const QList<TopEntry> lowest = r.top(QStringLiteral("tokens"), QStringLiteral("day"), 1, 0, true);
        QCOMPARE(lowest.value(0).subject, QStringLiteral("user:bob"));

        // Leases open right now, fleet-wide.
        const Decision open = consume(engine, QStringLiteral("user:bob"), 10, false);
        QCOMPARE(r.fleetTotals().concurrent, 1);
        engine.release(open.leaseId);
        QCOMPARE(r.fleetTotals().concurrent, 0);
    }

    void pagesTheSubjectsIndexByPrefix()
    {
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-test"));
        QStringList expected;
        for (int i = 0; i < 250; ++i) {
            const QString user = QStringLiteral("user:p%1").arg(i, 4, 10, QLatin1Char('0'));
            QVERIFY(consume(engine, user, 1).admitted);
            expected << user;
        }
        engine.foldUsage(); // P subjects is fed by the usage log
        UsageReader r(*m_conn, prefix);
        QStringList paged;
        QString after;
        for (;;) {
            const QStringList page = r.subjectsPage(QStringLiteral("user:p"), after, 64);
            QVERIFY(page.size() <= 64);
            paged << page;
            if (page.size() < 64)
                break;
            after = page.last();
        }
        QCOMPARE(paged, expected);
        QCOMPARE(r.subjectsPage(QStringLiteral("user:p012"), {}, 100).size(), 10);
        QCOMPARE(r.subjectsPage(QStringLiteral("user:zz"), {}, 100).size(), 0);
        // Descending walks from the end of the prefix range.
        const QStringList last = r.subjectsPage(QStringLiteral("user:p"), {}, 3, true);
        QCOMPARE(last, (QStringList{"user:p0249", "user:p0248", "user:p0247"}));
        QCOMPARE(r.subjectsPage(QStringLiteral("user:p"), last.last(), 1, true), QStringList{"user:p0246"});
    }

    void periodMath()
    {
        // Europe/Berlin around the 2026 spring change: +1 h until 2026-03-29 01:00 UTC, then +2 h.
        const qint64 change = QDateTime(QDate(2026, 3, 29), QTime(1, 0), Qt::UTC).toMSecsSinceEpoch();
        const UsageReader::TzTable tz{{0, 3600}, {change, 7200}};
        const qint64 noon = QDateTime(QDate(2026, 3, 29), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(UsageReader::periodStart("day", noon, tz),
                 QDateTime(QDate(2026, 3, 28), QTime(23, 0), Qt::UTC).toMSecsSinceEpoch());
        QCOMPARE(UsageReader::periodEnd("day", noon, tz),
                 QDateTime(QDate(2026, 3, 29), QTime(22, 0), Qt::UTC).toMSecsSinceEpoch()); // a 23 h day
        QCOMPARE(UsageReader::periodStart("month", noon, tz),
                 QDateTime(QDate(2026, 2, 28), QTime(23, 0), Qt::UTC).toMSecsSinceEpoch());
        QCOMPARE(UsageReader::periodEnd("month", noon, tz),
                 QDateTime(QDate(2026, 3, 31), QTime(22, 0), Qt::UTC).toMSecsSinceEpoch());
        const qint64 dec = QDateTime(QDate(2026, 12, 31), QTime(23, 30), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(UsageReader::periodStart("month", dec, {}),
                 QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
        QCOMPARE(UsageReader::periodEnd("month", dec, {}),
                 QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
    }

    void readsTheCounterTheEngineWroteUnderAClockOffset()
    {
        // Shift the store clock to the next day 00:00:30 UTC: the engine and the reader must agree on which
        // calendar counter is current.
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-test"));
        UsageReader r(*m_conn, prefix);
        const qint64 now = r.nowMs();
        const qint64 tomorrow = (now / 86400000 + 1) * 86400000 + 30000;
        m_conn->call({"SET", "qd:clock:offset_ms", QByteArray::number(tomorrow - now)});
        QVERIFY(consume(engine, QStringLiteral("user:bob"), 250).admitted);
        const SubjectUsage bob = r.subjectUsage({QStringLiteral("user:bob")}).value(0);
        QCOMPARE(bob.find("tokens", "day")->used, 250);
        QCOMPARE(bob.find("tokens", "day")->periodEndMs, (tomorrow / 86400000 + 1) * 86400000);
    }

    void malformedValuesNameTheKey()
    {
        UsageReader r(*m_conn, prefix);
        auto expectError = [](const std::function<void()>& f, const QString& needle) {
            try {
                f();
                QFAIL("no error");
            } catch (const StoreError& e) {
                QCOMPARE(e.kind(), StoreError::Kind::Protocol);
                QVERIFY2(e.message().contains(needle), qPrintable(e.message()));
            }
        };
        m_conn->call({"HSET", "qd:tb:user:bob:requests:minute", "t", "lots", "ts", "1"});
        expectError([&] { r.subjectUsage({QStringLiteral("user:bob")}); },
                    QStringLiteral("qd:tb:user:bob:requests:minute field t"));
        m_conn->call({"DEL", "qd:tb:user:bob:requests:minute"});

        m_conn->call({"HSET", "qd:gateways", "gw-x", "{not json"});
        expectError([&] { r.gateways(); }, QStringLiteral("qd:gateways field gw-x"));
        m_conn->call({"DEL", "qd:gateways"});

        m_conn->call({"HSET", "qd:policy:compiled", "tier:broken",
                      R"({"limits":[{"metric":"tokens","window":"day","limit":"many"}]})"});
        m_conn->call({"INCR", "qd:policy:version"}); // the reader re-reads the policy on a new version
        expectError([&] { r.tierNames(); },
                    QStringLiteral("qd:policy:compiled field tier:broken.limits[0].limit"));

        m_conn->call({"SET", "qd:policy:version", "v2"});
        expectError([&] { r.policyVersion(); }, QStringLiteral("qd:policy:version"));
    }
};

QUOTADESK_TEST_MAIN(TestUsageReader)
#include "tst_UsageReader.moc"
