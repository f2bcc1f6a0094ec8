#include "SeriesDecimator.h"

#include <algorithm>

namespace quotadesk {

namespace {

QPointF toPoint(const QPointF& p)
{
    return p;
}

QPointF toPoint(const SeriesPoint& p)
{
    return QPointF(double(p.timeMs), p.value);
}

template <typename Point, typename X, typename Y>
QList<QPointF> decimate(const QList<Point>& points, int columns, X x, Y y)
{
    columns = std::max(1, columns);
    QList<QPointF> out;
    if (points.size() <= 2 * columns) {
        out.reserve(points.size());
        for (const Point& p : points)
            out.append(toPoint(p));
        return out;
    }
    const double x0 = x(points.first());
    const double span = x(points.last()) - x0;
    const double scale = span > 0 ? double(columns) / span : 0.0;
    auto columnOf = [&](const Point& p) {
        return std::min(columns - 1, int((x(p) - x0) * scale));
    };
    out.reserve(2 * columns);
    qsizetype i = 0;
    const qsizetype n = points.size();
    while (i < n) {
        // The column of point i; every following point in the same column joins the bucket.
        const int column = columnOf(points[i]);
        qsizetype lo = i, hi = i;
        qsizetype j = i + 1;
        for (; j < n && columnOf(points[j]) == column; ++j) {
            if (y(points[j]) < y(points[lo]))
                lo = j;
            if (y(points[j]) > y(points[hi]))
                hi = j;
        }
        // Emit min and max in time order, so the line still runs left to right.
        if (lo == hi) {
            out.append(toPoint(points[lo]));
        } else {
            out.append(toPoint(points[std::min(lo, hi)]));
            out.append(toPoint(points[std::max(lo, hi)]));
        }
        i = j;
    }
    return out;
}

} // namespace

QList<QPointF> SeriesDecimator::minMax(const QList<QPointF>& points, int columns)
{
    if (points.size() <= 2 * std::max(1, columns))
        return points;
    return decimate(
        points, columns, [](const QPointF& p) { return p.x(); }, [](const QPointF& p) { return p.y(); });
}

QList<QPointF> SeriesDecimator::minMaxBuckets(const QList<SeriesPoint>& points, int columns)
{
    return decimate(
        points, columns, [](const SeriesPoint& p) { return double(p.timeMs); },
        [](const SeriesPoint& p) { return p.value; });
}

} // namespace quotadesk
