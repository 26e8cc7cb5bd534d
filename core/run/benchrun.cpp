// BenchRun: validation, dispatch and the external tools (om-runner, ais_bench, msame). The ONNX Runtime worker is
// in benchcpu.cpp.
#include "run/benchrun_p.h"
#include "run/benchtext.h"

#include "profile/msprofrun.h"
#include "profile/profilefiles.h"

#include "logging/logging.h"
#include "process/toolrunner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

namespace wb {

namespace {

constexpr int kLastLinesKept = 40;

// The context of the texts only the GUI shows as they are made (the started() description) in translations/*.ts.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(BenchRun)
};

QString toolDisplayName(BenchTool::Flavour flavour)
{
    switch (flavour) {
    case BenchTool::Flavour::OmRunner:
        return QStringLiteral("om-runner");
    case BenchTool::Flavour::Msame:
        return QStringLiteral("msame");
    case BenchTool::Flavour::AisBench:
    case BenchTool::Flavour::AisBenchPython:
    case BenchTool::Flavour::Msit:
        break;
    }
    return QStringLiteral("ais_bench");
}

} // namespace

BenchRun::BenchRun(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->m_cpuTimeout.setSingleShot(true);
    d->m_cpuTimeout.setTimerType(Qt::PreciseTimer);
    connect(&d->m_cpuTimeout, &QTimer::timeout, this, &BenchRun::onCpuTimeout);
    d->m_budget.setSingleShot(true);
    d->m_budget.setTimerType(Qt::PreciseTimer);
    connect(&d->m_budget, &QTimer::timeout, this, &BenchRun::onBudgetReached);
}

BenchRun::~BenchRun()
{
    if (d->m_cpuCancel)
        d->m_cpuCancel->store(true);
    // Workers post to this object: they must be done before the object goes. They stop between iterations.
    for (QFuture<void>& worker : d->m_workers)
        worker.waitForFinished();
    delete d->m_tool; // SIGKILLs the tool's process group and waits for it, emitting nothing
    delete d->m_remote; // kills the local ssh and sends the host a stop for the tool's process group
}

bool BenchRun::start(const BenchRequest& request)
{
    if (d->m_running)
        return false;
    d->m_request = request;
    d->m_running = true;
    d->m_cancelRequested = false;
    d->m_cpuTimedOut = false;
    d->m_budgetReached = false;
    d->m_budget.stop();
    d->m_liveMs.clear();
    d->m_lastLines.clear();
    d->m_result = benchResultSkeleton(request);
    d->m_workers.removeIf([](const QFuture<void>& worker) { return worker.isFinished(); });
    d->m_result.started = QDateTime::currentDateTime();
    d->m_clock.start();
    const quint64 id = ++d->m_runId;
    QMetaObject::invokeMethod(
        this, [this, id] { launch(id); }, Qt::QueuedConnection);
    return true;
}

bool BenchRun::isRunning() const
{
    return d->m_running;
}

const BenchRequest& BenchRun::request() const
{
    return d->m_request;
}

void BenchRun::setApplicationDir(const QString& dir)
{
    d->m_appDir = dir;
}

void BenchRun::cancel()
{
    if (!d->m_running)
        return;
    d->m_cancelRequested = true;
    if (d->m_cpuCancel)
        d->m_cpuCancel->store(true);
    ToolRunner* tool = d->m_tool.data();
    if (tool != nullptr && tool->isRunning())
        tool->cancel();
    if (RemoteToolRun* remote = d->m_remote.data(); remote != nullptr && remote->isRunning())
        remote->cancel();
}

void BenchRun::onTimedIteration()
{
    if (d->m_request.timeBudgetSec > 0 && !d->m_budget.isActive() && !d->m_budgetReached)
        d->m_budget.start(int(d->m_request.timeBudgetSec * 1000));
}

void BenchRun::onBudgetReached()
{
    if (!d->m_running)
        return;
    d->m_budgetReached = true;
    // Stops like Cancel (between iterations for ONNX Runtime, SIGTERM for a tool); complete() makes it a success.
    if (d->m_cpuCancel)
        d->m_cpuCancel->store(true);
    ToolRunner* tool = d->m_tool.data();
    if (tool != nullptr && tool->isRunning())
        tool->cancel();
}

QString BenchRun::description(BenchRequest::Runner runner) const
{
    const QString model = QFileInfo(d->m_request.model).fileName();
    QString where = d->m_request.target == BenchRequest::Target::Cpu ? Tr::tr("the CPU")
                                                                     : Tr::tr("NPU %1").arg(d->m_request.device);
    if (d->m_request.timeBudgetSec > 0)
        return Tr::tr("%1 on %2 with %3: iterations for %4 s after %5 warm-up")
            .arg(model, where, benchRunnerName(runner))
            .arg(d->m_request.timeBudgetSec)
            .arg(d->m_request.warmup);
    return Tr::tr("%1 on %2 with %3: %4 iterations after %5 warm-up")
        .arg(model, where, benchRunnerName(runner))
        .arg(d->m_request.loops)
        .arg(d->m_request.warmup);
}

