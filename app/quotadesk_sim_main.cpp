#include <QCommandLineParser>
#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("quotadesk-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QUOTADESK_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("QuotaDesk traffic simulator"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);
    return 0;
}
