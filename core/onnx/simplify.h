#pragma once

#include "reference/accuracy.h"
#include "surgery.h"

namespace wb {

struct SimplifyOptions {
    QList<InputShapeSpec> inputShapes; // inputs to fix first (ATC --input_shape syntax, parsed)
    bool compare = true; // with ONNX Runtime: run both models on the same seeded random inputs and compare
    quint64 seed = 1;
};

// The original and the simplified model run on the same inputs. `ran` is false (with `reason`) when ONNX Runtime
// is not available or a model cannot run on it; then nothing was proved, only nothing was found wrong.
struct SimplifyComparison {
    bool ran = false;
    QString reason;
    bool identical = false; // every output bit for bit
    double maxAbsError = 0.0; // over every output
    double minCosine = 1.0; // over every output with a defined cosine
    QList<TensorAccuracy> outputs;
    QString summary() const; // "outputs identical", "max abs error 3e-07", "not compared: ..."
};

struct SimplifyResult {
    SurgeryResult written;
    int nodesBefore = 0;
    int nodesAfter = 0;
    int folded = 0; // nodes evaluated into initializers (Constant nodes included)
    int removedIdentity = 0;
    int removedDead = 0; // nodes no output needs
    int initializersBefore = 0;
    int initializersAfter = 0;
    qint64 initializerBytesBefore = 0;
    qint64 initializerBytesAfter = 0;
    SimplifyComparison comparison;
};

// What users run onnx-simplifier for, before ATC: fixes the inputs, folds every node computable from constants
// and static shapes (within a size cap; a fold that would grow the model stays a node), removes Identity and
// dead nodes, stores every inferred shape, keeps external data external and the opsets unchanged, checks the
// result with the ONNX checker and never overwrites its input. With ONNX Runtime the outputs are then compared
// with the original's; a difference beyond float rounding is an error and the copy is deleted.
// Errors: those of writeStaticCopy, and not_equal.
Result<SimplifyResult> simplifyModel(const OnnxModel& model, const SimplifyOptions& options, const QString& outPath);

// {"path", "data_path", "nodes_before", "nodes_after", "folded", "removed", "removed_identity", "removed_dead",
//  "initializers_before", "initializers_after", "initializer_bytes_before", "initializer_bytes_after", "inputs",
//  "outputs", "still_dynamic", "unknown_shapes", "warnings", "comparison": {"ran", "reason"?, "identical",
//  "max_abs_error", "min_cosine", "outputs": [{"name", "max_abs", "cosine", "pass"}]}}: `atcwb simplify --json`.
QJsonObject simplifyResultToJson(const SimplifyResult& result);

} // namespace wb
