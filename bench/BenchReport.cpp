#include "BenchReport.h"

namespace quotadesk {

BenchReport::BenchReport(QStringList columns) : m_columns(std::move(columns))
{}

void BenchReport::addRow(const QStringList& cells)
{
    m_rows.append(cells);
}

QString BenchReport::toMarkdown() const
{
    auto line = [](const QStringList& cells) {
        return QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
    };
    QString out = line(m_columns);
    QStringList rule;
    for (int i = 0; i < m_columns.size(); ++i)
        rule << QStringLiteral("---");
    out += line(rule);
    for (const QStringList& row : m_rows)
        out += line(row);
    return out;
}

} // namespace quotadesk
