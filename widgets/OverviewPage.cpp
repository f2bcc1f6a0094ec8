#include "OverviewPage.h"

#include "GatewaysModel.h"
#include "GaugeWidget.h"
#include "LiveChart.h"
#include "LiveDashboard.h"

#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace quotadesk {

namespace {
constexpr int subjectGaugeCount = 6;
constexpr int groupGaugeCount = 4;

QString number(double value)
{
    return QLocale().toString(qRound64(value));
}
} // namespace

OverviewPage::OverviewPage(LiveDashboard* dashboard, QWidget* parent)
    : QWidget(parent), m_dashboard(dashboard)
{
    auto* tiles = new QGridLayout;
    m_requests = addTile(tiles, 0, tr("Requests / min"), QStringLiteral("requestsPerMinute"));
    m_tokens = addTile(tiles, 1, tr("Tokens / min"), QStringLiteral("tokensPerMinute"));
    m_denials = addTile(tiles, 2, tr("Denials / min"), QStringLiteral("denialsPerMinute"));
    m_concurrent = addTile(tiles, 3, tr("Concurrent"), QStringLiteral("concurrent"));
    m_gatewaysOnline = addTile(tiles, 4, tr("Gateways online"), QStringLiteral("gatewaysOnline"));
    m_subjects = addTile(tiles, 5, tr("Subjects"), QStringLiteral("subjectCount"));

    auto* gaugeBox = new QGroupBox(tr("Busiest against their limits"), this);
    auto* gaugeGrid = new QGridLayout(gaugeBox);
    gaugeGrid->addWidget(new QLabel(tr("Subjects"), gaugeBox), 0, 0, 1, subjectGaugeCount);
    for (int i = 0; i < subjectGaugeCount; ++i) {
        auto* g = new GaugeWidget(gaugeBox);
        g->setObjectName(QStringLiteral("subjectGauge%1").arg(i));
        m_subjectGauges.append(g);
        gaugeGrid->addWidget(g, 1, i);
    }
    gaugeGrid->addWidget(new QLabel(tr("Groups (pooled)"), gaugeBox), 2, 0, 1, subjectGaugeCount);
    for (int i = 0; i < groupGaugeCount; ++i) {
        auto* g = new GaugeWidget(gaugeBox);
        g->setObjectName(QStringLiteral("groupGauge%1").arg(i));
        m_groupGauges.append(g);
        gaugeGrid->addWidget(g, 3, i);
    }

    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("chartRange"));
    m_range->addItem(tr("Last hour"), int(LiveDashboard::Range::Hour));
    m_range->addItem(tr("Last 24 hours"), int(LiveDashboard::Range::Day));
    m_range->addItem(tr("Last 7 days"), int(LiveDashboard::Range::Week));
    m_split = new QComboBox(this);
    m_split->setObjectName(QStringLiteral("chartSplit"));
    m_split->addItem(tr("Whole fleet"), int(LiveDashboard::Split::None));
    m_split->addItem(tr("Split by tier"), int(LiveDashboard::Split::Tier));
    m_split->addItem(tr("Split by department"), int(LiveDashboard::Split::Group));
    auto* chartControls = new QHBoxLayout;
    chartControls->addWidget(new QLabel(tr("Charts:"), this));
    chartControls->addWidget(m_range);
    chartControls->addWidget(m_split);
    chartControls->addStretch(1);

    m_requestsChart = new LiveChart(tr("Requests per minute"), this);
    m_requestsChart->setObjectName(QStringLiteral("requestsChart"));
    m_tokensChart = new LiveChart(tr("Tokens per minute"), this);
    m_tokensChart->setObjectName(QStringLiteral("tokensChart"));
    m_denialsChart = new LiveChart(tr("Denials per minute"), this);
    m_denialsChart->setObjectName(QStringLiteral("denialsChart"));
    auto* chartsWidget = new QWidget(this);
    auto* chartsLayout = new QVBoxLayout(chartsWidget);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->addLayout(chartControls);
    auto* chartRow = new QHBoxLayout;
    chartRow->addWidget(m_requestsChart);
    chartRow->addWidget(m_tokensChart);
    chartRow->addWidget(m_denialsChart);
    chartsLayout->addLayout(chartRow, 1);

    m_gateways = new GatewaysModel(this);
    m_gatewayView = new QTableView(this);
    m_gatewayView->setObjectName(QStringLiteral("gateways"));
    m_gatewayView->setModel(m_gateways);
    m_gatewayView->verticalHeader()->hide();
    m_gatewayView->horizontalHeader()->setStretchLastSection(true);
    m_gatewayView->setSelectionBehavior(QAbstractItemView::SelectRows);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("overviewSplitter"));
    m_splitter->addWidget(gaugeBox);
    m_splitter->addWidget(chartsWidget);
    m_splitter->addWidget(m_gatewayView);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(tiles);
    layout->addWidget(m_splitter, 1);

    connect(m_range, &QComboBox::currentIndexChanged, this,
            [this] { m_dashboard->setRange(LiveDashboard::Range(m_range->currentData().toInt())); });
    connect(m_split, &QComboBox::currentIndexChanged, this,
            [this] { m_dashboard->setSplit(LiveDashboard::Split(m_split->currentData().toInt())); });
    connect(m_dashboard, &LiveDashboard::updated, this, &OverviewPage::updateFromDashboard);
}

