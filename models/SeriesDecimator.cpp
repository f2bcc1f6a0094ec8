#include "SeriesDecimator.h"

#include <algorithm>

namespace quotadesk {

QList<QPointF> SeriesDecimator::minMax(const QList<QPointF>& points, int columns)
{
    columns = std::max(1, columns);
    if (points.size() <= 2 * columns)
        return points;
    const double x0 = points.first().x();
    const double span = points.last().x() - x0;
    QList<QPointF> out;
    out.reserve(2 * columns);
    qsizetype i = 0;
    const qsizetype n = points.size();
    while (i < n) {
        // The column of point i; every following point in the same column joins the bucket.
        const int column = span > 0 ? std::min(columns - 1, int((points[i].x() - x0) / span * columns)) : 0;
        qsizetype lo = i, hi = i;
        qsizetype j = i + 1;
        for (; j < n; ++j) {
            const int c = span > 0 ? std::min(columns - 1, int((points[j].x() - x0) / span * columns)) : 0;
            if (c != column)
                break;
            if (points[j].y() < points[lo].y())
                lo = j;
            if (points[j].y() > points[hi].y())
                hi = j;
        }
        // Emit min and max in time order, so the line still runs left to right.
        if (lo == hi) {
            out.append(points[lo]);
        } else {
            out.append(points[std::min(lo, hi)]);
            out.append(points[std::max(lo, hi)]);
        }
        i = j;
    }
    return out;
}

} // namespace quotadesk
