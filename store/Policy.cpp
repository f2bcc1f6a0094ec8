#include "Policy.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <QVariant>

#include <nlohmann/json.hpp>

#include <limits>
#include <set>
#include <string>
#include <vector>

namespace quotadesk {

namespace {

using json = nlohmann::json;

// Real policies nest four levels; the cap keeps every recursive walk (ours, nlohmann's dump) shallow.
constexpr std::size_t MaxDepth = 64;
constexpr qsizetype MaxSubjectIdBytes = 256;

const QStringList Metrics{"requests", "tokens", "gpu_seconds", "concurrency"};
const QStringList Windows{"second", "minute", "hour", "day", "month"};
const QStringList SlidingWindows{"second", "minute", "hour"};
const QStringList Signals{"upstream_latency_ms", "upstream_error_rate", "denial_rate"};
const QString Concurrency = QStringLiteral("concurrency");

QString fromStd(const std::string& s)
{
    return QString::fromStdString(s);
}

// JSON string literal of `s`: quotes, escapes control characters.
QString jsonQuoted(const std::string& s)
{
    return fromStd(json(s).dump(-1, ' ', false, json::error_handler_t::replace));
}

QString jsonQuoted(const QString& s)
{
    return jsonQuoted(s.toStdString());
}

QString joinedQuoted(const QStringList& names)
{
    return names.join(QStringLiteral(", "));
}

// RFC 6901 reference token.
QString child(const QString& path, const QString& key)
{
    QString token = key;
    token.replace(QLatin1Char('~'), QStringLiteral("~0")).replace(QLatin1Char('/'), QStringLiteral("~1"));
    return path + QLatin1Char('/') + token;
}

QString child(const QString& path, std::size_t index)
{
    return path + QLatin1Char('/') + QString::number(index);
}

QString describe(const json& v)
{
    switch (v.type()) {
    case json::value_t::null:
        return QStringLiteral("null");
    case json::value_t::boolean:
        return v.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    case json::value_t::string:
        return QStringLiteral("string ") + jsonQuoted(v.get_ref<const std::string&>());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
        return fromStd(v.dump());
    case json::value_t::array:
        return QStringLiteral("an array");
    case json::value_t::object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("an unsupported value");
    }
}

QJsonValue toQt(const json& v)
{
    switch (v.type()) {
    case json::value_t::boolean:
        return v.get<bool>();
    case json::value_t::number_integer:
        return qint64(v.get<std::int64_t>());
    case json::value_t::number_unsigned: {
        const auto u = v.get<std::uint64_t>();
        if (u <= std::uint64_t(std::numeric_limits<qint64>::max()))
            return qint64(u);
        return double(u);
    }
    case json::value_t::number_float:
        return v.get<double>();
    case json::value_t::string:
        return fromStd(v.get_ref<const std::string&>());
    case json::value_t::array: {
        QJsonArray a;
        for (const auto& e : v)
            a.append(toQt(e));
        return a;
    }
    case json::value_t::object: {
        QJsonObject o;
        for (const auto& [k, e] : v.items())
            o.insert(fromStd(k), toQt(e));
        return o;
    }
    default:
        return QJsonValue(QJsonValue::Null);
    }
}

json fromQt(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool();
    case QJsonValue::Double:
        // Qt 6 keeps integers as integers internally; keep them integers in the document too.
        if (v.toVariant().typeId() == QMetaType::LongLong)
            return std::int64_t(v.toInteger());
        return v.toDouble();
    case QJsonValue::String:
        return v.toString().toStdString();
    case QJsonValue::Array: {
        json a = json::array();
        for (const auto& e : v.toArray())
            a.push_back(fromQt(e));
        return a;
    }
    case QJsonValue::Object: {
        json o = json::object();
        const auto obj = v.toObject();
        for (auto it = obj.begin(); it != obj.end(); ++it)
            o[it.key().toStdString()] = fromQt(it.value());
        return o;
    }
    default:
        return nullptr;
    }
}

// Follows the parser so errors it cannot place (number overflow, nesting, duplicate keys) get a JSON path.
class PathTracker
{
public:
    struct TooDeep
    {
        QString path;
    };

    explicit PathTracker(QList<PolicyIssue>* issues) : m_issues(issues) {}

