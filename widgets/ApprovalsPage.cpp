#include "ApprovalsPage.h"

#include "ConsoleActor.h"
#include "PolicyWatcher.h"
#include "ReadOnlyNotice.h"
#include "RequestReader.h"
#include "RequestStore.h"
#include "RequestsModel.h"
#include "StoreClient.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace quotadesk {

namespace {
struct Queue
{
    QList<QuotaRequest> pending;
    QList<QuotaRequest> decided;
};

struct SubjectView
{
    SubjectUsage usage;
    QHash<QString, QList<SeriesPoint>> requests;
    QHash<QString, QList<SeriesPoint>> tokens;
};

QTableView* requestsView(RequestsModel* model, const QString& name, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}
} // namespace

ApprovalsPage::ApprovalsPage(StoreClient* client, QWidget* parent)
    : QWidget(parent), m_client(client), m_pending(new RequestsModel(this)),
      m_decided(new RequestsModel(this))
{
    auto* layout = new QVBoxLayout(this);
    m_readOnlyReason = new ReadOnlyNotice(this);
    layout->addWidget(m_readOnlyReason);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("approvalsMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);

    auto* split = new QSplitter(Qt::Vertical, this);
    auto* top = new QSplitter(Qt::Horizontal, split);
    auto* queueBox = new QGroupBox(tr("Pending requests"), top);
    auto* queueLayout = new QVBoxLayout(queueBox);
    m_pendingView = requestsView(m_pending, QStringLiteral("pendingView"), queueBox);
    m_pendingView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    queueLayout->addWidget(m_pendingView);

    auto* side = new QWidget(top);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    auto* detailBox = new QGroupBox(tr("Subject now"), side);
    auto* detailLayout = new QVBoxLayout(detailBox);
    m_subjectDetail = new QPlainTextEdit(detailBox);
    m_subjectDetail->setObjectName(QStringLiteral("subjectDetail"));
    m_subjectDetail->setReadOnly(true);
    m_subjectDetail->setPlaceholderText(tr("Select a request to see the subject's usage."));
    detailLayout->addWidget(m_subjectDetail);
    sideLayout->addWidget(detailBox, 1);

    auto* decisionBox = new QGroupBox(tr("Decision (applies to every selected request)"), side);
    auto* form = new QFormLayout(decisionBox);
    m_amount = new QLineEdit(decisionBox);
    m_amount->setObjectName(QStringLiteral("approveAmount"));
    m_amount->setPlaceholderText(tr("as requested"));
    m_amount->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,13}")), m_amount));
    form->addRow(tr("New limit:"), m_amount);
    m_expiryMode = new QComboBox(decisionBox);
    m_expiryMode->setObjectName(QStringLiteral("expiryMode"));
    m_expiryMode->addItems({tr("As requested"), tr("Permanent"), tr("Until…")});
    m_expiresAt = new QDateTimeEdit(QDateTime::currentDateTimeUtc().addDays(7), decisionBox);
    m_expiresAt->setObjectName(QStringLiteral("approveExpiresAt"));
    m_expiresAt->setTimeSpec(Qt::UTC);
    m_expiresAt->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    m_expiresAt->setCalendarPopup(true);
    m_expiresAt->setEnabled(false);
    auto* expiryRow = new QHBoxLayout;
    expiryRow->addWidget(m_expiryMode);
    expiryRow->addWidget(m_expiresAt, 1);
    form->addRow(tr("Expiry:"), expiryRow);
    connect(m_expiryMode, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_expiresAt->setEnabled(i == 2); });
    m_comment = new QLineEdit(decisionBox);
    m_comment->setObjectName(QStringLiteral("approveComment"));
    form->addRow(tr("Comment:"), m_comment);
    m_approve = new QPushButton(tr("Approve"), decisionBox);
    m_approve->setObjectName(QStringLiteral("approveButton"));
    form->addRow(QString(), m_approve);
    m_denyReason = new QLineEdit(decisionBox);
    m_denyReason->setObjectName(QStringLiteral("denyReason"));
    m_denyReason->setPlaceholderText(tr("required to deny"));
    form->addRow(tr("Deny reason:"), m_denyReason);
    m_deny = new QPushButton(tr("Deny"), decisionBox);
    m_deny->setObjectName(QStringLiteral("denyButton"));
    form->addRow(QString(), m_deny);
    sideLayout->addWidget(decisionBox);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);

    auto* historyBox = new QGroupBox(tr("Decided"), split);
    auto* historyLayout = new QVBoxLayout(historyBox);
    m_decidedView = requestsView(m_decided, QStringLiteral("decidedView"), historyBox);
    historyLayout->addWidget(m_decidedView);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_approve, &QPushButton::clicked, this, &ApprovalsPage::approveSelected);
    connect(m_deny, &QPushButton::clicked, this, &ApprovalsPage::denySelected);
    connect(m_denyReason, &QLineEdit::textChanged, this, &ApprovalsPage::updateButtons);
    connect(m_pendingView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showSubject();
        updateButtons();
    });
    connect(client, &StoreClient::statusChanged, this, &ApprovalsPage::onStatus);
    connect(client, &StoreClient::connected, this, [this] {
        refresh();
        // Pushed updates: our own subscriber, on its own thread (PolicyWatcher).
        m_watcher = std::make_unique<PolicyWatcher>(m_client->endpoint(), m_client->endpoint().prefix);
        connect(m_watcher.get(), &PolicyWatcher::eventReceived, this, &ApprovalsPage::onEvent);
        m_watcher->start();
    });
    updateButtons();
}

