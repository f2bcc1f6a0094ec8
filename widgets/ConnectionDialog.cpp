#include "ConnectionDialog.h"

#include "ProfileStore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace quotadesk {

ConnectionDialog::ConnectionDialog(QSettings& settings, QWidget* parent)
    : QDialog(parent), m_store(std::make_unique<ProfileStore>(settings))
{
    setWindowTitle(tr("Connect to a QuotaDesk store"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("profiles"));
    m_name = new QLineEdit(this);
    m_host = new QLineEdit(this);
    m_port = new QSpinBox(this);
    m_port->setRange(1, 65535);
    m_db = new QSpinBox(this);
    m_db->setRange(0, 15);
    m_user = new QLineEdit(this);
    m_user->setPlaceholderText(tr("default"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("not saved"));
    m_password->setText(qEnvironmentVariable("QUOTADESK_REDIS_PASSWORD"));
    m_tls = new QCheckBox(tr("TLS"), this);
    m_caFile = new QLineEdit(this);
    m_caFile->setPlaceholderText(tr("system certificates"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    m_insecure = new QCheckBox(tr("Insecure: do not verify the server certificate"), this);
    m_insecure->setStyleSheet(QStringLiteral("QCheckBox { color: #c62828; }"));
    m_prefix = new QLineEdit(this);

    auto* caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Profile name"), m_name);
    form->addRow(tr("Host"), m_host);
    form->addRow(tr("Port"), m_port);
    form->addRow(tr("Database"), m_db);
    form->addRow(tr("ACL user"), m_user);
    form->addRow(tr("Password"), m_password);
    form->addRow(QString(), m_tls);
    form->addRow(tr("CA file"), caRow);
    form->addRow(QString(), m_insecure);
    form->addRow(tr("Key prefix"), m_prefix);

    auto* saveButton = new QPushButton(tr("Save profile"), this);
    auto* removeButton = new QPushButton(tr("Delete profile"), this);
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(saveButton);
    listButtons->addWidget(removeButton);
    auto* left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Saved profiles"), this));
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(form, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(buttons);

    auto tlsChanged = [this] {
        m_caFile->setEnabled(m_tls->isChecked());
        m_insecure->setEnabled(m_tls->isChecked());
    };
    connect(m_tls, &QCheckBox::toggled, this, tlsChanged);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("CA certificates (PEM)"), m_caFile->text());
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    connect(saveButton, &QPushButton::clicked, this, &ConnectionDialog::saveProfile);
    connect(removeButton, &QPushButton::clicked, this, &ConnectionDialog::removeProfile);
    connect(m_list, &QListWidget::currentTextChanged, this, [this](const QString& name) {
        for (const ConnectionProfile& p : m_store->profiles()) {
            if (p.name == name)
                setProfile(p);
        }
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        // Connecting remembers the profile (without its password) as the last one used.
        if (!m_name->text().trimmed().isEmpty()) {
            m_store->save(profile());
            m_store->setLastUsed(profile().name);
        }
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    setProfile({});
    reloadList();
    const QString last = m_store->lastUsed();
    const auto matches = m_list->findItems(last, Qt::MatchExactly);
    if (!matches.isEmpty())
        m_list->setCurrentItem(matches.first());
    tlsChanged();
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::reloadList()
{
    m_list->clear();
    for (const ConnectionProfile& p : m_store->profiles())
        m_list->addItem(p.name);
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile p;
    p.name = m_name->text().trimmed();
    p.host = m_host->text().trimmed();
    p.port = m_port->value();
    p.db = m_db->value();
    p.user = m_user->text().trimmed();
    p.tls = m_tls->isChecked();
    p.caFile = m_caFile->text().trimmed();
    p.insecure = m_insecure->isChecked();
    p.prefix = m_prefix->text();
    return p;
}

void ConnectionDialog::setProfile(const ConnectionProfile& p)
{
    m_name->setText(p.name);
    m_host->setText(p.host);
    m_port->setValue(p.port);
    m_db->setValue(p.db);
    m_user->setText(p.user);
    m_tls->setChecked(p.tls);
    m_caFile->setText(p.caFile);
    m_insecure->setChecked(p.insecure);
    m_prefix->setText(p.prefix);
}

QString ConnectionDialog::password() const
{
    return m_password->text();
}

void ConnectionDialog::saveProfile()
{
    if (m_name->text().trimmed().isEmpty()) {
        m_name->setFocus();
        return;
    }
    m_store->save(profile());
    reloadList();
}

void ConnectionDialog::removeProfile()
{
    m_store->remove(m_name->text().trimmed());
    reloadList();
}

} // namespace quotadesk
