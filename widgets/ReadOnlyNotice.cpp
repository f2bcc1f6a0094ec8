#include "ReadOnlyNotice.h"

namespace quotadesk {

ReadOnlyNotice::ReadOnlyNotice(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("readOnlyReason"));
    setWordWrap(true);
    setStyleSheet(
        QStringLiteral("background: #fff4d6; border: 1px solid #e0c070; padding: 6px; color: #604000"));
    hide();
}

} // namespace quotadesk
