<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DraftCellStyle</name>
    <message>
        <source>Changed both in your draft and in the live version meanwhile: your value is kept, check it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>affects 1 subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>affects %1 subjects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operator %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule %1: %2 above %3 (releases below %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>QuotaDesk operator console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to URL (redis://[user@]host:port[/db] or rediss://). The password comes from the URL or QUOTADESK_REDIS_PASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key prefix (default qd:).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a private redis-server with the sample policy and simulated gateways, and connect to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render the window to FILE (PNG) and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait SECONDS before the screenshot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show page NAME: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::AboutDialog</name>
    <message>
        <source>%1 · Qt %2 (built with %3) · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis (version not reported) at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About QuotaDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;QuotaDesk&lt;/h2&gt;&lt;p&gt;Quota store and operator console for AI services.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::AlertMonitor</name>
    <message>
        <source>%1 of %2 used (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 reached 100% of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2% of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denials spiking: %1/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the previous 15 minutes averaged %1/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway %1 silent for %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host %1, pid %2, policy version %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::AlertsModel</name>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (cleared)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::AlertsPanel</name>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::ApprovalsPage</name>
    <message>
        <source>Pending requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a request to see the subject&apos;s usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision (applies to every selected request)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required to deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: the Redis user &quot;%1&quot; may not write to this store (its ACL denies writes), so approving and denying are disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New quota request #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read requests: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — tier %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, group %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks for %1 = %2 (%3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current usage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1: %2 of %3 (%4%)%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>   ← requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour: %1 requests, %2 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Approved %n request(s).</source>
        <translation>
            <numerusform>Approved %n request.</numerusform>
            <numerusform>Approved %n requests.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some approvals failed:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Denied %n request(s).</source>
        <translation>
            <numerusform>Denied %n request.</numerusform>
            <numerusform>Denied %n requests.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some denials failed:
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::AttributesModel</name>
    <message>
        <source>Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::AuditModel</name>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::AuditPage</name>
    <message>
        <source>any actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an entry to see what it changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the audit log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by %2 (%3)
subject: %4
comment: %5

before:
%6

after:
%7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::ChoiceDelegate</name>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DDTHH:MM:SSZ, empty = permanent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::ConnectionDialog</name>
    <message>
        <source>Connect to a QuotaDesk store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insecure: do not verify the server certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACL user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificates (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::ForecastModel</name>
    <message>
        <source>%1% (%2 of %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exhausted now, resets %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exhausted at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lasts until the reset at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject or group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::ForecastPage</name>
    <message>
        <source>Day and month limits of the busiest subjects and of every group, at the rate of the last ten minutes. Times are local.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::GatewaysModel</name>
    <message>
        <source>v%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online (%1 s ago)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>silent for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::GaugeWidget</name>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the limit used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the limit used: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::GroupTreeModel</name>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pooled limits</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::GroupsModel</name>
    <message>
        <source>%1 of %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1% %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2/%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group / member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closest limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pooled usage / limit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::HistoryModel</name>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::HistoryPage</name>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diff the two selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back to this version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a version to view it, or two to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: the Redis user &quot;%1&quot; may not write to this store, so rolling back is disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1, published by %2 (%3): %4

%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 → %2:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (identical)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish version %1&apos;s policy again as a new version? Gateways apply it within seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back to version %1: published as version %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollback failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the console</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::LimitsModel</name>
    <message>
        <source>permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrency counts requests in flight: it has no window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burst applies to sliding windows (second, minute, hour) only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::LiveChart</name>
    <message>
        <source>Line chart: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::LoadFactorPanel</name>
    <message>
        <source>Load factor per tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway signals (maximum over online gateways)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minutes ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: the Redis user &quot;%1&quot; may not write to this store, so overriding load factors is disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the load state: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— (full limits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits of %1 scaled by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override of %1 cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::LoadRulesModel</name>
    <message>
        <source>Tiers whose limits the factor scales, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiplies the tiers&apos; limits while the rule is engaged (0 &lt; factor ≤ 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engage above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factor</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::MainWindow</name>
    <message>
        <source>QuotaDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live updates; uncheck to pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> every </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QuotaDesk — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QuotaDesk alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts (%1 active)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approvals (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About QuotaDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2 open alerts, %3 pending requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not live: the pages show data from %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::OverviewPage</name>
    <message>
        <source>Requests / min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens / min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denials / min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateways online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busiest against their limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups (pooled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split by tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split by department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denials per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2% of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 (pooled)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::PolicyDraft</name>
    <message>
        <source>Edit %1 limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown metric &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>concurrency has no window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown window &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>burst applies to sliding windows (second, minute, hour) only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only subject overrides expire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date (YYYY-MM-DDTHH:MM:SSZ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add limit to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already has every metric and window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove limit of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tier %1 exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add tier %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove tier %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group %1 exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add group %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove group %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown group %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot go under %2: cycle %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move group %1 under %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a subject id (user:&lt;name&gt; or client:&lt;name&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add subject %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove subject %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set tier of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set group of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an attribute needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set attribute %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already has an attribute %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename attribute %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove attribute %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no saved draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not a saved draft (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: base: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restored with problems: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown time zone &quot;%1&quot;: use an IANA id such as UTC or Europe/Berlin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set time zone to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no tier %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set default tier to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit load rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no load rule %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown signal &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add a tier first: a load rule scales tiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add load rule %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove load rule</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::PolicyEditorPage</name>
    <message>
        <source>Reload from live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject overrides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits per subject of the tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes (handed to executors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add attribute…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups (drag a group onto another to move it under it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to top level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pooled limits of the group (shared by members and sub-groups)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a subject (prefix search in the store)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user:al…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listed subjects (tier, group, overrides)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrides of the selected subject (same metric and window replace the tier&apos;s limit; an expiry makes it temporary)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: the Redis user &quot;%1&quot; may not write to this store (its ACL denies writes), so editing and publishing are disabled. You can still browse, export and compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored your unpublished draft (based on version %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The live policy (version %1) is invalid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the live policy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: changed in your draft and in the live version (yours kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No draft: connect to a store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft based on live version %1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message>
        <source>no changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone of day and month limits:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default tier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days and months of the limits start at midnight here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tier of every subject the policy does not name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While a gateway signal is above &quot;engage above&quot;, the limits of the rule&apos;s tiers are multiplied by its factor, until the signal falls below &quot;release below&quot;. Gateways report the signals in their heartbeats; the Load tab shows them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show desktop notifications for alerts and new requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language applies after QuotaDesk is restarted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language changes apply after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::PublishDialog</name>
    <message>
        <source>Publish policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the live version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment (recorded in the history and audit log):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>why this change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebase my draft onto it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No difference from live version %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Your draft (based on version %1) against live version %2: %n change(s).</source>
        <translation>
            <numerusform>Your draft (based on version %1) against live version %2: %n change.</numerusform>
            <numerusform>Your draft (based on version %1) against live version %2: %n changes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the live version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone published version %1 after your draft started from version %2. Nothing was overwritten. Their change:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The draft has %n problem(s); fix them before publishing.</source>
        <translation>
            <numerusform>The draft has %n problem; fix them before publishing.</numerusform>
            <numerusform>The draft has %n problems; fix them before publishing.</numerusform>
        </translation>
    </message>
    <message>
        <source>The draft has no changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not published: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebased onto version %1 with no conflicting cells.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Rebased onto version %1: %n cell(s) changed on both sides are flagged in the editor (your value kept): %2</source>
        <translation>
            <numerusform>Rebased onto version %1: %n cell changed on both sides are flagged in the editor (your value kept): %2</numerusform>
            <numerusform>Rebased onto version %1: %n cells changed on both sides are flagged in the editor (your value kept): %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>quotadesk::RequestsModel</name>
    <message>
        <source>%1 (asked %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::RolloutModel</name>
    <message>
        <source>No publish to follow yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1: no gateway online to apply it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 applied by all %2 online gateways, %3 after publishing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1: %2 of %3 online gateways applied it (%4 since publishing)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline (seen %1 ago)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>applied after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::RolloutPanel</name>
    <message>
        <source>Rollout unknown: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::StatusIndicator</name>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · Redis %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · policy v%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · no policy published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · read-only (%1 may not write)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting in %1 s — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected — %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::SubjectDetailDialog</name>
    <message>
        <source>Subject %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit (+burst)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour: requests, tokens/100, denials per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent denials (last hour, per minute)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending quota requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — tier %2%3 — %4 denials today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, group %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, resets %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none in the last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 %2/%3 → %4 by %5: %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot list requests: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::SubjectOverridesModel</name>
    <message>
        <source>(default: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrides</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::SubjectsModel</name>
    <message>
        <source>%1 of %2 %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorted by id over all subjects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorted by today&apos;s usage (subjects active today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorts the loaded rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closest limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denials today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotadesk::SubjectsPage</name>
    <message>
        <source>Search by id prefix: alice, user:al, client:batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 loaded of %2 subjects%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, scroll for more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