ApprovalsPage::~ApprovalsPage()
{
    if (m_watcher)
        m_watcher->stop();
}

int ApprovalsPage::pendingCount() const
{
    return m_pending->rowCount();
}

void ApprovalsPage::onStatus(const ConnectionStatus& status)
{
    if (status.state != ConnectionStatus::State::Connected)
        return;
    setReadOnly(status.readOnly, status.readOnly
                                     ? tr("Read-only: the Redis user \"%1\" may not write to this store "
                                          "(its ACL denies writes), so approving and denying are "
                                          "disabled.")
                                           .arg(status.user)
                                     : QString());
}

void ApprovalsPage::onEvent(const QByteArray& json)
{
    const QJsonObject e = QJsonDocument::fromJson(json).object();
    if (e.value(QLatin1String("type")).toString() != QLatin1String("request"))
        return;
    if (e.value(QLatin1String("state")).toString() == QLatin1String("pending"))
        emit requestArrived(
            tr("New quota request #%1").arg(e.value(QLatin1String("id")).toVariant().toString()));
    refresh();
}

void ApprovalsPage::refresh()
{
    m_client->submit<Queue>(
        this,
        [](UsageReader& reader) {
            Queue q;
            q.pending = RequestReader::list(reader, QStringLiteral("pending"), 500);
            for (const QuotaRequest& r : RequestReader::list(reader, {}, 200)) {
                if (r.state != QLatin1String("pending"))
                    q.decided.append(r);
            }
            return q;
        },
        [this](const Queue& q) {
            const QList<qint64> selected = selectedIds();
            m_pending->setRequests(q.pending);
            m_decided->setRequests(q.decided);
            for (qint64 id : selected) {
                const int row = m_pending->rowOf(id);
                if (row >= 0)
                    m_pendingView->selectionModel()->select(
                        m_pending->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
            }
            if (m_lastPending != int(q.pending.size())) {
                m_lastPending = int(q.pending.size());
                emit pendingCountChanged(m_lastPending);
            }
            updateButtons();
        },
        [this](const StoreError& e) {
            m_message->setText(tr("Could not read requests: %1").arg(e.message()));
        });
}

QList<qint64> ApprovalsPage::selectedIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_pendingView->selectionModel()->selectedRows();
    for (const QModelIndex& r : rows)
        ids.append(m_pending->request(r.row()).id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

void ApprovalsPage::showSubject()
{
    const QModelIndexList rows = m_pendingView->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_subjectDetail->clear();
        return;
    }
    const QuotaRequest request = m_pending->request(rows.first().row());
    m_client->submit<SubjectView>(
        this,
        [request](UsageReader& reader) {
            SubjectView v;
            const QList<SubjectUsage> usage = reader.subjectUsage({request.subject});
            if (!usage.isEmpty())
                v.usage = usage.first();
            const qint64 now = reader.nowMs();
            v.requests = reader.series({request.subject}, UsageReader::Metric::Requests, now - 3600'000, now);
            v.tokens = reader.series({request.subject}, UsageReader::Metric::Tokens, now - 3600'000, now);
            return v;
        },
        [this, request](const SubjectView& v) {
            QStringList lines;
            lines << tr("%1 — tier %2%3")
                         .arg(request.subject, v.usage.tier,
                              v.usage.group.isEmpty() ? QString() : tr(", group %1").arg(v.usage.group));
            lines << tr("Asks for %1 = %2 (%3): %4")
                         .arg(request.window.isEmpty() ? request.metric
                                                       : request.metric + "/" + request.window)
                         .arg(request.amount)
                         .arg(request.expiresAtMs
                                  ? tr("until %1").arg(RequestsModel::timeText(request.expiresAtMs))
                                  : tr("permanent"))
                         .arg(request.reason);
            lines << QString() << tr("Current usage:");
            for (const LimitUsage& l : v.usage.limits) {
                lines << tr("  %1: %2 of %3 (%4%)%5")
                             .arg(l.label())
                             .arg(l.used)
                             .arg(l.limit)
                             .arg(qRound(l.fraction() * 100))
                             .arg(l.label() == (request.window.isEmpty()
                                                    ? request.metric
                                                    : request.metric + "/" + request.window)
                                      ? tr("   ← requested")
                                      : QString());
            }
            auto total = [](const QList<SeriesPoint>& s) {
                double sum = 0;
                for (const SeriesPoint& p : s)
                    sum += p.value;
                return qint64(sum);
            };
            lines << QString()
                  << tr("Last hour: %1 requests, %2 tokens")
                         .arg(total(v.requests.value(request.subject)))
                         .arg(total(v.tokens.value(request.subject)));
            m_subjectDetail->setPlainText(lines.join(QLatin1Char('\n')));
        },
        [this](const StoreError& e) { m_subjectDetail->setPlainText(e.message()); });
}

void ApprovalsPage::setReadOnly(bool readOnly, const QString& reason)
{
    m_readOnly = readOnly;
    m_readOnlyReason->setText(reason);
    m_readOnlyReason->setVisible(readOnly);
    updateButtons();
}

void ApprovalsPage::updateButtons()
{
    const bool any = !selectedIds().isEmpty();
    const bool can = !m_readOnly && !m_busy && any;
    m_approve->setEnabled(can);
    m_deny->setEnabled(can && !m_denyReason->text().trimmed().isEmpty());
    for (QWidget* w : {static_cast<QWidget*>(m_amount), static_cast<QWidget*>(m_expiryMode),
                       static_cast<QWidget*>(m_comment), static_cast<QWidget*>(m_denyReason)})
        w->setEnabled(!m_readOnly);
}

void ApprovalsPage::approveSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || m_readOnly)
        return;
    std::optional<qint64> amount;
    if (!m_amount->text().isEmpty())
        amount = m_amount->text().toLongLong();
    std::optional<qint64> expires;
    if (m_expiryMode->currentIndex() == 1)
        expires = 0;
    else if (m_expiryMode->currentIndex() == 2)
        expires = m_expiresAt->dateTime().toMSecsSinceEpoch();
    const QString comment = m_comment->text().trimmed();
    const QString user = m_client->endpoint().user;
    m_busy = true;
    updateButtons();
    // One job for all: each decision is its own atomic script call; failures are reported per request.
    m_client->submit<QStringList>(
        this,
        [ids, amount, expires, comment, user](UsageReader& reader) {
            RequestStore store(reader.connection(), reader.prefix(), ConsoleActor::of(reader, user));
            QStringList errors;
            for (qint64 id : ids) {
                try {
                    store.approve(id, amount, expires, comment);
                } catch (const StoreError& e) {
                    errors << tr("#%1: %2").arg(id).arg(e.message());
                }
            }
            return errors;
        },
        [this, n = ids.size()](const QStringList& errors) {
            m_busy = false;
            m_message->setText(errors.isEmpty() ? tr("Approved %n request(s).", nullptr, int(n))
                                                : tr("Some approvals failed:\n%1").arg(errors.join('\n')));
            refresh();
        },
        [this](const StoreError& e) {
            m_busy = false;
            m_message->setText(e.message());
            updateButtons();
        });
}

void ApprovalsPage::denySelected()
{
    const QList<qint64> ids = selectedIds();
    const QString reason = m_denyReason->text().trimmed();
    if (ids.isEmpty() || m_readOnly || reason.isEmpty())
        return;
    const QString user = m_client->endpoint().user;
    m_busy = true;
    updateButtons();
    m_client->submit<QStringList>(
        this,
        [ids, reason, user](UsageReader& reader) {
            RequestStore store(reader.connection(), reader.prefix(), ConsoleActor::of(reader, user));
            QStringList errors;
            for (qint64 id : ids) {
                try {
                    store.deny(id, reason);
                } catch (const StoreError& e) {
                    errors << tr("#%1: %2").arg(id).arg(e.message());
                }
            }
            return errors;
        },
        [this, n = ids.size()](const QStringList& errors) {
            m_busy = false;
            m_message->setText(errors.isEmpty() ? tr("Denied %n request(s).", nullptr, int(n))
                                                : tr("Some denials failed:\n%1").arg(errors.join('\n')));
            m_denyReason->clear();
            refresh();
        },
        [this](const StoreError& e) {
            m_busy = false;
            m_message->setText(e.message());
            updateButtons();
        });
}

} // namespace quotadesk
