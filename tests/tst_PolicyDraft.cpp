// The policy draft and its models without widgets: undoable edits (a burst on one cell is one step), editors'
// valid choices, validation mapped to cells, the group tree's moves and cycle refusal, three-way rebase,
// autosave/export/import, and the publish impact counted against a real store.
#include "AttributesModel.h"
#include "ConsoleTestSupport.h"
#include "GroupTreeModel.h"
#include "LimitsModel.h"
#include "LoadRulesModel.h"
#include "PolicyDraft.h"
#include "PolicyImpact.h"
#include "PolicyMerge.h"
#include "SubjectOverridesModel.h"
#include "TestMain.h"
#include "UsageReader.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QFile>
#include <QGuiApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>

using namespace quotadesk;
using namespace quotadesk::consoletest;

namespace {
Policy samplePolicy()
{
    QList<PolicyIssue> issues;
    Policy p = Policy::parse(policyDocument(), &issues);
    Q_ASSERT(issues.isEmpty());
    return p;
}

const PolicyLimit& tierLimit(const Policy& p, const QString& tier, int row)
{
    return p.tier(tier)->limits.at(row);
}
} // namespace

class TestPolicyDraft final : public QObject
{
    Q_OBJECT

private slots:
    void editsAreUndoableAndBurstsMerge()
    {
        PolicyDraft draft;
        draft.load(samplePolicy(), 1);
        LimitsModel model(&draft);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOwner(PolicyDraft::Owner::Tier, QStringLiteral("free"));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0, LimitsModel::LimitColumn).data().toString(), QStringLiteral("100"));

        // Three edits of one cell in a row: one undo step.
        for (const char* v : {"20", "25", "30"})
            QVERIFY(model.setData(model.index(0, LimitsModel::LimitColumn), QString::fromLatin1(v)));
        QCOMPARE(draft.undoStack()->count(), 1);
        QCOMPARE(tierLimit(draft.policy(), "free", 0).limit, 30);
        QVERIFY(draft.isModified());
        draft.undoStack()->undo();
        QCOMPARE(tierLimit(draft.policy(), "free", 0).limit, 100);
        QVERIFY(!draft.isModified());
        draft.undoStack()->redo();
        QCOMPARE(model.index(0, LimitsModel::LimitColumn).data().toString(), QStringLiteral("30"));

        // Another cell is another step; the first cell again after it is a third.
        QVERIFY(model.setData(model.index(1, LimitsModel::BurstColumn), QStringLiteral("50")));
        QVERIFY(model.setData(model.index(0, LimitsModel::LimitColumn), QStringLiteral("40")));
        QCOMPARE(draft.undoStack()->count(), 3);
        draft.undoStack()->undo();
        draft.undoStack()->undo();
        QCOMPARE(tierLimit(draft.policy(), "free", 1).burst, 1000);
        QCOMPARE(tierLimit(draft.policy(), "free", 0).limit, 30);

        // Typing the original value back leaves nothing to undo.
        PolicyDraft fresh;
        fresh.load(samplePolicy(), 1);
        QVERIFY(fresh.setLimitField(PolicyDraft::Owner::Tier, "pro", 0, PolicyDraft::Field::Limit, "7"));
        QVERIFY(fresh.setLimitField(PolicyDraft::Owner::Tier, "pro", 0, PolicyDraft::Field::Limit, "1000"));
        QCOMPARE(fresh.undoStack()->count(), 0);
        QVERIFY(!fresh.isModified());
    }

    void timezoneAndDefaultTier()
    {
        PolicyDraft draft;
        draft.load(samplePolicy(), 1);
        QUndoStack* undo = draft.undoStack();
        // Consecutive changes of the zone are one step, like a cell's.
        QVERIFY(draft.setTimezone(QStringLiteral("Europe/Berlin")));
        QVERIFY(draft.setTimezone(QStringLiteral("Asia/Tokyo")));
        QCOMPARE(draft.policy().timezone(), QStringLiteral("Asia/Tokyo"));
        QCOMPARE(undo->count(), 1);
        undo->undo();
        QCOMPARE(draft.policy().timezone(), QStringLiteral("UTC"));
        QVERIFY(!draft.setTimezone(QStringLiteral("UTC"))); // no change, no step
        QString error;
        QVERIFY(!draft.setTimezone(QStringLiteral("Nowhere/City"), &error));
        QCOMPARE(error, QStringLiteral("unknown time zone \"Nowhere/City\": use an IANA id such as UTC or "
                                       "Europe/Berlin"));

        QVERIFY(draft.setDefaultTier(QStringLiteral("pro")));
        QCOMPARE(draft.policy().defaultTier(), QStringLiteral("pro"));
        QVERIFY(!draft.setDefaultTier(QStringLiteral("gold"), &error));
        QCOMPARE(error, QStringLiteral("no tier gold"));
        QCOMPARE(draft.policy().defaultTier(), QStringLiteral("pro"));
        // Removing the default tier is allowed and reported where the default is set.
        QVERIFY(draft.issueText(QStringLiteral("/default_tier")).isEmpty());
        QVERIFY(draft.removeTier(QStringLiteral("pro")));
        QVERIFY2(draft.issueText(QStringLiteral("/default_tier")).contains(QLatin1String("unknown tier")),
                 qPrintable(draft.issueText(QStringLiteral("/default_tier"))));
        undo->undo();
        undo->undo();
        QCOMPARE(draft.policy().defaultTier(), QStringLiteral("free"));
        QVERIFY(!draft.isModified());
    }

    void loadRulesTable()
    {
        PolicyDraft draft;
        draft.load(samplePolicy(), 1);
        LoadRulesModel model(&draft);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(draft.addLoadRule());
        QCOMPARE(model.rowCount(), 1);
        const auto cell = [&](int row, int column) {
            return model.index(row, column);
        };
        QCOMPARE(cell(0, LoadRulesModel::NameColumn).data().toString(), QStringLiteral("rule-1"));
        QCOMPARE(cell(0, LoadRulesModel::TiersColumn).data().toString(),
                 QStringLiteral("free"));  // the default
        QVERIFY(draft.issues().isEmpty()); // a new rule starts valid
        QCOMPARE(cell(0, LoadRulesModel::SignalColumn).data(LoadRulesModel::ChoicesRole).toStringList(),
                 Policy::loadSignals());

        QVERIFY(model.setData(cell(0, LoadRulesModel::TiersColumn), QStringLiteral(" free,pro ,")));
        QCOMPARE(draft.policy().loadRules().at(0).tiers, (QStringList{"free", "pro"}));
        QCOMPARE(cell(0, LoadRulesModel::TiersColumn).data().toString(), QStringLiteral("free, pro"));
        QVERIFY(model.setData(cell(0, LoadRulesModel::FactorColumn), QStringLiteral("0.25")));
        QCOMPARE(draft.policy().loadRules().at(0).factor, 0.25);

        // Refused edits say why; nothing changes.
        QSignalSpy refused(&model, &LoadRulesModel::editRefused);
        QVERIFY(!model.setData(cell(0, LoadRulesModel::FactorColumn), QStringLiteral("half")));
        QVERIFY(!model.setData(cell(0, LoadRulesModel::SignalColumn), QStringLiteral("cpu")));
        QCOMPARE(refused.count(), 2);
        QCOMPARE(refused.at(0).at(0).toString(), QStringLiteral("\"half\" is not a number"));
        QCOMPARE(refused.at(1).at(0).toString(), QStringLiteral("unknown signal \"cpu\""));
        QCOMPARE(draft.policy().loadRules().at(0).factor, 0.25);

        // What only validation can judge marks the cell: an unknown tier, a release not below the engage.
        QVERIFY(model.setData(cell(0, LoadRulesModel::TiersColumn), QStringLiteral("free, gold")));
        QVERIFY2(cell(0, LoadRulesModel::TiersColumn)
                     .data(LoadRulesModel::IssueRole)
                     .toString()
                     .contains(QLatin1String("unknown tier \"gold\"")),
                 qPrintable(cell(0, LoadRulesModel::TiersColumn).data(LoadRulesModel::IssueRole).toString()));
        QVERIFY(cell(0, LoadRulesModel::TiersColumn).data(Qt::BackgroundRole).isValid());
        QVERIFY(model.setData(cell(0, LoadRulesModel::ReleaseColumn), QStringLiteral("5000")));
        QVERIFY(cell(0, LoadRulesModel::ReleaseColumn)
                    .data(LoadRulesModel::IssueRole)
                    .toString()
                    .contains(QLatin1String("must be below engage_above")));
        QVERIFY(cell(0, LoadRulesModel::NameColumn).data(LoadRulesModel::IssueRole).toString().isEmpty());
        QVERIFY(!cell(0, LoadRulesModel::NameColumn).data(Qt::BackgroundRole).isValid());

        while (draft.undoStack()->canUndo())
            draft.undoStack()->undo();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!draft.isModified());

        // New names never repeat one in use.
        QVERIFY(draft.addLoadRule());
        QVERIFY(draft.addLoadRule());
        QVERIFY(draft.removeLoadRule(0));
        QCOMPARE(cell(0, LoadRulesModel::NameColumn).data().toString(), QStringLiteral("rule-2"));
        QVERIFY(draft.addLoadRule());
        QCOMPARE(cell(1, LoadRulesModel::NameColumn).data().toString(), QStringLiteral("rule-3"));
    }

    void editorsOfferOnlyValidChoices()
    {
        PolicyDraft draft;
        draft.load(samplePolicy(), 1);
        LimitsModel model(&draft);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOwner(PolicyDraft::Owner::Tier, QStringLiteral("free"));
        // Row 3 is concurrency: no window, no burst. Row 2 is tokens/day: no burst.
        QVERIFY(!(model.flags(model.index(3, LimitsModel::WindowColumn)) & Qt::ItemIsEditable));
        QVERIFY(!(model.flags(model.index(3, LimitsModel::BurstColumn)) & Qt::ItemIsEditable));
        QVERIFY(!(model.flags(model.index(2, LimitsModel::BurstColumn)) & Qt::ItemIsEditable));
        QVERIFY(model.flags(model.index(1, LimitsModel::BurstColumn)) & Qt::ItemIsEditable);
        QCOMPARE(model.index(0, LimitsModel::MetricColumn).data(LimitsModel::ChoicesRole).toStringList(),
                 PolicyDraft::metrics());
        QVERIFY(model.index(3, LimitsModel::WindowColumn)
                    .data(LimitsModel::ChoicesRole)
                    .toStringList()
                    .isEmpty());
        QVERIFY(!model.setData(model.index(2, LimitsModel::BurstColumn), QStringLiteral("5")));
        QVERIFY(model.lastError().contains(QLatin1String("sliding")));
        QVERIFY(!model.setData(model.index(0, LimitsModel::LimitColumn), QStringLiteral("ten")));
        QVERIFY2(model.lastError().contains(QLatin1String("not a whole number")),
                 qPrintable(model.lastError()));

        // Switching tokens/minute (burst 1000) to a calendar window drops the burst; to concurrency drops
        // both.
        QVERIFY(model.setData(model.index(1, LimitsModel::WindowColumn), QStringLiteral("month")));
        QCOMPARE(tierLimit(draft.policy(), "free", 1).burst, 0);
        QVERIFY(model.setData(model.index(0, LimitsModel::MetricColumn), QStringLiteral("gpu_seconds")));
        QCOMPARE(tierLimit(draft.policy(), "free", 0).window, QStringLiteral("minute"));
        QVERIFY(draft.issues().isEmpty());
    }

    void validationMarksTheCell()
    {
        PolicyDraft draft;
        draft.load(samplePolicy(), 1);
        LimitsModel model(&draft);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOwner(PolicyDraft::Owner::Tier, QStringLiteral("pro"));
        const QModelIndex cell = model.index(1, LimitsModel::LimitColumn);
        QVERIFY(!cell.data(Qt::BackgroundRole).isValid());
        QVERIFY(model.setData(cell, QStringLiteral("2000000000000")));
        QCOMPARE(draft.issues().size(), 1);
        QCOMPARE(draft.issues().first().path, QStringLiteral("/tiers/pro/limits/1/limit"));
        QVERIFY(cell.data(Qt::BackgroundRole).value<QBrush>().color() != QColor());
        QVERIFY2(cell.data(Qt::ToolTipRole).toString().contains(QLatin1String("too large")),
                 qPrintable(cell.data(Qt::ToolTipRole).toString()));
        QVERIFY(!model.index(1, LimitsModel::MetricColumn).data(Qt::BackgroundRole).isValid());
        draft.undoStack()->undo();
        QVERIFY(draft.issues().isEmpty());
        QVERIFY(!cell.data(Qt::BackgroundRole).isValid());

        // A duplicate metric/window marks the whole row (the issue names the list entry).
        QVERIFY(model.setData(model.index(1, LimitsModel::WindowColumn), QStringLiteral("minute")));
        QVERIFY(model.setData(model.index(1, LimitsModel::MetricColumn), QStringLiteral("requests")));
        QCOMPARE(draft.issues().size(), 1);
        QVERIFY(model.index(1, LimitsModel::BurstColumn)
                    .data(LimitsModel::IssueRole)
                    .toString()
                    .contains(QLatin1String("duplicate limit requests/minute")));
    }

    void groupTreeMovesAndRefusesCycles()
    {
        PolicyDraft draft;
        draft.load(samplePolicy(), 1);
        GroupTreeModel model(&draft);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1); // research, with nlp under it
        const QModelIndex research = model.index(0, 0);
        QCOMPARE(model.groupName(research), QStringLiteral("research"));
        QCOMPARE(model.rowCount(research), 1);
        QCOMPARE(model.groupName(model.index(0, 0, research)), QStringLiteral("nlp"));

        QSignalSpy refused(&model, &GroupTreeModel::moveRefused);
        std::unique_ptr<QMimeData> drag(model.mimeData({research}));
        QVERIFY(
            !model.dropMimeData(drag.get(), Qt::MoveAction, -1, -1, model.indexOf(QStringLiteral("nlp"))));
        QCOMPARE(refused.size(), 1);
        QVERIFY2(
            refused.first().first().toString().contains(QStringLiteral("cycle research → nlp → research")),
            qPrintable(refused.first().first().toString()));
        QCOMPARE(draft.undoStack()->count(), 0);

        QVERIFY(draft.addGroup(QStringLiteral("engineering"), {}));
        std::unique_ptr<QMimeData> nlp(model.mimeData({model.indexOf(QStringLiteral("nlp"))}));
        QVERIFY(model.dropMimeData(nlp.get(), Qt::MoveAction, -1, -1,
                                   model.indexOf(QStringLiteral("engineering"))));
        QCOMPARE(draft.policy().group(QStringLiteral("nlp"))->parent, QStringLiteral("engineering"));
        QCOMPARE(model.parent(model.indexOf(QStringLiteral("nlp"))),
                 model.indexOf(QStringLiteral("engineering")));
        draft.undoStack()->undo();
        QCOMPARE(draft.policy().group(QStringLiteral("nlp"))->parent, QStringLiteral("research"));
        // Dropped on empty space: top level.
        QVERIFY(model.dropMimeData(nlp.get(), Qt::MoveAction, -1, -1, QModelIndex()));
        QVERIFY(draft.policy().group(QStringLiteral("nlp"))->parent.isEmpty());
        QCOMPARE(model.rowCount(), 3);
    }

    void subjectsAndAttributes()
    {
        PolicyDraft draft;
        draft.load(samplePolicy(), 1);
        SubjectOverridesModel subjects(&draft);
        AttributesModel attributes(&draft);
        QAbstractItemModelTester t1(&subjects, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&attributes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(subjects.rowCount(), 3);
        QString error;
        QVERIFY(!draft.addSubject(QStringLiteral("alice"), &error));
        QVERIFY(error.contains(QLatin1String("not a subject id")));
        QVERIFY(draft.addSubject(QStringLiteral("user:dave")));
        QCOMPARE(subjects.rowCount(), 4);
        const int row = subjects.rowOf(QStringLiteral("user:dave"));
        QCOMPARE(subjects.index(row, SubjectOverridesModel::TierColumn).data().toString(),
                 QStringLiteral("(default: free)"));
        QCOMPARE(subjects.index(row, SubjectOverridesModel::TierColumn)
                     .data(SubjectOverridesModel::ChoicesRole)
                     .toStringList(),
                 (QStringList{QString(), "free", "pro"}));
        QVERIFY(
            subjects.setData(subjects.index(row, SubjectOverridesModel::TierColumn), QStringLiteral("pro")));
        QCOMPARE(draft.policy().tierOf(QStringLiteral("user:dave")), QStringLiteral("pro"));
        QVERIFY(draft.addLimit(PolicyDraft::Owner::Subject, QStringLiteral("user:dave")));
        QCOMPARE(draft.policy().subject(QStringLiteral("user:dave"))->limits.size(), 1);
        QVERIFY(draft.setLimitField(PolicyDraft::Owner::Subject, "user:dave", 0, PolicyDraft::Field::Expires,
                                    QStringLiteral("2031-01-02T03:04:05Z")));
        QCOMPARE(draft.policy().subject(QStringLiteral("user:dave"))->limits[0].expiresAt.toMSecsSinceEpoch(),
                 QDateTime(QDate(2031, 1, 2), QTime(3, 4, 5), Qt::UTC).toMSecsSinceEpoch());

        attributes.setTier(QStringLiteral("free"));
        QCOMPARE(attributes.rowCount(), 0);
        QVERIFY(draft.setAttribute(QStringLiteral("free"), QStringLiteral("memory_limit_mb"), QJsonValue(1)));
        QCOMPARE(attributes.rowCount(), 1);
        QVERIFY(attributes.setData(attributes.index(0, 1), QStringLiteral("2048")));
        QVERIFY(attributes.setData(attributes.index(0, 0), QStringLiteral("memory_mb")));
        QVERIFY(draft.policy().tier(QStringLiteral("free"))->attributes.value("memory_mb").isDouble());
        QCOMPARE(draft.policy().tier(QStringLiteral("free"))->attributes.value("memory_mb").toInteger(),
                 2048);
        QVERIFY(attributes.setData(attributes.index(0, 1), QStringLiteral("fast lane")));
        QCOMPARE(attributes.index(0, 1).data().toString(), QStringLiteral("\"fast lane\""));
        QVERIFY(draft.issues().isEmpty());
        QVERIFY(subjects.setData(subjects.index(row, SubjectOverridesModel::GroupColumn),
                                 QStringLiteral("nope")));
        QCOMPARE(draft.issues().size(), 1);
        QVERIFY(subjects.index(row, SubjectOverridesModel::GroupColumn).data(Qt::BackgroundRole).isValid());
    }

    void rebaseKeepsBothSidesAndFlagsConflicts()
    {
        const Policy base = samplePolicy();
        Policy live = base;
        live.tiers()[0].limits[0].limit = 150; // free requests/minute
        live.tiers().append(PolicyTier{QStringLiteral("team"), {}, {}, {}, {}, {}});
        live.groups()[0].limits[0].limit = 123; // nlp tokens/day
        PolicyDraft draft;
        draft.load(base, 1);
        QVERIFY(draft.setLimitField(PolicyDraft::Owner::Tier, "free", 0, PolicyDraft::Field::Limit, "200"));
        QVERIFY(draft.setLimitField(PolicyDraft::Owner::Tier, "pro", 1, PolicyDraft::Field::Limit, "5"));
        QVERIFY(draft.removeLimit(PolicyDraft::Owner::Tier, "free", 3)); // concurrency
        QVERIFY(draft.setSubjectTier(QStringLiteral("user:bob"), QStringLiteral("pro")));

        const QStringList conflicts = draft.rebase(live, 2);
        QCOMPARE(conflicts, QStringList{QStringLiteral("/tiers/free/limits/#requests|minute/limit")});
        const Policy& p = draft.policy();
        QCOMPARE(draft.baseVersion(), 2);
        QCOMPARE(tierLimit(p, "free", 0).limit, 200); // ours, flagged
        QCOMPARE(p.tier(QStringLiteral("free"))->limits.size(), 3);
        QCOMPARE(tierLimit(p, "pro", 1).limit, 5);
        QVERIFY(p.tier(QStringLiteral("team"))); // theirs
        QCOMPARE(p.group(QStringLiteral("nlp"))->limits[0].limit, 123);
        QCOMPARE(p.tierOf(QStringLiteral("user:bob")), QStringLiteral("pro"));
        QVERIFY(draft.issues().isEmpty());

        LimitsModel model(&draft);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOwner(PolicyDraft::Owner::Tier, QStringLiteral("free"));
        QVERIFY(model.index(0, LimitsModel::LimitColumn).data(LimitsModel::ConflictRole).toBool());
        QVERIFY(!model.index(0, LimitsModel::MetricColumn).data(LimitsModel::ConflictRole).toBool());
        QVERIFY(model.index(0, LimitsModel::LimitColumn).data(Qt::ToolTipRole).toString().contains("both"));
        // A load rule's cell both sides changed is flagged in its table too.
        Policy withRule = live;
        withRule.loadRules().append(LoadRule{
            QStringLiteral("brake"), {QStringLiteral("free")}, QStringLiteral("denial_rate"), 10, 5, 0.5});
        Policy theirs = withRule;
        theirs.loadRules()[0].factor = 0.8;
        PolicyDraft rules;
        rules.load(withRule, 2);
        QVERIFY(rules.setLoadRuleField(0, PolicyDraft::RuleField::Factor, QStringLiteral("0.25")));
        QCOMPARE(rules.rebase(theirs, 3), QStringList{QStringLiteral("/load_rules/#brake/factor")});
        LoadRulesModel ruleModel(&rules);
        QAbstractItemModelTester ruleTester(&ruleModel,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex factor = ruleModel.index(0, LoadRulesModel::FactorColumn);
        QCOMPARE(factor.data().toString(), QStringLiteral("0.25")); // ours, flagged
        QVERIFY(factor.data(LoadRulesModel::ConflictRole).toBool());
        QVERIFY(factor.data(Qt::BackgroundRole).isValid());
        QVERIFY(factor.data(Qt::ToolTipRole).toString().contains(QLatin1String("both")));
        QVERIFY(!ruleModel.index(0, LoadRulesModel::NameColumn).data(LoadRulesModel::ConflictRole).toBool());

        // The draft now diffs against the new base only by its own changes.
        PolicyDraft fromLive;
        fromLive.load(live, 2);
        QVERIFY(!(fromLive.policy() == p));
    }

    void autosaveRestoreExportImport()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("drafts/d.json"));
        {
            PolicyDraft draft;
            draft.setAutosavePath(path);
            draft.load(samplePolicy(), 4);
            QVERIFY(
                draft.setLimitField(PolicyDraft::Owner::Tier, "free", 0, PolicyDraft::Field::Limit, "77"));
            QVERIFY(!QFile::exists(path));
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 3000); // debounced, about a second
        }
        PolicyDraft restored;
        restored.setAutosavePath(path);
        QString error;
        QVERIFY2(restored.restoreAutosave(&error), qPrintable(error));
        QCOMPARE(restored.baseVersion(), 4);
        QCOMPARE(tierLimit(restored.policy(), "free", 0).limit, 77);
        QCOMPARE(tierLimit(restored.base(), "free", 0).limit, 100);

        // Back to the base: the autosave goes away.
        QVERIFY(
            restored.setLimitField(PolicyDraft::Owner::Tier, "free", 0, PolicyDraft::Field::Limit, "100"));
        restored.saveNow();
        QVERIFY(!QFile::exists(path));

        const QString exported = dir.filePath(QStringLiteral("export.json"));
        QVERIFY(restored.setLimitField(PolicyDraft::Owner::Tier, "pro", 0, PolicyDraft::Field::Limit, "999"));
        QVERIFY2(restored.exportTo(exported, &error), qPrintable(error));
        PolicyDraft imported;
        imported.load(samplePolicy(), 4);
        QVERIFY2(imported.importFrom(exported, &error), qPrintable(error));
        QCOMPARE(tierLimit(imported.policy(), "pro", 0).limit, 999);
        QCOMPARE(imported.undoStack()->count(), 1);

        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(policyDocument()).replace("\"limit\": 1000}", "\"limit\": -3}"));
        f.close();
        QVERIFY(!imported.importFrom(bad, &error));
        QVERIFY2(error.startsWith(bad + QStringLiteral(": /tiers/pro/limits/0/limit:")), qPrintable(error));
        QCOMPARE(tierLimit(imported.policy(), "pro", 0).limit, 999);
        QVERIFY(!restored.restoreAutosave(&error));
        QCOMPARE(error, QStringLiteral("no saved draft"));
    }

    void impactCountsSubjectsFromTheIndex()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RedisConnection conn(server.endpoint());
        publish(conn);
        QuotaEngine engine(conn, prefix, QStringLiteral("gw"));
        for (int i = 0; i < 25; ++i)
            QVERIFY(consume(engine, QStringLiteral("user:u%1").arg(i), 1).admitted);
        for (const char* u : {"user:alice", "user:bob", "user:carol"})
            QVERIFY(consume(engine, QString::fromLatin1(u), 1).admitted);
        // Index: u0..u24, bob (free), alice (pro), carol (free, pro in the draft): 26 on free, 2 on pro.
        Policy draft = samplePolicy();
        draft.tiers()[0].limits[0].limit = 20;
        draft.tiers()[1].limits[0].limit = 2000;
        draft.groups()[0].parent.clear(); // nlp leaves research: alice and bob
        draft.subjects()[2].tier = QStringLiteral("pro");
        UsageReader reader(conn, prefix);
        const QList<PolicyImpact::Line> lines = PolicyImpact::compute(reader, samplePolicy(), draft);
        QStringList texts;
        for (const auto& l : lines)
            texts << PolicyImpact::text(l);
        QCOMPARE(texts,
                 (QStringList{
                     QStringLiteral("free: requests/minute 100 → 20, affects 26 subjects"),
                     QStringLiteral("pro: requests/minute 1000 → 2000, affects 2 subjects"),
                     QStringLiteral("group nlp: parent research → (none), affects 2 subjects"),
                     QStringLiteral("subject user:carol: tier (default tier) → pro, affects 1 subject"),
                 }));
    }
};

QUOTADESK_TEST_MAIN_IMPL(TestPolicyDraft, QGuiApplication)
#include "tst_PolicyDraft.moc"
