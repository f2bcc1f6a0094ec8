#include "QuotactlCommand.h"

#include "Actor.h"
#include "AuditLog.h"
#include "Policy.h"
#include "PolicyStore.h"
#include "QuotaEngine.h"
#include "RedisConnection.h"
#include "RequestStore.h"
#include "StoreError.h"
#include "UsageReader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>
#include <functional>
#include <memory>
#include <sys/stat.h>

namespace quotadesk {

namespace {

constexpr auto defaultUrl = "redis://127.0.0.1:6379";

StoreError badInput(const QString& message)
{
    return StoreError(StoreError::Kind::Invalid, message);
}

// Everything one command needs: its arguments, options, and a connection opened on first use (so
// `policy validate` works without a store).
struct Context
{
    QTextStream& out;
    QTextStream& err;
    const QCommandLineParser& parser;
    QStringList args;
    RedisEndpoint endpoint;
    std::unique_ptr<RedisConnection> conn;

    RedisConnection& connection()
    {
        if (!conn) {
            conn = std::make_unique<RedisConnection>(endpoint);
            conn->connect();
        }
        return *conn;
    }
    QString prefix() const { return endpoint.prefix; }
    Actor actor() { return Actor::detect(connection()); }
    bool isSet(const QString& name) const { return parser.isSet(name); }
    QString value(const QString& name) const { return parser.value(name); }

