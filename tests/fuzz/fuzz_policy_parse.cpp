// libFuzzer target: Policy::parse on arbitrary bytes must never crash, and a policy it accepts must
// round-trip through its canonical form.
#include "Policy.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using quotadesk::Policy;
    QList<quotadesk::PolicyIssue> issues;
    const Policy p = Policy::parse(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)), &issues);
    if (issues.isEmpty()) {
        QList<quotadesk::PolicyIssue> again;
        if (!(Policy::parse(p.toJson(), &again) == p) || !again.isEmpty())
            std::abort();
    }
    return 0;
}
