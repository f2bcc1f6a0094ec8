#include "StatusIndicator.h"

#include <QHBoxLayout>
#include <QLabel>

namespace quotadesk {

StatusIndicator::StatusIndicator(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    m_dot = new QLabel(this);
    m_dot->setFixedSize(12, 12);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("statusText"));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_dot);
    layout->addWidget(m_text, 1);
    setStatus({});
}

QString StatusIndicator::text() const
{
    return m_text->text();
}

QString StatusIndicator::describe(const ConnectionStatus& s)
{
    using State = ConnectionStatus::State;
    switch (s.state) {
    case State::Disconnected:
        return tr("Not connected");
    case State::Connecting:
        return tr("Connecting to %1 …").arg(s.server);
    case State::Connected: {
        QString text = tr("Connected to %1 as %2").arg(s.server, s.user);
        if (!s.redisVersion.isEmpty())
            text += tr(" · Redis %1").arg(s.redisVersion);
        text += s.policyVersion > 0 ? tr(" · policy v%1").arg(s.policyVersion) : tr(" · no policy published");
        if (s.readOnly)
            text += tr(" · read-only (%1 may not write)").arg(s.user);
        if (!s.error.isEmpty())
            text += tr(" · %1").arg(s.error);
        return text;
    }
    case State::Reconnecting:
        return tr("Reconnecting in %1 s — %2").arg(s.retryInSeconds).arg(s.error);
    case State::Failed:
        return tr("Not connected — %1").arg(s.error);
    }
    return {};
}

void StatusIndicator::setStatus(const ConnectionStatus& s)
{
    using State = ConnectionStatus::State;
    QString color = QStringLiteral("#9e9e9e");
    if (s.state == State::Connected)
        color = s.readOnly || !s.error.isEmpty() ? QStringLiteral("#ffb74d") : QStringLiteral("#43a047");
    else if (s.state == State::Connecting || s.state == State::Reconnecting)
        color = QStringLiteral("#ffb74d");
    else if (s.state == State::Failed)
        color = QStringLiteral("#e53935");
    m_dot->setStyleSheet(QStringLiteral("background:%1; border-radius:6px;").arg(color));
    m_text->setText(describe(s));
    m_text->setToolTip(m_text->text());
}

} // namespace quotadesk
