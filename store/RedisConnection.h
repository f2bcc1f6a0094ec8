#pragma once

#include "RedisEndpoint.h"
#include "RedisReply.h"
#include "StoreError.h"

#include <QByteArray>
#include <QList>

#include <memory>

class QTcpSocket;
struct redisReader;

namespace quotadesk {

// A blocking Redis connection: Qt's sockets carry the bytes (so TLS works with hiredis 0.14, which has no
// TLS), hiredis only formats commands and parses RESP. It needs no event loop, so it serves quotactl, the
// simulator's gateways, worker threads of the console and tests alike. Use one instance from one thread.
//
// A transport failure closes the connection and throws; the next call reconnects. A command is never
// resent after a failure, because it may have been executed.
class RedisConnection
{
public:
    using Command = QList<QByteArray>;

    explicit RedisConnection(RedisEndpoint endpoint, int timeoutMs = 2000);
    ~RedisConnection();
    RedisConnection(const RedisConnection&) = delete;
    RedisConnection& operator=(const RedisConnection&) = delete;

    // Connects, authenticates and selects the database. Throws StoreError.
    void connect();
    void close();
    bool isConnected() const;

    // Sends one command and returns its reply, error replies included (they are data, e.g. NOSCRIPT).
    RedisReply command(const Command& argv);
    // Like command(), but an error reply throws StoreError with a kind derived from it (NOPERM, WRONGPASS …).
    RedisReply call(const Command& argv);
    // Sends all commands in one write and reads all replies: one round trip.
    QList<RedisReply> pipeline(const QList<Command>& commands);

    // Low level, for pub/sub: write without waiting, and wait up to timeoutMs for the next reply.
    // readReply returns false when nothing arrived in time.
    void send(const Command& argv);
    bool readReply(RedisReply& reply, int timeoutMs);

    const RedisEndpoint& endpoint() const { return m_endpoint; }
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }
    // Connecting (TCP + TLS handshake) may get its own, shorter budget; -1 = timeoutMs().
    int connectTimeoutMs() const { return m_connectTimeoutMs < 0 ? m_timeoutMs : m_connectTimeoutMs; }
    void setConnectTimeoutMs(int timeoutMs) { m_connectTimeoutMs = timeoutMs; }
    // Points the connection elsewhere (a promoted replica); the next call connects there.
    void setEndpoint(RedisEndpoint endpoint);

    // Parses RESP bytes into replies without a socket (what readReply does with received bytes), for the
    // fuzz targets. Stops at the first malformed reply and sets *error; an incomplete tail is ignored.
    static QList<RedisReply> parseReplies(const QByteArray& bytes, QString* error = nullptr);

    // Throws StoreError for an error reply, naming `what`.
    static void throwIfError(const RedisReply& reply, const QString& what);

private:
    void ensureConnected();
    void writeAll(const QByteArray& bytes);
    RedisReply readOne();
    [[noreturn]] void fail(StoreError::Kind kind, const QString& why);

    RedisEndpoint m_endpoint;
    int m_timeoutMs;
    int m_connectTimeoutMs = -1;
    std::unique_ptr<QTcpSocket> m_socket;
    redisReader* m_reader = nullptr;
    qint64 m_rejectedArray = 0; // element count of an array header the reader refused (see createReader)
};

} // namespace quotadesk
