#include "PolicyEditorPage.h"

#include "AttributesModel.h"
#include "ChoiceDelegate.h"
#include "GroupTreeModel.h"
#include "LimitsModel.h"
#include "LivePolicy.h"
#include "LoadRulesModel.h"
#include "PolicyDiff.h"
#include "PolicyDraft.h"
#include "PolicyStore.h"
#include "PublishDialog.h"
#include "ReadOnlyNotice.h"
#include "RolloutPanel.h"
#include "StoreClient.h"
#include "SubjectOverridesModel.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimeZone>
#include <QToolBar>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace quotadesk {

namespace {
// The live policy parsed and validated on the store thread: with thousands of subject entries that takes
// tens of milliseconds, which the UI thread must not stall for.
struct LiveDocument
{
    PolicyVersion version;
    Policy policy;
    QList<PolicyIssue> parseIssues;
    QList<PolicyIssue> issues;
};

QPushButton* button(const QString& text, const QString& name, QWidget* parent)
{
    auto* b = new QPushButton(text, parent);
    b->setObjectName(name);
    return b;
}
} // namespace

PolicyEditorPage::PolicyEditorPage(StoreClient* client, QWidget* parent)
    : QWidget(parent), m_client(client), m_draft(new PolicyDraft(this))
{
    m_tierLimits = new LimitsModel(m_draft, this);
    m_groupLimits = new LimitsModel(m_draft, this);
    m_groupLimits->setOwner(PolicyDraft::Owner::Group, {});
    m_subjectLimits = new LimitsModel(m_draft, this);
    m_subjectLimits->setOwner(PolicyDraft::Owner::Subject, {});
    m_attributes = new AttributesModel(m_draft, this);
    m_groups = new GroupTreeModel(m_draft, this);
    m_subjects = new SubjectOverridesModel(m_draft, this);
    m_loadRules = new LoadRulesModel(m_draft, this);

    auto* layout = new QVBoxLayout(this);
    m_readOnlyReason = new ReadOnlyNotice(this);
    layout->addWidget(m_readOnlyReason);

    m_toolbar = new QToolBar(this);
    m_toolbar->setObjectName(QStringLiteral("editorToolbar"));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QAction* reload = m_toolbar->addAction(tr("Reload from live"), this, &PolicyEditorPage::reloadFromLive);
    reload->setObjectName(QStringLiteral("reloadAction"));
    m_toolbar->addSeparator();
    // Fixed labels (the command's text goes to the tooltip) so the toolbar does not jump as edits change it.
    QUndoStack* stack = m_draft->undoStack();
    auto* undo = new QAction(tr("Undo"), this);
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    undo->setEnabled(false);
    connect(undo, &QAction::triggered, stack, &QUndoStack::undo);
    connect(stack, &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
    connect(stack, &QUndoStack::undoTextChanged, undo,
            [undo](const QString& t) { undo->setToolTip(tr("Undo %1").arg(t)); });
    auto* redo = new QAction(tr("Redo"), this);
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setEnabled(false);
    connect(redo, &QAction::triggered, stack, &QUndoStack::redo);
    connect(stack, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
    connect(stack, &QUndoStack::redoTextChanged, redo,
            [redo](const QString& t) { redo->setToolTip(tr("Redo %1").arg(t)); });
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    for (QAction* a : {undo, redo}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
        m_toolbar->addAction(a);
    }
    m_toolbar->addSeparator();
    QAction* importAction = m_toolbar->addAction(tr("Import…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import policy"), {}, tr("JSON (*.json)"));
        QString error;
        if (!path.isEmpty() && !m_draft->importFrom(path, &error))
            showMessage(error);
    });
    importAction->setObjectName(QStringLiteral("importAction"));
    m_toolbar->addAction(tr("Export…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export draft"),
                                                          QStringLiteral("policy.json"), tr("JSON (*.json)"));
        QString error;
        if (!path.isEmpty() && !m_draft->exportTo(path, &error))
            showMessage(error);
    });
    m_toolbar->addSeparator();
    QAction* publish = m_toolbar->addAction(tr("Publish…"), this, [this] { openPublishDialog(); });
    publish->setObjectName(QStringLiteral("publishAction"));
    layout->addWidget(m_toolbar);
    m_editControls << m_toolbar->widgetForAction(importAction) << m_toolbar->widgetForAction(publish);

    m_status = new QLabel(tr("Not connected."), this);
    m_status->setObjectName(QStringLiteral("draftStatus"));
    layout->addWidget(m_status);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("editorMessage"));
    m_message->setStyleSheet(QStringLiteral("color: #a00000"));
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);
    layout->addWidget(buildSettingsRow());

    auto* split = new QSplitter(Qt::Vertical, this);
    m_sections = new QTabWidget(split);
    m_sections->setObjectName(QStringLiteral("editorSections"));
    m_sections->addTab(buildTiersTab(), tr("Tiers"));
    m_sections->addTab(buildGroupsTab(), tr("Groups"));
    m_sections->addTab(buildSubjectsTab(), tr("Subject overrides"));
    m_sections->addTab(buildLoadRulesTab(), tr("Load rules"));

    auto* bottom = new QSplitter(Qt::Horizontal, split);
    auto* issuesBox = new QGroupBox(tr("Problems"), bottom);
    auto* issuesLayout = new QVBoxLayout(issuesBox);
    m_issues = new QListWidget(issuesBox);
    m_issues->setObjectName(QStringLiteral("issuesList"));
    issuesLayout->addWidget(m_issues);
    connect(m_issues, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const QStringList parts = item->data(Qt::UserRole).toString().split(QLatin1Char('/'));
        if (parts.size() == 2 && parts[1] == QLatin1String("timezone"))
            m_timezone->setFocus();
        else if (parts.size() == 2 && parts[1] == QLatin1String("default_tier"))
            m_defaultTier->setFocus();
        if (parts.size() < 3)
            return;
        const QString name = QString(parts[2])
                                 .replace(QLatin1String("~1"), QLatin1String("/"))
                                 .replace(QLatin1String("~0"), QLatin1String("~"));
        if (parts[1] == QLatin1String("tiers"))
            selectTier(name);
        else if (parts[1] == QLatin1String("groups"))
            selectGroup(name);
        else if (parts[1] == QLatin1String("subjects"))
            selectSubject(name);
        else if (parts[1] == QLatin1String("load_rules"))
            selectLoadRule(name.toInt());
    });
    auto* rolloutBox = new QGroupBox(tr("Rollout"), bottom);
    auto* rolloutLayout = new QVBoxLayout(rolloutBox);
    m_rollout = new RolloutPanel(client, rolloutBox);
    m_rollout->setObjectName(QStringLiteral("rollout"));
    rolloutLayout->addWidget(m_rollout);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(m_draft, &PolicyDraft::changed, this, &PolicyEditorPage::updateState);
    // A refusal is shown until the draft next changes: after an edit that went through it is stale.
    connect(m_draft, &PolicyDraft::changed, this, [this] { showMessage({}); });
    connect(m_draft, &PolicyDraft::baseChanged, this, &PolicyEditorPage::updateState);
    connect(client, &StoreClient::statusChanged, this, &PolicyEditorPage::onStatus);
    connect(client, &StoreClient::connected, this, &PolicyEditorPage::onConnected);
    updateState();
}