QLabel* OverviewPage::addTile(QGridLayout* grid, int column, const QString& title, const QString& name)
{
    auto* caption = new QLabel(title, this);
    caption->setAlignment(Qt::AlignCenter);
    auto* value = new QLabel(QStringLiteral("—"), this);
    value->setObjectName(name);
    value->setAlignment(Qt::AlignCenter);
    QFont f = value->font();
    f.setPointSizeF(f.pointSizeF() * 1.8);
    f.setBold(true);
    value->setFont(f);
    grid->addWidget(value, 0, column);
    grid->addWidget(caption, 1, column);
    return value;
}

QString OverviewPage::gaugeCaption(const QString& entity, double fraction, const QString& limit)
{
    QString name = entity;
    if (name.startsWith(QLatin1String("user:")))
        name = name.mid(5);
    return tr("%1 — %2% of %3").arg(name).arg(qRound(fraction * 100)).arg(limit);
}

void OverviewPage::updateFromDashboard()
{
    const DashboardSnapshot& s = m_dashboard->snapshot();
    if (s.valid) {
        const FleetTotals& t = s.totals;
        m_requests->setText(number(t.requestsPerMinute));
        m_tokens->setText(number(t.tokensPerMinute));
        m_denials->setText(number(t.denialsPerMinute));
        m_concurrent->setText(number(double(t.concurrent)));
        m_gateways->setGateways(t.gateways, t.nowMs);
        QStringList versions;
        for (const GatewayInfo& g : t.gateways)
            versions << QStringLiteral("%1: v%2").arg(g.id, g.version);
        m_gatewaysOnline->setText(
            QStringLiteral("%1 / %2").arg(m_gateways->onlineCount()).arg(t.gateways.size()));
        m_gatewaysOnline->setToolTip(versions.join(QLatin1Char('\n')));
        m_subjects->setText(number(double(t.subjects)));

        for (int i = 0; i < m_subjectGauges.size(); ++i) {
            GaugeWidget* g = m_subjectGauges[i];
            const LimitUsage* l = i < s.busiest.size() ? s.busiest[i].tightest() : nullptr;
            g->setVisible(l != nullptr);
            if (l)
                g->setValue(l->fraction(), gaugeCaption(s.busiest[i].id, l->fraction(), l->label()),
                            tr("%1 of %2").arg(l->used).arg(l->limit));
        }
        // Groups closest to a pool limit first.
        QList<const GroupUsage*> groups;
        for (const GroupUsage& g : s.groups) {
            if (g.tightest())
                groups.append(&g);
        }
        std::stable_sort(groups.begin(), groups.end(), [](const GroupUsage* a, const GroupUsage* b) {
            return a->tightest()->fraction() > b->tightest()->fraction();
        });
        for (int i = 0; i < m_groupGauges.size(); ++i) {
            GaugeWidget* g = m_groupGauges[i];
            const bool show = i < groups.size();
            g->setVisible(show);
            if (show) {
                const LimitUsage* l = groups[i]->tightest();
                g->setValue(l->fraction(), gaugeCaption(groups[i]->name, l->fraction(), l->label()),
                            tr("%1 of %2 (pooled)").arg(l->used).arg(l->limit));
            }
        }
    }
    const ChartData& c = m_dashboard->chart();
    if (c.valid) {
        m_requestsChart->setData(c.keys, c.series.value(QStringLiteral("requests")), c.fromMs, c.toMs,
                                 c.minutes);
        m_tokensChart->setData(c.keys, c.series.value(QStringLiteral("tokens")), c.fromMs, c.toMs, c.minutes);
        m_denialsChart->setData(c.keys, c.series.value(QStringLiteral("denials")), c.fromMs, c.toMs,
                                c.minutes);
    }
}

void OverviewPage::saveState(QSettings& settings) const
{
    settings.setValue(QStringLiteral("overview/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("overview/range"), m_range->currentIndex());
    settings.setValue(QStringLiteral("overview/split"), m_split->currentIndex());
    settings.setValue(QStringLiteral("overview/gatewayColumns"),
                      m_gatewayView->horizontalHeader()->saveState());
}

void OverviewPage::restoreState(QSettings& settings)
{
    m_splitter->restoreState(settings.value(QStringLiteral("overview/splitter")).toByteArray());
    m_range->setCurrentIndex(settings.value(QStringLiteral("overview/range"), 0).toInt());
    m_split->setCurrentIndex(settings.value(QStringLiteral("overview/split"), 0).toInt());
    m_gatewayView->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("overview/gatewayColumns")).toByteArray());
}

} // namespace quotadesk
