#pragma once

// Conversion jobs: run ATC for one set of options, or one job per batch size, through a queue with bounded
// parallelism. Each job runs in a staging folder beside its output and the OM moves into place only on success,
// with its recipe (<om>.recipe.json) and full log (<om>.atc.log) beside it. See README.md.
#include "atc/atcoptions.h"
#include "atc/invocation.h"
#include "atc/toolkit.h"
#include "onnx/onnxmodel.h"
#include "parsing/atclog.h"
#include "process/toolresult.h"
#include "util/result.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace wb {

struct RemoteTarget;

struct ConversionRequest {
    AtcOptions options; // the form's options: model, soc, input_shape, output (dir/name without .om) ...
    AtcToolkit toolkit; // where atc is and the environment to run it with
    QList<qint64> batches; // empty: one job with options as given; else one job per batch size
    bool dynamicBatch = false; // with batches: one OM with --dynamic_batch_size instead of one per size
    int parallelism = 1; // jobs running at once (values below 1 count as 1)
    int timeoutSec = 0; // 0: none
    bool force = false; // rebuild even when the recipe beside the OM is unchanged
    OnnxModelPtr model; // optional: the loaded model, for the batch rule; loaded from options.model when null
    // Set: ATC runs on that host (core/remote/remoteatc.h); toolkit then describes the host's toolkit (probe).
    std::shared_ptr<const RemoteTarget> remote;
};

struct ConversionOutcome {
    QString omPath; // final path (moved into place on success)
    QString recipePath; // <om>.recipe.json (written on success only)
    QString logPath; // full ATC log of this job: <om>.atc.log, or <name>.failed.atc.log on failure
    qint64 batch = -1; // -1: not a batch variant
    bool ok = false; // the OM is in place (also when skipped as unchanged)
    bool skippedUnchanged = false;
    QString verdict; // "success" | "failed" | "incomplete" (from AtcLogParser)
    QString failure; // classified failure sentence; empty when ok
    ToolResult result;
    QList<AtcEvent> events; // parsed errors and warnings (not the status sentences)
    qint64 durationMs = 0;
};

// One planned job: the options it runs with (output = the final path without .om) and the command the preview
// shows (buildInvocation of those options; the run itself swaps the output for the staging folder).
struct ConversionJob {
    AtcOptions options;
    AtcInvocation invocation;
    QString name; // output file name without .om
    QString omPath; // <output folder>/<name>.om
    qint64 batch = -1;
};

// Plans the jobs of a request without running anything. Batch rule (README.md): when the model
// declares a dynamic first dim on any input, exactly those inputs are batched; otherwise every input whose first
// dim (in --input_shape, else in the model) equals the first input's. Batched inputs the spec does not list are
// added when their other dims are static. Variants are named <name>_b<N>, the dynamic-batch OM <name>_dyn, where
// <name> is the file name of options.output (default <model>_<soc> in the model's folder).
// Errors (code bad_request): batch sizes below 1, an unparsable --input_shape, no input with a batch dim, batch
// variants together with another dynamic-shape flag.
Result<QList<ConversionJob>> planConversionJobs(const ConversionRequest& request);
// The same as invocations (empty when planning fails) — used by tests and the preview.
QList<AtcInvocation> planConversion(const ConversionRequest& request, QStringList* omPaths = nullptr);

// The classified failure sentence of a finished ATC run (empty when it succeeded): FailedToStart, OOM kill,
// crash, timeout, cancel, else the first error event (code and message; its hint stays in the event for the caller
// to word), else the exit code. `omProblem` says what is wrong with the OM when ATC exited 0 (missing, not an OM).
QString classifyFailure(const ToolResult& result, const QList<AtcEvent>& events, const QString& omProblem = {});

class ConversionJobRun;

// Runs the planned jobs: at most `parallelism` at once, the rest queued. Lives on a thread with an event loop (the
// GUI thread) and is used only from it. Each job ends with exactly one jobFinished; finished() follows the last.
// Jobs whose recipe is unchanged finish without jobStarted (skippedUnchanged). A job that ends Cancelled (by
// cancel(), shutdown() or RunningTools::shutdownAll) drops the queued ones as well.
class ConversionQueue : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversionQueue)
public:
    explicit ConversionQueue(QObject* parent = nullptr);
    ~ConversionQueue() override;

    // Plans the jobs (one per batch or one), validates nothing itself (the caller ran checkConversion), starts
    // them. jobQueued is emitted for every job before this returns; the model's sha256 is computed on a worker
    // thread before the first job starts. A request that cannot be planned becomes one failed job. Ignored (with
    // a warning in the log) while a run is in progress.
    void start(const ConversionRequest& request);
    void cancel(); // cancels running jobs (process group, after their grace period) and drops queued ones
    // Synchronous, for quitting: drops queued jobs, stops the running ones (SIGTERM, up to waitMs, SIGKILL) and
    // returns once they are gone; every jobFinished and finished() have been emitted by then.
    bool shutdown(int waitMs);
    bool isRunning() const { return m_running; }
    int jobCount() const { return int(m_jobs.size()); }
    QList<ConversionOutcome> outcomes() const;
    QList<ConversionJob> jobs() const;

signals:
    void jobQueued(int job, const QString& omPath, qint64 batch);
    void jobStarted(int job, const QString& commandLine); // the command as run (its --output in the staging folder)
    void lineReceived(int job, const QString& line); // every ATC line, as it arrives
    // On a host, before ATC starts: "Uploading model.onnx (97.4 MiB) to board", in the UI's language.
    void jobProgress(int job, const QString& message);
    void eventParsed(int job, const wb::AtcEvent& event); // parsed errors/warnings/info with ops and hint
    void stageChanged(int job, const QString& stage); // atcStageName()
    void jobFinished(int job, const wb::ConversionOutcome& outcome);
    void finished(bool allOk);

private:
    enum class State { Queued, Running, Done };
    struct Slot {
        ConversionJob job;
        ConversionOutcome outcome;
        State state = State::Queued;
        ConversionJobRun* run = nullptr;
    };

    void onModelHashed(quint64 generation, const QString& sha256);
    void schedule();
    void jobDone(int index, const ConversionOutcome& outcome);
    void dropQueued();
    void finishIfDone();

    QList<Slot> m_jobs;
    ConversionRequest m_request;
    QString m_modelSha256;
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_hashing = false;
    bool m_cancelled = false;
    bool m_scheduling = false;
};

} // namespace wb

Q_DECLARE_METATYPE(wb::ConversionOutcome)
