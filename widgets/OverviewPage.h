#pragma once

#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;
class QSettings;
class QSplitter;
class QTableView;

namespace quotadesk {

class GatewaysModel;
class GaugeWidget;
class LiveChart;
class LiveDashboard;

// Fleet totals now, gauges of the busiest subjects and groups against their limits, live charts of
// requests, tokens and denials per minute (1 h / 24 h / 7 d, split by tier or group) and the gateways.
class OverviewPage : public QWidget
{
    Q_OBJECT

public:
    explicit OverviewPage(LiveDashboard* dashboard, QWidget* parent = nullptr);

    void saveState(QSettings& settings) const;
    void restoreState(QSettings& settings);

    // The caption of a gauge: "alice — 85% of tokens/day".
    static QString gaugeCaption(const QString& entity, double fraction, const QString& limit);

private:
    void updateFromDashboard();
    QLabel* addTile(QGridLayout* grid, int column, const QString& title, const QString& name);

    LiveDashboard* m_dashboard;
    GatewaysModel* m_gateways;
    QLabel* m_requests;
    QLabel* m_tokens;
    QLabel* m_denials;
    QLabel* m_concurrent;
    QLabel* m_gatewaysOnline;
    QLabel* m_subjects;
    QList<GaugeWidget*> m_subjectGauges;
    QList<GaugeWidget*> m_groupGauges;
    QComboBox* m_range;
    QComboBox* m_split;
    LiveChart* m_requestsChart;
    LiveChart* m_tokensChart;
    LiveChart* m_denialsChart;
    QSplitter* m_splitter;
    QTableView* m_gatewayView;
};

} // namespace quotadesk
