// libFuzzer target: the engine's parsing of acquire.lua's JSON reply (what a compromised or broken store
// could send back).
#include "QuotaEngine.h"
#include "StoreError.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        const quotadesk::Decision d = quotadesk::QuotaEngine::parseAcquireReply(
            QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
        (void)d.reason.size();
    } catch (const quotadesk::StoreError&) {
    }
    return 0;
}
