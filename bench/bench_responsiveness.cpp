// wb_bench_responsiveness: how long the GUI thread of the real main window goes without running its event loop.
// The window runs offscreen with a 5 ms heartbeat timer on the GUI thread; every gap between two beats is recorded
// while a scenario runs, and one JSON line per scenario gives the longest and the 99th-percentile gap:
//   {"scenario":"open_200mb_fp16_model","max_gap_ms":12.3,"p99_gap_ms":6.1,"wall_ms":1834,...}
// Scenarios: open a generated 200 MB fp16 model; lay out and show a 20,020-node graph; read a 100,000-line ATC log;
// plot a 100,000-iteration live run (om-runner over the fake libascendcl.so); switch every page; quit with a tool
// running (the fake atc, hung and ignoring SIGTERM). Goal: no gap over 50 ms. On Linux each line also has
// `max_cpu_ms`: the most CPU time the GUI thread itself used between two beats, which the machine's load does not
// stretch (a gap much longer than its CPU time is the thread waiting for a core, not the app's work). No arguments
// needed; models are generated once into $TMPDIR/wb-bench-responsiveness. A scenario whose test double was not built is
// reported with "skipped".
#include "benchmodels.h"

#include "mainwindow.h"
#include "pages/conversionpage.h"
#include "pages/graphpage.h"
#include "pages/runpage.h"
#include "process/runningtools.h"
#include "process/toolrunner.h"
#include "settings/settings.h"

#ifdef WB_BENCH_OM_RUNNER
#include "omfile.h"
#endif

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QtEndian>
#include <QtNumeric>

#include <onnx/onnx_pb.h>

#include <QFloat16>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <vector>

namespace {

// Beats every 5 ms on the GUI thread; a gap is the time between two beats (5 ms when nothing blocks).
class Heartbeat {
public:
    Heartbeat()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { beat(); });
    }
    void begin()
    {
        m_gaps.clear();
        m_cpu.clear();
        m_clock.start();
        m_last = 0;
        m_lastCpu = threadCpuNs();
        m_timer.start();
    }
    void end()
    {
        beat();
        m_timer.stop();
    }
    double maxGap() const { return m_gaps.empty() ? 0 : *std::max_element(m_gaps.begin(), m_gaps.end()); }
    double maxCpu() const { return m_cpu.empty() ? 0 : *std::max_element(m_cpu.begin(), m_cpu.end()); }
    static bool hasCpu() { return threadCpuNs() >= 0; }
    double percentile(double p) const
    {
        if (m_gaps.empty())
            return 0;
        std::vector<double> sorted = m_gaps;
        std::sort(sorted.begin(), sorted.end());
        const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * double(sorted.size()))) - 1;
        return sorted.at(std::min(rank, sorted.size() - 1));
    }
    qint64 wallMs() const { return m_clock.elapsed(); }
    std::size_t beats() const { return m_gaps.size(); }

private:
    void beat()
    {
        const qint64 now = m_clock.nsecsElapsed();
        m_gaps.push_back(double(now - m_last) / 1e6);
        m_last = now;
        const qint64 cpu = threadCpuNs();
        m_cpu.push_back(double(cpu - m_lastCpu) / 1e6);
        m_lastCpu = cpu;
    }
    // CPU time of the calling (GUI) thread; -1 where the platform has no per-thread clock.
    static qint64 threadCpuNs()
    {
#ifdef Q_OS_LINUX
        timespec ts {};
        if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
            return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
#endif
        return -1;
    }
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_lastCpu = 0;
    std::vector<double> m_gaps;
    std::vector<double> m_cpu; // GUI-thread CPU ms between two beats
};

