#pragma once

#include "modelsummary.h"
#include "onnxproto_p.h"

#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace wb::detail {

// Reorders the graph's nodes topologically (stable: nodes keep their relative order where possible).
// Returns false, leaving the graph unchanged, when the graph has a cycle; `cyclic` then receives the indexes of
// the nodes no order can place (those on a cycle and those after one).
bool topologicalSort(onnx::GraphProto* graph, std::vector<int>* cyclic = nullptr);

// A node's label as the checks and the graph use it: its name, or "op_type#index" (index in its graph) when it has
// none.
QString nodeLabel(const onnx::NodeProto& node, int index);
// "Conv" for the default domain, "com.microsoft::FusedConv" for any other.
QString qualifiedOpType(const onnx::NodeProto& node);

// Whether a node carries subgraphs (If/Loop/Scan bodies).
bool hasSubgraph(const onnx::NodeProto& node);

// Whether `type` is a tensor type whose every dim is a size (null: false).
bool isStaticTensorType(const onnx::TypeProto* type);

// Names a node reads from the enclosing scopes through its subgraphs (If/Loop/Scan bodies).
std::unordered_set<std::string> implicitInputs(const onnx::NodeProto& node);

// Calls fn(tensor) for every TensorProto of `graph` and of its subgraphs, at any depth: initializers and tensor
// attributes (t and tensors). `Graph` may be const (fn gets const tensors) or not.
template <typename Graph, typename Fn> void forEachTensor(Graph& graph, const Fn& fn)
{
    if constexpr (std::is_const_v<Graph>) {
        for (const auto& t : graph.initializer())
            fn(t);
        for (const auto& node : graph.node()) {
            for (const auto& attr : node.attribute()) {
                if (attr.has_t())
                    fn(attr.t());
                for (const auto& t : attr.tensors())
                    fn(t);
                if (attr.has_g())
                    forEachTensor(attr.g(), fn);
                for (const auto& sub : attr.graphs())
                    forEachTensor(sub, fn);
            }
        }
    } else {
        for (auto& t : *graph.mutable_initializer())
            fn(t);
        for (auto& node : *graph.mutable_node()) {
            for (auto& attr : *node.mutable_attribute()) {
                if (attr.has_t())
                    fn(*attr.mutable_t());
                for (auto& t : *attr.mutable_tensors())
                    fn(t);
                if (attr.has_g())
                    forEachTensor(*attr.mutable_g(), fn);
                for (auto& sub : *attr.mutable_graphs())
                    forEachTensor(sub, fn);
            }
        }
    }
}

// What the tensors `outputs` need, walking back through their producers (explicit inputs and what subgraphs read
// from the enclosing scope), not past a name in `stopAt`.
struct Reach {
    std::vector<bool> nodes; // per node of the graph: needed
    std::unordered_set<std::string> names; // every tensor name reached (stopAt names included)
    std::vector<std::string> leaves; // names reached that no node makes and that are not in stopAt, in walk order
};
Reach reachBack(const onnx::GraphProto& graph, const std::vector<std::string>& outputs,
    const std::unordered_set<std::string>& stopAt = {});

// Tensor name -> the ValueInfoProto describing it (graph inputs, value_info and outputs; later ones win).
std::unordered_map<std::string, const onnx::ValueInfoProto*> valueInfoIndex(const onnx::GraphProto& graph);

TensorInfo tensorInfoFrom(const onnx::ValueInfoProto& vi);
TensorInfo tensorInfoFrom(const std::string& name, const onnx::TypeProto& type);

// The external_data entries of a TensorProto, read the same way by every reader: ONNX's location, offset and
// length, and the loader's wb_message_length (wirestrip_p.h). A number is plain decimal digits that fit in int64;
// anything else ("abc", "-1", "1e3", " 12", 20 digits) makes the reference bad (a check's problem, a read's
// error), never an exception.
struct ExternalDataRef {
    std::string location; // empty when absent
    qint64 offset = -1; // -1 when absent
    qint64 length = -1; // -1 when absent
    qint64 messageLength = -1; // -1 when absent
    QString badKey; // the first number entry whose value is not a number ("offset", "length", ...); empty when none
    QString badValue; // its value, cut to 40 characters

    bool ok() const { return badKey.isEmpty(); }
    // "Tensor 'w' has an external-data offset 'abc', which is not a byte count: ..." (empty when ok()).
    QString problem(const QString& tensor) const;
};
ExternalDataRef readExternalData(const onnx::TensorProto& tensor);
// A non-negative decimal integer that fits in int64 (digits only, at least one); nullopt otherwise.
std::optional<qint64> parseByteCount(const std::string& text);

} // namespace wb::detail
