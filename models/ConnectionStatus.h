#pragma once

#include <QString>

namespace quotadesk {

// What the status bar shows about the store connection.
struct ConnectionStatus
{
    enum class State
    {
        Disconnected,
        Connecting,
        Connected,
        Reconnecting, // lost or unreachable, retrying after `retryInSeconds`
        Failed        // will not retry by itself (wrong password, bad TLS setup)
    };

    State state = State::Disconnected;
    QString server;       // redacted endpoint
    QString user;         // ACL WHOAMI
    QString redisVersion; // INFO server
    qint64 policyVersion = 0;
    bool readOnly = false; // the ACL user may not write (found with a harmless probe)
    int retryInSeconds = 0;
    QString error; // the last error with its reason
};

} // namespace quotadesk
