#pragma once

#include "Policy.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QVariant>

#include <functional>

class QUndoStack;

namespace quotadesk {

// The policy being edited in the console: a copy of a live version (the base) plus the operator's changes,
// every change one undoable step on undoStack(). Validation runs on every change (Policy::validate); the
// item models map each issue's JSON pointer to the cell it names. The draft is autosaved (debounced) so a
// crash or a lost connection loses nothing, and it can be rebased onto a newer live version.
class PolicyDraft : public QObject
{
    Q_OBJECT

public:
    enum class Owner
    {
        Tier,
        Group,
        Subject
    };
    enum class Field
    {
        Metric,
        Window,
        Limit,
        Burst,
        Expires
    };
    enum class RuleField
    {
        Name,
        Tiers, // comma-separated
        Signal,
        EngageAbove,
        ReleaseBelow,
        Factor
    };

    explicit PolicyDraft(QObject* parent = nullptr);
    ~PolicyDraft() override;

    static const QStringList& metrics();
    static const QStringList& windows();
    static bool isSliding(const QString& window);

    // Starts over from a live version: the draft equals it, undo history and conflicts are cleared.
    void load(const Policy& live, qint64 version);
    // The same with `live.validate()` already run (on the store thread): a policy with thousands of
    // subjects takes tens of milliseconds to validate.
    void load(const Policy& live, qint64 version, const QList<PolicyIssue>& issues);
    const Policy& policy() const { return m_policy; }
    const Policy& base() const { return m_base; }
    qint64 baseVersion() const { return m_baseVersion; }
    bool isLoaded() const { return m_loaded; }
    bool isModified() const { return m_loaded && !(m_policy == m_base); }
    QUndoStack* undoStack() const { return m_undo; }

    // Every edit goes through here: `change` is applied to a copy and pushed as one undoable command.
    // A non-empty `cell` merges consecutive edits of that cell into one step. Returns false (and pushes
    // nothing) when `change` returns false or changes nothing.
    bool edit(const QString& text, const QString& cell, const std::function<bool(Policy&)>& change);
    // Replaces the policy without an undo step (the commands use it).
    void setPolicy(const Policy& policy);

    QList<PolicyIssue> issues() const { return m_issues; }
    // Messages of the issues at `path` or at the row/entry containing it (`rowPath`), joined by newlines.
    QString issueText(const QString& path, const QString& rowPath = {}) const;
    QStringList conflicts() const { return m_conflicts; }
    bool isConflict(const QString& cellPath) const { return m_conflicts.contains(cellPath); }

    // Typed edits used by the models and pages. Each returns false with `error` set when refused.
    static QString ownerPath(Owner owner, const QString& name); // "/tiers/free"
    static QList<PolicyLimit>* limitsOf(Policy& policy, Owner owner, const QString& name);
    static const QList<PolicyLimit>* limitsOf(const Policy& policy, Owner owner, const QString& name);
    bool setLimitField(Owner owner, const QString& name, int row, Field field, const QVariant& value,
                       QString* error = nullptr);
    bool addLimit(Owner owner, const QString& name, QString* error = nullptr);
    bool removeLimit(Owner owner, const QString& name, int row);
    bool addTier(const QString& name, QString* error = nullptr);
    bool removeTier(const QString& name);
    bool addGroup(const QString& name, const QString& parent, QString* error = nullptr);
    bool removeGroup(const QString& name);
    // Refuses a parent that would make a cycle (naming it) or that does not exist.
    bool setGroupParent(const QString& name, const QString& parent, QString* error = nullptr);
    bool addSubject(const QString& id, QString* error = nullptr);
    bool removeSubject(const QString& id);
    bool setSubjectTier(const QString& id, const QString& tier);
    bool setSubjectGroup(const QString& id, const QString& group);
    bool setAttribute(const QString& tier, const QString& key, const QJsonValue& value,
                      QString* error = nullptr);
    bool renameAttribute(const QString& tier, const QString& oldKey, const QString& newKey,
                         QString* error = nullptr);
    bool removeAttribute(const QString& tier, const QString& key);
    // Load rules, by row. A new rule starts valid (the default tier, upstream latency, factor 0.5); names,
    // unknown tiers and the hysteresis are left to validation, so the operator sees why.
    bool setLoadRuleField(int row, RuleField field, const QString& text, QString* error = nullptr);
    bool addLoadRule(QString* error = nullptr);
    bool removeLoadRule(int row);
    // Policy-wide: the calendar of day and month limits (an IANA id), and the tier of subjects without one.
    bool setTimezone(const QString& ianaId, QString* error = nullptr);
    bool setDefaultTier(const QString& tier, QString* error = nullptr);

    // Re-applies the draft's changes (draft vs base) on top of `live`; cells both changed are flagged in
    // conflicts(). One undoable step. Returns the conflicting cell paths.
    QStringList rebase(const Policy& live, qint64 version);
    // After a successful publish: the draft becomes the new base.
    void markPublished(qint64 version);

    // Autosave: the draft and its base go to `path` one second after the last change (removed when the
    // draft equals its base). Empty path = no autosave.
    void setAutosavePath(const QString& path);
    QString autosavePath() const { return m_autosavePath; }
    static QString defaultAutosavePath(const QString& connectionKey);
    void saveNow();
    // Restores a draft saved by a previous run; false with `error` when there is none or it is unreadable.
    bool restoreAutosave(QString* error);
    // Export writes the draft in canonical form; import replaces the draft (one undo step) with a valid
    // document, else refuses naming the file and the JSON path of every problem.
    bool exportTo(const QString& path, QString* error) const;
    bool importFrom(const QString& path, QString* error);

signals:
    void changed();
    void baseChanged();

private:
    void revalidate();

    Policy m_base;
    Policy m_policy;
    qint64 m_baseVersion = 0;
    bool m_loaded = false;
    QUndoStack* m_undo;
    QList<PolicyIssue> m_issues;
    QStringList m_conflicts;
    QString m_autosavePath;
    QTimer m_autosave;
};

} // namespace quotadesk
