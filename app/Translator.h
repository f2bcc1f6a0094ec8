#pragma once

#include <QList>
#include <QPair>
#include <QString>

class QLocale;

namespace quotadesk {

// Installs the console's catalog (:/i18n/quotadesk_<lang>.qm, built from translations/*.ts) together with
// Qt's own qtbase_<lang>.qm, so Qt's dialogs and buttons speak the same language (the KeePassXC way).
// English is the source language: when no catalog matches, the console stays English, and so do Qt's texts.
class Translator
{
public:
    // localeName "system" (or empty) follows the system's UI languages; otherwise a locale name such as
    // "zh_CN" (which also becomes the default QLocale, for numbers and dates). Replaces the catalogs a
    // previous call installed and returns the language now in use ("en" when nothing matched). Needs a
    // QCoreApplication.
    static QString install(const QString& localeName = QString());

    // (code, native name) of every catalog built into the application, English included, sorted by code:
    // the choices for a language setting ("system" is not listed).
    static QList<QPair<QString, QString>> availableLanguages();

private:
    static bool installCatalog(const QLocale& locale, const QString& name, const QString& directory);
};

} // namespace quotadesk
