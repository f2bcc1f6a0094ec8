#pragma once

#include <QLabel>

namespace quotadesk {

// The banner an editing page shows when the connected Redis user may not write: hidden until a reason is
// set. One look everywhere, and one object name ("readOnlyReason") for tests to find.
class ReadOnlyNotice : public QLabel
{
    Q_OBJECT

public:
    explicit ReadOnlyNotice(QWidget* parent = nullptr);
};

} // namespace quotadesk