    qint64 integer(const QString& name, qint64 min, qint64 fallback = 0) const
    {
        if (!isSet(name))
            return fallback;
        return parseInteger(QStringLiteral("--") + name, value(name), min);
    }
    double number(const QString& name, double min, double fallback = 0) const
    {
        if (!isSet(name))
            return fallback;
        bool ok = false;
        const double v = value(name).toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < min)
            throw badInput(
                QStringLiteral("--%1: \"%2\" is not a number >= %3").arg(name, value(name)).arg(min));
        return v;
    }
    static qint64 parseInteger(const QString& what, const QString& text, qint64 min)
    {
        bool ok = false;
        const qint64 v = text.toLongLong(&ok);
        if (!ok || v < min)
            throw badInput(QStringLiteral("%1: \"%2\" is not an integer >= %3").arg(what, text).arg(min));
        return v;
    }
};

using Handler = std::function<int(Context&)>;

struct CommandSpec
{
    QStringList words;     // "policy", "set"
    QStringList arguments; // names of the positional arguments, for messages
    QStringList options;   // command options allowed besides the global ones
    QStringList required;  // options that must be given
    Handler handler;
};

QString formatTime(qint64 ms)
{
    if (ms <= 0)
        return QStringLiteral("-");
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

// ISO 8601 date-time, or a date meaning "until the end of that day (UTC)".
qint64 parseDate(const QString& option, const QString& text)
{
    QDateTime t;
    const QDate day = QDate::fromString(text, Qt::ISODate);
    if (day.isValid() && text.size() == 10) {
        t = QDateTime(day.addDays(1), QTime(0, 0), Qt::UTC);
    } else {
        t = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (t.isValid() && t.timeSpec() == Qt::LocalTime)
            t.setTimeSpec(Qt::UTC); // no zone given means UTC, like the policy's expires_at
    }
    if (!t.isValid())
        throw badInput(
            QStringLiteral(
                "--%1: \"%2\" is not an ISO 8601 date (2025-12-31) or date-time (2025-12-31T18:00:00Z)")
                .arg(option, text));
    return t.toMSecsSinceEpoch();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw badInput(QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    return f.readAll();
}

QString padded(const QString& s, int width)
{
    return s.leftJustified(width, QLatin1Char(' '));
}

// ---- policy
// -------------------------------------------------------------------------------------------------

int policyGet(Context& c)
{
    PolicyStore store(c.connection(), c.prefix(), c.actor());
    const PolicyVersion current = store.current();
    if (current.version == 0)
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("no policy is published under prefix %1").arg(c.prefix()));
    c.out << current.document;
    if (!current.document.endsWith('\n'))
        c.out << Qt::endl;
    c.err << QStringLiteral("version %1, published %2 by %3 (%4)")
                 .arg(current.version)
                 .arg(formatTime(current.atMs), current.actor, current.osUser)
          << Qt::endl;
    return QuotactlCommand::Ok;
}

int policySet(Context& c)
{
    const QByteArray document = readFile(c.args[0]);
    // Validate before connecting: a broken file is the caller's problem even when the store is down.
    QList<PolicyIssue> issues;
    Policy::parse(document, &issues);
    if (!issues.isEmpty()) {
        for (const PolicyIssue& issue : issues)
            c.err << c.args[0] << QStringLiteral(": ") << issue.toString() << Qt::endl;
        throw badInput(
            QStringLiteral("%1: %2 problem(s), nothing published").arg(c.args[0]).arg(issues.size()));
    }
    PolicyStore store(c.connection(), c.prefix(), c.actor());
    // Without --expect-version the version read now is expected: a publish racing in between still conflicts.
    const qint64 expected = c.isSet(QStringLiteral("expect-version"))
                                ? c.integer(QStringLiteral("expect-version"), 0)
                                : store.current().version;
    const qint64 version = store.publish(document, expected, c.value(QStringLiteral("comment")));
    c.out << QStringLiteral("published version %1").arg(version) << Qt::endl;
    return QuotactlCommand::Ok;
}

int policyHistory(Context& c)
{
    PolicyStore store(c.connection(), c.prefix(), c.actor());
    const int limit = int(c.integer(QStringLiteral("limit"), 1, 100));
    c.out << padded(QStringLiteral("VERSION"), 9) << padded(QStringLiteral("PUBLISHED"), 22)
          << padded(QStringLiteral("ACTOR"), 30) << QStringLiteral("COMMENT") << Qt::endl;
    int shown = 0;
    for (const PolicyVersion& v : store.history()) {
        if (shown++ >= limit)
            break;
        c.out << padded(QString::number(v.version), 9) << padded(formatTime(v.atMs), 22)
              << padded(v.actor + QStringLiteral(" (") + v.osUser + QLatin1Char(')'), 30) << v.comment
              << Qt::endl;
    }
    return QuotactlCommand::Ok;
}

int policyRollback(Context& c)
{
    const qint64 target = Context::parseInteger(QStringLiteral("VERSION"), c.args[0], 1);
    PolicyStore store(c.connection(), c.prefix(), c.actor());
    const QString comment = c.isSet(QStringLiteral("comment"))
                                ? c.value(QStringLiteral("comment"))
                                : QStringLiteral("rollback to version %1").arg(target);
    const qint64 version = store.rollback(target, comment);
    c.out << QStringLiteral("published version %1 (the document of version %2)").arg(version).arg(target)
          << Qt::endl;
    return QuotactlCommand::Ok;
}

// ---- decisions
// ----------------------------------------------------------------------------------------------

QString gatewayId()
{
    return QStringLiteral("quotactl@%1:%2")
        .arg(QHostInfo::localHostName())
        .arg(QCoreApplication::applicationPid());
}

int acquire(Context& c)
{
    const qint64 tokens = c.integer(QStringLiteral("tokens"), 0);
    const double gpu = c.number(QStringLiteral("gpu-seconds"), 0);
    const double ttlSeconds = c.number(QStringLiteral("lease-ttl"), 0.001, 60);
    if (ttlSeconds > 7 * 24 * 3600)
        throw badInput(QStringLiteral("--lease-ttl: %1 s is longer than a week").arg(ttlSeconds));
    QuotaEngine engine(c.connection(), c.prefix(), gatewayId());
    const Decision d = engine.acquire(c.args[0], c.value(QStringLiteral("client")), Reservation{tokens, gpu},
                                      int(std::llround(ttlSeconds * 1000)));
    // quotactl sends no heartbeats: fold the usage record now, so `quotactl usage/top` shows this call.
    engine.foldUsage();
    c.out << d.raw;
    if (!d.raw.endsWith('\n'))
        c.out << Qt::endl;
    if (d.admitted)
        return QuotactlCommand::Ok;
    c.err << QStringLiteral("denied: ") << (d.reason.isEmpty() ? d.code : d.reason) << Qt::endl;
    return QuotactlCommand::Denied;
}

int settle(Context& c)
{
    const qint64 tokens = c.integer(QStringLiteral("tokens"), 0);
    const double gpu = c.number(QStringLiteral("gpu-seconds"), 0);
    QuotaEngine engine(c.connection(), c.prefix(), gatewayId());
    engine.settle(c.args[0], Reservation{tokens, gpu});
    engine.foldUsage();
    c.out << QStringLiteral("settled lease %1: %2 tokens, %3 GPU-seconds").arg(c.args[0]).arg(tokens).arg(gpu)
          << Qt::endl;
    return QuotactlCommand::Ok;
}

int release(Context& c)
{
    QuotaEngine engine(c.connection(), c.prefix(), gatewayId());
    engine.release(c.args[0]);
    engine.foldUsage();
    c.out << QStringLiteral("released lease %1").arg(c.args[0]) << Qt::endl;
    return QuotactlCommand::Ok;
}

int policyValidate(Context& c)
{
    QList<PolicyIssue> issues;
    Policy::parse(readFile(c.args[0]), &issues);
    if (!issues.isEmpty()) {
        for (const PolicyIssue& issue : issues)
            c.err << c.args[0] << QStringLiteral(": ") << issue.toString() << Qt::endl;
        c.err << QStringLiteral("%1: %2 problem(s)").arg(c.args[0]).arg(issues.size()) << Qt::endl;
        return QuotactlCommand::BadInput;
    }
    c.out << c.args[0] << QStringLiteral(": valid") << Qt::endl;
    return QuotactlCommand::Ok;
}

// ---- usage
// --------------------------------------------------------------------------------------------------

int usage(Context& c)
{
    const QString& subject = c.args[0];
    if (!subject.startsWith(QLatin1String("user:")) && !subject.startsWith(QLatin1String("client:")))
        throw badInput(QStringLiteral("subject \"%1\" must start with user: or client:").arg(subject));
    UsageReader reader(c.connection(), c.prefix());
    if (reader.policyVersion() == 0)
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("no policy is published under prefix %1").arg(c.prefix()));
    const QList<SubjectUsage> rows = reader.subjectUsage({subject});
    if (rows.isEmpty())
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no usage for %1").arg(subject));
    const SubjectUsage& u = rows.first();
    c.out << QStringLiteral("subject %1  tier %2  group %3  denials today %4")
                 .arg(u.id, u.tier, u.group.isEmpty() ? QStringLiteral("-") : u.group)
                 .arg(u.denialsToday)
          << Qt::endl;
    c.out << padded(QStringLiteral("LIMIT"), 24) << padded(QStringLiteral("USED"), 14)
          << padded(QStringLiteral("OF"), 14) << padded(QStringLiteral("%"), 8) << QStringLiteral("SOURCE")
          << Qt::endl;
    for (const LimitUsage& l : u.limits) {
        // gpu_seconds are stored as milli-GPU-seconds; show seconds as the policy writes them.
        const bool gpu = l.metric == QLatin1String("gpu_seconds");
        const QString used = gpu ? QString::number(double(l.used) / 1000.0, 'f', 3) : QString::number(l.used);
        const QString limit =
            gpu ? QString::number(double(l.limit) / 1000.0, 'f', 3) : QString::number(l.limit);
        QString source = l.source;
        if (l.expiresAtMs > 0)
            source += QStringLiteral(" until ") + formatTime(l.expiresAtMs);
        c.out << padded(l.label(), 24) << padded(used, 14) << padded(limit, 14)
              << padded(QString::number(100.0 * l.fraction(), 'f', 1), 8) << source << Qt::endl;
    }
    return QuotactlCommand::Ok;
}

int top(Context& c)
{
    static const QStringList metrics{QStringLiteral("requests"), QStringLiteral("tokens"),
                                     QStringLiteral("gpu_seconds"), QStringLiteral("denials")};
    static const QStringList windows{QStringLiteral("minute"), QStringLiteral("day"),
                                     QStringLiteral("month")};
    if (!metrics.contains(c.args[0]))
        throw badInput(QStringLiteral("METRIC \"%1\" must be one of %2").arg(c.args[0], metrics.join(u", ")));
    if (!windows.contains(c.args[1]))
        throw badInput(QStringLiteral("WINDOW \"%1\" must be one of %2").arg(c.args[1], windows.join(u", ")));
    const int limit = int(c.integer(QStringLiteral("limit"), 1, 10));
    UsageReader reader(c.connection(), c.prefix());
    const QList<TopEntry> rows = reader.top(c.args[0], c.args[1], limit);
    const bool gpu = c.args[0] == QLatin1String("gpu_seconds");
    int rank = 0;
    for (const TopEntry& e : rows) {
        const QString value =
            gpu ? QString::number(double(e.value) / 1000.0, 'f', 3) : QString::number(e.value);
        c.out << padded(QString::number(++rank), 5) << padded(e.subject, 32) << value << Qt::endl;
    }
    return QuotactlCommand::Ok;
}

// ---- requests
// -----------------------------------------------------------------------------------------------

void printRequests(Context& c, const QList<QuotaRequest>& rows)
{
    c.out << padded(QStringLiteral("ID"), 6) << padded(QStringLiteral("STATE"), 10)
          << padded(QStringLiteral("SUBJECT"), 24) << padded(QStringLiteral("LIMIT"), 20)
          << padded(QStringLiteral("AMOUNT"), 12) << padded(QStringLiteral("EXPIRES"), 22)
          << padded(QStringLiteral("SUBMITTED"), 22) << padded(QStringLiteral("BY"), 12)
          << QStringLiteral("REASON") << Qt::endl;
    for (const QuotaRequest& r : rows) {
        const bool approved = r.state == QLatin1String("approved") || r.approvedAmount > 0;
        const qint64 amount = approved && r.approvedAmount > 0 ? r.approvedAmount : r.amount;
        const qint64 expires = approved ? r.approvedExpiresAtMs : r.expiresAtMs;
        c.out << padded(QString::number(r.id), 6) << padded(r.state, 10) << padded(r.subject, 24)
              << padded(r.window.isEmpty() ? r.metric : r.metric + QLatin1Char('/') + r.window, 20)
              << padded(QString::number(amount), 12)
              << padded(expires > 0 ? formatTime(expires) : QStringLiteral("permanent"), 22)
              << padded(formatTime(r.submittedAtMs), 22) << padded(r.submittedBy, 12) << r.reason << Qt::endl;
    }
}

qint64 requestId(const QString& text)
{
    return Context::parseInteger(QStringLiteral("ID"), text, 1);
}

int requestSubmit(Context& c)
{
    const qint64 amount = c.integer(QStringLiteral("amount"), 1);
    const qint64 expires = c.isSet(QStringLiteral("expires"))
                               ? parseDate(QStringLiteral("expires"), c.value(QStringLiteral("expires")))
                               : 0;
    const QString metric = c.value(QStringLiteral("metric"));
    // concurrency has no window; accept "--window -" or no --window for it.
    QString window = c.value(QStringLiteral("window"));
    if (metric == QLatin1String("concurrency") && window == QLatin1String("-"))
        window.clear();
    if (metric != QLatin1String("concurrency") && window.isEmpty())
        throw badInput(QStringLiteral("request submit: --window is required for %1").arg(metric));
    RequestStore store(c.connection(), c.prefix(), c.actor());
    const qint64 id =
        store.submit(c.args[0], metric, window, amount, expires, c.value(QStringLiteral("reason")));
    c.out << QStringLiteral("request %1 submitted").arg(id) << Qt::endl;
    return QuotactlCommand::Ok;
}

int requestList(Context& c)
{
    static const QStringList states{QStringLiteral("pending"), QStringLiteral("approved"),
                                    QStringLiteral("denied"), QStringLiteral("cancelled"),
                                    QStringLiteral("expired")};
    const QString state = c.value(QStringLiteral("state"));
    if (!state.isEmpty() && !states.contains(state))
        throw badInput(QStringLiteral("--state \"%1\" must be one of %2").arg(state, states.join(u", ")));
    RequestStore store(c.connection(), c.prefix(), c.actor());
    printRequests(c, store.list(state, int(c.integer(QStringLiteral("limit"), 1, 100))));
    return QuotactlCommand::Ok;
}

int requestApprove(Context& c)
{
    const qint64 id = requestId(c.args[0]);
    std::optional<qint64> amount, expires;
    if (c.isSet(QStringLiteral("amount")))
        amount = c.integer(QStringLiteral("amount"), 1);
    if (c.isSet(QStringLiteral("expires")))
        expires = parseDate(QStringLiteral("expires"), c.value(QStringLiteral("expires")));
    RequestStore store(c.connection(), c.prefix(), c.actor());
    const QuotaRequest r = store.approve(id, amount, expires, c.value(QStringLiteral("comment")));
    c.out << QStringLiteral("request %1 approved: %2 %3 = %4 (policy version %5)")
                 .arg(r.id)
                 .arg(r.subject, r.window.isEmpty() ? r.metric : r.metric + QLatin1Char('/') + r.window)
                 .arg(r.approvedAmount)
                 .arg(r.policyVersion)
          << Qt::endl;
    return QuotactlCommand::Ok;
}

int requestDeny(Context& c)
{
    const qint64 id = requestId(c.args[0]);
    RequestStore store(c.connection(), c.prefix(), c.actor());
    const QuotaRequest r = store.deny(id, c.value(QStringLiteral("reason")));
    c.out << QStringLiteral("request %1 denied").arg(r.id) << Qt::endl;
    return QuotactlCommand::Ok;
}

int requestCancel(Context& c)
{
    const qint64 id = requestId(c.args[0]);
    RequestStore store(c.connection(), c.prefix(), c.actor());
    const QuotaRequest r = store.cancel(id, c.value(QStringLiteral("comment")));
    c.out << QStringLiteral("request %1 cancelled").arg(r.id) << Qt::endl;
    return QuotactlCommand::Ok;
}

// ---- audit
// --------------------------------------------------------------------------------------------------

int audit(Context& c)
{
    AuditLog log(c.connection(), c.prefix());
    AuditLog::Filter filter;
    filter.actor = c.value(QStringLiteral("actor"));
    filter.action = c.value(QStringLiteral("action"));
    filter.subject = c.value(QStringLiteral("subject"));
    const QList<AuditEntry> entries = log.read(int(c.integer(QStringLiteral("limit"), 1, 20)), filter);
    c.out << padded(QStringLiteral("TIME"), 22) << padded(QStringLiteral("ACTOR"), 30)
          << padded(QStringLiteral("ACTION"), 18) << padded(QStringLiteral("SUBJECT"), 24)
          << padded(QStringLiteral("COMMENT"), 24) << QStringLiteral("BEFORE -> AFTER") << Qt::endl;
    for (const AuditEntry& e : entries) {
        auto orDash = [](const QString& s) {
            return s.isEmpty() ? QStringLiteral("-") : s;
        };
        c.out << padded(formatTime(e.atMs), 22)
              << padded(e.actor + QStringLiteral(" (") + e.osUser + QLatin1Char(')'), 30)
              << padded(e.action, 18) << padded(orDash(e.subject), 24) << padded(orDash(e.comment), 24)
              << orDash(e.before) << QStringLiteral(" -> ") << orDash(e.after) << Qt::endl;
    }
    return QuotactlCommand::Ok;
}

// ---- load
// ---------------------------------------------------------------------------------------------------

int loadSet(Context& c)
{
    bool ok = false;
    const double factor = c.args[1].toDouble(&ok);
    if (!ok || !(factor > 0) || factor > 1)
        throw badInput(QStringLiteral("FACTOR \"%1\" must be a number with 0 < FACTOR <= 1").arg(c.args[1]));
    const qint64 seconds = c.integer(QStringLiteral("for"), 1);
    PolicyStore store(c.connection(), c.prefix(), c.actor());
    store.setLoadFactor(c.args[0], factor, seconds, c.value(QStringLiteral("comment")));
    c.out << QStringLiteral("tier %1: load factor %2 for %3 s").arg(c.args[0]).arg(factor).arg(seconds)
          << Qt::endl;
    return QuotactlCommand::Ok;
}

int loadShow(Context& c)
{
    const RedisReply reply = c.connection().call({"HGETALL", (c.prefix() + QStringLiteral("load")).toUtf8()});
    const auto& fields = reply.toArray(c.prefix() + QStringLiteral("load"));
    c.out << padded(QStringLiteral("TIER"), 20) << padded(QStringLiteral("FACTOR"), 8)
          << padded(QStringLiteral("SOURCE"), 28) << padded(QStringLiteral("SINCE"), 22)
          << QStringLiteral("UNTIL") << Qt::endl;
    for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
        const QString tier = QString::fromUtf8(fields[i].string);
        const QString where = QStringLiteral("%1load field %2").arg(c.prefix(), tier);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(fields[i + 1].string, &error);
        if (!doc.isObject() || !doc.object().value(QStringLiteral("factor")).isDouble())
            throw StoreError(StoreError::Kind::Protocol,
                             QStringLiteral("%1: expected {\"factor\": number, ...}, found %2")
                                 .arg(where, QString::fromUtf8(fields[i + 1].string.left(80))));
        const QJsonObject o = doc.object();
        c.out << padded(tier, 20) << padded(QString::number(o.value(QStringLiteral("factor")).toDouble()), 8)
              << padded(o.value(QStringLiteral("source")).toString(QStringLiteral("-")), 28)
              << padded(formatTime(qint64(o.value(QStringLiteral("since")).toDouble())), 22)
              << formatTime(qint64(o.value(QStringLiteral("until")).toDouble())) << Qt::endl;
    }
    return QuotactlCommand::Ok;
}

