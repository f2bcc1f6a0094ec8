#include "ForecastPage.h"

#include "ForecastModel.h"
#include "LiveDashboard.h"
#include "PercentBarDelegate.h"

#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>

namespace quotadesk {

ForecastPage::ForecastPage(LiveDashboard* dashboard, QWidget* parent) : QWidget(parent)
{
    m_model = new ForecastModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("forecastView"));
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setItemDelegateForColumn(ForecastModel::UsedColumn,
                                     new PercentBarDelegate(ForecastModel::FractionRole, this));
    m_view->setColumnWidth(ForecastModel::EntityColumn, 200);
    m_view->setColumnWidth(ForecastModel::LimitColumn, 130);
    m_view->setColumnWidth(ForecastModel::UsedColumn, 220);
    m_view->setColumnWidth(ForecastModel::RateColumn, 110);
    auto* note =
        new QLabel(tr("Day and month limits of the busiest subjects and of every group, at the rate of "
                      "the last ten minutes. Times are local."),
                   this);
    note->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(m_view, 1);
    connect(dashboard, &LiveDashboard::updated, this, [this, dashboard] {
        if (dashboard->snapshot().valid)
            m_model->setSnapshot(dashboard->snapshot());
    });
}

void ForecastPage::saveState(QSettings& settings) const
{
    settings.setValue(QStringLiteral("forecast/columns"), m_view->horizontalHeader()->saveState());
}

void ForecastPage::restoreState(QSettings& settings)
{
    const QByteArray state = settings.value(QStringLiteral("forecast/columns")).toByteArray();
    if (!state.isEmpty())
        m_view->horizontalHeader()->restoreState(state);
}

} // namespace quotadesk
