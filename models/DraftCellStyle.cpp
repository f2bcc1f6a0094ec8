#include "DraftCellStyle.h"

#include <QColor>

namespace quotadesk {

QBrush DraftCellStyle::invalid()
{
    return QBrush(QColor(255, 205, 205));
}

QBrush DraftCellStyle::conflict()
{
    return QBrush(QColor(255, 220, 150));
}

QString DraftCellStyle::conflictTip()
{
    return tr("Changed both in your draft and in the live version meanwhile: your value is kept, check it.");
}

} // namespace quotadesk