    bool onEvent(json::parse_event_t event, const json& parsed)
    {
        switch (event) {
        case json::parse_event_t::object_start:
        case json::parse_event_t::array_start:
            childStarted();
            if (m_stack.size() >= MaxDepth)
                throw TooDeep{path()};
            m_stack.push_back(Frame{event == json::parse_event_t::array_start, -1, {}, {}});
            break;
        case json::parse_event_t::object_end:
        case json::parse_event_t::array_end:
            m_stack.pop_back();
            break;
        case json::parse_event_t::key: {
            Frame& top = m_stack.back();
            top.key = parsed.get<std::string>();
            if (!top.keys.insert(top.key).second)
                m_issues->append(
                    {path(), QStringLiteral("duplicate key %1: a name may appear once per object "
                                            "(otherwise the last one would silently win)")
                                 .arg(jsonQuoted(top.key))});
            break;
        }
        case json::parse_event_t::value:
            childStarted();
            break;
        }
        return true;
    }

    // Where the value being read sits, for a failure before the parser reports that value.
    QString pendingPath() const
    {
        QString p;
        for (std::size_t i = 0; i < m_stack.size(); ++i) {
            const Frame& f = m_stack[i];
            const bool top = i + 1 == m_stack.size();
            if (f.array)
                p = child(p, std::size_t(f.index + (top ? 1 : 0)));
            else
                p = child(p, fromStd(f.key));
        }
        return p;
    }

private:
    struct Frame
    {
        bool array;
        qint64 index;
        std::string key;
        std::set<std::string> keys;
    };

    void childStarted()
    {
        if (!m_stack.empty() && m_stack.back().array)
            ++m_stack.back().index;
    }

    QString path() const
    {
        QString p;
        for (const Frame& f : m_stack)
            p = f.array ? child(p, std::size_t(f.index)) : child(p, fromStd(f.key));
        return p;
    }

    std::vector<Frame> m_stack;
    QList<PolicyIssue>* m_issues;
};

// Reads the document into a Policy, collecting every issue instead of stopping at the first.
class Reader
{
public:
    explicit Reader(QList<PolicyIssue>* issues) : m_issues(issues) {}

    Policy read(const json& root)
    {
        Policy policy;
        if (!root.is_object()) {
            add({}, QStringLiteral("a policy must be a JSON object, got %1").arg(describe(root)));
            return policy;
        }
        checkKeys(root, {},
                  {"schema", "timezone", "default_tier", "tiers", "groups", "subjects", "attributes",
                   "load_rules"});

        if (const json* v = required(root, {}, "schema")) {
            if (!v->is_number_integer() || *v != json(Policy::SupportedSchema))
                add("/schema", QStringLiteral("unsupported schema %1: this version reads schema %2")
                                   .arg(describe(*v))
                                   .arg(Policy::SupportedSchema));
        }
        if (const json* v = required(root, {}, "timezone")) {
            if (auto tz = string(*v, "/timezone")) {
                if (QTimeZone::isTimeZoneIdAvailable(tz->toUtf8()))
                    policy.setTimezone(*tz);
                else
                    add("/timezone", QStringLiteral("unknown time zone %1: use an IANA id such as \"UTC\" or "
                                                    "\"Europe/Berlin\"")
                                         .arg(jsonQuoted(*tz)));
            }
        }

        // Names are collected from the raw keys first, so one broken tier does not cascade into "unknown
        // tier" errors everywhere it is referenced.
        collectNames(root, "tiers", &m_tierNames);
        collectNames(root, "groups", &m_groupNames);

        if (const json* tiers = required(root, {}, "tiers"); tiers && object(*tiers, "/tiers")) {
            if (tiers->empty())
                add("/tiers", QStringLiteral("at least one tier is required"));
            for (const auto& [name, value] : tiers->items())
                if (auto tier = readTier(fromStd(name), value))
                    policy.tiers().append(*tier);
        }
        if (const json* v = required(root, {}, "default_tier")) {
            if (auto name = string(*v, "/default_tier")) {
                policy.setDefaultTier(*name);
                if (!m_tierNames.contains(*name))
                    add("/default_tier", QStringLiteral("unknown tier %1").arg(jsonQuoted(*name)));
            }
        }
        if (const json* groups = optional(root, "groups"); groups && object(*groups, "/groups")) {
            for (const auto& [name, value] : groups->items())
                if (auto group = readGroup(fromStd(name), value))
                    policy.groups().append(*group);
            checkGroupChains(policy.groups());
        }
        if (const json* subjects = optional(root, "subjects"); subjects && object(*subjects, "/subjects")) {
            for (const auto& [id, value] : subjects->items())
                if (auto subject = readSubject(fromStd(id), value))
                    policy.subjects().append(*subject);
        }
        if (const json* attrs = optional(root, "attributes"); attrs && object(*attrs, "/attributes")) {
            for (const auto& [name, value] : attrs->items()) {
                const QString tierName = fromStd(name);
                const QString path = child(QStringLiteral("/attributes"), tierName);
                if (!m_tierNames.contains(tierName)) {
                    add(path, QStringLiteral("unknown tier %1").arg(jsonQuoted(tierName)));
                    continue;
                }
                if (!object(value, path))
                    continue;
                for (PolicyTier& tier : policy.tiers())
                    if (tier.name == tierName)
                        tier.attributes = toQt(value).toObject();
            }
        }
        if (const json* rules = optional(root, "load_rules"); rules && array(*rules, "/load_rules")) {
            QSet<QString> names;
            for (std::size_t i = 0; i < rules->size(); ++i)
                if (auto rule = readLoadRule((*rules)[i], child(QStringLiteral("/load_rules"), i), &names))
                    policy.loadRules().append(*rule);
        }
        return policy;
    }

private:
    void add(const QString& path, const QString& message) { m_issues->append({path, message}); }

