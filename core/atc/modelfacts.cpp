#include "modelfacts.h"

#include "onnx/graphutil_p.h"
#include "onnx/onnxmodel.h"
#include "onnx/onnxproto_p.h"

namespace wb {

namespace {

void collect(const onnx::GraphProto& graph, const QString& prefix, bool inSubgraph, QList<AtcNodeFact>& out)
{
    for (int i = 0; i < graph.node_size(); ++i) {
        const onnx::NodeProto& node = graph.node(i);
        AtcNodeFact fact;
        fact.opType = detail::qs(node.op_type());
        fact.domain = detail::isDefaultDomain(node.domain()) ? QString() : detail::qs(node.domain());
        fact.label = node.name().empty() ? prefix + detail::nodeLabel(node, i) : detail::nodeLabel(node, i);
        for (const auto& in : node.input())
            fact.inputs.append(detail::qs(in));
        for (const auto& o : node.output())
            fact.outputs.append(detail::qs(o));
        fact.inSubgraph = inSubgraph;
        const QString owner = fact.label;
        out.append(fact);
        for (const auto& attr : node.attribute()) {
            const QString sub = owner + QLatin1Char('/') + detail::qs(attr.name()) + QLatin1Char('/');
            if (attr.has_g())
                collect(attr.g(), sub, true, out);
            for (int g = 0; g < attr.graphs_size(); ++g)
                collect(attr.graphs(g), sub + QString::number(g) + QLatin1Char('/'), true, out);
        }
    }
}

} // namespace

const AtcNodeFact* AtcModelFacts::node(const QString& name) const
{
    for (const AtcNodeFact& n : nodes) {
        if (!n.inSubgraph && n.label == name)
            return &n;
    }
    return nullptr;
}

AtcModelFacts atcModelFacts(const OnnxModel& model)
{
    AtcModelFacts facts;
    facts.summary = model.summary();
    const onnx::GraphProto& graph = model.proto().graph();
    collect(graph, QString(), false, facts.nodes);
    for (const auto& t : graph.initializer())
        facts.initializers.insert(detail::qs(t.name()));
    return facts;
}

} // namespace wb
