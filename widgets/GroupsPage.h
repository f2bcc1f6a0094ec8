#pragma once

#include <QWidget>

class QSettings;
class QTreeView;

namespace quotadesk {

class GroupsModel;
class LiveDashboard;

// Department → project → member, pooled usage against the pool limits.
class GroupsPage : public QWidget
{
    Q_OBJECT

public:
    explicit GroupsPage(LiveDashboard* dashboard, QWidget* parent = nullptr);

    GroupsModel* model() const { return m_model; }
    void saveState(QSettings& settings) const;
    void restoreState(QSettings& settings);

signals:
    void subjectActivated(const QString& id);

protected:
    // Member usage is read only while the page is on screen.
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    LiveDashboard* m_dashboard;
    GroupsModel* m_model;
    QTreeView* m_view;
};

} // namespace quotadesk
