#pragma once

#include "modelsummary.h"
#include "util/result.h"

#include <memory>

namespace onnx {
class ModelProto;
}

namespace wb {

class OnnxModel;
using OnnxModelPtr = std::shared_ptr<const OnnxModel>;

// A parsed ONNX model: its summary plus the protobuf it came from (kept private to wb_core).
// Immutable once loaded, so it can be shared between threads.
class OnnxModel {
public:
    ~OnnxModel();
    OnnxModel(const OnnxModel&) = delete;
    OnnxModel& operator=(const OnnxModel&) = delete;

    // Reads, parses and validates the file at `path`. Never throws; bad input yields an Error whose code is
    // one of: not_found, not_a_file, unreadable, empty, too_large, not_onnx, parse_error, invalid_graph,
    // missing_external_data.
    static Result<OnnxModelPtr> load(const QString& path);

    const ModelSummary& summary() const;
    // For core code only (onnx headers are private to wb_core). proto() is the topology: tensors larger than a
    // few KB carry a marker instead of their data. fullProto() is a copy with every weight read back in.
    const onnx::ModelProto& proto() const;
    Result<std::shared_ptr<onnx::ModelProto>> fullProto() const;

private:
    OnnxModel();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace wb
