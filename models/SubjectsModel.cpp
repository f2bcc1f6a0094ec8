#include "SubjectsModel.h"

#include "StoreClient.h"
#include "UsageReader.h"

#include <QMetaObject>

#include <algorithm>
#include <climits>

namespace quotadesk {

namespace {

constexpr int scanBudgetPages = 20; // a filtered fetch reads at most this many pages of ids
constexpr int maxRefreshRows = 5000;
// The store thread runs one job at a time: one page being read and one queued keep it busy, more would
// only be pages the user may have scrolled past by the time they are read.
constexpr int maxPagesInFlight = 2;
// Pages asked for again after the layout changed: the ones on screen (a page is 200 rows).
constexpr int recentPages = 3;
// Rows shown per event-loop turn while the table grows: QHeaderView allocates an item per row, and a
// million at once costs a fresh process 25-80 ms of page faults on the UI thread; 250,000 cost about 13.
// The first step is smaller: it shares its turn with the first page (and often the dashboard's data).
constexpr int growStep = 250000;
constexpr int firstGrowStep = 50000;

bool sameUsage(const SubjectUsage& a, const SubjectUsage& b)
{
    if (a.id != b.id || a.tier != b.tier || a.group != b.group || a.denialsToday != b.denialsToday ||
        a.limits.size() != b.limits.size())
        return false;
    for (qsizetype i = 0; i < a.limits.size(); ++i) {
        const LimitUsage& x = a.limits[i];
        const LimitUsage& y = b.limits[i];
        if (x.metric != y.metric || x.window != y.window || x.limit != y.limit || x.used != y.used)
            return false;
    }
    return true;
}

// The limit of `metric` closest to exhaustion, or nullptr.
const LimitUsage* tightestOf(const SubjectUsage& s, const QString& metric)
{
    const LimitUsage* best = nullptr;
    for (const LimitUsage& l : s.limits) {
        if (l.metric == metric && (!best || l.fraction() > best->fraction()))
            best = &l;
    }
    return best;
}

QString percentText(const LimitUsage& l)
{
    return QStringLiteral("%1% %2").arg(qRound(l.fraction() * 100)).arg(l.label());
}

} // namespace

SubjectsModel::SubjectsModel(StoreClient* client, QObject* parent)
    : QAbstractTableModel(parent), m_client(client), m_cache(m_pageSize, m_cachePages)
{}

int SubjectsModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return m_randomAccess ? m_count : int(m_rows.size());
}

int SubjectsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SubjectsModel::metricOf(int column)
{
    switch (column) {
    case RequestsColumn:
        return QStringLiteral("requests");
    case TokensColumn:
        return QStringLiteral("tokens");
    case GpuColumn:
        return QStringLiteral("gpu_seconds");
    case ConcurrencyColumn:
        return QStringLiteral("concurrency");
    case DenialsColumn:
        return QStringLiteral("denials");
    default:
        return {};
    }
}

QStringList SubjectsModel::prefixesFor(const QString& search)
{
    const QString text = search.trimmed();
    if (text.isEmpty() || text.startsWith(QLatin1String("user:")) ||
        text.startsWith(QLatin1String("client:")))
        return {text};
    // "client:" sorts before "user:", so walking the two ranges in this order is index order.
    return {QStringLiteral("client:") + text, QStringLiteral("user:") + text};
}

QVariant SubjectsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SubjectUsage* row = m_randomAccess ? cachedRow(index.row()) : &m_rows.at(index.row());
    if (!row) {
        // Not loaded yet: its page is on the way.
        if (role == SubjectIdRole)
            return QString();
        if (role == Qt::DisplayRole && index.column() == SubjectColumn)
            return QStringLiteral("…");
        return {};
    }
    const SubjectUsage& s = *row;
    if (role == SubjectIdRole)
        return s.id;
    const int column = index.column();
    const LimitUsage* limit = nullptr;
    if (column == TightestColumn)
        limit = s.tightest();
    else if (column >= RequestsColumn && column <= ConcurrencyColumn)
        limit = tightestOf(s, metricOf(column));
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case SubjectColumn:
            return s.id;
        case TierColumn:
            return s.tier;
        case GroupColumn:
            return s.group;
        case DenialsColumn:
            return s.denialsToday;
        default:
            return limit ? percentText(*limit) : QStringLiteral("—");
        }
    case FractionRole:
        return limit ? QVariant(limit->fraction()) : QVariant();
    case Qt::ToolTipRole:
        if (limit)
            return tr("%1 of %2 %3 (%4)")
                .arg(limit->amount(double(limit->used)), limit->amount(double(limit->limit)), limit->label(),
                     limit->source);
        return {};
    case Qt::TextAlignmentRole:
        if (column == DenialsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant SubjectsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::ToolTipRole) {
        if (section == SubjectColumn)
            return tr("Sorted by id over all subjects");
        if (section == RequestsColumn || section == TokensColumn || section == GpuColumn ||
            section == DenialsColumn)
            return tr("Sorted by today's usage (subjects active today)");
        return tr("Sorts the loaded rows");
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SubjectColumn:
        return tr("Subject");
    case TierColumn:
        return tr("Tier");
    case GroupColumn:
        return tr("Group");
    case TightestColumn:
        return tr("Closest limit");
    case RequestsColumn:
        return tr("Requests");
    case TokensColumn:
        return tr("Tokens");
    case GpuColumn:
        return tr("GPU");
    case ConcurrencyColumn:
        return tr("Concurrency");
    case DenialsColumn:
        return tr("Denials today");
    }
    return {};
}

