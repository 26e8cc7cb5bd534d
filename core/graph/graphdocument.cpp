#include "graphdocument.h"

#include "onnx/graphutil_p.h"
#include "onnx/onnxproto_p.h"

#include <unordered_map>
#include <unordered_set>

namespace wb::graph {

using detail::qs;

QString categoryName(Category c)
{
    static const char* names[] = { "input", "output", "conv", "pool", "activation", "normalization", "math", "shape",
        "control_flow", "custom", "other" };
    return QString::fromLatin1(names[static_cast<int>(c)]);
}

Category categoryOf(const QString& op, const QString& domain)
{
    if (!domain.isEmpty() && domain != QLatin1String("ai.onnx") && domain != QLatin1String("ai.onnx.ml"))
        return Category::Custom;
    static const QHash<QString, Category> table = [] {
        QHash<QString, Category> t;
        for (const char* o : { "Conv", "ConvTranspose", "ConvInteger", "QLinearConv", "DeformConv" })
            t.insert(QLatin1String(o), Category::Conv);
        for (const char* o : { "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "LpPool", "MaxUnpool",
                 "RoiAlign", "MaxRoiPool", "GlobalLpPool" })
            t.insert(QLatin1String(o), Category::Pool);
        for (const char* o :
            { "Relu", "LeakyRelu", "PRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Elu", "Selu", "Celu",
                "Gelu", "Softmax", "LogSoftmax", "Softplus", "Softsign", "Mish", "ThresholdedRelu", "Clip", "Erf" })
            t.insert(QLatin1String(o), Category::Activation);
        for (const char* o : { "BatchNormalization", "LayerNormalization", "InstanceNormalization",
                 "GroupNormalization", "LRN", "LpNormalization", "MeanVarianceNormalization" })
            t.insert(QLatin1String(o), Category::Normalization);
        for (const char* o : { "Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Exp", "Log", "Abs", "Neg", "MatMul", "Gemm",
                 "MatMulInteger", "Einsum", "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "Max",
                 "Min", "Sum", "Mean", "Reciprocal", "Floor", "Ceil", "Round", "Sin", "Cos", "Equal", "Less", "Greater",
                 "Where", "And", "Or", "Not", "ArgMax", "ArgMin", "CumSum", "TopK" })
            t.insert(QLatin1String(o), Category::Math);
        for (const char* o : { "Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "Concat", "Split", "Slice",
                 "Gather", "GatherElements", "GatherND", "Shape", "Size", "Expand", "Tile", "Pad", "Resize", "Upsample",
                 "Cast", "Identity", "ConstantOfShape", "Range", "ScatterND", "ScatterElements", "DepthToSpace",
                 "SpaceToDepth", "NonZero", "Constant", "CastLike", "Trilu", "OneHot" })
            t.insert(QLatin1String(o), Category::Shape);
        for (const char* o : { "If", "Loop", "Scan", "SequenceMap" })
            t.insert(QLatin1String(o), Category::ControlFlow);
        return t;
    }();
    return table.value(op, Category::Other);
}

namespace {

QString dimsText(const google::protobuf::RepeatedField<google::protobuf::int64>& dims)
{
    QStringList parts;
    for (auto d : dims)
        parts.append(QString::number(d));
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

QString formatAttribute(const onnx::AttributeProto& a)
{
    auto list = [](const auto& values, auto fmt) {
        QStringList parts;
        for (int i = 0; i < values.size() && i < 16; ++i)
            parts.append(fmt(values.Get(i)));
        if (values.size() > 16)
            parts.append(QStringLiteral("… (%1 values)").arg(values.size()));
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    };
    switch (a.type()) {
    case onnx::AttributeProto::INT:
        return QString::number(a.i());
    case onnx::AttributeProto::FLOAT:
        return QString::number(double(a.f()), 'g', 7);
    case onnx::AttributeProto::STRING:
        return QString::fromUtf8(a.s().data(), qsizetype(a.s().size())).left(200);
    case onnx::AttributeProto::INTS:
        return list(a.ints(), [](qint64 v) { return QString::number(v); });
    case onnx::AttributeProto::FLOATS:
        return list(a.floats(), [](float v) { return QString::number(double(v), 'g', 7); });
    case onnx::AttributeProto::STRINGS:
        return list(a.strings(), [](const std::string& v) { return QString::fromStdString(v).left(40); });
    case onnx::AttributeProto::TENSOR:
        return QStringLiteral("tensor %1 %2").arg(detail::dtypeName(a.t().data_type()), dimsText(a.t().dims()));
    case onnx::AttributeProto::GRAPH:
        return QStringLiteral("subgraph (%1 nodes)").arg(a.g().node_size());
    case onnx::AttributeProto::GRAPHS:
        return QStringLiteral("%1 subgraphs").arg(a.graphs_size());
    default:
        return QStringLiteral("(%1)").arg(int(a.type()));
    }
}

QStringList scopeOf(const QString& name)
{
    if (!name.startsWith(QLatin1Char('/')))
        return {};
    QStringList parts = name.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (!parts.isEmpty())
        parts.removeLast(); // the op's own name
    return parts;
}

} // namespace

class DocumentBuilder {
public:
    DocumentBuilder(GraphDocument& doc, const QHash<QString, TensorInfo>& inferred)
        : m_doc(doc)
        , m_inferred(inferred)
    {
    }

