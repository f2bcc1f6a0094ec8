#include "RedisConnection.h"

#include "StoreError.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QtGlobal>

#include <hiredis/hiredis.h>

#include <mutex>

namespace quotadesk {

namespace {

RedisReply convert(const redisReply* r)
{
    RedisReply out;
    switch (r->type) {
    case REDIS_REPLY_STATUS:
        out.type = RedisReply::Type::Status;
        out.string = QByteArray(r->str, qsizetype(r->len));
        break;
    case REDIS_REPLY_ERROR:
        out.type = RedisReply::Type::Error;
        out.string = QByteArray(r->str, qsizetype(r->len));
        break;
    case REDIS_REPLY_STRING:
        out.type = RedisReply::Type::String;
        out.string = QByteArray(r->str, qsizetype(r->len));
        break;
    case REDIS_REPLY_INTEGER:
        out.type = RedisReply::Type::Integer;
        out.integer = r->integer;
        break;
    case REDIS_REPLY_ARRAY:
        out.type = RedisReply::Type::Array;
        out.elements.reserve(qsizetype(r->elements));
        for (size_t i = 0; i < r->elements; ++i)
            out.elements.append(convert(r->element[i]));
        break;
    default:
        out.type = RedisReply::Type::Nil;
    }
    return out;
}

// A reply comes from whatever is at the other end of the socket. An array header such as *666666660 makes
// hiredis allocate its element pointers at once (5 GB here) before a single element has arrived, so arrays
// are capped far above any real reply (the largest, HGETALL of a policy with 10,000 subjects, is 40,000).
constexpr int MaxReplyElements = 16 * 1024 * 1024;
void* (*hiredisCreateArray)(const redisReadTask*, int) = nullptr;
redisReplyObjectFunctions cappedFunctions;

void* cappedCreateArray(const redisReadTask* task, int elements)
{
    if (elements > MaxReplyElements) {
        *static_cast<qint64*>(task->privdata) = elements; // read back by readerError()
        return nullptr;                                   // hiredis then fails the reader
    }
    return hiredisCreateArray(task, elements);
}

// A hiredis reader with the array cap; `rejected` receives the element count of a refused array.
redisReader* createReader(qint64* rejected)
{
    redisReader* reader = redisReaderCreate();
    static std::once_flag once;
    std::call_once(once, [reader] {
        cappedFunctions = *reader->fn;
        hiredisCreateArray = reader->fn->createArray;
        cappedFunctions.createArray = cappedCreateArray;
    });
    reader->fn = &cappedFunctions;
    *rejected = 0;
    reader->privdata = rejected;
    return reader;
}

QString readerError(const redisReader* reader, qint64 rejected)
{
    if (rejected > 0)
        return QStringLiteral("malformed reply: an array of %1 elements (at most %2 are accepted)")
            .arg(rejected)
            .arg(MaxReplyElements);
    return QStringLiteral("malformed reply: %1").arg(QLatin1String(reader->errstr));
}

StoreError::Kind kindOfErrorReply(const QByteArray& text)
{
    // Inside a script an ACL refusal is an ERR naming the user, not a NOPERM reply.
    if (text.startsWith("NOPERM") || text.contains("The user executing the script can't"))
        return StoreError::Kind::NoPermission;
    if (text.startsWith("WRONGPASS") || text.startsWith("NOAUTH") || text.contains("invalid password"))
        return StoreError::Kind::Auth;
    if (text.contains("user_script") || text.startsWith("ERR Error running script"))
        return StoreError::Kind::Script;
    return StoreError::Kind::Protocol;
}

} // namespace

RedisConnection::RedisConnection(RedisEndpoint endpoint, int timeoutMs)
    : m_endpoint(std::move(endpoint)), m_timeoutMs(timeoutMs)
{}

void RedisConnection::setEndpoint(RedisEndpoint endpoint)
{
    close();
    m_endpoint = std::move(endpoint);
}

QList<RedisReply> RedisConnection::parseReplies(const QByteArray& bytes, QString* error)
{
    QList<RedisReply> replies;
    qint64 rejected = 0;
    redisReader* reader = createReader(&rejected);
    redisReaderFeed(reader, bytes.constData(), size_t(bytes.size()));
    for (;;) {
        void* raw = nullptr;
        if (redisReaderGetReply(reader, &raw) != REDIS_OK) {
            if (error)
                *error = readerError(reader, rejected);
            break;
        }
        if (!raw)
            break;
        replies.append(convert(static_cast<redisReply*>(raw)));
        freeReplyObject(raw);
    }
    redisReaderFree(reader);
    return replies;
}

RedisConnection::~RedisConnection()
{
    close();
}

bool RedisConnection::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void RedisConnection::close()
{
    if (m_socket) {
        m_socket->abort();
        m_socket.reset();
    }
    if (m_reader) {
        redisReaderFree(m_reader);
        m_reader = nullptr;
    }
}

void RedisConnection::fail(StoreError::Kind kind, const QString& why)
{
    close();
    throw StoreError(kind, QStringLiteral("%1: %2").arg(m_endpoint.redacted(), why));
}

void RedisConnection::connect()
{
    close();
    m_reader = createReader(&m_rejectedArray);
    if (m_endpoint.tls) {
        auto* ssl = new QSslSocket;
        m_socket.reset(ssl);
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        if (m_endpoint.insecure) {
            config.setPeerVerifyMode(QSslSocket::VerifyNone);
        } else {
            config.setPeerVerifyMode(QSslSocket::VerifyPeer);
            if (!m_endpoint.caFile.isEmpty()) {
                if (!QFile::exists(m_endpoint.caFile))
                    fail(StoreError::Kind::Invalid,
                         QStringLiteral("CA file %1 does not exist").arg(m_endpoint.caFile));
                const auto cas = QSslCertificate::fromPath(m_endpoint.caFile, QSsl::Pem);
                if (cas.isEmpty())
                    fail(StoreError::Kind::Invalid,
                         QStringLiteral("CA file %1 holds no PEM certificate").arg(m_endpoint.caFile));
                config.setCaCertificates(cas);
            }
        }
        ssl->setSslConfiguration(config);
        if (m_endpoint.insecure)
            qWarning("%s: TLS certificate and host name NOT verified (insecure mode)",
                     qPrintable(m_endpoint.redacted()));
        ssl->connectToHostEncrypted(m_endpoint.host, m_endpoint.port);
        if (!ssl->waitForEncrypted(connectTimeoutMs())) {
            QStringList reasons;
            for (const QSslError& e : ssl->sslHandshakeErrors())
                reasons << e.errorString();
            if (reasons.isEmpty())
                reasons << ssl->errorString();
            const bool timedOut = ssl->error() == QAbstractSocket::SocketTimeoutError;
            fail(timedOut ? StoreError::Kind::Timeout : StoreError::Kind::Unreachable,
                 QStringLiteral("TLS connection failed: %1").arg(reasons.join(QStringLiteral("; "))));
        }
    } else {
        m_socket = std::make_unique<QTcpSocket>();
        m_socket->connectToHost(m_endpoint.host, m_endpoint.port);
        if (!m_socket->waitForConnected(connectTimeoutMs())) {
            const bool timedOut = m_socket->error() == QAbstractSocket::SocketTimeoutError;
            fail(timedOut ? StoreError::Kind::Timeout : StoreError::Kind::Unreachable,
                 m_socket->errorString());
        }
    }
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);