// Runs the event loop until `done` holds (checked every 10 ms) or `timeoutMs` passes; then `settleMs` more, for
// work that follows (a relayout after inference, a last replot). False on timeout.
bool waitUntil(const std::function<bool()>& done, int timeoutMs, int settleMs = 300)
{
    QEventLoop loop;
    QTimer poll;
    QElapsedTimer clock;
    clock.start();
    bool ok = false;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (done()) {
            ok = true;
            loop.quit();
        } else if (clock.elapsed() > timeoutMs) {
            loop.quit();
        }
    });
    poll.start(10);
    loop.exec();
    poll.stop();
    if (settleMs > 0) {
        QTimer::singleShot(settleMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return ok;
}

void report(const char* scenario, const Heartbeat& h, bool ok, const QString& note = {})
{
    QJsonObject o;
    o.insert(QStringLiteral("scenario"), QString::fromLatin1(scenario));
    o.insert(QStringLiteral("max_gap_ms"), std::round(h.maxGap() * 10) / 10);
    o.insert(QStringLiteral("p99_gap_ms"), std::round(h.percentile(99) * 10) / 10);
    if (Heartbeat::hasCpu())
        o.insert(QStringLiteral("max_cpu_ms"), std::round(h.maxCpu() * 10) / 10);
    o.insert(QStringLiteral("wall_ms"), h.wallMs());
    o.insert(QStringLiteral("beats"), qint64(h.beats()));
    o.insert(QStringLiteral("ok"), ok);
    if (!note.isEmpty())
        o.insert(QStringLiteral("note"), note);
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

[[maybe_unused]] void skipped(const char* scenario, const QString& why)
{
    QJsonObject o;
    o.insert(QStringLiteral("scenario"), QString::fromLatin1(scenario));
    o.insert(QStringLiteral("max_gap_ms"), QJsonValue::Null);
    o.insert(QStringLiteral("p99_gap_ms"), QJsonValue::Null);
    o.insert(QStringLiteral("skipped"), why);
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

// The 200 MB model: the benchmark transformer planned at 400 MiB of fp32 weights, every float tensor and type then
// made fp16 (half the bytes), the weights a deterministic pattern. Written once.
QString fp16Model(const QString& dir)
{
    const QString path = dir + QStringLiteral("/wb-resp-v1-transformer-200mb-fp16.onnx");
    if (QFileInfo::exists(path))
        return path;
    wbbench::Plan plan = wbbench::planModel(400);
    auto* g = plan.model.mutable_graph();
    auto half = [](onnx::TypeProto* t) {
        if (t->has_tensor_type() && t->tensor_type().elem_type() == onnx::TensorProto::FLOAT)
            t->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT16);
    };
    for (auto* list : { g->mutable_input(), g->mutable_output(), g->mutable_value_info() }) {
        for (auto& vi : *list)
            half(vi.mutable_type());
    }
    std::uint32_t state = 0x5eed;
    for (auto& t : *g->mutable_initializer()) {
        if (t.data_type() != onnx::TensorProto::FLOAT)
            continue;
        std::int64_t n = 1;
        for (const std::int64_t d : t.dims())
            n *= d;
        std::vector<float> values;
        if (t.float_data_size() > 0)
            values.assign(t.float_data().begin(), t.float_data().end());
        else if (!t.raw_data().empty()) {
            values.resize(t.raw_data().size() / 4);
            std::memcpy(values.data(), t.raw_data().data(), values.size() * 4);
        }
        std::string raw(static_cast<std::size_t>(n) * 2, '\0');
        auto* out = reinterpret_cast<quint16*>(raw.data());
        for (std::int64_t i = 0; i < n; ++i) {
            float v = 0;
            if (i < std::int64_t(values.size()))
                v = values[std::size_t(i)];
            else {
                state = state * 1664525u + 1013904223u;
                v = (float(state >> 8) / float(1 << 24) - 0.5f) * 0.1f;
            }
            const qfloat16 h(v);
            std::memcpy(out + i, &h, 2);
        }
        t.clear_float_data();
        t.set_raw_data(std::move(raw));
        t.set_data_type(onnx::TensorProto::FLOAT16);
    }
    QFile f(path + QStringLiteral(".tmp"));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    const std::string bytes = plan.model.SerializeAsString();
    f.write(bytes.data(), qint64(bytes.size()));
    f.close();
    QFile::remove(path);
    f.rename(path);
    return path;
}

QString graphModel(const QString& dir)
{
    const QString path = dir + QStringLiteral("/wb-resp-v1-20k-nodes.onnx");
    if (!QFileInfo::exists(path))
        wbbench::writeTorchStyleModel(path.toStdString(), 1430);
    return path;
}

// 100,000 lines as ATC prints them: progress, warnings with op names, INFO lines, an error code at the end.
QString atcLog(const QString& dir)
{
    const QString path = dir + QStringLiteral("/wb-resp-v1-atc-100k.log");
    if (QFileInfo::exists(path))
        return path;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    QByteArray out;
    out += "ATC start working now, please wait for a moment.\n";
    for (int i = 1; i < 99999; ++i) {
        switch (i % 4) {
        case 0:
            out += "[WARNING] TBE(12345,atc.bin):2026-12-07-10:00:00.000.000 [op_select] op /model."
                + QByteArray::number(i) + "/conv/Conv does not support dtype float32, cast to float16.\n";
            break;
        case 1:
            out += "[INFO] GE(12345,atc.bin):2026-12-07-10:00:00.000.000 [graph_optimize] optimizing node "
                + QByteArray::number(i) + " of 100000\n";
            break;
        case 2:
            out += "....\n";
            break;
        default:
            out += "[WARNING] ATC: node /model." + QByteArray::number(i)
                + "/Resize: mode nearest is converted to ResizeNearestNeighborV2.\n";
        }
    }
    out += "ATC run success, welcome to the next use.\n";
    f.write(out);
    return path;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // Optional arguments: the scenarios to run (default: all), e.g. `wb_bench_responsiveness live_run_100k_iterations`.
    const QStringList only = app.arguments().mid(1);
    const auto wanted
        = [&only](const char* scenario) { return only.isEmpty() || only.contains(QLatin1String(scenario)); };
    app.setQuitOnLastWindowClosed(false);
    const QString dir = QDir::tempPath() + QStringLiteral("/wb-bench-responsiveness");
    QDir().mkpath(dir);
    QTemporaryDir scratch;
    wb::Settings settings(scratch.filePath(QStringLiteral("settings.ini")));
    auto* window = new wb::MainWindow(settings);
    window->resize(1280, 800);
    window->runPage()->setHistoryFolder(scratch.filePath(QStringLiteral("runs")));
    window->show();
    waitUntil([window] { return !window->isBusy(); }, 30000); // toolkit discovery at start
    Heartbeat h;

    // Models and the log are generated before measuring (once; reused by later runs).
    const QString big = fp16Model(dir);
    const QString graph = graphModel(dir);
    const QString log = atcLog(dir);

    if (wanted("open_200mb_fp16_model")) {
        bool loaded = false;
        QObject::connect(window, &wb::MainWindow::loadFinished, window, [&loaded](bool) { loaded = true; });
        h.begin();
        window->openModel(big);
        const bool ok = waitUntil([&] { return loaded && !window->isBusy(); }, 600000);
        h.end();
        report("open_200mb_fp16_model", h, ok && window->currentModel() != nullptr,
            QStringLiteral("%1 MB").arg(QFileInfo(big).size() / 1000000));
    }
    if (wanted("graph_20k_nodes") || wanted("switch_pages")) {
        bool loaded = false;
        QObject::connect(window, &wb::MainWindow::loadFinished, window, [&loaded](bool) { loaded = true; });
        h.begin();
        window->openModel(graph);
        window->showPage(QStringLiteral("graph"));
        const bool ok = waitUntil(
            [&] { return loaded && !window->isBusy() && window->graphPage()->scene() && window->isVisible(); }, 600000);
        window->showPage(QStringLiteral("graph"));
        waitUntil([] { return true; }, 1000, 500); // painted
        h.end();
        if (wanted("graph_20k_nodes"))
            report("graph_20k_nodes", h, ok, QStringLiteral("20,020 ONNX nodes"));
    }
    if (wanted("atc_log_100k_lines")) {
        h.begin();
        window->openAtcLog(log);
        const bool ok = waitUntil([&] { return !window->conversionPage()->isReadingLog(); }, 600000);
        h.end();
        report("atc_log_100k_lines", h, ok);
    }
#if defined(WB_BENCH_OM_RUNNER) && defined(WB_BENCH_FAKE_ACL_TOOLKIT)
    if (wanted("live_run_100k_iterations")) {
        const QString om = scratch.filePath(QStringLiteral("fake.om"));
        wbtest::writeOm(om);
        qputenv("ASCEND_TOOLKIT_HOME", WB_BENCH_FAKE_ACL_TOOLKIT);
        qputenv("FAKE_ACL_EXEC_US_PER_BATCH", "50");
        wb::RunPage* run = window->runPage();
        window->showPage(QStringLiteral("run"));
        run->findChild<QComboBox*>(QStringLiteral("runModel"))->setCurrentText(om);
        for (QComboBox* c : run->findChildren<QComboBox*>()) {
            if (c->findData(QStringLiteral("npu:0")) >= 0)
                c->setCurrentIndex(c->findData(QStringLiteral("npu:0")));
        }
        run->findChild<QSpinBox*>(QStringLiteral("runLoops"))->setValue(100000);
        bool finished = false, ok = false;
        QObject::connect(run, &wb::RunPage::runFinished, run, [&](bool success) {
            finished = true;
            ok = success;
        });
        h.begin();
        run->run();
        waitUntil([&] { return finished; }, 600000);
        h.end();
        report("live_run_100k_iterations", h, ok && run->lastResult().iterationsMs.size() == 100000,
            ok ? QStringLiteral("%1 iterations").arg(run->lastResult().iterationsMs.size()) : run->lastResult().error);
    }
#else
    skipped("live_run_100k_iterations", QStringLiteral("om-runner and the fake libascendcl.so were not built"));
#endif
    if (wanted("switch_pages")) {
        h.begin();
        for (int round = 0; round < 3; ++round) {
            for (const QString& page : wb::MainWindow::pageNames()) {
                if (page == QLatin1String("welcome"))
                    continue;
                window->showPage(page);
                waitUntil([] { return true; }, 1000, 100);
            }
        }
        h.end();
        report("switch_pages", h, true, QStringLiteral("3 rounds over 6 pages, 20,020-node graph open"));
    }
#ifdef WB_BENCH_FAKE_ATC
    if (wanted("quit_with_tool_running")) {
        wb::ToolInvocation hung;
        hung.program = QStringLiteral(WB_BENCH_FAKE_ATC);
        hung.environment = QProcessEnvironment::systemEnvironment();
        hung.environment.insert(QStringLiteral("FAKE_ATC_MODE"), QStringLiteral("hang"));
        hung.environment.insert(QStringLiteral("FAKE_ATC_IGNORE_TERM"), QStringLiteral("1"));
        auto* tool = new wb::ToolRunner(window);
        tool->start(hung);
        waitUntil([] { return wb::RunningTools::count() == 1; }, 30000, 200);
        window->setQuitConfirmation([](const QStringList&) { return true; });
        h.begin();
        window->close();
        const bool ok = waitUntil([&] { return !window->isVisible() && wb::RunningTools::count() == 0; }, 60000, 100);
        h.end();
        report("quit_with_tool_running", h, ok, QStringLiteral("fake atc hung, ignoring SIGTERM"));
    }
#else
    skipped("quit_with_tool_running", QStringLiteral("the fake atc was not built"));
#endif
    delete window;
    return 0;
}
