#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("quotadesk"));
    QApplication::setApplicationVersion(QStringLiteral(QUOTADESK_VERSION));
    QApplication::setOrganizationName(QStringLiteral("QuotaDesk"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "QuotaDesk operator console"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    quotadesk::MainWindow window;
    window.show();
    return app.exec();
}
