#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace quotadesk {

// One RESP2 reply, copied out of hiredis so no hiredis type leaks past RedisConnection.
struct RedisReply
{
    enum class Type
    {
        Nil,
        Status,
        Error,
        Integer,
        String,
        Array
    };

    Type type = Type::Nil;
    qint64 integer = 0;
    QByteArray string; // Status, Error and String
    QList<RedisReply> elements;

    bool isNil() const { return type == Type::Nil; }
    bool isError() const { return type == Type::Error; }
    bool isArray() const { return type == Type::Array; }

    // Typed access for replies whose shape the caller knows. They throw StoreError(Protocol) naming `where`
    // when the reply is something else, so garbage written by someone else surfaces as a clear message.
    QByteArray toBytes(const QString& where) const;
    qint64 toInteger(const QString& where) const;
    const QList<RedisReply>& toArray(const QString& where) const;

    // A short human-readable form for error messages and `quotactl` output.
    QString describe() const;
};

} // namespace quotadesk