PolicyEditorPage::~PolicyEditorPage()
{
    // Closing the page commits an open cell editor; by then this object is half destroyed, so the draft must
    // no longer notify it.
    m_draft->blockSignals(true);
}

QTableView* PolicyEditorPage::makeEditView(QAbstractItemModel* model, const QString& name)
{
    auto* view = new QTableView(this);
    view->setObjectName(name);
    view->setModel(model);
    view->setItemDelegate(new ChoiceDelegate(view));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->hide();
    view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                          QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    m_editViews << view;
    return view;
}

void PolicyEditorPage::addLimitsEditor(QWidget* parent, QVBoxLayout* layout, LimitsModel* model,
                                       const LimitsEditorNames& names, int stretch)
{
    QTableView* view = makeEditView(model, names.view);
    layout->addWidget(view, stretch);
    auto* add = button(names.addText, names.add, parent);
    auto* remove = button(names.removeText, names.remove, parent);
    addButtonRow(layout, {add, remove});
    // The model knows whose limits it shows (a tier, a group or a subject), so one editor serves all three.
    connect(add, &QPushButton::clicked, this, [this, model] {
        QString error;
        if (!m_draft->addLimit(model->owner(), model->ownerName(), &error))
            showMessage(error);
    });
    connect(remove, &QPushButton::clicked, this, [this, model, view] {
        if (view->currentIndex().isValid())
            m_draft->removeLimit(model->owner(), model->ownerName(), view->currentIndex().row());
    });
}