    void checkKeys(const json& obj, const QString& path, std::initializer_list<const char*> allowed)
    {
        QStringList names;
        for (const char* a : allowed)
            names << QString::fromLatin1(a);
        for (const auto& [key, value] : obj.items()) {
            const QString k = fromStd(key);
            if (!names.contains(k))
                add(child(path, k), QStringLiteral("unknown field %1 (expected one of: %2)")
                                        .arg(jsonQuoted(k), joinedQuoted(names)));
        }
    }

    const json* optional(const json& obj, const char* key)
    {
        const auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    }

    const json* required(const json& obj, const QString& path, const char* key)
    {
        const json* v = optional(obj, key);
        if (!v)
            add(child(path, QString::fromLatin1(key)), QStringLiteral("missing (required)"));
        return v;
    }

    bool object(const json& v, const QString& path)
    {
        if (v.is_object())
            return true;
        add(path, QStringLiteral("must be an object, got %1").arg(describe(v)));
        return false;
    }

    bool array(const json& v, const QString& path)
    {
        if (v.is_array())
            return true;
        add(path, QStringLiteral("must be an array, got %1").arg(describe(v)));
        return false;
    }

    std::optional<QString> string(const json& v, const QString& path)
    {
        if (v.is_string())
            return fromStd(v.get_ref<const std::string&>());
        add(path, QStringLiteral("must be a string, got %1").arg(describe(v)));
        return std::nullopt;
    }

    // Integers only: 1.5, 1e3 and "10" are rejected, so a typo never turns into a silently rounded limit.
    std::optional<qint64> count(const json& v, const QString& path)
    {
        const QString expected = QStringLiteral("must be a non-negative integer");
        if (v.is_number_unsigned() || v.is_number_integer()) {
            if (v.is_number_integer() && !v.is_number_unsigned() && v.get<std::int64_t>() < 0) {
                add(path, QStringLiteral("%1, got %2").arg(expected, describe(v)));
                return std::nullopt;
            }
            const auto u = v.get<std::uint64_t>();
            if (u > std::uint64_t(Policy::MaxLimit)) {
                add(path, QStringLiteral("%1 too large: at most %2").arg(describe(v)).arg(Policy::MaxLimit));
                return std::nullopt;
            }
            return qint64(u);
        }
        add(path, QStringLiteral("%1, got %2").arg(expected, describe(v)));
        return std::nullopt;
    }

    std::optional<double> number(const json& v, const QString& path)
    {
        if (v.is_number())
            return v.get<double>();
        add(path, QStringLiteral("must be a number, got %1").arg(describe(v)));
        return std::nullopt;
    }

    bool validName(const QString& name, const QString& path, const QString& what)
    {
        static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
        if (re.match(name).hasMatch())
            return true;
        add(path, QStringLiteral("invalid %1 name %2: use 1 to 64 characters from A-Z a-z 0-9 _ . -")
                      .arg(what, jsonQuoted(name)));
        return false;
    }

    void collectNames(const json& root, const char* key, QSet<QString>* names)
    {
        const json* v = optional(root, key);
        if (v && v->is_object())
            for (const auto& [name, value] : v->items())
                names->insert(fromStd(name));
    }

