#include "Policy.h"
#include "TestMain.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace quotadesk;

namespace {

// A valid document: tiers "free" (with `freeLimits`) and "pro", plus `extra` top-level members.
QByteArray doc(const QByteArray& freeLimits, const QByteArray& extra = {})
{
    return R"({"schema": 1, "timezone": "UTC", "default_tier": "free", "tiers": {"free": {"limits": [)" +
           freeLimits + R"(]}, "pro": {"limits": []}})" + extra + "}";
}

QByteArray docWith(const QByteArray& extra)
{
    return doc(R"({"metric": "requests", "window": "minute", "limit": 10})", extra);
}

QByteArray readResource(const QString& name)
{
    QFile f(QFINDTESTDATA(QStringLiteral("../resources/policies/") + name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString describe(const QList<PolicyIssue>& issues)
{
    QStringList lines;
    for (const PolicyIssue& i : issues)
        lines << i.toString();
    return lines.join(QLatin1Char('\n'));
}

qint64 utcMs(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

// `root` with the value at `path` (object keys and array indexes) replaced by `with`.
QJsonValue replaced(const QJsonValue& root, const QVariantList& path, int at, const QJsonValue& with)
{
    if (at == path.size())
        return with;
    if (root.isArray()) {
        QJsonArray a = root.toArray();
        const int i = path[at].toInt();
        a[i] = replaced(a[i], path, at + 1, with);
        return a;
    }
    QJsonObject o = root.toObject();
    const QString key = path[at].toString();
    o[key] = replaced(o[key], path, at + 1, with);
    return o;
}

void collectPaths(const QJsonValue& v, QVariantList path, QList<QVariantList>* out)
{
    if (!path.isEmpty())
        out->append(path);
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i)
            collectPaths(a[i], path + QVariantList{i}, out);
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            collectPaths(it.value(), path + QVariantList{it.key()}, out);
    }
}

} // namespace

class TestPolicy final : public QObject
{
    Q_OBJECT

private slots:
    void rejects_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("phrase");
        QTest::addColumn<int>("count"); // issues expected in total: no cascades

        const QByteArray ok = R"({"metric": "requests", "window": "minute", "limit": 10})";
        auto limit = [&](const QByteArray& l) {
            return doc(ok + ", " + l);
        };
        auto subject = [&](const QByteArray& id, const QByteArray& body) {
            return docWith(R"(, "subjects": {")" + id + R"(": )" + body + "}");
        };
        auto rule = [&](const QByteArray& body) {
            return docWith(R"(, "load_rules": [)" + body + "]");
        };
        const QByteArray goodRule =
            R"("tiers": ["free"], "signal": "denial_rate", "engage_above": 0.5, "release_below": 0.2)";

        QTest::newRow("unknown metric")
            << limit(R"({"metric": "tokenz", "window": "day", "limit": 1})") << "/tiers/free/limits/1/metric"
            << "unknown metric \"tokenz\"" << 1;
        QTest::newRow("unknown window")
            << limit(R"({"metric": "tokens", "window": "week", "limit": 1})") << "/tiers/free/limits/1/window"
            << "unknown window \"week\"" << 1;
        QTest::newRow("missing metric")
            << limit(R"({"window": "day", "limit": 1})") << "/tiers/free/limits/1/metric"
            << "missing" << 1;
        QTest::newRow("concurrency window")
            << limit(R"({"metric": "concurrency", "window": "day", "limit": 1})")
            << "/tiers/free/limits/1/window"
            << "concurrency has no window" << 1;
        QTest::newRow("missing window")
            << limit(R"({"metric": "gpu_seconds", "limit": 1})") << "/tiers/free/limits/1/window"
            << "needs a window" << 1;
        QTest::newRow("missing limit")
            << limit(R"({"metric": "tokens", "window": "day"})") << "/tiers/free/limits/1/limit"
            << "missing" << 1;
        QTest::newRow("fractional limit")
            << limit(R"({"metric": "tokens", "window": "day", "limit": 1.5})") << "/tiers/free/limits/1/limit"
            << "non-negative integer, got 1.5" << 1;
        QTest::newRow("negative limit")
            << limit(R"({"metric": "tokens", "window": "day", "limit": -1})") << "/tiers/free/limits/1/limit"
            << "non-negative integer, got -1" << 1;
        QTest::newRow("string limit") << limit(R"({"metric": "tokens", "window": "day", "limit": "10"})")
                                      << "/tiers/free/limits/1/limit"
                                      << "got string \"10\"" << 1;
        QTest::newRow("exponent limit")
            << limit(R"({"metric": "tokens", "window": "day", "limit": 1e3})") << "/tiers/free/limits/1/limit"
            << "non-negative integer, got 1000.0" << 1;
        QTest::newRow("2^70 limit")
            << limit(R"({"metric": "tokens", "window": "day", "limit": 1180591620717411303424})")
            << "/tiers/free/limits/1/limit"
            << "non-negative integer" << 1;
        QTest::newRow("uint64 limit")
            << limit(R"({"metric": "tokens", "window": "day", "limit": 18446744073709551615})")
            << "/tiers/free/limits/1/limit"
            << "too large: at most 1000000000000" << 1;
        QTest::newRow("hour bucket beyond 2^53 units")
            << limit(R"({"metric": "tokens", "window": "hour", "limit": 2500000000, "burst": 2000000})")
            << "/tiers/free/limits/1/limit"
            << "too large for a hour window: at most 2501999792" << 1;
        QTest::newRow("gpu minute bucket beyond 2^53 units")
            << limit(R"({"metric": "gpu_seconds", "window": "minute", "limit": 200000000})")
            << "/tiers/free/limits/1/limit"
            << "too large for a minute window: at most 150119987" << 1;
        QTest::newRow("1e400 limit") << limit(R"({"metric": "tokens", "window": "day", "limit": 1e400})")
                                     << "/tiers/free/limits/1/limit"
                                     << "number out of range" << 1;
        QTest::newRow("1e400 in array")
            << docWith(R"(, "attributes": {"free": {"x": [1, 2, 1e400]}})") << "/attributes/free/x/2"
            << "number out of range" << 1;
        QTest::newRow("burst on day")
            << limit(R"({"metric": "tokens", "window": "day", "limit": 1, "burst": 5})")
            << "/tiers/free/limits/1/burst"
            << "only to sliding windows (second, minute, hour)" << 1;
        QTest::newRow("burst on concurrency")
            << limit(R"({"metric": "concurrency", "limit": 1, "burst": 5})") << "/tiers/free/limits/1/burst"
            << "burst does not apply to concurrency" << 1;
        QTest::newRow("negative burst")
            << limit(R"({"metric": "tokens", "window": "minute", "limit": 1, "burst": -5})")
            << "/tiers/free/limits/1/burst"
            << "non-negative integer" << 1;
        QTest::newRow("duplicate limit")
            << limit(R"({"metric": "requests", "window": "minute", "limit": 20})") << "/tiers/free/limits/1"
            << "duplicate limit requests/minute (already at /tiers/free/limits/0)" << 1;
        QTest::newRow("limit not object") << limit("5") << "/tiers/free/limits/1"
                                          << "must be an object, got 5" << 1;
        QTest::newRow("typo field") << limit(
                                           R"({"metric": "tokens", "window": "day", "limt": 1, "limit": 2})")
                                    << "/tiers/free/limits/1/limt"
                                    << "unknown field \"limt\"" << 1;
        QTest::newRow("expires on tier") << limit(R"({"metric": "tokens", "window": "day", "limit": 1,
                         "expires_at": "2030-01-01T00:00:00Z"})")
                                         << "/tiers/free/limits/1/expires_at"
                                         << "only allowed on subject limits" << 1;
        QTest::newRow("bad expires") << subject(
                                            "user:a",
                                            R"({"limits": [{"metric": "tokens", "window": "day", "limit": 1,
                                     "expires_at": "tomorrow"}]})")
                                     << "/subjects/user:a/limits/0/expires_at"
                                     << "invalid date-time \"tomorrow\"" << 1;
        QTest::newRow("non-UTC expires")
            << subject("user:a", R"({"limits": [{"metric": "tokens", "window": "day", "limit": 1,
                                     "expires_at": "2030-01-01T00:00:00+08:00"}]})")
            << "/subjects/user:a/limits/0/expires_at"
            << "expected ISO 8601 UTC" << 1;
        QTest::newRow("impossible date")
            << subject("user:a", R"({"limits": [{"metric": "tokens", "window": "day", "limit": 1,
                                     "expires_at": "2030-02-30T00:00:00Z"}]})")
            << "/subjects/user:a/limits/0/expires_at"
            << "invalid date-time" << 1;
        QTest::newRow("subject prefix") << subject("bob", "{}") << "/subjects/bob"
                                        << "must start with \"user:\" or \"client:\"" << 1;
        QTest::newRow("subject empty name") << subject("client:", "{}") << "/subjects/client:"
                                            << "the name after client: is empty" << 1;
        QTest::newRow("subject control char") << subject(R"(user:a\u0001b)", "{}")
                                              << QStringLiteral("/subjects/user:a\x01"
                                                                "b")
                                              << "contains a control character" << 1;
        QTest::newRow("subject too long")
            << subject("user:" + QByteArray(252, 'x'), "{}")
            << "/subjects/user:" + QString(252, QLatin1Char('x')) << "257 bytes long, at most 256" << 1;
        QTest::newRow("subject slash escaped") << subject("team/x", "{}") << "/subjects/team~1x"
                                               << "must start with" << 1;
        QTest::newRow("subject unknown tier")
            << subject("user:a", R"({"tier": "gold"})") << "/subjects/user:a/tier"
            << "unknown tier \"gold\"" << 1;
        QTest::newRow("subject unknown group")
            << subject("user:a", R"({"group": "x"})") << "/subjects/user:a/group"
            << "unknown group \"x\"" << 1;
        QTest::newRow("subject tier type") << subject("user:a", R"({"tier": 5})") << "/subjects/user:a/tier"
                                           << "must be a string, got 5" << 1;
        QTest::newRow("unknown top-level field")
            << docWith(R"(, "groups": {}, "attributes": {}, "subjects": {},
                                                "load_rules": [], "x": 1)")
            << "/x"
            << "unknown field \"x\"" << 1;
        QTest::newRow("invalid tier name")
            << QByteArray(R"({"schema": 1, "timezone": "UTC", "default_tier": "free",
                              "tiers": {"free": {}, "fr ee": {}}})")
            << "/tiers/fr ee"
            << "invalid tier name \"fr ee\"" << 1;
        QTest::newRow("invalid group name") << docWith(R"(, "groups": {"a+b": {}})") << "/groups/a+b"
                                            << "invalid group name" << 1;
        QTest::newRow("missing parent")
            << docWith(R"(, "groups": {"nlp": {"parent": "research"}})") << "/groups/nlp/parent"
            << "unknown group \"research\"" << 1;
        QTest::newRow("cycle") << docWith(R"(, "groups": {"b": {"parent": "a"}, "a": {"parent": "b"},
                                                          "c": {"parent": "b"}})")
                               << "/groups/a/parent"
                               << "cycle a → b → a" << 1;
        QTest::newRow("self cycle") << docWith(R"(, "groups": {"x": {"parent": "x"}})") << "/groups/x/parent"
                                    << "cycle x → x" << 1;
        QTest::newRow("unknown default tier")
            << QByteArray(
                   R"({"schema": 1, "timezone": "UTC", "default_tier": "gold", "tiers": {"free": {}}})")
            << "/default_tier"
            << "unknown tier \"gold\"" << 1;
        QTest::newRow("missing default tier")
            << QByteArray(R"({"schema": 1, "timezone": "UTC", "tiers": {"free": {}}})") << "/default_tier"
            << "missing (required)" << 1;
        QTest::newRow("schema 2")
            << QByteArray(
                   R"({"schema": 2, "timezone": "UTC", "default_tier": "free", "tiers": {"free": {}}})")
            << "/schema"
            << "unsupported schema 2" << 1;
        QTest::newRow("schema string")
            << QByteArray(
                   R"({"schema": "1", "timezone": "UTC", "default_tier": "free", "tiers": {"free": {}}})")
            << "/schema"
            << "unsupported schema string \"1\"" << 1;
        QTest::newRow("bad timezone")
            << QByteArray(R"({"schema": 1, "timezone": "Mars/Olympus", "default_tier": "free",
                              "tiers": {"free": {}}})")
            << "/timezone"
            << "unknown time zone \"Mars/Olympus\"" << 1;
        QTest::newRow("tiers array")
            << QByteArray(R"({"schema": 1, "timezone": "UTC", "default_tier": "free", "tiers": []})")
            << "/tiers"
            << "must be an object, got an array" << 2;
        QTest::newRow("no tiers")
            << QByteArray(R"({"schema": 1, "timezone": "UTC", "default_tier": "free", "tiers": {}})")
            << "/tiers"
            << "at least one tier" << 2;
        QTest::newRow("limits object")
            << QByteArray(R"({"schema": 1, "timezone": "UTC", "default_tier": "free",
                                                         "tiers": {"free": {"limits": {}}}})")
            << "/tiers/free/limits"
            << "must be an array, got an object" << 1;
        QTest::newRow("attributes unknown tier")
            << docWith(R"(, "attributes": {"gold": {"a": 1}})") << "/attributes/gold"
            << "unknown tier \"gold\"" << 1;
        QTest::newRow("attributes not object")
            << docWith(R"(, "attributes": {"free": [1]})") << "/attributes/free"
            << "must be an object, got an array" << 1;
        QTest::newRow("bad store mode")
            << QByteArray(R"({"schema": 1, "timezone": "UTC", "default_tier": "free",
                              "tiers": {"free": {"on_store_unavailable": "fail_soft"}}})")
            << "/tiers/free/on_store_unavailable"
            << "unknown mode \"fail_soft\"" << 1;
        QTest::newRow("budget when fail_closed")
            << QByteArray(R"({"schema": 1, "timezone": "UTC", "default_tier": "free",
                              "tiers": {"free": {"emergency_budget": {"requests": 5}}}})")
            << "/tiers/free/emergency_budget"
            << "only used when on_store_unavailable is \"fail_open\"" << 1;
        QTest::newRow("budget fraction")
            << QByteArray(R"({"schema": 1, "timezone": "UTC", "default_tier": "free",
                              "tiers": {"free": {"on_store_unavailable": "fail_open",
                                                 "emergency_budget": {"tokens": 0.5}}}})")
            << "/tiers/free/emergency_budget/tokens"
            << "non-negative integer" << 1;
        QTest::newRow("budget unknown key")
            << QByteArray(R"({"schema": 1, "timezone": "UTC", "default_tier": "free",
                              "tiers": {"free": {"on_store_unavailable": "fail_open",
                                                 "emergency_budget": {"gpu_seconds": 1}}}})")
            << "/tiers/free/emergency_budget/gpu_seconds"
            << "unknown field" << 1;
        QTest::newRow("rule duplicate name")
            << rule(R"({"name": "r", )" + goodRule + R"(, "factor": 0.5}, {"name": "r", )" + goodRule +
                    R"(, "factor": 0.7})")
            << "/load_rules/1/name"
            << "duplicate load rule name \"r\"" << 1;
        QTest::newRow("rule unknown tier")
            << rule(R"({"name": "r", "tiers": ["free", "gold"], "signal": "denial_rate", "engage_above": 1,
                        "release_below": 0, "factor": 0.5})")
            << "/load_rules/0/tiers/1"
            << "unknown tier \"gold\"" << 1;
        QTest::newRow("rule signal")
            << rule(R"({"name": "r", "tiers": ["free"], "signal": "cpu", "engage_above": 1,
                        "release_below": 0, "factor": 0.5})")
            << "/load_rules/0/signal"
            << "unknown signal \"cpu\"" << 1;
        QTest::newRow("rule hysteresis")
            << rule(R"({"name": "r", "tiers": ["free"], "signal": "denial_rate", "engage_above": 0.2,
                        "release_below": 0.2, "factor": 0.5})")
            << "/load_rules/0/release_below"
            << "must be below engage_above" << 1;
        QTest::newRow("rule factor zero")
            << rule(R"({"name": "r", )" + goodRule + R"(, "factor": 0})") << "/load_rules/0/factor"
            << "greater than 0 and at most 1, got 0" << 1;
        QTest::newRow("rule factor above one")
            << rule(R"({"name": "r", )" + goodRule + R"(, "factor": 1.5})") << "/load_rules/0/factor"
            << "at most 1, got 1.5" << 1;
        QTest::newRow("rule missing factor")
            << rule(R"({"name": "r", )" + goodRule + "}") << "/load_rules/0/factor"
            << "missing (required)" << 1;
        QTest::newRow("rules not array") << docWith(R"(, "load_rules": {})") << "/load_rules"
                                         << "must be an array" << 1;
        QTest::newRow("duplicate key") << docWith(R"(, "groups": {"a": {}, "a": {}})") << "/groups/a"
                                       << "duplicate key \"a\"" << 1;
    }

    void rejects()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, path);
        QFETCH(QString, phrase);
        QFETCH(int, count);
        QList<PolicyIssue> issues;
        Policy::parse(json, &issues);
        const bool found = std::any_of(issues.begin(), issues.end(), [&](const PolicyIssue& i) {
            return i.path == path && i.message.contains(phrase);
        });
        QVERIFY2(
            found,
            qPrintable(QStringLiteral("want %1: ...%2...; got:\n%3").arg(path, phrase, describe(issues))));
        QVERIFY2(issues.size() == count, qPrintable(describe(issues)));
    }

    void reportsEveryIssueAtOnce()
    {
        const QByteArray json = R"({"schema": 1, "timezone": "Nowhere/City", "default_tier": "free",
            "tiers": {"free": {"limits": [{"metric": "tokens", "window": "week", "limit": 1},
                                          {"metric": "requests", "window": "minute", "limit": -3}]}},
            "groups": {"a": {"parent": "b"}, "b": {"parent": "a"}},
            "subjects": {"bob": {}, "user:x": {"tier": "gold"}},
            "limt": 3})";
        QList<PolicyIssue> issues;
        Policy::parse(json, &issues);
        QStringList paths;
        for (const PolicyIssue& i : issues)
            paths << i.path;
        paths.sort();
        QCOMPARE(paths,
                 QStringList({"/groups/a/parent", "/limt", "/subjects/bob", "/subjects/user:x/tier",
                              "/tiers/free/limits/0/window", "/tiers/free/limits/1/limit", "/timezone"}));
    }

    void issueToString()
    {
        QCOMPARE((PolicyIssue{"/tiers/free/limits/1/window", "unknown window \"week\""}).toString(),
                 QStringLiteral("/tiers/free/limits/1/window: unknown window \"week\""));
        QCOMPARE((PolicyIssue{"", "malformed JSON at byte 1"}).toString(),
                 QStringLiteral("malformed JSON at byte 1"));
    }

    void robustness_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("phrase");

        QTest::newRow("empty input") << QByteArray() << ""
                                     << "malformed JSON at byte 1";
        QTest::newRow("garbage bytes") << QByteArray("\xff\xfe\x00\x01garbage", 11) << ""
                                       << "malformed JSON at byte";
        QTest::newRow("invalid utf-8 in string")
            << QByteArray("{\"schema\": 1, \"timezone\": \"\xc3\x28\"}") << ""
            << "malformed JSON at byte 29";
        QTest::newRow("truncated") << QByteArray(R"({"schema": 1, "tiers": {"free": )") << ""
                                   << "malformed JSON at byte";
        QTest::newRow("trailing garbage") << docWith({}) + "}"
                                          << ""
                                          << "malformed JSON at byte";
        QTest::newRow("deep arrays") << QByteArray(10000, '[') + QByteArray(10000, ']') << "/0/0/0"
                                     << "nested deeper than 64 levels";
        QByteArray deepObjects;
        for (int i = 0; i < 10000; ++i)
            deepObjects += "{\"a\":";
        deepObjects += "1" + QByteArray(10000, '}');
        QTest::newRow("deep objects") << deepObjects << "/a/a/a"
                                      << "nested deeper than 64 levels";
        QTest::newRow("deep unterminated") << QByteArray(10000, '[') << "/0/0/0"
                                           << "nested deeper";
        QTest::newRow("deep attribute") << docWith(R"(, "attributes": {"free": {"x": )" +
                                                   QByteArray(80, '[') + QByteArray(80, ']') + "}}")
                                        << "/attributes/free/x/0/0"
                                        << "nested deeper than 64 levels";
        QTest::newRow("1e400 top") << QByteArray("1e400") << ""
                                   << "number out of range";
        QTest::newRow("2^70 top") << QByteArray("1180591620717411303424") << ""
                                  << "must be a JSON object, got 1.1";
        QTest::newRow("-2^70 top") << QByteArray("-1180591620717411303424") << ""
                                   << "must be a JSON object";
        QTest::newRow("empty object") << QByteArray("{}") << "/tiers"
                                      << "missing (required)";
        QTest::newRow("null") << QByteArray("null") << ""
                              << "must be a JSON object, got null";
        QTest::newRow("array") << QByteArray("[]") << ""
                               << "must be a JSON object, got an array";
        QTest::newRow("string") << QByteArray("\"policy\"") << ""
                                << "got string \"policy\"";
        QTest::newRow("nul in key") << QByteArray("{\"a\\u0000b\": 1}") << QString::fromUtf8("/a\0b", 4)
                                    << "unknown field";
    }

    void robustness()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, path);
        QFETCH(QString, phrase);
        QList<PolicyIssue> issues;
        Policy::parse(json, &issues);
        QVERIFY(!issues.isEmpty());
        const bool found = std::any_of(issues.begin(), issues.end(), [&](const PolicyIssue& i) {
            const bool pathOk = path.isEmpty() ? i.path.isEmpty() : i.path.startsWith(path);
            return pathOk && i.message.contains(phrase);
        });
        QVERIFY2(found, qPrintable(describe(issues)));
    }

    void emptyObjectListsEveryMissingMember()
    {
        QList<PolicyIssue> issues;
        Policy::parse("{}", &issues);
        QStringList got;
        for (const PolicyIssue& i : issues)
            got << i.toString();
        QCOMPARE(got, QStringList({"/schema: missing (required)", "/timezone: missing (required)",
                                   "/tiers: missing (required)", "/default_tier: missing (required)"}));
    }

    // Every prefix of the minimal policy and every 5th of the sample (it repeats the same shapes; parsing all
    // 6 KB prefixes takes a minute under ASan): one malformed-JSON issue each.
    void everyTruncationIsRejected_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("step");
        QTest::newRow("minimal") << "minimal.json" << 1;
        QTest::newRow("sample") << "sample.json" << 5;
    }

    void everyTruncationIsRejected()
    {
        QFETCH(QString, file);
        QFETCH(int, step);
        const QByteArray json = readResource(file);
        QVERIFY(!json.isEmpty());
        const qsizetype end = json.lastIndexOf('}') + 1;
        for (qsizetype n = 0; n < end; n += step) {
            QList<PolicyIssue> issues;
            Policy::parse(json.left(n), &issues);
            QVERIFY2(issues.size() == 1 && issues[0].path.isEmpty() &&
                         issues[0].message.startsWith("malformed JSON"),
                     qPrintable(QString::number(n) + ": " + describe(issues)));
        }
    }

    // Every value of the sample, replaced by a value of every other JSON type: never a crash, and a change
    // of type is always reported (with a path), except inside the free-form attributes.
    void wrongTypesAtEveryLevel()
    {
        const QJsonObject sample =
            QJsonDocument::fromJson(readResource(QStringLiteral("sample.json"))).object();
        QVERIFY(!sample.isEmpty());
        QList<QVariantList> paths;
        collectPaths(sample, {}, &paths);
        QVERIFY(paths.size() > 200);
        const QList<QJsonValue> values{
            QJsonValue(QJsonValue::Null), true, 5, -1, 1.5, "x", QJsonArray(), QJsonObject()};
        int checked = 0;
        for (const QVariantList& path : paths) {
            QJsonValue original = sample;
            for (const QVariant& step : path)
                original = original.isArray() ? original.toArray()[step.toInt()] : original[step.toString()];
            for (const QJsonValue& with : values) {
                const QJsonObject mutated = replaced(sample, path, 0, with).toObject();
                QList<PolicyIssue> issues;
                Policy::parse(QJsonDocument(mutated).toJson(), &issues);
                for (const PolicyIssue& i : issues)
                    QVERIFY2(!i.path.isEmpty(), qPrintable(i.toString()));
                if (path[0] == QLatin1String("attributes") && path.size() > 2)
                    continue;
                if (original.type() != with.type()) {
                    QVERIFY2(!issues.isEmpty(), qPrintable(QJsonDocument(mutated).toJson()));
                    ++checked;
                }
            }
        }
        QVERIFY(checked > 1000);
    }

    void shippedPoliciesAreValid_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("sample") << "sample.json";
        QTest::newRow("minimal") << "minimal.json";
    }

    void shippedPoliciesAreValid()
    {
        QFETCH(QString, file);
        const QByteArray json = readResource(file);
        QVERIFY(!json.isEmpty());
        QList<PolicyIssue> issues;
        const Policy policy = Policy::parse(json, &issues);
        QVERIFY2(issues.isEmpty(), qPrintable(describe(issues)));
        QVERIFY(policy.validate().isEmpty());

        // Round trip: canonical text parses back to the same policy and is a fixed point.
        const QByteArray canonical = policy.toJson();
        const Policy again = Policy::parse(canonical, &issues);
        QVERIFY2(issues.isEmpty(), qPrintable(describe(issues)));
        QVERIFY(again == policy);
        QCOMPARE(again.toJson(), canonical);
    }

    void samplePolicyContent()
    {
        QList<PolicyIssue> issues;
        const Policy p = Policy::parse(readResource(QStringLiteral("sample.json")), &issues);
        QVERIFY(issues.isEmpty());
        QCOMPARE(p.schema(), 1);
        QCOMPARE(p.timezone(), QStringLiteral("Europe/Berlin"));
        QCOMPARE(p.defaultTier(), QStringLiteral("free"));
        QStringList tiers;
        for (const PolicyTier& t : p.tiers())
            tiers << t.name;
        QCOMPARE(tiers, QStringList({"enterprise", "free", "internal", "pro"})); // sorted by name
        QVERIFY(p.subjects().size() >= 10 && p.subjects().size() <= 20);

        const PolicyTier* free = p.tier(QStringLiteral("free"));
        QVERIFY(free);
        QCOMPARE(free->limits[0], (PolicyLimit{"requests", "minute", 20, 10, {}}));
        QCOMPARE(free->limits.last(), (PolicyLimit{"concurrency", "", 2, 0, {}}));
        QCOMPARE(free->onStoreUnavailable, PolicyTier::StoreUnavailable::FailClosed);
        QCOMPARE(free->attributes.value("memory_limit_mb").toInteger(), 2048);
        QCOMPARE(free->attributes.value("models").toArray().size(), 2);

        const PolicyTier* pro = p.tier(QStringLiteral("pro"));
        QVERIFY(pro);
        QCOMPARE(pro->onStoreUnavailable, PolicyTier::StoreUnavailable::FailOpen);
        QCOMPARE(pro->emergencyRequests, std::optional<qint64>(30));

        QCOMPARE(p.group(QStringLiteral("nlp"))->parent, QStringLiteral("research"));
        QCOMPARE(p.group(QStringLiteral("platform"))->parent, QStringLiteral("engineering"));
        const PolicySubject* alice = p.subject(QStringLiteral("user:alice"));
        QVERIFY(alice);
        QCOMPARE(alice->limits[0].expiresAt, QDateTime(QDate(2027, 12, 31), QTime(23, 0), Qt::UTC));
        QCOMPARE(p.tierOf(QStringLiteral("user:alice")), QStringLiteral("pro"));
        QCOMPARE(p.tierOf(QStringLiteral("user:dave")), QStringLiteral("free"));  // listed without a tier
        QCOMPARE(p.tierOf(QStringLiteral("user:u0100")), QStringLiteral("free")); // not listed
        QCOMPARE(p.loadRules().size(), 1);
        QCOMPARE(p.loadRules()[0].factor, 0.5);
        QVERIFY(!p.tier(QStringLiteral("gold")));
    }

    void canonicalFormat()
    {
        QList<PolicyIssue> issues;
        const Policy p = Policy::parse(R"({"tiers": {"t": {"limits": [{"window": "minute", "limit": 5,
            "metric": "requests", "burst": 0}]}}, "default_tier": "t", "timezone": "UTC", "schema": 1,
            "subjects": {"user:a": {"limits": [{"metric": "tokens", "window": "day", "limit": 7,
            "expires_at": "2030-01-02T03:04:05.600Z"}]}}})",
                                       &issues);
        QVERIFY2(issues.isEmpty(), qPrintable(describe(issues)));
        QCOMPARE(p.toJson(), QByteArray(R"({
  "default_tier": "t",
  "schema": 1,
  "subjects": {
    "user:a": {
      "limits": [
        {
          "expires_at": "2030-01-02T03:04:05.600Z",
          "limit": 7,
          "metric": "tokens",
          "window": "day"
        }
      ]
    }
  },
  "tiers": {
    "t": {
      "limits": [
        {
          "limit": 5,
          "metric": "requests",
          "window": "minute"
        }
      ],
      "on_store_unavailable": "fail_closed"
    }
  },
  "timezone": "UTC"
}
)"));
    }

    void attributeValuesRoundTrip()
    {
        QList<PolicyIssue> issues;
        const Policy p = Policy::parse(docWith(R"(, "attributes": {"free": {"big": 9007199254740993,
            "neg": -12, "real": 0.1, "whole_real": 3.0, "huge": 18446744073709551615, "s": "ü", "n": null,
            "nested": {"list": [true, false, {}]}}})"),
                                       &issues);
        QVERIFY2(issues.isEmpty(), qPrintable(describe(issues)));
        const QJsonObject attrs = p.tier(QStringLiteral("free"))->attributes;
        QCOMPARE(attrs.value("big").toInteger(), Q_INT64_C(9007199254740993)); // beyond double precision
        QCOMPARE(attrs.value("s").toString(), QStringLiteral("ü"));
        const Policy again = Policy::parse(p.toJson(), &issues);
        QVERIFY2(issues.isEmpty(), qPrintable(describe(issues)));
        QVERIFY(again == p);
        QVERIFY(p.toJson().contains("\"big\": 9007199254740993"));
        // Qt keeps integral doubles as integers, so the canonical form writes 3.0 as 3.
        QVERIFY(p.toJson().contains("\"whole_real\": 3\n"));
        QVERIFY(p.toJson().contains("\"real\": 0.1,"));
    }

    void validateEditedPolicy()
    {
        QList<PolicyIssue> issues;
        Policy p = Policy::parse(readResource(QStringLiteral("minimal.json")), &issues);
        QVERIFY(issues.isEmpty());
        p.tiers().append(p.tiers()[0]);
        p.setDefaultTier(QStringLiteral("gone"));
        p.subjects().append(PolicySubject{"user:zoe", "default", "", {{"tokens", "week", 5, 0, {}}}});
        QStringList got;
        for (const PolicyIssue& i : p.validate())
            got << i.toString();
        QCOMPARE(got,
                 QStringList({"/tiers/default: defined twice", "/default_tier: unknown tier \"gone\"",
                              "/subjects/user:zoe/limits/0/window: unknown window \"week\" (expected one of: "
                              "second, minute, hour, day, month)"}));
    }

    void nullIssuesPointerIsAllowed()
    {
        const Policy p = Policy::parse(readResource(QStringLiteral("minimal.json")), nullptr);
        QCOMPARE(p.defaultTier(), QStringLiteral("default"));
    }

    void transitionsUtc()
    {
        const qint64 from = utcMs("2026-01-01T00:00:00Z");
        const auto t =
            Policy::timezoneTransitions(QStringLiteral("UTC"), from, utcMs("2028-01-01T00:00:00Z"));
        QCOMPARE(t, (QList<QPair<qint64, int>>{{from, 0}}));
    }

    void transitionsShanghai()
    {
        const qint64 from = utcMs("2026-01-01T00:00:00Z");
        const auto t =
            Policy::timezoneTransitions(QStringLiteral("Asia/Shanghai"), from, utcMs("2028-01-01T00:00:00Z"));
        QCOMPARE(t, (QList<QPair<qint64, int>>{{from, 8 * 3600}}));
    }

    void transitionsBerlin()
    {
        // Starts in summer time: the first entry carries +2h; then the 2026 and 2027 switches (01:00 UTC).
        const qint64 from = utcMs("2026-07-01T12:00:00Z");
        const auto t =
            Policy::timezoneTransitions(QStringLiteral("Europe/Berlin"), from, utcMs("2027-12-31T00:00:00Z"));
        QCOMPARE(t, (QList<QPair<qint64, int>>{{from, 7200},
                                               {utcMs("2026-10-25T01:00:00Z"), 3600},
                                               {utcMs("2027-03-28T01:00:00Z"), 7200},
                                               {utcMs("2027-10-31T01:00:00Z"), 3600}}));
        // A window ending exactly at a transition includes it; one starting exactly at it does not repeat it.
        const qint64 switchAt = utcMs("2026-10-25T01:00:00Z");
        QCOMPARE(Policy::timezoneTransitions(QStringLiteral("Europe/Berlin"), from, switchAt).size(), 2);
        QCOMPARE(Policy::timezoneTransitions(QStringLiteral("Europe/Berlin"), switchAt, switchAt + 1000),
                 (QList<QPair<qint64, int>>{{switchAt, 3600}}));
    }

    void transitionsInvalidZone()
    {
        QVERIFY(Policy::timezoneTransitions(QStringLiteral("Mars/Olympus"), 0, 1000).isEmpty());
        QVERIFY(Policy::timezoneTransitions(QString(), 0, 1000).isEmpty());
    }
};

QUOTADESK_TEST_MAIN(TestPolicy)
#include "tst_Policy.moc"
