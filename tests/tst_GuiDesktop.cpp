// The console's desktop integration under QT_QPA_PLATFORM=offscreen: preferences through QSettings into the
// live window, About against a real redis-server, the shortcuts list and the keys themselves, the gauge's
// accessible text, and charts following a dark palette.
#include "AboutDialog.h"
#include "AlertMonitor.h"
#include "GaugeWidget.h"
#include "LiveChart.h"
#include "LiveDashboard.h"
#include "LocalRedisServer.h"
#include "MainWindow.h"
#include "PreferencesDialog.h"
#include "ShortcutsDialog.h"
#include "StoreClient.h"
#include "TestMain.h"
#include "Translator.h"

#include <QApplication>
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>

using namespace quotadesk;

namespace {

// QUOTADESK_SCREENSHOT_DIR=dir saves the rendered dialogs there, to look at them.
void saveGrab(QWidget& w, const QString& name)
{
    const QPixmap pixmap = w.grab();
    QVERIFY(!pixmap.isNull());
    QVERIFY(pixmap.width() > 100 && pixmap.height() > 100);
    const QString dir = qEnvironmentVariable("QUOTADESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(pixmap.save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

QString labelText(QWidget& parent, const char* name)
{
    auto* label = parent.findChild<QLabel*>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QLatin1String(name));
}

} // namespace

class TestGuiDesktop final : public QObject
{
    Q_OBJECT

private slots:
    void init() { QSettings().clear(); }

    void preferencesRoundTripAndApply()
    {
        const auto languages = Translator::availableLanguages();
        QVERIFY(!languages.isEmpty());
        const QString language = languages.last().first;

        PreferencesDialog first(languages);
        const PreferencesDialog::Values defaults = first.values();
        QCOMPARE(defaults.intervalSeconds, 1);
        QCOMPARE(defaults.warningPercent, 85);
        QCOMPARE(defaults.criticalPercent, 100);
        QCOMPARE(defaults.language, QStringLiteral("system"));
        QVERIFY(defaults.notifications);

        first.findChild<QSpinBox*>(QStringLiteral("intervalSeconds"))->setValue(7);
        first.findChild<QSpinBox*>(QStringLiteral("warningPercent"))->setValue(70);
        first.findChild<QSpinBox*>(QStringLiteral("criticalPercent"))->setValue(95);
        auto* combo = first.findChild<QComboBox*>(QStringLiteral("language"));
        combo->setCurrentIndex(combo->findData(language));
        QVERIFY(labelText(first, "languageNote").contains(QStringLiteral("restart")));
        first.findChild<QCheckBox*>(QStringLiteral("notifications"))->setChecked(false);
        saveGrab(first, QStringLiteral("preferences"));
        first.accept();

        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("live/intervalSeconds")).toInt(), 7);
        QCOMPARE(settings.value(QStringLiteral("alerts/warningPercent")).toInt(), 70);
        QCOMPARE(settings.value(QStringLiteral("alerts/criticalPercent")).toInt(), 95);
        QCOMPARE(settings.value(QStringLiteral("language")).toString(), language);
        QCOMPARE(settings.value(QStringLiteral("notifications/enabled")).toBool(), false);

        PreferencesDialog second(languages);
        const PreferencesDialog::Values back = second.values();
        QCOMPARE(back.intervalSeconds, 7);
        QCOMPARE(back.warningPercent, 70);
        QCOMPARE(back.criticalPercent, 95);
        QCOMPARE(back.language, language);
        QVERIFY(!back.notifications);

