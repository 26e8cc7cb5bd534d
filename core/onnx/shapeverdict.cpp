// The verdict on every tensor after folding: static, dynamic because of an input or of data, or unknown.
#include "evaluator_p.h"
#include "graphutil_p.h"
#include "shapeinference_p.h"

#include <QHash>

#include <QCoreApplication>
#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "onnx/shapeverdicttr_p.h"

namespace wb {

QString shapeStatusName(ShapeStatus status)
{
    switch (status) {
    case ShapeStatus::Static:
        return QStringLiteral("static");
    case ShapeStatus::FollowsInput:
        return QStringLiteral("follows_input");
    case ShapeStatus::DataDependent:
        return QStringLiteral("data_dependent");
    case ShapeStatus::Unknown:
        return QStringLiteral("unknown");
    case ShapeStatus::Invalid:
        return QStringLiteral("invalid");
    }
    return {};
}

const ShapeFact* InferenceResult::fact(const QString& tensor) const
{
    for (qsizetype i = 0; i < tensors.size() && i < facts.size(); ++i) {
        if (tensors.at(i).name == tensor)
            return &facts.at(i);
    }
    return nullptr;
}

namespace detail {

namespace {

// What a tensor's *value* can be known from. Worse kinds win when a node mixes them.
enum class Value { Computable, Unknown, FollowsInput, Data };

struct Verdict {
    ShapeStatus status = ShapeStatus::Static;
    int node = -1; // the origin node, or -1
    QString input; // the origin graph input (FollowsInput), else empty
};

struct ValueVerdict {
    Value kind = Value::Computable;
    int node = -1;
    QString input;
};

int rank(ShapeStatus s)
{
    switch (s) {
    case ShapeStatus::DataDependent:
        return 4;
    case ShapeStatus::FollowsInput:
        return 3;
    case ShapeStatus::Invalid:
        return 2;
    case ShapeStatus::Unknown:
        return 1;
    case ShapeStatus::Static:
        break;
    }
    return 0;
}

// Inputs whose *values* decide an operator's output shape (all its other inputs matter only by their shapes).
// An operator not listed has a shape that follows from input shapes alone; when ONNX still gives no static shape
// for it, that is a gap of inference here, not data dependence.
const std::vector<int>* valueSensitiveInputs(const std::string& op)
{
    static const std::unordered_map<std::string, std::vector<int>> table = {
        { "Reshape", { 1 } },
        { "Expand", { 1 } },
        { "Tile", { 1 } },
        { "Slice", { 1, 2, 3, 4 } },
        { "Resize", { 1, 2, 3 } },
        { "Upsample", { 1 } },
        { "Pad", { 1, 3 } },
        { "ConstantOfShape", { 0 } },
        { "Range", { 0, 1, 2 } },
        { "TopK", { 1 } },
        { "NonMaxSuppression", { 0, 1, 2, 3, 4 } },
        { "NonZero", { 0 } },
        { "Unique", { 0 } },
        { "Compress", { 1 } },
        { "OneHot", { 1 } },
        { "Squeeze", { 1 } },
        { "Unsqueeze", { 1 } },
        { "Split", { 1 } },
        { "ReduceSum", { 1 } },
        { "ReduceMean", { 1 } },
        { "ReduceMax", { 1 } },
        { "ReduceMin", { 1 } },
        { "ReduceProd", { 1 } },
        { "ReduceSumSquare", { 1 } },
        { "ReduceL1", { 1 } },
        { "ReduceL2", { 1 } },
        { "ReduceLogSum", { 1 } },
        { "ReduceLogSumExp", { 1 } },
        { "CenterCropPad", { 1, 2 } },
        { "MaxUnpool", { 2 } },
        { "Col2Im", { 1, 2 } },
        { "DFT", { 1 } },
        { "STFT", { 1, 2, 3 } },
        { "StringNormalizer", { 0 } },
        { "HannWindow", { 0 } },
        { "HammingWindow", { 0 } },
        { "BlackmanWindow", { 0 } },
        { "MelWeightMatrix", { 0, 1 } },
        { "Loop", { 0, 1 } },
        { "If", { 0 } },
        { "Scan", {} },
        { "SequenceAt", { 1 } },
        { "SplitToSequence", { 1 } },
        { "ConcatFromSequence", {} },
    };
    const auto it = table.find(op);
    return it == table.end() ? nullptr : &it->second;
}

bool isRandomOp(const std::string& op)
{
    return op.rfind("Random", 0) == 0 || op == "Bernoulli" || op == "Multinomial" || op == "Dropout";
}

QString tensorList(const QStringList& names)
{
    QStringList quoted;
    for (const QString& n : names.mid(0, 3))
        quoted.append(QLatin1Char('\'') + n + QLatin1Char('\''));
    QString text = quoted.join(QStringLiteral(", "));
    if (names.size() > 3)
        text += Tr::tr(" and %1 more").arg(names.size() - 3);
    return text;
}

class Describer {
public:
    Describer(const onnx::ModelProto& model, const FoldResult& fold)
        : m_model(model)
        , m_graph(model.graph())
        , m_fold(fold)
    {
        for (const auto& out : m_graph.output())
            m_declared.emplace(out.name(), &out.type());
    }

