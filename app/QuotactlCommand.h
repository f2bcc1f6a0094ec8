#pragma once

#include "RedisEndpoint.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace quotadesk {

// quotactl: the whole command line tool, so tests and the thin main share it. Data goes to `out`, messages to
// `err`; run() returns the process exit code (see ExitCode and docs/quotactl.md).
class QuotactlCommand
{
public:
    enum ExitCode
    {
        Ok = 0,
        Failed = 1,      // the store answered with garbage or a script fault
        BadInput = 2,    // usage errors, invalid files, unknown lease / request / version
        Denied = 3,      // acquire was denied
        Unavailable = 4, // unreachable, timed out, wrong password, NOPERM
        Conflict = 5     // compare-and-set lost, request already decided, lease expired
    };

    QuotactlCommand(QTextStream& out, QTextStream& err,
                    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment());
    ~QuotactlCommand();

    // `arguments` as QCoreApplication::arguments(): the program name first.
    int run(const QStringList& arguments);

    static QString helpText();

    // Connection settings from the command line and environment. Throws StoreError(Invalid) naming the
    // offending option. Password precedence: --password-file, then the URL, then QUOTADESK_REDIS_PASSWORD.
    static RedisEndpoint resolveEndpoint(const QString& url, const QString& passwordFile,
                                         const QString& caFile, bool insecure, const QString& prefix,
                                         const QProcessEnvironment& environment);
    // Reads a password file, refusing it unless only its owner can read it (mode 0600).
    static QString readPasswordFile(const QString& path);

private:
    int execute(const QStringList& arguments);

    QTextStream& m_out;
    QTextStream& m_err;
    QProcessEnvironment m_env;
};

} // namespace quotadesk
