#include "AlertsPanel.h"

#include "AlertMonitor.h"
#include "AlertsModel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace quotadesk {

namespace {
QTableView* makeView(QAbstractItemModel* model, const QString& name, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setColumnWidth(AlertsModel::SeverityColumn, 70);
    view->setColumnWidth(AlertsModel::RaisedColumn, 70);
    view->setColumnWidth(AlertsModel::TitleColumn, 320);
    view->setColumnWidth(AlertsModel::DetailColumn, 260);
    return view;
}
} // namespace

AlertsPanel::AlertsPanel(AlertMonitor* monitor, QWidget* parent) : QWidget(parent), m_monitor(monitor)
{
    m_activeModel = new AlertsModel(monitor, AlertsModel::Kind::Active, this);
    m_historyModel = new AlertsModel(monitor, AlertsModel::Kind::History, this);
    m_active = makeView(m_activeModel, QStringLiteral("activeAlerts"), this);
    m_history = makeView(m_historyModel, QStringLiteral("alertHistory"), this);
    auto* ack = new QPushButton(tr("Acknowledge"), this);
    ack->setObjectName(QStringLiteral("acknowledge"));
    auto* ackAll = new QPushButton(tr("Acknowledge all"), this);
    ackAll->setObjectName(QStringLiteral("acknowledgeAll"));

    auto* activeBox = new QWidget(this);
    auto* activeLayout = new QVBoxLayout(activeBox);
    activeLayout->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(new QLabel(tr("Active"), activeBox));
    buttons->addStretch(1);
    buttons->addWidget(ack);
    buttons->addWidget(ackAll);
    activeLayout->addLayout(buttons);
    activeLayout->addWidget(m_active);
    auto* historyBox = new QWidget(this);
    auto* historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(new QLabel(tr("Acknowledged"), historyBox));
    historyLayout->addWidget(m_history);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("alertsSplitter"));
    m_splitter->addWidget(activeBox);
    m_splitter->addWidget(historyBox);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_splitter);

    connect(ack, &QPushButton::clicked, this, &AlertsPanel::acknowledgeSelected);
    connect(ackAll, &QPushButton::clicked, this,
            [this] { m_monitor->acknowledgeAll(QDateTime::currentMSecsSinceEpoch()); });
    connect(m_active, &QTableView::doubleClicked, this, &AlertsPanel::acknowledgeSelected);
}

void AlertsPanel::acknowledgeSelected()
{
    QList<qint64> ids;
    for (const QModelIndex& i : m_active->selectionModel()->selectedRows())
        ids.append(i.data(AlertsModel::AlertIdRole).toLongLong());
    if (ids.isEmpty() && m_active->currentIndex().isValid())
        ids.append(m_active->currentIndex().data(AlertsModel::AlertIdRole).toLongLong());
    for (qint64 id : ids)
        m_monitor->acknowledge(id, QDateTime::currentMSecsSinceEpoch());
}

void AlertsPanel::saveState(QSettings& settings) const
{
    settings.setValue(QStringLiteral("alerts/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("alerts/activeColumns"), m_active->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("alerts/historyColumns"), m_history->horizontalHeader()->saveState());
}

void AlertsPanel::restoreState(QSettings& settings)
{
    m_splitter->restoreState(settings.value(QStringLiteral("alerts/splitter")).toByteArray());
    m_active->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("alerts/activeColumns")).toByteArray());
    m_history->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("alerts/historyColumns")).toByteArray());
}

} // namespace quotadesk
