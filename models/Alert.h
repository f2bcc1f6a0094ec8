#pragma once

#include <QString>

namespace quotadesk {

// One alert: raised once when its condition becomes true, active until an operator acknowledges it.
struct Alert
{
    enum class Severity
    {
        Warning,
        Critical
    };

    qint64 id = 0;
    QString key; // identifies the condition, e.g. "limit:user:alice:tokens/day:100", "gateway:gw-1"
    Severity severity = Severity::Warning;
    QString title;  // "user:alice at 85% of tokens/day"
    QString detail; // numbers behind it
    qint64 raisedMs = 0;
    qint64 acknowledgedMs = 0; // 0 while active
    bool conditionCleared = false;
};

} // namespace quotadesk
