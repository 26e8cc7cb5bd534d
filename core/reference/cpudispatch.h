#pragma once

// The bundle strategies on the CPU through ONNX Runtime, so the whole dispatch feature works (and is tested) on a
// machine without an NPU. From one ONNX model:
// - per-batch: one static-batch session per batch size, each made from the model with the batch dim fixed
//   (fix-shapes: writeStaticCopy) - the CPU stand-in for one OM per batch;
// - max: only the session of the largest batch;
// - dynamic: one session of the model with its batch dim left dynamic, run at the smallest batch ("gear") >= n.
// Requests go through the same pure dispatch as om_dispatch (run/dispatchplan.h): smallest batch >= n, zero
// padding, chunks for n above the largest batch. Inputs are random (seeded) and bound once per session and batch,
// so a request's latency is the time of its session runs (the host copy om_dispatch does is not modelled).
#include "cpurunner.h"
#include "run/dispatchplan.h"
#include "run/subsetsearch.h"

#include <QList>
#include <QString>

#include <vector>

namespace wb {

struct CpuDispatchOptions {
    QString modelPath;
    // Shapes of inputs whose non-batch dims are dynamic (ATC --input_shape syntax; the batch dim there is ignored).
    QList<InputShapeSpec> inputShapes;
    QList<qint64> batches; // the batch sizes to build sessions for (per-batch, max) and the gears (dynamic)
    std::vector<wb::dispatch::Strategy> strategies;
    std::vector<std::uint64_t> requests;
    bool chunking = true;
    int warmup = 1; // untimed runs of every session (and gear) before the requests
    int intraOpThreads = 0;
    quint64 seed = 1; // random inputs
    double latencyBudgetMs = 0; // for the recommendation; 0: none
    // Calibration for the recommendation over subsets of the batch sizes (run/subsetsearch.h): every batch size of
    // `batches` and `proposed` (sizes only proposed: a static session just for this) runs `calibrationRuns` timed
    // times after the strategies (after `warmup` untimed runs). 0: no calibration.
    QList<qint64> proposed;
    int calibrationRuns = 0;
    QString workDir; // where the static copies go; empty: a temporary folder removed afterwards
    OrtLoadOptions runtime;
};

struct DispatchRecord {
    wb::dispatch::Strategy strategy = wb::dispatch::Strategy::PerBatch;
    int index = 0;
    qint64 samples = 0;
    qint64 batch = 0; // of the first step
    qint64 executed = 0;
    qint64 padding = 0;
    int chunks = 0;
    double ms = 0;
};

struct CpuDispatchResult {
    OrtRuntimeInfo runtime;
    std::vector<wb::dispatch::Measured> measured; // in the order of options.strategies
    wb::dispatch::Recommendation recommendation; // among the strategies (dispatchrun adds the subset search)
    QList<DispatchRecord> records;
    std::vector<wb::dispatch::BatchSamples> calibration; // per batch size, ascending (calibrationRuns > 0)
    QStringList warnings;
    double sessionMs = 0; // creating every session
};

// Errors: those of loadOnnxRuntime, bad_options (no batches, requests or strategies; a batch below 1; a request
// larger than every batch with chunking off: too_large), not_found, the fix-shapes errors (unknown_input,
// rank_mismatch, not_static, write_failed), ort_session_failed, ort_run_failed, cancelled, internal.
Result<CpuDispatchResult> runDispatchOnCpu(const CpuDispatchOptions& options, const CpuRunControl& control = {});

} // namespace wb
