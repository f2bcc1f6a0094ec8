#include "DemoEnvironment.h"
#include "MainWindow.h"
#include "RedisEndpoint.h"
#include "StoreError.h"
#include "Translator.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace quotadesk;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("quotadesk"));
    QApplication::setApplicationVersion(QStringLiteral(QUOTADESK_VERSION));
    QApplication::setOrganizationName(QStringLiteral("QuotaDesk"));
    // One reverse-DNS id for the .desktop file, the AppStream metainfo and the icon (packaging/).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.quotadesk.QuotaDesk"));
    Translator::install(QSettings().value(QStringLiteral("language"), QStringLiteral("system")).toString());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "QuotaDesk operator console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption redisOption(
        QStringLiteral("redis"),
        QApplication::translate("main", "Connect to URL (redis://[user@]host:port[/db] or rediss://). The "
                                        "password comes from the URL or QUOTADESK_REDIS_PASSWORD."),
        QStringLiteral("URL"));
    const QCommandLineOption prefixOption(QStringLiteral("prefix"),
                                          QApplication::translate("main", "Key prefix (default qd:)."),
                                          QStringLiteral("PREFIX"), QStringLiteral("qd:"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QApplication::translate("main", "Start a private redis-server with the sample policy and simulated "
                                        "gateways, and connect to it."));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Render the window to FILE (PNG) and exit."), QStringLiteral("FILE"));
    const QCommandLineOption afterOption(
        QStringLiteral("after"), QApplication::translate("main", "Wait SECONDS before the screenshot."),
        QStringLiteral("SECONDS"), QStringLiteral("3"));
    const QCommandLineOption pageOption(QStringLiteral("page"),
                                        QApplication::translate("main", "Show page NAME: %1.")
                                            .arg(MainWindow::pageNames().join(QStringLiteral(", "))),
                                        QStringLiteral("NAME"));
    parser.addOptions({redisOption, prefixOption, demoOption, screenshotOption, afterOption, pageOption});
    parser.process(app);

    std::unique_ptr<DemoEnvironment> demo;
    RedisEndpoint endpoint;
    bool haveEndpoint = false;
    if (parser.isSet(demoOption)) {
        demo = std::make_unique<DemoEnvironment>();
        if (!demo->start()) {
            std::fprintf(stderr, "quotadesk: the demo did not start: %s\n", qPrintable(demo->errorString()));
            return 1;
        }
        endpoint = demo->endpoint();
        haveEndpoint = true;
    } else if (parser.isSet(redisOption)) {
        try {
            endpoint = RedisEndpoint::fromUrl(parser.value(redisOption));
        } catch (const StoreError& e) {
            std::fprintf(stderr, "quotadesk: %s\n", qPrintable(e.message()));
            return 2;
        }
        if (endpoint.password.isEmpty())
            endpoint.password = qEnvironmentVariable("QUOTADESK_REDIS_PASSWORD");
        endpoint.prefix = parser.value(prefixOption);
        haveEndpoint = true;
    }

    const QString page = parser.value(pageOption);
    if (!page.isEmpty() && !MainWindow::pageNames().contains(page.toLower())) {
        std::fprintf(stderr, "quotadesk: unknown page \"%s\"; pages: %s\n", qPrintable(page),
                     qPrintable(MainWindow::pageNames().join(QStringLiteral(", "))));
        return 2;
    }
    bool afterOk = false;
    const double after = parser.value(afterOption).toDouble(&afterOk);
    if (!afterOk || after < 0) {
        std::fprintf(stderr, "quotadesk: --after needs a number of seconds >= 0\n");
        return 2;
    }

    MainWindow window;
    const bool screenshot = parser.isSet(screenshotOption);
    if (screenshot)
        window.resize(1400, 900); // the same picture whatever layout was saved
    window.show();
    if (!page.isEmpty())
        window.showPage(page);
    if (haveEndpoint)
        window.connectTo(endpoint);
    else if (!screenshot)
        QTimer::singleShot(0, &window, &MainWindow::showConnectDialog);

    if (screenshot) {
        const QString file = parser.value(screenshotOption);
        QTimer::singleShot(int(after * 1000), &window, [&window, &app, file, page] {
            QWidget* target = window.screenshotWidget(page);
            QApplication::processEvents();
            const bool saved = target->grab().save(file, "PNG");
            if (!saved)
                std::fprintf(stderr, "quotadesk: could not write %s\n", qPrintable(file));
            app.exit(saved ? 0 : 1);
        });
    }
    const int rc = app.exec();
    if (!screenshot)
        window.saveLayout();
    return rc;
}