void PolicyEditorPage::addButtonRow(QVBoxLayout* layout, std::initializer_list<QPushButton*> buttons)
{
    auto* row = new QHBoxLayout;
    for (QPushButton* b : buttons) {
        row->addWidget(b);
        m_editControls << b;
    }
    row->addStretch();
    layout->addLayout(row);
}

QWidget* PolicyEditorPage::buildSettingsRow()
{
    auto* row = new QWidget(this);
    row->setObjectName(QStringLiteral("policySettings"));
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);

    m_timezone = new QComboBox(row);
    m_timezone->setObjectName(QStringLiteral("timezoneBox"));
    m_timezone->setEditable(true);
    m_timezone->setInsertPolicy(QComboBox::NoInsert);
    m_timezone->setMinimumContentsLength(22);
    QStringList zones;
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds())
        zones << QString::fromLatin1(id);
    m_timezone->addItems(zones);
    // "berlin" finds Europe/Berlin.
    m_timezone->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_timezone->completer()->setFilterMode(Qt::MatchContains);
    m_timezone->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    // A typed id is applied when the operator is done with it (Enter, or leaving the box), a chosen one at
    // once; either way at most one undo step, and an unknown id is refused by name.
    const auto applyTimezone = [this] {
        const QString id = m_timezone->currentText().trimmed();
        if (!m_draft->isLoaded() || id == m_draft->policy().timezone())
            return;
        QString error;
        if (!m_draft->setTimezone(id, &error)) {
            showMessage(error);
            syncSettings();
        }
    };
    connect(m_timezone->lineEdit(), &QLineEdit::editingFinished, this, applyTimezone);
    connect(m_timezone, &QComboBox::activated, this, applyTimezone);

    m_defaultTier = new QComboBox(row);
    m_defaultTier->setObjectName(QStringLiteral("defaultTierBox"));
    m_defaultTier->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_defaultTier, &QComboBox::activated, this, [this](int index) {
        QString error;
        if (!m_draft->setDefaultTier(m_defaultTier->itemText(index), &error)) {
            showMessage(error);
            syncSettings();
        }
    });

    layout->addWidget(new QLabel(tr("Time zone of day and month limits:"), row));
    layout->addWidget(m_timezone);
    layout->addSpacing(16);
    layout->addWidget(new QLabel(tr("Default tier:"), row));
    layout->addWidget(m_defaultTier);
    layout->addStretch();
    m_editControls << m_timezone << m_defaultTier;
    return row;
}

