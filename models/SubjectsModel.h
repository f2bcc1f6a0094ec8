#pragma once

#include "SubjectPageCache.h"
#include "SubjectUsage.h"
#include "SubjectWalk.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace quotadesk {

class StoreClient;
class UsageReader;

// The subjects table over the store's indexes, so a million subjects cost what a screenful costs.
//
// Random access (by subject id, optionally with a search prefix; by today's requests / tokens / GPU /
// denials without a search): the row count comes from the index up front (ZCARD / ZLEXCOUNT) and any row
// is read by rank (SubjectWalk). Rows are read in pages, only when the view asks for them (data() of an
// unloaded row shows a placeholder and requests its page from the store thread); a bounded LRU cache of
// pages (SubjectPageCache) holds what is around the viewport. refresh() re-reads the count and the usage
// of the cached pages and signals only the rows that changed.
//
// Append-only paging through canFetchMore()/fetchMore() for what no index orders: tier and group filters
// (applied while paging, reading at most a bounded number of ids per fetch), a search with a ranking sort,
// and the tier, group, tightest limit and concurrency sorts (which sort the loaded rows).
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
    // Both apply from the next reload().
    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }
    void setCachePages(int pages) { m_cachePages = std::max(1, pages); }
    QString search() const { return m_search; }

    // Starts again from the first page (after a reconnect, a new search or filter).
    void reload();
    // Re-reads usage for the loaded rows (and in random access the row count).
    void refresh();

    // True while the current order and filters read rows by rank rather than by fetchMore().
    bool isRandomAccess() const { return m_randomAccess; }
    bool isFetching() const;
    // Nothing left for fetchMore(): the last page was read, or (random access) the row count is known.
    bool atEnd() const { return m_randomAccess ? m_countKnown : m_atEnd; }
    // The row's subject; an empty SubjectUsage while the row is not loaded. `row` < rowCount().
    SubjectUsage subjectAt(int row) const;
    // The row showing `id` among the loaded rows, or -1.
    int rowOf(const QString& id) const;
    bool isRowLoaded(int row) const;
    // Rows held in memory.
    int loadedRowCount() const;

    // The metric a column shows, empty for the others.
    static QString metricOf(int column);
    // Search text -> id prefixes in index order, e.g. "ali" -> {"client:ali", "user:ali"}.
    static QStringList prefixesFor(const QString& search);

signals:
    // A fetchMore() page, or in random access the row count or a page, arrived (or failed).
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
    // A read from the store thread: the walk's size and rows' usage, both of the same moment.
    struct PageRead
    {
        qint64 total = 0;
        QList<SubjectUsage> rows;
    };
    bool rankingMode() const;
    bool wantsRandomAccess() const;
    SubjectWalk walk() const;
    void sortLoaded();
    // The row in random access, requesting its page when it is not loaded or stale.
    const SubjectUsage* cachedRow(int row) const;
    void requestPage(int page) const;
    // On the store thread: rows [first, first + rows) of `walk` with their usage.
    static PageRead readPage(const SubjectWalk& walk, UsageReader& reader, int first, int rows);
    void sendPageRequests();
    void onPageRead(int page, quint64 epoch, PageRead read);
    void countRows();
    // A new row count: rows added at the end (growRows()), or a reset when the table got shorter.
    void applyCount(qint64 total);
    // Shows rows up to m_target, a bounded number per event-loop turn.
    void growRows();
    // The first count after a reload is shown in full: the fetch is finished.
    void countShown();
    // Asks again for the most recently used pages, the ones on screen, after the layout changed.
    void requestRecentPages();
    void refreshLoaded();
    void refreshCached();

    StoreClient* m_client;
    QList<SubjectUsage> m_rows;
    QString m_search;
    QString m_tier;
    QString m_group;
    int m_pageSize = 200;
    int m_cachePages = 64;
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
    // Random access. data() is const but asks for pages, hence mutable.
    bool m_randomAccess = true; // the initial order (by id, no filter) is random access
    bool m_countKnown = false;
    bool m_counting = false;
    int m_count = 0;  // rows shown
    int m_target = 0; // rows of the walk; more than m_count while the table grows
    bool m_growQueued = false;
    mutable SubjectPageCache m_cache;
    mutable bool m_sendQueued = false;
};

} // namespace quotadesk
