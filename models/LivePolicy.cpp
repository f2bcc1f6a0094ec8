#include "LivePolicy.h"

#include "PolicyStore.h"
#include "StoreError.h"
#include "UsageReader.h"

namespace quotadesk {

PolicyVersion LivePolicy::read(UsageReader& reader)
{
    try {
        return PolicyStore(reader.connection(), reader.prefix(), Actor()).current();
    } catch (const StoreError& e) {
        if (e.kind() != StoreError::Kind::NoPermission)
            throw;
    }
    const QByteArray docKey = (reader.prefix() + QStringLiteral("policy")).toUtf8();
    for (int attempt = 0; attempt < 5; ++attempt) {
        PolicyVersion v;
        v.version = reader.policyVersion();
        const RedisReply doc = reader.connection().call({"GET", docKey});
        if (!doc.isNil())
            v.document = doc.toBytes(QString::fromUtf8(docKey));
        if (reader.policyVersion() == v.version)
            return v;
    }
    throw StoreError(
        StoreError::Kind::Conflict,
        QStringLiteral("%1 keeps changing while it is read; try again").arg(QString::fromUtf8(docKey)));
}

} // namespace quotadesk
