#include "PercentBarDelegate.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace quotadesk {

PercentBarDelegate::PercentBarDelegate(int role, QObject* parent) : QStyledItemDelegate(parent), m_role(role)
{}

QColor PercentBarDelegate::colorFor(double fraction)
{
    if (fraction >= 1.0)
        return QColor(0xe5, 0x73, 0x73);
    if (fraction >= 0.85)
        return QColor(0xff, 0xb7, 0x4d);
    return QColor(0x81, 0xc7, 0x84);
}

void PercentBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const
{
    const QVariant value = index.data(m_role);
    if (!value.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const double fraction = value.toDouble();
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget); // selection background

    const QRect bar = option.rect.adjusted(3, 3, -3, -3);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(option.palette.color(QPalette::Base).darker(106));
    painter->drawRoundedRect(bar, 3, 3);
    QRect filled = bar;
    filled.setWidth(int(bar.width() * std::clamp(fraction, 0.0, 1.0)));
    painter->setBrush(colorFor(fraction));
    painter->drawRoundedRect(filled, 3, 3);
    painter->setPen(option.palette.color(QPalette::Text));
    painter->drawText(bar.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                      option.fontMetrics.elidedText(text, Qt::ElideRight, bar.width() - 8));
    painter->restore();
}

QSize PercentBarDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width() + 16, 120));
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 8));
    return size;
}

} // namespace quotadesk