// The settings row follows the draft (an undo, an import, a rebase) without sending edits back.
void PolicyEditorPage::syncSettings()
{
    const Policy& p = m_draft->policy();
    {
        const QSignalBlocker blocker(m_timezone);
        m_timezone->setCurrentIndex(m_timezone->findText(p.timezone()));
        m_timezone->setEditText(p.timezone());
        const QString problem = m_draft->issueText(QStringLiteral("/timezone"));
        m_timezone->setToolTip(problem.isEmpty() ? tr("Days and months of the limits start at midnight here")
                                                 : problem);
    }
    const QSignalBlocker blocker(m_defaultTier);
    QStringList names;
    for (const PolicyTier& t : p.tiers())
        names << t.name;
    // A default naming a tier that is gone stays visible, with its problem in the tooltip.
    if (!p.defaultTier().isEmpty() && !names.contains(p.defaultTier()))
        names.prepend(p.defaultTier());
    QStringList shown;
    for (int i = 0; i < m_defaultTier->count(); ++i)
        shown << m_defaultTier->itemText(i);
    if (names != shown) {
        m_defaultTier->clear();
        m_defaultTier->addItems(names);
    }
    m_defaultTier->setCurrentIndex(int(names.indexOf(p.defaultTier())));
    const QString problem = m_draft->issueText(QStringLiteral("/default_tier"));
    m_defaultTier->setToolTip(problem.isEmpty() ? tr("The tier of every subject the policy does not name")
                                                : problem);
}

QWidget* PolicyEditorPage::buildTiersTab()
{
    auto* tab = new QSplitter(Qt::Horizontal);
    auto* left = new QWidget(tab);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(new QLabel(tr("Tiers"), left));
    m_tierList = new QListWidget(left);
    m_tierList->setObjectName(QStringLiteral("tierList"));
    leftLayout->addWidget(m_tierList);
    auto* tierButtons = new QHBoxLayout;
    auto* addTier = button(tr("Add…"), QStringLiteral("addTier"), left);
    auto* removeTier = button(tr("Remove"), QStringLiteral("removeTier"), left);
    tierButtons->addWidget(addTier);
    tierButtons->addWidget(removeTier);
    leftLayout->addLayout(tierButtons);
    connect(addTier, &QPushButton::clicked, this, [this] {
        const QString name = QInputDialog::getText(this, tr("Add tier"), tr("Name:")).trimmed();
        QString error;
        if (!name.isEmpty() && !m_draft->addTier(name, &error))
            showMessage(error);
        selectTier(name);
    });
    connect(removeTier, &QPushButton::clicked, this, [this] {
        if (auto* item = m_tierList->currentItem())
            m_draft->removeTier(item->text());
    });
    connect(m_tierList, &QListWidget::currentTextChanged, this, [this](const QString& name) {
        m_tierLimits->setOwner(PolicyDraft::Owner::Tier, name);
        m_attributes->setTier(name);
    });

    auto* right = new QWidget(tab);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->addWidget(new QLabel(tr("Limits per subject of the tier"), right));
    addLimitsEditor(right, rightLayout, m_tierLimits,
                    {QStringLiteral("tierLimitsView"), tr("Add limit"), QStringLiteral("addTierLimit"),
                     tr("Remove limit"), QStringLiteral("removeTierLimit")},
                    2);

    rightLayout->addWidget(new QLabel(tr("Attributes (handed to executors)"), right));
    auto* attributes = new QTableView(right);
    attributes->setObjectName(QStringLiteral("attributesView"));
    attributes->setModel(m_attributes);
    attributes->horizontalHeader()->setStretchLastSection(true);
    attributes->verticalHeader()->hide();
    m_editViews << attributes;
    rightLayout->addWidget(attributes, 1);
    auto* addAttribute = button(tr("Add attribute…"), QStringLiteral("addAttribute"), right);
    auto* removeAttribute = button(tr("Remove attribute"), QStringLiteral("removeAttribute"), right);
    addButtonRow(rightLayout, {addAttribute, removeAttribute});
    connect(addAttribute, &QPushButton::clicked, this, [this] {
        const QString key = QInputDialog::getText(this, tr("Add attribute"), tr("Name:")).trimmed();
        QString error;
        if (!key.isEmpty() && !m_draft->setAttribute(m_attributes->tier(), key, QJsonValue(0), &error))
            showMessage(error);
    });
    connect(removeAttribute, &QPushButton::clicked, this, [this, attributes] {
        if (attributes->currentIndex().isValid())
            m_draft->removeAttribute(m_attributes->tier(),
                                     m_attributes->key(attributes->currentIndex().row()));
    });
    m_editControls << addTier << removeTier;
    tab->setStretchFactor(1, 3);
    return tab;
}

