#pragma once

#include "ConnectionStatus.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace quotadesk {

class PolicyWatcher;
class RequestsModel;
class StoreClient;

// The approvals queue: pending quota-increase requests, the selected subject's usage and recent history
// beside them, approve (amount and expiry editable) or deny (with a reason), several at once; decided
// requests below. New requests arrive pushed (PolicyWatcher event "request"): pendingCountChanged() drives
// the tab badge, requestArrived() the desktop notification.
class ApprovalsPage : public QWidget
{
    Q_OBJECT

public:
    ApprovalsPage(StoreClient* client, QWidget* parent = nullptr);
    ~ApprovalsPage() override;

    void refresh();
    int pendingCount() const;
    RequestsModel* pendingModel() const { return m_pending; }
    RequestsModel* decidedModel() const { return m_decided; }
    void setReadOnly(bool readOnly, const QString& reason);
    // Approves / denies the selected pending requests with the form's values.
    void approveSelected();
    void denySelected();

signals:
    void pendingCountChanged(int count);
    void requestArrived(const QString& summary);

private:
    void onStatus(const ConnectionStatus& status);
    void onEvent(const QByteArray& json);
    void showSubject();
    QList<qint64> selectedIds() const;
    void updateButtons();

    StoreClient* m_client;
    std::unique_ptr<PolicyWatcher> m_watcher;
    RequestsModel* m_pending;
    RequestsModel* m_decided;
    QLabel* m_readOnlyReason;
    QLabel* m_message;
    QTableView* m_pendingView;
    QTableView* m_decidedView;
    QPlainTextEdit* m_subjectDetail;
    QLineEdit* m_amount;
    QComboBox* m_expiryMode;
    QDateTimeEdit* m_expiresAt;
    QLineEdit* m_comment;
    QLineEdit* m_denyReason;
    QPushButton* m_approve;
    QPushButton* m_deny;
    bool m_readOnly = false;
    bool m_busy = false;
    int m_lastPending = -1;
};

} // namespace quotadesk