void BenchRun::launch(quint64 id)
{
    if (id != d->m_runId)
        return;
    const BenchRequest::Runner runner = effectiveRunner(d->m_request);
    emit started(description(runner));
    if (d->m_cancelRequested) {
        BenchResult r = d->m_result;
        r.errorCode = QStringLiteral("cancelled");
        r.error = englishText(benchtext::kCancelledBeforeStart);
        complete(r);
        return;
    }
    if (auto error = validateBenchRequest(d->m_request)) {
        BenchResult r = d->m_result;
        r.errorCode = error->code;
        r.error = error->message;
        complete(r);
        return;
    }
    if (runner == BenchRequest::Runner::OnnxRuntime)
        launchCpu(id);
    else
        launchTool(runner);
}

// The tool on a host: the path the probe found there (nothing to check here; the host says when it is wrong).
Result<BenchTool> remoteBenchTool(BenchRequest::Runner runner, const BenchRequest& request)
{
    if (request.toolPath.isEmpty())
        return Error { QStringLiteral("tool_missing"),
            englishText(benchtext::kToolMissingOnHost).arg(benchRunnerName(runner)), {} };
    BenchTool tool;
    tool.program = request.toolPath;
    tool.source = QStringLiteral("host");
    const QString name = QFileInfo(request.toolPath).fileName();
    if (runner == BenchRequest::Runner::Msame) {
        tool.flavour = BenchTool::Flavour::Msame;
    } else if (runner == BenchRequest::Runner::AisBench) {
        if (name == QLatin1String("msit") || name == QLatin1String("ait")) {
            tool.flavour = BenchTool::Flavour::Msit;
            tool.prefix = QStringList { QStringLiteral("benchmark") };
        } else if (name.startsWith(QLatin1String("python"))) {
            tool.flavour = BenchTool::Flavour::AisBenchPython;
            tool.prefix = QStringList { QStringLiteral("-m"), QStringLiteral("ais_bench") };
        } else {
            tool.flavour = BenchTool::Flavour::AisBench;
        }
    }
    return tool;
}