QWidget* PolicyEditorPage::buildGroupsTab()
{
    auto* tab = new QSplitter(Qt::Horizontal);
    auto* left = new QWidget(tab);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(new QLabel(tr("Groups (drag a group onto another to move it under it)"), left));
    m_groupTree = new QTreeView(left);
    m_groupTree->setObjectName(QStringLiteral("groupTree"));
    m_groupTree->setModel(m_groups);
    m_groupTree->setDragDropMode(QAbstractItemView::DragDrop);
    m_groupTree->setDefaultDropAction(Qt::MoveAction);
    m_groupTree->setDragEnabled(true);
    m_groupTree->setAcceptDrops(true);
    m_groupTree->setDropIndicatorShown(true);
    m_groupTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    leftLayout->addWidget(m_groupTree);
    auto* buttons = new QHBoxLayout;
    auto* addGroup = button(tr("Add…"), QStringLiteral("addGroup"), left);
    auto* removeGroup = button(tr("Remove"), QStringLiteral("removeGroup"), left);
    auto* toTop = button(tr("Move to top level"), QStringLiteral("moveGroupToTop"), left);
    buttons->addWidget(addGroup);
    buttons->addWidget(removeGroup);
    buttons->addWidget(toTop);
    leftLayout->addLayout(buttons);
    connect(m_groups, &GroupTreeModel::moveRefused, this, &PolicyEditorPage::showMessage);
    connect(m_groups, &QAbstractItemModel::modelReset, m_groupTree, &QTreeView::expandAll);
    connect(addGroup, &QPushButton::clicked, this, [this] {
        const QString name = QInputDialog::getText(this, tr("Add group"), tr("Name:")).trimmed();
        QString error;
        if (!name.isEmpty() &&
            !m_draft->addGroup(name, m_groups->groupName(m_groupTree->currentIndex()), &error))
            showMessage(error);
        selectGroup(name);
    });
    connect(removeGroup, &QPushButton::clicked, this,
            [this] { m_draft->removeGroup(m_groups->groupName(m_groupTree->currentIndex())); });
    connect(toTop, &QPushButton::clicked, this,
            [this] { m_draft->setGroupParent(m_groups->groupName(m_groupTree->currentIndex()), {}); });
    connect(m_groupTree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    m_groupLimits->setOwner(PolicyDraft::Owner::Group, m_groups->groupName(current));
            });
    // The tree resets on every change: re-select the group being edited.
    connect(m_groups, &QAbstractItemModel::modelReset, this, [this] {
        const QModelIndex index = m_groups->indexOf(m_groupLimits->ownerName());
        if (index.isValid())
            m_groupTree->setCurrentIndex(index);
    });

    auto* right = new QWidget(tab);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->addWidget(
        new QLabel(tr("Pooled limits of the group (shared by members and sub-groups)"), right));
    addLimitsEditor(right, rightLayout, m_groupLimits,
                    {QStringLiteral("groupLimitsView"), tr("Add limit"), QStringLiteral("addGroupLimit"),
                     tr("Remove limit"), QStringLiteral("removeGroupLimit")},
                    0);
    m_editControls << addGroup << removeGroup << toTop;
    tab->setStretchFactor(1, 2);
    return tab;
}

