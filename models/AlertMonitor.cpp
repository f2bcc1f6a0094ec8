#include "AlertMonitor.h"

#include <algorithm>

namespace quotadesk {

namespace {
constexpr int historyLimit = 1000;
}

AlertMonitor::AlertMonitor(QObject* parent) : QObject(parent)
{}

void AlertMonitor::observe(const QString& key, bool condition, Alert::Severity severity, const QString& title,
                           const QString& detail, qint64 nowMs, QSet<QString>& seen)
{
    if (!condition)
        return;
    seen.insert(key);
    if (m_holding.contains(key))
        return;
    m_holding.insert(key);
    // A condition that flaps while its alert is still unacknowledged does not pile up copies.
    for (const Alert& a : std::as_const(m_active)) {
        if (a.key == key)
            return;
    }
    Alert a;
    a.id = m_nextId++;
    a.key = key;
    a.severity = severity;
    a.title = title;
    a.detail = detail;
    a.raisedMs = nowMs;
    m_active.prepend(a);
    emit alertRaised(a);
}

void AlertMonitor::evaluate(const DashboardSnapshot& s)
{
    if (!s.valid)
        return;
    const qint64 now = s.totals.nowMs;
    QSet<QString> seen;
    const int before = int(m_active.size());

    auto limitAlerts = [&](const QString& entity, const QList<LimitUsage>& limits) {
        for (const LimitUsage& l : limits) {
            const double f = l.fraction();
            const QString base = QStringLiteral("limit:%1:%2:").arg(entity, l.label());
            const QString detail = tr("%1 of %2 used (%3)").arg(l.used).arg(l.limit).arg(l.source);
            // The 100% alert supersedes the 85% one for the same limit.
            observe(base + QStringLiteral("100"), l.limit > 0 && f >= m_thresholds.critical,
                    Alert::Severity::Critical, tr("%1 reached 100% of %2").arg(entity, l.label()), detail,
                    now, seen);
            observe(base + QStringLiteral("85"),
                    l.limit > 0 && f >= m_thresholds.warning && f < m_thresholds.critical,
                    Alert::Severity::Warning,
                    tr("%1 at %2% of %3").arg(entity).arg(qRound(f * 100)).arg(l.label()), detail, now, seen);
        }
    };
    for (const SubjectUsage& u : s.busiest)
        limitAlerts(u.id, u.limits);
    for (const GroupUsage& g : s.groups)
        limitAlerts(QStringLiteral("group:") + g.name, g.limits);

    // Denial spike: the current 60 s rate against the mean of the 15 complete minutes before this one.
    if (s.fleetDenials.size() >= 2) {
        double sum = 0;
        int n = 0;
        for (qsizetype i = 0; i + 1 < s.fleetDenials.size() && n < 15; ++i, ++n)
            sum += s.fleetDenials[i].value;
        const double baseline = n > 0 ? sum / n : 0;
        const double rate = s.totals.denialsPerMinute;
        const bool spike = rate >= m_thresholds.spikeMinimum && rate > m_thresholds.spikeFactor * baseline;
        observe(QStringLiteral("spike:denials"), spike, Alert::Severity::Warning,
                tr("Denials spiking: %1/min").arg(qRound(rate)),
                tr("the previous 15 minutes averaged %1/min").arg(baseline, 0, 'f', 1), now, seen);
    }

    for (const GatewayInfo& g : s.totals.gateways) {
        const qint64 silent = now - g.seenMs;
        observe(QStringLiteral("gateway:") + g.id, silent > m_thresholds.gatewaySilentMs,
                Alert::Severity::Critical, tr("Gateway %1 silent for %2 s").arg(g.id).arg(silent / 1000),
                tr("host %1, pid %2, policy version %3").arg(g.host).arg(g.pid).arg(g.version), now, seen);
    }

    // Conditions that cleared may alert again later; an active alert whose condition cleared says so.
    bool changedFlag = int(m_active.size()) != before;
    for (auto it = m_holding.begin(); it != m_holding.end();) {
        if (!seen.contains(*it))
            it = m_holding.erase(it);
        else
            ++it;
    }
    for (Alert& a : m_active) {
        const bool cleared = !seen.contains(a.key);
        if (cleared != a.conditionCleared) {
            a.conditionCleared = cleared;
            changedFlag = true;
        }
    }
    if (changedFlag)
        emit changed();
}

bool AlertMonitor::acknowledge(qint64 id, qint64 nowMs)
{
    const auto it =
        std::find_if(m_active.begin(), m_active.end(), [id](const Alert& a) { return a.id == id; });
    if (it == m_active.end())
        return false;
    Alert a = *it;
    a.acknowledgedMs = nowMs;
    m_active.erase(it);
    m_history.prepend(a);
    while (m_history.size() > historyLimit)
        m_history.removeLast();
    emit changed();
    return true;
}

void AlertMonitor::acknowledgeAll(qint64 nowMs)
{
    if (m_active.isEmpty())
        return;
    for (Alert a : std::as_const(m_active)) {
        a.acknowledgedMs = nowMs;
        m_history.prepend(a);
    }
    m_active.clear();
    while (m_history.size() > historyLimit)
        m_history.removeLast();
    emit changed();
}

} // namespace quotadesk
