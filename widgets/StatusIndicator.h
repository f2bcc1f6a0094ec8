#pragma once

#include "ConnectionStatus.h"

#include <QWidget>

class QLabel;

namespace quotadesk {

// The status bar's connection summary: a coloured dot and one line, e.g. "Connected to redis://…:6379 as
// viewer · Redis 7.0.15 · policy v3 · read-only", "Reconnecting in 4 s: unreachable: …", or the error.
class StatusIndicator : public QWidget
{
    Q_OBJECT

public:
    explicit StatusIndicator(QWidget* parent = nullptr);

    void setStatus(const ConnectionStatus& status);
    QString text() const;
    static QString describe(const ConnectionStatus& status);

private:
    QLabel* m_dot;
    QLabel* m_text;
};

} // namespace quotadesk
