// atcwb bench MODEL_OR_OM [--target cpu|npu:N] [--runner ...] [--loops N] [--warmup N] [--input-shape SPEC] [--json]:
// time a model on the CPU (ONNX Runtime) or an OM on an NPU (om-runner, ais_bench, msame) and store the run.
#include "run/bench.h"
#include "benchstrategies.h"
#include "commands.h"
#include "onnx/summaryjson.h"
#include "profile/msprofrun.h"
#include "profile/opprofile.h"
#include "profile/profilejson.h"
#include "profile/profiletext.h"
#include "remote/omrunnerhost.h"
#include "remotecli.h"
#include "run/runhistory.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>

namespace wb::cli {

namespace {

const char* const kSynopsis
    = "bench MODEL_OR_OM [--target cpu|npu:N] [--runner om-runner|ais-bench|msame] [--loops N] "
      "[--warmup N] [--time-budget SEC] [--input-shape SPEC] [--on HOST] [--profile|--msprof] [--json]";

struct Options {
    QCommandLineOption target { QStringLiteral("target"),
        QStringLiteral("cpu, or npu:N (default: cpu for .onnx, npu:0 for .om)."), QStringLiteral("TARGET") };
    QCommandLineOption runner { QStringLiteral("runner"),
        QStringLiteral("onnxruntime (cpu), om-runner, ais-bench or msame (default: onnxruntime on the CPU, om-runner "
                       "on an NPU)."),
        QStringLiteral("RUNNER") };
    // The defaults are BenchRequest's, the Run page's too.
    QCommandLineOption loops { QStringLiteral("loops"),
        QStringLiteral("Timed iterations (default %1; with --time-budget, the most it runs).")
            .arg(BenchRequest().loops),
        QStringLiteral("N"), QString::number(BenchRequest().loops) };
    QCommandLineOption warmup { QStringLiteral("warmup"),
        QStringLiteral("Untimed iterations first (default %1).").arg(BenchRequest().warmup), QStringLiteral("N"),
        QString::number(BenchRequest().warmup) };
    QCommandLineOption timeBudget { QStringLiteral("time-budget"),
        QStringLiteral("Time iterations for SEC seconds instead of a loop count (after the warm-up)."),
        QStringLiteral("SEC"), QStringLiteral("0") };
    QCommandLineOption inputShape { QStringLiteral("input-shape"),
        QStringLiteral("Static shapes for dynamic ONNX inputs (ATC syntax; open dims default to 1)."),
        QStringLiteral("SPEC") };
    QCommandLineOption input { QStringLiteral("input"),
        QStringLiteral("zeros (default), random, or comma-separated files (.pb for ONNX Runtime, .bin for the NPU)."),
        QStringLiteral("DATA"), QStringLiteral("zeros") };
    QCommandLineOption batch { QStringLiteral("batch"),
        QStringLiteral("Batch for the throughput (and om-runner's dynamic-batch gear); default: from the model."),
        QStringLiteral("N"), QStringLiteral("0") };
    QCommandLineOption threads { QStringLiteral("threads"),
        QStringLiteral("ONNX Runtime intra-op threads (default: its own choice)."), QStringLiteral("N"),
        QStringLiteral("0") };
    QCommandLineOption tool { QStringLiteral("tool"),
        QStringLiteral("The om-runner, ais_bench (or msit, or python3) or msame to run."), QStringLiteral("PATH") };
    QCommandLineOption outputDir { QStringLiteral("output-dir"), QStringLiteral("Save the outputs in DIR."),
        QStringLiteral("DIR") };
    QCommandLineOption timeout { QStringLiteral("timeout"), QStringLiteral("Stop the run after SEC seconds."),
        QStringLiteral("SEC"), QStringLiteral("0") };
    QCommandLineOption on { QStringLiteral("on"),
        QStringLiteral("Run the .om on this host's NPU (atcwb hosts add): uploaded, run there, outputs fetched."),
        QStringLiteral("HOST") };
    QCommandLineOption profile { QStringLiteral("profile"),
        QStringLiteral("Per-op NPU times of the timed loop (om-runner's AscendCL model subscription).") };
    QCommandLineOption msprof { QStringLiteral("msprof"),
        QStringLiteral(
            "Run the NPU runner under msprof (found on PATH or in the toolkit) and import its op_summary.") };
    QCommandLineOption msprofPath { QStringLiteral("msprof-path"),
        QStringLiteral("The msprof to use (implies --msprof)."), QStringLiteral("FILE") };
    QCommandLineOption msprofOutput { QStringLiteral("msprof-output"),
        QStringLiteral("Keep msprof's PROF_* folder in DIR (default: a temporary folder)."), QStringLiteral("DIR") };
    QCommandLineOption noSave { QStringLiteral("no-save"), QStringLiteral("Do not store the run in the history.") };
    QCommandLineOption history { QStringLiteral("history"),
        QStringLiteral("Run history folder (default: $WB_RUN_HISTORY, else the app's)."), QStringLiteral("DIR") };
    QCommandLineOption json { QStringLiteral("json"),
        QStringLiteral("Print one JSON object (the documented contract).") };
    QCommandLineOption help { { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help.") };
};

// A whole non-negative number, else nullopt.
std::optional<int> count(const QString& text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value >= 0 ? std::optional<int>(value) : std::nullopt;
}

BenchResult runToEnd(const BenchRequest& request)
{
    BenchRun run;
    BenchResult result;
    QEventLoop loop;
    QObject::connect(&run, &BenchRun::finished, &loop, [&](const BenchResult& r) {
        result = r;
        loop.quit();
    });
    if (!run.start(request))
        return result;
    loop.exec();
    return result;
}

// The runner of a bench on a host when no --tool names one (README "om-runner on a host"): om-runner shipped,
// on the host's PATH or built there (OmRunnerOnHost), else the host's ais_bench / msit or msame with the reason.
// Fills request->toolPath (and request->runner when it falls back), *source ("shipped", "built-on-host",
// "host-path") and *notes (warnings for the result). Errors: tool_missing, no_om_runner.
std::optional<Error> chooseRemoteRunner(
    BenchRequest* request, const ProbedHost& probed, QString* source, QStringList* notes)
{
    const ProbeFacts& facts = probed.report.facts;
    const QString host = probed.target.host.name;
    if (!needsOmRunnerOnHost(*request))
        return applyRemoteRunnerChoice(request, facts, host, nullptr, source, notes);
    OmRunnerOnHost prepare(
        probed.target, facts, QCoreApplication::applicationDirPath(), QCoreApplication::applicationVersion());
    QObject::connect(&prepare, &OmRunnerOnHost::progress,
        [](const QString& message) { printText(QStringLiteral("atcwb: %1\n").arg(message), stderr); });
    QEventLoop loop;
    QObject::connect(&prepare, &OmRunnerOnHost::finished, &loop, &QEventLoop::quit);
    prepare.start();
    loop.exec();
    const std::optional<Error> error = applyRemoteRunnerChoice(request, facts, host, &prepare.result(), source, notes);
    if (!error && effectiveRunner(*request) != BenchRequest::Runner::OmRunner && !notes->isEmpty())
        printText(QStringLiteral("atcwb: %1\n").arg(notes->last()), stderr); // the fallback and its reason
    return error;
}

bool worthStoring(const BenchResult& r)
{
    static const QStringList beforeRunning { QStringLiteral("bad_request"), QStringLiteral("not_found"),
        QStringLiteral("tool_missing") };
    return r.ok || !beforeRunning.contains(r.errorCode);
}

} // namespace

int runBench(const QStringList& args)
{
    if (wantsStrategies(args))
        return runBenchStrategies(args);
    const Options o;
    QCommandLineParser parser;
    parser.addOptions({ o.target, o.runner, o.loops, o.warmup, o.timeBudget, o.inputShape, o.input, o.batch, o.threads,
        o.tool, o.outputDir, o.timeout, o.on, o.profile, o.msprof, o.msprofPath, o.msprofOutput, o.noSave, o.history,
        o.json, o.help });
    parser.addPositionalArgument(QStringLiteral("MODEL_OR_OM"), QStringLiteral("An .onnx model or an .om."));
    const bool json = args.contains(QStringLiteral("--json"));
    const QString name = QStringLiteral("bench");
    if (!parser.parse(QStringList { QStringLiteral("atcwb bench") } + args))
        return usageError(name, parser.errorText(), json);
    if (parser.isSet(o.help)) {
        printText(QStringLiteral("Usage: atcwb %1\n\n").arg(QLatin1String(kSynopsis))
            + parser.helpText().section(QLatin1Char('\n'), 2));
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(name,
            positional.isEmpty() ? QStringLiteral("missing MODEL_OR_OM")
                                 : QStringLiteral("expected one MODEL_OR_OM, got %1").arg(positional.size()),
            json);

    BenchRequest request;
    request.model = positional.first();
    request.target = defaultTargetFor(request.model);
    if (parser.isSet(o.target) && !parseBenchTarget(parser.value(o.target), &request.target, &request.device))
        return usageError(name,
            QStringLiteral("--target must be cpu or npu:N (N 0 to 255), not '%1'").arg(parser.value(o.target)), json);
    if (parser.isSet(o.runner)) {
        const auto runner = benchRunnerFromName(parser.value(o.runner));
        if (!runner)
            return usageError(name,
                QStringLiteral("--runner must be onnxruntime, om-runner, ais-bench or msame, not '%1'")
                    .arg(parser.value(o.runner)),
                json);
        request.runner = *runner;
        // A runner for the NPU implies the NPU when no target was given.
        if (!parser.isSet(o.target) && *runner != BenchRequest::Runner::OnnxRuntime
            && *runner != BenchRequest::Runner::Auto)
            request.target = BenchRequest::Target::Npu;
    }
    const std::pair<const QCommandLineOption*, int*> numbers[]
        = { { &o.loops, &request.loops }, { &o.warmup, &request.warmup }, { &o.batch, &request.batch },
              { &o.threads, &request.threads }, { &o.timeout, &request.timeoutSec } };
    for (const auto& [option, field] : numbers) {
        const auto value = count(parser.value(*option));
        if (!value)
            return usageError(name,
                QStringLiteral("--%1 needs a whole number >= 0, not '%2'")
                    .arg(option->names().first(), parser.value(*option)),
                json);
        *field = *value;
    }
    if (parser.isSet(o.timeBudget)) {
        bool ok = false;
        request.timeBudgetSec = parser.value(o.timeBudget).toDouble(&ok);
        if (!ok || request.timeBudgetSec < 0)
            return usageError(name,
                QStringLiteral("--time-budget needs a number of seconds >= 0, not '%1'")
                    .arg(parser.value(o.timeBudget)),
                json);
        if (request.timeBudgetSec > 0 && !parser.isSet(o.loops))
            request.loops = BenchRequest::kBudgetLoops;
    }
    if (parser.isSet(o.inputShape)) {
        const auto shapes = parseInputShapeSpec(parser.value(o.inputShape));
        if (!shapes.ok())
            return usageError(name, shapes.error().message, json);
        request.inputShapes = shapes.value();
    }
    request.inputData = parser.value(o.input);
    request.toolPath = parser.value(o.tool);
    request.outputDir = parser.value(o.outputDir);
    request.profileOps = parser.isSet(o.profile);
    if (parser.isSet(o.msprof) || parser.isSet(o.msprofPath)) {
        if (request.profileOps)
            return usageError(
                name, QStringLiteral("--profile and --msprof are two ways to profile operators: choose one"), json);
        request.msprof = findMsprof(parser.value(o.msprofPath), request.environment);
        if (request.msprof.isEmpty())
            return inputError({ QStringLiteral("tool_missing"),
                                  parser.isSet(o.msprofPath)
                                      ? QStringLiteral("%1 is not an executable msprof").arg(parser.value(o.msprofPath))
                                      : QStringLiteral("msprof was not found on PATH or in the toolkit "
                                                       "($ASCEND_TOOLKIT_HOME/tools/profiler/bin): source the CANN "
                                                       "toolkit's set_env.sh, or give --msprof-path FILE"),
                                  {} },
                json);
        request.msprofOutputDir = parser.value(o.msprofOutput);
    }
    if (auto error = validateBenchRequest(request)) {
        if (error->code == QLatin1String("bad_request"))
            return usageError(name, error->message, json);
        return inputError(*error, json);
    }
    const QString host = parser.value(o.on);
    QString runnerSource; // with --on: "shipped", "built-on-host" or "host-path" (docs/cli.md)
    QStringList remoteNotes;
    if (!host.isEmpty()) {
        if (request.target != BenchRequest::Target::Npu)
            return usageError(name, QStringLiteral("--on runs an .om on the host's NPU (target npu:N)"), json);
        const Result<ProbedHost> probed = probeHostNamed(host);
        if (!probed.ok())
            return inputError(probed.error(), json);
        runnerSource = QStringLiteral("host-path"); // --tool: a path on the host
        if (request.toolPath.isEmpty()) {
            if (auto error = chooseRemoteRunner(&request, probed.value(), &runnerSource, &remoteNotes))
                return inputError(*error, json);
            if (auto error = validateBenchRequest(request)) // the fallback runner may want other inputs
                return inputError(*error, json);
        }
        request.remote = std::make_shared<RemoteTarget>(probed.value().target);
    }

    BenchResult result = runToEnd(request);
    result.warnings = remoteNotes + result.warnings;
    QJsonValue saved(QJsonValue::Null);
    if (!parser.isSet(o.noSave) && worthStoring(result)) {
        RunHistory history(parser.value(o.history));
        const Result<QString> path = history.save(result);
        if (path.ok())
            saved = path.value();
        else
            result.warnings.append(QStringLiteral("The run was not stored: %1").arg(path.error().message));
    }
    if (!result.ok)
        return inputError({ result.errorCode, result.error, {} }, json);
    if (json) {
        QJsonObject out = benchResultToJson(result);
        out.insert(QStringLiteral("history_file"), saved);
        if (!host.isEmpty()) {
            out.insert(QStringLiteral("remote_host"), host);
            out.insert(QStringLiteral("runner_source"), runnerSource);
        }
        if (request.profileOps || !request.msprof.isEmpty()) // the `atcwb profile --json` contract
            out.insert(QStringLiteral("op_profile"),
                result.opProfile ? QJsonValue(profileToJson(*result.opProfile)) : QJsonValue(QJsonValue::Null));
        printJson(out);
    } else {
        QString text = benchResultToText(result);
        if (!host.isEmpty())
            text += QStringLiteral("On host:    %1 (runner: %2)\n").arg(host, runnerSource);
        if (saved.isString())
            text += QStringLiteral("Stored:     %1\n").arg(saved.toString());
        if (result.opProfile)
            text += QStringLiteral("\nOperators (om-runner --profile):\n")
                + profileToText(*result.opProfile, nullptr, nullptr, 15);
        printText(text);
    }
    return Ok;
}

namespace {
const bool benchRegistered = registerCommand({ "bench", kSynopsis,
    "Time a model: an .onnx on the CPU with ONNX Runtime, or an .om on an Ascend NPU with om-runner,\n"
    "ais_bench or msame. Prints latency statistics, throughput and every iteration (iterations_ms);\n"
    "stores the run in the run history unless --no-save. More: --input, --batch, --threads, --tool,\n"
    "--output-dir, --timeout, --history DIR. Strategies (per-batch, dynamic, max) for a request mix:\n"
    "--bundle deploy.json or MODEL.onnx --target cpu --batches 1,4,8, with --request-mix and --strategies.",
    &runBench, 50 });
} // namespace

} // namespace wb::cli
