#pragma once

#include "ConnectionStatus.h"

#include <QDialog>

namespace quotadesk {

// Help → About: the version, how this binary was built, and the connected server's Redis version.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(const ConnectionStatus& status, QWidget* parent = nullptr);

    // "GCC 12.2.0 · Qt 6.4.2 (built with 6.4.2) · Debug", for bug reports.
    static QString buildDescription();
    static QString serverDescription(const ConnectionStatus& status);
};

} // namespace quotadesk
