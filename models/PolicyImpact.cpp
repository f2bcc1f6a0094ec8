#include "PolicyImpact.h"

#include "PolicyDiff.h"
#include "UsageReader.h"

#include <QHash>
#include <QSet>

namespace quotadesk {

namespace {

// Which of `ids` are in `P subjects`, in chunks so one reply stays small.
QSet<QString> seenSubjects(UsageReader& reader, const QStringList& ids)
{
    QSet<QString> seen;
    const QByteArray key = (reader.prefix() + QStringLiteral("subjects")).toUtf8();
    for (qsizetype start = 0; start < ids.size(); start += 1000) {
        RedisConnection::Command cmd{"ZMSCORE", key};
        const QStringList chunk = ids.mid(start, 1000);
        for (const QString& id : chunk)
            cmd.append(id.toUtf8());
        const QList<RedisReply> scores = reader.connection().call(cmd).toArray(QString::fromUtf8(key));
        for (qsizetype i = 0; i < scores.size() && i < chunk.size(); ++i) {
            if (!scores[i].isNil())
                seen.insert(chunk[i]);
        }
    }
    return seen;
}

bool inGroup(const Policy& p, QString group, const QString& ancestor)
{
    for (int steps = 0; !group.isEmpty() && steps <= p.groups().size(); ++steps) {
        if (group == ancestor)
            return true;
        const PolicyGroup* g = p.group(group);
        group = g ? g->parent : QString();
    }
    return false;
}

} // namespace

QList<PolicyImpact::Line> PolicyImpact::compute(UsageReader& reader, const Policy& live, const Policy& draft)
{
    const QList<PolicyChange> changes = PolicyDiff::compute(live, draft);
    QList<Line> out;
    if (changes.isEmpty())
        return out;
    QStringList listed;
    for (const PolicySubject& s : draft.subjects())
        listed << s.id;
    for (const PolicySubject& s : live.subjects()) {
        if (!draft.subject(s.id))
            listed << s.id;
    }
    const QSet<QString> seen = seenSubjects(reader, listed);
    const qint64 total = reader.subjectCount();

    QHash<QString, qint64> tierCounts;
    auto tierCount = [&](const QString& tier) {
        if (tierCounts.contains(tier))
            return tierCounts.value(tier);
        const Policy& p = draft.tier(tier) ? draft : live;
        qint64 n = 0;
        const bool isDefault = p.defaultTier() == tier;
        for (const QString& id : seen) {
            const bool onTier = p.tierOf(id) == tier;
            n += isDefault ? (onTier ? 0 : 1) : (onTier ? 1 : 0);
        }
        const qint64 count = isDefault ? total - n : n;
        tierCounts.insert(tier, count);
        return count;
    };
    for (const PolicyChange& c : changes) {
        Line line{c, 0};
        switch (c.scope) {
        case PolicyChange::Scope::Policy:
            line.affected = total;
            break;
        case PolicyChange::Scope::Tier:
            line.affected = tierCount(c.name);
            break;
        case PolicyChange::Scope::Group:
            for (const QString& id : seen) {
                const PolicySubject* s = draft.subject(id) ? draft.subject(id) : live.subject(id);
                if (s && (inGroup(draft, s->group, c.name) || inGroup(live, s->group, c.name)))
                    ++line.affected;
            }
            break;
        case PolicyChange::Scope::Subject:
            line.affected = 1;
            break;
        case PolicyChange::Scope::LoadRule: {
            QSet<QString> tiers;
            for (const LoadRule& r : draft.loadRules() + live.loadRules()) {
                if (r.name == c.name)
                    tiers.unite(QSet<QString>(r.tiers.cbegin(), r.tiers.cend()));
            }
            for (const QString& t : tiers)
                line.affected += tierCount(t);
            break;
        }
        }
        out.append(line);
    }
    return out;
}

QString PolicyImpact::text(const Line& line)
{
    // "tier free: requests/minute 10 → 20" reads "free: …" with the count after it.
    QString t = line.change.text;
    if (line.change.scope == PolicyChange::Scope::Tier && t.startsWith(QLatin1String("tier ")))
        t = t.mid(5);
    const QString whom = line.affected == 1 ? QObject::tr("affects 1 subject")
                                            : QObject::tr("affects %1 subjects").arg(line.affected);
    return t + QStringLiteral(", ") + whom;
}

} // namespace quotadesk