    void indexTypes(const onnx::GraphProto& g)
    {
        for (const auto* list : { &g.input(), &g.value_info(), &g.output() }) {
            for (const auto& vi : *list) {
                const TensorInfo t = detail::tensorInfoFrom(vi);
                m_types.insert(t.name, { t.dtype, t.shape ? t.shapeText() : QString() });
            }
        }
        for (const auto& t : g.initializer())
            m_types.insert(qs(t.name()), { detail::dtypeName(t.data_type()), dimsText(t.dims()) });
    }

    Port port(const std::string& tensor) const
    {
        const QString name = qs(tensor);
        const auto inferred = m_inferred.constFind(name);
        if (inferred != m_inferred.cend() && !inferred->dtype.isEmpty())
            return { name, inferred->dtype, inferred->shape ? inferred->shapeText() : QString() };
        const auto known = m_types.value(name);
        return { name, known.first, known.second };
    }

    // Adds the graph's nodes; `producers` maps tensor -> node index for tensors visible in this scope.
    void addGraph(const onnx::GraphProto& g, int parent, const QString& attribute,
        std::unordered_map<std::string, int> producers, int* nodeCount)
    {
        indexTypes(g);
        std::unordered_set<std::string> initializers;
        for (const auto& t : g.initializer())
            initializers.insert(t.name());
        for (const auto& vi : g.input()) {
            if (initializers.count(vi.name()))
                continue; // a weight listed as input (IR < 4) or an input with a default: folded, not drawn
            Node n = boundaryNode(Node::Kind::Input, vi.name(), parent, attribute);
            producers[vi.name()] = add(n);
        }
        // Constants consumed only as data are folded into their consumers.
        std::unordered_map<std::string, const onnx::NodeProto*> constants;
        for (const auto& node : g.node()) {
            if (node.op_type() == "Constant" && detail::isDefaultDomain(node.domain()) && node.output_size() == 1)
                constants[node.output(0)] = &node;
        }
        for (int i = 0; i < g.node_size(); ++i) {
            const onnx::NodeProto& node = g.node(i);
            if (node.op_type() == "Constant" && constants.count(node.output_size() ? node.output(0) : std::string())) {
                ++m_doc.m_foldedConstants;
                continue;
            }
            ++*nodeCount;
            Node n;
            n.name = node.name().empty() ? QStringLiteral("%1#%2").arg(qs(node.op_type())).arg(i) : qs(node.name());
            n.opType = qs(node.op_type());
            n.domain = qs(node.domain());
            n.category = categoryOf(n.opType, n.domain);
            n.scope = scopeOf(n.name);
            n.parent = parent;
            n.subgraphAttribute = attribute;
            for (const auto& attr : node.attribute())
                n.attributes.append({ qs(attr.name()), formatAttribute(attr) });
            for (const auto& out : node.output())
                n.outputs.append(port(out));
            std::vector<std::pair<std::string, bool>> reads; // tensor, explicit input
            for (const auto& in : node.input())
                reads.push_back({ in, true });
            for (const auto& name : detail::implicitInputs(node))
                reads.push_back({ name, false });
            for (const auto& [tensor, isInput] : reads) {
                if (tensor.empty())
                    continue;
                if (isInput)
                    n.inputs.append(port(tensor));
                if (initializers.count(tensor) || m_outerInitializers.count(tensor)) {
                    if (isInput)
                        n.folded.append(
                            { qs(tensor), QStringLiteral("initializer"), port(tensor).dtype, port(tensor).shape });
                    continue;
                }
                if (constants.count(tensor)) {
                    const onnx::NodeProto* c = constants.at(tensor);
                    QString dtype, shape;
                    for (const auto& attr : c->attribute()) {
                        if (attr.has_t()) {
                            dtype = detail::dtypeName(attr.t().data_type());
                            shape = dimsText(attr.t().dims());
                        }
                    }
                    if (isInput)
                        n.folded.append({ qs(tensor), QStringLiteral("Constant"), dtype, shape });
                    continue;
                }
                const auto producer = producers.find(tensor); // graphs are sorted: producers come first
                if (producer != producers.end())
                    m_doc.m_edges.append({ producer->second, static_cast<int>(m_doc.m_nodes.size()), qs(tensor) });
            }
            const int index = add(n);
            for (const auto& out : node.output()) {
                if (!out.empty())
                    producers[out] = index;
            }
            // Subgraph bodies: their nodes see everything visible here.
            int inner = 0;
            for (const auto& attr : node.attribute()) {
                std::unordered_set<std::string> saved = m_outerInitializers;
                m_outerInitializers.insert(initializers.begin(), initializers.end());
                std::vector<onnx::GraphProto> bodies;
                if (attr.has_g())
                    bodies.push_back(attr.g());
                bodies.insert(bodies.end(), attr.graphs().begin(), attr.graphs().end());
                for (onnx::GraphProto& body : bodies) {
                    detail::topologicalSort(&body);
                    addGraph(body, index, qs(attr.name()), producers, &inner);
                }
                m_outerInitializers = saved;
            }
            m_doc.m_nodes[index].subgraphNodeCount = inner;
            *nodeCount += inner;
        }
        for (const auto& vi : g.output()) {
            Node n = boundaryNode(Node::Kind::Output, vi.name(), parent, attribute);
            const int index = add(n);
            const auto it = producers.find(vi.name());
            if (it != producers.end())
                m_doc.m_edges.append({ it->second, index, n.name });
        }
    }

private:
    // A graph input or output, drawn as a pill.
    Node boundaryNode(Node::Kind kind, const std::string& tensor, int parent, const QString& attribute) const
    {
        const bool input = kind == Node::Kind::Input;
        Node n;
        n.kind = kind;
        n.name = qs(tensor);
        n.opType = input ? QStringLiteral("Input") : QStringLiteral("Output");
        n.category = input ? Category::Input : Category::Output;
        (input ? n.outputs : n.inputs).append(port(tensor));
        n.parent = parent;
        n.subgraphAttribute = attribute;
        return n;
    }