QList<CommandSpec> commands()
{
    return {
        {{"policy", "get"}, {}, {}, {}, policyGet},
        {{"policy", "set"}, {"FILE"}, {"expect-version", "comment"}, {}, policySet},
        {{"policy", "validate"}, {"FILE"}, {}, {}, policyValidate},
        {{"policy", "history"}, {}, {"limit"}, {}, policyHistory},
        {{"policy", "rollback"}, {"VERSION"}, {"comment"}, {}, policyRollback},
        {{"acquire"}, {"USER"}, {"client", "tokens", "gpu-seconds", "lease-ttl"}, {}, acquire},
        {{"settle"}, {"LEASE"}, {"tokens", "gpu-seconds"}, {"tokens"}, settle},
        {{"release"}, {"LEASE"}, {}, {}, release},
        {{"usage"}, {"SUBJECT"}, {}, {}, usage},
        {{"top"}, {"METRIC", "WINDOW"}, {"limit"}, {}, top},
        {{"request", "submit"},
         {"SUBJECT"},
         {"metric", "window", "amount", "reason", "expires"},
         {"metric", "amount", "reason"},
         requestSubmit},
        {{"request", "list"}, {}, {"state", "limit"}, {}, requestList},
        {{"request", "approve"}, {"ID"}, {"amount", "expires", "comment"}, {}, requestApprove},
        {{"request", "deny"}, {"ID"}, {"reason"}, {"reason"}, requestDeny},
        {{"request", "cancel"}, {"ID"}, {"comment"}, {}, requestCancel},
        {{"audit"}, {}, {"limit", "actor", "action", "subject"}, {}, audit},
        {{"load", "set"}, {"TIER", "FACTOR"}, {"for", "comment"}, {"for", "comment"}, loadSet},
        {{"load", "show"}, {}, {}, {}, loadShow},
    };
}

