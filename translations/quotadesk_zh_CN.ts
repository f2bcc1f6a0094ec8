<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DraftCellStyle</name>
    <message>
        <source>Changed both in your draft and in the live version meanwhile: your value is kept, check it.</source>
        <translation>此值在您的草稿和线上版本中都被修改过：已保留您的值，请核对。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>affects 1 subject</source>
        <translation>影响 1 个主体</translation>
    </message>
    <message>
        <source>affects %1 subjects</source>
        <translation>影响 %1 个主体</translation>
    </message>
    <message>
        <source>operator %1%2</source>
        <translation>运维人员 %1%2</translation>
    </message>
    <message>
        <source> until %1</source>
        <translation>，至 %1</translation>
    </message>
    <message>
        <source>rule %1: %2 above %3 (releases below %4)</source>
        <translation>规则 %1：%2 高于 %3 时生效（低于 %4 时解除）</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>规则 %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>QuotaDesk operator console</source>
        <translation>QuotaDesk 运维控制台</translation>
    </message>
    <message>
        <source>Connect to URL (redis://[user@]host:port[/db] or rediss://). The password comes from the URL or QUOTADESK_REDIS_PASSWORD.</source>
        <translation>连接到 URL（redis://[user@]host:port[/db] 或 rediss://）。密码取自 URL 或 QUOTADESK_REDIS_PASSWORD。</translation>
    </message>
    <message>
        <source>Key prefix (default qd:).</source>
        <translation>键前缀（默认 qd:）。</translation>
    </message>
    <message>
        <source>Start a private redis-server with the sample policy and simulated gateways, and connect to it.</source>
        <translation>启动一个私有 redis-server，载入示例策略和模拟网关，并连接到它。</translation>
    </message>
    <message>
        <source>Render the window to FILE (PNG) and exit.</source>
        <translation>将窗口渲染为 FILE（PNG）后退出。</translation>
    </message>
    <message>
        <source>Wait SECONDS before the screenshot.</source>
        <translation>截图前等待 SECONDS 秒。</translation>
    </message>
    <message>
        <source>Show page NAME: %1.</source>
        <translation>显示页面 NAME：%1。</translation>
    </message>
</context>
<context>
    <name>quotadesk::AboutDialog</name>
    <message>
        <source>%1 · Qt %2 (built with %3) · %4</source>
        <translation>%1 · Qt %2（构建于 %3）· %4</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Redis (version not reported) at %1</source>
        <translation>Redis（未报告版本）位于 %1</translation>
    </message>
    <message>
        <source>Redis %1 at %2</source>
        <translation>Redis %1 位于 %2</translation>
    </message>
    <message>
        <source>About QuotaDesk</source>
        <translation>关于 QuotaDesk</translation>
    </message>
    <message>
        <source>&lt;h2&gt;QuotaDesk&lt;/h2&gt;&lt;p&gt;Quota store and operator console for AI services.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;QuotaDesk&lt;/h2&gt;&lt;p&gt;面向 AI 服务的配额存储与运维控制台。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>Build:</source>
        <translation>构建：</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
</context>
<context>
    <name>quotadesk::AlertMonitor</name>
    <message>
        <source>%1 of %2 used (%3)</source>
        <translation>已用 %1 / %2（%3）</translation>
    </message>
    <message>
        <source>%1 reached 100% of %2</source>
        <translation>%1 的 %2 已达 100%</translation>
    </message>
    <message>
        <source>%1 at %2% of %3</source>
        <translation>%1 的 %3 已达 %2%</translation>
    </message>
    <message>
        <source>Denials spiking: %1/min</source>
        <translation>拒绝激增：%1 次/分钟</translation>
    </message>
    <message>
        <source>the previous 15 minutes averaged %1/min</source>
        <translation>之前 15 分钟平均 %1 次/分钟</translation>
    </message>
    <message>
        <source>Gateway %1 silent for %2 s</source>
        <translation>网关 %1 已 %2 秒无响应</translation>
    </message>
    <message>
        <source>host %1, pid %2, policy version %3</source>
        <translation>主机 %1，进程号 %2，策略版本 %3</translation>
    </message>
</context>
<context>
    <name>quotadesk::AlertsModel</name>
    <message>
        <source>critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>%1 (cleared)</source>
        <translation>%1（已解除）</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>触发时间</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
</context>
<context>
    <name>quotadesk::AlertsPanel</name>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Acknowledge all</source>
        <translation>全部确认</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
</context>
<context>
    <name>quotadesk::ApprovalsPage</name>
    <message>
        <source>Pending requests</source>
        <translation>待审批的申请</translation>
    </message>
    <message>
        <source>Subject now</source>
        <translation>主体当前状态</translation>
    </message>
    <message>
        <source>Select a request to see the subject&apos;s usage.</source>
        <translation>选择一条申请以查看该主体的用量。</translation>
    </message>
    <message>
        <source>Decision (applies to every selected request)</source>
        <translation>审批决定（适用于所有选中的申请）</translation>
    </message>
    <message>
        <source>as requested</source>
        <translation>按申请值</translation>
    </message>
    <message>
        <source>New limit:</source>
        <translation>新限额：</translation>
    </message>
    <message>
        <source>As requested</source>
        <translation>按申请</translation>
    </message>
    <message>
        <source>Permanent</source>
        <translation>永久</translation>
    </message>
    <message>
        <source>Until…</source>
        <translation>直到…</translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation>到期：</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>required to deny</source>
        <translation>拒绝时必填</translation>
    </message>
    <message>
        <source>Deny reason:</source>
        <translation>拒绝理由：</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>Read-only: the Redis user &quot;%1&quot; may not write to this store (its ACL denies writes), so approving and denying are disabled.</source>
        <translation>只读：Redis 用户“%1”无权写入此存储（其 ACL 禁止写入），因此已禁用批准和拒绝。</translation>
    </message>
    <message>
        <source>New quota request #%1</source>
        <translation>新的配额申请 #%1</translation>
    </message>
    <message>
        <source>Could not read requests: %1</source>
        <translation>无法读取申请：%1</translation>
    </message>
    <message>
        <source>%1 — tier %2%3</source>
        <translation>%1 — 层级 %2%3</translation>
    </message>
    <message>
        <source>, group %1</source>
        <translation>，组 %1</translation>
    </message>
    <message>
        <source>Asks for %1 = %2 (%3): %4</source>
        <translation>申请 %1 = %2（%3）：%4</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>至 %1</translation>
    </message>
    <message>
        <source>permanent</source>
        <translation>永久</translation>
    </message>
    <message>
        <source>Current usage:</source>
        <translation>当前用量：</translation>
    </message>
    <message>
        <source>  %1: %2 of %3 (%4%)%5</source>
        <translation>  %1：%2 / %3（%4%）%5</translation>
    </message>
    <message>
        <source>   ← requested</source>
        <translation>   ← 申请项</translation>
    </message>
    <message>
        <source>Last hour: %1 requests, %2 tokens</source>
        <translation>最近 1 小时：%1 次请求，%2 个令牌</translation>
    </message>
    <message>
        <source>#%1: %2</source>
        <translation>#%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Approved %n request(s).</source>
        <translation>
            <numerusform>已批准 %n 条申请。</numerusform>
        </translation>
    </message>
    <message>
        <source>Some approvals failed:
%1</source>
        <translation>部分批准失败：
%1</translation>
    </message>
    <message numerus="yes">
        <source>Denied %n request(s).</source>
        <translation>
            <numerusform>已拒绝 %n 条申请。</numerusform>
        </translation>
    </message>
    <message>
        <source>Some denials failed:
%1</source>
        <translation>部分拒绝失败：
%1</translation>
    </message>
</context>
<context>
    <name>quotadesk::AttributesModel</name>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value (JSON)</source>
        <translation>值（JSON）</translation>
    </message>
</context>
<context>
    <name>quotadesk::AuditModel</name>
    <message>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>操作者</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主体</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>quotadesk::AuditPage</name>
    <message>
        <source>any actor</source>
        <translation>任意操作者</translation>
    </message>
    <message>
        <source>any action</source>
        <translation>任意操作</translation>
    </message>
    <message>
        <source>any subject</source>
        <translation>任意主体</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>操作者</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主体</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Select an entry to see what it changed.</source>
        <translation>选择一条记录以查看其改动。</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not read the audit log: %1</source>
        <translation>无法读取审计日志：%1</translation>
    </message>
    <message>
        <source>%1 by %2 (%3)
subject: %4
comment: %5

before:
%6

after:
%7</source>
        <translation>%1，操作者 %2（%3）
主体：%4
备注：%5

修改前：
%6

修改后：
%7</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>quotadesk::ChoiceDelegate</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>YYYY-MM-DDTHH:MM:SSZ, empty = permanent</source>
        <translation>YYYY-MM-DDTHH:MM:SSZ，留空表示永久</translation>
    </message>
</context>
<context>
    <name>quotadesk::ConnectionDialog</name>
    <message>
        <source>Connect to a QuotaDesk store</source>
        <translation>连接到 QuotaDesk 存储</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>system certificates</source>
        <translation>系统证书</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Insecure: do not verify the server certificate</source>
        <translation>不安全：不验证服务器证书</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>配置名称</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>ACL user</source>
        <translation>ACL 用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA 文件</translation>
    </message>
    <message>
        <source>Key prefix</source>
        <translation>键前缀</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>保存配置</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>删除配置</translation>
    </message>
    <message>
        <source>Saved profiles</source>
        <translation>已保存的配置</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>CA certificates (PEM)</source>
        <translation>CA 证书（PEM）</translation>
    </message>
</context>
<context>
    <name>quotadesk::ForecastModel</name>
    <message>
        <source>%1% (%2 of %3)</source>
        <translation>%1%（%2 / %3）</translation>
    </message>
    <message>
        <source>%1 s/min</source>
        <translation>%1 秒/分钟</translation>
    </message>
    <message>
        <source>%1/min</source>
        <translation>%1/分钟</translation>
    </message>
    <message>
        <source>%1 exhausted now, resets %2</source>
        <translation>%1 已耗尽，%2 重置</translation>
    </message>
    <message>
        <source>%1 exhausted at %2</source>
        <translation>%1 将于 %2 耗尽</translation>
    </message>
    <message>
        <source>lasts until the reset at %1</source>
        <translation>可维持到 %1 重置</translation>
    </message>
    <message>
        <source>Subject or group</source>
        <translation>主体或组</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已用</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>速率</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
</context>
<context>
    <name>quotadesk::ForecastPage</name>
    <message>
        <source>Day and month limits of the busiest subjects and of every group, at the rate of the last ten minutes. Times are local.</source>
        <translation>按最近十分钟的速率，预测最繁忙主体和所有组的日限额与月限额。时间为本地时间。</translation>
    </message>
</context>
<context>
    <name>quotadesk::GatewaysModel</name>
    <message>
        <source>v%1</source>
        <translation>v%1</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>online (%1 s ago)</source>
        <translation>在线（%1 秒前）</translation>
    </message>
    <message>
        <source>silent for %1 s</source>
        <translation>已 %1 秒无响应</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>决策</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>心跳</translation>
    </message>
</context>
<context>
    <name>quotadesk::GaugeWidget</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 of the limit used</source>
        <translation>已用限额的 %1</translation>
    </message>
    <message>
        <source>%1 of the limit used: %2</source>
        <translation>已用限额的 %1：%2</translation>
    </message>
</context>
<context>
    <name>quotadesk::GroupTreeModel</name>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Pooled limits</source>
        <translation>共享限额</translation>
    </message>
</context>
<context>
    <name>quotadesk::GroupsModel</name>
    <message>
        <source>%1 of %2 %3</source>
        <translation>%3：%1 / %2</translation>
    </message>
    <message>
        <source>%1% %2</source>
        <translation>%2 %1%</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>无限额</translation>
    </message>
    <message>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <source>Group / member</source>
        <translation>组 / 成员</translation>
    </message>
    <message>
        <source>Closest limit</source>
        <translation>最接近的限额</translation>
    </message>
    <message>
        <source>Pooled usage / limit</source>
        <translation>共享用量 / 限额</translation>
    </message>
</context>
<context>
    <name>quotadesk::HistoryModel</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>发布者</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>quotadesk::HistoryPage</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Diff the two selected</source>
        <translation>比较选中的两个版本</translation>
    </message>
    <message>
        <source>Roll back to this version…</source>
        <translation>回滚到此版本…</translation>
    </message>
    <message>
        <source>Select a version to view it, or two to compare them.</source>
        <translation>选择一个版本查看，或选择两个版本进行比较。</translation>
    </message>
    <message>
        <source>Read-only: the Redis user &quot;%1&quot; may not write to this store, so rolling back is disabled.</source>
        <translation>只读：Redis 用户“%1”无权写入此存储，因此已禁用回滚。</translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation>无法读取历史：%1</translation>
    </message>
    <message>
        <source>Version %1, published by %2 (%3): %4

%5</source>
        <translation>版本 %1，由 %2 发布（%3）：%4

%5</translation>
    </message>
    <message>
        <source>Version %1 → %2:</source>
        <translation>版本 %1 → %2：</translation>
    </message>
    <message>
        <source>  (identical)</source>
        <translation>  （相同）</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>Publish version %1&apos;s policy again as a new version? Gateways apply it within seconds.</source>
        <translation>将版本 %1 的策略作为新版本重新发布？网关会在几秒内应用。</translation>
    </message>
    <message>
        <source>Rolled back to version %1: published as version %2.</source>
        <translation>已回滚到版本 %1：发布为版本 %2。</translation>
    </message>
    <message>
        <source>Rollback failed: %1</source>
        <translation>回滚失败：%1</translation>
    </message>
    <message>
        <source>from the console</source>
        <translation>来自控制台</translation>
    </message>
</context>
<context>
    <name>quotadesk::LimitsModel</name>
    <message>
        <source>permanent</source>
        <translation>永久</translation>
    </message>
    <message>
        <source>Concurrency counts requests in flight: it has no window.</source>
        <translation>并发统计的是正在处理的请求：它没有时间窗口。</translation>
    </message>
    <message>
        <source>Burst applies to sliding windows (second, minute, hour) only.</source>
        <translation>突发仅适用于滑动窗口（秒、分钟、小时）。</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <source>Burst</source>
        <translation>突发</translation>
    </message>
    <message>
        <source>Expires (UTC)</source>
        <translation>到期时间（UTC）</translation>
    </message>
</context>
<context>
    <name>quotadesk::LiveChart</name>
    <message>
        <source>Line chart: %1</source>
        <translation>折线图：%1</translation>
    </message>
</context>
<context>
    <name>quotadesk::LoadFactorPanel</name>
    <message>
        <source>Load factor per tier</source>
        <translation>各层级的负载系数</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>系数</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>设置者</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>手动覆盖</translation>
    </message>
    <message>
        <source>Tier:</source>
        <translation>层级：</translation>
    </message>
    <message>
        <source>Factor:</source>
        <translation>系数：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>持续：</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Apply override</source>
        <translation>应用覆盖</translation>
    </message>
    <message>
        <source>Clear override</source>
        <translation>清除覆盖</translation>
    </message>
    <message>
        <source>Gateway signals (maximum over online gateways)</source>
        <translation>网关信号（在线网关中的最大值）</translation>
    </message>
    <message>
        <source>minutes ago</source>
        <translation>分钟前</translation>
    </message>
    <message>
        <source>Read-only: the Redis user &quot;%1&quot; may not write to this store, so overriding load factors is disabled.</source>
        <translation>只读：Redis 用户“%1”无权写入此存储，因此已禁用覆盖负载系数。</translation>
    </message>
    <message>
        <source>Could not read the load state: %1</source>
        <translation>无法读取负载状态：%1</translation>
    </message>
    <message>
        <source>— (full limits)</source>
        <translation>—（完整限额）</translation>
    </message>
    <message>
        <source>Limits of %1 scaled by %2.</source>
        <translation>%1 的限额已按 %2 缩放。</translation>
    </message>
    <message>
        <source>Override of %1 cleared.</source>
        <translation>已清除 %1 的覆盖。</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
</context>
<context>
    <name>quotadesk::LoadRulesModel</name>
    <message>
        <source>Tiers whose limits the factor scales, separated by commas</source>
        <translation>系数作用的层级，用逗号分隔</translation>
    </message>
    <message>
        <source>Multiplies the tiers&apos; limits while the rule is engaged (0 &lt; factor ≤ 1)</source>
        <translation>规则生效期间各层级的限额乘以此系数（0 &lt; 系数 ≤ 1）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>信号</translation>
    </message>
    <message>
        <source>Engage above</source>
        <translation>高于此值生效</translation>
    </message>
    <message>
        <source>Release below</source>
        <translation>低于此值解除</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>系数</translation>
    </message>
</context>
<context>
    <name>quotadesk::MainWindow</name>
    <message>
        <source>QuotaDesk</source>
        <translation>QuotaDesk</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>主体</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>连接…</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Live updates; uncheck to pause</source>
        <translation>实时更新；取消勾选以暂停</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source> every </source>
        <translation> 每 </translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>立即刷新</translation>
    </message>
    <message>
        <source>QuotaDesk — %1</source>
        <translation>QuotaDesk — %1</translation>
    </message>
    <message>
        <source>QuotaDesk alert</source>
        <translation>QuotaDesk 告警</translation>
    </message>
    <message>
        <source>Alerts (%1 active)</source>
        <translation>告警（%1 条活动）</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>Approvals (%1)</source>
        <translation>审批（%1）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Go to %1</source>
        <translation>转到 %1</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About QuotaDesk</source>
        <translation>关于 QuotaDesk(&amp;A)</translation>
    </message>
    <message>
        <source>%1
%2 open alerts, %3 pending requests</source>
        <translation>%1
%2 条未处理告警，%3 个待审批申请</translation>
    </message>
    <message>
        <source>Not live: the pages show data from %1. %2</source>
        <translation>非实时：页面显示的是 %1 的数据。%2</translation>
    </message>
</context>
<context>
    <name>quotadesk::OverviewPage</name>
    <message>
        <source>Requests / min</source>
        <translation>请求数/分钟</translation>
    </message>
    <message>
        <source>Tokens / min</source>
        <translation>令牌/分钟</translation>
    </message>
    <message>
        <source>Denials / min</source>
        <translation>拒绝/分钟</translation>
    </message>
    <message>
        <source>Concurrent</source>
        <translation>并发</translation>
    </message>
    <message>
        <source>Gateways online</source>
        <translation>在线网关</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>主体</translation>
    </message>
    <message>
        <source>Busiest against their limits</source>
        <translation>最接近限额的主体</translation>
    </message>
    <message>
        <source>Groups (pooled)</source>
        <translation>组（共享）</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Whole fleet</source>
        <translation>整体</translation>
    </message>
    <message>
        <source>Split by tier</source>
        <translation>按层级拆分</translation>
    </message>
    <message>
        <source>Split by department</source>
        <translation>按部门拆分</translation>
    </message>
    <message>
        <source>Charts:</source>
        <translation>图表：</translation>
    </message>
    <message>
        <source>Requests per minute</source>
        <translation>每分钟请求数</translation>
    </message>
    <message>
        <source>Tokens per minute</source>
        <translation>每分钟令牌数</translation>
    </message>
    <message>
        <source>Denials per minute</source>
        <translation>每分钟拒绝数</translation>
    </message>
    <message>
        <source>%1 — %2% of %3</source>
        <translation>%1 — %3 的 %2%</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 of %2 (pooled)</source>
        <translation>%1 / %2（共享）</translation>
    </message>
</context>
<context>
    <name>quotadesk::PolicyDraft</name>
    <message>
        <source>Edit %1 limit</source>
        <translation>编辑 %1 的限额</translation>
    </message>
    <message>
        <source>no limit %1 of %2</source>
        <translation>%2 没有第 %1 条限额</translation>
    </message>
    <message>
        <source>unknown metric &quot;%1&quot;</source>
        <translation>未知指标“%1”</translation>
    </message>
    <message>
        <source>concurrency has no window</source>
        <translation>并发没有时间窗口</translation>
    </message>
    <message>
        <source>unknown window &quot;%1&quot;</source>
        <translation>未知窗口“%1”</translation>
    </message>
    <message>
        <source>burst applies to sliding windows (second, minute, hour) only</source>
        <translation>突发仅适用于滑动窗口（秒、分钟、小时）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole number</source>
        <translation>“%1”不是整数</translation>
    </message>
    <message>
        <source>only subject overrides expire</source>
        <translation>只有主体的覆盖限额可以设置到期</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date (YYYY-MM-DDTHH:MM:SSZ)</source>
        <translation>“%1”不是日期（YYYY-MM-DDTHH:MM:SSZ）</translation>
    </message>
    <message>
        <source>Add limit to %1</source>
        <translation>为 %1 添加限额</translation>
    </message>
    <message>
        <source>unknown %1</source>
        <translation>未知的 %1</translation>
    </message>
    <message>
        <source>%1 already has every metric and window</source>
        <translation>%1 已包含所有指标和窗口</translation>
    </message>
    <message>
        <source>Remove limit of %1</source>
        <translation>删除 %1 的限额</translation>
    </message>
    <message>
        <source>tier %1 exists</source>
        <translation>层级 %1 已存在</translation>
    </message>
    <message>
        <source>Add tier %1</source>
        <translation>添加层级 %1</translation>
    </message>
    <message>
        <source>Remove tier %1</source>
        <translation>删除层级 %1</translation>
    </message>
    <message>
        <source>group %1 exists</source>
        <translation>组 %1 已存在</translation>
    </message>
    <message>
        <source>Add group %1</source>
        <translation>添加组 %1</translation>
    </message>
    <message>
        <source>Remove group %1</source>
        <translation>删除组 %1</translation>
    </message>
    <message>
        <source>unknown group %1</source>
        <translation>未知组 %1</translation>
    </message>
    <message>
        <source>%1 cannot go under %2: cycle %3</source>
        <translation>%1 不能放在 %2 之下：形成循环 %3</translation>
    </message>
    <message>
        <source>Move group %1 under %2</source>
        <translation>将组 %1 移到 %2 之下</translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation>（顶层）</translation>
    </message>
    <message>
        <source>%1 is already listed</source>
        <translation>%1 已在列表中</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a subject id (user:&lt;name&gt; or client:&lt;name&gt;)</source>
        <translation>“%1”不是主体 ID（user:&lt;名称&gt; 或 client:&lt;名称&gt;）</translation>
    </message>
    <message>
        <source>Add subject %1</source>
        <translation>添加主体 %1</translation>
    </message>
    <message>
        <source>Remove subject %1</source>
        <translation>删除主体 %1</translation>
    </message>
    <message>
        <source>Set tier of %1</source>
        <translation>设置 %1 的层级</translation>
    </message>
    <message>
        <source>Set group of %1</source>
        <translation>设置 %1 的组</translation>
    </message>
    <message>
        <source>an attribute needs a name</source>
        <translation>属性需要名称</translation>
    </message>
    <message>
        <source>Set attribute %1 of %2</source>
        <translation>设置 %2 的属性 %1</translation>
    </message>
    <message>
        <source>%1 already has an attribute %2</source>
        <translation>%1 已有属性 %2</translation>
    </message>
    <message>
        <source>Rename attribute %1 of %2</source>
        <translation>重命名 %2 的属性 %1</translation>
    </message>
    <message>
        <source>Remove attribute %1 of %2</source>
        <translation>删除 %2 的属性 %1</translation>
    </message>
    <message>
        <source>no saved draft</source>
        <translation>没有已保存的草稿</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: not a saved draft (%2)</source>
        <translation>%1：不是已保存的草稿（%2）</translation>
    </message>
    <message>
        <source>%1: base: %2</source>
        <translation>%1：基准版本：%2</translation>
    </message>
    <message>
        <source>restored with problems: %1</source>
        <translation>已恢复，但有问题：%1</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>unknown time zone &quot;%1&quot;: use an IANA id such as UTC or Europe/Berlin</source>
        <translation>未知时区“%1”：请使用 IANA 标识，例如 UTC 或 Europe/Berlin</translation>
    </message>
    <message>
        <source>Set time zone to %1</source>
        <translation>将时区设为 %1</translation>
    </message>
    <message>
        <source>no tier %1</source>
        <translation>没有层级 %1</translation>
    </message>
    <message>
        <source>Set default tier to %1</source>
        <translation>将默认层级设为 %1</translation>
    </message>
    <message>
        <source>Edit load rule</source>
        <translation>编辑负载规则</translation>
    </message>
    <message>
        <source>no load rule %1</source>
        <translation>没有负载规则 %1</translation>
    </message>
    <message>
        <source>unknown signal &quot;%1&quot;</source>
        <translation>未知信号“%1”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number</source>
        <translation>“%1”不是数字</translation>
    </message>
    <message>
        <source>add a tier first: a load rule scales tiers</source>
        <translation>请先添加层级：负载规则作用于层级</translation>
    </message>
    <message>
        <source>Add load rule %1</source>
        <translation>添加负载规则 %1</translation>
    </message>
    <message>
        <source>Remove load rule</source>
        <translation>删除负载规则</translation>
    </message>
</context>
<context>
    <name>quotadesk::PolicyEditorPage</name>
    <message>
        <source>Reload from live</source>
        <translation>从线上版本重新加载</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Import policy</source>
        <translation>导入策略</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export draft</source>
        <translation>导出草稿</translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation>发布…</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Subject overrides</source>
        <translation>主体覆盖限额</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>生效进度</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Add tier</source>
        <translation>添加层级</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Limits per subject of the tier</source>
        <translation>该层级每个主体的限额</translation>
    </message>
    <message>
        <source>Add limit</source>
        <translation>添加限额</translation>
    </message>
    <message>
        <source>Remove limit</source>
        <translation>删除限额</translation>
    </message>
    <message>
        <source>Attributes (handed to executors)</source>
        <translation>属性（传给执行器）</translation>
    </message>
    <message>
        <source>Add attribute…</source>
        <translation>添加属性…</translation>
    </message>
    <message>
        <source>Remove attribute</source>
        <translation>删除属性</translation>
    </message>
    <message>
        <source>Add attribute</source>
        <translation>添加属性</translation>
    </message>
    <message>
        <source>Groups (drag a group onto another to move it under it)</source>
        <translation>组（将一个组拖到另一个组上即可移到其下）</translation>
    </message>
    <message>
        <source>Move to top level</source>
        <translation>移到顶层</translation>
    </message>
    <message>
        <source>Add group</source>
        <translation>添加组</translation>
    </message>
    <message>
        <source>Pooled limits of the group (shared by members and sub-groups)</source>
        <translation>组的共享限额（由成员和子组共同使用）</translation>
    </message>
    <message>
        <source>Find a subject (prefix search in the store)</source>
        <translation>查找主体（在存储中按前缀搜索）</translation>
    </message>
    <message>
        <source>user:al…</source>
        <translation>user:al…</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Add override</source>
        <translation>添加覆盖限额</translation>
    </message>
    <message>
        <source>Listed subjects (tier, group, overrides)</source>
        <translation>已列出的主体（层级、组、覆盖限额）</translation>
    </message>
    <message>
        <source>Remove subject</source>
        <translation>删除主体</translation>
    </message>
    <message>
        <source>Overrides of the selected subject (same metric and window replace the tier&apos;s limit; an expiry makes it temporary)</source>
        <translation>所选主体的覆盖限额（相同指标和窗口的覆盖会取代层级限额；设置到期时间则为临时覆盖）</translation>
    </message>
    <message>
        <source>Remove override</source>
        <translation>删除覆盖限额</translation>
    </message>
    <message>
        <source>Read-only: the Redis user &quot;%1&quot; may not write to this store (its ACL denies writes), so editing and publishing are disabled. You can still browse, export and compare.</source>
        <translation>只读：Redis 用户“%1”无权写入此存储（其 ACL 禁止写入），因此已禁用编辑和发布。您仍可浏览、导出和比较。</translation>
    </message>
    <message>
        <source>Restored your unpublished draft (based on version %1).</source>
        <translation>已恢复您未发布的草稿（基于版本 %1）。</translation>
    </message>
    <message>
        <source>The live policy (version %1) is invalid: %2</source>
        <translation>线上策略（版本 %1）无效：%2</translation>
    </message>
    <message>
        <source>Could not read the live policy: %1</source>
        <translation>无法读取线上策略：%1</translation>
    </message>
    <message>
        <source>%1: changed in your draft and in the live version (yours kept)</source>
        <translation>%1：在您的草稿和线上版本中均被修改（已保留您的值）</translation>
    </message>
    <message>
        <source>No draft: connect to a store.</source>
        <translation>没有草稿：请先连接到存储。</translation>
    </message>
    <message>
        <source>Draft based on live version %1 · %2 · %3</source>
        <translation>草稿基于线上版本 %1 · %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n 处改动</numerusform>
        </translation>
    </message>
    <message>
        <source>no changes</source>
        <translation>无改动</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>撤销 %1</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>重做 %1</translation>
    </message>
    <message>
        <source>Time zone of day and month limits:</source>
        <translation>按日和按月限额的时区：</translation>
    </message>
    <message>
        <source>Default tier:</source>
        <translation>默认层级：</translation>
    </message>
    <message>
        <source>Days and months of the limits start at midnight here</source>
        <translation>限额的日和月从此时区的午夜开始计算</translation>
    </message>
    <message>
        <source>The tier of every subject the policy does not name</source>
        <translation>策略中未列出的所有主体所用的层级</translation>
    </message>
    <message>
        <source>Load rules</source>
        <translation>负载规则</translation>
    </message>
    <message>
        <source>While a gateway signal is above &quot;engage above&quot;, the limits of the rule&apos;s tiers are multiplied by its factor, until the signal falls below &quot;release below&quot;. Gateways report the signals in their heartbeats; the Load tab shows them.</source>
        <translation>当网关信号高于“高于此值生效”时，规则所列层级的限额乘以其系数，直到信号低于“低于此值解除”。网关在心跳中上报这些信号；“负载”标签页显示它们。</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>删除规则</translation>
    </message>
</context>
<context>
    <name>quotadesk::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Show desktop notifications for alerts and new requests</source>
        <translation>为告警和新申请显示桌面通知</translation>
    </message>
    <message>
        <source>Refresh every:</source>
        <translation>刷新间隔：</translation>
    </message>
    <message>
        <source>Warning at:</source>
        <translation>警告阈值：</translation>
    </message>
    <message>
        <source>Critical at:</source>
        <translation>严重阈值：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>The new language applies after QuotaDesk is restarted.</source>
        <translation>新语言将在重启 QuotaDesk 后生效。</translation>
    </message>
    <message>
        <source>Language changes apply after a restart.</source>
        <translation>语言更改在重启后生效。</translation>
    </message>
</context>
<context>
    <name>quotadesk::PublishDialog</name>
    <message>
        <source>Publish policy</source>
        <translation>发布策略</translation>
    </message>
    <message>
        <source>Reading the live version…</source>
        <translation>正在读取线上版本…</translation>
    </message>
    <message>
        <source>Comment (recorded in the history and audit log):</source>
        <translation>备注（记入历史和审计日志）：</translation>
    </message>
    <message>
        <source>why this change</source>
        <translation>修改原因</translation>
    </message>
    <message>
        <source>Rebase my draft onto it</source>
        <translation>将我的草稿变基到该版本</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>No difference from live version %1.</source>
        <translation>与线上版本 %1 没有差异。</translation>
    </message>
    <message numerus="yes">
        <source>Your draft (based on version %1) against live version %2: %n change(s).</source>
        <translation>
            <numerusform>您的草稿（基于版本 %1）与线上版本 %2 相比：%n 处改动。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the live version: %1</source>
        <translation>无法读取线上版本：%1</translation>
    </message>
    <message>
        <source>Someone published version %1 after your draft started from version %2. Nothing was overwritten. Their change:</source>
        <translation>在您的草稿基于版本 %2 开始之后，有人发布了版本 %1。没有覆盖任何内容。对方的修改：</translation>
    </message>
    <message numerus="yes">
        <source>The draft has %n problem(s); fix them before publishing.</source>
        <translation>
            <numerusform>草稿有 %n 个问题；请在发布前修复。</numerusform>
        </translation>
    </message>
    <message>
        <source>The draft has no changes.</source>
        <translation>草稿没有改动。</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>正在发布…</translation>
    </message>
    <message>
        <source>Not published: %1</source>
        <translation>未发布：%1</translation>
    </message>
    <message>
        <source>Rebased onto version %1 with no conflicting cells.</source>
        <translation>已变基到版本 %1，没有冲突的单元格。</translation>
    </message>
    <message numerus="yes">
        <source>Rebased onto version %1: %n cell(s) changed on both sides are flagged in the editor (your value kept): %2</source>
        <translation>
            <numerusform>已变基到版本 %1：双方都修改过的 %n 个单元格已在编辑器中标出（保留了您的值）：%2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>quotadesk::RequestsModel</name>
    <message>
        <source>%1 (asked %2)</source>
        <translation>%1（申请 %2）</translation>
    </message>
    <message>
        <source>permanent</source>
        <translation>永久</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主体</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>处理时间</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>quotadesk::RolloutModel</name>
    <message>
        <source>No publish to follow yet.</source>
        <translation>暂无可跟踪的发布。</translation>
    </message>
    <message>
        <source>Version %1: no gateway online to apply it.</source>
        <translation>版本 %1：没有在线网关可应用它。</translation>
    </message>
    <message>
        <source>Version %1 applied by all %2 online gateways, %3 after publishing.</source>
        <translation>版本 %1 已被全部 %2 个在线网关应用，发布后用时 %3。</translation>
    </message>
    <message>
        <source>Version %1: %2 of %3 online gateways applied it (%4 since publishing)…</source>
        <translation>版本 %1：%3 个在线网关中已有 %2 个应用（距发布 %4）…</translation>
    </message>
    <message>
        <source>offline (seen %1 ago)</source>
        <translation>离线（最后出现于 %1 前）</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>applied after %1</source>
        <translation>%1 后应用</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Applied version</source>
        <translation>已生效版本</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>quotadesk::RolloutPanel</name>
    <message>
        <source>Rollout unknown: %1</source>
        <translation>生效进度未知：%1</translation>
    </message>
</context>
<context>
    <name>quotadesk::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>quotadesk::StatusIndicator</name>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting to %1 …</source>
        <translation>正在连接 %1 …</translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>已以 %2 身份连接到 %1</translation>
    </message>
    <message>
        <source> · Redis %1</source>
        <translation> · Redis %1</translation>
    </message>
    <message>
        <source> · policy v%1</source>
        <translation> · 策略 v%1</translation>
    </message>
    <message>
        <source> · no policy published</source>
        <translation> · 尚未发布策略</translation>
    </message>
    <message>
        <source> · read-only (%1 may not write)</source>
        <translation> · 只读（%1 无写权限）</translation>
    </message>
    <message>
        <source> · %1</source>
        <translation> · %1</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s — %2</source>
        <translation>%1 秒后重连 — %2</translation>
    </message>
    <message>
        <source>Not connected — %1</source>
        <translation>未连接 — %1</translation>
    </message>
</context>
<context>
    <name>quotadesk::SubjectDetailDialog</name>
    <message>
        <source>Subject %1</source>
        <translation>主体 %1</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已用</translation>
    </message>
    <message>
        <source>Limit (+burst)</source>
        <translation>限额（+突发）</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Last hour: requests, tokens/100, denials per minute</source>
        <translation>最近 1 小时：每分钟请求数、令牌数/100、拒绝数</translation>
    </message>
    <message>
        <source>Recent denials (last hour, per minute)</source>
        <translation>近期拒绝（最近 1 小时，按分钟）</translation>
    </message>
    <message>
        <source>Pending quota requests</source>
        <translation>待审批的配额申请</translation>
    </message>
    <message>
        <source>%1 — tier %2%3 — %4 denials today</source>
        <translation>%1 — 层级 %2%3 — 今日拒绝 %4 次</translation>
    </message>
    <message>
        <source>, group %1</source>
        <translation>，组 %1</translation>
    </message>
    <message>
        <source>, until %1</source>
        <translation>，至 %1</translation>
    </message>
    <message>
        <source>, resets %1</source>
        <translation>，%1 重置</translation>
    </message>
    <message>
        <source>%1 — %2 denied</source>
        <translation>%1 — 拒绝 %2 次</translation>
    </message>
    <message>
        <source>none in the last hour</source>
        <translation>最近 1 小时内没有</translation>
    </message>
    <message>
        <source>#%1 %2/%3 → %4 by %5: %6</source>
        <translation>#%1 %2/%3 → %4，申请人 %5：%6</translation>
    </message>
    <message>
        <source>cannot list requests: %1</source>
        <translation>无法列出申请：%1</translation>
    </message>
    <message>
        <source>none pending</source>
        <translation>没有待审批的申请</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>quotadesk::SubjectOverridesModel</name>
    <message>
        <source>(default: %1)</source>
        <translation>（默认：%1）</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主体</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Overrides</source>
        <translation>覆盖限额</translation>
    </message>
</context>
<context>
    <name>quotadesk::SubjectsModel</name>
    <message>
        <source>%1 of %2 %3 (%4)</source>
        <translation>%3：%1 / %2（%4）</translation>
    </message>
    <message>
        <source>Sorted by id over all subjects</source>
        <translation>按 ID 对全部主体排序</translation>
    </message>
    <message>
        <source>Sorted by today&apos;s usage (subjects active today)</source>
        <translation>按今日用量排序（仅今日活跃的主体）</translation>
    </message>
    <message>
        <source>Sorts the loaded rows</source>
        <translation>对已加载的行排序</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主体</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Closest limit</source>
        <translation>最接近的限额</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>并发</translation>
    </message>
    <message>
        <source>Denials today</source>
        <translation>今日拒绝</translation>
    </message>
</context>
<context>
    <name>quotadesk::SubjectsPage</name>
    <message>
        <source>Search by id prefix: alice, user:al, client:batch</source>
        <translation>按 ID 前缀搜索：alice、user:al、client:batch</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部组</translation>
    </message>
    <message>
        <source>%1 loaded of %2 subjects%3</source>
        <translation>已加载 %1 / %2 个主体%3</translation>
    </message>
    <message>
        <source>, scroll for more</source>
        <translation>，滚动以加载更多</translation>
    </message>
</context>
</TS>