bool SubjectsModel::rankingMode() const
{
    return m_sortColumn == RequestsColumn || m_sortColumn == TokensColumn || m_sortColumn == GpuColumn ||
           m_sortColumn == DenialsColumn;
}

bool SubjectsModel::wantsRandomAccess() const
{
    return m_tier.isEmpty() && m_group.isEmpty() &&
           (m_sortColumn == SubjectColumn || (rankingMode() && m_search.trimmed().isEmpty()));
}

SubjectWalk SubjectsModel::walk() const
{
    const bool descending = m_order == Qt::DescendingOrder;
    return rankingMode() ? SubjectWalk::byRanking(metricOf(m_sortColumn), descending)
                         : SubjectWalk::byId(prefixesFor(m_search), descending);
}

bool SubjectsModel::isFetching() const
{
    if (!m_randomAccess)
        return m_fetching;
    return m_counting || m_cache.inFlightCount() > 0 || m_cache.wantedCount() > 0;
}

SubjectUsage SubjectsModel::subjectAt(int row) const
{
    if (!m_randomAccess)
        return m_rows.value(row);
    const SubjectUsage* s = m_cache.peek(row);
    return s ? *s : SubjectUsage();
}

bool SubjectsModel::isRowLoaded(int row) const
{
    return m_randomAccess ? m_cache.peek(row) != nullptr : row >= 0 && row < m_rows.size();
}

int SubjectsModel::loadedRowCount() const
{
    return m_randomAccess ? m_cache.rowCount() : int(m_rows.size());
}

bool SubjectsModel::canFetchMore(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_client->isConnected())
        return false;
    // Random access needs only the row count; after that the rows come through data().
    if (m_randomAccess)
        return !m_countKnown && !m_counting;
    return !m_atEnd && !m_fetching;
}

void SubjectsModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    if (m_randomAccess) {
        countRows();
        return;
    }
    m_fetching = true;
    const bool ranking = rankingMode();
    const QString metric = metricOf(m_sortColumn);
    const bool descending = m_order == Qt::DescendingOrder;
    const QStringList prefixes = prefixesFor(m_search);
    const QString tier = m_tier, group = m_group;
    const int pageSize = m_pageSize;
    Page cursor;
    cursor.prefixIndex = m_prefixIndex;
    cursor.after = m_after;
    cursor.offset = m_offset;
    const quint64 generation = m_generation;

    auto job = [=](UsageReader& r) {
        Page page = cursor;
        QStringList picked;
        auto wanted = [&](const SubjectUsage& p) {
            return (tier.isEmpty() || p.tier == tier) && (group.isEmpty() || p.group == group);
        };
        int scanned = 0;
        const int budget = pageSize * scanBudgetPages;
        if (!ranking) {
            QStringList order = prefixes;
            if (descending)
                std::reverse(order.begin(), order.end());
            while (picked.size() < pageSize && scanned < budget && page.prefixIndex < order.size()) {
                const QStringList ids =
                    r.subjectsPage(order[page.prefixIndex], page.after, pageSize, descending);
                scanned += int(ids.size());
                const QList<SubjectUsage> placed = r.placements(ids);
                bool full = false;
                for (const SubjectUsage& p : placed) {
                    page.after = p.id;
                    if (wanted(p))
                        picked.append(p.id);
                    if (picked.size() >= pageSize) {
                        full = true;
                        break;
                    }
                }
                if (!full && ids.size() < pageSize) {
                    ++page.prefixIndex;
                    page.after.clear();
                }
            }
            page.atEnd = page.prefixIndex >= order.size();
        } else {
            while (picked.size() < pageSize && scanned < budget && !page.atEnd) {
                const QList<TopEntry> entries =
                    r.top(metric, QStringLiteral("day"), pageSize, page.offset, !descending);
                scanned += int(entries.size());
                QStringList ids;
                for (const TopEntry& e : entries)
                    ids.append(e.subject);
                const QList<SubjectUsage> placed = r.placements(ids);
                bool full = false;
                for (const SubjectUsage& p : placed) {
                    ++page.offset;
                    const bool prefixOk = std::any_of(prefixes.begin(), prefixes.end(),
                                                      [&](const QString& x) { return p.id.startsWith(x); });
                    if (prefixOk && wanted(p))
                        picked.append(p.id);
                    if (picked.size() >= pageSize) {
                        full = true;
                        break;
                    }
                }
                if (!full && entries.size() < pageSize)
                    page.atEnd = true;
            }
        }
        page.rows = r.subjectUsage(picked);
        return page;
    };
    m_client->submit<Page>(
        this, job,
        [this, generation](Page page) {
            if (generation != m_generation)
                return;
            m_fetching = false;
            m_prefixIndex = page.prefixIndex;
            m_after = page.after;
            m_offset = page.offset;
            m_atEnd = page.atEnd;
            if (!page.rows.isEmpty()) {
                beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.rows.size() - 1));
                m_rows.append(page.rows);
                endInsertRows();
                if (!rankingMode() && m_sortColumn != SubjectColumn)
                    sortLoaded();
            }
            emit fetchFinished();
        },
        [this, generation](const StoreError& e) {
            if (generation != m_generation)
                return;
            m_fetching = false;
            emit errorOccurred(e.message());
            emit fetchFinished();
        });
}

