#pragma once

#include <QWidget>

namespace quotadesk {

// One "busiest" gauge: an arc filled to the fraction of a limit, the percentage in the middle and a caption
// such as "alice — 85% of tokens/day" underneath.
class GaugeWidget : public QWidget
{
    Q_OBJECT

public:
    explicit GaugeWidget(QWidget* parent = nullptr);

    void setValue(double fraction, const QString& caption, const QString& tooltip = {});
    double fraction() const { return m_fraction; }
    QString caption() const { return m_caption; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    double m_fraction = 0;
    QString m_caption;
};

} // namespace quotadesk
