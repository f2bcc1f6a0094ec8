#pragma once

#include "Actor.h"

namespace quotadesk {

class UsageReader;

// The actor recorded for changes made from the console: the Redis ACL user of the store connection and the
// OS user. ACL WHOAMI may be denied to a restricted user; its changes are then refused by Redis anyway, so
// the endpoint's user name is a fine stand-in for the record.
class ConsoleActor
{
public:
    static Actor of(UsageReader& reader, const QString& endpointUser);
};

} // namespace quotadesk
