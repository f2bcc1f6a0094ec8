#include "LoadFactorPanel.h"

#include "ConsoleActor.h"
#include "PolicyStore.h"
#include "ReadOnlyNotice.h"
#include "StoreClient.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

namespace quotadesk {

LoadFactorPanel::LoadFactorPanel(StoreClient* client, QWidget* parent) : QWidget(parent), m_client(client)
{
    auto* layout = new QVBoxLayout(this);
    m_readOnlyReason = new ReadOnlyNotice(this);
    layout->addWidget(m_readOnlyReason);

    auto* top = new QHBoxLayout;
    auto* factorsBox = new QGroupBox(tr("Load factor per tier"), this);
    auto* factorsLayout = new QVBoxLayout(factorsBox);
    m_table = new QTableWidget(0, 4, factorsBox);
    m_table->setObjectName(QStringLiteral("loadTable"));
    m_table->setHorizontalHeaderLabels({tr("Tier"), tr("Factor"), tr("Set by"), tr("Since")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    factorsLayout->addWidget(m_table);
    top->addWidget(factorsBox, 3);

    auto* overrideBox = new QGroupBox(tr("Override"), this);
    auto* form = new QFormLayout(overrideBox);
    m_tier = new QComboBox(overrideBox);
    m_tier->setObjectName(QStringLiteral("loadTier"));
    form->addRow(tr("Tier:"), m_tier);
    m_factor = new QDoubleSpinBox(overrideBox);
    m_factor->setObjectName(QStringLiteral("loadFactor"));
    m_factor->setRange(0.05, 1.0);
    m_factor->setSingleStep(0.05);
    m_factor->setValue(0.5);
    form->addRow(tr("Factor:"), m_factor);
    m_minutes = new QSpinBox(overrideBox);
    m_minutes->setObjectName(QStringLiteral("loadMinutes"));
    m_minutes->setRange(1, 24 * 60);
    m_minutes->setValue(30);
    m_minutes->setSuffix(tr(" min"));
    form->addRow(tr("For:"), m_minutes);
    m_comment = new QLineEdit(overrideBox);
    m_comment->setObjectName(QStringLiteral("loadComment"));
    form->addRow(tr("Comment:"), m_comment);
    m_apply = new QPushButton(tr("Apply override"), overrideBox);
    m_apply->setObjectName(QStringLiteral("applyLoad"));
    m_clear = new QPushButton(tr("Clear override"), overrideBox);
    m_clear->setObjectName(QStringLiteral("clearLoad"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addWidget(m_clear);
    form->addRow(buttons);
    top->addWidget(overrideBox, 2);
    layout->addLayout(top);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("loadMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);

    m_chart = new QChart;
    m_chart->setTitle(tr("Gateway signals (maximum over online gateways)"));
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_timeAxis = new QValueAxis(m_chart);
    m_timeAxis->setTitleText(tr("minutes ago"));
    m_timeAxis->setLabelFormat(QStringLiteral("%.1f"));
    m_valueAxis = new QValueAxis(m_chart);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    m_chartView = new QChartView(m_chart, this);
    m_chartView->setObjectName(QStringLiteral("signalChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    layout->addWidget(m_chartView, 1);

    connect(m_apply, &QPushButton::clicked, this, [this] {
        applyOverride(m_tier->currentText(), m_factor->value(), m_minutes->value(),
                      m_comment->text().trimmed());
    });
    connect(m_clear, &QPushButton::clicked, this,
            [this] { applyOverride(m_tier->currentText(), 1.0, 0, m_comment->text().trimmed()); });
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &LoadFactorPanel::refresh);
    connect(client, &StoreClient::connected, this, &LoadFactorPanel::refresh);
    connect(client, &StoreClient::statusChanged, this, [this](const ConnectionStatus& s) {
        if (s.state == ConnectionStatus::State::Connected)
            setReadOnly(s.readOnly, s.readOnly
                                        ? tr("Read-only: the Redis user \"%1\" may not write to this store, "
                                             "so overriding load factors is disabled.")
                                              .arg(s.user)
                                        : QString());
    });
}

void LoadFactorPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_timer.start();
}

void LoadFactorPanel::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_timer.stop();
}

void LoadFactorPanel::setReadOnly(bool readOnly, const QString& reason)
{
    m_readOnly = readOnly;
    m_readOnlyReason->setText(reason);
    m_readOnlyReason->setVisible(readOnly);
    m_apply->setEnabled(!readOnly);
    m_clear->setEnabled(!readOnly);
}

void LoadFactorPanel::refresh()
{
    if (m_inFlight)
        return;
    m_inFlight = true;
    m_client->submit<LoadState>(
        this, [](UsageReader& reader) { return LoadState::read(reader); },
        [this](const LoadState& s) {
            m_inFlight = false;
            display(s);
        },
        [this](const StoreError& e) {
            m_inFlight = false;
            m_message->setText(tr("Could not read the load state: %1").arg(e.message()));
        });
}

void LoadFactorPanel::display(const LoadState& s)
{
    m_state = s;
    QStringList shownTiers;
    for (int i = 0; i < m_tier->count(); ++i)
        shownTiers << m_tier->itemText(i);
    if (shownTiers != s.tiers) { // rebuilt only when tiers change, so a pick in progress survives refreshes
        const QString currentTier = m_tier->currentText();
        m_tier->clear();
        m_tier->addItems(s.tiers);
        m_tier->setCurrentIndex(qMax(0, int(s.tiers.indexOf(currentTier))));
    }
    m_table->setRowCount(int(s.tiers.size()));
    for (int r = 0; r < s.tiers.size(); ++r) {
        const QString& tier = s.tiers[r];
        const auto it = std::find_if(s.factors.cbegin(), s.factors.cend(),
                                     [&](const LoadState::Factor& f) { return f.tier == tier; });
        const bool set = it != s.factors.cend();
        m_table->setItem(r, 0, new QTableWidgetItem(tier));
        m_table->setItem(r, 1, new QTableWidgetItem(set ? QString::number(it->factor) : QStringLiteral("1")));
        m_table->setItem(r, 2, new QTableWidgetItem(set ? s.describe(*it) : tr("— (full limits)")));
        m_table->setItem(r, 3,
                         new QTableWidgetItem(set && it->sinceMs
                                                  ? QDateTime::fromMSecsSinceEpoch(it->sinceMs, Qt::UTC)
                                                        .toString(QStringLiteral("HH:mm:ss 'UTC'"))
                                                  : QString()));
    }
    for (auto it = s.signalValues.cbegin(); it != s.signalValues.cend(); ++it) {
        QList<QPointF>& points = m_samples[it.key()];
        points.append(QPointF(double(s.nowMs), it.value()));
        if (points.size() > MaxSamples)
            points.remove(0, points.size() - MaxSamples);
    }
    updateChart();
}

void LoadFactorPanel::updateChart()
{
    const QList<QAbstractSeries*> existing = m_chart->series();
    QHash<QString, QLineSeries*> byName;
    for (QAbstractSeries* a : existing)
        byName.insert(a->name(), static_cast<QLineSeries*>(a));
    double minX = 0, maxX = 0, maxY = 0;
    bool first = true;
    for (auto it = m_samples.cbegin(); it != m_samples.cend(); ++it) {
        QLineSeries* series = byName.value(it.key());
        if (!series) {
            series = new QLineSeries(m_chart);
            series->setName(it.key());
            m_chart->addSeries(series);
            series->attachAxis(m_timeAxis);
            series->attachAxis(m_valueAxis);
        }
        // x in minutes before the latest sample, so the axis reads "minutes ago".
        QList<QPointF> points;
        for (const QPointF& p : it.value())
            points.append(QPointF((p.x() - double(m_state.nowMs)) / 60000.0, p.y()));
        series->replace(points);
        for (const QPointF& p : points) {
            minX = first ? p.x() : qMin(minX, p.x());
            maxX = first ? p.x() : qMax(maxX, p.x());
            maxY = qMax(maxY, p.y());
            first = false;
        }
    }
    if (first)
        return;
    m_timeAxis->setRange(qMin(minX, -1.0), qMax(maxX, 0.0));
    m_valueAxis->setRange(0, maxY > 0 ? maxY * 1.1 : 1);
    m_valueAxis->applyNiceNumbers();
}

void LoadFactorPanel::applyOverride(const QString& tier, double factor, int minutes, const QString& comment)
{
    if (m_readOnly || tier.isEmpty())
        return;
    const QString user = m_client->endpoint().user;
    m_client->submit<bool>(
        this,
        [tier, factor, minutes, comment, user](UsageReader& reader) {
            PolicyStore(reader.connection(), reader.prefix(), ConsoleActor::of(reader, user))
                .setLoadFactor(tier, factor, qint64(minutes) * 60, comment);
            return true;
        },
        [this, tier, factor](bool) {
            m_message->setText(factor < 1 ? tr("Limits of %1 scaled by %2.").arg(tier).arg(factor)
                                          : tr("Override of %1 cleared.").arg(tier));
            refresh();
        },
        [this](const StoreError& e) { m_message->setText(tr("Not applied: %1").arg(e.message())); });
}

} // namespace quotadesk
