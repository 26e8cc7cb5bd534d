#include "graphutil_p.h"

#include <algorithm>
#include <limits>
#include <queue>

namespace wb::detail {

namespace {

void collectSubgraphReads(const onnx::GraphProto& g, std::unordered_set<std::string>& reads)
{
    std::unordered_set<std::string> local;
    for (const auto& vi : g.input())
        local.insert(vi.name());
    for (const auto& t : g.initializer())
        local.insert(t.name());
    for (const auto& node : g.node()) {
        for (const auto& out : node.output())
            local.insert(out);
    }
    for (const auto& node : g.node()) {
        for (const auto& in : node.input()) {
            if (!in.empty() && !local.count(in))
                reads.insert(in);
        }
        for (const auto& name : implicitInputs(node)) {
            if (!local.count(name))
                reads.insert(name);
        }
    }
    for (const auto& out : g.output()) {
        if (!local.count(out.name()))
            reads.insert(out.name());
    }
}

} // namespace

QString nodeLabel(const onnx::NodeProto& node, int index)
{
    return node.name().empty() ? QStringLiteral("%1#%2").arg(qs(node.op_type())).arg(index) : qs(node.name());
}

QString qualifiedOpType(const onnx::NodeProto& node)
{
    return isDefaultDomain(node.domain()) ? qs(node.op_type())
                                          : qs(node.domain()) + QStringLiteral("::") + qs(node.op_type());
}

bool hasSubgraph(const onnx::NodeProto& node)
{
    for (const auto& a : node.attribute()) {
        if (a.has_g() || a.graphs_size() > 0)
            return true;
    }
    return false;
}

bool isStaticTensorType(const onnx::TypeProto* type)
{
    if (!type || !type->has_tensor_type() || !type->tensor_type().has_shape())
        return false;
    for (const auto& d : type->tensor_type().shape().dim()) {
        if (!d.has_dim_value() || d.dim_value() < 0)
            return false;
    }
    return true;
}

std::unordered_set<std::string> implicitInputs(const onnx::NodeProto& node)
{
    std::unordered_set<std::string> reads;
    for (const auto& attr : node.attribute()) {
        if (attr.has_g())
            collectSubgraphReads(attr.g(), reads);
        for (const auto& sub : attr.graphs())
            collectSubgraphReads(sub, reads);
    }
    return reads;
}

bool topologicalSort(onnx::GraphProto* graph, std::vector<int>* cyclic)
{
    const int n = graph->node_size();
    std::unordered_map<std::string, int> producer;
    producer.reserve(static_cast<size_t>(n) * 2);
    for (int i = 0; i < n; ++i) {
        for (const auto& out : graph->node(i).output()) {
            if (!out.empty())
                producer.emplace(out, i);
        }
    }
    std::vector<std::vector<int>> consumers(static_cast<size_t>(n));
    std::vector<int> pending(static_cast<size_t>(n), 0);
    std::vector<int> deps;
    for (int i = 0; i < n; ++i) {
        deps.clear();
        auto addDep = [&](const std::string& name) {
            const auto it = producer.find(name);
            if (it != producer.end() && it->second != i
                && std::find(deps.begin(), deps.end(), it->second) == deps.end())
                deps.push_back(it->second);
        };
        const onnx::NodeProto& node = graph->node(i);
        for (const auto& in : node.input())
            addDep(in);
        if (hasSubgraph(node)) {
            for (const auto& name : implicitInputs(node))
                addDep(name);
        }
        pending[static_cast<size_t>(i)] = static_cast<int>(deps.size());
        for (int d : deps)
            consumers[static_cast<size_t>(d)].push_back(i);
    }
    // Smallest original index first keeps already-sorted graphs exactly as they were.
    std::priority_queue<int, std::vector<int>, std::greater<>> ready;
    for (int i = 0; i < n; ++i) {
        if (pending[static_cast<size_t>(i)] == 0)
            ready.push(i);
    }
    std::vector<int> order;
    order.reserve(static_cast<size_t>(n));
    while (!ready.empty()) {
        const int i = ready.top();
        ready.pop();
        order.push_back(i);
        for (int c : consumers[static_cast<size_t>(i)]) {
            if (--pending[static_cast<size_t>(c)] == 0)
                ready.push(c);
        }
    }
    if (static_cast<int>(order.size()) != n) {
        if (cyclic) {
            for (int i = 0; i < n; ++i) {
                if (pending[static_cast<size_t>(i)] > 0)
                    cyclic->push_back(i);
            }
        }
        return false;
    }
    bool sorted = true;
    for (int i = 0; i < n && sorted; ++i)
        sorted = order[static_cast<size_t>(i)] == i;
    if (sorted)
        return true;
    google::protobuf::RepeatedPtrField<onnx::NodeProto> nodes;
    nodes.Swap(graph->mutable_node());
    for (int i : order)
        graph->add_node()->Swap(nodes.Mutable(i));
    return true;
}

Reach reachBack(const onnx::GraphProto& graph, const std::vector<std::string>& outputs,
    const std::unordered_set<std::string>& stopAt)
{
    std::unordered_map<std::string, int> producer;
    for (int i = 0; i < graph.node_size(); ++i) {
        for (const auto& out : graph.node(i).output())
            producer.emplace(out, i);
    }
    Reach reach;
    reach.nodes.assign(static_cast<size_t>(graph.node_size()), false);
    std::vector<std::string> stack(outputs.rbegin(), outputs.rend());
    while (!stack.empty()) {
        const std::string name = stack.back();
        stack.pop_back();
        if (name.empty() || !reach.names.insert(name).second || stopAt.count(name))
            continue;
        const auto p = producer.find(name);
        if (p == producer.end()) {
            reach.leaves.push_back(name);
            continue;
        }
        if (reach.nodes[static_cast<size_t>(p->second)])
            continue;
        reach.nodes[static_cast<size_t>(p->second)] = true;
        const onnx::NodeProto& node = graph.node(p->second);
        stack.insert(stack.end(), node.input().begin(), node.input().end());
        if (hasSubgraph(node)) {
            for (const auto& in : implicitInputs(node))
                stack.push_back(in);
        }
    }
    return reach;
}

std::unordered_map<std::string, const onnx::ValueInfoProto*> valueInfoIndex(const onnx::GraphProto& graph)
{
    std::unordered_map<std::string, const onnx::ValueInfoProto*> index;
    for (const auto& vi : graph.input())
        index[vi.name()] = &vi;
    for (const auto& vi : graph.value_info())
        index[vi.name()] = &vi;
    for (const auto& vi : graph.output()) {
        if (vi.has_type() || !index.count(vi.name()))
            index[vi.name()] = &vi;
    }
    return index;
}

std::optional<qint64> parseByteCount(const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    qint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const int digit = c - '0';
        if (value > (std::numeric_limits<qint64>::max() - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

ExternalDataRef readExternalData(const onnx::TensorProto& tensor)
{
    ExternalDataRef ref;
    for (const auto& kv : tensor.external_data()) {
        qint64* number = kv.key() == "offset" ? &ref.offset
            : kv.key() == "length"            ? &ref.length
            : kv.key() == "wb_message_length" ? &ref.messageLength
                                              : nullptr;
        if (kv.key() == "location")
            ref.location = kv.value();
        if (!number)
            continue;
        const std::optional<qint64> parsed = parseByteCount(kv.value());
        if (parsed) {
            *number = *parsed;
        } else if (ref.badKey.isEmpty()) {
            ref.badKey = qs(kv.key());
            ref.badValue = qs(kv.value().substr(0, 40));
        }
    }
    return ref;
}

QString ExternalDataRef::problem(const QString& tensor) const
{
    if (ok())
        return {};
    return QStringLiteral("Tensor '%1' has an external-data %2 '%3', which is not a byte count (digits only, "
                          "below 2^63): the model's weights reference is damaged. Export the model again.")
        .arg(tensor, badKey, badValue);
}

} // namespace wb::detail