    std::optional<PolicyTier> readTier(const QString& name, const json& v)
    {
        const QString path = child(QStringLiteral("/tiers"), name);
        const bool nameOk = validName(name, path, QStringLiteral("tier"));
        if (!object(v, path))
            return std::nullopt;
        checkKeys(v, path, {"limits", "on_store_unavailable", "emergency_budget"});
        PolicyTier tier;
        tier.name = name;
        if (const json* limits = optional(v, "limits"))
            tier.limits = readLimits(*limits, child(path, QStringLiteral("limits")), false);
        if (const json* mode = optional(v, "on_store_unavailable")) {
            const QString modePath = child(path, QStringLiteral("on_store_unavailable"));
            if (auto s = string(*mode, modePath)) {
                if (*s == QLatin1String("fail_open"))
                    tier.onStoreUnavailable = PolicyTier::StoreUnavailable::FailOpen;
                else if (*s != QLatin1String("fail_closed"))
                    add(modePath, QStringLiteral("unknown mode %1 (expected fail_closed or fail_open)")
                                      .arg(jsonQuoted(*s)));
            }
        }
        if (const json* budget = optional(v, "emergency_budget")) {
            const QString budgetPath = child(path, QStringLiteral("emergency_budget"));
            if (object(*budget, budgetPath)) {
                checkKeys(*budget, budgetPath, {"requests", "tokens"});
                if (const json* r = optional(*budget, "requests"))
                    tier.emergencyRequests = count(*r, child(budgetPath, QStringLiteral("requests")));
                if (const json* t = optional(*budget, "tokens"))
                    tier.emergencyTokens = count(*t, child(budgetPath, QStringLiteral("tokens")));
                if (tier.onStoreUnavailable != PolicyTier::StoreUnavailable::FailOpen)
                    add(budgetPath, QStringLiteral("only used when on_store_unavailable is \"fail_open\": a "
                                                   "fail_closed tier admits nothing while Redis is down"));
            }
        }
        return nameOk ? std::optional(tier) : std::nullopt;
    }

    std::optional<PolicyGroup> readGroup(const QString& name, const json& v)
    {
        const QString path = child(QStringLiteral("/groups"), name);
        const bool nameOk = validName(name, path, QStringLiteral("group"));
        if (!object(v, path))
            return std::nullopt;
        checkKeys(v, path, {"parent", "limits"});
        PolicyGroup group;
        group.name = name;
        if (const json* parent = optional(v, "parent")) {
            const QString parentPath = child(path, QStringLiteral("parent"));
            if (auto p = string(*parent, parentPath)) {
                group.parent = *p;
                if (!m_groupNames.contains(*p))
                    add(parentPath, QStringLiteral("unknown group %1").arg(jsonQuoted(*p)));
            }
        }
        if (const json* limits = optional(v, "limits"))
            group.limits = readLimits(*limits, child(path, QStringLiteral("limits")), false);
        return nameOk ? std::optional(group) : std::nullopt;
    }

    // A cycle is reported once, at the parent field of its alphabetically first group.
    void checkGroupChains(const QList<PolicyGroup>& groups)
    {
        QHash<QString, QString> parentOf;
        for (const PolicyGroup& g : groups)
            if (!g.parent.isEmpty())
                parentOf.insert(g.name, g.parent);
        for (const PolicyGroup& g : groups) {
            QStringList chain{g.name};
            QString next = parentOf.value(g.name);
            while (!next.isEmpty() && !chain.contains(next)) {
                chain << next;
                next = parentOf.value(next);
            }
            if (next != g.name)
                continue; // no cycle, or g only leads into one reported at its own first group
            if (std::any_of(chain.begin(), chain.end(), [&](const QString& n) { return n < g.name; }))
                continue;
            chain << g.name;
            add(child(child(QStringLiteral("/groups"), g.name), QStringLiteral("parent")),
                QStringLiteral("cycle %1").arg(chain.join(QStringLiteral(" → "))));
        }
    }

    std::optional<PolicySubject> readSubject(const QString& id, const json& v)
    {
        const QString path = child(QStringLiteral("/subjects"), id);
        const bool idOk = validSubjectId(id, path);
        if (!object(v, path))
            return std::nullopt;
        checkKeys(v, path, {"tier", "group", "limits"});
        PolicySubject subject;
        subject.id = id;
        if (const json* tier = optional(v, "tier")) {
            const QString tierPath = child(path, QStringLiteral("tier"));
            if (auto t = string(*tier, tierPath)) {
                subject.tier = *t;
                if (!m_tierNames.contains(*t))
                    add(tierPath, QStringLiteral("unknown tier %1").arg(jsonQuoted(*t)));
            }
        }
        if (const json* group = optional(v, "group")) {
            const QString groupPath = child(path, QStringLiteral("group"));
            if (auto g = string(*group, groupPath)) {
                subject.group = *g;
                if (!m_groupNames.contains(*g))
                    add(groupPath, QStringLiteral("unknown group %1").arg(jsonQuoted(*g)));
            }
        }
        if (const json* limits = optional(v, "limits"))
            subject.limits = readLimits(*limits, child(path, QStringLiteral("limits")), true);
        return idOk ? std::optional(subject) : std::nullopt;
    }