void BenchRun::launchTool(BenchRequest::Runner runner)
{
    const QString path = d->m_request.environment.contains(QStringLiteral("PATH"))
        ? d->m_request.environment.value(QStringLiteral("PATH"))
        : QString();
    const QString appDir = d->m_appDir.isEmpty() ? QCoreApplication::applicationDirPath() : d->m_appDir;
    const Result<BenchTool> tool = d->m_request.remote
        ? remoteBenchTool(runner, d->m_request)
        : locateBenchTool(runner, { d->m_request.toolPath, appDir, path });
    if (!tool.ok()) {
        BenchResult r = d->m_result;
        r.errorCode = tool.error().code;
        r.error = tool.error().message;
        complete(r);
        return;
    }
    d->m_flavour = tool.value().flavour;
    d->m_toolOutputDir = d->m_request.outputDir;
    if (d->m_toolOutputDir.isEmpty() && d->m_flavour != BenchTool::Flavour::OmRunner) {
        d->m_scratch = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/atcwb-bench-XXXXXX"));
        if (!d->m_scratch->isValid()) {
            BenchResult r = d->m_result;
            r.errorCode = QStringLiteral("write_failed");
            r.error = englishText(benchtext::kNoTempFolder).arg(d->m_scratch->errorString());
            d->m_scratch.reset();
            complete(r);
            return;
        }
        d->m_toolOutputDir = d->m_scratch->path();
    } else if (!d->m_toolOutputDir.isEmpty()) {
        d->m_toolOutputDir = QFileInfo(d->m_toolOutputDir).absoluteFilePath();
        QDir().mkpath(d->m_toolOutputDir);
    }
    ToolInvocation invocation = benchInvocation(d->m_request, tool.value(), d->m_toolOutputDir);
    d->m_msprofDir.clear();
    if (!d->m_request.msprof.isEmpty()) {
        if (d->m_request.msprofOutputDir.isEmpty()) {
            d->m_msprofScratch
                = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/atcwb-msprof-XXXXXX"));
            d->m_msprofDir = d->m_msprofScratch->isValid() ? d->m_msprofScratch->path() : QString();
        } else {
            d->m_msprofDir = QFileInfo(d->m_request.msprofOutputDir).absoluteFilePath();
            QDir().mkpath(d->m_msprofDir);
        }
        if (d->m_msprofDir.isEmpty()) {
            BenchResult r = d->m_result;
            r.errorCode = QStringLiteral("write_failed");
            r.error = englishText(benchtext::kNoMsprofFolder);
            complete(r);
            return;
        }
        invocation = msprofInvocation(invocation, d->m_request.msprof, d->m_msprofDir);
    }
    d->m_result.command = invocation.argv();
    d->m_result.toolkit = QDir::toNativeSeparators(tool.value().program);
    d->m_omParser = OmRunnerParser();
    d->m_opProfile = RunnerProfileCollector();
    d->m_msameParser = MsameParser();
    d->m_aisParser = AisBenchParser();

    if (d->m_request.remote) {
        // On the host: the OM and input files go up, the output folder comes back (also after a failure).
        RemoteToolOptions options;
        options.toolName = toolDisplayName(d->m_flavour);
        if (!d->m_toolOutputDir.isEmpty())
            options.folders = { { d->m_toolOutputDir, QStringLiteral("out"), {} } };
        options.timeoutMs = invocation.timeoutMs;
        options.fetchOnFailure = true;
        if (invocation.program != tool.value().program && invocation.arguments.value(1) == tool.value().program) {
            // msame under this machine's stdbuf: on the host, under the host's stdbuf when it has one.
            invocation.arguments = QStringList { QStringLiteral("-c"),
                QStringLiteral("command -v stdbuf >/dev/null 2>&1 && exec stdbuf -oL \"$@\"; exec \"$@\""),
                QStringLiteral("atcwb-linebuf") }
                + invocation.arguments.mid(1);
            invocation.program = QStringLiteral("sh");
            options.verbatim = { tool.value().program };
        }
        auto* remote = new RemoteToolRun(*d->m_request.remote, invocation, options, this);
        d->m_remote = remote;
        connect(remote, &RemoteToolRun::linesReceived, this, [this](ToolChannel channel, const QStringList& lines) {
            onToolLines(channel == ToolChannel::StdOut, lines);
        });
        connect(remote, &RemoteToolRun::progress, this, &BenchRun::progress);
        connect(remote, &RemoteToolRun::finished, this, &BenchRun::onToolFinished);
        log::run()->info("bench on {}: {}", d->m_request.remote->host.name, shellQuote(invocation.argv()));
        remote->start();
        return;
    }

    d->m_tool = new ToolRunner(this);
    connect(d->m_tool, &ToolRunner::linesReceived, this,
        [this](ToolChannel channel, const QStringList& lines) { onToolLines(channel == ToolChannel::StdOut, lines); });
    connect(d->m_tool, &ToolRunner::finished, this, &BenchRun::onToolFinished);
    log::run()->info("bench: {}", shellQuote(invocation.argv()));
    d->m_tool->start(invocation);
}

void BenchRun::onToolLines(bool stdOut, const QStringList& lines)
{
    for (const QString& line : lines) {
        d->m_lastLines.append(line);
        switch (d->m_flavour) {
        case BenchTool::Flavour::OmRunner:
            if (stdOut && d->m_opProfile.feed(line)) {
                break;
            } else if (stdOut && !(d->m_msprofDir.size() > 0 && line.startsWith(QLatin1Char('[')))) {
                // (under msprof, its own "[INFO] ..." lines share the stream)
                const auto event = d->m_omParser.feed(line);
                if (event && event->kind == OmRunnerEvent::Kind::Warmup)
                    emit warmup(event->index, event->ms);
                if (event && event->kind == OmRunnerEvent::Kind::Iteration) {
                    onTimedIteration();
                    emit iteration(int(d->m_omParser.report().iterationsMs.size()) - 1, event->ms);
                }
            }
            break;
        case BenchTool::Flavour::Msame:
            if (const auto ms = d->m_msameParser.feed(line)) {
                onTimedIteration();
                emit iteration(int(d->m_msameParser.report().iterationsMs.size()) - 1, *ms);
            }
            break;
        case BenchTool::Flavour::AisBench:
        case BenchTool::Flavour::AisBenchPython:
        case BenchTool::Flavour::Msit:
            if (const auto ms = d->m_aisParser.feed(line)) {
                onTimedIteration();
                emit iteration(int(d->m_aisParser.report().iterationsMs.size()) - 1, *ms);
            }
            break;
        }
    }
    if (d->m_lastLines.size() > kLastLinesKept)
        d->m_lastLines = d->m_lastLines.mid(d->m_lastLines.size() - kLastLinesKept);
}

