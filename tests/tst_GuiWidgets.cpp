// Widgets on their own under offscreen: the live chart's decimation, gauges and the percent bar colours.
#include "ConnectionDialog.h"
#include "GaugeWidget.h"
#include "GroupsPage.h"
#include "LiveChart.h"
#include "LiveDashboard.h"
#include "PercentBarDelegate.h"
#include "ProfileStore.h"
#include "StatusIndicator.h"
#include "StoreClient.h"
#include "TestMain.h"

#include <QApplication>
#include <QChart>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QLineSeries>
#include <QSettings>
#include <QTemporaryDir>

using namespace quotadesk;

class TestGuiWidgets final : public QObject
{
    Q_OBJECT

private slots:
    void groupsPageAsksForMemberUsageOnlyWhileShown()
    {
        StoreClient client;
        LiveDashboard dashboard(&client);
        QVERIFY(dashboard.membersWanted()); // the default for a dashboard nobody shows
        GroupsPage page(&dashboard);
        QVERIFY(!dashboard.membersWanted());
        page.show();
        QVERIFY(dashboard.membersWanted());
        page.hide();
        QVERIFY(!dashboard.membersWanted());
    }

    void chartDecimatesToThePlotWidthAndKeepsSpikes()
    {
        LiveChart chart(QStringLiteral("Requests per minute"));
        chart.resize(500, 300);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        // A week of minutes (10080 points) with one single-minute spike.
        const qint64 start = 1'700'000'000'000;
        QList<SeriesPoint> points;
        for (int i = 0; i < 7 * 1440; ++i)
            points.append({start + i * 60000LL, 10.0 + (i % 5)});
        points[5000].value = 900;
        QHash<QString, QList<SeriesPoint>> data{{QStringLiteral("fleet"), points}};
        chart.setData({QStringLiteral("fleet")}, data, start, points.last().timeMs, true);
        // The plot area is narrower than the view and moves a little as axis labels change: the view's width
        // bounds it.
        const int width = chart.width();
        QVERIFY(chart.chart()->plotArea().width() > 100);
        QVERIFY2(chart.plottedPoints(QStringLiteral("fleet")) <= 2 * width,
                 qPrintable(QString::number(chart.plottedPoints(QStringLiteral("fleet")))));
        QCOMPARE(chart.maxValue(), 900.0);
        auto* series = qobject_cast<QLineSeries*>(chart.chart()->series().value(0));
        QVERIFY(series);
        const auto plotted = series->points();
        QVERIFY(std::any_of(plotted.begin(), plotted.end(), [](const QPointF& p) { return p.y() == 900.0; }));
        // The same keys again: the series objects are reused (replace()), not rebuilt.
        chart.setData({QStringLiteral("fleet")}, data, start, points.last().timeMs, true);
        QCOMPARE(chart.chart()->series().value(0), series);
        chart.setData({QStringLiteral("tier:free"), QStringLiteral("tier:pro")}, {}, start,
                      points.last().timeMs, true);
        QCOMPARE(chart.chart()->series().size(), 2);
    }

    void gaugeAndBarColours()
    {
        GaugeWidget gauge;
        gauge.setValue(0.85, QStringLiteral("alice — 85% of tokens/day"));
        QCOMPARE(gauge.caption(), QStringLiteral("alice — 85% of tokens/day"));
        QCOMPARE(gauge.accessibleName(), gauge.caption());
        QCOMPARE(PercentBarDelegate::colorFor(0.5), QColor(0x81, 0xc7, 0x84));
        QCOMPARE(PercentBarDelegate::colorFor(0.85), QColor(0xff, 0xb7, 0x4d));
        QCOMPARE(PercentBarDelegate::colorFor(1.2), QColor(0xe5, 0x73, 0x73));
    }

    void profilesAreSavedWithoutPasswords()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
        qputenv("QUOTADESK_REDIS_PASSWORD", "from-env");
        ConnectionDialog dialog(settings);
        ConnectionProfile p;
        p.name = QStringLiteral("prod");
        p.host = QStringLiteral("redis.example");
        p.port = 6380;
        p.user = QStringLiteral("viewer");
        p.tls = true;
        p.insecure = true;
        p.prefix = QStringLiteral("q1:");
        dialog.setProfile(p);
        QCOMPARE(dialog.password(), QStringLiteral("from-env"));
        dialog.findChild<QLineEdit*>(QStringLiteral("password"))->setText(QStringLiteral("typed-secret"));
        // Accepting through the Connect button saves the profile and remembers it as the last one.
        auto* buttons = dialog.findChild<QDialogButtonBox*>();
        QVERIFY(buttons);
        emit buttons->accepted();
        QCOMPARE(dialog.endpoint().password, QStringLiteral("typed-secret"));
        QCOMPARE(dialog.endpoint().port, 6380);
        QVERIFY(dialog.endpoint().insecure);
        settings.sync();
        QFile file(dir.filePath(QStringLiteral("console.ini")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(stored.contains("redis.example"));
        QVERIFY2(!stored.contains("typed-secret") && !stored.contains("from-env"), stored.constData());
        ProfileStore store(settings);
        QCOMPARE(store.lastUsed(), QStringLiteral("prod"));
        QCOMPARE(store.profiles().size(), 1);
        QCOMPARE(store.profiles()[0].prefix, QStringLiteral("q1:"));
        store.remove(QStringLiteral("prod"));
        QCOMPARE(store.profiles().size(), 0);
        qunsetenv("QUOTADESK_REDIS_PASSWORD");
    }

    void statusTexts()
    {
        ConnectionStatus s;
        s.state = ConnectionStatus::State::Connected;
        s.server = QStringLiteral("redis://viewer@db:6379");
        s.user = QStringLiteral("viewer");
        s.redisVersion = QStringLiteral("7.0.15");
        s.policyVersion = 12;
        s.readOnly = true;
        QCOMPARE(StatusIndicator::describe(s),
                 QStringLiteral("Connected to redis://viewer@db:6379 as viewer · Redis "
                                "7.0.15 · policy v12 · read-only (viewer may not write)"));
        s.state = ConnectionStatus::State::Reconnecting;
        s.retryInSeconds = 4;
        s.error = QStringLiteral("unreachable: Connection refused");
        QCOMPARE(StatusIndicator::describe(s),
                 QStringLiteral("Reconnecting in 4 s — unreachable: Connection refused"));
    }
};

QUOTADESK_TEST_MAIN_IMPL(TestGuiWidgets, QApplication)
#include "tst_GuiWidgets.moc"
