#pragma once

#include <QString>

namespace quotadesk {

// One problem found in a policy document: where (a JSON pointer, "" for the whole document) and what.
struct PolicyIssue
{
    QString path;
    QString message;

    QString toString() const { return path.isEmpty() ? message : path + QStringLiteral(": ") + message; }
    bool operator==(const PolicyIssue&) const = default;
};

} // namespace quotadesk
