#pragma once

#include <QString>

#include <stdexcept>

namespace quotadesk {

// Every failure the store reports carries a kind, so callers (quotactl's exit codes, the console's status
// bar) can react without parsing text, and a message that names what failed and where.
class StoreError : public std::runtime_error
{
public:
    enum class Kind
    {
        Unreachable,  // refused, DNS, TLS handshake, dropped connection
        Timeout,      // connect or reply did not arrive in time
        Auth,         // WRONGPASS / NOAUTH
        NoPermission, // NOPERM: the ACL user may not run this
        Protocol,     // malformed reply or garbage in a key we own
        Script,       // a Lua script raised an error
        Conflict,     // compare-and-set lost (policy version, request already decided)
        NotFound,     // unknown lease, request, version, subject
        Invalid,      // bad input from the caller
    };

    StoreError(Kind kind, const QString& message);

    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }
    static QString kindName(Kind kind);

private:
    Kind m_kind;
    QString m_message;
};

} // namespace quotadesk
