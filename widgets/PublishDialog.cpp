#include "PublishDialog.h"

#include "ConsoleActor.h"
#include "LivePolicy.h"
#include "PolicyDiff.h"
#include "PolicyDraft.h"
#include "PolicyImpact.h"
#include "PolicyStore.h"
#include "StoreClient.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace quotadesk {

namespace {
struct LiveRead
{
    PolicyVersion live;
    QList<PolicyImpact::Line> impact;
};

struct PublishResult
{
    qint64 version = 0;
    qint64 atMs = 0;
};
} // namespace

PublishDialog::PublishDialog(StoreClient* client, PolicyDraft* draft, QWidget* parent)
    : QDialog(parent), m_client(client), m_draft(draft)
{
    setWindowTitle(tr("Publish policy"));
    resize(720, 560);
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(tr("Reading the live version…"), this);
    m_summary->setObjectName(QStringLiteral("publishSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_changes = new QListWidget(this);
    m_changes->setObjectName(QStringLiteral("changes"));
    layout->addWidget(m_changes, 2);
    m_conflictLabel = new QLabel(this);
    m_conflictLabel->setObjectName(QStringLiteral("conflictLabel"));
    m_conflictLabel->setWordWrap(true);
    m_conflictLabel->setStyleSheet(QStringLiteral("color: #a04000; font-weight: bold"));
    m_conflictLabel->hide();
    layout->addWidget(m_conflictLabel);
    m_theirChanges = new QListWidget(this);
    m_theirChanges->setObjectName(QStringLiteral("theirChanges"));
    m_theirChanges->hide();
    layout->addWidget(m_theirChanges, 1);
    layout->addWidget(new QLabel(tr("Comment (recorded in the history and audit log):"), this));
    m_comment = new QLineEdit(this);
    m_comment->setObjectName(QStringLiteral("publishComment"));
    m_comment->setPlaceholderText(tr("why this change"));
    layout->addWidget(m_comment);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("publishStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto* buttons = new QDialogButtonBox(this);
    m_rebase = buttons->addButton(tr("Rebase my draft onto it"), QDialogButtonBox::ActionRole);
    m_rebase->setObjectName(QStringLiteral("rebaseButton"));
    m_rebase->hide();
    m_publish = buttons->addButton(tr("Publish"), QDialogButtonBox::AcceptRole);
    m_publish->setObjectName(QStringLiteral("confirmPublish"));
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(m_publish, &QPushButton::clicked, this, &PublishDialog::publish);
    connect(m_rebase, &QPushButton::clicked, this, &PublishDialog::rebase);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_comment, &QLineEdit::textChanged, this, &PublishDialog::updateButtons);
    updateButtons();
    refresh();
}

QStringList PublishDialog::changeLines() const
{
    QStringList out;
    for (int i = 0; i < m_changes->count(); ++i)
        out << m_changes->item(i)->text();
    return out;
}

QStringList PublishDialog::theirChangeLines() const
{
    QStringList out;
    for (int i = 0; i < m_theirChanges->count(); ++i)
        out << m_theirChanges->item(i)->text();
    return out;
}

void PublishDialog::refresh()
{
    m_busy = true;
    updateButtons();
    const Policy draft = m_draft->policy();
    m_client->submit<LiveRead>(
        this,
        [draft](UsageReader& reader) {
            LiveRead r;
            r.live = LivePolicy::read(reader);
            QList<PolicyIssue> issues;
            const Policy live = r.live.version > 0 ? Policy::parse(r.live.document, &issues) : Policy();
            if (!issues.isEmpty())
                throw StoreError(
                    StoreError::Kind::Protocol,
                    QStringLiteral("%1policy: %2").arg(reader.prefix(), issues.first().toString()));
            r.impact = PolicyImpact::compute(reader, live, draft);
            return r;
        },
        [this](const LiveRead& r) {
            m_busy = false;
            QList<PolicyIssue> issues;
            showLive(r.live.version, r.live.version > 0 ? Policy::parse(r.live.document, &issues) : Policy());
            m_changes->clear();
            for (const PolicyImpact::Line& line : r.impact)
                m_changes->addItem(PolicyImpact::text(line));
            if (r.impact.isEmpty())
                m_changes->addItem(tr("No difference from live version %1.").arg(r.live.version));
            m_summary->setText(tr("Your draft (based on version %1) against live version %2: %n change(s).",
                                  nullptr, int(r.impact.size()))
                                   .arg(m_draft->baseVersion())
                                   .arg(r.live.version));
            updateButtons();
        },
        [this](const StoreError& e) {
            m_busy = false;
            m_status->setText(tr("Could not read the live version: %1").arg(e.message()));
            updateButtons();
        });
}

void PublishDialog::showLive(qint64 version, const Policy& live)
{
    m_liveVersion = version;
    m_live = live;
    m_baseVersionAtRead = m_draft->baseVersion();
    m_theirChanges->clear();
    const bool conflict = version != m_draft->baseVersion();
    m_conflictLabel->setVisible(conflict);
    m_theirChanges->setVisible(conflict);
    m_rebase->setVisible(conflict);
    if (!conflict)
        return;
    m_conflictLabel->setText(
        tr("Someone published version %1 after your draft started from version %2. Nothing "
           "was overwritten. Their change:")
            .arg(version)
            .arg(m_draft->baseVersion()));
    for (const PolicyChange& c : PolicyDiff::compute(m_draft->base(), live))
        m_theirChanges->addItem(c.text);
}

void PublishDialog::updateButtons()
{
    const bool invalid = !m_draft->issues().isEmpty();
    m_publish->setEnabled(!m_busy && !invalid && !hasConflict() && !m_comment->text().trimmed().isEmpty() &&
                          m_draft->isModified());
    m_rebase->setEnabled(!m_busy && hasConflict());
    if (invalid)
        m_status->setText(tr("The draft has %n problem(s); fix them before publishing.", nullptr,
                             int(m_draft->issues().size())));
    else if (!m_draft->isModified() && !m_busy)
        m_status->setText(tr("The draft has no changes."));
}

void PublishDialog::publish()
{
    m_busy = true;
    updateButtons();
    m_status->setText(tr("Publishing…"));
    const QByteArray document = m_draft->policy().toJson();
    const qint64 expected = m_draft->baseVersion();
    const QString comment = m_comment->text().trimmed();
    const QString user = m_client->endpoint().user;
    m_client->submit<PublishResult>(
        this,
        [document, expected, comment, user](UsageReader& reader) {
            PolicyStore store(reader.connection(), reader.prefix(), ConsoleActor::of(reader, user));
            PublishResult r;
            r.version = store.publish(document, expected, comment);
            r.atMs = reader.nowMs();
            return r;
        },
        [this](const PublishResult& r) {
            m_busy = false;
            m_draft->markPublished(r.version);
            emit published(r.version, r.atMs);
            accept();
        },
        [this](const StoreError& e) {
            m_busy = false;
            if (e.kind() == StoreError::Kind::Conflict) {
                m_status->setText(tr("Not published: %1").arg(e.message()));
                refresh();
            } else {
                m_status->setText(tr("Not published: %1").arg(e.message()));
                updateButtons();
            }
        });
}

void PublishDialog::rebase()
{
    if (!hasConflict())
        return;
    const QStringList conflicts = m_draft->rebase(m_live, m_liveVersion);
    m_status->setText(conflicts.isEmpty()
                          ? tr("Rebased onto version %1 with no conflicting cells.").arg(m_liveVersion)
                          : tr("Rebased onto version %1: %n cell(s) changed on both sides are flagged in the "
                               "editor (your value kept): %2",
                               nullptr, int(conflicts.size()))
                                .arg(m_liveVersion)
                                .arg(conflicts.join(QStringLiteral(", "))));
    refresh();
}

} // namespace quotadesk
