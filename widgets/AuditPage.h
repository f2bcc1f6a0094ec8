#pragma once

#include "AuditEntry.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QPlainTextEdit;
class QTableView;

namespace quotadesk {

class AuditModel;
class StoreClient;

// The audit log (`P audit`): filters (actor, action, subject, time range), details with before/after,
// export to CSV.
class AuditPage : public QWidget
{
    Q_OBJECT

public:
    AuditPage(StoreClient* client, QWidget* parent = nullptr);

    void refresh();
    AuditModel* model() const { return m_model; }
    bool exportCsv(const QString& path, QString* error) const;
    void setActorFilter(const QString& actor);
    void setActionFilter(const QString& action);
    void setSubjectFilter(const QString& subject);
    void setTimeRange(qint64 sinceMs, qint64 untilMs); // 0, 0 = any time

private:
    void showDetail();

    StoreClient* m_client;
    AuditModel* m_model;
    QLineEdit* m_actor;
    QComboBox* m_action;
    QLineEdit* m_subject;
    QCheckBox* m_useRange;
    QDateTimeEdit* m_since;
    QDateTimeEdit* m_until;
    QTableView* m_view;
    QPlainTextEdit* m_detail;
};

} // namespace quotadesk
