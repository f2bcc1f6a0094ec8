// The catalogs stay in step with the code: every string the console shows has a finished Chinese
// translation with the same placeholders, none is missing or marked vanished while still used, and the
// Translator really switches the console and Qt's own texts.
#include "AlertMonitor.h"
#include "AlertsModel.h"
#include "AttributesModel.h"
#include "AuditModel.h"
#include "ForecastModel.h"
#include "GatewaysModel.h"
#include "GroupTreeModel.h"
#include "GroupsModel.h"
#include "HistoryModel.h"
#include "LimitsModel.h"
#include "LoadRulesModel.h"
#include "PolicyDraft.h"
#include "RequestsModel.h"
#include "RolloutModel.h"
#include "StoreClient.h"
#include "SubjectOverridesModel.h"
#include "SubjectsModel.h"
#include "TestMain.h"
#include "Translator.h"

#include <QCoreApplication>
#include <QDebug>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

using namespace quotadesk;

namespace {

const QString sourceDir = QStringLiteral(QUOTADESK_SOURCE_DIR);

struct TsMessage
{
    QString context;
    QString source;
    QString comment;          // the disambiguation, part of the message's identity
    QString translationType;  // "", "unfinished", "vanished" or "obsolete"
    QStringList translations; // one, or one per numerus form
    bool numerus = false;
    qint64 line = 0;

    QString key() const { return context + QChar(0) + source + QChar(0) + comment; }
    QString describe() const
    {
        return QStringLiteral("line %1, context \"%2\", source \"%3\"%4")
            .arg(line)
            .arg(context, source, comment.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(comment));
    }
    bool active() const { return translationType != u"vanished" && translationType != u"obsolete"; }
};

struct TsFile
{
    QString language;
    QList<TsMessage> messages;
    QString error;
};

TsFile readTs(const QString& path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == u"TS") {
            ts.language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            message = TsMessage{
                context,         {}, {}, {}, {}, xml.attributes().value(QLatin1String("numerus")) == u"yes",
                xml.lineNumber()};
        } else if (name == u"source") {
            message.source = xml.readElementText();
        } else if (name == u"comment") {
            message.comment = xml.readElementText();
        } else if (name == u"translation") {
            message.translationType = xml.attributes().value(QLatin1String("type")).toString();
            if (message.numerus) {
                while (xml.readNextStartElement()) {
                    if (xml.name() == u"numerusform")
                        message.translations.append(xml.readElementText());
                    else
                        xml.skipCurrentElement();
                }
            } else {
                message.translations.append(xml.readElementText());
            }
            ts.messages.append(message);
        }
    }
    if (xml.hasError())
        ts.error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return ts;
}

// %1..%99 and %n: a translation that drops or invents one breaks QString::arg() or tr(..., n).
QStringList placeholders(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("%(\\d+|n)"));
    QStringList found;
    for (const auto& match : pattern.globalMatch(text))
        found.append(match.captured());
    found.sort();
    found.removeDuplicates();
    return found;
}

// QtTest cuts long failure messages, so every problem goes to the log and the failure gives the count.
QString failures(const QStringList& problems)
{
    for (const QString& problem : problems)
        qWarning().noquote() << problem;
    return QStringLiteral("%1 problem(s), listed above").arg(problems.size());
}

} // namespace

class TestTranslations final : public QObject
{
    Q_OBJECT