        // A new window starts with them; a changed preference applies live.
        MainWindow w;
        QCOMPARE(w.dashboard()->intervalMs(), 7000);
        QCOMPARE(w.alerts()->thresholds().warning, 0.70);
        QCOMPARE(w.alerts()->thresholds().critical, 0.95);
        QVERIFY(!w.notificationsEnabled());
        settings.setValue(QStringLiteral("live/intervalSeconds"), 3);
        settings.setValue(QStringLiteral("notifications/enabled"), true);
        w.applyPreferences();
        QCOMPARE(w.dashboard()->intervalMs(), 3000);
        QCOMPARE(w.findChild<QSpinBox*>(QStringLiteral("interval"))->value(), 3);
        QVERIFY(w.notificationsEnabled());
    }

    void preferencesRejectGarbage()
    {
        QSettings settings;
        settings.setValue(QStringLiteral("live/intervalSeconds"), QStringLiteral("often"));
        settings.setValue(QStringLiteral("alerts/warningPercent"), 120);
        settings.setValue(QStringLiteral("alerts/criticalPercent"), 90); // below warning: both reset
        settings.setValue(QStringLiteral("language"), QStringLiteral("xx_YY"));
        const PreferencesDialog::Values v = PreferencesDialog::load(settings);
        QCOMPARE(v.intervalSeconds, 1);
        QCOMPARE(v.warningPercent, 85);
        QCOMPARE(v.criticalPercent, 100);
        PreferencesDialog dialog(Translator::availableLanguages());
        QCOMPARE(dialog.values().language, QStringLiteral("system")); // no such catalog
        QCOMPARE(dialog.values().intervalSeconds, 1);
    }

    void aboutShowsVersionAndServer()
    {
        MainWindow w;
        {
            AboutDialog offline(w.client()->status());
            QCOMPARE(labelText(offline, "version"), QStringLiteral(QUOTADESK_VERSION));
            QVERIFY(
                labelText(offline, "build").contains(QStringLiteral("Qt %1").arg(QLatin1String(qVersion()))));
            QCOMPARE(labelText(offline, "server"), QStringLiteral("Not connected"));
        }

        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        w.connectTo(server.endpoint(), QStringLiteral("staging"));
        QCOMPARE(w.windowTitle(), QStringLiteral("QuotaDesk — staging"));
        QVERIFY(w.trayToolTip().startsWith(QStringLiteral("QuotaDesk — staging")));
        QTRY_VERIFY_WITH_TIMEOUT(w.client()->isConnected(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!w.client()->status().redisVersion.isEmpty(), 10000);
        AboutDialog online(w.client()->status());
        QVERIFY2(labelText(online, "server").startsWith(QStringLiteral("Redis 7.")),
                 qPrintable(labelText(online, "server")));
        saveGrab(online, QStringLiteral("about"));
    }

    void shortcutsListedAndWorking()
    {
        MainWindow w;
        ShortcutsDialog dialog(w.shortcutActions());
        const auto rows = dialog.rows();
        QVERIFY(rows.contains(qMakePair(QStringLiteral("Connect"), QStringLiteral("Ctrl+K"))));
        QVERIFY(rows.contains(qMakePair(QStringLiteral("Preferences"), QStringLiteral("Ctrl+,"))));
        QVERIFY(rows.contains(qMakePair(QStringLiteral("Refresh now"), QStringLiteral("F5"))));
        QVERIFY(rows.contains(qMakePair(QStringLiteral("Quit"), QStringLiteral("Ctrl+Q"))));
        QVERIFY(rows.contains(qMakePair(QStringLiteral("Go to Load"), QStringLiteral("Ctrl+9"))));
        QVERIFY(rows.contains(qMakePair(QStringLiteral("Undo"), QStringLiteral("Ctrl+Z"))));
        saveGrab(dialog, QStringLiteral("shortcuts"));

        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto* tabs = w.findChild<QTabWidget*>(QStringLiteral("pages"));
        QTest::keyClick(&w, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 2);
        QVERIFY(!w.dashboard()->isPaused());
        QTest::keyClick(&w, Qt::Key_P, Qt::ControlModifier);
        QVERIFY(w.dashboard()->isPaused());
    }

    void gaugeAccessibleText()
    {
        GaugeWidget gauge;
        gauge.setValue(0.85, QStringLiteral("alice — tokens/day"), QStringLiteral("8500 of 10000"));
        QCOMPARE(gauge.accessibleName(), QStringLiteral("alice — tokens/day — 85%"));
        QVERIFY(gauge.accessibleDescription().contains(QStringLiteral("8500 of 10000")));
        // A caption that already reads out the value is not repeated.
        gauge.setValue(0.42, QStringLiteral("bob — 42% of requests/minute"));
        QCOMPARE(gauge.accessibleName(), QStringLiteral("bob — 42% of requests/minute"));
        QVERIFY(gauge.accessibleDescription().startsWith(QStringLiteral("42%")));
    }

    void chartFollowsDarkPalette()
    {
        LiveChart chart(QStringLiteral("Tokens per minute"));
        QCOMPARE(chart.accessibleName(), QStringLiteral("Tokens per minute"));
        QCOMPARE(chart.chart()->theme(), QChart::ChartThemeLight);

        const QPalette light = QApplication::palette();
        QPalette dark = light;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        QApplication::setPalette(dark);
        QTRY_COMPARE(chart.chart()->theme(), QChart::ChartThemeDark);
        LiveChart later(QStringLiteral("Denials per minute"));
        QCOMPARE(later.chart()->theme(), QChart::ChartThemeDark);
        QApplication::setPalette(light);
        QTRY_COMPARE(chart.chart()->theme(), QChart::ChartThemeLight);
    }
};

QUOTADESK_TEST_MAIN_IMPL(TestGuiDesktop, QApplication)
#include "tst_GuiDesktop.moc"
