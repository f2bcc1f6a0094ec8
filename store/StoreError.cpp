#include "StoreError.h"

namespace quotadesk {

StoreError::StoreError(Kind kind, const QString& message)
    : std::runtime_error(message.toStdString()), m_kind(kind), m_message(message)
{}

QString StoreError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Unreachable:
        return QStringLiteral("unreachable");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Auth:
        return QStringLiteral("authentication failed");
    case Kind::NoPermission:
        return QStringLiteral("permission denied");
    case Kind::Protocol:
        return QStringLiteral("protocol error");
    case Kind::Script:
        return QStringLiteral("script error");
    case Kind::Conflict:
        return QStringLiteral("conflict");
    case Kind::NotFound:
        return QStringLiteral("not found");
    case Kind::Invalid:
        return QStringLiteral("invalid input");
    }
    return QStringLiteral("error");
}

} // namespace quotadesk
