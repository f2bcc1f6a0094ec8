#pragma once

#include "ConnectionStatus.h"

#include <QWidget>

#include <initializer_list>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;
class QVBoxLayout;
class QTabWidget;
class QTreeView;
class QToolBar;

namespace quotadesk {

class AttributesModel;
class GroupTreeModel;
class LimitsModel;
class LoadRulesModel;
class PolicyDraft;
class PublishDialog;
class RolloutPanel;
class StoreClient;
class SubjectOverridesModel;

// The policy editor: the time zone and default tier, tiers (limits, attributes), groups (a tree; drag to
// re-parent), subject overrides (find a subject with the store's prefix search) and load rules of a draft;
// undo/redo, validation as you type, publish
// with a diff and the rollout afterwards. Read-only users see everything but cannot edit, with the reason.
class PolicyEditorPage : public QWidget
{
    Q_OBJECT

public:
    PolicyEditorPage(StoreClient* client, QWidget* parent = nullptr);
    ~PolicyEditorPage() override;

    PolicyDraft* draft() const { return m_draft; }
    RolloutPanel* rollout() const { return m_rollout; }
    // Loads the live version into the draft (discarding the draft's changes).
    void reloadFromLive();
    // On (re)connect: restores an autosaved draft for this store if there is one, else loads live.
    void onConnected();
    // Opens the publish dialog (window-modal, not blocking) and returns it.
    PublishDialog* openPublishDialog();
    void selectTier(const QString& name);
    void selectGroup(const QString& name);
    void selectSubject(const QString& id);
    void selectLoadRule(int row);
    void setReadOnly(bool readOnly, const QString& reason);
    bool isReadOnly() const { return m_readOnly; }
    // Subject search in the store (prefix, paged; never loads every subject).
    void searchSubjects(const QString& prefix, bool more = false);

signals:
    void published(qint64 version);

private:
    void onStatus(const ConnectionStatus& status);
    void updateState();
    void rebuildTierList();
    QWidget* buildSettingsRow();
    void syncSettings();
    QWidget* buildTiersTab();
    QWidget* buildGroupsTab();
    QWidget* buildSubjectsTab();
    QWidget* buildLoadRulesTab();
    // A table edited through ChoiceDelegate, one row selected at a time; read-only users cannot edit it.
    QTableView* makeEditView(QAbstractItemModel* model, const QString& name);
    // Buttons under a table, left-aligned; editing controls, so off for read-only users.
    void addButtonRow(QVBoxLayout* layout, std::initializer_list<QPushButton*> buttons);
    struct LimitsEditorNames
    {
        QString view;
        QString addText;
        QString add;
        QString removeText;
        QString remove;
    };
    // The limits table of a tier, group or subject with its add/remove buttons, appended to `layout`.
    void addLimitsEditor(QWidget* parent, QVBoxLayout* layout, LimitsModel* model,
                         const LimitsEditorNames& names, int stretch);
    void showMessage(const QString& text);

    StoreClient* m_client;
    PolicyDraft* m_draft;
    LimitsModel* m_tierLimits;
    LimitsModel* m_groupLimits;
    LimitsModel* m_subjectLimits;
    AttributesModel* m_attributes;
    GroupTreeModel* m_groups;
    SubjectOverridesModel* m_subjects;
    LoadRulesModel* m_loadRules;
    QTableView* m_loadRulesView;
    QLabel* m_readOnlyReason;
    QLabel* m_status;
    QComboBox* m_timezone;
    QComboBox* m_defaultTier;
    QLabel* m_message;
    QToolBar* m_toolbar;
    QTabWidget* m_sections;
    QListWidget* m_tierList;
    QTreeView* m_groupTree;
    QTableView* m_subjectsView;
    QLineEdit* m_subjectSearch;
    QListWidget* m_searchResults;
    QListWidget* m_issues;
    RolloutPanel* m_rollout;
    QList<QWidget*> m_editControls;
    QList<QTableView*> m_editViews;
    bool m_readOnly = false;
    QString m_lastSearch;
};

} // namespace quotadesk
