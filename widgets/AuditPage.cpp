#include "AuditPage.h"

#include "AuditLog.h"
#include "AuditModel.h"
#include "StoreClient.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace quotadesk {

namespace {
QString pretty(const QString& json)
{
    if (json.isEmpty())
        return QStringLiteral("(none)");
    const QJsonDocument d = QJsonDocument::fromJson(json.toUtf8());
    return d.isNull() ? json : QString::fromUtf8(d.toJson(QJsonDocument::Indented)).trimmed();
}
} // namespace

AuditPage::AuditPage(StoreClient* client, QWidget* parent)
    : QWidget(parent), m_client(client), m_model(new AuditModel(this))
{
    auto* layout = new QVBoxLayout(this);
    auto* filters = new QHBoxLayout;
    m_actor = new QLineEdit(this);
    m_actor->setObjectName(QStringLiteral("auditActor"));
    m_actor->setPlaceholderText(tr("any actor"));
    m_action = new QComboBox(this);
    m_action->setObjectName(QStringLiteral("auditAction"));
    m_action->addItem(tr("any action"), QString());
    for (const char* a : {"policy.publish", "policy.rollback", "request.submit", "request.approve",
                          "request.deny", "request.cancel", "counters.reset", "load.override"})
        m_action->addItem(QString::fromLatin1(a), QString::fromLatin1(a));
    m_subject = new QLineEdit(this);
    m_subject->setObjectName(QStringLiteral("auditSubject"));
    m_subject->setPlaceholderText(tr("any subject"));
    m_useRange = new QCheckBox(tr("from"), this);
    m_useRange->setObjectName(QStringLiteral("auditUseRange"));
    m_since = new QDateTimeEdit(QDateTime::currentDateTimeUtc().addDays(-1), this);
    m_until = new QDateTimeEdit(QDateTime::currentDateTimeUtc().addDays(1), this);
    for (QDateTimeEdit* e : {m_since, m_until}) {
        e->setTimeSpec(Qt::UTC);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        e->setCalendarPopup(true);
    }
    auto* apply = new QPushButton(tr("Apply"), this);
    apply->setObjectName(QStringLiteral("auditApply"));
    auto* exportButton = new QPushButton(tr("Export CSV…"), this);
    exportButton->setObjectName(QStringLiteral("auditExport"));
    filters->addWidget(new QLabel(tr("Actor"), this));
    filters->addWidget(m_actor);
    filters->addWidget(new QLabel(tr("Action"), this));
    filters->addWidget(m_action);
    filters->addWidget(new QLabel(tr("Subject"), this));
    filters->addWidget(m_subject);
    filters->addWidget(m_useRange);
    filters->addWidget(m_since);
    filters->addWidget(new QLabel(tr("to"), this));
    filters->addWidget(m_until);
    filters->addWidget(apply);
    filters->addStretch();
    filters->addWidget(exportButton);
    layout->addLayout(filters);

    auto* split = new QSplitter(Qt::Horizontal, this);
    m_view = new QTableView(split);
    m_view->setObjectName(QStringLiteral("auditView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_detail = new QPlainTextEdit(split);
    m_detail->setObjectName(QStringLiteral("auditDetail"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select an entry to see what it changed."));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(apply, &QPushButton::clicked, this, &AuditPage::refresh);
    connect(m_actor, &QLineEdit::returnPressed, this, &AuditPage::refresh);
    connect(m_subject, &QLineEdit::returnPressed, this, &AuditPage::refresh);
    connect(m_action, &QComboBox::activated, this, &AuditPage::refresh);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export audit log"),
                                                          QStringLiteral("audit.csv"), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            m_detail->setPlainText(error);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditPage::showDetail);
    connect(client, &StoreClient::connected, this, &AuditPage::refresh);
}

void AuditPage::setActorFilter(const QString& actor)
{
    m_actor->setText(actor);
}

void AuditPage::setActionFilter(const QString& action)
{
    m_action->setCurrentIndex(qMax(0, m_action->findData(action)));
}

void AuditPage::setSubjectFilter(const QString& subject)
{
    m_subject->setText(subject);
}

void AuditPage::setTimeRange(qint64 sinceMs, qint64 untilMs)
{
    m_useRange->setChecked(sinceMs || untilMs);
    if (sinceMs)
        m_since->setDateTime(QDateTime::fromMSecsSinceEpoch(sinceMs, Qt::UTC));
    if (untilMs)
        m_until->setDateTime(QDateTime::fromMSecsSinceEpoch(untilMs, Qt::UTC));
}

void AuditPage::refresh()
{
    AuditLog::Filter filter;
    filter.actor = m_actor->text().trimmed();
    filter.action = m_action->currentData().toString();
    filter.subject = m_subject->text().trimmed();
    if (m_useRange->isChecked()) {
        filter.sinceMs = m_since->dateTime().toMSecsSinceEpoch();
        filter.untilMs = m_until->dateTime().toMSecsSinceEpoch();
    }
    m_client->submit<QList<AuditEntry>>(
        this,
        [filter](UsageReader& reader) {
            return AuditLog(reader.connection(), reader.prefix()).read(1000, filter);
        },
        [this](const QList<AuditEntry>& entries) {
            m_model->setEntries(entries);
            m_detail->clear();
        },
        [this](const StoreError& e) {
            m_detail->setPlainText(tr("Could not read the audit log: %1").arg(e.message()));
        });
}

void AuditPage::showDetail()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const AuditEntry& e = m_model->entry(current.row());
    m_detail->setPlainText(
        tr("%1 by %2 (%3)\nsubject: %4\ncomment: %5\n\nbefore:\n%6\n\nafter:\n%7")
            .arg(e.action, e.actor, e.osUser, e.subject, e.comment, pretty(e.before), pretty(e.after)));
}

bool AuditPage::exportCsv(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(AuditModel::toCsv(m_model->entries()));
        if (file.commit())
            return true;
    }
    if (error)
        *error = tr("%1: %2").arg(path, file.errorString());
    return false;
}

} // namespace quotadesk
