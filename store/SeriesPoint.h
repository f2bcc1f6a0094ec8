#pragma once

#include <QtGlobal>

namespace quotadesk {

// One bucket of a per-minute or per-hour series: its start time (ms) and the summed value.
struct SeriesPoint
{
    qint64 timeMs = 0;
    double value = 0;
};

} // namespace quotadesk
