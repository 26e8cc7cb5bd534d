// A generated graph topology (nodes in topological order, edges between them) written as an ONNX model, for the
// graph-view benchmark (bench/bench_graphview.cpp): one node per graph node, tensors as edges.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <utility>
#include <vector>

namespace modelgen {

struct SyntheticGraph {
    enum class Kind { Plain, Head, Join }; // Head: a node of a parallel head; Join: a node where branches meet
    std::string name;
    std::vector<Kind> kinds; // one per node, in topological order
    std::vector<std::pair<int, int>> edges; // from, to (indices into kinds)
};

// Node 0 reads the graph input ("input", float [1,64,56,56]); the last node writes the graph output. A node
// without predecessors is a Range over three scalar initializers (a Constant would be folded into its consumer, a
// Range stays a box); one predecessor: a chain op (Conv, Relu, BatchNormalization, Sigmoid, Mul; MatMul/Softmax in
// heads); two: Add; more: Concat. Names are scoped "/stage<s>/block<b>/<op>_<index>", a new block at every Join.
onnx::ModelProto syntheticModel(const SyntheticGraph& graph);

} // namespace modelgen
