#pragma once

// Accuracy: a run's outputs against the reference's (the OM on the NPU against ONNX Runtime on the CPU, on the
// same inputs): cosine similarity, largest absolute and relative error, elements out of tolerance. Pure functions
// over HostTensor; the folder reader pairs output_N files. See README.md "Accuracy".
#include "reference/tensordata.h"
#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace wb {

struct AccuracyTolerance {
    double atol = 1e-2; // an element passes when |actual - reference| <= atol + rtol * |reference| (numpy.allclose)
    double rtol = 1e-2;
    double minCosine = 0.99; // and the whole tensor's cosine similarity is at least this
};

struct TensorAccuracy {
    int index = -1; // N of output_N
    QString name; // the reference tensor's name
    QString referenceFile;
    QString actualFile;
    QString dtype; // the reference's
    qint64 elements = 0;
    double cosine = 0.0; // NaN when one side is all zeros (then only the element test decides)
    double maxAbs = 0.0; // largest |actual - reference|
    double maxRel = 0.0; // largest |actual - reference| / |reference| over elements with reference != 0
    double meanAbs = 0.0;
    qint64 mismatches = 0; // elements outside atol + rtol * |reference| (NaN against a number counts)
    qint64 worstIndex = -1; // flat index of maxAbs
    QString note; // how the actual file was read, when not as the reference's type (e.g. float16 OM output)
    QString problem; // why the tensors could not be compared (sizes, types); empty when they were
    bool pass = false;
};

// Compares two tensors element by element (as doubles; NaN equals NaN, an infinity only the same infinity).
// The shapes must hold the same number of elements; a different shape with the same count is compared and
// noted. Cosine of two all-zero tensors is 1; with one all-zero side it is undefined (NaN) and not a criterion.
TensorAccuracy compareTensors(
    const HostTensor& reference, const HostTensor& actual, const AccuracyTolerance& tolerance);

// Reads a raw output file (om-runner's output_N.bin, msame's and ais_bench's .bin) as the reference's type and
// shape. An OM built with --output_type FP16 writes half the bytes of a float32 reference: such a file is read as
// float16 (and float32 for a float16 reference); ATC emits int64 outputs as int32, read as such (and the other
// way round); `note` says so. Errors: unreadable, size_mismatch.
Result<HostTensor> readRawOutput(const QString& path, const HostTensor& reference, QString* note);

struct AccuracyReport {
    QList<TensorAccuracy> outputs;
    AccuracyTolerance tolerance;
    bool pass = false; // every output passed
};

// Pairs the reference's output_N.pb (a folder the CPU run saved, or one file, N from its name) with the actual
// run's output_N.bin / output_N.pb (a .bin wins when both exist), else <anything>_N.bin, else the same in the
// newest subfolder (msame and ais_bench write into a timestamped one), and compares each pair. The same folder
// on both sides compares its .pb against its .bin. Errors: not_found, no_outputs (the reference folder has no
// output_N.pb), ambiguous (two actual files of one kind for one N), same_folder (one folder, no .bin in it),
// bad_tensor_file.
// A reference output without an actual file is a failed entry with a problem, not an error.
Result<AccuracyReport> compareOutputs(
    const QString& reference, const QString& actual, const AccuracyTolerance& tolerance);

// {"pass": bool, "tolerance": {"atol", "rtol", "min_cosine"}, "outputs": [{"index", "name", "dtype", "elements",
//  "cosine", "max_abs", "max_rel", "mean_abs", "mismatches", "worst_index", "pass", "reference", "actual",
//  "note", "problem"}]} (note and problem only when set).
QJsonObject accuracyToJson(const AccuracyReport& report);

} // namespace wb
