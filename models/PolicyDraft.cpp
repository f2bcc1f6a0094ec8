#include "PolicyDraft.h"

#include "PolicyEditCommand.h"
#include "PolicyMerge.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimeZone>
#include <QUndoStack>

#include <algorithm>

namespace quotadesk {

namespace {

bool setError(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

template <typename T, typename Pred> T* findIn(QList<T>& list, Pred pred)
{
    for (T& item : list) {
        if (pred(item))
            return &item;
    }
    return nullptr;
}

} // namespace

PolicyDraft::PolicyDraft(QObject* parent) : QObject(parent), m_undo(new QUndoStack(this))
{
    m_autosave.setSingleShot(true);
    m_autosave.setInterval(1000);
    connect(&m_autosave, &QTimer::timeout, this, &PolicyDraft::saveNow);
}

PolicyDraft::~PolicyDraft()
{
    if (m_autosave.isActive())
        saveNow();
}

const QStringList& PolicyDraft::metrics()
{
    static const QStringList m{QStringLiteral("requests"), QStringLiteral("tokens"),
                               QStringLiteral("gpu_seconds"), QStringLiteral("concurrency")};
    return m;
}

const QStringList& PolicyDraft::windows()
{
    static const QStringList w{QStringLiteral("second"), QStringLiteral("minute"), QStringLiteral("hour"),
                               QStringLiteral("day"), QStringLiteral("month")};
    return w;
}

bool PolicyDraft::isSliding(const QString& window)
{
    return window == QLatin1String("second") || window == QLatin1String("minute") ||
           window == QLatin1String("hour");
}

void PolicyDraft::load(const Policy& live, qint64 version)
{
    load(live, version, live.validate());
}

void PolicyDraft::load(const Policy& live, qint64 version, const QList<PolicyIssue>& issues)
{
    m_base = live;
    m_baseVersion = version;
    m_loaded = true;
    m_conflicts.clear();
    m_undo->clear();
    m_policy = live;
    m_issues = issues;
    emit baseChanged();
    emit changed();
    m_autosave.start();
}

bool PolicyDraft::edit(const QString& text, const QString& cell, const std::function<bool(Policy&)>& change)
{
    Policy after = m_policy;
    if (!change(after) || after == m_policy)
        return false;
    m_undo->push(new PolicyEditCommand(this, m_policy, after, text, cell));
    return true;
}

void PolicyDraft::setPolicy(const Policy& policy)
{
    m_policy = policy;
    revalidate();
    emit changed();
    m_autosave.start();
}

void PolicyDraft::revalidate()
{
    m_issues = m_policy.validate();
}

QString PolicyDraft::issueText(const QString& path, const QString& rowPath) const
{
    QStringList out;
    for (const PolicyIssue& i : m_issues) {
        if (i.path == path || (!rowPath.isEmpty() && i.path == rowPath))
            out.append(i.message);
    }
    return out.join(QLatin1Char('\n'));
}

QString PolicyDraft::ownerPath(Owner owner, const QString& name)
{
    static const QString sections[] = {QStringLiteral("/tiers/"), QStringLiteral("/groups/"),
                                       QStringLiteral("/subjects/")};
    return sections[int(owner)] + PolicyMerge::escape(name);
}

QList<PolicyLimit>* PolicyDraft::limitsOf(Policy& policy, Owner owner, const QString& name)
{
    switch (owner) {
    case Owner::Tier:
        if (auto* t = findIn(policy.tiers(), [&](const PolicyTier& t) { return t.name == name; }))
            return &t->limits;
        break;
    case Owner::Group:
        if (auto* g = findIn(policy.groups(), [&](const PolicyGroup& g) { return g.name == name; }))
            return &g->limits;
        break;
    case Owner::Subject:
        if (auto* s = findIn(policy.subjects(), [&](const PolicySubject& s) { return s.id == name; }))
            return &s->limits;
        break;
    }
    return nullptr;
}

const QList<PolicyLimit>* PolicyDraft::limitsOf(const Policy& policy, Owner owner, const QString& name)
{
    return limitsOf(const_cast<Policy&>(policy), owner, name);
}

bool PolicyDraft::setLimitField(Owner owner, const QString& name, int row, Field field, const QVariant& value,
                                QString* error)
{
    const QString cell = ownerPath(owner, name) + QStringLiteral("/limits/%1/%2").arg(row).arg(int(field));
    QString refusal;
    const bool ok = edit(tr("Edit %1 limit").arg(name), cell, [&](Policy& p) {
        QList<PolicyLimit>* limits = limitsOf(p, owner, name);
        if (!limits || row < 0 || row >= limits->size())
            return setError(&refusal, tr("no limit %1 of %2").arg(row).arg(name));
        PolicyLimit& l = (*limits)[row];
        const QString text = value.toString().trimmed();
        switch (field) {
        case Field::Metric:
            if (!metrics().contains(text))
                return setError(&refusal, tr("unknown metric \"%1\"").arg(text));
            l.metric = text;
            if (text == QLatin1String("concurrency")) {
                l.window.clear();
                l.burst = 0;
            } else if (l.window.isEmpty()) {
                l.window = QStringLiteral("minute");
            }
            return true;
        case Field::Window:
            if (l.metric == QLatin1String("concurrency"))
                return setError(&refusal, tr("concurrency has no window"));
            if (!windows().contains(text))
                return setError(&refusal, tr("unknown window \"%1\"").arg(text));
            l.window = text;
            if (!isSliding(text))
                l.burst = 0;
            return true;
        case Field::Limit:
        case Field::Burst: {
            if (field == Field::Burst && !isSliding(l.window))
                return setError(&refusal, tr("burst applies to sliding windows (second, minute, hour) only"));
            bool isNumber = false;
            const qint64 v = text.toLongLong(&isNumber);
            if (!isNumber)
                return setError(&refusal, tr("\"%1\" is not a whole number").arg(text));
            (field == Field::Limit ? l.limit : l.burst) = v;
            return true;
        }
        case Field::Expires: {
            if (owner != Owner::Subject)
                return setError(&refusal, tr("only subject overrides expire"));
            if (value.typeId() == QMetaType::QDateTime) {
                l.expiresAt = value.toDateTime().toUTC();
                return true;
            }
            if (text.isEmpty()) {
                l.expiresAt = QDateTime();
                return true;
            }
            const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
            if (!t.isValid())
                return setError(&refusal, tr("\"%1\" is not a date (YYYY-MM-DDTHH:MM:SSZ)").arg(text));
            l.expiresAt = t.toUTC();
            return true;
        }
        }
        return false;
    });
    if (!refusal.isEmpty())
        return setError(error, refusal);
    return ok;
}

bool PolicyDraft::addLimit(Owner owner, const QString& name, QString* error)
{
    QString refusal;
    edit(tr("Add limit to %1").arg(name), {}, [&](Policy& p) {
        QList<PolicyLimit>* limits = limitsOf(p, owner, name);
        if (!limits)
            return setError(&refusal, tr("unknown %1").arg(name));
        // The first metric/window pair not yet used, so the new row starts valid.
        for (const QString& m : metrics()) {
            const QStringList ws = m == QLatin1String("concurrency") ? QStringList{QString()} : windows();
            for (const QString& w : ws) {
                const bool used = std::any_of(limits->cbegin(), limits->cend(), [&](const PolicyLimit& l) {
                    return l.metric == m && l.window == w;
                });
                if (!used) {
                    limits->append(PolicyLimit{m, w, 0, 0, {}});
                    return true;
                }
            }
        }
        return setError(&refusal, tr("%1 already has every metric and window").arg(name));
    });
    return refusal.isEmpty() || setError(error, refusal);
}

bool PolicyDraft::removeLimit(Owner owner, const QString& name, int row)
{
    return edit(tr("Remove limit of %1").arg(name), {}, [&](Policy& p) {
        QList<PolicyLimit>* limits = limitsOf(p, owner, name);
        if (!limits || row < 0 || row >= limits->size())
            return false;
        limits->removeAt(row);
        return true;
    });
}

bool PolicyDraft::addTier(const QString& name, QString* error)
{
    if (m_policy.tier(name))
        return setError(error, tr("tier %1 exists").arg(name));
    return edit(tr("Add tier %1").arg(name), {}, [&](Policy& p) {
        PolicyTier t;
        t.name = name;
        p.tiers().append(t);
        return true;
    });
}

bool PolicyDraft::removeTier(const QString& name)
{
    return edit(tr("Remove tier %1").arg(name), {}, [&](Policy& p) {
        return p.tiers().removeIf([&](const PolicyTier& t) { return t.name == name; }) > 0;
    });
}

bool PolicyDraft::addGroup(const QString& name, const QString& parent, QString* error)
{
    if (m_policy.group(name))
        return setError(error, tr("group %1 exists").arg(name));
    return edit(tr("Add group %1").arg(name), {}, [&](Policy& p) {
        p.groups().append(PolicyGroup{name, parent, {}});
        return true;
    });
}

bool PolicyDraft::removeGroup(const QString& name)
{
    // Children move up to the removed group's parent, so removing a department keeps its projects.
    return edit(tr("Remove group %1").arg(name), {}, [&](Policy& p) {
        const PolicyGroup* g = p.group(name);
        if (!g)
            return false;
        const QString parent = g->parent;
        for (PolicyGroup& c : p.groups()) {
            if (c.parent == name)
                c.parent = parent;
        }
        p.groups().removeIf([&](const PolicyGroup& x) { return x.name == name; });
        return true;
    });
}

bool PolicyDraft::setGroupParent(const QString& name, const QString& parent, QString* error)
{
    if (!m_policy.group(name))
        return setError(error, tr("unknown group %1").arg(name));
    if (!parent.isEmpty()) {
        if (!m_policy.group(parent))
            return setError(error, tr("unknown group %1").arg(parent));
        QStringList chain{name};
        for (QString g = parent; !g.isEmpty();
             g = m_policy.group(g) ? m_policy.group(g)->parent : QString()) {
            chain.append(g);
            if (g == name || chain.size() > m_policy.groups().size() + 1)
                return setError(error,
                                tr("%1 cannot go under %2: cycle %3").arg(name, parent, chain.join(" → ")));
        }
    }
    return edit(tr("Move group %1 under %2").arg(name, parent.isEmpty() ? tr("(top level)") : parent), {},
                [&](Policy& p) {
                    for (PolicyGroup& g : p.groups()) {
                        if (g.name == name)
                            g.parent = parent;
                    }
                    return true;
                });
}

bool PolicyDraft::addSubject(const QString& id, QString* error)
{
    if (m_policy.subject(id))
        return setError(error, tr("%1 is already listed").arg(id));
    if (!id.startsWith(QLatin1String("user:")) && !id.startsWith(QLatin1String("client:")))
        return setError(error, tr("\"%1\" is not a subject id (user:<name> or client:<name>)").arg(id));
    return edit(tr("Add subject %1").arg(id), {}, [&](Policy& p) {
        p.subjects().append(PolicySubject{id, {}, {}, {}});
        return true;
    });
}

bool PolicyDraft::removeSubject(const QString& id)
{
    return edit(tr("Remove subject %1").arg(id), {}, [&](Policy& p) {
        return p.subjects().removeIf([&](const PolicySubject& s) { return s.id == id; }) > 0;
    });
}

bool PolicyDraft::setSubjectTier(const QString& id, const QString& tier)
{
    return edit(tr("Set tier of %1").arg(id), ownerPath(Owner::Subject, id) + QStringLiteral("/tier"),
                [&](Policy& p) {
                    PolicySubject* s =
                        findIn(p.subjects(), [&](const PolicySubject& s) { return s.id == id; });
                    return s && ((s->tier = tier), true);
                });
}

bool PolicyDraft::setSubjectGroup(const QString& id, const QString& group)
{
    return edit(tr("Set group of %1").arg(id), ownerPath(Owner::Subject, id) + QStringLiteral("/group"),
                [&](Policy& p) {
                    PolicySubject* s =
                        findIn(p.subjects(), [&](const PolicySubject& s) { return s.id == id; });
                    return s && ((s->group = group), true);
                });
}

bool PolicyDraft::setAttribute(const QString& tier, const QString& key, const QJsonValue& value,
                               QString* error)
{
    if (key.isEmpty())
        return setError(error, tr("an attribute needs a name"));
    const QString cell =
        ownerPath(Owner::Tier, tier) + QStringLiteral("/attributes/") + PolicyMerge::escape(key);
    return edit(tr("Set attribute %1 of %2").arg(key, tier), cell, [&](Policy& p) {
        PolicyTier* t = findIn(p.tiers(), [&](const PolicyTier& t) { return t.name == tier; });
        return t && ((t->attributes.insert(key, value)), true);
    });
}

bool PolicyDraft::renameAttribute(const QString& tier, const QString& oldKey, const QString& newKey,
                                  QString* error)
{
    const PolicyTier* current = m_policy.tier(tier);
    if (newKey.isEmpty())
        return setError(error, tr("an attribute needs a name"));
    if (current && oldKey != newKey && current->attributes.contains(newKey))
        return setError(error, tr("%1 already has an attribute %2").arg(tier, newKey));
    return edit(tr("Rename attribute %1 of %2").arg(oldKey, tier), {}, [&](Policy& p) {
        PolicyTier* t = findIn(p.tiers(), [&](const PolicyTier& t) { return t.name == tier; });
        if (!t || !t->attributes.contains(oldKey))
            return false;
        const QJsonValue v = t->attributes.take(oldKey);
        t->attributes.insert(newKey, v);
        return true;
    });
}

bool PolicyDraft::removeAttribute(const QString& tier, const QString& key)
{
    return edit(tr("Remove attribute %1 of %2").arg(key, tier), {}, [&](Policy& p) {
        PolicyTier* t = findIn(p.tiers(), [&](const PolicyTier& t) { return t.name == tier; });
        return t && t->attributes.contains(key) && ((t->attributes.remove(key)), true);
    });
}

bool PolicyDraft::setLoadRuleField(int row, RuleField field, const QString& text, QString* error)
{
    const QString cell = QStringLiteral("/load_rules/%1/%2").arg(row).arg(int(field));
    const QString value = text.trimmed();
    QString refusal;
    const bool ok = edit(tr("Edit load rule"), cell, [&](Policy& p) {
        if (row < 0 || row >= p.loadRules().size())
            return setError(&refusal, tr("no load rule %1").arg(row));
        LoadRule& r = p.loadRules()[row];
        switch (field) {
        case RuleField::Name:
            r.name = value;
            return true;
        case RuleField::Tiers: {
            QStringList tiers;
            for (const QString& t : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
                tiers << t.trimmed();
            r.tiers = tiers;
            return true;
        }
        case RuleField::Signal:
            if (!Policy::loadSignals().contains(value))
                return setError(&refusal, tr("unknown signal \"%1\"").arg(value));
            r.signal = value;
            return true;
        case RuleField::EngageAbove:
        case RuleField::ReleaseBelow:
        case RuleField::Factor: {
            bool isNumber = false;
            const double v = value.toDouble(&isNumber);
            if (!isNumber)
                return setError(&refusal, tr("\"%1\" is not a number").arg(value));
            (field == RuleField::EngageAbove    ? r.engageAbove
             : field == RuleField::ReleaseBelow ? r.releaseBelow
                                                : r.factor) = v;
            return true;
        }
        }
        return false;
    });
    if (!refusal.isEmpty())
        return setError(error, refusal);
    return ok;
}

bool PolicyDraft::addLoadRule(QString* error)
{
    QString name;
    for (int n = int(m_policy.loadRules().size()) + 1; name.isEmpty(); ++n) {
        const QString candidate = QStringLiteral("rule-%1").arg(n);
        if (std::none_of(m_policy.loadRules().cbegin(), m_policy.loadRules().cend(),
                         [&](const LoadRule& r) { return r.name == candidate; }))
            name = candidate;
    }
    const QString tier = m_policy.tier(m_policy.defaultTier()) ? m_policy.defaultTier()
                         : m_policy.tiers().isEmpty()          ? QString()
                                                               : m_policy.tiers().first().name;
    if (tier.isEmpty())
        return setError(error, tr("add a tier first: a load rule scales tiers"));
    return edit(tr("Add load rule %1").arg(name), {}, [&](Policy& p) {
        p.loadRules().append(LoadRule{name, {tier}, QStringLiteral("upstream_latency_ms"), 2000, 1000, 0.5});
        return true;
    });
}

bool PolicyDraft::removeLoadRule(int row)
{
    return edit(tr("Remove load rule"), {}, [&](Policy& p) {
        if (row < 0 || row >= p.loadRules().size())
            return false;
        p.loadRules().removeAt(row);
        return true;
    });
}

bool PolicyDraft::setTimezone(const QString& ianaId, QString* error)
{
    if (!QTimeZone::isTimeZoneIdAvailable(ianaId.toUtf8()))
        return setError(
            error, tr("unknown time zone \"%1\": use an IANA id such as UTC or Europe/Berlin").arg(ianaId));
    return edit(tr("Set time zone to %1").arg(ianaId), QStringLiteral("/timezone"), [&](Policy& p) {
        p.setTimezone(ianaId);
        return true;
    });
}

bool PolicyDraft::setDefaultTier(const QString& tier, QString* error)
{
    if (!m_policy.tier(tier))
        return setError(error, tr("no tier %1").arg(tier));
    return edit(tr("Set default tier to %1").arg(tier), QStringLiteral("/default_tier"), [&](Policy& p) {
        p.setDefaultTier(tier);
        return true;
    });
}

QStringList PolicyDraft::rebase(const Policy& live, qint64 version)
{
    const PolicyMerge::Result merged = PolicyMerge::rebase(m_base, live, m_policy);
    const Policy before = m_policy;
    m_base = live;
    m_baseVersion = version;
    m_conflicts = merged.conflicts;
    // Not undoable across the base change: undoing would re-create edits relative to the old base.
    m_undo->clear();
    m_policy = merged.policy;
    revalidate();
    emit baseChanged();
    emit changed();
    m_autosave.start();
    return m_conflicts;
}

void PolicyDraft::markPublished(qint64 version)
{
    m_base = m_policy;
    m_baseVersion = version;
    m_conflicts.clear();
    m_undo->setClean();
    emit baseChanged();
    emit changed();
    m_autosave.start();
}

void PolicyDraft::setAutosavePath(const QString& path)
{
    m_autosavePath = path;
}

QString PolicyDraft::defaultAutosavePath(const QString& connectionKey)
{
    QString name = connectionKey;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/drafts/") +
           name + QStringLiteral(".json");
}

void PolicyDraft::saveNow()
{
    m_autosave.stop();
    if (m_autosavePath.isEmpty() || !m_loaded)
        return;
    if (!isModified()) {
        QFile::remove(m_autosavePath);
        return;
    }
    QDir().mkpath(QFileInfo(m_autosavePath).absolutePath());
    QSaveFile file(m_autosavePath);
    const QJsonObject o{{QStringLiteral("format"), QStringLiteral("quotadesk-draft-1")},
                        {QStringLiteral("base_version"), m_baseVersion},
                        {QStringLiteral("base"), QString::fromUtf8(m_base.toJson())},
                        {QStringLiteral("draft"), QString::fromUtf8(m_policy.toJson())}};
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(o).toJson());
        file.commit();
    }
}

bool PolicyDraft::restoreAutosave(QString* error)
{
    QFile file(m_autosavePath);
    if (m_autosavePath.isEmpty() || !file.exists())
        return setError(error, tr("no saved draft"));
    if (!file.open(QIODevice::ReadOnly))
        return setError(error, tr("%1: %2").arg(m_autosavePath, file.errorString()));
    QJsonParseError parseError;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError ||
        o.value(QLatin1String("format")) != QLatin1String("quotadesk-draft-1"))
        return setError(error,
                        tr("%1: not a saved draft (%2)").arg(m_autosavePath, parseError.errorString()));
    QList<PolicyIssue> baseIssues, draftIssues;
    const Policy base = Policy::parse(o.value(QLatin1String("base")).toString().toUtf8(), &baseIssues);
    const Policy draft = Policy::parse(o.value(QLatin1String("draft")).toString().toUtf8(), &draftIssues);
    if (!baseIssues.isEmpty())
        return setError(error, tr("%1: base: %2").arg(m_autosavePath, baseIssues.first().toString()));
    m_base = base;
    m_baseVersion = o.value(QLatin1String("base_version")).toInteger();
    m_loaded = true;
    m_conflicts.clear();
    m_undo->clear();
    m_policy = draft;
    revalidate();
    emit baseChanged();
    emit changed();
    if (!draftIssues.isEmpty() && error)
        *error = tr("restored with problems: %1").arg(draftIssues.first().toString());
    return true;
}

bool PolicyDraft::exportTo(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return setError(error, tr("%1: %2").arg(path, file.errorString()));
    file.write(m_policy.toJson());
    if (!file.commit())
        return setError(error, tr("%1: %2").arg(path, file.errorString()));
    return true;
}

bool PolicyDraft::importFrom(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return setError(error, tr("%1: %2").arg(path, file.errorString()));
    QList<PolicyIssue> issues;
    const Policy imported = Policy::parse(file.readAll(), &issues);
    if (!issues.isEmpty()) {
        QStringList lines;
        for (const PolicyIssue& i : issues)
            lines.append(path + QStringLiteral(": ") + i.toString());
        return setError(error, lines.join(QLatin1Char('\n')));
    }
    if (!m_loaded)
        load(imported, 0);
    else
        edit(tr("Import %1").arg(QFileInfo(path).fileName()), {}, [&](Policy& p) {
            p = imported;
            return true;
        });
    return true;
}

} // namespace quotadesk
