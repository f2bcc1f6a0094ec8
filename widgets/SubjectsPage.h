#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSettings;
class QTableView;
class QTimer;

namespace quotadesk {

class StoreClient;
class SubjectsModel;

// The subjects table: search by id prefix, filter by tier and group, sort, double-click for the detail.
class SubjectsPage : public QWidget
{
    Q_OBJECT

public:
    SubjectsPage(StoreClient* client, QWidget* parent = nullptr);

    SubjectsModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    // Reads the tier and group names for the filters and loads the first page.
    void reload();
    // Live refresh of the loaded rows' usage; `total` is the size of the subjects index now.
    void refresh(qint64 total);

    void saveState(QSettings& settings) const;
    void restoreState(QSettings& settings);

signals:
    void subjectActivated(const QString& id);

private:
    void updateCount();

    StoreClient* m_client;
    SubjectsModel* m_model;
    QTableView* m_view;
    QLineEdit* m_search;
    QComboBox* m_tier;
    QComboBox* m_group;
    QLabel* m_count;
    QTimer* m_searchDelay;
    qint64 m_total = 0;
};

} // namespace quotadesk