SubjectsModel::PageRead SubjectsModel::readPage(const SubjectWalk& walk, UsageReader& reader, int first,
                                                int rows)
{
    const SubjectWalk::Slice slice = walk.read(reader, first, rows);
    return {slice.total, reader.subjectUsage(slice.ids)};
}

const SubjectUsage* SubjectsModel::cachedRow(int row) const
{
    const SubjectUsage* s = m_cache.find(row);
    const int page = m_cache.pageOf(row);
    if (!s || !m_cache.isFresh(page))
        requestPage(page);
    return s;
}

void SubjectsModel::requestPage(int page) const
{
    if (!m_cache.want(page) || m_sendQueued)
        return;
    // Sent from the event loop, not from inside data(): a paint asks for all its rows first, and the wishes
    // of the latest paint go out first.
    m_sendQueued = true;
    auto* self = const_cast<SubjectsModel*>(this);
    QMetaObject::invokeMethod(
        self, [self] { self->sendPageRequests(); }, Qt::QueuedConnection);
}

void SubjectsModel::sendPageRequests()
{
    m_sendQueued = false;
    while (m_randomAccess && m_cache.inFlightCount() < maxPagesInFlight) {
        const std::optional<int> page = m_cache.takeWanted();
        if (!page)
            break;
        const int first = m_cache.firstRowOf(*page);
        if (first >= m_count) {
            m_cache.arrived(*page); // the table got shorter meanwhile
            continue;
        }
        const SubjectWalk w = walk();
        const int rows = m_cache.pageSize();
        const quint64 generation = m_generation;
        const quint64 epoch = m_cache.epoch();
        m_client->submit<PageRead>(
            this, [w, first, rows](UsageReader& r) { return readPage(w, r, first, rows); },
            [this, generation, epoch, page = *page](PageRead read) {
                if (generation == m_generation)
                    onPageRead(page, epoch, std::move(read));
            },
            [this, generation, page = *page](const StoreError& e) {
                if (generation != m_generation)
                    return;
                m_cache.failed(page);
                emit errorOccurred(e.message());
                emit fetchFinished();
                sendPageRequests();
            });
    }
}

