#pragma once

#include <QString>
#include <QStringList>

namespace quotadesk {

// Collects the benchmark's rows and prints them as one Markdown table, the format docs/performance.md keeps.
class BenchReport
{
public:
    explicit BenchReport(QStringList columns);
    void addRow(const QStringList& cells);
    QString toMarkdown() const;

private:
    QStringList m_columns;
    QList<QStringList> m_rows;
};

} // namespace quotadesk
