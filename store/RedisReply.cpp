#include "RedisReply.h"

#include "StoreError.h"

namespace quotadesk {

namespace {
StoreError unexpected(const RedisReply& reply, const QString& where, const char* wanted)
{
    return StoreError(
        StoreError::Kind::Protocol,
        QStringLiteral("%1: expected %2, got %3").arg(where, QLatin1String(wanted), reply.describe()));
}
} // namespace

QByteArray RedisReply::toBytes(const QString& where) const
{
    if (type == Type::String || type == Type::Status)
        return string;
    if (type == Type::Integer)
        return QByteArray::number(integer);
    throw unexpected(*this, where, "a string");
}

qint64 RedisReply::toInteger(const QString& where) const
{
    if (type == Type::Integer)
        return integer;
    if (type == Type::String) {
        bool ok = false;
        const qint64 value = string.toLongLong(&ok);
        if (ok)
            return value;
    }
    throw unexpected(*this, where, "an integer");
}

const QList<RedisReply>& RedisReply::toArray(const QString& where) const
{
    if (type != Type::Array)
        throw unexpected(*this, where, "an array");
    return elements;
}

QString RedisReply::describe() const
{
    constexpr int maxShown = 80; // untrusted data can be megabytes long
    auto shown = [](const QByteArray& bytes) {
        QString text = QString::fromUtf8(bytes.left(maxShown));
        if (bytes.size() > maxShown)
            text += QStringLiteral("… (%1 bytes)").arg(bytes.size());
        return text;
    };
    switch (type) {
    case Type::Nil:
        return QStringLiteral("nil");
    case Type::Status:
        return QStringLiteral("status \"%1\"").arg(shown(string));
    case Type::Error:
        return QStringLiteral("error \"%1\"").arg(shown(string));
    case Type::Integer:
        return QStringLiteral("integer %1").arg(integer);
    case Type::String:
        return QStringLiteral("string \"%1\"").arg(shown(string));
    case Type::Array:
        return QStringLiteral("array of %1").arg(elements.size());
    }
    return {};
}

} // namespace quotadesk
