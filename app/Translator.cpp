#include "Translator.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <algorithm>

namespace quotadesk {

namespace {

const QString catalogDirectory = QStringLiteral(":/i18n");
const QString catalogName = QStringLiteral("quotadesk");
// Marks the translators this class owns, so a second install() replaces them and leaves others alone.
const QString translatorObjectName = QStringLiteral("quotadesk-translator");
const QString sourceLanguage = QStringLiteral("en");

} // namespace

bool Translator::installCatalog(const QLocale& locale, const QString& name, const QString& directory)
{
    auto* translator = new QTranslator(QCoreApplication::instance());
    translator->setObjectName(translatorObjectName);
    // load(QLocale, ...) tries every UI language of the locale (zh_CN, zh-Hans-CN, zh, ...).
    if (translator->load(locale, name, QStringLiteral("_"), directory) &&
        QCoreApplication::installTranslator(translator))
        return true;
    delete translator;
    return false;
}

QString Translator::install(const QString& localeName)
{
    QCoreApplication* app = QCoreApplication::instance();
    Q_ASSERT(app);
    const auto previous = app->findChildren<QTranslator*>(translatorObjectName, Qt::FindDirectChildrenOnly);
    for (QTranslator* translator : previous) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }

    const bool followSystem = localeName.isEmpty() || localeName == QLatin1String("system");
    QLocale locale = followSystem ? QLocale::system() : QLocale(localeName);
    if (!followSystem)
        QLocale::setDefault(locale); // numbers and dates follow an explicit choice too
    if (!installCatalog(locale, catalogName, catalogDirectory)) {
        // No catalog for that language: stay in the source language everywhere rather than mixing, e.g.
        // German Qt buttons in an English window.
        locale = QLocale(sourceLanguage);
        installCatalog(locale, catalogName, catalogDirectory);
    }
    installCatalog(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));

    const QString language = locale.name();
    // QLocale("en").name() is "en_US"; report the catalog's own code.
    return language.startsWith(sourceLanguage) ? sourceLanguage : language;
}

QList<QPair<QString, QString>> Translator::availableLanguages()
{
    QList<QPair<QString, QString>> languages;
    const QString prefix = catalogName + QLatin1Char('_');
    const QStringList files =
        QDir(catalogDirectory).entryList({prefix + QStringLiteral("*.qm")}, QDir::Files);
    for (const QString& file : files) {
        const QString code = file.mid(prefix.size()).chopped(3);
        const QLocale locale(code);
        QString name = code == sourceLanguage ? QStringLiteral("English") : locale.nativeLanguageName();
        if (code.contains(QLatin1Char('_')))
            name += QStringLiteral(" (%1)").arg(locale.nativeTerritoryName());
        languages.append({code, name});
    }
    std::sort(languages.begin(), languages.end());
    return languages;
}

} // namespace quotadesk
