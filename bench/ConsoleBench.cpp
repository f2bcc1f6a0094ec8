// quotadesk-consolebench: the console at a million subjects (docs/performance.md, "Console"). Starts its own
// redis-server (CPU 0), fills it with HistoryGenerator and drives the real MainWindow under the offscreen
// platform (CPU 1). Each console measurement runs in a fresh child process (this binary with --console),
// so its resident memory is the console's alone, not the generator's. Every figure is printed next to a
// baseline measured in the same run.
#include "BenchReport.h"
#include "BenchTools.h"
#include "HistoryGenerator.h"
#include "LiveChart.h"
#include "LiveDashboard.h"
#include "LocalRedisServer.h"
#include "MainWindow.h"
#include "OverviewPage.h"
#include "RedisConnection.h"
#include "StoreClient.h"
#include "StoreError.h"
#include "SubjectsModel.h"
#include "SubjectsPage.h"
#include "UsageReader.h"

#include <QApplication>
#include <QChart>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPainter>
#include <QProcess>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <functional>
#include <time.h>
#include <utility>
#include <vector>

using namespace quotadesk;
using namespace quotadesk::bench;

namespace {

const QString prefix = QStringLiteral("qd:");

double residentMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

// Runs the event loop until `done()` holds or `timeoutMs` passes; true when it held. The condition is
// polled every 2 ms from a timer, so waiting never blocks the loop the stall monitor measures.
bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    QTimer poll;
    poll.setInterval(2);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || clock.elapsed() > timeoutMs)
            loop.quit();
    });
    poll.start();
    loop.exec();
    return done();
}