void SubjectsModel::onPageRead(int page, quint64 epoch, PageRead read)
{
    m_cache.arrived(page);
    // Read with the walk's size of the same moment, so after a count change the page is current.
    const bool current = epoch == m_cache.epoch();
    applyCount(read.total);
    const int first = m_cache.firstRowOf(page);
    if (first < m_count) {
        m_cache.insert(page, std::move(read.rows), current ? m_cache.epoch() : epoch);
        const int last = std::min(m_count, first + m_cache.pageSize()) - 1;
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
    emit fetchFinished();
    sendPageRequests();
}

void SubjectsModel::countRows()
{
    m_counting = true;
    const SubjectWalk w = walk();
    const int rows = m_cache.pageSize();
    const quint64 generation = m_generation;
    // The first page comes with the count: a new order or search shows its top rows in one round trip.
    m_client->submit<PageRead>(
        this, [w, rows](UsageReader& r) { return readPage(w, r, 0, rows); },
        [this, generation](PageRead read) {
            if (generation != m_generation)
                return;
            if (!read.rows.isEmpty())
                m_cache.insert(0, std::move(read.rows), m_cache.epoch());
            applyCount(read.total); // finishes the count once all rows are shown
            if (m_count == m_target)
                countShown();
        },
        [this, generation](const StoreError& e) {
            if (generation != m_generation)
                return;
            m_counting = false;
            emit errorOccurred(e.message());
            emit fetchFinished();
        });
}

void SubjectsModel::applyCount(qint64 total)
{
    const int rows = int(std::clamp<qint64>(total, 0, INT_MAX));
    if (rows == m_target)
        return;
    m_target = rows;
    const bool hadRows = m_count > 0;
    if (rows < m_count) {
        beginResetModel();
        m_count = rows;
        m_cache.truncate(rows);
        endResetModel();
    } else if (!m_growQueued) {
        growRows();
    }
    // Ids added to the index shift the ranks after them: what is held may now belong a few rows further.
    if (hadRows) {
        m_cache.invalidate();
        requestRecentPages();
    }
}

void SubjectsModel::growRows()
{
    if (m_count >= m_target)
        return;
    const int rows = std::min(m_target, m_count + (m_count == 0 ? firstGrowStep : growStep));
    if (m_count == 0) {
        // Nothing shown, so nothing to keep: a reset costs views half of inserting rows.
        beginResetModel();
        m_count = rows;
        endResetModel();
    } else {
        beginInsertRows({}, m_count, rows - 1);
        m_count = rows;
        endInsertRows();
    }
    if (m_count < m_target) {
        m_growQueued = true;
        const quint64 generation = m_generation;
        QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation != m_generation)
                    return;
                m_growQueued = false;
                growRows();
                if (m_count == m_target)
                    countShown();
            },
            Qt::QueuedConnection);
    }
}

void SubjectsModel::countShown()
{
    if (!m_counting)
        return;
    m_counting = false;
    m_countKnown = true;
    emit fetchFinished();
}

void SubjectsModel::requestRecentPages()
{
    const QList<int> pages = m_cache.pagesByRecency();
    for (qsizetype i = 0; i < pages.size() && i < recentPages; ++i)
        requestPage(pages[i]);
}

void SubjectsModel::reload()
{
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_prefixIndex = 0;
    m_after.clear();
    m_offset = 0;
    m_atEnd = false;
    m_fetching = false;
    m_refreshing = false;
    m_randomAccess = wantsRandomAccess();
    m_count = 0;
    m_target = 0;
    m_growQueued = false;
    m_countKnown = false;
    m_counting = false;
    m_cache.reset(m_pageSize, m_cachePages);
    endResetModel();
    fetchMore({});
}

void SubjectsModel::setSearch(const QString& text)
{
    if (text == m_search)
        return;
    m_search = text;
    reload();
}

void SubjectsModel::setTierFilter(const QString& tier)
{
    if (tier == m_tier)
        return;
    m_tier = tier;
    reload();
}

void SubjectsModel::setGroupFilter(const QString& group)
{
    if (group == m_group)
        return;
    m_group = group;
    reload();
}

void SubjectsModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    const bool wasIndexed = rankingMode() || m_sortColumn == SubjectColumn;
    const bool orderChanged = column != m_sortColumn || order != m_order;
    m_sortColumn = column;
    m_order = order;
    const bool indexed = rankingMode() || column == SubjectColumn;
    if (indexed) {
        if (orderChanged)
            reload(); // a different walk of an index
    } else if (wasIndexed || m_rows.isEmpty()) {
        // The rows of an index walk are not what a local sort sorts (in random access they are a few
        // pages anywhere): page the index from its start and sort what is loaded.
        reload();
    } else {
        sortLoaded();
    }
}

