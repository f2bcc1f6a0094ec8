#pragma once

#include "PolicyVersion.h"

namespace quotadesk {

class UsageReader;

// The published version and document for the console. PolicyStore::current() reads both atomically through
// admin.lua; a read-only ACL user may not run scripts, so it falls back to plain GETs of `P policy:version`
// and `P policy`, re-reading the version to make sure no publish slipped in between.
class LivePolicy
{
public:
    static PolicyVersion read(UsageReader& reader);
};

} // namespace quotadesk