const QStringList globalOptions{QStringLiteral("redis"), QStringLiteral("prefix"),
                                QStringLiteral("password-file"), QStringLiteral("ca"),
                                QStringLiteral("insecure")};

} // namespace

QuotactlCommand::QuotactlCommand(QTextStream& out, QTextStream& err, QProcessEnvironment environment)
    : m_out(out), m_err(err), m_env(std::move(environment))
{}

QuotactlCommand::~QuotactlCommand() = default;

QString QuotactlCommand::helpText()
{
    return QStringLiteral(R"(Usage: quotactl [GLOBAL OPTIONS] COMMAND [ARGUMENTS] [OPTIONS]

QuotaDesk command line: policies, quota decisions, usage, quota-increase requests, audit, load.

Commands:
  policy get                          print the published policy document
  policy set FILE [--expect-version N] [--comment TEXT]
                                      validate and publish FILE (compare-and-set on the version)
  policy validate FILE                check FILE without a store
  policy history [--limit N]          published versions, newest first (default 100)
  policy rollback VERSION [--comment TEXT]
                                      republish VERSION's document as a new version
  acquire USER [--client C] [--tokens N] [--gpu-seconds S] [--lease-ttl S]
                                      ask for quota; prints the decision as JSON; exit 3 when denied
  settle LEASE --tokens N [--gpu-seconds S]
                                      charge the actual usage of a lease
  release LEASE                       refund a lease entirely
  usage SUBJECT                       usage against each effective limit (user:NAME or client:NAME)
  top METRIC WINDOW [--limit N]       top subjects; METRIC requests|tokens|gpu_seconds|denials,
                                      WINDOW minute|day|month
  request submit SUBJECT --metric M --window W --amount N --reason TEXT [--expires DATE]
  request list [--state S] [--limit N]
                                      S pending|approved|denied|cancelled|expired
  request approve ID [--amount N] [--expires DATE] [--comment TEXT]
  request deny ID --reason TEXT
  request cancel ID [--comment TEXT]  withdraw your own pending request
  audit [--limit N] [--actor A] [--action A] [--subject S]
  load set TIER FACTOR --for SECONDS --comment TEXT
                                      operator load factor (0 < FACTOR <= 1) for a while
  load show                           load factors in force

Global options:
  --redis URL            redis://[user:password@]host:port[/db] or rediss:// (TLS);
                         default $QUOTADESK_REDIS_URL or redis://127.0.0.1:6379
  --prefix P             key prefix (default qd:)
  --password-file F      read the password from F (must have mode 0600); otherwise the URL's password,
                         otherwise $QUOTADESK_REDIS_PASSWORD
  --ca FILE              CA bundle to verify a rediss:// server
  --insecure             rediss:// without certificate verification (explicit opt-in)
  -h, --help             this help
  -v, --version          the version

DATE is ISO 8601: 2025-12-31 (until the end of that day, UTC) or 2025-12-31T18:00:00Z.

Exit codes: 0 done (admitted), 1 unexpected store reply, 2 bad input (usage, invalid file, unknown
lease/request/version), 3 denied, 4 store unreachable or refused (wrong password, NOPERM), 5 conflict
(version changed, request already decided, lease expired).
Messages go to stderr, data to stdout.
)");
}

