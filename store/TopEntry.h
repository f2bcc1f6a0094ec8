#pragma once

#include <QString>

namespace quotadesk {

// One row of a `P top:*` ranking.
struct TopEntry
{
    QString subject;
    qint64 value = 0;
};

} // namespace quotadesk
