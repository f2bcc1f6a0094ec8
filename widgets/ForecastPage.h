#pragma once

#include <QWidget>

class QSettings;
class QTableView;

namespace quotadesk {

class ForecastModel;
class LiveDashboard;

// Subjects and groups near a calendar limit and when each runs out at the current rate.
class ForecastPage : public QWidget
{
    Q_OBJECT

public:
    explicit ForecastPage(LiveDashboard* dashboard, QWidget* parent = nullptr);

    ForecastModel* model() const { return m_model; }
    void saveState(QSettings& settings) const;
    void restoreState(QSettings& settings);

private:
    ForecastModel* m_model;
    QTableView* m_view;
};

} // namespace quotadesk