    QList<Command> handshake;
    if (!m_endpoint.password.isEmpty()) {
        if (m_endpoint.user.isEmpty())
            handshake << Command{"AUTH", m_endpoint.password.toUtf8()};
        else
            handshake << Command{"AUTH", m_endpoint.user.toUtf8(), m_endpoint.password.toUtf8()};
    }
    if (m_endpoint.db != 0)
        handshake << Command{"SELECT", QByteArray::number(m_endpoint.db)};
    for (const Command& cmd : handshake) {
        const RedisReply reply = command(cmd);
        if (reply.isError()) {
            fail(kindOfErrorReply(reply.string), QString::fromUtf8(reply.string));
        }
    }
}

void RedisConnection::ensureConnected()
{
    if (!isConnected())
        connect();
}

void RedisConnection::writeAll(const QByteArray& bytes)
{
    if (m_socket->write(bytes) != bytes.size())
        fail(StoreError::Kind::Unreachable, QStringLiteral("write failed: %1").arg(m_socket->errorString()));
    const QDeadlineTimer deadline(m_timeoutMs);
    while (m_socket->bytesToWrite() > 0) {
        if (!m_socket->waitForBytesWritten(int(deadline.remainingTime())))
            fail(deadline.hasExpired() ? StoreError::Kind::Timeout : StoreError::Kind::Unreachable,
                 QStringLiteral("write failed: %1").arg(m_socket->errorString()));
    }
}

