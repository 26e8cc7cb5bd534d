#pragma once

#include "modelsummary.h"

namespace onnx {
class ModelProto;
}

namespace wb::detail {

// Fills every field of ModelSummary that the proto determines (not path or file size).
ModelSummary summarise(const onnx::ModelProto& model);

struct GraphProblems {
    QStringList errors; // the graph is invalid: a tensor nobody produces, a name produced twice, ...
    QStringList warnings; // suspicious but loadable: nodes out of topological order
};

// Checks the main graph and every subgraph for dangling inputs, duplicate producers, unproduced outputs
// and topological order.
GraphProblems checkGraphs(const onnx::ModelProto& model);

// Checks that every tensor with external data names a readable file next to the model and that the
// referenced byte ranges fit in it. Returns human-readable problems (empty when all is well).
QStringList checkExternalData(const onnx::ModelProto& model, const QString& modelDir);

} // namespace wb::detail