    InferenceResult run()
    {
        const size_t tensors
            = static_cast<size_t>(m_graph.node_size()) * 2 + static_cast<size_t>(m_graph.initializer_size());
        m_shape.reserve(tensors);
        m_value.reserve(tensors);
        m_order.reserve(tensors);
        seed();
        for (int i = 0; i < m_graph.node_size(); ++i)
            visit(i);
        return collect();
    }

private:
    const onnx::TypeProto* typeOf(const std::string& name) const
    {
        const auto it = m_fold.types.find(name);
        if (it != m_fold.types.end())
            return &it->second;
        const auto d = m_declared.find(name);
        return d != m_declared.end() ? d->second : nullptr;
    }

    void seed()
    {
        std::unordered_set<std::string> initializers;
        for (const auto& t : m_graph.initializer())
            initializers.insert(t.name());
        for (const auto& vi : m_graph.input()) {
            if (m_model.ir_version() < 4 && initializers.count(vi.name()))
                continue; // a weight listed as an input (IR < 4)
            const QString name = qs(vi.name());
            m_shape[vi.name()]
                = isStaticTensorType(typeOf(vi.name())) ? Verdict {} : Verdict { ShapeStatus::FollowsInput, -1, name };
            m_value[vi.name()] = { Value::Data, -1, name };
            m_order.push_back(vi.name());
        }
        for (const auto& t : m_graph.initializer()) {
            if (!m_shape.count(t.name())) {
                m_shape[t.name()] = {};
                m_value[t.name()] = {};
                m_initializers.insert(t.name());
            }
        }
    }

    void visit(int index)
    {
        const onnx::NodeProto& node = m_graph.node(index);
        const NodeFact& fact = m_fold.nodes[static_cast<size_t>(index)];
        const bool subgraph = hasSubgraph(node);
        std::vector<std::string> reads(node.input().begin(), node.input().end());
        if (subgraph) {
            for (const auto& name : implicitInputs(node))
                reads.push_back(name);
        }
        const std::vector<int>* sensitive
            = isDefaultDomain(node.domain()) ? valueSensitiveInputs(node.op_type()) : nullptr;
        Verdict worstShape;
        ValueVerdict worstValue, worstSensitive; // over every input, and over those whose values set the shape
        for (size_t k = 0; k < reads.size(); ++k) {
            const std::string& in = reads[k];
            if (in.empty())
                continue;
            const auto si = m_shape.find(in);
            const Verdict s = si != m_shape.end() ? si->second : Verdict { ShapeStatus::Unknown, -1, {} };
            if (rank(s.status) > rank(worstShape.status))
                worstShape = s;
            const auto vi = m_value.find(in);
            const ValueVerdict v = vi != m_value.end() ? vi->second : ValueVerdict { Value::Unknown, -1, {} };
            if (v.kind > worstValue.kind)
                worstValue = v;
            const bool implicit = k >= static_cast<size_t>(node.input_size());
            const bool counts = implicit || subgraph
                || (sensitive && std::find(sensitive->begin(), sensitive->end(), int(k)) != sensitive->end());
            if (counts && v.kind > worstSensitive.kind)
                worstSensitive = v;
        }
        const bool failed = fact.outcome == NodeOutcome::NoSchema || fact.outcome == NodeOutcome::NoShapeFunction
            || fact.outcome == NodeOutcome::InferenceFailed;
        const bool shapeOnly = isDefaultDomain(node.domain()) && needsOnlyShape(node.op_type());
        if (fact.outcome == NodeOutcome::Invalid)
            m_invalid.insert(index);

        for (const std::string& out : node.output()) {
            if (out.empty())
                continue;
            m_order.push_back(out);
            // What its value can be known from.
            ValueVerdict value = worstValue;
            if (m_fold.values.count(out))
                value = {};
            else if (isRandomOp(node.op_type()))
                value = { Value::Data, index, {} };
            else if (shapeOnly && !node.input().empty()) {
                const Verdict& s = m_shape[node.input(0)];
                value = s.status == ShapeStatus::Static      ? ValueVerdict {}
                    : s.status == ShapeStatus::FollowsInput  ? ValueVerdict { Value::FollowsInput, s.node, s.input }
                    : s.status == ShapeStatus::DataDependent ? ValueVerdict { Value::Data, s.node, s.input }
                                                             : ValueVerdict { Value::Unknown, s.node, s.input };
            } else if (value.kind == Value::Computable && (subgraph || !m_fold.values.count(out))) {
                // Computable in principle, but not folded here (an operator or a size the evaluator declines):
                // whatever reads its value learns it from this node.
                value = { Value::Unknown, index, {} };
            }
            m_value[out] = value;

            // What its shape is, and where that comes from.
            Verdict shape;
            const bool sensitiveData = (sensitive || subgraph) && worstSensitive.kind == Value::Data;
            if (fact.outcome == NodeOutcome::Invalid)
                shape = { ShapeStatus::Invalid, index, {} }; // whatever type ONNX gave it: the node cannot run
            else if (isStaticTensorType(typeOf(out)))
                shape = {};
            else if (sensitiveData)
                shape = { ShapeStatus::DataDependent, index, {} }; // data decides, even where an input is open too
            else if (worstShape.status != ShapeStatus::Static && !shapeOnly)
                shape = worstShape;
            else if (failed)
                shape = { ShapeStatus::Unknown, index, {} };
            else if (!sensitive && !subgraph) {
                shape = { ShapeStatus::Unknown, index, {} }; // static inputs, yet no static shape: a gap here
                m_gaps.insert(index);
            } else if (worstSensitive.kind == Value::Data)
                shape = { ShapeStatus::DataDependent, index, {} };
            else if (worstSensitive.kind == Value::FollowsInput)
                shape = { ShapeStatus::FollowsInput, worstSensitive.node, worstSensitive.input };
            else if (worstSensitive.kind == Value::Unknown && worstSensitive.node >= 0)
                shape = { ShapeStatus::Unknown, worstSensitive.node, {} };
            else
                shape = { ShapeStatus::Unknown, index, {} }; // constants in principle, but not folded here
            m_shape[out] = shape;
        }
    }

