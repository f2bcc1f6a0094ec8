#pragma once

#include "Policy.h"

#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace quotadesk {

// Three-way merge of policy documents, for "rebase my draft onto the new live version". Each document is
// flattened into leaf cells addressed by a path in which list entries are named by what identifies them
// (a limit by metric|window, a load rule by name), so "free's requests/minute limit" is the same cell
// whatever its position: /tiers/free/limits/#requests|minute/limit. A cell the draft changed takes the
// draft's value; if the other side changed the same cell differently, it is a conflict (the draft wins and
// the cell is flagged, so the operator decides).
class PolicyMerge
{
public:
    using Cells = QList<QPair<QString, QJsonValue>>; // in document order

    struct Result
    {
        Policy policy;
        QStringList conflicts;     // cell paths both sides changed differently
        QList<PolicyIssue> issues; // the merged document's validation problems (empty = valid)
    };

    static Result rebase(const Policy& base, const Policy& live, const Policy& draft);

    static Cells flatten(const Policy& policy);
    // The cell path of one field of a limit, e.g. cellPath("/tiers/free/limits", limit, "limit").
    static QString limitCell(const QString& listPath, const PolicyLimit& limit, const QString& field);
    // The cell path of one field of a load rule, e.g. loadRuleCell(rule, "factor").
    static QString loadRuleCell(const LoadRule& rule, const QString& field);
    // RFC 6901 escaping of one path segment.
    static QString escape(const QString& segment);
};

} // namespace quotadesk
