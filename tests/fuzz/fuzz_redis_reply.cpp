// libFuzzer target: RESP bytes from a (hostile) server through the hiredis reader and the RedisReply
// conversion, then the typed accessors a caller would use.
#include "RedisConnection.h"
#include "StoreError.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace quotadesk;
    QString error;
    const QList<RedisReply> replies = RedisConnection::parseReplies(
        QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)), &error);
    for (const RedisReply& r : replies) {
        (void)r.describe();
        try {
            RedisConnection::throwIfError(r, QStringLiteral("fuzz"));
            (void)r.toBytes(QStringLiteral("fuzz"));
            (void)r.toInteger(QStringLiteral("fuzz"));
            (void)r.toArray(QStringLiteral("fuzz"));
        } catch (const StoreError&) {
        }
    }
    return 0;
}
