#include "LiveChart.h"

#include "SeriesDecimator.h"

#include <QCategoryAxis>
#include <QChart>
#include <QDateTime>
#include <QEvent>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace quotadesk {

// The chart goes to the constructor: setChart() would release (and so leak) the view's default chart.
LiveChart::LiveChart(const QString& title, QWidget* parent) : QChartView(new QChart, parent)
{
    QChart* chart = this->chart();
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 18, 4)); // room for the last time label
    // A category axis with our own time labels: QDateTimeAxis in Qt 6.4 draws no labels once its format or
    // range is changed after construction, which a live chart does every second.
    m_x = new QCategoryAxis;
    m_x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_y = new QValueAxis;
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    m_y->setTickCount(5);
    m_y->setRange(0, 1);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(180);
    setAccessibleName(title);
    setAccessibleDescription(tr("Line chart: %1").arg(title));
    applyPaletteTheme();
}

void LiveChart::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPaletteTheme();
}

void LiveChart::applyPaletteTheme()
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const QChart::ChartTheme theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (chart()->theme() != theme)
        chart()->setTheme(theme); // resets fonts and colours, not the series, axes or margins
}

void LiveChart::rebuild(const QStringList& keys)
{
    for (QLineSeries* s : std::as_const(m_series)) {
        chart()->removeSeries(s);
        delete s;
    }
    m_series.clear();
    for (const QString& key : keys) {
        auto* s = new QLineSeries;
        s->setName(key);
        chart()->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
        m_series.insert(key, s);
    }
    chart()->legend()->setVisible(keys.size() > 1);
    m_keys = keys;
}

void LiveChart::setData(const QStringList& keys, const QHash<QString, QList<SeriesPoint>>& series,
                        qint64 fromMs, qint64 toMs, bool minutes)
{
    if (keys != m_keys)
        rebuild(keys);
    const int columns = std::max(10, int(chart()->plotArea().width()));
    double maxY = 0;
    for (const QString& key : keys) {
        // Decimation keeps every column's maximum, so the plotted points hold the series' maximum too.
        const QList<QPointF> plotted = SeriesDecimator::minMaxBuckets(series.value(key), columns);
        for (const QPointF& p : plotted)
            maxY = std::max(maxY, p.y());
        m_series.value(key)->replace(plotted);
    }
    m_maxY = maxY;
    const QString format = minutes ? QStringLiteral("HH:mm") : QStringLiteral("ddd HH:mm");
    for (const QString& label : m_x->categoriesLabels())
        m_x->remove(label);
    m_x->setStartValue(double(fromMs));
    constexpr int intervals = 6;
    for (int i = 0; i <= intervals; ++i) {
        const qint64 t = fromMs + (toMs - fromMs) * i / intervals;
        m_x->append(QDateTime::fromMSecsSinceEpoch(t).toString(format), double(t));
    }
    m_x->setRange(double(fromMs), double(toMs));
    // Four round tick intervals above the data, so labels are round and do not jump every refresh.
    const double raw = std::max(1.0, maxY * 1.05) / 4.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double spacing = 10 * magnitude;
    for (double m : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0}) {
        if (m * magnitude >= raw) {
            spacing = m * magnitude;
            break;
        }
    }
    const double top = std::max(4.0, 4 * spacing);
    if (m_y->max() != top)
        m_y->setRange(0, top);
}

qsizetype LiveChart::plottedPoints(const QString& key) const
{
    const QLineSeries* s = m_series.value(key);
    return s ? s->count() : 0;
}

} // namespace quotadesk
