#pragma once

#include "SeriesPoint.h"

#include <QList>
#include <QPointF>

namespace quotadesk {

// Thins a time series for a chart of `columns` pixel columns: per column it keeps the minimum and the
// maximum, in time order, so single-sample spikes survive (plain LTTB or stride sampling drops them).
// `points` must be sorted by x; series already short enough are returned unchanged.
class SeriesDecimator
{
public:
    // Keeps min and max per column: at most 2 × columns points.
    static QList<QPointF> minMax(const QList<QPointF>& points, int columns);
    // The same straight from store buckets (x = timeMs), so a long series is never copied whole into
    // QPointF first: for a million points that copy cost more than the decimation itself.
    static QList<QPointF> minMaxBuckets(const QList<SeriesPoint>& points, int columns);
};

} // namespace quotadesk
