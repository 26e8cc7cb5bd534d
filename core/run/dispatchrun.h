#pragma once

// A strategy run: one request stream dispatched with several strategies (per-batch, dynamic, max), on the CPU
// (ONNX Runtime sessions per batch: reference/cpudispatch.h) or on an NPU (om-runner --bundle deploy.json), with
// the per-strategy statistics and the recommendation (run/dispatchplan.h). `atcwb bench --strategies` and the Run
// page's strategy chart run it; the result is stored in the run history as a BenchResult whose "extra" holds the
// whole run ("dispatch": dispatchRunToJson), so stored runs can be compared later.
//
// JSON contract (`atcwb bench ... --strategies ... --json`):
//   {"mode": "strategies", "ok", "target": "cpu" | "npu:N", "runner": "onnxruntime" | "om-runner", "model",
//    "batches": [...], "request_mix", "requests_given", "count", "seed", "chunking", "latency_budget_ms",
//    "strategies": {"per-batch": {"latency_ms": {"min","median","mean","p90","p95","p99","max"}, "throughput",
//                   "padding_waste", "requests", "samples", "executed", "padded", "batches": [...]}, ...},
//    "recommendation": {"batches": [...], "strategy", "reason"},
//    "subsets": [{"batches": [...], "throughput", "p99_ms", "median_ms", "mean_ms", "padding_waste",
//                 "within_budget"}, ...]   (best first: within the budget, then by throughput),
//    "subset_search": {"candidates", "measured", "calibrated_only", "unmeasured", "proposed", "calibration_runs",
//                      "simulated_requests", "seed", "error"},
//    "requests": [{"strategy","index","samples","batch","executed","padding","chunks","ms"}]   (--verbose only),
//    "device", "started", "duration_ms", "warnings"}
#include "reference/cpudispatch.h"
#include "run/bench.h"
#include "run/subsetsearch.h"
#include "util/result.h"

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>

#include <atomic>

namespace wb {

struct DispatchRunRequest {
    BenchRequest::Target target = BenchRequest::Target::Cpu;
    int device = 0;
    QString model; // .onnx (cpu)
    QString bundle; // deploy.json (npu)
    QList<qint64> batches; // cpu: the batch sizes
    QList<InputShapeSpec> inputShapes; // cpu
    QString requestMix; // "1:50,4:30,8:20"
    QString requestList; // or "1,3,8,2"
    qint64 count = 100;
    quint64 seed = 1;
    QStringList strategies { QStringLiteral("per-batch") };
    bool chunking = true;
    double latencyBudgetMs = 0;
    // The recommendation over subsets of the batch sizes (run/subsetsearch.h): sizes proposed beside the batches
    // (cpu: measured by calibration; npu: not in the bundle, so reported as not measured), the calibration runs of
    // every batch size (cpu: per session; npu: per static OM, om-runner --calibrate) and the requests simulated per
    // subset.
    QList<qint64> proposed;
    int calibrationRuns = 10;
    qint64 subsetRequests = 10000;
    int warmup = 1;
    int threads = 0;
    QString toolPath; // om-runner; empty: next to the application, then PATH
    QString appDir; // where om-runner is looked for first
    QProcessEnvironment environment;
};

struct DispatchRunResult {
    bool ok = false;
    QString error;
    QString errorCode;
    QString target; // "cpu" / "npu:N"
    QString runner; // "onnxruntime" / "om-runner"
    QString model; // the .onnx or the deploy.json
    QList<qint64> batches;
    QString requestMix;
    QString requestList;
    qint64 count = 0;
    quint64 seed = 1;
    bool chunking = true;
    double latencyBudgetMs = 0;
    std::vector<wb::dispatch::Measured> measured;
    wb::dispatch::Recommendation recommendation;
    QList<qint64> proposed;
    int calibrationRuns = 0;
    wb::dispatch::SubsetSearch subsets; // the simulated subsets of the batch sizes
    QList<DispatchRecord> records;
    QString device;
    QStringList warnings;
    QDateTime started;
    qint64 durationMs = 0;
};

// Checks the request (strategies known, a mix or list that parses, batches >= 1, a model or a bundle) and draws the
// request stream. Errors: bad_request (one sentence naming what is wrong).
Result<std::vector<std::uint64_t>> dispatchRequests(const DispatchRunRequest& request);

// Runs to the end on the calling thread (use a worker in the GUI); `cancel` is checked between requests (CPU) and
// every 100 ms (om-runner, which then gets SIGTERM). Never throws; a failure is a result with ok false.
DispatchRunResult runDispatch(const DispatchRunRequest& request, const std::atomic_bool* cancel = nullptr);

// The latency samples per batch size the subset search uses: the requests of the per-batch and max strategies that
// ran as one step (one execution of that batch), and the calibration runs.
std::vector<wb::dispatch::BatchSamples> dispatchBatchSamples(
    const QList<DispatchRecord>& records, const std::vector<wb::dispatch::BatchSamples>& calibration);

// The recommendation again for another budget (the Strategies tab's budget field), from the run's subsets and
// strategies: nothing runs again.
void redecideDispatch(DispatchRunResult& run, double latencyBudgetMs);

// The run's subsets best first (indices into run.subsets.subsets): within the budget, then by throughput, then
// fewer OMs: the order of the JSON's "subsets" and of the Strategies tab's table.
QList<int> dispatchSubsetOrder(const DispatchRunResult& run);
bool dispatchSubsetWithinBudget(const DispatchRunResult& run, const wb::dispatch::SubsetFigures& subset);

QJsonObject dispatchRunToJson(const DispatchRunResult& result, bool withRequests);
// Inverse of dispatchRunToJson (records only when present). Errors: bad_run_file.
Result<DispatchRunResult> dispatchRunFromJson(const QJsonObject& object);

// The run as a history entry: runner and target, the recommended strategy's latencies as the iterations, its
// statistics and throughput; store it with RunHistory::save(result, {{"dispatch", dispatchRunToJson(run, true)}}).
BenchResult dispatchRunToBenchResult(const DispatchRunResult& run);

// "per-batch 1,4,8: p99 2.310 ms, 812.4 samples/s, padding 8.8%" lines and the recommendation, for people.
QString dispatchRunToText(const DispatchRunResult& run);

} // namespace wb
