#pragma once

// OM ops <-> the ONNX nodes they came from, through each op's _datadump_original_op_names.
#include "om/ommodel.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace wb {

namespace graph {
class GraphDocument;
}

struct OmMapping {
    // ONNX node name -> indexes into OmModel::ops of the ops it became (several when ATC split it). Only names
    // that are ONNX nodes (when a node list was given) are keys.
    QHash<QString, QList<int>> onnxToOps;
    // Per OmModel::ops index: the ONNX nodes it came from (as the OM names them).
    QList<QStringList> opToOnnx;
    // ONNX nodes no OM op names: folded away (constant-folded, removed as a no-op, or merged without a trace). In
    // the ONNX model's node order. Empty when no node list was given.
    QStringList foldedAway;
    // Indexes of OM ops with no ONNX origin that do work: inserted TransData, Cast, TensorMove, memcpy, ... (Data,
    // Const, NetOutput and other graph plumbing are left out).
    QList<int> noOrigin;
    // Names the OM gives as origins that are not nodes of the ONNX model (another model, or renamed nodes).
    QStringList unknownOrigins;

    // The ops `onnxNode` became (empty: folded away, or not in the model).
    QList<int> opsFor(const QString& onnxNode) const { return onnxToOps.value(onnxNode); }
    // The other ONNX nodes fused into the same OM op(s) as `onnxNode`.
    QStringList partnersOf(const QString& onnxNode, const OmModel& model) const;
};

// Maps `model` onto the ONNX model whose node names (GraphDocument's names: the node's name, or op_type#index for
// an unnamed node) are `onnxNodes`. With an empty list, only opToOnnx, onnxToOps (every origin named) and noOrigin
// are filled.
OmMapping mapOmToOnnx(const OmModel& model, const QStringList& onnxNodes = {});

// Per mapped ONNX node: the engine of the OM op(s) it became; a node split over several ops takes the one that
// matters most: AI CPU over AI Core over the rest.
QHash<QString, OmEngine> onnxNodeEngines(const OmModel& model, const OmMapping& mapping);

// The names mapOmToOnnx wants: the operator nodes of `document` (every graph level), in document order.
QStringList onnxNodeNames(const graph::GraphDocument& document);

// Op types that are graph plumbing rather than work: Data, RefData, AippData, Const, Constant, Variable, NetOutput.
bool isOmPlumbingType(const QString& type);
// Op types ATC inserts to convert a tensor's format or dtype: TransData, TransDataRNN, Cast, TransposeD,
// FormatTransfer...
bool isOmConversionType(const QString& type);

} // namespace wb
