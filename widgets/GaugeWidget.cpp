#include "GaugeWidget.h"

#include "PercentBarDelegate.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace quotadesk {

GaugeWidget::GaugeWidget(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void GaugeWidget::setValue(double fraction, const QString& caption, const QString& tooltip)
{
    if (fraction == m_fraction && caption == m_caption)
        return;
    m_fraction = fraction;
    m_caption = caption;
    setToolTip(tooltip);
    // Screen readers get the value even when the caption does not spell it out.
    const QString percent = QStringLiteral("%1%").arg(qRound(fraction * 100));
    setAccessibleName(caption.contains(percent) ? caption : tr("%1 — %2").arg(caption, percent));
    setAccessibleDescription(tooltip.isEmpty() ? tr("%1 of the limit used").arg(percent)
                                               : tr("%1 of the limit used: %2").arg(percent, tooltip));
    update();
}

QSize GaugeWidget::sizeHint() const
{
    return {180, 140};
}

QSize GaugeWidget::minimumSizeHint() const
{
    return {120, 140};
}

void GaugeWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const int captionHeight = fontMetrics().height() * 2 + 4;
    // The half circle and the caption below it must both fit.
    const int side = std::max(20, std::min(width() - 8, (height() - captionHeight - 12) * 2));
    const QRectF arcRect((width() - side) / 2.0, 6, side, side);
    const int thickness = std::max(6, side / 10);
    // A 180° arc from left to right, filled clockwise.
    QPen track(palette().color(QPalette::Mid), thickness, Qt::SolidLine, Qt::FlatCap);
    p.setPen(track);
    p.drawArc(arcRect.adjusted(thickness / 2.0, thickness / 2.0, -thickness / 2.0, -thickness / 2.0),
              180 * 16, -180 * 16);
    QPen fill(PercentBarDelegate::colorFor(m_fraction), thickness, Qt::SolidLine, Qt::FlatCap);
    p.setPen(fill);
    const int span = int(-180 * 16 * std::clamp(m_fraction, 0.0, 1.0));
    p.drawArc(arcRect.adjusted(thickness / 2.0, thickness / 2.0, -thickness / 2.0, -thickness / 2.0),
              180 * 16, span);

    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    p.setFont(big);
    p.setPen(palette().color(QPalette::WindowText));
    const QRectF centre(arcRect.left(), arcRect.top() + side * 0.22, arcRect.width(), side * 0.28);
    p.drawText(centre, Qt::AlignCenter, QStringLiteral("%1%").arg(qRound(m_fraction * 100)));

    p.setFont(font());
    const QRect captionRect(2, int(arcRect.top() + side / 2.0) + 4, width() - 4, captionHeight);
    p.drawText(captionRect, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_caption);
}

} // namespace quotadesk