    bool validSubjectId(const QString& id, const QString& path)
    {
        QString prefix;
        if (id.startsWith(QLatin1String("user:")))
            prefix = QStringLiteral("user:");
        else if (id.startsWith(QLatin1String("client:")))
            prefix = QStringLiteral("client:");
        if (prefix.isEmpty()) {
            add(path, QStringLiteral("invalid subject id %1: must start with \"user:\" or \"client:\"")
                          .arg(jsonQuoted(id)));
            return false;
        }
        if (id.size() == prefix.size()) {
            add(path, QStringLiteral("invalid subject id %1: the name after %2 is empty")
                          .arg(jsonQuoted(id), prefix));
            return false;
        }
        if (std::any_of(id.begin(), id.end(),
                        [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; })) {
            add(path,
                QStringLiteral("invalid subject id %1: contains a control character").arg(jsonQuoted(id)));
            return false;
        }
        if (const auto bytes = id.toUtf8().size(); bytes > MaxSubjectIdBytes) {
            add(path, QStringLiteral("invalid subject id: %1 bytes long, at most %2")
                          .arg(bytes)
                          .arg(MaxSubjectIdBytes));
            return false;
        }
        return true;
    }

    QList<PolicyLimit> readLimits(const json& v, const QString& path, bool subject)
    {
        QList<PolicyLimit> limits;
        if (!array(v, path))
            return limits;
        QHash<QString, QString> seen; // limit key → path of its first occurrence
        for (std::size_t i = 0; i < v.size(); ++i) {
            const QString itemPath = child(path, i);
            if (auto limit = readLimit(v[i], itemPath, subject)) {
                const QString key = limit->key();
                if (seen.contains(key)) {
                    add(itemPath,
                        QStringLiteral("duplicate limit %1 (already at %2)").arg(key, seen.value(key)));
                    continue;
                }
                seen.insert(key, itemPath);
                limits.append(*limit);
            }
        }
        return limits;
    }

    std::optional<PolicyLimit> readLimit(const json& v, const QString& path, bool subject)
    {
        if (!object(v, path))
            return std::nullopt;
        checkKeys(v, path, {"metric", "window", "limit", "burst", "expires_at"});
        const int issuesBefore = m_issues->size();
        PolicyLimit limit;

        if (const json* metric = required(v, path, "metric")) {
            const QString metricPath = child(path, QStringLiteral("metric"));
            if (auto m = string(*metric, metricPath)) {
                if (Metrics.contains(*m))
                    limit.metric = *m;
                else
                    add(metricPath, QStringLiteral("unknown metric %1 (expected one of: %2)")
                                        .arg(jsonQuoted(*m), joinedQuoted(Metrics)));
            }
        }
        const QString windowPath = child(path, QStringLiteral("window"));
        const json* window = optional(v, "window");
        if (limit.metric == Concurrency && window) {
            add(windowPath,
                QStringLiteral("concurrency has no window: it counts requests in flight at once"));
        } else if (!limit.metric.isEmpty() && limit.metric != Concurrency && !window) {
            add(windowPath, QStringLiteral("missing: %1 needs a window (one of: %2)")
                                .arg(limit.metric, joinedQuoted(Windows)));
        } else if (window) {
            if (auto w = string(*window, windowPath)) {
                if (Windows.contains(*w))
                    limit.window = *w;
                else
                    add(windowPath, QStringLiteral("unknown window %1 (expected one of: %2)")
                                        .arg(jsonQuoted(*w), joinedQuoted(Windows)));
            }
        }
        if (const json* value = required(v, path, "limit")) {
            if (auto n = count(*value, child(path, QStringLiteral("limit"))))
                limit.limit = *n;
        }
        if (const json* burst = optional(v, "burst")) {
            const QString burstPath = child(path, QStringLiteral("burst"));
            if (auto n = count(*burst, burstPath))
                limit.burst = *n;
            if (limit.metric == Concurrency)
                add(burstPath, QStringLiteral("burst does not apply to concurrency: there is no bucket, only "
                                              "the number of requests in flight"));
            else if (!limit.window.isEmpty() && !SlidingWindows.contains(limit.window))
                add(burstPath,
                    QStringLiteral("burst applies only to sliding windows (second, minute, hour): a "
                                   "%1 window is a calendar counter with no bucket to overfill")
                        .arg(limit.window));
        }
        if (SlidingWindows.contains(limit.window)) {
            // acquire.lua keeps a bucket in units of 1/window_ms token (gpu_seconds in gpu_ms) so refills
            // are exact integers; Lua numbers are doubles, exact only up to 2^53.
            const qint64 windowMs = limit.window == QLatin1String("second")   ? 1000
                                    : limit.window == QLatin1String("minute") ? 60'000
                                                                              : 3'600'000;
            const qint64 unit = limit.metric == QLatin1String("gpu_seconds") ? 1000 : 1;
            const qint64 maxCapacity = (qint64(1) << 53) / windowMs / unit;
            if (limit.limit + limit.burst > maxCapacity)
                add(child(path, QStringLiteral("limit")),
                    QStringLiteral(
                        "limit + burst too large for a %1 window: at most %2 (use a longer window)")
                        .arg(limit.window)
                        .arg(maxCapacity));
        }
        if (const json* expires = optional(v, "expires_at")) {
            const QString expiresPath = child(path, QStringLiteral("expires_at"));
            if (!subject)
                add(expiresPath,
                    QStringLiteral("expires_at is only allowed on subject limits (temporary raises)"));
            else if (auto s = string(*expires, expiresPath))
                limit.expiresAt = parseUtc(*s, expiresPath);
        }
        if (m_issues->size() != issuesBefore)
            return std::nullopt;
        return limit;
    }

