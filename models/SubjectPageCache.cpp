#include "SubjectPageCache.h"

#include <algorithm>

namespace quotadesk {

SubjectPageCache::SubjectPageCache(int pageSize, int maxPages, int maxWanted)
    : m_pageSize(std::max(1, pageSize)), m_maxPages(std::max(1, maxPages)),
      m_maxWanted(std::max(1, maxWanted))
{}

void SubjectPageCache::reset(int pageSize, int maxPages)
{
    m_pageSize = std::max(1, pageSize);
    m_maxPages = std::max(1, maxPages);
    m_pages.clear();
    m_wanted.clear();
    m_inFlight.clear();
    m_failed.clear();
    ++m_epoch;
}

const SubjectUsage* SubjectPageCache::find(int row)
{
    const auto it = m_pages.find(pageOf(row));
    if (it == m_pages.end())
        return nullptr;
    const qsizetype i = row - firstRowOf(it.key());
    if (i < 0 || i >= it->rows.size())
        return nullptr;
    it->lastUsed = ++m_clock;
    return &it->rows.at(i);
}

const SubjectUsage* SubjectPageCache::peek(int row) const
{
    const auto it = m_pages.constFind(pageOf(row));
    if (it == m_pages.constEnd())
        return nullptr;
    const qsizetype i = row - firstRowOf(it.key());
    return i >= 0 && i < it->rows.size() ? &it->rows.at(i) : nullptr;
}

bool SubjectPageCache::isFresh(int page) const
{
    const auto it = m_pages.constFind(page);
    return it != m_pages.constEnd() && it->epoch == m_epoch;
}

void SubjectPageCache::insert(int page, QList<SubjectUsage> rows, quint64 epoch)
{
    Page& p = m_pages[page];
    p.rows = std::move(rows);
    p.epoch = epoch;
    p.lastUsed = ++m_clock;
    while (m_pages.size() > m_maxPages) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it->lastUsed < oldest->lastUsed)
                oldest = it;
        }
        m_pages.erase(oldest);
    }
}

void SubjectPageCache::truncate(int rows)
{
    for (auto it = m_pages.begin(); it != m_pages.end();) {
        if (firstRowOf(it.key()) >= rows) {
            it = m_pages.erase(it);
        } else {
            const qsizetype keep = rows - firstRowOf(it.key());
            if (it->rows.size() > keep)
                it->rows.resize(keep);
            ++it;
        }
    }
    m_wanted.removeIf([&](int page) { return firstRowOf(page) >= rows; });
}

int SubjectPageCache::rowCount() const
{
    int n = 0;
    for (const Page& p : m_pages)
        n += int(p.rows.size());
    return n;
}

QList<int> SubjectPageCache::pagesByRecency() const
{
    QList<int> pages = m_pages.keys();
    std::sort(pages.begin(), pages.end(),
              [this](int a, int b) { return m_pages.value(a).lastUsed > m_pages.value(b).lastUsed; });
    return pages;
}

QStringList SubjectPageCache::idsByRecency(int limit) const
{
    QStringList out;
    for (int page : pagesByRecency()) {
        for (const SubjectUsage& s : m_pages.value(page).rows) {
            if (out.size() >= limit)
                return out;
            out.append(s.id);
        }
    }
    return out;
}

int SubjectPageCache::rowOf(const QString& id) const
{
    for (auto it = m_pages.constBegin(); it != m_pages.constEnd(); ++it) {
        for (qsizetype i = 0; i < it->rows.size(); ++i) {
            if (it->rows[i].id == id)
                return firstRowOf(it.key()) + int(i);
        }
    }
    return -1;
}

void SubjectPageCache::forEachRow(const std::function<void(int, SubjectUsage&)>& visit)
{
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        for (qsizetype i = 0; i < it->rows.size(); ++i)
            visit(firstRowOf(it.key()) + int(i), it->rows[i]);
    }
}

bool SubjectPageCache::want(int page)
{
    if (m_inFlight.contains(page) || m_failed.contains(page))
        return false;
    const qsizetype at = m_wanted.indexOf(page);
    if (at >= 0) {
        m_wanted.move(at, m_wanted.size() - 1); // wanted again: now the most recent wish
        return false;
    }
    m_wanted.append(page);
    if (m_wanted.size() > m_maxWanted)
        m_wanted.removeFirst(); // scrolled past long ago
    return true;
}

std::optional<int> SubjectPageCache::takeWanted()
{
    if (m_wanted.isEmpty())
        return std::nullopt;
    const int page = m_wanted.takeLast();
    m_inFlight.insert(page);
    return page;
}

void SubjectPageCache::failed(int page)
{
    m_inFlight.remove(page);
    m_failed.insert(page);
}

QList<int> SubjectPageCache::takeFailures()
{
    QList<int> pages(m_failed.begin(), m_failed.end());
    m_failed.clear();
    return pages;
}

} // namespace quotadesk
