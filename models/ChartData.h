#pragma once

#include "SeriesPoint.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace quotadesk {

// The overview charts' data: per metric ("requests", "tokens", "denials"), one series per entity in `keys`
// (fleet, or each tier / group when split).
struct ChartData
{
    qint64 fromMs = 0;
    qint64 toMs = 0;
    bool minutes = true; // minute buckets; hour buckets otherwise
    QStringList keys;
    QHash<QString, QHash<QString, QList<SeriesPoint>>> series; // metric -> entity -> points
    bool valid = false;
};

} // namespace quotadesk
