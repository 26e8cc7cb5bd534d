#pragma once

#include "onnx/shapespec.h"
#include "ortruntime.h"
#include "tensordata.h"

#include <atomic>
#include <functional>

namespace wb {

// One CPU reference run of an ONNX model with ONNX Runtime: fixed shapes, timed iterations, outputs kept and
// optionally saved as TensorProto .pb files (libonnx-testdata layout) for a later accuracy comparison.
struct CpuRunOptions {
    QString modelPath;
    // Static shapes (ATC --input_shape syntax, parsed by parseInputShapeSpec). Required for every input with a
    // dynamic dim; optional otherwise (then it must match the model).
    QList<InputShapeSpec> inputShapes;
    InputFill fill = InputFill::Random;
    quint64 seed = 1; // InputFill::Random; input i uses a seed derived from (seed, i)
    // InputFill::Files: TensorProto files (dataSetInputFiles() lists a test_data_set folder). A file whose
    // tensor name is a model input feeds that input; otherwise file N feeds input N.
    QStringList inputFiles;
    int warmup = 1; // untimed-for-statistics runs before the measured ones (their times are still reported)
    int iterations = 10; // measured runs, >= 1
    int intraOpThreads = 0; // ONNX Runtime intra-op threads; 0: its default (one per physical core)
    // When set, this folder receives input_N.pb and output_N.pb (a test_data_set_0 folder). Older input_*.pb /
    // output_*.pb files in it are removed first so the set stays consistent.
    QString outputDir;
    OrtLoadOptions runtime;
};

struct CpuRunProgress {
    bool warmup = false;
    int iteration = 0; // 1-based within its phase
    int count = 0; // runs in this phase
    double ms = 0.0; // this run (steady clock around OrtApi::Run)
};

struct CpuRunControl {
    const std::atomic_bool* cancel = nullptr; // checked before the session is created and between runs
    std::function<void(const CpuRunProgress&)> progress; // called on the running thread after every run
};

struct CpuRunResult {
    OrtRuntimeInfo runtime;
    QList<HostTensor> inputs; // as fed, in model input order
    QList<HostTensor> outputs; // of the last run, in model output order
    QList<double> warmupMs;
    QList<double> iterationMs; // one per measured run
    double sessionMs = 0.0; // creating the session (model load + graph optimisation)
    int intraOpThreads = 0; // as requested (0 = runtime default)
    QStringList savedFiles; // input_N.pb then output_N.pb, absolute paths
};

// Loads ONNX Runtime if needed (options.runtime), runs the model and returns the timings and tensors. Never
// throws; safe to call from a worker thread. Errors: those of loadOnnxRuntime (ort_not_built, ort_not_found,
// ...), bad_options, not_found (the model), ort_session_failed, the input errors (unknown_input, not_static,
// rank_mismatch, shape_mismatch, dynamic_input, unsupported_type, missing_input, extra_input, type_mismatch,
// bad_tensor_file, too_large, out_of_memory), ort_run_failed, write_failed, cancelled, internal (an exception,
// e.g. std::bad_alloc, from anywhere in the run: reported, never thrown).
// Each call creates and releases one ORT session. ORT 1.29 has been seen to crash after ~500 sessions in one
// process, so a tool that runs hundreds of models should spread them over several processes.
Result<CpuRunResult> runOnCpu(const CpuRunOptions& options, const CpuRunControl& control = {});

} // namespace wb
