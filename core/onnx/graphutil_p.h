#pragma once

#include "modelsummary.h"
#include "onnxproto_p.h"

#include <string>
#include <unordered_map>
#include <unordered_set>

namespace wb::detail {

// Reorders the graph's nodes topologically (stable: nodes keep their relative order where possible).
// Returns false, leaving the graph unchanged, when the graph has a cycle.
bool topologicalSort(onnx::GraphProto* graph);

// Whether a node carries subgraphs (If/Loop/Scan bodies).
bool hasSubgraph(const onnx::NodeProto& node);

// Whether `type` is a tensor type whose every dim is a size (null: false).
bool isStaticTensorType(const onnx::TypeProto* type);

// Names a node reads from the enclosing scopes through its subgraphs (If/Loop/Scan bodies).
std::unordered_set<std::string> implicitInputs(const onnx::NodeProto& node);

// Tensor name -> the ValueInfoProto describing it (graph inputs, value_info and outputs; later ones win).
std::unordered_map<std::string, const onnx::ValueInfoProto*> valueInfoIndex(const onnx::GraphProto& graph);

TensorInfo tensorInfoFrom(const onnx::ValueInfoProto& vi);
TensorInfo tensorInfoFrom(const std::string& name, const onnx::TypeProto& type);

} // namespace wb::detail
