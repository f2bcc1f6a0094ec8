#include "QuotactlCommand.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("quotactl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QUOTADESK_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    quotadesk::QuotactlCommand command(out, err);
    const int code = command.run(QCoreApplication::arguments());
    out.flush();
    err.flush();
    return code;
}
