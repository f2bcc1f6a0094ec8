#include "HistoryPage.h"

#include "ConsoleActor.h"
#include "HistoryModel.h"
#include "PolicyDiff.h"
#include "PolicyStore.h"
#include "ReadOnlyNotice.h"
#include "StoreClient.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace quotadesk {

HistoryPage::HistoryPage(StoreClient* client, QWidget* parent)
    : QWidget(parent), m_client(client), m_model(new HistoryModel(this))
{
    auto* layout = new QVBoxLayout(this);
    m_readOnlyReason = new ReadOnlyNotice(this);
    layout->addWidget(m_readOnlyReason);
    auto* buttons = new QHBoxLayout;
    auto* refreshButton = new QPushButton(tr("Refresh"), this);
    m_viewButton = new QPushButton(tr("View"), this);
    m_viewButton->setObjectName(QStringLiteral("viewVersion"));
    m_diffButton = new QPushButton(tr("Diff the two selected"), this);
    m_diffButton->setObjectName(QStringLiteral("diffVersions"));
    m_rollbackButton = new QPushButton(tr("Roll back to this version…"), this);
    m_rollbackButton->setObjectName(QStringLiteral("rollbackVersion"));
    for (QPushButton* b : {refreshButton, m_viewButton, m_diffButton, m_rollbackButton})
        buttons->addWidget(b);
    buttons->addStretch();
    layout->addLayout(buttons);
    auto* split = new QSplitter(Qt::Horizontal, this);
    m_view = new QTableView(split);
    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_text = new QPlainTextEdit(split);
    m_text->setObjectName(QStringLiteral("versionText"));
    m_text->setReadOnly(true);
    m_text->setPlaceholderText(tr("Select a version to view it, or two to compare them."));
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(refreshButton, &QPushButton::clicked, this, &HistoryPage::refresh);
    connect(m_viewButton, &QPushButton::clicked, this, &HistoryPage::viewSelected);
    connect(m_diffButton, &QPushButton::clicked, this, &HistoryPage::diffSelected);
    connect(m_rollbackButton, &QPushButton::clicked, this, &HistoryPage::rollbackSelected);
    connect(m_view, &QTableView::doubleClicked, this, &HistoryPage::viewSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPage::updateButtons);
    connect(client, &StoreClient::connected, this, &HistoryPage::refresh);
    connect(client, &StoreClient::statusChanged, this, [this](const ConnectionStatus& s) {
        if (s.state == ConnectionStatus::State::Connected)
            setReadOnly(s.readOnly, s.readOnly
                                        ? tr("Read-only: the Redis user \"%1\" may not write to this store, "
                                             "so rolling back is disabled.")
                                              .arg(s.user)
                                        : QString());
    });
    updateButtons();
}

QString HistoryPage::text() const
{
    return m_text->toPlainText();
}

void HistoryPage::refresh()
{
    m_client->submit<QList<PolicyVersion>>(
        this,
        [](UsageReader& reader) {
            return PolicyStore(reader.connection(), reader.prefix(), Actor()).history();
        },
        [this](const QList<PolicyVersion>& versions) {
            m_model->setVersions(versions);
            updateButtons();
        },
        [this](const StoreError& e) {
            m_text->setPlainText(tr("Could not read the history: %1").arg(e.message()));
        });
}

QList<qint64> HistoryPage::selectedVersions() const
{
    QList<qint64> out;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex& r : rows)
        out.append(m_model->version(r.row()).version);
    std::sort(out.begin(), out.end());
    return out;
}

void HistoryPage::selectVersions(const QList<qint64>& versions)
{
    m_view->clearSelection();
    for (qint64 v : versions) {
        const int row = m_model->rowOf(v);
        if (row >= 0)
            m_view->selectionModel()->select(m_model->index(row, 0),
                                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

void HistoryPage::updateButtons()
{
    const qsizetype n = selectedVersions().size();
    m_viewButton->setEnabled(n == 1);
    m_diffButton->setEnabled(n == 2);
    m_rollbackButton->setEnabled(n == 1 && !m_readOnly);
}

void HistoryPage::setReadOnly(bool readOnly, const QString& reason)
{
    m_readOnly = readOnly;
    m_readOnlyReason->setText(reason);
    m_readOnlyReason->setVisible(readOnly);
    updateButtons();
}

void HistoryPage::viewSelected()
{
    const QList<qint64> v = selectedVersions();
    if (v.size() != 1)
        return;
    m_client->submit<PolicyVersion>(
        this,
        [version = v.first()](UsageReader& reader) {
            return PolicyStore(reader.connection(), reader.prefix(), Actor()).version(version);
        },
        [this](const PolicyVersion& pv) {
            m_text->setPlainText(tr("Version %1, published by %2 (%3): %4\n\n%5")
                                     .arg(pv.version)
                                     .arg(pv.actor, pv.osUser, pv.comment, QString::fromUtf8(pv.document)));
        },
        [this](const StoreError& e) { m_text->setPlainText(e.message()); });
}

void HistoryPage::diffSelected()
{
    const QList<qint64> v = selectedVersions();
    if (v.size() != 2)
        return;
    m_client->submit<QStringList>(
        this,
        [older = v[0], newer = v[1]](UsageReader& reader) {
            PolicyStore store(reader.connection(), reader.prefix(), Actor());
            QList<PolicyIssue> issues;
            const Policy a = Policy::parse(store.version(older).document, &issues);
            const Policy b = Policy::parse(store.version(newer).document, &issues);
            if (!issues.isEmpty())
                throw StoreError(
                    StoreError::Kind::Protocol,
                    QStringLiteral("%1policy:history: %2").arg(reader.prefix(), issues.first().toString()));
            QStringList lines{tr("Version %1 → %2:").arg(older).arg(newer)};
            for (const PolicyChange& c : PolicyDiff::compute(a, b))
                lines << QStringLiteral("  ") + c.text;
            if (lines.size() == 1)
                lines << tr("  (identical)");
            return lines;
        },
        [this](const QStringList& lines) { m_text->setPlainText(lines.join(QLatin1Char('\n'))); },
        [this](const StoreError& e) { m_text->setPlainText(e.message()); });
}

void HistoryPage::rollbackSelected()
{
    const QList<qint64> v = selectedVersions();
    if (v.size() != 1 || m_readOnly)
        return;
    const qint64 target = v.first();
    QMessageBox confirm(QMessageBox::Question, tr("Roll back"),
                        tr("Publish version %1's policy again as a new version? Gateways apply it within "
                           "seconds.")
                            .arg(target),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
    confirm.setObjectName(QStringLiteral("confirmRollback"));
    confirm.setDefaultButton(QMessageBox::Cancel);
    if (confirm.exec() != QMessageBox::Yes)
        return;
    const QString user = m_client->endpoint().user;
    m_client->submit<qint64>(
        this,
        [target, user](UsageReader& reader) {
            PolicyStore store(reader.connection(), reader.prefix(), ConsoleActor::of(reader, user));
            return store.rollback(target, tr("from the console"));
        },
        [this, target](qint64 newVersion) {
            m_text->setPlainText(
                tr("Rolled back to version %1: published as version %2.").arg(target).arg(newVersion));
            emit rolledBack(newVersion);
            refresh();
        },
        [this](const StoreError& e) { m_text->setPlainText(tr("Rollback failed: %1").arg(e.message())); });
}

} // namespace quotadesk
