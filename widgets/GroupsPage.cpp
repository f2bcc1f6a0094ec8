#include "GroupsPage.h"

#include "GroupsModel.h"
#include "LiveDashboard.h"
#include "PercentBarDelegate.h"

#include <QHeaderView>
#include <QSettings>
#include <QTreeView>
#include <QVBoxLayout>

namespace quotadesk {

GroupsPage::GroupsPage(LiveDashboard* dashboard, QWidget* parent) : QWidget(parent), m_dashboard(dashboard)
{
    m_dashboard->setMembersWanted(false);
    m_model = new GroupsModel(this);
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("groupsView"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(GroupsModel::UsageColumn,
                                     new PercentBarDelegate(GroupsModel::FractionRole, this));
    m_view->setColumnWidth(GroupsModel::NameColumn, 260);
    m_view->setColumnWidth(GroupsModel::UsageColumn, 220);
    m_view->setUniformRowHeights(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    connect(dashboard, &LiveDashboard::updated, this, [this, dashboard] {
        if (!dashboard->snapshot().valid)
            return;
        m_model->setSnapshot(dashboard->snapshot());
    });
    // Every group opens when the tree is (re)built, so members are visible at a glance.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        std::function<void(const QModelIndex&)> expand = [&](const QModelIndex& parent) {
            for (int r = 0; r < m_model->rowCount(parent); ++r) {
                const QModelIndex i = m_model->index(r, 0, parent);
                if (m_model->data(i, GroupsModel::EntityRole)
                        .toString()
                        .startsWith(QLatin1String("group:"))) {
                    m_view->expand(i);
                    expand(i);
                }
            }
        };
        expand({});
    });
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString entity = index.data(GroupsModel::EntityRole).toString();
        if (!entity.startsWith(QLatin1String("group:")))
            emit subjectActivated(entity);
    });
}

void GroupsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_dashboard->setMembersWanted(true);
}

void GroupsPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_dashboard->setMembersWanted(false);
}

void GroupsPage::saveState(QSettings& settings) const
{
    settings.setValue(QStringLiteral("groups/columns"), m_view->header()->saveState());
}

void GroupsPage::restoreState(QSettings& settings)
{
    const QByteArray state = settings.value(QStringLiteral("groups/columns")).toByteArray();
    if (!state.isEmpty())
        m_view->header()->restoreState(state);
}

} // namespace quotadesk