    TsFile m_chinese;
    TsFile m_english;
    TsFile m_fromCode; // what lupdate extracts from the sources right now

private slots:
    void initTestCase()
    {
        m_chinese = readTs(sourceDir + QStringLiteral("/translations/quotadesk_zh_CN.ts"));
        QVERIFY2(m_chinese.error.isEmpty(), qPrintable(m_chinese.error));
        QCOMPARE(m_chinese.language, QStringLiteral("zh_CN"));
        m_english = readTs(sourceDir + QStringLiteral("/translations/quotadesk_en.ts"));
        QVERIFY2(m_english.error.isEmpty(), qPrintable(m_english.error));
        QVERIFY2(m_english.language.startsWith(QStringLiteral("en")), qPrintable(m_english.language));

        // The same extraction as the update_translations target, into a scratch file.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString probe = dir.filePath(QStringLiteral("probe_zh_CN.ts"));
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(QUOTADESK_LUPDATE_PATH),
                      {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                       sourceDir + QStringLiteral("/app"), sourceDir + QStringLiteral("/widgets"),
                       sourceDir + QStringLiteral("/models"), QStringLiteral("-ts"), probe});
        QVERIFY2(lupdate.waitForFinished(120000), qPrintable(lupdate.errorString()));
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
                 lupdate.readAll().constData());
        m_fromCode = readTs(probe);
        QVERIFY2(m_fromCode.error.isEmpty(), qPrintable(m_fromCode.error));
        QVERIFY2(m_fromCode.messages.size() > 50, "lupdate found almost no strings: wrong source directory?");
    }

    void chineseIsComplete()
    {
        QStringList problems;
        int checked = 0;
        for (const TsMessage& m : std::as_const(m_chinese.messages)) {
            if (!m.active())
                continue;
            ++checked;
            if (m.translationType == u"unfinished")
                problems.append(QStringLiteral("unfinished: ") + m.describe());
            if (m.translations.isEmpty() ||
                std::any_of(m.translations.cbegin(), m.translations.cend(),
                            [](const QString& t) { return t.trimmed().isEmpty(); })) {
                problems.append(QStringLiteral("empty translation: ") + m.describe());
                continue;
            }
            for (const QString& t : m.translations) {
                // A numerus form may leave %n out ("一个"), never add or drop the numbered arguments.
                QStringList want = placeholders(m.source);
                QStringList got = placeholders(t);
                if (m.numerus) {
                    want.removeAll(QStringLiteral("%n"));
                    got.removeAll(QStringLiteral("%n"));
                }
                if (want != got)
                    problems.append(QStringLiteral("placeholders %1 became %2 in \"%3\": %4")
                                        .arg(want.join(u' '), got.join(u' '), t, m.describe()));
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(failures(problems)));
        QVERIFY(checked > 50);
    }

    // English is the source language, so only its plurals need translating: without them the console
    // would show "1 change(s)".
    void englishPluralsAreFinished()
    {
        QStringList problems;
        int plurals = 0;
        for (const TsMessage& m : std::as_const(m_english.messages)) {
            if (!m.active() || !m.numerus)
                continue;
            ++plurals;
            if (m.translationType == u"unfinished" || m.translations.size() != 2 ||
                m.translations.contains(QString()))
                problems.append(QStringLiteral("plural forms (one, other) missing: ") + m.describe());
        }
        QVERIFY2(problems.isEmpty(), qPrintable(failures(problems)));
        QVERIFY(plurals > 0);
    }

    void catalogsMatchTheCode_data()
    {
        QTest::addColumn<QString>("which");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
        QTest::newRow("en") << QStringLiteral("en");
    }

    void catalogsMatchTheCode()
    {
        QFETCH(QString, which);
        const TsFile& ts = which == u"en" ? m_english : m_chinese;
        QHash<QString, const TsMessage*> inTs;
        for (const TsMessage& m : ts.messages)
            inTs.insert(m.key(), &m);
        QSet<QString> inCode;
        QStringList problems;
        for (const TsMessage& m : std::as_const(m_fromCode.messages)) {
            inCode.insert(m.key());
            const TsMessage* found = inTs.value(m.key());
            if (!found)
                problems.append(
                    QStringLiteral("missing (in the code, not in the .ts): context \"%1\", source \"%2\"")
                        .arg(m.context, m.source));
            else if (!found->active())
                problems.append(
                    QStringLiteral("marked %1 but used in the code: ").arg(found->translationType) +
                    found->describe());
        }
        // Strings removed from the code are harmless until lupdate marks them vanished: mention, don't fail.
        for (const TsMessage& m : ts.messages) {
            if (m.active() && !inCode.contains(m.key()))
                qInfo().noquote() << "no longer in the code (update_translations will mark it vanished):"
                                  << m.describe();
        }
        if (!problems.isEmpty())
            problems.prepend(QStringLiteral("translations/quotadesk_%1.ts is out of date; run "
                                            "`cmake --build <build> --target update_translations`")
                                 .arg(which));
        QVERIFY2(problems.isEmpty(), qPrintable(failures(problems)));
    }

    void installsChinese()
    {
        QCOMPARE(Translator::install(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        int compared = 0;
        for (const TsMessage& m : std::as_const(m_chinese.messages)) {
            if (!m.active() || m.numerus || m.translations.value(0).isEmpty())
                continue;
            const QByteArray context = m.context.toUtf8();
            const QByteArray source = m.source.toUtf8();
            const QByteArray comment = m.comment.toUtf8();
            QCOMPARE(QCoreApplication::translate(context.constData(), source.constData(),
                                                 comment.isEmpty() ? nullptr : comment.constData()),
                     m.translations.first());
            ++compared;
        }
        QVERIFY(compared > 50);
        // Qt's own texts come along (qtbase_zh_CN.qm from qt6-translations-l10n).
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
        QCOMPARE(QLocale().name(), QStringLiteral("zh_CN"));
    }

    // Column headers come from tables of strings, which lupdate sees only through QT_TR_NOOP: five models
    // once showed English headers in the Chinese console. Every header must change with the language.
    void tableHeadersAreTranslated()
    {
        StoreClient client;
        PolicyDraft draft;
        AlertMonitor monitor;
        const std::vector<std::unique_ptr<QAbstractItemModel>> models = [&] {
            std::vector<std::unique_ptr<QAbstractItemModel>> m;
            m.push_back(std::make_unique<AlertsModel>(&monitor, AlertsModel::Kind::Active));
            m.push_back(std::make_unique<AttributesModel>(&draft));
            m.push_back(std::make_unique<AuditModel>());
            m.push_back(std::make_unique<ForecastModel>());
            m.push_back(std::make_unique<GatewaysModel>());
            m.push_back(std::make_unique<GroupTreeModel>(&draft));
            m.push_back(std::make_unique<GroupsModel>());
            m.push_back(std::make_unique<HistoryModel>());
            m.push_back(std::make_unique<LimitsModel>(&draft));
            m.push_back(std::make_unique<LoadRulesModel>(&draft));
            m.push_back(std::make_unique<RequestsModel>());
            m.push_back(std::make_unique<RolloutModel>());
            m.push_back(std::make_unique<SubjectOverridesModel>(&draft));
            m.push_back(std::make_unique<SubjectsModel>(&client));
            return m;
        }();
        const auto headers = [&] {
            QStringList all;
            for (const auto& model : models) {
                for (int c = 0; c < model->columnCount(); ++c)
                    all << QString::fromLatin1(model->metaObject()->className()) + QLatin1Char(' ') +
                               model->headerData(c, Qt::Horizontal).toString();
            }
            return all;
        };
        QCOMPARE(Translator::install(QStringLiteral("en")), QStringLiteral("en"));
        const QStringList english = headers();
        QCOMPARE(Translator::install(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        const QStringList chinese = headers();
        QCOMPARE(chinese.size(), english.size());
        QVERIFY(english.size() > 40);
        QStringList untranslated;
        for (qsizetype i = 0; i < english.size(); ++i) {
            // "#" and "GPU" are the same in both catalogs.
            if (chinese[i] == english[i] && !english[i].endsWith(QLatin1Char('#')) &&
                !english[i].endsWith(QLatin1String(" GPU")))
                untranslated << english[i];
        }
        QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QLatin1String(", "))));
        QCOMPARE(Translator::install(QStringLiteral("en")), QStringLiteral("en"));
    }

    void englishAndFallback()
    {
        const TsMessage* sample = nullptr;
        for (const TsMessage& m : std::as_const(m_chinese.messages)) {
            if (m.active() && !m.numerus && m.comment.isEmpty()) {
                sample = &m;
                break;
            }
        }
        QVERIFY(sample);
        const QByteArray context = sample->context.toUtf8();
        const QByteArray source = sample->source.toUtf8();

        QCOMPARE(Translator::install(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QCOMPARE(QCoreApplication::translate(context.constData(), source.constData()),
                 sample->translations.first());
        // Switching replaces the earlier catalogs rather than stacking on them.
        QCOMPARE(Translator::install(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate(context.constData(), source.constData()), sample->source);
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));

        // A language without a catalog falls back to English for the console and for Qt alike.
        QCOMPARE(Translator::install(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QCOMPARE(Translator::install(QStringLiteral("de_DE")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate(context.constData(), source.constData()), sample->source);
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
    }

    void listsLanguages()
    {
        const auto languages = Translator::availableLanguages();
        QStringList codes;
        for (const auto& [code, name] : languages) {
            codes.append(code);
            QVERIFY2(!name.isEmpty(), qPrintable(code));
        }
        QCOMPARE(codes, (QStringList{QStringLiteral("en"), QStringLiteral("zh_CN")}));
        QCOMPARE(languages.first().second, QStringLiteral("English"));
        QVERIFY2(languages.last().second.contains(QStringLiteral("中文")),
                 qPrintable(languages.last().second));
    }

    void cleanupTestCase() { Translator::install(QStringLiteral("en")); }
};

QUOTADESK_TEST_MAIN(TestTranslations)
#include "tst_Translations.moc"
