#pragma once

#include "PolicyLimit.h"

#include <QList>
#include <QString>

namespace quotadesk {

// A listed user or client: its tier, group and overrides of tier limits (same metric + window replaces).
struct PolicySubject
{
    QString id;    // "user:<name>" or "client:<name>"
    QString tier;  // empty = the policy's default tier
    QString group; // empty = no group
    QList<PolicyLimit> limits;

    bool operator==(const PolicySubject&) const = default;
};

} // namespace quotadesk
