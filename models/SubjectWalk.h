#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace quotadesk {

class UsageReader;

// One order of the random-access subjects table and how its rows map onto Redis ranks, read on the store
// thread. By id: ranks of `P subjects`, restricted to the search's prefixes (each prefix's ids are one
// contiguous rank range of the index, found with ZLEXCOUNT). By today's usage: ranks of
// `P top:<metric>:day:<start>`. Either way a row is one ZRANGE by index, O(log N + rows) however deep.
class SubjectWalk
{
public:
    // `prefixes` as SubjectsModel::prefixesFor() gives them; {""} is the whole index.
    static SubjectWalk byId(const QStringList& prefixes, bool descending);
    // Highest first when descending.
    static SubjectWalk byRanking(const QString& metric, bool descending);

    struct Slice
    {
        qint64 total = 0; // rows of the walk when the slice was read
        QStringList ids;
    };

    // Rows of the walk now.
    qint64 count(UsageReader& reader) const;
    // The ids of rows [first, first + rows) in walk order (fewer at the end), read with the walk's size so
    // both come from the same moment.
    Slice read(UsageReader& reader, qint64 first, int rows) const;

    // Today's ranking of `metric` as the scripts name it: the day starts at local midnight in the policy's
    // time zone (`meta.tz` of `P policy:compiled`), on the store's clock.
    static QString rankingKey(UsageReader& reader, const QString& metric);

private:
    struct Range
    {
        qint64 start = 0; // rank in `P subjects` of the range's first id
        qint64 size = 0;
    };
    // The prefixes' rank ranges in index order.
    QList<Range> ranges(UsageReader& reader) const;
    Slice readIndex(UsageReader& reader, qint64 first, int rows) const;
    Slice readRanking(UsageReader& reader, qint64 first, int rows) const;

    QStringList m_prefixes;
    QString m_metric; // empty: by id
    bool m_descending = false;
};

} // namespace quotadesk
