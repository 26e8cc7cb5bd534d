#pragma once

// Writes binary .om files for the tests with our own declaration of GE's ModelDef (core/om/ge_ir_min.proto): the
// 256-byte header (run/omfileheader.h's layout), a partition table, the model definition, and a weights partition
// of filler bytes. The reader never reads the weights, so their content does not matter.
#include "om/ommodel.h"

#include <QByteArray>

namespace omgen {

struct Options {
    bool tinyTable = false; // the legacy table: 12-byte entries with 32-bit offsets, model_length 0 (length only)
    int weightBytes = 4096; // size of the weights partition
    bool withModelDef = true; // false: no model-definition partition at all
    QByteArray modelDefOverride; // non-empty: these bytes as the model definition instead of the encoded model
    bool encrypted = false;
    int modelNum = 1;
    bool frameworkTypeAsInt = false; // framework_type stored as an int attribute (5) instead of the string "5"
};

// The ModelDef protobuf bytes for `model` (attributes, one graph per distinct OmOp::graph, ops in order).
QByteArray modelDefBytes(const wb::OmModel& model, const Options& options = {});
// A whole .om file.
QByteArray omFile(const wb::OmModel& model, const Options& options = {});
// A small model: Data -> Conv2D (fused Conv+Relu, AI Core) -> ConcatD (AI CPU) -> Cast (inserted) -> NetOutput.
wb::OmModel sampleModel();

} // namespace omgen
