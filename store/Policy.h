#pragma once

#include "LoadRule.h"
#include "PolicyGroup.h"
#include "PolicyIssue.h"
#include "PolicySubject.h"
#include "PolicyTier.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace quotadesk {

// The policy document (docs/policy.md): parsed, validated, and written back in canonical form. The model
// keeps tiers, groups and subjects as ordered lists (sorted by name after parse) so an editor can show and
// change them; validate() checks an edited policy with exactly the rules parse() applies.
class Policy
{
public:
    static constexpr qint64 SupportedSchema = 1;
    // Limits are compiled to integers in Lua (doubles) and gpu_seconds to milliseconds: keep every value
    // exact below 2^53 after the ×1000.
    static constexpr qint64 MaxLimit = 1'000'000'000'000;

    // Parses and validates. `issues` receives every problem found (not just the first); the Policy
    // returned is meaningful only when issues is empty.
    static Policy parse(const QByteArray& json, QList<PolicyIssue>* issues);
    // Canonical: keys sorted, 2-space indent; parse(toJson()) == *this.
    QByteArray toJson() const;
    // Every problem of this (possibly edited) policy; empty = valid.
    QList<PolicyIssue> validate() const;

    qint64 schema() const { return m_schema; }
    QString timezone() const { return m_timezone; } // IANA id, e.g. "UTC", "Asia/Shanghai"
    void setTimezone(const QString& ianaId) { m_timezone = ianaId; }
    QString defaultTier() const { return m_defaultTier; }
    void setDefaultTier(const QString& tier) { m_defaultTier = tier; }

    const QList<PolicyTier>& tiers() const { return m_tiers; }
    QList<PolicyTier>& tiers() { return m_tiers; }
    const QList<PolicyGroup>& groups() const { return m_groups; }
    QList<PolicyGroup>& groups() { return m_groups; }
    const QList<PolicySubject>& subjects() const { return m_subjects; }
    QList<PolicySubject>& subjects() { return m_subjects; }
    const QList<LoadRule>& loadRules() const { return m_loadRules; }
    QList<LoadRule>& loadRules() { return m_loadRules; }

    // The gateway signals a load rule may watch (heartbeat.lua reads them from the gateways' heartbeats).
    static const QStringList& loadSignals();

    // Lookups by name; nullptr when absent.
    const PolicyTier* tier(const QString& name) const;
    const PolicyGroup* group(const QString& name) const;
    const PolicySubject* subject(const QString& id) const;
    // The tier that applies to a subject id, listed or not (unlisted subjects get the default tier).
    QString tierOf(const QString& subjectId) const;

    // [from_ms, utc_offset_seconds] pairs: the first entry covers fromMs (from_ms <= fromMs), then every
    // transition up to toMs. Uses QTimeZone. For an invalid id: empty list.
    static QList<QPair<qint64, int>> timezoneTransitions(const QString& ianaId, qint64 fromMs, qint64 toMs);

    bool operator==(const Policy&) const = default;

private:
    qint64 m_schema = SupportedSchema;
    QString m_timezone = QStringLiteral("UTC");
    QString m_defaultTier;
    QList<PolicyTier> m_tiers;
    QList<PolicyGroup> m_groups;
    QList<PolicySubject> m_subjects;
    QList<LoadRule> m_loadRules;
};

} // namespace quotadesk
