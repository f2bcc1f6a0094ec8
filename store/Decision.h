#pragma once

#include "LimitStatus.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace quotadesk {

// The outcome of one acquire. A denial is a Decision, not an error.
struct Decision
{
    bool admitted = false;
    QString leaseId;
    qint64 expiresMs = 0;
    qint64 policyVersion = 0;
    QJsonObject attributes; // the user's tier attributes
    double userFactor = 1;
    double clientFactor = 1;
    QList<LimitStatus> limits;
    LimitStatus deniedBy;         // valid only for code "denied"
    double retryAfterSeconds = 0; // -1: the request can never fit
    QString code;                 // empty when admitted; "denied" or "no_policy"
    QString reason;               // human-readable text for denials
    QByteArray raw;               // the script's reply, for logs and quotactl --json
};

} // namespace quotadesk