void pause(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// A 5 ms timer on the UI thread: any gap beyond 5 ms between ticks is time the loop could not run. The UI
// thread's own CPU time over the same gap tells work on the UI thread (busy) from the thread merely waiting
// for a core (the machine is shared, so other processes can take CPU 1 for a while).
class StallMonitor
{
public:
    StallMonitor()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const double cpu = threadCpuMs();
            const double stall = std::max(0.0, double(now - m_last) / 1e6 - 5.0);
            m_stalls.push_back(stall);
            const double busy = std::min(stall, cpu - m_lastCpu);
            m_phaseMax = std::max(m_phaseMax, stall);
            m_phaseBusyMax = std::max(m_phaseBusyMax, busy);
            m_busyMax = std::max(m_busyMax, busy);
            m_last = now;
            m_lastCpu = cpu;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_lastCpu = threadCpuMs();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    // The largest stall since the last call, as "wall / UI thread's CPU" in ms.
    QString takePhaseMax()
    {
        const QString text =
            QStringLiteral("%1 / %2 ms").arg(m_phaseMax, 0, 'f', 0).arg(m_phaseBusyMax, 0, 'f', 0);
        m_phaseMax = m_phaseBusyMax = 0;
        return text;
    }
    double max() const { return m_stalls.empty() ? 0 : *std::max_element(m_stalls.begin(), m_stalls.end()); }
    double p99() const { return percentile(m_stalls, 0.99); }
    // The largest stall counting only the UI thread's own CPU time in it.
    double busyMax() const { return m_busyMax; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    double m_lastCpu = 0;
    double m_phaseMax = 0;
    double m_phaseBusyMax = 0;
    double m_busyMax = 0;
    std::vector<double> m_stalls;
};

struct ConsoleJob
{
    quint16 port = 0;
    int subjects = 0;       // what the generator wrote, to check the rows shown
    double clientShare = 0; // the generator's, for the ids expected at a row
    int refreshSeconds = 0; // 0: no refresh window
    int scrollRow = -1;     // -1: no scrolling
    bool sort = false;
    int timeoutMs = 60000;
};

// The child: one console, measured from connect to the end. Prints one JSON object.
QJsonObject runConsole(const ConsoleJob& job)
{
    QJsonObject out;
    RedisEndpoint ep;
    ep.host = QStringLiteral("127.0.0.1");
    ep.port = job.port;
    ep.prefix = prefix;
    RedisConnection probe(ep, 10000);
    // Only for the ids expected at a row: this generator is never run, so its connection never connects.
    RedisConnection generatorRef(ep);
    HistoryGenerator::Options names;
    names.subjects = job.subjects;
    names.clientShare = job.clientShare;
    const HistoryGenerator ids(generatorRef, prefix, names);
    // The expected first row of the tokens sort, read before anything is measured: it parses the policy on
    // this (the UI) thread, which the stall monitor would count as the console's.
    QList<TopEntry> topTokens;
    if (job.sort) {
        UsageReader reader(probe, prefix);
        topTokens = reader.top(QStringLiteral("tokens"), QStringLiteral("day"), 1);
    }

    MainWindow w;
    w.resize(1400, 900);
    w.show();
    w.showPage(QStringLiteral("overview"));
    waitUntil([] { return false; }, 200); // let the window be exposed and laid out
    // Stalls count from the connect on: building the window is not "while data arrives".
    StallMonitor stalls;
    stalls.start();

    // Connect -> the Overview with every widget filled from the store, painted.
    LiveDashboard* dashboard = w.dashboard();
    bool frameReady = false;
    QObject::connect(dashboard, &LiveDashboard::updated, &w, [&] {
        if (dashboard->snapshot().valid && dashboard->chart().valid)
            frameReady = true;
    });
    QElapsedTimer clock;
    clock.start();
    w.connectTo(ep);
    const bool framed = waitUntil([&] { return frameReady; }, job.timeoutMs);
    w.repaint();
    out[QStringLiteral("firstFrameMs")] = framed ? double(clock.nsecsElapsed()) / 1e6 : -1;
    const auto* overview = w.findChild<OverviewPage*>();
    const auto* subjectsTile =
        overview ? overview->findChild<QLabel*>(QStringLiteral("subjectCount")) : nullptr;
    out[QStringLiteral("subjectsTile")] = subjectsTile ? subjectsTile->text() : QString();
    out[QStringLiteral("rssFrameMb")] = residentMb();
    out[QStringLiteral("stallFrameMs")] = stalls.takePhaseMax();

    if (job.refreshSeconds > 0) {
        const int before = dashboard->updates();
        const double cpu0 = redisCpuSeconds(probe);
        QElapsedTimer window;
        window.start();
        pause(job.refreshSeconds * 1000);
        const double cpu = redisCpuSeconds(probe) - cpu0;
        out[QStringLiteral("redisCpuPercent")] = 100.0 * cpu / (double(window.nsecsElapsed()) / 1e9);
        out[QStringLiteral("refreshes")] = dashboard->updates() - before;
        out[QStringLiteral("stallRefreshMs")] = stalls.takePhaseMax();
    }

    SubjectsPage* page = w.subjectsPage();
    QTableView* view = page->view();
    SubjectsModel* model = page->model();
    w.showPage(QStringLiteral("subjects"));
    // The row at the top of the viewport and the id it shows, once loaded.
    auto shownAt = [&](int row) -> QString {
        if (row >= model->rowCount())
            return {};
        const QModelIndex index = model->index(row, SubjectsModel::SubjectColumn);
        return index.data(SubjectsModel::SubjectIdRole).toString();
    };
    // Brings `row` to the top of the view and waits until its id is loaded and painted. The table's size is
    // known up front, so the view jumps there as a dragged scroll bar does; the rows in between are never
    // read.
    auto scrollTo = [&](int row, const QString& expected) -> QJsonObject {
        QJsonObject r;
        QElapsedTimer t;
        t.start();
        const bool ok = waitUntil(
            [&] {
                if (row >= model->rowCount())
                    return false; // the row count has not arrived yet
                view->scrollTo(model->index(row, 0), QAbstractItemView::PositionAtTop);
                if (shownAt(row).isEmpty())
                    return false;
                view->viewport()->repaint();
                return view->rowAt(0) == row ||
                       view->verticalScrollBar()->value() == view->verticalScrollBar()->maximum();
            },
            job.timeoutMs);
        r[QStringLiteral("ms")] = double(t.nsecsElapsed()) / 1e6;
        r[QStringLiteral("reached")] = ok;
        r[QStringLiteral("rows")] = model->loadedRowCount();
        r[QStringLiteral("shown")] = shownAt(row);
        r[QStringLiteral("correct")] = ok && shownAt(row) == expected;
        return r;
    };
    // A fast drag of the scroll bar from the top to `row`: one step per frame (16 ms), each painted, so the
    // model sees a page wanted at every step and must not fall behind reading pages nobody looks at.
    auto drag = [&](int row, int steps) {
        QScrollBar* bar = view->verticalScrollBar();
        const int from = bar->value();
        const int to = int(qint64(bar->maximum()) * row / std::max(1, model->rowCount()));
        for (int i = 1; i <= steps; ++i) {
            bar->setValue(from + int(qint64(to - from) * i / steps));
            view->viewport()->repaint();
            pause(16);
        }
    };
    waitUntil([&] { return model->rowCount() > 0 && !model->isFetching(); }, job.timeoutMs);
    stalls.takePhaseMax();
    if (job.scrollRow >= 0) {
        out[QStringLiteral("scrollTop")] = scrollTo(0, ids.subjectId(0));
        drag(job.scrollRow * 2 / 5, 30);
        scrollTo(0, ids.subjectId(0));
        out[QStringLiteral("scroll")] = scrollTo(job.scrollRow, ids.subjectId(job.scrollRow));
        out[QStringLiteral("rssScrollMb")] = residentMb();
        out[QStringLiteral("stallScrollMs")] = stalls.takePhaseMax();
    }
    if (job.sort) {
        auto sortBy = [&](int column, const QString& expectedFirst) {
            QJsonObject r;
            QElapsedTimer t;
            t.start();
            view->sortByColumn(column, Qt::DescendingOrder);
            const bool ok = waitUntil(
                [&] {
                    if (model->isFetching() || shownAt(0).isEmpty())
                        return false;
                    view->scrollToTop();
                    view->viewport()->repaint();
                    return true;
                },
                job.timeoutMs);
            r[QStringLiteral("ms")] = double(t.nsecsElapsed()) / 1e6;
            r[QStringLiteral("shown")] = shownAt(0);
            r[QStringLiteral("correct")] = ok && shownAt(0) == expectedFirst;
            return r;
        };
        out[QStringLiteral("sortName")] =
            sortBy(SubjectsModel::SubjectColumn, ids.subjectId(job.subjects - 1));
        out[QStringLiteral("sortTokens")] =
            sortBy(SubjectsModel::TokensColumn, topTokens.isEmpty() ? QString() : topTokens[0].subject);
        out[QStringLiteral("stallSortMs")] = stalls.takePhaseMax();
    }
    stalls.stop();
    out[QStringLiteral("stallMaxMs")] = stalls.max();
    out[QStringLiteral("stallP99Ms")] = stalls.p99();
    out[QStringLiteral("stallBusyMs")] = stalls.busyMax();
    return out;
}

// The parent's side: runs this binary as a console child and reads its JSON.
QJsonObject runConsoleChild(const ConsoleJob& job)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--console"), QString::number(job.port), QStringLiteral("--subjects"),
                 QString::number(job.subjects), QStringLiteral("--client-share"),
                 QString::number(job.clientShare), QStringLiteral("--refresh"),
                 QString::number(job.refreshSeconds), QStringLiteral("--scroll"),
                 QString::number(job.scrollRow), QStringLiteral("--sort"),
                 job.sort ? QStringLiteral("1") : QStringLiteral("0"), QStringLiteral("--timeout"),
                 QString::number(job.timeoutMs)});
    if (!child.waitForFinished(job.timeoutMs * 4 + job.refreshSeconds * 1000 + 60000) ||
        child.exitCode() != 0) {
        qCritical("console child failed (exit %d)", child.exitCode());
        return {};
    }
    const QList<QByteArray> lines = child.readAllStandardOutput().trimmed().split('\n');
    return QJsonDocument::fromJson(lines.last()).object();
}

