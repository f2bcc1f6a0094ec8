#pragma once

#include "SubjectUsage.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace quotadesk {

class StoreClient;

// The subjects table, paged from the store's indexes so a million subjects cost what one page costs:
// rows arrive through canFetchMore()/fetchMore() (the view asks as it scrolls), never all at once.
//
// Order and search come from the indexes: by subject id from `P subjects` (ZRANGEBYLEX, the search text is an
// id prefix, "ali" matching client:ali… and user:ali…), by requests / tokens / GPU / denials from today's
// `P top:*:day` rankings (only subjects active today). Tier, group, tightest limit and concurrency sort the
// loaded rows. Tier and group filters are applied while paging, reading at most a bounded number of ids
// per fetch. refresh() re-reads the loaded rows' usage and signals only the rows that changed.
class SubjectsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        SubjectColumn,
        TierColumn,
        GroupColumn,
        TightestColumn,
        RequestsColumn,
        TokensColumn,
        GpuColumn,
        ConcurrencyColumn,
        DenialsColumn,
        ColumnCount
    };
    enum Role
    {
        FractionRole = Qt::UserRole + 1, // double, 0..1+ of the limit; invalid when no limit
        SubjectIdRole,
    };

    explicit SubjectsModel(StoreClient* client, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setSearch(const QString& text);
    void setTierFilter(const QString& tier);
    void setGroupFilter(const QString& group);
    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }
    QString search() const { return m_search; }

    // Starts again from the first page (after a reconnect, a new search or filter).
    void reload();
    // Re-reads usage for the loaded rows.
    void refresh();

    bool isFetching() const { return m_fetching; }
    bool atEnd() const { return m_atEnd; }
    const SubjectUsage& subjectAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString& id) const;

    // The metric a column shows, empty for the others.
    static QString metricOf(int column);
    // Search text -> id prefixes in index order, e.g. "ali" -> {"client:ali", "user:ali"}.
    static QStringList prefixesFor(const QString& search);

signals:
    void fetchFinished();
    void refreshed();
    void errorOccurred(const QString& message);

private:
    struct Page
    {
        QList<SubjectUsage> rows;
        int prefixIndex = 0;
        QString after;
        qint64 offset = 0;
        bool atEnd = false;
    };
    bool rankingMode() const;
    void sortLoaded();

    StoreClient* m_client;
    QList<SubjectUsage> m_rows;
    QString m_search;
    QString m_tier;
    QString m_group;
    int m_pageSize = 200;
    int m_sortColumn = SubjectColumn;
    Qt::SortOrder m_order = Qt::AscendingOrder;
    // Paging cursor: index mode walks prefixes in order from `m_after`; ranking mode counts ranks.
    int m_prefixIndex = 0;
    QString m_after;
    qint64 m_offset = 0;
    bool m_atEnd = false;
    bool m_fetching = false;
    bool m_refreshing = false;
    quint64 m_generation = 0; // replies of an older generation (before a reload) are dropped
};

} // namespace quotadesk