    QDateTime parseUtc(const QString& s, const QString& path)
    {
        // A fixed shape so the Lua compiler can read it with one pattern.
        static const QRegularExpression re(
            QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z$"));
        QDateTime t;
        if (re.match(s).hasMatch())
            t = QDateTime::fromString(s, Qt::ISODateWithMs);
        if (!t.isValid()) {
            add(path, QStringLiteral("invalid date-time %1: expected ISO 8601 UTC like "
                                     "\"2025-06-30T00:00:00Z\" (optionally with .mmm milliseconds)")
                          .arg(jsonQuoted(s)));
            return {};
        }
        return t.toUTC();
    }

    std::optional<LoadRule> readLoadRule(const json& v, const QString& path, QSet<QString>* names)
    {
        if (!object(v, path))
            return std::nullopt;
        checkKeys(v, path, {"name", "tiers", "signal", "engage_above", "release_below", "factor"});
        const int issuesBefore = m_issues->size();
        LoadRule rule;
        if (const json* name = required(v, path, "name")) {
            const QString namePath = child(path, QStringLiteral("name"));
            if (auto n = string(*name, namePath); n && validName(*n, namePath, QStringLiteral("load rule"))) {
                rule.name = *n;
                if (names->contains(*n))
                    add(namePath, QStringLiteral("duplicate load rule name %1").arg(jsonQuoted(*n)));
                names->insert(*n);
            }
        }
        if (const json* tiers = required(v, path, "tiers")) {
            const QString tiersPath = child(path, QStringLiteral("tiers"));
            if (array(*tiers, tiersPath)) {
                if (tiers->empty())
                    add(tiersPath, QStringLiteral("names no tier: the rule would never apply"));
                for (std::size_t i = 0; i < tiers->size(); ++i) {
                    const QString tierPath = child(tiersPath, i);
                    if (auto t = string((*tiers)[i], tierPath)) {
                        if (!m_tierNames.contains(*t))
                            add(tierPath, QStringLiteral("unknown tier %1").arg(jsonQuoted(*t)));
                        else if (rule.tiers.contains(*t))
                            add(tierPath, QStringLiteral("tier %1 listed twice").arg(jsonQuoted(*t)));
                        rule.tiers << *t;
                    }
                }
            }
        }
        if (const json* signal = required(v, path, "signal")) {
            const QString signalPath = child(path, QStringLiteral("signal"));
            if (auto s = string(*signal, signalPath)) {
                rule.signal = *s;
                if (!Signals.contains(*s))
                    add(signalPath, QStringLiteral("unknown signal %1 (expected one of: %2)")
                                        .arg(jsonQuoted(*s), joinedQuoted(Signals)));
            }
        }
        const json* engage = required(v, path, "engage_above");
        const json* release = required(v, path, "release_below");
        std::optional<double> engageValue, releaseValue;
        if (engage)
            engageValue = number(*engage, child(path, QStringLiteral("engage_above")));
        if (release)
            releaseValue = number(*release, child(path, QStringLiteral("release_below")));
        if (engageValue && releaseValue) {
            rule.engageAbove = *engageValue;
            rule.releaseBelow = *releaseValue;
            if (!(rule.engageAbove > rule.releaseBelow))
                add(child(path, QStringLiteral("release_below")),
                    QStringLiteral("must be below engage_above (%1 is not below %2), or the rule would flap")
                        .arg(rule.releaseBelow)
                        .arg(rule.engageAbove));
        }
        if (const json* factor = required(v, path, "factor")) {
            const QString factorPath = child(path, QStringLiteral("factor"));
            if (auto f = number(*factor, factorPath)) {
                rule.factor = *f;
                if (!(*f > 0 && *f <= 1))
                    add(factorPath, QStringLiteral("must be greater than 0 and at most 1, got %1").arg(*f));
            }
        }
        if (m_issues->size() != issuesBefore)
            return std::nullopt;
        return rule;
    }

    QList<PolicyIssue>* m_issues;
    QSet<QString> m_tierNames;
    QSet<QString> m_groupNames;
};

json limitsToJson(const QList<PolicyLimit>& limits)
{
    json out = json::array();
    for (const PolicyLimit& l : limits) {
        json o = {{"metric", l.metric.toStdString()}, {"limit", l.limit}};
        if (!l.window.isEmpty())
            o["window"] = l.window.toStdString();
        if (l.burst != 0)
            o["burst"] = l.burst;
        if (l.expiresAt.isValid()) {
            const QDateTime utc = l.expiresAt.toUTC();
            const auto format = utc.time().msec() == 0 ? Qt::ISODate : Qt::ISODateWithMs;
            o["expires_at"] = utc.toString(format).toStdString();
        }
        out.push_back(std::move(o));
    }
    return out;
}

template <typename T> const T* findByName(const QList<T>& list, const QString& name, QString T::*field)
{
    for (const T& item : list)
        if (item.*field == name)
            return &item;
    return nullptr;
}

} // namespace

Policy Policy::parse(const QByteArray& json, QList<PolicyIssue>* issues)
{
    QList<PolicyIssue> local;
    QList<PolicyIssue>* out = issues ? issues : &local;
    out->clear();

    PathTracker tracker(out);
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(
            json.begin(), json.end(),
            [&tracker](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
                return tracker.onEvent(event, parsed);
            });
    } catch (const nlohmann::json::parse_error& e) {
        *out = {
            {QString(),
             QStringLiteral("malformed JSON at byte %1: %2").arg(e.byte).arg(QString::fromUtf8(e.what()))}};
        return {};
    } catch (const nlohmann::json::out_of_range& e) {
        *out = {{tracker.pendingPath(),
                 QStringLiteral("number out of range: %1").arg(QString::fromUtf8(e.what()))}};
        return {};
    } catch (const PathTracker::TooDeep& e) {
        *out = {{e.path, QStringLiteral("nested deeper than %1 levels").arg(MaxDepth)}};
        return {};
    }
    return Reader(out).read(root);
}