    QString originMessage(int index, ShapeStatus status, const QStringList& tensors) const
    {
        const onnx::NodeProto& node = m_graph.node(index);
        const NodeFact& fact = m_fold.nodes[static_cast<size_t>(index)];
        const QString label = nodeLabel(node, index);
        const QString op = qualifiedOpType(node);
        const QString list = tensorList(tensors);
        switch (status) {
        case ShapeStatus::DataDependent: {
            const std::vector<int>* sensitive = valueSensitiveInputs(node.op_type());
            QStringList data;
            for (int k = 0; k < node.input_size(); ++k) {
                const std::string& in = node.input(k);
                const auto it = m_value.find(in);
                const bool counts
                    = !sensitive || std::find(sensitive->begin(), sensitive->end(), k) != sensitive->end();
                if (counts && !in.empty() && it != m_value.end() && it->second.kind == Value::Data
                    && !data.contains(qs(in)))
                    data.append(qs(in));
            }
            return Tr::tr("Node '%1' (%2) makes %3 data-dependent: its output size depends on the values of "
                          "%4, not only on shapes.")
                .arg(label, op, list, data.isEmpty() ? Tr::tr("what it reads") : tensorList(data));
        }
        case ShapeStatus::Invalid:
            if (fact.inputTooSmall)
                return Tr::tr("Input too small for node '%1' (%2): %3. Give the inputs larger sizes; this "
                              "is not a data-dependent shape.")
                    .arg(label, op, fact.message);
            return Tr::tr("Node '%1' (%2) cannot run with these input shapes: %3.").arg(label, op, fact.message);
        default:
            break;
        }
        if (m_gaps.count(index))
            return Tr::tr("ONNX's shape function for node '%1' (%2) gives no static shape for %3 although every "
                          "input is static, so the shape is unknown here; it is not known to be dynamic.")
                .arg(label, op, list);
        switch (fact.outcome) {
        case NodeOutcome::NoSchema:
        case NodeOutcome::NoShapeFunction:
            return Tr::tr("Node '%1' (%2) has no shape function here (%3), so the shape of %4 is unknown; "
                          "it is not known to be dynamic.")
                .arg(label, op, fact.message, list);
        case NodeOutcome::InferenceFailed:
            return Tr::tr("ONNX shape inference failed on node '%1' (%2): %3. The shape of %4 is unknown.")
                .arg(label, op, fact.message, list);
        default:
            return Tr::tr("Node '%1' (%2) computes %3 from constants and static shapes, but it was not folded "
                          "here (%4), so its shape is unknown; ATC folds such nodes itself.")
                .arg(label, op, list, fact.message.isEmpty() ? Tr::tr("its inputs were not all folded") : fact.message);
        }
    }

