// The live dashboard's models over snapshots read from a real store filled by the real engine: groups tree,
// forecast, gateways, alerts (raise, dedupe, acknowledge, history) and the update coalescing.
#include "AlertMonitor.h"
#include "AlertsModel.h"
#include "ConsoleTestSupport.h"
#include "EngineTestSupport.h"
#include "ForecastModel.h"
#include "GatewaysModel.h"
#include "GroupsModel.h"
#include "LiveDashboard.h"
#include "StoreClient.h"
#include "TestMain.h"
#include "UsageReader.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace quotadesk;
using namespace quotadesk::consoletest;

class TestDashboardModels final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalRedisServer> m_server;
    std::unique_ptr<RedisConnection> m_conn;

    DashboardSnapshot snapshot()
    {
        UsageReader r(*m_conn, prefix);
        return LiveDashboard::readSnapshot(r);
    }

private slots:
    void init()
    {
        m_server = std::make_unique<LocalRedisServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_conn = std::make_unique<RedisConnection>(m_server->endpoint());
        enginetest::setStoreTimeToNoon(*m_conn); // the forecast lists what runs out "within the day"
        publish(*m_conn);
    }

    void cleanup()
    {
        m_conn.reset();
        m_server.reset();
    }

    void snapshotFindsTheBusiest()
    {
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-1"));
        QVERIFY(consume(engine, QStringLiteral("user:bob"), 9000).admitted);   // 90% of tokens/day
        QVERIFY(consume(engine, QStringLiteral("user:alice"), 2000).admitted); // 2% of 100000
        QVERIFY(consume(engine, QStringLiteral("user:carol"), 100).admitted);  // 20% of her 500
        const DashboardSnapshot s = snapshot();
        QVERIFY(s.valid);
        QCOMPARE(s.busiest.size(), 3);
        QCOMPARE(s.busiest[0].id, QStringLiteral("user:bob"));
        QCOMPARE(s.busiest[1].id, QStringLiteral("user:carol"));
        QCOMPARE(s.groups.size(), 2);
        QCOMPARE(s.members.size(), 2);
        QVERIFY(s.ratePerMinute.value("user:bob").value("tokens") > 0);
    }

    void membersAreReadOnlyWhenAsked()
    {
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-1"));
        QVERIFY(consume(engine, QStringLiteral("user:bob"), 4000).admitted);
        UsageReader r(*m_conn, prefix);
        // Without members (the Groups page is hidden): the same groups and member lists, no member usage.
        const DashboardSnapshot s = LiveDashboard::readSnapshot(r, false);
        QCOMPARE(s.groups.size(), 2);
        qsizetype listed = 0;
        for (const GroupUsage& g : s.groups)
            listed += g.members.size();
        QCOMPARE(listed, 2);
        QVERIFY(s.members.isEmpty());
        QCOMPARE(LiveDashboard::readSnapshot(r, true).members.value(QStringLiteral("user:bob")).id,
                 QStringLiteral("user:bob"));
    }

    void groupsTree()
    {
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-1"));
        QVERIFY(consume(engine, QStringLiteral("user:bob"), 4000).admitted);
        QVERIFY(consume(engine, QStringLiteral("user:alice"), 2000).admitted);
        GroupsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(snapshot());
        QCOMPARE(model.rowCount(), 1); // research
        const QModelIndex research = model.index(0, 0);
        QCOMPARE(research.data().toString(), QStringLiteral("research"));
        QCOMPARE(model.rowCount(research), 1);
        const QModelIndex nlp = model.index(0, 0, research);
        QCOMPARE(nlp.data().toString(), QStringLiteral("nlp"));
        QCOMPARE(model.rowCount(nlp), 2);
        QCOMPARE(model.index(0, 0, nlp).data().toString(), QStringLiteral("user:alice"));
        // Pooled: nlp holds 6000 of its 20000 tokens/day, research 6000 of 30000.
        QCOMPARE(
            model.index(0, GroupsModel::UsageColumn, research).data(GroupsModel::FractionRole).toDouble(),
            6000.0 / 20000.0);
        QCOMPARE(model.index(0, GroupsModel::UsageColumn).data(GroupsModel::FractionRole).toDouble(),
                 6000.0 / 30000.0);
        QCOMPARE(model.index(1, GroupsModel::UsageColumn, nlp).data().toString(),
                 QStringLiteral("40% tokens/day"));

        // Same tree, new values: dataChanged, no reset.
        QVERIFY(consume(engine, QStringLiteral("user:bob"), 1000).admitted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setSnapshot(snapshot());
        QCOMPARE(reset.count(), 0);
        QVERIFY(changed.count() >= 3);
        QCOMPARE(model.index(0, GroupsModel::UsageColumn).data(GroupsModel::FractionRole).toDouble(),
                 7000.0 / 30000.0);
    }

    void forecastSaysWhenALimitRunsOut()
    {
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-1"));
        for (int i = 0; i < 8; ++i)
            QVERIFY(consume(engine, QStringLiteral("user:bob"), 1000).admitted);
        DashboardSnapshot s = snapshot();
        ForecastModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(s);
        // bob: 8000 of 10000 tokens/day at ~8000 per 10 minutes (+ the current one) runs out in minutes.
        const auto& entries = model.entries();
        const auto bob = std::find_if(entries.begin(), entries.end(), [](const ForecastEntry& e) {
            return e.entity == QLatin1String("user:bob") && e.limit == QLatin1String("tokens/day");
        });
        QVERIFY(bob != entries.end());
        QCOMPARE(bob->used, 8000);
        QVERIFY(bob->ratePerMinute > 0);
        const double minutes = 2000.0 / bob->ratePerMinute;
        QVERIFY(qAbs(bob->exhaustsAtMs - (s.totals.nowMs + qint64(minutes * 60000))) < 2000);
        const int row = int(bob - entries.begin());
        QVERIFY(model.index(row, ForecastModel::ExhaustsColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("tokens/day exhausted at ")));
        // nlp pools bob's 8000 of its 20000: at this rate it runs out within the day, so it is listed.
        QVERIFY(std::any_of(entries.begin(), entries.end(),
                            [](const ForecastEntry& e) { return e.entity == QLatin1String("group:nlp"); }));
        // Without a rate nothing runs out: only entries at or above the threshold stay.
        s.ratePerMinute.clear();
        const QList<ForecastEntry> idle = ForecastModel::compute(s);
        for (const ForecastEntry& e : idle) {
            QCOMPARE(e.exhaustsAtMs, 0);
            QVERIFY(e.fraction() >= 0.5);
        }
    }

    void alertsRaiseOnceAndMoveToHistoryWhenAcknowledged()
    {
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-1"));
        QVERIFY(consume(engine, QStringLiteral("user:bob"), 8600).admitted); // 86% of tokens/day
        AlertMonitor monitor;
        AlertsModel active(&monitor, AlertsModel::Kind::Active);
        AlertsModel history(&monitor, AlertsModel::Kind::History);
        QAbstractItemModelTester t1(&active, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy raised(&monitor, &AlertMonitor::alertRaised);
        monitor.evaluate(snapshot());
        QCOMPARE(raised.count(), 1);
        QCOMPARE(active.rowCount(), 1);
        QCOMPARE(active.index(0, AlertsModel::TitleColumn).data().toString(),
                 QStringLiteral("user:bob at 86% of tokens/day"));
        monitor.evaluate(snapshot()); // still true: no second alert
        QCOMPARE(raised.count(), 1);

        // Over the limit: the 100% alert, then bob's tokens are denied.
        QVERIFY(consume(engine, QStringLiteral("user:bob"), 1400).admitted);
        monitor.evaluate(snapshot());
        QCOMPARE(raised.count(), 2);
        QCOMPARE(raised.last().at(0).value<Alert>().severity, Alert::Severity::Critical);
        QCOMPARE(active.rowCount(), 2);
        QVERIFY(active.index(1, AlertsModel::TitleColumn)
                    .data()
                    .toString()
                    .endsWith(QStringLiteral("(cleared)")));

        const qint64 id = active.index(0, 0).data(AlertsModel::AlertIdRole).toLongLong();
        QVERIFY(monitor.acknowledge(id, 1000));
        QVERIFY(!monitor.acknowledge(id, 1000)); // unknown now
        QCOMPARE(active.rowCount(), 1);
        QCOMPARE(history.rowCount(), 1);
        QCOMPARE(history.index(0, AlertsModel::TitleColumn).data().toString(),
                 QStringLiteral("user:bob reached 100% of tokens/day"));
        monitor.evaluate(snapshot()); // acknowledged but still true: not raised again
        QCOMPARE(raised.count(), 2);
        // The 85% alert is still active (cleared): bob dropping back to 86% re-arms it without a copy.
        DashboardSnapshot back = snapshot();
        for (SubjectUsage& u : back.busiest) {
            for (LimitUsage& l : u.limits) {
                if (u.id == QLatin1String("user:bob") && l.label() == QLatin1String("tokens/day"))
                    l.used = 8600;
            }
        }
        monitor.evaluate(back);
        QCOMPARE(raised.count(), 2);
        QCOMPARE(active.rowCount(), 1);
        QVERIFY(!active.index(0, AlertsModel::TitleColumn)
                     .data()
                     .toString()
                     .endsWith(QStringLiteral("(cleared)")));
        monitor.acknowledgeAll(2000);
        QCOMPARE(active.rowCount(), 0);
        QCOMPARE(history.rowCount(), 2);
    }

    void silentGatewayAndDenialSpike()
    {
        QuotaEngine engine(*m_conn, prefix, QStringLiteral("gw-quiet"));
        engine.heartbeat({});
        // carol's 500 tokens/day override: every one of these is denied.
        for (int i = 0; i < 25; ++i)
            QVERIFY(!consume(engine, QStringLiteral("user:carol"), 600).admitted);
        AlertMonitor monitor;
        AlertMonitor::Thresholds t;
        t.gatewaySilentMs = 1000;
        monitor.setThresholds(t);
        QSignalSpy raised(&monitor, &AlertMonitor::alertRaised);
        DashboardSnapshot s = snapshot();
        QVERIFY(s.totals.denialsPerMinute > 0);
        monitor.evaluate(s);
        QStringList keys;
        for (const auto& args : raised)
            keys << args.at(0).value<Alert>().key;
        QVERIFY2(keys.contains(QStringLiteral("spike:denials")), qPrintable(keys.join(',')));
        QVERIFY(!keys.contains(QStringLiteral("gateway:gw-quiet")));
        QTest::qWait(1200);
        monitor.evaluate(snapshot());
        QCOMPARE(raised.last().at(0).value<Alert>().key, QStringLiteral("gateway:gw-quiet"));
        GatewaysModel gateways;
        QAbstractItemModelTester tester(&gateways, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const DashboardSnapshot later = snapshot();
        gateways.setGateways(later.totals.gateways, later.totals.nowMs);
        QCOMPARE(gateways.rowCount(), 1);
        QCOMPARE(gateways.onlineCount(), 1); // online means a heartbeat within 30 s
        gateways.setGateways(later.totals.gateways, later.totals.nowMs + 31000);
        QCOMPARE(gateways.onlineCount(), 0);
        QVERIFY(gateways.index(0, GatewaysModel::SeenColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("silent")));
    }

    void liveDashboardCoalescesUpdates()
    {
        StoreClient client;
        client.connectTo(m_server->endpoint());
        QTRY_VERIFY(client.isConnected());
        LiveDashboard dashboard(&client);
        dashboard.setIntervalMs(100);
        QSignalSpy updated(&dashboard, &LiveDashboard::updated);
        QVERIFY(updated.wait(5000));
        QVERIFY(dashboard.snapshot().valid);
        QVERIFY(dashboard.chart().valid);
        QCOMPARE(dashboard.chart().keys, QStringList{"fleet"});
        QCOMPARE(dashboard.chart().series.value("requests").value("fleet").size(), 61);
        // Snapshot and chart replies of one tick land within 40 ms of each other: one update, not two.
        QTest::qWait(1000);
        QVERIFY2(dashboard.updates() <= 12, qPrintable(QString::number(dashboard.updates())));
        dashboard.setPaused(true);
        QTest::qWait(200);
        const int paused = dashboard.updates();
        QTest::qWait(500);
        QCOMPARE(dashboard.updates(), paused);
        dashboard.setSplit(LiveDashboard::Split::Tier);
        QTRY_COMPARE(dashboard.chart().keys, (QStringList{"tier:free", "tier:pro"}));
        dashboard.setRange(LiveDashboard::Range::Week);
        QTRY_COMPARE(dashboard.chart().series.value("tokens").value("tier:free").size(), 169);
    }
};

QUOTADESK_TEST_MAIN(TestDashboardModels)
#include "tst_DashboardModels.moc"