    int add(Node& n)
    {
        if (m_doc.m_byName.contains(n.name)) // keep lookups unambiguous when names repeat (subgraphs often do)
            n.name = QStringLiteral("%1 (%2)").arg(n.name).arg(m_doc.m_nodes.size());
        m_doc.m_byName.insert(n.name, static_cast<int>(m_doc.m_nodes.size()));
        m_doc.m_nodes.append(n);
        return static_cast<int>(m_doc.m_nodes.size() - 1);
    }

    GraphDocument& m_doc;
    const QHash<QString, TensorInfo>& m_inferred;
    QHash<QString, QPair<QString, QString>> m_types;
    std::unordered_set<std::string> m_outerInitializers;
};

std::shared_ptr<const GraphDocument> GraphDocument::build(
    const OnnxModel& model, const QHash<QString, TensorInfo>& inferred)
{
    auto doc = std::make_shared<GraphDocument>();
    onnx::GraphProto graph = model.proto().graph();
    detail::topologicalSort(&graph); // edges then always point forward, even for unsorted exports
    DocumentBuilder builder(*doc, inferred);
    int count = 0;
    builder.addGraph(graph, -1, QString(), {}, &count);
    return doc;
}

QList<int> GraphDocument::search(const QString& text) const
{
    QList<int> hits;
    if (text.isEmpty())
        return hits;
    for (int i = 0; i < m_nodes.size(); ++i) {
        const Node& n = m_nodes.at(i);
        if (n.name.contains(text, Qt::CaseInsensitive) || n.opType.contains(text, Qt::CaseInsensitive))
            hits.append(i);
    }
    return hits;
}

} // namespace wb::graph