QString QuotactlCommand::readPasswordFile(const QString& path)
{
    struct stat st
    {};
    const QByteArray native = QFile::encodeName(path);
    if (::stat(native.constData(), &st) != 0)
        throw badInput(
            QStringLiteral("--password-file %1: cannot read it (%2)").arg(path, qt_error_string(errno)));
    if (!S_ISREG(st.st_mode))
        throw badInput(QStringLiteral("--password-file %1: not a regular file").arg(path));
    if ((st.st_mode & 07777) != 0600)
        throw badInput(
            QStringLiteral("--password-file %1: refused, its mode is %2; run chmod 600 %1 so only "
                           "its owner can read it")
                .arg(path, QString::number(st.st_mode & 07777, 8).rightJustified(4, QLatin1Char('0'))));
    QString password = QString::fromUtf8(readFile(path));
    // Editors add a final newline; a password never ends with one.
    while (password.endsWith(QLatin1Char('\n')) || password.endsWith(QLatin1Char('\r')))
        password.chop(1);
    if (password.isEmpty())
        throw badInput(QStringLiteral("--password-file %1: the file is empty").arg(path));
    return password;
}

RedisEndpoint QuotactlCommand::resolveEndpoint(const QString& url, const QString& passwordFile,
                                               const QString& caFile, bool insecure, const QString& prefix,
                                               const QProcessEnvironment& environment)
{
    RedisEndpoint ep;
    try {
        ep = RedisEndpoint::fromUrl(url);
    } catch (const StoreError& e) {
        // Never echo a URL that may carry a password, even one QUrl cannot parse.
        QString message = e.message();
        message.replace(QRegularExpression(QStringLiteral("://([^@/]*):[^@/]*@")),
                        QStringLiteral("://\\1:***@"));
        throw badInput(QStringLiteral("--redis: %1").arg(message));
    }
    if (!passwordFile.isEmpty()) {
        if (!ep.password.isEmpty())
            throw badInput(
                QStringLiteral("--password-file: the URL already carries a password; give only one"));
        ep.password = readPasswordFile(passwordFile);
    } else if (ep.password.isEmpty()) {
        ep.password = environment.value(QStringLiteral("QUOTADESK_REDIS_PASSWORD"));
    }
    if (!caFile.isEmpty()) {
        if (!ep.tls)
            throw badInput(QStringLiteral("--ca applies to rediss:// URLs only"));
        if (insecure)
            throw badInput(QStringLiteral("--ca and --insecure contradict each other: choose one"));
        if (!QFileInfo(caFile).isReadable())
            throw badInput(QStringLiteral("--ca %1: no such readable file").arg(caFile));
        ep.caFile = caFile;
    }
    if (insecure) {
        if (!ep.tls)
            throw badInput(QStringLiteral("--insecure applies to rediss:// URLs only"));
        ep.insecure = true;
    }
    if (prefix.isEmpty())
        throw badInput(QStringLiteral("--prefix must not be empty"));
    ep.prefix = prefix;
    return ep;
}

