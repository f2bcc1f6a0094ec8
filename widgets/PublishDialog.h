#pragma once

#include "Policy.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace quotadesk {

class PolicyDraft;
class StoreClient;

// Publishing the draft: what changes for whom (PolicyImpact against the live version), a comment, then a
// compare-and-set publish on the version the draft started from. If someone else published meanwhile,
// nothing is overwritten: the dialog shows their change (base → live now) and offers to rebase the draft
// onto it; cells both sides changed are flagged in the editor.
class PublishDialog : public QDialog
{
    Q_OBJECT

public:
    PublishDialog(StoreClient* client, PolicyDraft* draft, QWidget* parent = nullptr);

    // Reads the live version and the impact (asynchronous; the lists fill when the store answers).
    void refresh();
    void publish();
    void rebase();

    bool hasConflict() const { return m_liveVersion != 0 && m_liveVersion != m_baseVersionAtRead; }
    QStringList changeLines() const;
    QStringList theirChangeLines() const;

signals:
    void published(qint64 version, qint64 atMs);

private:
    void showLive(qint64 version, const Policy& live);
    void updateButtons();

    StoreClient* m_client;
    PolicyDraft* m_draft;
    qint64 m_liveVersion = 0;
    qint64 m_baseVersionAtRead = 0;
    Policy m_live;
    bool m_busy = false;
    QLabel* m_summary;
    QListWidget* m_changes;
    QLabel* m_conflictLabel;
    QListWidget* m_theirChanges;
    QLineEdit* m_comment;
    QLabel* m_status;
    QPushButton* m_publish;
    QPushButton* m_rebase;
};

} // namespace quotadesk
