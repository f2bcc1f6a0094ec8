#pragma once

#include "ConnectionStatus.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace quotadesk {

class HistoryModel;
class StoreClient;

// Published versions with who, when and why; view any version, diff any two (select two rows), roll back
// to one (after a confirmation; a rollback is a new version, so it can itself be rolled back).
class HistoryPage : public QWidget
{
    Q_OBJECT

public:
    HistoryPage(StoreClient* client, QWidget* parent = nullptr);

    void refresh();
    HistoryModel* model() const { return m_model; }
    void selectVersions(const QList<qint64>& versions);
    void viewSelected();
    void diffSelected();
    // Asks for confirmation (a QMessageBox), then rolls back to the selected version.
    void rollbackSelected();
    QString text() const;
    void setReadOnly(bool readOnly, const QString& reason);

signals:
    void rolledBack(qint64 newVersion);

private:
    QList<qint64> selectedVersions() const;
    void updateButtons();

    StoreClient* m_client;
    HistoryModel* m_model;
    QLabel* m_readOnlyReason;
    QTableView* m_view;
    QPlainTextEdit* m_text;
    QPushButton* m_viewButton;
    QPushButton* m_diffButton;
    QPushButton* m_rollbackButton;
    bool m_readOnly = false;
};

} // namespace quotadesk
