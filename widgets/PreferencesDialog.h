#pragma once

#include <QDialog>
#include <QList>
#include <QPair>

class QCheckBox;
class QComboBox;
class QLabel;
class QSettings;
class QSpinBox;

namespace quotadesk {

// Edit → Preferences: refresh interval, alert thresholds, language and notifications, kept in QSettings.
// The dialog only reads and writes settings; MainWindow::applyPreferences() puts them into effect, so the
// same code path serves start-up and a changed preference.
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    // QSettings keys (the interval key is shared with the toolbar spin box the layout saves).
    static constexpr const char* intervalKey = "live/intervalSeconds";
    static constexpr const char* warningKey = "alerts/warningPercent";
    static constexpr const char* criticalKey = "alerts/criticalPercent";
    static constexpr const char* languageKey = "language";
    static constexpr const char* notificationsKey = "notifications/enabled";

    struct Values
    {
        int intervalSeconds = 1;
        int warningPercent = 85;
        int criticalPercent = 100;
        QString language = QStringLiteral("system");
        bool notifications = true;
    };

    // Reads the stored values, falling back to the defaults for missing or out-of-range entries.
    static Values load(const QSettings& settings);
    static void store(QSettings& settings, const Values& values);

    // languages: (code, native name) pairs, as Translator::availableLanguages() gives them.
    explicit PreferencesDialog(const QList<QPair<QString, QString>>& languages, QWidget* parent = nullptr);

    Values values() const;
    void setValues(const Values& values);
    // Writes the dialog's values to QSettings; accept() does this too.
    void save();

    void accept() override;

private:
    void updateLanguageNote();

    QSpinBox* m_interval;
    QSpinBox* m_warning;
    QSpinBox* m_critical;
    QComboBox* m_language;
    QCheckBox* m_notifications;
    QLabel* m_languageNote;
    QString m_startLanguage;
};

} // namespace quotadesk