QWidget* PolicyEditorPage::buildLoadRulesTab()
{
    auto* tab = new QWidget;
    auto* layout = new QVBoxLayout(tab);
    auto* about =
        new QLabel(tr("While a gateway signal is above \"engage above\", the limits of the rule's tiers are "
                      "multiplied by its factor, until the signal falls below \"release below\". "
                      "Gateways report the signals in their heartbeats; the Load tab shows them."),
                   tab);
    about->setWordWrap(true);
    layout->addWidget(about);
    m_loadRulesView = makeEditView(m_loadRules, QStringLiteral("loadRulesView"));
    m_loadRulesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_loadRulesView->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_loadRulesView, 1);
    auto* add = button(tr("Add rule"), QStringLiteral("addLoadRule"), tab);
    auto* remove = button(tr("Remove rule"), QStringLiteral("removeLoadRule"), tab);
    addButtonRow(layout, {add, remove});
    connect(add, &QPushButton::clicked, this, [this] {
        QString error;
        if (m_draft->addLoadRule(&error))
            m_loadRulesView->selectRow(m_loadRules->rowCount() - 1);
        else
            showMessage(error);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_loadRulesView->currentIndex().isValid())
            m_draft->removeLoadRule(m_loadRulesView->currentIndex().row());
    });
    // A refused cell edit (a factor that is not a number) says why.
    connect(m_loadRules, &LoadRulesModel::editRefused, this, &PolicyEditorPage::showMessage);
    return tab;
}

QWidget* PolicyEditorPage::buildSubjectsTab()
{
    auto* tab = new QSplitter(Qt::Horizontal);
    auto* left = new QWidget(tab);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(new QLabel(tr("Find a subject (prefix search in the store)"), left));
    m_subjectSearch = new QLineEdit(left);
    m_subjectSearch->setObjectName(QStringLiteral("overrideSearch"));
    m_subjectSearch->setPlaceholderText(tr("user:al…"));
    m_subjectSearch->setClearButtonEnabled(true);
    leftLayout->addWidget(m_subjectSearch);
    m_searchResults = new QListWidget(left);
    m_searchResults->setObjectName(QStringLiteral("searchResults"));
    leftLayout->addWidget(m_searchResults);
    auto* searchButtons = new QHBoxLayout;
    auto* more = button(tr("More"), QStringLiteral("moreResults"), left);
    auto* add = button(tr("Add override"), QStringLiteral("addOverride"), left);
    searchButtons->addWidget(more);
    searchButtons->addWidget(add);
    leftLayout->addLayout(searchButtons);
    connect(m_subjectSearch, &QLineEdit::textChanged, this,
            [this](const QString& t) { searchSubjects(t.trimmed()); });
    connect(more, &QPushButton::clicked, this, [this] { searchSubjects(m_lastSearch, true); });
    connect(add, &QPushButton::clicked, this, [this] {
        // The selected result, or the typed id (a subject the gateways have not seen yet).
        const QString id = m_searchResults->currentItem() ? m_searchResults->currentItem()->text()
                                                          : m_subjectSearch->text().trimmed();
        QString error;
        if (!m_draft->policy().subject(id) && !m_draft->addSubject(id, &error)) {
            showMessage(error);
            return;
        }
        selectSubject(id);
    });

    auto* right = new QWidget(tab);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->addWidget(new QLabel(tr("Listed subjects (tier, group, overrides)"), right));
    m_subjectsView = new QTableView(right);
    m_subjectsView->setObjectName(QStringLiteral("subjectOverridesView"));
    m_subjectsView->setModel(m_subjects);
    m_subjectsView->setItemDelegate(new ChoiceDelegate(m_subjectsView));
    m_subjectsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_subjectsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_subjectsView->horizontalHeader()->setStretchLastSection(true);
    m_subjectsView->verticalHeader()->hide();
    m_editViews << m_subjectsView;
    rightLayout->addWidget(m_subjectsView, 1);
    connect(m_subjectsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                m_subjectLimits->setOwner(PolicyDraft::Owner::Subject, m_subjects->subjectId(current.row()));
            });
    auto* remove = button(tr("Remove subject"), QStringLiteral("removeOverride"), right);
    rightLayout->addWidget(remove, 0, Qt::AlignLeft);
    connect(remove, &QPushButton::clicked, this,
            [this] { m_draft->removeSubject(m_subjects->subjectId(m_subjectsView->currentIndex().row())); });
    rightLayout->addWidget(
        new QLabel(tr("Overrides of the selected subject (same metric and window replace the "
                      "tier's limit; an expiry makes it temporary)"),
                   right));
    addLimitsEditor(right, rightLayout, m_subjectLimits,
                    {QStringLiteral("subjectLimitsView"), tr("Add override"),
                     QStringLiteral("addSubjectLimit"), tr("Remove override"),
                     QStringLiteral("removeSubjectLimit")},
                    1);
    m_editControls << add << remove;
    tab->setStretchFactor(1, 3);
    return tab;
}