// redis-benchmark's own HSET rate on the same server: one connection, pipelined 64 deep, random fields.
double redisBenchmarkHsetRate(const RedisEndpoint& ep, int requests)
{
    return redisBenchmarkRate(ep, {QStringLiteral("-c"), QStringLiteral("1"), QStringLiteral("-P"),
                                   QStringLiteral("64"), QStringLiteral("-n"), QString::number(requests),
                                   QStringLiteral("-r"), QString::number(requests), QStringLiteral("--dbnum"),
                                   QStringLiteral("1"), QStringLiteral("-t"), QStringLiteral("hset")});
}

struct ChartTiming
{
    double medianMs = 0;
    double maxMs = 0;
    int spikes = 0;
    int spikesKept = 0;
    qsizetype plotted = 0;
};

// LiveChart at the size of a wide chart, fed `points` per-minute values with scattered single-sample
// spikes: setData plus a synchronous render, `rounds` times.
ChartTiming chartRedraw(int points, int rounds)
{
    ChartTiming result;
    const qint64 t0 = 1'700'000'000'000;
    QList<SeriesPoint> series;
    series.reserve(points);
    QRandomGenerator rng(8);
    std::vector<int> spikeAt;
    for (int i = 0; i < points; ++i)
        series.append({t0 + qint64(i) * 60000, 100 + 20 * std::sin(i / 700.0) + rng.bounded(10.0)});
    const int spikes = std::max(5, points / 20000);
    for (int k = 0; k < spikes; ++k) {
        const int i = 1 + int(rng.bounded(points - 2));
        series[i].value = 1000 + rng.bounded(5000.0);
        spikeAt.push_back(i);
    }
    // The series is shared with `data` from here on: only const access, or the first setData would time a
    // 16 MB copy-on-write detach of the bench's own list.
    const qint64 toMs = series.constLast().timeMs;
    const QHash<QString, QList<SeriesPoint>> data{{QStringLiteral("fleet"), series}};
    const QStringList keys{QStringLiteral("fleet")};
    LiveChart chart(QStringLiteral("Requests per minute"));
    chart.resize(1280, 400);
    chart.show();
    waitUntil([] { return false; }, 100);
    QImage image(chart.size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> times;
    for (int round = 0; round < rounds; ++round) {
        QElapsedTimer t;
        t.start();
        chart.setData(keys, data, t0, toMs, false);
        QPainter painter(&image);
        chart.render(&painter);
        painter.end();
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    if (qEnvironmentVariableIsSet("QUOTADESK_BENCH_VERBOSE")) {
        for (double v : times)
            fprintf(stderr, "chart %d points: %.2f ms\n", points, v);
    }
    result.medianMs = percentile(times, 0.5);
    result.maxMs = *std::max_element(times.begin(), times.end());
    const auto* line = qobject_cast<QLineSeries*>(chart.chart()->series().value(0));
    const QList<QPointF> plotted = line ? line->points() : QList<QPointF>();
    result.plotted = plotted.size();
    for (int i : spikeAt) {
        const QPointF spike(double(series.at(i).timeMs), series.at(i).value);
        ++result.spikes;
        if (std::find(plotted.begin(), plotted.end(), spike) != plotted.end())
            ++result.spikesKept;
    }
    return result;
}

// One decimal from 10 ms up: a figure next to its target (16 ms, 50 ms) must not round onto it.
QString ms(double v)
{
    return v < 0 ? QStringLiteral("n/a") : QString::number(v, 'f', v < 10 ? 2 : 1) + QStringLiteral(" ms");
}

QString mb(double v)
{
    return QString::number(v, 'f', 0) + QStringLiteral(" MB");
}

QString ratio(double value, double baseline)
{
    return value >= 0 && baseline > 0 ? QString::number(value / baseline, 'f', 2) : QStringLiteral("n/a");
}

QString count(qint64 n)
{
    return QLocale::c().toString(n);
}

double num(const QJsonObject& o, const char* a, const char* b = nullptr)
{
    const QJsonValue v = o.value(QLatin1String(a));
    return b ? v.toObject().value(QLatin1String(b)).toDouble(-1) : v.toDouble(-1);
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Settings go to a test location: the window's saved layout must not depend on who runs the bench.
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("QuotaDesk"));
    QApplication::setApplicationName(QStringLiteral("quotadesk-consolebench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("QuotaDesk console benchmark (see docs/performance.md)"));
    parser.addHelpOption();
    const QCommandLineOption quick(QStringLiteral("quick"),
                                   QStringLiteral("100,000 subjects and short windows (a smoke run)."));
    const QCommandLineOption subjectsOpt(QStringLiteral("subjects"), QStringLiteral("Subjects to generate."),
                                         QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption placedOpt(QStringLiteral("placed"),
                                       QStringLiteral("Subjects with an explicit policy entry."),
                                       QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption consoleOpt(QStringLiteral("console"),
                                        QStringLiteral("Internal: measure one console against PORT."),
                                        QStringLiteral("port"));
    const QCommandLineOption clientShareOpt(QStringLiteral("client-share"), QStringLiteral("Internal."),
                                            QStringLiteral("x"), QStringLiteral("0.02"));
    const QCommandLineOption refreshOpt(QStringLiteral("refresh"), QStringLiteral("Internal."),
                                        QStringLiteral("s"), QStringLiteral("0"));
    const QCommandLineOption scrollOpt(QStringLiteral("scroll"), QStringLiteral("Internal."),
                                       QStringLiteral("row"), QStringLiteral("-1"));
    const QCommandLineOption sortOpt(QStringLiteral("sort"), QStringLiteral("Internal."),
                                     QStringLiteral("0|1"), QStringLiteral("0"));
    const QCommandLineOption timeoutOpt(QStringLiteral("timeout"), QStringLiteral("Internal."),
                                        QStringLiteral("ms"), QStringLiteral("60000"));
    parser.addOptions({quick, subjectsOpt, placedOpt, consoleOpt, clientShareOpt, refreshOpt, scrollOpt,
                       sortOpt, timeoutOpt});
    parser.process(app);
    QTextStream out(stdout);

    if (parser.isSet(consoleOpt)) {
        ConsoleJob job;
        job.port = quint16(parser.value(consoleOpt).toUInt());
        job.subjects = parser.value(subjectsOpt).toInt();
        job.clientShare = parser.value(clientShareOpt).toDouble();
        job.refreshSeconds = parser.value(refreshOpt).toInt();
        job.scrollRow = parser.value(scrollOpt).toInt();
        job.sort = parser.value(sortOpt) == QLatin1String("1");
        job.timeoutMs = parser.value(timeoutOpt).toInt();
        try {
            out << QJsonDocument(runConsole(job)).toJson(QJsonDocument::Compact) << "\n";
        } catch (const StoreError& e) {
            qCritical("console run: %s", qPrintable(e.message()));
            return 1;
        }
        return 0;
    }

    const bool isQuick = parser.isSet(quick);
    const int subjects = isQuick ? 100000 : parser.value(subjectsOpt).toInt();
    const int refreshSeconds = isQuick ? 5 : 20;
    const int timeoutMs = isQuick ? 30000 : 60000;
    constexpr int smallStore = 1000;

    LocalRedisServer server;
    if (!server.start()) {
        qCritical("%s", qPrintable(server.errorString()));
        return 1;
    }
    pinToCpu(0, pid_t(server.processId()));
    pinToCpu(1, 0); // this process and every child it starts
    RedisEndpoint ep = server.endpoint();
    ep.prefix = prefix;
    RedisConnection admin(ep, 60000);
    HistoryGenerator::Options options;
    options.subjects = subjects;
    options.placed = parser.value(placedOpt).toInt();

    try {
        out << "console benchmark: " << count(subjects) << " subjects" << Qt::endl;
        const double hsetRate = redisBenchmarkHsetRate(ep, isQuick ? 200000 : 1000000);
        admin.call({"FLUSHALL"});

        // Baselines first: the policy alone, then a 1,000-subject store.
        HistoryGenerator(admin, prefix, options).publishPolicy();
        ConsoleJob job;
        job.port = ep.port;
        job.subjects = subjects;
        job.clientShare = options.clientShare;
        job.timeoutMs = timeoutMs;
        const QJsonObject empty = runConsoleChild(job);
        out << "." << Qt::flush;

        admin.call({"FLUSHALL"});
        HistoryGenerator::Options smallOptions = options;
        smallOptions.subjects = smallStore;
        smallOptions.placed = 50;
        HistoryGenerator(admin, prefix, smallOptions).run();
        ConsoleJob smallJob = job;
        smallJob.subjects = smallStore;
        smallJob.sort = true;
        const QJsonObject small = runConsoleChild(smallJob);
        out << "." << Qt::flush;

        admin.call({"FLUSHALL"});
        const HistoryGenerator::Result generated = HistoryGenerator(admin, prefix, options).run();
        out << "." << Qt::flush;

        RedisConnection probe(ep);
        const double idle0 = redisCpuSeconds(probe);
        QElapsedTimer idleClock;
        idleClock.start();
        pause(refreshSeconds * 1000);
        const double idlePercent =
            100.0 * (redisCpuSeconds(probe) - idle0) / (double(idleClock.nsecsElapsed()) / 1e9);

        ConsoleJob bigJob = job;
        bigJob.refreshSeconds = refreshSeconds;
        bigJob.scrollRow = subjects / 2;
        bigJob.sort = true;
        const QJsonObject big = runConsoleChild(bigJob);
        out << "." << Qt::flush;

        const ChartTiming chartBig = chartRedraw(1000000, 20);
        const ChartTiming chartSmall = chartRedraw(1000, 20);
        out << "\n\n## Console: history generator\n\n";

        BenchReport gen({QStringLiteral("subjects"), QStringLiteral("elements written"),
                         QStringLiteral("commands"), QStringLiteral("time"), QStringLiteral("rate"),
                         QStringLiteral("redis-benchmark HSET (1 conn, -P 64)"), QStringLiteral("ratio"),
                         QStringLiteral("target")});
        const double genRate = double(generated.elements) / generated.seconds;
        gen.addRow({count(subjects), count(generated.elements), count(generated.commands),
                    QString::number(generated.seconds, 'f', 1) + QStringLiteral(" s"),
                    count(qRound64(genRate)) + QStringLiteral("/s"),
                    count(qRound64(hsetRate)) + QStringLiteral("/s"), ratio(genRate, hsetRate),
                    QStringLiteral("≤ 60 s")});
        out << gen.toMarkdown();
        out << "\n"
            << count(generated.minuteKeys) << " minute and " << count(generated.hourKeys)
            << " hour series keys, " << count(generated.activeToday) << " subjects active today, "
            << generated.spikes << " single-minute spikes.\n";

        out << "\n## Console at " << count(subjects) << " subjects\n\n";
        BenchReport table({QStringLiteral("figure"), QStringLiteral("QuotaDesk"), QStringLiteral("baseline"),
                           QStringLiteral("ratio"), QStringLiteral("target")});
        auto row = [&](const QString& what, double v, const QString& text, double b, const QString& baseText,
                       const QString& target) {
            table.addRow({what, text, baseText, ratio(v, b), target});
        };
        const double frame = num(big, "firstFrameMs"), frame0 = num(empty, "firstFrameMs");
        row(QStringLiteral("connect → first full dashboard frame"), frame, ms(frame), frame0,
            ms(frame0) + QStringLiteral(" (policy only)"), QString());
        const double cpu = num(big, "redisCpuPercent");
        row(QStringLiteral("Redis CPU, console refreshing at 1 Hz for %1 s (%2 refreshes)")
                .arg(refreshSeconds)
                .arg(big.value(QStringLiteral("refreshes")).toInt()),
            cpu, QString::number(cpu, 'f', 2) + QStringLiteral(" % of a core"), idlePercent,
            QString::number(idlePercent, 'f', 2) + QStringLiteral(" % (console disconnected)"),
            QStringLiteral("≤ 2 %"));
        const QJsonObject scroll = big.value(QStringLiteral("scroll")).toObject();
        const QString scrollText =
            scroll.value(QStringLiteral("correct")).toBool()
                ? ms(num(big, "scroll", "ms"))
                : QStringLiteral("not reached in %1 (%2 rows loaded)")
                      .arg(ms(num(big, "scroll", "ms")), count(qint64(num(big, "scroll", "rows"))));
        row(QStringLiteral("subjects table: scroll to row %1 until shown").arg(count(subjects / 2)),
            scroll.value(QStringLiteral("correct")).toBool() ? num(big, "scroll", "ms") : -1, scrollText,
            num(big, "scrollTop", "ms"), ms(num(big, "scrollTop", "ms")) + QStringLiteral(" (row 0)"),
            QString());
        for (const auto& [key, label] :
             {std::pair{"sortName", "sort by name"}, std::pair{"sortTokens", "sort by today's tokens"}}) {
            const bool ok =
                big.value(QLatin1String(key)).toObject().value(QStringLiteral("correct")).toBool();
            const double v = num(big, key, "ms"), b = num(small, key, "ms");
            row(QStringLiteral("subjects table: %1").arg(QLatin1String(label)), ok ? v : -1,
                ok ? ms(v) : QStringLiteral("wrong first row"), b,
                ms(b) + QStringLiteral(" (%1 subjects)").arg(count(smallStore)), QString());
        }
        const double rss0 = num(empty, "rssFrameMb");
        row(QStringLiteral("console RSS after the first frame"), num(big, "rssFrameMb"),
            mb(num(big, "rssFrameMb")), rss0, mb(rss0) + QStringLiteral(" (policy only)"),
            QStringLiteral("≤ 200 MB"));
        row(QStringLiteral("console RSS after the scroll"), num(big, "rssScrollMb"),
            mb(num(big, "rssScrollMb")), rss0, mb(rss0) + QStringLiteral(" (policy only)"),
            QStringLiteral("≤ 200 MB"));
        row(QStringLiteral("chart: setData + repaint, 1,000,000 points, median of 20"), chartBig.medianMs,
            ms(chartBig.medianMs), chartSmall.medianMs,
            ms(chartSmall.medianMs) + QStringLiteral(" (1,000 points)"), QStringLiteral("< 16 ms"));
        row(QStringLiteral("chart: setData + repaint, 1,000,000 points, max of 20"), chartBig.maxMs,
            ms(chartBig.maxMs), chartSmall.maxMs, ms(chartSmall.maxMs) + QStringLiteral(" (1,000 points)"),
            QStringLiteral("< 16 ms"));
        row(QStringLiteral("UI event-loop stall, max (connect, frame, refresh, scroll, sort)"),
            num(big, "stallMaxMs"), ms(num(big, "stallMaxMs")), num(empty, "stallMaxMs"),
            ms(num(empty, "stallMaxMs")) + QStringLiteral(" (policy only)"), QStringLiteral("< 50 ms"));
        row(QStringLiteral("UI event-loop stall, max, UI thread's own CPU time only"),
            num(big, "stallBusyMs"), ms(num(big, "stallBusyMs")), num(empty, "stallBusyMs"),
            ms(num(empty, "stallBusyMs")) + QStringLiteral(" (policy only)"), QStringLiteral("< 50 ms"));
        row(QStringLiteral("UI event-loop stall, p99"), num(big, "stallP99Ms"), ms(num(big, "stallP99Ms")),
            num(empty, "stallP99Ms"), ms(num(empty, "stallP99Ms")) + QStringLiteral(" (policy only)"),
            QString());
        out << table.toMarkdown();
        out << "\nspikes kept: " << chartBig.spikesKept << "/" << chartBig.spikes << " (" << chartBig.plotted
            << " points plotted of 1,000,000)\n";
        const auto phase = [&](const char* key) {
            return big.value(QLatin1String(key)).toString();
        };
        out << "largest stall per phase (wall / UI thread's CPU): first frame " << phase("stallFrameMs")
            << ", refresh " << phase("stallRefreshMs") << ", scroll " << phase("stallScrollMs") << ", sort "
            << phase("stallSortMs") << "\n";
        out << "Overview subjects tile: " << big.value(QStringLiteral("subjectsTile")).toString() << "; row "
            << count(subjects / 2) << " shows " << scroll.value(QStringLiteral("shown")).toString() << "\n";
        if (chartBig.spikesKept != chartBig.spikes)
            qCritical("the decimated chart lost %d spikes", chartBig.spikes - chartBig.spikesKept);
    } catch (const StoreError& e) {
        qCritical("%s", qPrintable(e.message()));
        return 1;
    }
    return 0;
}
