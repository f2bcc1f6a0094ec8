#pragma once

#include "QuotaRequest.h"

#include <QList>

namespace quotadesk {

class UsageReader;

// Requests for the approvals page. RequestStore::list goes through admin.lua (it applies lazy expiry); a
// read-only ACL user may not run scripts, so for it the `P req:<id>` hashes are read directly (newest first
// from `P requests:pending` / `P requests:all`), without expiring anything.
class RequestReader
{
public:
    static QList<QuotaRequest> list(UsageReader& reader, const QString& state, int limit);
};

} // namespace quotadesk