static QByteArray format(const RedisConnection::Command& argv)
{
    std::vector<const char*> ptrs;
    std::vector<size_t> lens;
    ptrs.reserve(size_t(argv.size()));
    lens.reserve(size_t(argv.size()));
    for (const QByteArray& arg : argv) {
        ptrs.push_back(arg.constData());
        lens.push_back(size_t(arg.size()));
    }
    char* target = nullptr;
    const int len = redisFormatCommandArgv(&target, int(argv.size()), ptrs.data(), lens.data());
    QByteArray bytes(target, len);
    redisFreeCommand(target);
    return bytes;
}

void RedisConnection::send(const Command& argv)
{
    ensureConnected();
    writeAll(format(argv));
}

bool RedisConnection::readReply(RedisReply& reply, int timeoutMs)
{
    if (!m_socket)
        fail(StoreError::Kind::Unreachable, QStringLiteral("not connected"));
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        void* raw = nullptr;
        if (redisReaderGetReply(m_reader, &raw) != REDIS_OK)
            fail(StoreError::Kind::Protocol, readerError(m_reader, m_rejectedArray));
        if (raw) {
            reply = convert(static_cast<redisReply*>(raw));
            freeReplyObject(raw);
            return true;
        }
        if (m_socket->bytesAvailable() == 0) {
            if (deadline.hasExpired())
                return false;
            if (!m_socket->waitForReadyRead(int(deadline.remainingTime()))) {
                if (m_socket->error() == QAbstractSocket::SocketTimeoutError ||
                    m_socket->state() == QAbstractSocket::ConnectedState)
                    return false;
                fail(StoreError::Kind::Unreachable,
                     QStringLiteral("connection lost: %1").arg(m_socket->errorString()));
            }
        }
        const QByteArray chunk = m_socket->readAll();
        redisReaderFeed(m_reader, chunk.constData(), size_t(chunk.size()));
    }
}

RedisReply RedisConnection::readOne()
{
    RedisReply reply;
    if (!readReply(reply, m_timeoutMs))
        fail(StoreError::Kind::Timeout, QStringLiteral("no reply within %1 ms").arg(m_timeoutMs));
    return reply;
}

RedisReply RedisConnection::command(const Command& argv)
{
    send(argv);
    return readOne();
}

RedisReply RedisConnection::call(const Command& argv)
{
    RedisReply reply = command(argv);
    throwIfError(reply, QString::fromUtf8(argv.value(0)));
    return reply;
}

QList<RedisReply> RedisConnection::pipeline(const QList<Command>& commands)
{
    ensureConnected();
    QByteArray bytes;
    for (const Command& cmd : commands)
        bytes += format(cmd);
    writeAll(bytes);
    QList<RedisReply> replies;
    replies.reserve(commands.size());
    for (qsizetype i = 0; i < commands.size(); ++i)
        replies.append(readOne());
    return replies;
}

void RedisConnection::throwIfError(const RedisReply& reply, const QString& what)
{
    if (!reply.isError())
        return;
    const StoreError::Kind kind = kindOfErrorReply(reply.string);
    QString message = QStringLiteral("%1: %2").arg(what, QString::fromUtf8(reply.string).trimmed());
    if (kind == StoreError::Kind::NoPermission)
        message += QStringLiteral(" (permission denied by the Redis ACL: this user's role may not do this; "
                                  "see docs/security.md)");
    throw StoreError(kind, message);
}

} // namespace quotadesk
