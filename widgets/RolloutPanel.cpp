#include "RolloutPanel.h"

#include "RolloutModel.h"
#include "StoreClient.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace quotadesk {

namespace {
struct GatewayRead
{
    QList<GatewayInfo> gateways;
    qint64 nowMs = 0;
};
} // namespace

RolloutPanel::RolloutPanel(StoreClient* client, QWidget* parent)
    : QWidget(parent), m_client(client), m_model(new RolloutModel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(m_model->summary(), this);
    m_summary->setObjectName(QStringLiteral("rolloutSummary"));
    layout->addWidget(m_summary);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("rolloutView"));
    m_view->setModel(m_model);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->hide();
    layout->addWidget(m_view);
    m_poll.setInterval(1000);
    connect(&m_poll, &QTimer::timeout, this, &RolloutPanel::refresh);
}

QString RolloutPanel::summary() const
{
    return m_summary->text();
}

void RolloutPanel::track(qint64 version, qint64 publishedAtMs)
{
    m_model->track(version, publishedAtMs);
    m_summary->setText(m_model->summary());
    m_poll.start();
    refresh();
}

void RolloutPanel::refresh()
{
    if (m_inFlight)
        return;
    m_inFlight = true;
    m_client->submit<GatewayRead>(
        this,
        [](UsageReader& reader) {
            GatewayRead r;
            r.gateways = reader.gateways();
            r.nowMs = reader.nowMs();
            return r;
        },
        [this](const GatewayRead& r) {
            m_inFlight = false;
            m_model->update(r.gateways, r.nowMs);
            m_summary->setText(m_model->summary());
            if (m_model->allApplied())
                m_poll.stop();
        },
        [this](const StoreError& e) {
            m_inFlight = false;
            m_summary->setText(tr("Rollout unknown: %1").arg(e.message()));
        });
}

} // namespace quotadesk