QByteArray Policy::toJson() const
{
    nlohmann::json root = nlohmann::json::object();
    root["schema"] = m_schema;
    root["timezone"] = m_timezone.toStdString();
    root["default_tier"] = m_defaultTier.toStdString();

    nlohmann::json tiers = nlohmann::json::object();
    nlohmann::json attributes = nlohmann::json::object();
    for (const PolicyTier& t : m_tiers) {
        nlohmann::json o = {
            {"limits", limitsToJson(t.limits)},
            {"on_store_unavailable",
             t.onStoreUnavailable == PolicyTier::StoreUnavailable::FailOpen ? "fail_open" : "fail_closed"}};
        if (t.emergencyRequests || t.emergencyTokens) {
            nlohmann::json budget = nlohmann::json::object();
            if (t.emergencyRequests)
                budget["requests"] = *t.emergencyRequests;
            if (t.emergencyTokens)
                budget["tokens"] = *t.emergencyTokens;
            o["emergency_budget"] = budget;
        }
        tiers[t.name.toStdString()] = std::move(o);
        if (!t.attributes.isEmpty())
            attributes[t.name.toStdString()] = fromQt(t.attributes);
    }
    root["tiers"] = std::move(tiers);
    if (!attributes.empty())
        root["attributes"] = std::move(attributes);

    if (!m_groups.isEmpty()) {
        nlohmann::json groups = nlohmann::json::object();
        for (const PolicyGroup& g : m_groups) {
            nlohmann::json o = {{"limits", limitsToJson(g.limits)}};
            if (!g.parent.isEmpty())
                o["parent"] = g.parent.toStdString();
            groups[g.name.toStdString()] = std::move(o);
        }
        root["groups"] = std::move(groups);
    }
    if (!m_subjects.isEmpty()) {
        nlohmann::json subjects = nlohmann::json::object();
        for (const PolicySubject& s : m_subjects) {
            nlohmann::json o = nlohmann::json::object();
            if (!s.tier.isEmpty())
                o["tier"] = s.tier.toStdString();
            if (!s.group.isEmpty())
                o["group"] = s.group.toStdString();
            if (!s.limits.isEmpty())
                o["limits"] = limitsToJson(s.limits);
            subjects[s.id.toStdString()] = std::move(o);
        }
        root["subjects"] = std::move(subjects);
    }
    if (!m_loadRules.isEmpty()) {
        nlohmann::json rules = nlohmann::json::array();
        for (const LoadRule& r : m_loadRules) {
            nlohmann::json tierNames = nlohmann::json::array();
            for (const QString& t : r.tiers)
                tierNames.push_back(t.toStdString());
            rules.push_back({{"name", r.name.toStdString()},
                             {"tiers", std::move(tierNames)},
                             {"signal", r.signal.toStdString()},
                             {"engage_above", r.engageAbove},
                             {"release_below", r.releaseBelow},
                             {"factor", r.factor}});
        }
        root["load_rules"] = std::move(rules);
    }
    return QByteArray::fromStdString(root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                                     "\n");
}

