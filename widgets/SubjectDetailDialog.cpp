#include "SubjectDetailDialog.h"

#include "Actor.h"
#include "LiveChart.h"
#include "PercentBarDelegate.h"
#include "RequestStore.h"
#include "StoreClient.h"
#include "UsageReader.h"

#include <QDateTime>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace quotadesk {

namespace {
constexpr qint64 hourMs = 3600 * 1000;
constexpr int fractionRole = Qt::UserRole + 1;

struct Detail
{
    SubjectUsage usage;
    qint64 nowMs = 0;
    QHash<QString, QList<SeriesPoint>> series; // "requests", "tokens", "denials"
    QList<QuotaRequest> pending;
    QString pendingError;
};

QString time(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm"));
}
} // namespace

SubjectDetailDialog::SubjectDetailDialog(StoreClient* client, const QString& subjectId, QWidget* parent)
    : QDialog(parent), m_client(client), m_id(subjectId)
{
    setWindowTitle(tr("Subject %1").arg(subjectId));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(900, 640);
    m_header = new QLabel(subjectId, this);
    m_header->setObjectName(QStringLiteral("detailHeader"));
    QFont f = m_header->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    m_header->setFont(f);

    m_limits = new QTableWidget(0, 5, this);
    m_limits->setObjectName(QStringLiteral("detailLimits"));
    m_limits->setHorizontalHeaderLabels(
        {tr("Limit"), tr("Usage"), tr("Used"), tr("Limit (+burst)"), tr("Source")});
    m_limits->verticalHeader()->hide();
    m_limits->horizontalHeader()->setStretchLastSection(true);
    m_limits->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_limits->setItemDelegateForColumn(1, new PercentBarDelegate(fractionRole, this));
    m_limits->setColumnWidth(0, 150);
    m_limits->setColumnWidth(1, 180);

    m_chart = new LiveChart(tr("Last hour: requests, tokens/100, denials per minute"), this);
    m_chart->setObjectName(QStringLiteral("detailChart"));
    m_denials = new QListWidget(this);
    m_denials->setObjectName(QStringLiteral("detailDenials"));
    m_requests = new QListWidget(this);
    m_requests->setObjectName(QStringLiteral("detailRequests"));

    auto* denialBox = new QGroupBox(tr("Recent denials (last hour, per minute)"), this);
    (new QVBoxLayout(denialBox))->addWidget(m_denials);
    auto* requestBox = new QGroupBox(tr("Pending quota requests"), this);
    (new QVBoxLayout(requestBox))->addWidget(m_requests);
    auto* lists = new QHBoxLayout;
    lists->addWidget(denialBox);
    lists->addWidget(requestBox);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_limits, 1);
    layout->addWidget(m_chart, 2);
    layout->addLayout(lists, 1);

    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &SubjectDetailDialog::refresh);
    m_timer->start();
    refresh();
}

int SubjectDetailDialog::limitRows() const
{
    return m_limits->rowCount();
}

QString SubjectDetailDialog::limitText(int row, int column) const
{
    const QTableWidgetItem* item = m_limits->item(row, column);
    return item ? item->text() : QString();
}

void SubjectDetailDialog::refresh()
{
    if (m_inFlight)
        return;
    m_inFlight = true;
    const QString id = m_id;
    m_client->submit<Detail>(
        this,
        [id](UsageReader& r) {
            Detail d;
            d.usage = r.subjectUsage({id}).value(0);
            d.nowMs = r.nowMs();
            const qint64 from = d.nowMs - hourMs;
            d.series[QStringLiteral("requests")] =
                r.series({id}, UsageReader::Metric::Requests, from, d.nowMs).value(id);
            QList<SeriesPoint> tokens = r.series({id}, UsageReader::Metric::Tokens, from, d.nowMs).value(id);
            for (SeriesPoint& p : tokens)
                p.value /= 100.0; // on the same axis as requests
            d.series[QStringLiteral("tokens/100")] = tokens;
            d.series[QStringLiteral("denials")] =
                r.series({id}, UsageReader::Metric::Denials, from, d.nowMs).value(id);
            try {
                RequestStore requests(r.connection(), r.prefix(), Actor());
                for (const QuotaRequest& q : requests.list(QStringLiteral("pending"), 1000)) {
                    if (q.subject == id)
                        d.pending.append(q);
                }
            } catch (const StoreError& e) {
                d.pendingError = e.message(); // e.g. a read-only user may not run the request script
            }
            return d;
        },
        [this](Detail d) {
            m_inFlight = false;
            const SubjectUsage& u = d.usage;
            m_header->setText(
                tr("%1 — tier %2%3 — %4 denials today")
                    .arg(u.id, u.tier, u.group.isEmpty() ? QString() : tr(", group %1").arg(u.group))
                    .arg(u.denialsToday));
            m_limits->setRowCount(int(u.limits.size()));
            for (int row = 0; row < u.limits.size(); ++row) {
                const LimitUsage& l = u.limits[row];
                auto set = [&](int column, const QString& text) {
                    QTableWidgetItem* item = m_limits->item(row, column);
                    if (!item) {
                        item = new QTableWidgetItem;
                        m_limits->setItem(row, column, item);
                    }
                    item->setText(text);
                    return item;
                };
                set(0, l.label());
                set(1, QStringLiteral("%1%").arg(qRound(l.fraction() * 100)))
                    ->setData(fractionRole, l.fraction());
                set(2, l.amount(double(l.used)));
                set(3,
                    l.burst
                        ? QStringLiteral("%1 (+%2)").arg(l.amount(double(l.limit)), l.amount(double(l.burst)))
                        : l.amount(double(l.limit)));
                QString source = l.source;
                if (l.expiresAtMs)
                    source += tr(", until %1").arg(QDateTime::fromMSecsSinceEpoch(l.expiresAtMs).toString());
                if (l.periodEndMs)
                    source += tr(", resets %1").arg(time(l.periodEndMs));
                set(4, source);
            }
            const QStringList keys = {QStringLiteral("requests"), QStringLiteral("tokens/100"),
                                      QStringLiteral("denials")};
            m_chart->setData(keys, d.series, d.nowMs - hourMs, d.nowMs, true);
            m_denials->clear();
            const QList<SeriesPoint> denials = d.series.value(QStringLiteral("denials"));
            for (auto it = denials.crbegin(); it != denials.crend(); ++it) {
                if (it->value > 0)
                    m_denials->addItem(tr("%1 — %2 denied").arg(time(it->timeMs)).arg(qRound64(it->value)));
            }
            if (m_denials->count() == 0)
                m_denials->addItem(tr("none in the last hour"));
            m_requests->clear();
            for (const QuotaRequest& q : d.pending)
                m_requests->addItem(tr("#%1 %2/%3 → %4 by %5: %6")
                                        .arg(q.id)
                                        .arg(q.metric, q.window)
                                        .arg(q.amount)
                                        .arg(q.submittedBy, q.reason));
            if (!d.pendingError.isEmpty())
                m_requests->addItem(tr("cannot list requests: %1").arg(d.pendingError));
            else if (d.pending.isEmpty())
                m_requests->addItem(tr("none pending"));
            emit refreshed();
        },
        [this](const StoreError& e) {
            m_inFlight = false;
            m_header->setText(tr("%1 — %2").arg(m_id, e.message()));
        });
}

} // namespace quotadesk