int QuotactlCommand::run(const QStringList& arguments)
{
    try {
        return execute(arguments);
    } catch (const StoreError& e) {
        m_err << QStringLiteral("quotactl: ") << e.message() << Qt::endl;
        switch (e.kind()) {
        case StoreError::Kind::Invalid:
        case StoreError::Kind::NotFound:
            return BadInput;
        case StoreError::Kind::Unreachable:
        case StoreError::Kind::Timeout:
        case StoreError::Kind::Auth:
        case StoreError::Kind::NoPermission:
            return Unavailable;
        case StoreError::Kind::Conflict:
            return Conflict;
        case StoreError::Kind::Protocol:
        case StoreError::Kind::Script:
            return Failed;
        }
        return Failed;
    } catch (const std::exception& e) {
        m_err << QStringLiteral("quotactl: ") << QString::fromLocal8Bit(e.what()) << Qt::endl;
        return Failed;
    }
}

int QuotactlCommand::execute(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    auto value = [](const char* name, const char* valueName) {
        return QCommandLineOption(QString::fromLatin1(name), QString(), QString::fromLatin1(valueName));
    };
    parser.addOptions({
        QCommandLineOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}),
        QCommandLineOption(QStringList{QStringLiteral("v"), QStringLiteral("version")}),
        value("redis", "URL"),
        value("prefix", "P"),
        value("password-file", "F"),
        value("ca", "FILE"),
        QCommandLineOption(QStringLiteral("insecure")),
        value("expect-version", "N"),
        value("comment", "TEXT"),
        value("limit", "N"),
        value("client", "C"),
        value("tokens", "N"),
        value("gpu-seconds", "S"),
        value("lease-ttl", "S"),
        value("metric", "M"),
        value("window", "W"),
        value("amount", "N"),
        value("reason", "TEXT"),
        value("expires", "DATE"),
        value("state", "S"),
        value("actor", "A"),
        value("action", "A"),
        value("subject", "S"),
        value("for", "SECONDS"),
    });
    if (!parser.parse(arguments))
        throw badInput(parser.errorText() + QStringLiteral(" (see quotactl --help)"));
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << helpText();
        return Ok;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        m_out << QStringLiteral("quotactl ") << QStringLiteral(QUOTADESK_VERSION) << Qt::endl;
        return Ok;
    }
    const QStringList words = parser.positionalArguments();
    if (words.isEmpty())
        throw badInput(QStringLiteral("no command given (see quotactl --help)"));

    const QList<CommandSpec> specs = commands();
    const CommandSpec* spec = nullptr;
    for (const CommandSpec& s : specs) {
        if (words.size() >= s.words.size() && words.mid(0, s.words.size()) == s.words &&
            (!spec || s.words.size() > spec->words.size()))
            spec = &s;
    }
    if (!spec)
        throw badInput(QStringLiteral("unknown command \"%1\" (see quotactl --help)").arg(words.join(u' ')));
    const QString name = spec->words.join(u' ');
    const QStringList args = words.mid(spec->words.size());
    if (args.size() != spec->arguments.size()) {
        const QString expected =
            spec->arguments.isEmpty() ? QStringLiteral("no arguments") : spec->arguments.join(u' ');
        throw badInput(QStringLiteral("%1: expected %2, got %3").arg(name, expected).arg(args.size()));
    }
    for (const QString& option : parser.optionNames()) {
        if (!globalOptions.contains(option) && !spec->options.contains(option))
            throw badInput(QStringLiteral("%1: option --%2 does not apply").arg(name, option));
    }
    for (const QString& option : spec->required) {
        if (!parser.isSet(option))
            throw badInput(QStringLiteral("%1: --%2 is required").arg(name, option));
    }
    for (const QString& option : parser.optionNames()) {
        if (parser.values(option).size() > 1)
            throw badInput(QStringLiteral("%1: --%2 given more than once").arg(name, option));
    }

    const QString url =
        parser.isSet(QStringLiteral("redis"))
            ? parser.value(QStringLiteral("redis"))
            : m_env.value(QStringLiteral("QUOTADESK_REDIS_URL"), QString::fromLatin1(defaultUrl));
    const QString prefix = parser.isSet(QStringLiteral("prefix")) ? parser.value(QStringLiteral("prefix"))
                                                                  : QStringLiteral("qd:");
    Context context{m_out,
                    m_err,
                    parser,
                    args,
                    resolveEndpoint(url, parser.value(QStringLiteral("password-file")),
                                    parser.value(QStringLiteral("ca")),
                                    parser.isSet(QStringLiteral("insecure")), prefix, m_env),
                    nullptr};
    return spec->handler(context);
}

} // namespace quotadesk