void PolicyEditorPage::searchSubjects(const QString& prefix, bool more)
{
    const QString after = more && m_searchResults->count() > 0
                              ? m_searchResults->item(m_searchResults->count() - 1)->text()
                              : QString();
    m_lastSearch = prefix;
    m_client->submit<QStringList>(
        this, [prefix, after](UsageReader& reader) { return reader.subjectsPage(prefix, after, 50); },
        [this, prefix, more](const QStringList& ids) {
            if (prefix != m_lastSearch)
                return; // a newer search is under way
            if (!more)
                m_searchResults->clear();
            m_searchResults->addItems(ids);
        },
        [this](const StoreError& e) { showMessage(e.message()); });
}

void PolicyEditorPage::onStatus(const ConnectionStatus& status)
{
    if (status.state != ConnectionStatus::State::Connected)
        return;
    setReadOnly(status.readOnly,
                status.readOnly ? tr("Read-only: the Redis user \"%1\" may not write to this store (its ACL "
                                     "denies writes), so editing and publishing are disabled. You can still "
                                     "browse, export and compare.")
                                      .arg(status.user)
                                : QString());
}

void PolicyEditorPage::onConnected()
{
    const RedisEndpoint ep = m_client->endpoint();
    m_draft->setAutosavePath(PolicyDraft::defaultAutosavePath(
        QStringLiteral("%1_%2_%3").arg(ep.host).arg(ep.port).arg(ep.prefix)));
    if (m_draft->isModified())
        return; // a lost connection came back: keep editing
    QString error;
    if (m_draft->restoreAutosave(&error)) {
        showMessage(tr("Restored your unpublished draft (based on version %1).").arg(m_draft->baseVersion()) +
                    (error.isEmpty() ? QString() : QStringLiteral(" ") + error));
        return;
    }
    reloadFromLive();
}

void PolicyEditorPage::reloadFromLive()
{
    m_client->submit<LiveDocument>(
        this,
        [](UsageReader& reader) {
            LiveDocument d;
            d.version = LivePolicy::read(reader);
            if (d.version.version > 0)
                d.policy = Policy::parse(d.version.document, &d.parseIssues);
            if (d.parseIssues.isEmpty())
                d.issues = d.policy.validate();
            return d;
        },
        [this](const LiveDocument& d) {
            if (!d.parseIssues.isEmpty()) {
                showMessage(tr("The live policy (version %1) is invalid: %2")
                                .arg(d.version.version)
                                .arg(d.parseIssues.first().toString()));
                return;
            }
            m_draft->load(d.policy, d.version.version, d.issues);
            m_message->hide();
            if (m_tierList->count() > 0 && !m_tierList->currentItem())
                m_tierList->setCurrentRow(0);
        },
        [this](const StoreError& e) {
            showMessage(tr("Could not read the live policy: %1").arg(e.message()));
        });
}

PublishDialog* PolicyEditorPage::openPublishDialog()
{
    auto* dialog = new PublishDialog(m_client, m_draft, this);
    dialog->setObjectName(QStringLiteral("publishDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PublishDialog::published, this, [this](qint64 version, qint64 atMs) {
        m_rollout->track(version, atMs);
        emit published(version);
    });
    dialog->open();
    return dialog;
}