QList<PolicyIssue> Policy::validate() const
{
    QList<PolicyIssue> issues;
    // toJson() would silently merge two entries of the same name: catch them first.
    auto duplicates = [&issues](const QString& section, const QStringList& names) {
        QSet<QString> seen;
        for (const QString& n : names) {
            if (seen.contains(n))
                issues.append({child(section, n), QStringLiteral("defined twice")});
            seen.insert(n);
        }
    };
    QStringList names;
    for (const PolicyTier& t : m_tiers)
        names << t.name;
    duplicates(QStringLiteral("/tiers"), names);
    names.clear();
    for (const PolicyGroup& g : m_groups)
        names << g.name;
    duplicates(QStringLiteral("/groups"), names);
    names.clear();
    for (const PolicySubject& s : m_subjects)
        names << s.id;
    duplicates(QStringLiteral("/subjects"), names);

    QList<PolicyIssue> documentIssues;
    parse(toJson(), &documentIssues);
    return issues + documentIssues;
}

const QStringList& Policy::loadSignals()
{
    return Signals;
}

const PolicyTier* Policy::tier(const QString& name) const
{
    return findByName(m_tiers, name, &PolicyTier::name);
}

const PolicyGroup* Policy::group(const QString& name) const
{
    return findByName(m_groups, name, &PolicyGroup::name);
}

const PolicySubject* Policy::subject(const QString& id) const
{
    return findByName(m_subjects, id, &PolicySubject::id);
}

QString Policy::tierOf(const QString& subjectId) const
{
    const PolicySubject* s = subject(subjectId);
    return s && !s->tier.isEmpty() ? s->tier : m_defaultTier;
}

QList<QPair<qint64, int>> Policy::timezoneTransitions(const QString& ianaId, qint64 fromMs, qint64 toMs)
{
    const QByteArray id = ianaId.toUtf8();
    if (!QTimeZone::isTimeZoneIdAvailable(id))
        return {};
    const QTimeZone zone(id);
    if (!zone.isValid())
        return {};
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(fromMs, Qt::UTC);
    QList<QPair<qint64, int>> result{{fromMs, zone.offsetFromUtc(from)}};
    if (toMs <= fromMs)
        return result;
    const auto transitions = zone.transitions(from, QDateTime::fromMSecsSinceEpoch(toMs, Qt::UTC));
    for (const QTimeZone::OffsetData& t : transitions) {
        const qint64 at = t.atUtc.toMSecsSinceEpoch();
        // Scripts only need the UTC offset: skip entries that change only the name or DST flag.
        if (at <= fromMs || at > toMs || t.offsetFromUtc == result.constLast().second)
            continue;
        result.append({at, t.offsetFromUtc});
    }
    return result;
}

} // namespace quotadesk