void BenchRun::onToolFinished(const ToolResult& toolResult)
{
    BenchResult r = d->m_result;
    const BenchToolEnd end { toolResult, d->m_lastLines, d->m_cancelRequested };
    switch (d->m_flavour) {
    case BenchTool::Flavour::OmRunner:
        finishOmRunner(&r, d->m_request, d->m_omParser.report(), end);
        if (auto profile = d->m_opProfile.profile())
            r.opProfile = std::make_shared<const OpProfile>(std::move(*profile));
        else if (d->m_request.profileOps && r.ok)
            r.warnings.append(englishText(benchtext::kNoOpProfile));
        break;
    case BenchTool::Flavour::Msame:
        finishMsame(&r, d->m_request, d->m_msameParser.report(), end);
        break;
    case BenchTool::Flavour::AisBench:
    case BenchTool::Flavour::AisBenchPython:
    case BenchTool::Flavour::Msit:
        finishAisBench(&r, d->m_request, d->m_aisParser.report(),
            readAisBenchSummaryTimes(d->m_toolOutputDir, d->m_result.started), end);
        // ais_bench prints per-iteration times only with --debug; else they come from its summary file, at the
        // end: hand them out now so a chart gets every iteration of every runner.
        if (d->m_aisParser.report().iterationsMs.isEmpty()) {
            for (qsizetype i = 0; i < r.iterationsMs.size(); ++i)
                emit iteration(int(i), r.iterationsMs.at(i));
        }
        break;
    }
    if (const RemoteToolRun* remote = d->m_remote.data(); remote != nullptr && d->m_request.remote) {
        const Host& host = d->m_request.remote->host;
        r.host = QStringLiteral("%1 (%2)").arg(host.name, host.destination);
        r.command = remote->remoteArgv();
        r.toolkit = QStringLiteral("%1 on %2").arg(d->m_result.toolkit, host.name);
        // om-runner names its outputs as it wrote them on the host (out/..., in the run folder): they came back
        // into the local output folder.
        for (QString& file : r.outputFiles) {
            const qsizetype at = file.startsWith(QLatin1String("out/")) ? 0 : file.indexOf(QLatin1String("/out/"));
            if (at >= 0 && !d->m_toolOutputDir.isEmpty())
                file = QDir(d->m_toolOutputDir).filePath(file.mid(at + (at == 0 ? 4 : 5)));
        }
        if (!r.ok && !remote->failure().isEmpty() && !d->m_cancelRequested) {
            const QString failure = remote->failure();
            r.error = failure;
            r.errorCode = failure.contains(QLatin1String("may still be running")) ? QStringLiteral("connection_lost")
                : failure.contains(QLatin1String("Exec format error"))            ? QStringLiteral("wrong_architecture")
                                                                                  : QStringLiteral("remote_failed");
        }
    }
    if (!d->m_msprofDir.isEmpty()) {
        // Under msprof: its exported op_summary (or op_statistic) becomes the op profile.
        auto imported = loadProfile(d->m_msprofDir);
        if (imported.ok()) {
            r.opProfile = std::make_shared<const OpProfile>(std::move(imported).value());
            r.profileSource = d->m_request.msprofOutputDir.isEmpty()
                ? QStringLiteral("msprof")
                : r.opProfile->files.value(0).section(QStringLiteral("/mindstudio_profiler_output"), 0, 0);
        } else if (r.ok) {
            r.warnings.append(englishText(benchtext::kMsprofNotImported).arg(imported.error().message));
        }
        d->m_msprofScratch.reset();
    } else if (r.opProfile) {
        r.profileSource = QStringLiteral("om-runner --profile");
    }
    if (!d->m_request.outputDir.isEmpty() && d->m_flavour != BenchTool::Flavour::OmRunner && r.outputFiles.isEmpty())
        r.outputFiles.append(d->m_toolOutputDir);
    log::run()->info("bench: {} ended: {}", toolDisplayName(d->m_flavour), r.ok ? QStringLiteral("ok") : r.error);
    if (d->m_tool)
        d->m_tool->deleteLater();
    d->m_tool.clear();
    if (d->m_remote)
        d->m_remote->deleteLater();
    d->m_remote.clear();
    d->m_scratch.reset();
    complete(r);
}

void BenchRun::complete(BenchResult result)
{
    result.durationMs = d->m_clock.isValid() ? d->m_clock.elapsed() : 0;
    d->m_running = false;
    d->m_cpuTimeout.stop();
    d->m_budget.stop();
    // Stopped by the time budget (not by the user): what was timed is the result.
    if (d->m_budgetReached && !d->m_cancelRequested && !result.iterationsMs.isEmpty()
        && result.errorCode == QLatin1String("cancelled")) {
        result.ok = true;
        result.error.clear();
        result.errorCode.clear();
        fillStatsFromIterations(&result);
        if (result.device.isEmpty() && d->m_request.target == BenchRequest::Target::Cpu)
            result.device = englishText(benchtext::kCpu);
        result.warnings.append(
            englishText(benchtext::kTimeBudget).arg(d->m_request.timeBudgetSec).arg(result.iterationsMs.size()));
    }
    emit finished(result);
}

} // namespace wb