void PolicyEditorPage::selectTier(const QString& name)
{
    m_sections->setCurrentIndex(0);
    const auto items = m_tierList->findItems(name, Qt::MatchExactly);
    if (!items.isEmpty())
        m_tierList->setCurrentItem(items.first());
}

void PolicyEditorPage::selectGroup(const QString& name)
{
    m_sections->setCurrentIndex(1);
    m_groupLimits->setOwner(PolicyDraft::Owner::Group, name);
    m_groupTree->setCurrentIndex(m_groups->indexOf(name));
}

void PolicyEditorPage::selectLoadRule(int row)
{
    m_sections->setCurrentIndex(3);
    m_loadRulesView->selectRow(row);
}

void PolicyEditorPage::selectSubject(const QString& id)
{
    m_sections->setCurrentIndex(2);
    const int row = m_subjects->rowOf(id);
    if (row >= 0)
        m_subjectsView->selectRow(row);
    m_subjectLimits->setOwner(PolicyDraft::Owner::Subject, id);
}

void PolicyEditorPage::setReadOnly(bool readOnly, const QString& reason)
{
    m_readOnly = readOnly;
    m_readOnlyReason->setText(reason);
    m_readOnlyReason->setVisible(readOnly);
    updateState();
}

void PolicyEditorPage::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void PolicyEditorPage::rebuildTierList()
{
    QStringList names;
    for (const PolicyTier& t : m_draft->policy().tiers())
        names << t.name;
    QStringList shown;
    for (int i = 0; i < m_tierList->count(); ++i)
        shown << m_tierList->item(i)->text();
    if (names == shown)
        return;
    const QString current = m_tierLimits->ownerName();
    m_tierList->clear();
    m_tierList->addItems(names);
    const int row = int(names.indexOf(current));
    m_tierList->setCurrentRow(row >= 0 ? row : (names.isEmpty() ? -1 : 0));
}

void PolicyEditorPage::updateState()
{
    rebuildTierList();
    syncSettings();
    const bool editable = !m_readOnly && m_draft->isLoaded();
    for (QWidget* w : std::as_const(m_editControls))
        w->setEnabled(editable);
    for (QTableView* v : std::as_const(m_editViews))
        v->setEditTriggers(editable
                               ? QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                                     QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked
                               : QAbstractItemView::NoEditTriggers);
    m_groups->setEditable(editable);
    m_groupTree->setDragEnabled(editable);
    const auto actions = m_toolbar->actions();
    for (QAction* a : actions) {
        if (a->objectName() == QLatin1String("publishAction") ||
            a->objectName() == QLatin1String("importAction"))
            a->setEnabled(editable);
    }

    m_issues->clear();
    for (const PolicyIssue& i : m_draft->issues()) {
        auto* item = new QListWidgetItem(i.toString(), m_issues);
        item->setData(Qt::UserRole, i.path);
    }
    for (const QString& c : m_draft->conflicts()) {
        auto* item = new QListWidgetItem(
            tr("%1: changed in your draft and in the live version (yours kept)").arg(c), m_issues);
        item->setData(Qt::UserRole, c);
        item->setForeground(QColor(160, 80, 0));
    }
    if (!m_draft->isLoaded()) {
        m_status->setText(tr("No draft: connect to a store."));
        return;
    }
    const int changes = int(PolicyDiff::compute(m_draft->base(), m_draft->policy()).size());
    m_status->setText(tr("Draft based on live version %1 · %2 · %3")
                          .arg(m_draft->baseVersion())
                          .arg(changes ? tr("%n change(s)", nullptr, changes) : tr("no changes"))
                          .arg(m_draft->issues().isEmpty()
                                   ? tr("valid")
                                   : tr("%n problem(s)", nullptr, int(m_draft->issues().size()))));
}

} // namespace quotadesk
