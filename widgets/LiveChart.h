#pragma once

#include "SeriesPoint.h"

#include <QChartView>
#include <QHash>
#include <QList>
#include <QStringList>

class QCategoryAxis;
class QLineSeries;
class QValueAxis;

namespace quotadesk {

// A live line chart of per-minute (or per-hour) series, one line per key. Each refresh decimates every
// series to about two points per pixel column (min and max, so spikes survive), feeds it with
// QLineSeries::replace() and sets the axis ranges once; no animations.
class LiveChart : public QChartView
{
    Q_OBJECT

public:
    explicit LiveChart(const QString& title, QWidget* parent = nullptr);

    void setData(const QStringList& keys, const QHash<QString, QList<SeriesPoint>>& series, qint64 fromMs,
                 qint64 toMs, bool minutes);
    // Points currently plotted (after decimation), per key; tests use it.
    qsizetype plottedPoints(const QString& key) const;
    double maxValue() const { return m_maxY; }

protected:
    void changeEvent(QEvent* event) override;

private:
    // Light or dark chart theme after the widget's palette, so charts follow a dark desktop.
    void applyPaletteTheme();
    void rebuild(const QStringList& keys);

    QStringList m_keys;
    QHash<QString, QLineSeries*> m_series;
    QCategoryAxis* m_x;
    QValueAxis* m_y;
    double m_maxY = 0;
};

} // namespace quotadesk
