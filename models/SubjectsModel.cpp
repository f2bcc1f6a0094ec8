#include "SubjectsModel.h"

#include "StoreClient.h"
#include "UsageReader.h"

#include <algorithm>

namespace quotadesk {

namespace {

constexpr int scanBudgetPages = 20; // a filtered fetch reads at most this many pages of ids
constexpr int maxRefreshRows = 5000;

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
    : QAbstractTableModel(parent), m_client(client)
{}

int SubjectsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
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
    const SubjectUsage& s = m_rows.at(index.row());
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

bool SubjectsModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching && m_client->isConnected();
}

void SubjectsModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
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
    if (indexed && orderChanged) {
        reload(); // a different walk of the index
    } else if (!indexed) {
        if (wasIndexed && m_rows.isEmpty())
            reload();
        sortLoaded();
    }
}

void SubjectsModel::sortLoaded()
{
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
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id)
            return int(i);
    }
    return -1;
}

void SubjectsModel::refresh()
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
