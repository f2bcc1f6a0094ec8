#include "MainWindow.h"

#include <QLabel>
#include <QStatusBar>

namespace quotadesk {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("QuotaDesk"));
    resize(1280, 800);
    statusBar()->showMessage(tr("Not connected"));
}

} // namespace quotadesk
