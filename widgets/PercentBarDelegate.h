#pragma once

#include <QStyledItemDelegate>

namespace quotadesk {

// Draws a cell as a bar filled to the fraction in `role` (0..1, over 1 clamps), green → amber at 85% → red
// at 100%, with the cell's text on top. Cells without a fraction are drawn as usual.
class PercentBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit PercentBarDelegate(int role, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static QColor colorFor(double fraction);

private:
    int m_role;
};

} // namespace quotadesk
