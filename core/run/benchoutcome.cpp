// How an NPU tool's output and ending become a BenchResult.
#include "run/benchtext.h"
#include "run/benchtools.h"

#include <QFileInfo>

#include <cmath>

namespace wb {

namespace {

constexpr int kTailLines = 12;

QString tailText(const QStringList& lines)
{
    QStringList kept;
    for (const QString& line : lines) {
        if (!line.trimmed().isEmpty())
            kept.append(QStringLiteral("  ") + line);
    }
    if (kept.isEmpty())
        return {};
    if (kept.size() > kTailLines)
        kept = kept.mid(kept.size() - kTailLines);
    return QStringLiteral("\nLast output:\n") + kept.join(QLatin1Char('\n'));
}

void fail(BenchResult* r, const QString& code, const QString& message)
{
    r->ok = false;
    r->errorCode = code;
    r->error = message;
}

// Cancelled, timed out, failed to start or crashed: the same sentence for every tool. True when it applied.
bool failedByEnding(BenchResult* r, const QString& tool, const BenchToolEnd& end)
{
    const qsizetype done = r->iterationsMs.size();
    switch (end.result.kind) {
    case ToolResult::Kind::Cancelled:
        fail(r, QStringLiteral("cancelled"), englishText(benchtext::kCancelledAfter).arg(done).arg(r->loops));
        return true;
    case ToolResult::Kind::TimedOut:
        fail(r, QStringLiteral("timed_out"),
            englishText(benchtext::kToolTimedOut)
                .arg(tool)
                .arg(r->recipe.value(QLatin1String("timeout_s")).toInt())
                .arg(done)
                .arg(r->loops));
        return true;
    case ToolResult::Kind::FailedToStart:
    case ToolResult::Kind::Crashed:
        if (end.cancelRequested) {
            fail(r, QStringLiteral("cancelled"), englishText(benchtext::kCancelledAfter).arg(done).arg(r->loops));
            return true;
        }
        fail(r, QStringLiteral("run_failed"), describe(end.result, tool) + tailText(end.lastLines));
        return true;
    case ToolResult::Kind::Finished:
    case ToolResult::Kind::NonZeroExit:
        break;
    }
    return false;
}

QString omRunnerErrorCode(const QString& kind)
{
    if (kind == QLatin1String("library") || kind == QLatin1String("symbol"))
        return QStringLiteral("toolkit_missing");
    if (kind == QLatin1String("acl"))
        return QStringLiteral("acl_error");
    return QStringLiteral("bad_input");
}

QString npuDevice(const QString& soc, int device)
{
    return QStringLiteral("%1 #%2").arg(soc.isEmpty() ? QStringLiteral("Ascend NPU") : soc).arg(device);
}

int batchOr(const BenchRequest& request, std::optional<double> reported)
{
    if (request.batch > 0)
        return request.batch;
    if (reported && *reported >= 1)
        return int(*reported);
    return 1;
}

} // namespace

BenchResult benchResultSkeleton(const BenchRequest& request)
{
    BenchResult r;
    r.runner = benchRunnerName(effectiveRunner(request));
    r.target = benchTargetName(request.target, request.device);
    r.model = request.model.isEmpty() ? QString() : QFileInfo(request.model).absoluteFilePath();
    r.batch = request.batch > 0 ? request.batch : 1;
    r.loops = request.loops;
    r.warmup = request.warmup;
    r.recipe = benchRecipe(request);
    r.host = benchHostDescription();
    r.stats.min = r.stats.max = r.stats.mean = r.stats.median = std::nan("");
    r.stats.p90 = r.stats.p95 = r.stats.p99 = r.stats.stddev = std::nan("");
    r.throughput = std::nan("");
    return r;
}

bool fillStatsFromIterations(BenchResult* r)
{
    const auto stats = LatencyStats::compute(QList<double>(r->iterationsMs.begin(), r->iterationsMs.end()));
    if (!stats.ok())
        return false;
    r->stats = stats.value();
    r->throughput = stats.value().throughput(r->batch).value_or(std::nan(""));
    return true;
}

void finishOmRunner(BenchResult* r, const BenchRequest& request, const OmRunnerReport& report, const BenchToolEnd& end)
{
    r->iterationsMs = QVector<double>(report.iterationsMs.begin(), report.iterationsMs.end());
    r->batch = batchOr(request, report.batch ? std::optional<double>(*report.batch) : std::nullopt);
    r->device = npuDevice(report.device ? report.device->soc : QString(), request.device);
    if (report.device || !report.library.isEmpty()) {
        const QString acl = report.device && !report.device->aclVersion.isEmpty()
            ? QStringLiteral("AscendCL %1").arg(report.device->aclVersion)
            : QStringLiteral("AscendCL");
        r->toolkit = QStringLiteral("%1 (%2) via om-runner %3").arg(acl, report.library, report.version);
    }
    r->outputFiles = report.outputFiles;
    r->warnings += report.warnings;
    if (report.malformedCount > 0)
        r->warnings.append(
            englishText(benchtext::kNotProtocol).arg(report.malformedCount).arg(report.malformed.value(0)));
    fillStatsFromIterations(r);

    if (!report.errors.isEmpty()) {
        const OmRunnerError& e = report.errors.first();
        QString message = QStringLiteral("om-runner: ") + e.message;
        if (!e.call.isEmpty() && e.code && !message.contains(e.call))
            message += QStringLiteral(" (%1 returned %2%3)")
                           .arg(e.call)
                           .arg(*e.code)
                           .arg(e.name.isEmpty() ? QString() : QLatin1Char(' ') + e.name);
        if (!e.aclMessage.isEmpty() && !message.contains(e.aclMessage))
            message += QStringLiteral(" AscendCL says: ") + e.aclMessage;
        fail(r, omRunnerErrorCode(e.kind), message);
        return;
    }
    if (failedByEnding(r, QStringLiteral("om-runner"), end))
        return;
    if (end.result.kind == ToolResult::Kind::NonZeroExit) {
        fail(r, QStringLiteral("run_failed"),
            describe(end.result, QStringLiteral("om-runner")) + tailText(end.lastLines));
        return;
    }
    if (r->iterationsMs.isEmpty()) {
        fail(r, QStringLiteral("run_failed"),
            QStringLiteral("om-runner ended without timing any iteration.") + tailText(end.lastLines));
        return;
    }
    r->ok = true;
}

void finishMsame(BenchResult* r, const BenchRequest& request, const RunnerReport& report, const BenchToolEnd& end)
{
    r->iterationsMs = QVector<double>(report.iterationsMs.begin(), report.iterationsMs.end());
    r->batch = batchOr(request, std::nullopt);
    r->device = npuDevice({}, report.devices.isEmpty() ? request.device : report.devices.first());
    fillStatsFromIterations(r);
    if (request.warmup > 0)
        r->warnings.append(report.meanWithoutFirstMs ? englishText(benchtext::kMsameNoWarmupMean)
                                                           .arg(request.warmup)
                                                           .arg(*report.meanWithoutFirstMs, 0, 'f', 3)
                                                     : englishText(benchtext::kMsameNoWarmup).arg(request.warmup));
    if (request.batch <= 0)
        r->warnings.append(englishText(benchtext::kMsameNoBatch));
    if (failedByEnding(r, QStringLiteral("msame"), end))
        return;
    // msame exits 0 after many failures: its [ERROR] lines decide.
    if (!report.errors.isEmpty()) {
        fail(r, QStringLiteral("run_failed"),
            QStringLiteral("msame failed: ") + report.errors.join(QStringLiteral("; ")));
        return;
    }
    if (end.result.kind == ToolResult::Kind::NonZeroExit) {
        fail(r, QStringLiteral("run_failed"), describe(end.result, QStringLiteral("msame")) + tailText(end.lastLines));
        return;
    }
    if (r->iterationsMs.isEmpty()) {
        fail(r, QStringLiteral("run_failed"),
            QStringLiteral("msame printed no \"Inference time\" line.") + tailText(end.lastLines));
        return;
    }
    if (report.latency.mean && std::abs(*report.latency.mean - r->stats.mean) > 0.01 * *report.latency.mean + 0.001)
        r->warnings.append(
            englishText(benchtext::kMsameAverage).arg(*report.latency.mean, 0, 'f', 3).arg(r->stats.mean, 0, 'f', 3));
    r->ok = true;
}

void finishAisBench(BenchResult* r, const BenchRequest& request, const RunnerReport& report,
    const QList<double>& summaryTimesMs, const BenchToolEnd& end)
{
    const QString tool = QStringLiteral("ais_bench");
    const QList<double>& times = summaryTimesMs.isEmpty() ? report.iterationsMs : summaryTimesMs;
    r->iterationsMs = QVector<double>(times.begin(), times.end());
    r->batch = batchOr(request, report.batchSize);
    r->device = npuDevice({}, report.devices.isEmpty() ? request.device : report.devices.first());
    if (!fillStatsFromIterations(r) && !report.latency.isEmpty()) {
        // Only the printed summary: min, max, mean, median and p99 (numpy), the others unknown.
        const auto orNan = [](std::optional<double> v) { return v.value_or(std::nan("")); };
        r->stats.count = report.finished ? request.loops : 0;
        r->stats.min = orNan(report.latency.min);
        r->stats.max = orNan(report.latency.max);
        r->stats.mean = orNan(report.latency.mean);
        r->stats.median = orNan(report.latency.median);
        r->stats.p99 = orNan(report.latency.p99);
        r->throughput = r->stats.throughput(r->batch).value_or(report.throughput.value_or(std::nan("")));
        r->warnings.append(englishText(benchtext::kAisSummaryOnly));
    }
    if (failedByEnding(r, tool, end))
        return;
    const QString all = end.lastLines.join(QLatin1Char('\n'));
    if (all.contains(QLatin1String("No module named ais_bench"))) {
        fail(r, QStringLiteral("tool_missing"),
            QStringLiteral("%1 has no ais_bench module. Install the aclruntime and ais_bench wheels for this Python "
                           "(github.com/Ascend/tools, ais-bench_workload/tool/ais_bench), or point at an ais_bench or "
                           "msit command with the tool path (atcwb bench --tool PATH).")
                .arg(r->command.value(0)));
        return;
    }
    if (!report.errors.isEmpty() && !report.finished) {
        fail(r, QStringLiteral("run_failed"),
            QStringLiteral("ais_bench failed: ") + report.errors.join(QStringLiteral("; ")));
        return;
    }
    r->warnings += report.errors; // errors on a run that still printed its summary (e.g. one device of several)
    if (end.result.kind == ToolResult::Kind::NonZeroExit) {
        fail(r, QStringLiteral("run_failed"), describe(end.result, tool) + tailText(end.lastLines));
        return;
    }
    if (r->stats.count == 0 && !std::isfinite(r->stats.mean)) {
        fail(r, QStringLiteral("run_failed"),
            QStringLiteral("ais_bench printed no performance summary.") + tailText(end.lastLines));
        return;
    }
    r->ok = true;
}

} // namespace wb
