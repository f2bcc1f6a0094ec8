#include "ConsoleActor.h"

#include "StoreError.h"
#include "UsageReader.h"

namespace quotadesk {

Actor ConsoleActor::of(UsageReader& reader, const QString& endpointUser)
{
    try {
        return Actor::detect(reader.connection());
    } catch (const StoreError& e) {
        if (e.kind() != StoreError::Kind::NoPermission)
            throw;
        return Actor(endpointUser.isEmpty() ? QStringLiteral("default") : endpointUser,
                     Actor::currentOsUser());
    }
}

} // namespace quotadesk
