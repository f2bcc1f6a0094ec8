#pragma once

#include <QMainWindow>

namespace quotadesk {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace quotadesk