    InferenceResult collect()
    {
        InferenceResult r;
        r.foldedNodes = m_fold.foldedNodes;
        r.warnings = foldWarnings(m_graph, m_fold);
        std::unordered_set<std::string> listed;
        for (const auto& out : m_graph.output()) {
            if (!m_shape.count(out.name())) { // an output that is an initializer or a name no node makes
                m_shape[out.name()]
                    = isStaticTensorType(typeOf(out.name())) ? Verdict {} : Verdict { ShapeStatus::Unknown, -1, {} };
                m_order.push_back(out.name());
            }
        }
        std::map<int, QStringList> originTensors; // node index -> tensors whose status it causes
        QHash<QString, qsizetype> position;
        for (const std::string& name : m_order) {
            if (!listed.insert(name).second)
                continue;
            const onnx::TypeProto* type = typeOf(name);
            TensorInfo info = type ? tensorInfoFrom(name, *type) : TensorInfo {};
            info.name = qs(name);
            const Verdict& v = m_shape[name];
            ShapeFact fact;
            fact.status = v.status;
            fact.origin = v.node >= 0 ? nodeLabel(m_graph.node(v.node), v.node) : v.input;
            if (const auto it = m_fold.values.find(name); it != m_fold.values.end() && !m_initializers.count(name)) {
                fact.folded = true;
                if (it->second.count() <= 8)
                    fact.value = foldTensorText(it->second);
            }
            if (v.status == ShapeStatus::FollowsInput || v.status == ShapeStatus::DataDependent)
                r.stillDynamic.append(info.name);
            else if (v.status != ShapeStatus::Static)
                r.unknownShapes.append(info.name);
            if (v.status != ShapeStatus::Static && v.node >= 0)
                originTensors[v.node].append(info.name);
            position.insert(info.name, r.tensors.size());
            r.tensors.append(info);
            r.facts.append(fact);
        }
        for (const int index : m_invalid) {
            if (!originTensors.count(index))
                originTensors[index] = {};
        }
        // Data-dependent origins first (what the user must act on), then invalid, then unknown; each in graph order.
        for (const ShapeStatus wanted : { ShapeStatus::DataDependent, ShapeStatus::Invalid, ShapeStatus::Unknown }) {
            for (const auto& [index, tensors] : originTensors) {
                ShapeStatus status = m_invalid.count(index) ? ShapeStatus::Invalid : ShapeStatus::Unknown;
                for (const QString& t : tensors) {
                    if (m_shape[t.toStdString()].status == ShapeStatus::DataDependent)
                        status = ShapeStatus::DataDependent;
                }
                if (status != wanted)
                    continue;
                // The node's own outputs name it best; the count says how far it reaches.
                QStringList own;
                for (const auto& out : m_graph.node(index).output()) {
                    if (tensors.contains(qs(out)))
                        own.append(qs(out));
                }
                ShapeOrigin origin;
                origin.node = nodeLabel(m_graph.node(index), index);
                origin.opType = qualifiedOpType(m_graph.node(index));
                origin.status = status;
                origin.tensors = tensors;
                origin.message = originMessage(index, status, own.isEmpty() ? tensors : own);
                if (tensors.size() > own.size() && !own.isEmpty())
                    origin.message += Tr::tr(" %1 tensor(s) after it follow.").arg(tensors.size() - own.size());
                r.origins.append(origin);
            }
        }
        for (const auto& vi : m_graph.input()) {
            const auto it = position.constFind(qs(vi.name()));
            if (it != position.cend())
                r.inputs.append(r.tensors.at(*it));
        }
        for (const auto& vi : m_graph.output()) {
            const auto it = position.constFind(qs(vi.name()));
            if (it != position.cend())
                r.outputs.append(r.tensors.at(*it));
        }
        return r;
    }

    const onnx::ModelProto& m_model;
    const onnx::GraphProto& m_graph;
    const FoldResult& m_fold;
    std::unordered_map<std::string, const onnx::TypeProto*> m_declared;
    std::unordered_map<std::string, Verdict> m_shape;
    std::unordered_map<std::string, ValueVerdict> m_value;
    std::unordered_set<std::string> m_initializers;
    std::set<int> m_invalid;
    std::set<int> m_gaps; // nodes whose static inputs still gave no static shape (an inference gap)
    std::vector<std::string> m_order;
};

} // namespace

InferenceResult describeShapes(const onnx::ModelProto& model, const FoldResult& fold)
{
    return Describer(model, fold).run();
}

} // namespace detail

} // namespace wb