void SubjectsModel::sortLoaded()
{
    if (m_randomAccess)
        return;
    const int column = m_sortColumn;
    const bool descending = m_order == Qt::DescendingOrder;
    auto key = [column](const SubjectUsage& s) -> double {
        const LimitUsage* l = column == TightestColumn ? s.tightest() : tightestOf(s, metricOf(column));
        return l ? l->fraction() : -1;
    };
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QStringList ids;
    for (const QModelIndex& i : before)
        ids.append(m_rows.at(i.row()).id);
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](const SubjectUsage& a, const SubjectUsage& b) {
        if (column == TierColumn || column == GroupColumn) {
            const QString& x = column == TierColumn ? a.tier : a.group;
            const QString& y = column == TierColumn ? b.tier : b.group;
            return descending ? y < x : x < y;
        }
        return descending ? key(b) < key(a) : key(a) < key(b);
    });
    QModelIndexList after;
    for (qsizetype i = 0; i < before.size(); ++i)
        after.append(index(rowOf(ids[i]), before[i].column()));
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int SubjectsModel::rowOf(const QString& id) const
{
    if (m_randomAccess)
        return m_cache.rowOf(id);
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id)
            return int(i);
    }
    return -1;
}

void SubjectsModel::refresh()
{
    if (m_randomAccess)
        refreshCached();
    else
        refreshLoaded();
}

void SubjectsModel::refreshCached()
{
    if (m_refreshing || !m_countKnown || m_counting || !m_client->isConnected())
        return;
    m_refreshing = true;
    // Pages whose read failed are read again (they are wanted, or they would not have been read).
    for (int page : m_cache.takeFailures()) {
        if (m_cache.firstRowOf(page) < m_count)
            requestPage(page);
    }
    // Most recently used pages first: those on screen are refreshed even when the cache holds more.
    const QStringList ids = m_cache.idsByRecency(maxRefreshRows);
    const SubjectWalk w = walk();
    const quint64 generation = m_generation;
    m_client->submit<PageRead>(
        this,
        [w, ids](UsageReader& r) {
            PageRead out;
            out.total = w.count(r);
            if (!ids.isEmpty())
                out.rows = r.subjectUsage(ids);
            return out;
        },
        [this, generation](PageRead fresh) {
            if (generation != m_generation)
                return;
            m_refreshing = false;
            QHash<QString, qsizetype> byId;
            for (qsizetype i = 0; i < fresh.rows.size(); ++i)
                byId.insert(fresh.rows[i].id, i);
            QList<int> changed;
            m_cache.forEachRow([&](int row, SubjectUsage& s) {
                const auto it = byId.constFind(s.id);
                if (it != byId.constEnd() && !sameUsage(s, fresh.rows[*it])) {
                    s = fresh.rows[*it];
                    changed.append(row);
                }
            });
            std::sort(changed.begin(), changed.end());
            // Signal runs of changed rows, not the whole table.
            for (qsizetype i = 0; i < changed.size();) {
                qsizetype j = i;
                while (j + 1 < changed.size() && changed[j + 1] == changed[j] + 1)
                    ++j;
                emit dataChanged(index(changed[i], 0), index(changed[j], ColumnCount - 1));
                i = j + 1;
            }
            applyCount(fresh.total);
            emit refreshed();
        },
        [this, generation](const StoreError& e) {
            if (generation == m_generation)
                m_refreshing = false;
            emit errorOccurred(e.message());
        });
}

void SubjectsModel::refreshLoaded()
{
    if (m_refreshing || m_fetching || m_rows.isEmpty() || !m_client->isConnected())
        return;
    m_refreshing = true;
    QStringList ids;
    for (qsizetype i = 0; i < m_rows.size() && i < maxRefreshRows; ++i)
        ids.append(m_rows[i].id);
    const quint64 generation = m_generation;
    m_client->submit<QList<SubjectUsage>>(
        this, [ids](UsageReader& r) { return r.subjectUsage(ids); },
        [this, generation](QList<SubjectUsage> fresh) {
            if (generation != m_generation)
                return;
            m_refreshing = false;
            QHash<QString, qsizetype> byId;
            for (qsizetype i = 0; i < fresh.size(); ++i)
                byId.insert(fresh[i].id, i);
            // Signal runs of changed rows, not the whole table.
            int runStart = -1;
            auto flush = [&](int end) {
                if (runStart >= 0)
                    emit dataChanged(index(runStart, 0), index(end, ColumnCount - 1));
                runStart = -1;
            };
            for (int row = 0; row < m_rows.size(); ++row) {
                const auto it = byId.constFind(m_rows[row].id);
                if (it != byId.constEnd() && !sameUsage(m_rows[row], fresh[*it])) {
                    m_rows[row] = fresh[*it];
                    if (runStart < 0)
                        runStart = row;
                } else {
                    flush(row - 1);
                }
            }
            flush(int(m_rows.size()) - 1);
            emit refreshed();
        },
        [this, generation](const StoreError& e) {
            if (generation == m_generation)
                m_refreshing = false;
            emit errorOccurred(e.message());
        });
}

} // namespace quotadesk
