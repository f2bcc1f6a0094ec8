#pragma once

#include "SubjectUsage.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <functional>
#include <optional>

namespace quotadesk {

// The rows of the random-access subjects table that are in memory: fixed-size pages, at most maxPages of
// them (the least recently used page leaves first), plus the bookkeeping of page requests. The view
// touches the pages it paints, so the pages kept are the ones around the viewport.
//
// Requests: want() records that a page is needed; the model sends takeWanted() pages, most recently wanted
// first, a few at a time. Only the maxWanted most recent wishes are kept, so dragging the scroll bar
// across the table does not queue thousands of pages nobody looks at any more.
//
// A page read before the row layout changed (subjects added) is stale: it is still shown, but asked for
// again. Not thread-safe: the UI thread's only.
class SubjectPageCache
{
public:
    SubjectPageCache(int pageSize = 200, int maxPages = 64, int maxWanted = 16);

    int pageSize() const { return m_pageSize; }
    int maxPages() const { return m_maxPages; }
    int pageOf(int row) const { return row / m_pageSize; }
    int firstRowOf(int page) const { return page * m_pageSize; }

    // Forgets all pages and requests; `pageSize` and `maxPages` apply from now on.
    void reset(int pageSize, int maxPages);
    // The row if its page is held (and marks the page used), else nullptr.
    const SubjectUsage* find(int row);
    const SubjectUsage* peek(int row) const;
    bool holds(int page) const { return m_pages.contains(page); }
    bool isFresh(int page) const;
    // Stores a page read at `epoch` (epoch() when the request was sent), evicting the least recently used
    // pages beyond maxPages.
    void insert(int page, QList<SubjectUsage> rows, quint64 epoch);
    // Every held page becomes stale.
    void invalidate() { ++m_epoch; }
    quint64 epoch() const { return m_epoch; }
    // Drops the pages at or beyond `rows` (the table got shorter).
    void truncate(int rows);

    int pageCount() const { return int(m_pages.size()); }
    int rowCount() const;
    // Held pages, most recently used first.
    QList<int> pagesByRecency() const;
    // Ids of the held pages, most recently used pages first, at most `limit`.
    QStringList idsByRecency(int limit) const;
    int rowOf(const QString& id) const;
    // Calls `visit(row, usage)` for every held row; `visit` may change the usage in place.
    void forEachRow(const std::function<void(int row, SubjectUsage& usage)>& visit);

    // Request bookkeeping. want() is true when the page was not wanted, in flight or failed before.
    bool want(int page);
    std::optional<int> takeWanted();
    void arrived(int page) { m_inFlight.remove(page); }
    // A page whose read failed is not asked for again until takeFailures() (the next refresh) returns it.
    void failed(int page);
    QList<int> takeFailures();
    int inFlightCount() const { return int(m_inFlight.size()); }
    int wantedCount() const { return int(m_wanted.size()); }

private:
    struct Page
    {
        QList<SubjectUsage> rows;
        quint64 lastUsed = 0;
        quint64 epoch = 0;
    };
    int m_pageSize;
    int m_maxPages;
    int m_maxWanted;
    QHash<int, Page> m_pages;
    quint64 m_clock = 0; // use stamps for LRU: cheaper than reordering a list on every data() call
    quint64 m_epoch = 0;
    QList<int> m_wanted; // oldest first
    QSet<int> m_inFlight;
    QSet<int> m_failed;
};

} // namespace quotadesk
