#include "cutproposal.h"

#include "graphutil_p.h"

#include <QCoreApplication>
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "onnx/shapeverdicttr_p.h"

namespace wb {

namespace {

bool isHeavy(const std::string& op)
{
    static const std::unordered_set<std::string> heavy
        = { "Conv", "ConvTranspose", "ConvInteger", "QLinearConv", "MatMul", "MatMulInteger", "QLinearMatMul", "Gemm",
              "Einsum", "LSTM", "GRU", "RNN", "Attention", "MultiHeadAttention" };
    return heavy.count(op) > 0;
}

QString listText(const QStringList& items, int limit)
{
    QString text = QStringList(items.mid(0, limit)).join(QStringLiteral(", "));
    if (items.size() > limit)
        text += QStringLiteral(", …");
    return text;
}

} // namespace

QString CutProposal::summary() const
{
    QString text = Tr::tr("keeps %1 of %2 nodes for ATC (outputs %3); %4 node(s) (%5)")
                       .arg(keptNodes)
                       .arg(modelNodes)
                       .arg(listText(outputs, 6))
                       .arg(hostNodes)
                       .arg(listText(hostOps, 4));
    text += movedOutputs.isEmpty() ? Tr::tr(" move to the host")
                                   : Tr::tr(" and output(s) %1 move to the host").arg(listText(movedOutputs, 4));
    return text;
}

CutProposal proposeCut(const OnnxModel& model, const InferenceResult& inferred)
{
    CutProposal cut;
    // Labels of unnamed nodes carry their index in the sorted graph, as inferShapes gives them.
    onnx::GraphProto g = model.proto().graph();
    if (!detail::topologicalSort(&g))
        return cut;
    cut.modelNodes = g.node_size();
    std::unordered_set<std::string> origins;
    for (const ShapeOrigin& o : inferred.origins) {
        if (o.status == ShapeStatus::DataDependent)
            origins.insert(o.node.toStdString());
    }
    if (origins.empty())
        return cut;

    std::unordered_map<std::string, int> producer;
    std::unordered_map<std::string, std::vector<int>> consumers;
    std::vector<std::vector<std::string>> reads(static_cast<size_t>(g.node_size()));
    for (int i = 0; i < g.node_size(); ++i) {
        const onnx::NodeProto& node = g.node(i);
        for (const auto& out : node.output())
            producer.emplace(out, i);
        reads[size_t(i)].assign(node.input().begin(), node.input().end());
        for (const auto& name : detail::implicitInputs(node))
            reads[size_t(i)].push_back(name);
        for (const auto& in : reads[size_t(i)])
            consumers[in].push_back(i);
    }
    // The host part: the data-dependent nodes and everything downstream of them.
    std::vector<bool> host(static_cast<size_t>(g.node_size()), false);
    std::vector<int> stack;
    for (int i = 0; i < g.node_size(); ++i) {
        if (origins.count(detail::nodeLabel(g.node(i), i).toStdString()))
            stack.push_back(i);
    }
    while (!stack.empty()) {
        const int i = stack.back();
        stack.pop_back();
        if (host[size_t(i)])
            continue;
        host[size_t(i)] = true;
        for (const auto& out : g.node(i).output()) {
            for (const int c : consumers[out])
                stack.push_back(c);
        }
    }
    // What crosses: tensors the host reads from the network. Never constants, weights or folded shape values: the
    // host recomputes those.
    std::unordered_set<std::string> free, graphInputs;
    for (const auto& t : g.initializer())
        free.insert(t.name());
    for (const auto& vi : g.input())
        graphInputs.insert(vi.name());
    for (int i = 0; i < g.node_size(); ++i) {
        if (g.node(i).op_type() == "Constant")
            for (const auto& out : g.node(i).output())
                free.insert(out);
    }
    for (qsizetype i = 0; i < inferred.tensors.size() && i < inferred.facts.size(); ++i) {
        if (inferred.facts.at(i).folded)
            free.insert(inferred.tensors.at(i).name.toStdString());
    }
    std::unordered_set<std::string> crossing;
    for (int i = 0; i < g.node_size(); ++i) {
        if (!host[size_t(i)])
            continue;
        for (const auto& in : reads[size_t(i)]) {
            const auto p = producer.find(in);
            if (in.empty() || free.count(in) || graphInputs.count(in)
                || (p != producer.end() && host[size_t(p->second)]))
                continue;
            if (crossing.insert(in).second)
                cut.cutTensors.append(detail::qs(in));
        }
        const QString op = detail::qs(g.node(i).op_type());
        if (origins.count(detail::nodeLabel(g.node(i), i).toStdString())) {
            if (!cut.hostOps.contains(op))
                cut.hostOps.prepend(op);
        } else if (!cut.hostOps.contains(op)) {
            cut.hostOps.append(op);
        }
        if (isHeavy(g.node(i).op_type()) && !cut.heavyHostOps.contains(op))
            cut.heavyHostOps.append(op);
        ++cut.hostNodes;
    }
    for (const auto& out : g.output()) {
        const auto p = producer.find(out.name());
        if (p != producer.end() && host[size_t(p->second)])
            cut.movedOutputs.append(detail::qs(out.name()));
        else if (!graphInputs.count(out.name()))
            cut.keptOutputs.append(detail::qs(out.name()));
    }
    cut.outputs = cut.cutTensors;
    for (const QString& o : cut.keptOutputs) {
        if (!cut.outputs.contains(o))
            cut.outputs.append(o);
    }
    // The head: everything the head's outputs need.
    std::vector<std::string> headOutputs;
    for (const QString& o : cut.outputs)
        headOutputs.push_back(o.toStdString());
    const std::vector<bool> kept = detail::reachBack(g, headOutputs).nodes;
    cut.keptNodes = static_cast<int>(std::count(kept.begin(), kept.end(), true));
    cut.postProcessingOnly = cut.heavyHostOps.isEmpty();
    cut.possible = !cut.cutTensors.isEmpty();
    return cut;
}

} // namespace wb
