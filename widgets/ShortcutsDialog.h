#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QTableWidget;

namespace quotadesk {

// Help → Keyboard shortcuts: every given action that has a shortcut, read from the actions themselves so
// the list cannot drift from what the keys really do.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);

    // (action, shortcut) rows as shown, in native text ("Ctrl+K"); tests use it.
    QList<QPair<QString, QString>> rows() const;

private:
    QTableWidget* m_table;
};

} // namespace quotadesk
