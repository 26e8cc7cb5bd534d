#pragma once

// A benchmark run: what to run (BenchRequest), what came out (BenchResult), their names, checks and JSON form, and
// BenchRun, which runs a request. RunHistory (runhistory.h) stores results; benchtools.h has the NPU tools' command
// lines and output handling as values.
#include "onnx/shapespec.h"
#include "run/latencystats.h"
#include "util/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <optional>

namespace wb {

struct RemoteTarget;
struct OpProfile; // profile/opprofile.h

struct BenchRequest {
    QString model; // .onnx (target cpu) or .om (target npu)
    enum class Target { Cpu, Npu } target = Target::Cpu;
    int device = 0; // NPU id
    // Auto: cpu -> ONNX Runtime, npu -> om-runner
    enum class Runner { Auto, OnnxRuntime, OmRunner, AisBench, Msame } runner = Runner::Auto;
    int loops = 100; // timed iterations (msame: 1..100)
    int warmup = 5; // untimed iterations before them (msame has none: a warning)
    QList<InputShapeSpec> inputShapes; // ONNX Runtime: static shapes for dynamic inputs (others default to 1)
    QString inputData = QStringLiteral("zeros"); // zeros | random | comma-separated files (.pb for ORT, .bin)
    int batch = 0; // 0: from the model/shape; used for throughput (and om-runner's --batch gear)
    QString toolPath; // explicit om-runner / ais_bench (or msit, or a python) / msame; else found (see benchtools.h)
    QString outputDir; // where outputs are saved (ORT .pb, om-runner/msame/ais_bench .bin); empty: none
    int timeoutSec = 0; // 0: none
    // > 0: time iterations for this many seconds (from the first timed one) instead of a loop count; loops is then
    // the most it runs (kBudgetLoops when the caller gave none). The run ends ok with what it timed.
    double timeBudgetSec = 0;
    static constexpr int kBudgetLoops = 1000000;
    int threads = 0; // ONNX Runtime intra-op threads; 0: its default (one per physical core)
    QProcessEnvironment environment; // for the tools (e.g. a toolkit's set_env.sh); empty: the app's own
    // Set: the NPU tool runs on that host (core/remote/remotetool.h) and toolPath is its path there (the probe's).
    std::shared_ptr<const RemoteTarget> remote;
    bool profileOps = false; // om-runner --profile: per-op NPU durations (BenchResult::opProfile)
    QString msprof; // run the NPU runner under this msprof and import its op_summary (BenchResult::opProfile)
    QString msprofOutputDir; // where msprof writes PROF_*; empty: a temporary folder (removed after the import)
};

struct BenchResult {
    bool ok = false;
    QString error; // a clear sentence when !ok (tool missing: how to install it / point at it)
    QString errorCode; // stable code: tool_missing, bad_request, not_found, cancelled, timed_out, run_failed, ...
    QString runner; // "onnxruntime" | "om-runner" | "ais-bench" | "msame"
    QString target; // "cpu" | "npu:0"
    QString model; // absolute path
    int batch = 1;
    int loops = 0; // requested
    int warmup = 0; // requested
    QVector<double> iterationsMs; // per timed iteration, when the runner gives them (partial when cancelled)
    // Over iterationsMs when there are any; otherwise the runner's printed summary (ais_bench without its
    // summary file): then a figure it did not print is NaN (JSON null) and count is the requested loops.
    LatencyStats stats;
    double throughput = 0; // batch * 1000 / mean ms (or the runner's own figure when it gives only that)
    QDateTime started;
    qint64 durationMs = 0; // wall time of the whole run (session / process included)
    QString device; // "CPU (ONNX Runtime 1.29.0, 2 threads)" / "Ascend310P3 #0"
    QString toolkit; // "ONNX Runtime 1.29.0 (/path/libonnxruntime.so.1)", "AscendCL 1.10.0 (/path/...so)", tool path
    QString host; // "hostname: CPU model (N logical CPUs)"
    QStringList command; // argv of the tool that ran (empty for ONNX Runtime)
    QJsonObject recipe; // the request (benchRecipe()), so a stored run says how it was made
    QStringList outputFiles; // saved outputs
    QStringList warnings;
    std::shared_ptr<const OpProfile> opProfile; // with profileOps (om-runner) or msprof; else null
    QString profileSource; // "om-runner --profile" or the PROF_* folder msprof wrote
};

// "auto", "onnxruntime", "om-runner", "ais-bench", "msame".
QString benchRunnerName(BenchRequest::Runner runner);
// Inverse of benchRunnerName; also accepts "ort", "ais_bench", "om_runner". nullopt for anything else.
std::optional<BenchRequest::Runner> benchRunnerFromName(const QString& name);
// "cpu" or "npu:N".
QString benchTargetName(BenchRequest::Target target, int device);
// "cpu", "npu" (device 0) or "npu:N" into *target / *device; false for anything else.
bool parseBenchTarget(const QString& text, BenchRequest::Target* target, int* device);
// The target a model file suggests: Npu for *.om, Cpu otherwise.
BenchRequest::Target defaultTargetFor(const QString& model);
// Auto resolved: cpu -> OnnxRuntime, npu -> OmRunner.
BenchRequest::Runner effectiveRunner(const BenchRequest& request);

// Checks a request before anything runs: counts in range, model present, target and runner agree, input data
// usable by the runner. Error codes: not_found (model or input file missing), bad_request (everything else).
std::optional<Error> validateBenchRequest(const BenchRequest& request);

// The request as JSON (runner, target, model, loops, warmup, input_shape in ATC syntax, input_data, batch,
// threads, tool_path, output_dir, timeout_s).
QJsonObject benchRecipe(const BenchRequest& request);

// The result as JSON: the `atcwb bench --json` contract (runner, target, model, batch, iterations, latency_ms
// {min,max,mean,median,p90,p95,p99,stddev}, throughput, iterations_ms, device, warnings) plus ok, error,
// error_code, started (ISO 8601 with offset), duration_ms, loops, warmup, toolkit, host, command, recipe,
// output_files. NaN figures are null.
QJsonObject benchResultToJson(const BenchResult& result);
// Inverse of benchResultToJson. Errors: bad_run_file (not a run object / fields of the wrong type).
Result<BenchResult> benchResultFromJson(const QJsonObject& object);

// A few lines for people: what ran, latency figures, throughput, warnings (the text form of `atcwb bench`).
QString benchResultToText(const BenchResult& result);

// "hostname: CPU model (N logical CPUs)" of this machine (CPU model from /proc/cpuinfo when readable).
QString benchHostDescription();

struct ToolResult;

// Runs one BenchRequest without blocking its thread (normally the GUI thread):
// - ONNX Runtime: runOnCpu() on a worker thread (QtConcurrent); its progress callback is marshalled back to this
//   object's thread (queued); cancel() and the timeout set its cancel flag (checked between iterations). The
//   timeout also ends the run at once (ONNX Runtime cannot be interrupted mid-iteration); a worker that fails or
//   throws always ends the run with an error.
//   Dynamic input dims the request leaves open are run as 1, with a warning.
// - om-runner, ais_bench, msame: through a ToolRunner (own process group; SIGTERM, then SIGKILL after the grace
//   period, on cancel and timeout), their output parsed live (OmRunnerParser, MsameParser, AisBenchParser).
// Every accepted start() emits started(), then iteration() for each timed iteration as it completes (om-runner,
// msame and ONNX Runtime live; ais_bench prints them only into its summary file, so they come just before the
// end), then exactly one finished(); all from the event loop, never from inside start(). Destroying a running
// BenchRun stops it (waits for the CPU worker to see its cancel flag, SIGKILLs the tool) and emits nothing.
class BenchRun : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BenchRun)
public:
    explicit BenchRun(QObject* parent = nullptr);
    ~BenchRun() override;

    // False (nothing emitted) while a run is going. Otherwise started() and finished() follow, also when the
    // request is invalid or the tool is missing (finished() then carries the error).
    bool start(const BenchRequest& request);
    // Asynchronous; finished() follows with error code "cancelled" and the iterations done so far.
    void cancel();
    bool isRunning() const;
    const BenchRequest& request() const;

    // Where om-runner is looked for first (default: QCoreApplication::applicationDirPath()).
    void setApplicationDir(const QString& dir);

signals:
    void started(const QString& description);
    void iteration(int index, double ms);
    // An untimed warm-up iteration done (ONNX Runtime and om-runner report them), so progress shows from the start.
    void warmup(int index, double ms);
    // Before the tool starts on a host: what is being done ("Uploading model.om (12.3 MiB) to board"), in the UI's
    // language. Not part of the result.
    void progress(const QString& message);
    void finished(const wb::BenchResult& result);

private:
    struct Private;
    struct CpuOutcome;

    void launch(quint64 id);
    void launchCpu(quint64 id);
    void launchTool(BenchRequest::Runner runner);
    void onCpuProgress(quint64 id, int index, double ms);
    void onCpuFinished(quint64 id, const std::shared_ptr<const CpuOutcome>& outcome);
    void onCpuTimeout(); // ends the run at once with timed_out
    void onTimedIteration(); // starts the time budget's clock at the first timed iteration
    void onBudgetReached();
    void onToolLines(bool stdOut, const QStringList& lines);
    void onToolFinished(const ToolResult& result);
    void complete(BenchResult result);
    QString description(BenchRequest::Runner runner) const;

    std::unique_ptr<Private> d;
};

} // namespace wb

Q_DECLARE_METATYPE(wb::BenchResult)
