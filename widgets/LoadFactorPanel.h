#pragma once

#include "LoadState.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QTimer>
#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QValueAxis;

namespace quotadesk {

class StoreClient;

// Load-based adjustment: the factor in force per tier and what set it (an operator, or a rule and its
// signal), an override for a set time (PolicyStore::setLoadFactor), and the gateways' signals over the last
// minutes as a chart, sampled by the console on every refresh (every 2 s while the panel is shown).
class LoadFactorPanel : public QWidget
{
    Q_OBJECT

public:
    static constexpr int MaxSamples = 450; // 15 minutes at one sample every 2 s

    LoadFactorPanel(StoreClient* client, QWidget* parent = nullptr);

    void refresh();
    // factor 1 clears the operator override.
    void applyOverride(const QString& tier, double factor, int minutes, const QString& comment);
    const LoadState& state() const { return m_state; }
    QList<QPointF> samples(const QString& signal) const { return m_samples.value(signal); }
    void setReadOnly(bool readOnly, const QString& reason);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void display(const LoadState& state);
    void updateChart();

    StoreClient* m_client;
    LoadState m_state;
    QHash<QString, QList<QPointF>> m_samples; // signal -> (time ms, max value)
    QTimer m_timer;
    bool m_inFlight = false;
    bool m_readOnly = false;
    QLabel* m_readOnlyReason;
    QLabel* m_message;
    QTableWidget* m_table;
    QComboBox* m_tier;
    QDoubleSpinBox* m_factor;
    QSpinBox* m_minutes;
    QLineEdit* m_comment;
    QPushButton* m_apply;
    QPushButton* m_clear;
    QChart* m_chart;
    QChartView* m_chartView;
    QValueAxis* m_timeAxis;
    QValueAxis* m_valueAxis;
};

} // namespace quotadesk
