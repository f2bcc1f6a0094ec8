#include "PreferencesDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace quotadesk {

namespace {

constexpr int minInterval = 1;
constexpr int maxInterval = 60;
constexpr int maxPercent = 500;

int boundedInt(const QSettings& settings, const char* key, int fallback, int low, int high)
{
    bool ok = false;
    const int v = settings.value(QLatin1String(key), fallback).toInt(&ok);
    return ok && v >= low && v <= high ? v : fallback;
}

} // namespace

PreferencesDialog::Values PreferencesDialog::load(const QSettings& settings)
{
    Values v;
    v.intervalSeconds = boundedInt(settings, intervalKey, v.intervalSeconds, minInterval, maxInterval);
    v.warningPercent = boundedInt(settings, warningKey, v.warningPercent, 1, maxPercent);
    v.criticalPercent = boundedInt(settings, criticalKey, v.criticalPercent, 1, maxPercent);
    // A warning at or above critical would never be seen: fall back to the defaults as a pair.
    if (v.warningPercent >= v.criticalPercent) {
        v.warningPercent = Values().warningPercent;
        v.criticalPercent = Values().criticalPercent;
    }
    v.language = settings.value(QLatin1String(languageKey), v.language).toString();
    v.notifications = settings.value(QLatin1String(notificationsKey), v.notifications).toBool();
    return v;
}

void PreferencesDialog::store(QSettings& settings, const Values& values)
{
    settings.setValue(QLatin1String(intervalKey), values.intervalSeconds);
    settings.setValue(QLatin1String(warningKey), values.warningPercent);
    settings.setValue(QLatin1String(criticalKey), values.criticalPercent);
    settings.setValue(QLatin1String(languageKey), values.language);
    settings.setValue(QLatin1String(notificationsKey), values.notifications);
}

PreferencesDialog::PreferencesDialog(const QList<QPair<QString, QString>>& languages, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("preferencesDialog"));

    m_interval = new QSpinBox(this);
    m_interval->setObjectName(QStringLiteral("intervalSeconds"));
    m_interval->setRange(minInterval, maxInterval);
    m_interval->setSuffix(tr(" s"));

    m_warning = new QSpinBox(this);
    m_warning->setObjectName(QStringLiteral("warningPercent"));
    m_warning->setRange(1, maxPercent - 1);
    m_warning->setSuffix(tr(" %"));
    m_critical = new QSpinBox(this);
    m_critical->setObjectName(QStringLiteral("criticalPercent"));
    m_critical->setRange(2, maxPercent);
    m_critical->setSuffix(tr(" %"));
    // Keep warning below critical while editing, so the saved pair is always usable.
    connect(m_warning, &QSpinBox::valueChanged, this, [this](int w) { m_critical->setMinimum(w + 1); });

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System default"), QStringLiteral("system"));
    for (const auto& [code, name] : languages)
        m_language->addItem(QStringLiteral("%1 (%2)").arg(name, code), code);
    m_languageNote = new QLabel(this);
    m_languageNote->setObjectName(QStringLiteral("languageNote"));
    m_languageNote->setWordWrap(true);
    connect(m_language, &QComboBox::currentIndexChanged, this, &PreferencesDialog::updateLanguageNote);

    m_notifications = new QCheckBox(tr("Show desktop notifications for alerts and new requests"), this);
    m_notifications->setObjectName(QStringLiteral("notifications"));

    auto* form = new QFormLayout;
    form->addRow(tr("Refresh every:"), m_interval);
    form->addRow(tr("Warning at:"), m_warning);
    form->addRow(tr("Critical at:"), m_critical);
    form->addRow(tr("Language:"), m_language);
    form->addRow(QString(), m_languageNote);
    form->addRow(QString(), m_notifications);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    QSettings settings;
    const Values stored = load(settings);
    m_startLanguage = stored.language;
    setValues(stored);
}

PreferencesDialog::Values PreferencesDialog::values() const
{
    Values v;
    v.intervalSeconds = m_interval->value();
    v.warningPercent = m_warning->value();
    v.criticalPercent = m_critical->value();
    v.language = m_language->currentData().toString();
    v.notifications = m_notifications->isChecked();
    return v;
}

void PreferencesDialog::setValues(const Values& values)
{
    m_interval->setValue(values.intervalSeconds);
    m_critical->setMinimum(2);
    m_critical->setValue(values.criticalPercent);
    m_warning->setValue(values.warningPercent);
    int index = m_language->findData(values.language);
    if (index < 0)
        index = 0; // a stored language whose catalog is gone: offer the system default
    m_language->setCurrentIndex(index);
    m_notifications->setChecked(values.notifications);
    updateLanguageNote();
}

void PreferencesDialog::save()
{
    QSettings settings;
    store(settings, values());
}

void PreferencesDialog::accept()
{
    save();
    QDialog::accept();
}

void PreferencesDialog::updateLanguageNote()
{
    // Translations are installed once at start-up; retranslating every open widget live is not supported.
    const bool changed = m_language->currentData().toString() != m_startLanguage;
    m_languageNote->setText(changed ? tr("The new language applies after QuotaDesk is restarted.")
                                    : tr("Language changes apply after a restart."));
}

} // namespace quotadesk
