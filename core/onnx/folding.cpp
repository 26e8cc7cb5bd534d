#include "folding_p.h"

#include "evaluator_p.h"
#include "graphutil_p.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <QStringList>

#include <deque>
#include <memory>
#include <set>
#include <unordered_set>

namespace wb::detail {

namespace {

QString firstLine(const char* what)
{
    QString text = QString::fromLocal8Bit(what).trimmed();
    // ONNX prefixes "[ShapeInferenceError] " and may append node context; keep the sentence people need.
    text.remove(QStringLiteral("[ShapeInferenceError] "));
    text.remove(QStringLiteral("[TypeInferenceError] "));
    return text.section(QLatin1Char('\n'), 0, 0);
}

class Folder {
public:
    Folder(onnx::ModelProto& model, const FoldOptions& options, const TensorSource* source)
        : m_model(model)
        , m_graph(*model.mutable_graph())
        , m_options(options)
        , m_source(source)
    {
        for (const auto& o : model.opset_import()) {
            m_opsets[o.domain()] = static_cast<int>(o.version());
            if (isDefaultDomain(o.domain())) {
                m_opsets[""] = static_cast<int>(o.version());
                m_opsets["ai.onnx"] = static_cast<int>(o.version());
            }
        }
        for (const auto& f : model.functions())
            m_functions[f.domain() + ":" + f.name()] = &f; // ONNX's key for model-local functions
        // Subgraphs (If, Loop, Scan) see the outer scope's types as they stand when their node is reached.
        m_context = std::make_unique<onnx::shape_inference::GraphInferenceContext>(m_types, m_opsets, nullptr,
            m_functions, onnx::OpSchemaRegistry::Instance(), &m_generated, static_cast<int>(model.ir_version()));
    }

    FoldResult run()
    {
        const size_t tensors
            = static_cast<size_t>(m_graph.node_size()) * 2 + static_cast<size_t>(m_graph.initializer_size());
        m_types.reserve(tensors);
        m_data.reserve(tensors);
        seedGraphInputs();
        m_result.nodes.resize(static_cast<size_t>(m_graph.node_size()));
        for (int i = 0; i < m_graph.node_size(); ++i)
            process(i);
        m_result.types.reserve(m_types.size());
        for (const auto& [name, type] : m_types)
            m_result.types.emplace(name, std::move(*type)); // the folder is done with them
        for (auto& [name, value] : m_values)
            m_result.values.emplace(name, std::move(value));
        return std::move(m_result);
    }

private:
    onnx::TypeProto* newType(const std::string& name)
    {
        m_typeStore.emplace_back();
        m_types[name] = &m_typeStore.back();
        return &m_typeStore.back();
    }

    void setConstant(const std::string& name, FoldTensor value, const onnx::TensorProto* proto)
    {
        if (!proto) {
            m_protoStore.emplace_back();
            foldTensorToProto(value, &m_protoStore.back());
            m_protoStore.back().set_name(name);
            proto = &m_protoStore.back();
        }
        m_data[name] = proto;
        m_values[name] = std::move(value);
    }

    void seedGraphInputs()
    {
        // Before IR 4 initializers are listed as inputs too; they are weights. From IR 4 on, an initializer that is
        // also an input is only a default the caller may override: not a constant.
        std::unordered_set<std::string> inputs, initializers;
        for (const auto& t : m_graph.initializer())
            initializers.insert(t.name());
        for (const auto& vi : m_graph.input()) {
            if (m_model.ir_version() >= 4 || !initializers.count(vi.name()))
                inputs.insert(vi.name());
            if (vi.has_type())
                *newType(vi.name()) = vi.type();
        }
        for (const auto& t : m_graph.initializer()) {
            if (!m_types.count(t.name())) {
                auto* type = newType(t.name())->mutable_tensor_type();
                type->set_elem_type(t.data_type());
                auto* shape = type->mutable_shape();
                for (const auto d : t.dims())
                    shape->add_dim()->set_dim_value(d);
            }
            if (inputs.count(t.name()))
                continue;
            m_initializers[t.name()] = &t;
            if (TensorSource::hasInlineData(t))
                m_data[t.name()] = &t; // ONNX's shape functions read it; the evaluator converts it when it needs it
        }
    }

    // The value of an input for the evaluator: a constant, a weight read from the file now, or for Shape/Size a
    // static type. Null when not available.
    const FoldTensor* available(const std::string& name, bool shapeOnly)
    {
        if (const auto it = m_values.find(name); it != m_values.end())
            return &it->second;
        if (const auto it = m_initializers.find(name); it != m_initializers.end()) {
            const onnx::TensorProto& t = *it->second;
            const int64_t n = elementCount({ t.dims().begin(), t.dims().end() });
            const bool fits = !shapeOnly && n >= 0 && n <= m_options.maxElements && isFoldableType(t.data_type());
            if (fits && TensorSource::hasInlineData(t)) {
                if (auto v = foldTensorFromProto(t)) {
                    m_values[name] = std::move(*v);
                    return &m_values[name];
                }
            } else if (fits && m_source) {
                if (auto full = m_source->load(t)) {
                    m_protoStore.push_back(std::move(*full));
                    if (auto v = foldTensorFromProto(m_protoStore.back())) {
                        setConstant(name, std::move(*v), &m_protoStore.back());
                        return &m_values[name];
                    }
                }
            }
        }
        if (!shapeOnly)
            return nullptr;
        const auto type = m_types.find(name);
        if (type == m_types.end() || !isStaticTensorType(type->second))
            return nullptr;
        FoldTensor& t = m_shapeOnly[name];
        t.type = type->second->tensor_type().elem_type();
        t.dims.clear();
        for (const auto& d : type->second->tensor_type().shape().dim())
            t.dims.push_back(d.dim_value());
        t.shapeOnly = true;
        return &t;
    }

    bool tryFold(onnx::NodeProto& node, NodeFact& fact, int opset)
    {
        if (!isDefaultDomain(node.domain()) || !isEvaluatedOp(node.op_type()) || hasSubgraph(node))
            return false;
        std::vector<const FoldTensor*> inputs;
        for (int k = 0; k < node.input_size(); ++k) {
            const std::string& name = node.input(k);
            if (name.empty()) {
                inputs.push_back(nullptr);
                continue;
            }
            const FoldTensor* t = available(name, k == 0 && needsOnlyShape(node.op_type()));
            if (!t && k == 0 && acceptsShapeOnlyData(node.op_type()))
                t = available(name, true); // only its shape: enough to prove the node fits, not to fold it
            if (!t)
                return false;
            inputs.push_back(t);
        }
        onnx::NodeProto loaded;
        const onnx::NodeProto* toEvaluate = &node;
        if (node.op_type() == "Constant") { // a large value the loader left in the file: read it if small enough
            for (const auto& a : node.attribute()) {
                if (a.name() != "value" || !a.has_t() || TensorSource::hasInlineData(a.t()))
                    continue;
                const int64_t n = elementCount({ a.t().dims().begin(), a.t().dims().end() });
                auto full = m_source && n >= 0 && n <= m_options.maxElements ? m_source->load(a.t()) : std::nullopt;
                if (!full) {
                    fact.message = QStringLiteral("its value is left in the file (%1 elements)").arg(n);
                    return false;
                }
                loaded = node;
                for (auto& b : *loaded.mutable_attribute()) {
                    if (b.name() == "value")
                        *b.mutable_t() = std::move(*full);
                }
                toEvaluate = &loaded;
            }
        }
        EvalOutcome outcome = evaluateNode(*toEvaluate, opset, inputs, m_options.maxElements);
        if (outcome.status == EvalOutcome::Status::Invalid) {
            fact.outcome = NodeOutcome::Invalid;
            fact.message = outcome.message;
            return false;
        }
        if (outcome.status != EvalOutcome::Status::Done) {
            fact.message = outcome.message;
            return false;
        }
        for (const FoldTensor& value : outcome.outputs) {
            if (value.shapeOnly)
                return false; // checked, not folded: ONNX's shape function types the outputs
        }
        for (int k = 0; k < node.output_size(); ++k) {
            FoldTensor& value = outcome.outputs[static_cast<size_t>(k)];
            const std::string& name = node.output(k);
            if (name.empty() || value.type == 0)
                continue;
            auto* type = newType(name)->mutable_tensor_type();
            type->set_elem_type(value.type);
            auto* shape = type->mutable_shape();
            for (const int64_t d : value.dims)
                shape->add_dim()->set_dim_value(d);
            setConstant(name, std::move(value), nullptr);
        }
        fact.outcome = NodeOutcome::Folded;
        fact.message.clear();
        ++m_result.foldedNodes;
        return true;
    }

    void infer(onnx::NodeProto& node, NodeFact& fact, int opset)
    {
        const auto* schema = onnx::OpSchemaRegistry::Instance()->GetSchema(node.op_type(), opset, node.domain());
        const onnx::FunctionProto* local = nullptr;
        if (!schema) {
            const auto it = m_functions.find(node.domain() + ":" + node.op_type());
            local = it != m_functions.end() ? it->second : nullptr;
            if (!local) {
                fact.outcome = NodeOutcome::NoSchema;
                fact.message = isDefaultDomain(node.domain())
                    ? QStringLiteral("ONNX %1 has no operator %2 at opset %3")
                          .arg(QStringLiteral("1.12"), qs(node.op_type()))
                          .arg(opset)
                    : QStringLiteral("%1::%2 is a custom-domain operator with no shape function here")
                          .arg(qs(node.domain()), qs(node.op_type()));
                return;
            }
        }
        const onnx::ShapeInferenceOptions options { false, 1, m_options.dataPropagation };
        onnx::shape_inference::InferenceContextImpl ctx(node, m_types, m_data, {}, &m_generated, m_context.get());
        try {
            if (local)
                onnx::shape_inference::InferShapeForFunctionNode(
                    *local, onnx::OpSchemaRegistry::Instance(), ctx, options, m_functions, nullptr, &m_generated);
            else if (schema->has_type_and_shape_inference_function())
                schema->GetTypeAndShapeInferenceFunction()(ctx);
            else if (schema->HasFunction())
                onnx::shape_inference::InferShapeForFunctionNode(*schema->GetFunction(),
                    onnx::OpSchemaRegistry::Instance(), ctx, options, m_functions, nullptr, &m_generated);
            else {
                fact.outcome = NodeOutcome::NoShapeFunction;
                fact.message = QStringLiteral("ONNX has no shape function for %1").arg(qs(node.op_type()));
                return;
            }
        } catch (const std::exception& e) {
            if (fact.outcome != NodeOutcome::Invalid) {
                fact.outcome = NodeOutcome::InferenceFailed;
                fact.message = firstLine(e.what());
            }
            return;
        }
        for (int k = 0; k < node.output_size(); ++k) {
            const std::string& name = node.output(k);
            onnx::TypeProto* inferred = ctx.getOutputType(static_cast<size_t>(k));
            if (name.empty() || inferred->value_case() == onnx::TypeProto::VALUE_NOT_SET)
                continue;
            try {
                onnx::TypeProto* existing = newType(name);
                onnx::shape_inference::mergeShapesAndTypes(*inferred, existing);
            } catch (const std::exception& e) {
                fact.outcome = NodeOutcome::InferenceFailed;
                fact.message = firstLine(e.what());
            }
        }
        checkOutputSizes(node, fact);
        if (m_options.dataPropagation && schema && schema->has_data_propagation_function()) {
            try {
                onnx::shape_inference::DataPropagationContextImpl dp(node, m_types, m_data, m_generated);
                schema->GetDataPropagationFunction()(dp);
            } catch (const std::exception&) {
                // Partial shape data is a bonus; the node's types already stand.
            }
        }
    }

    // ONNX's shape functions compute a window's output size as (input - kernel) / stride + 1 without checking it: an
    // input shorter than the kernel gives 0 or a negative size. That node cannot run; say so instead of leaving a
    // shape that later reads as dynamic.
    void checkOutputSizes(const onnx::NodeProto& node, NodeFact& fact)
    {
        static const std::set<std::string> windowed { "Conv", "ConvInteger", "QLinearConv", "MaxPool", "AveragePool",
            "LpPool", "Im2Col", "Col2Im" };
        const bool window = windowed.count(node.op_type()) > 0;
        for (const std::string& name : node.output()) {
            const auto it = m_types.find(name);
            if (name.empty() || it == m_types.end() || !it->second || !it->second->has_tensor_type()
                || !it->second->tensor_type().has_shape())
                continue;
            const auto& shape = it->second->tensor_type().shape();
            for (int d = 0; d < shape.dim_size(); ++d) {
                if (!shape.dim(d).has_dim_value())
                    continue;
                const int64_t v = shape.dim(d).dim_value();
                if (v < 0 || (v == 0 && window && d >= 2)) {
                    fact.outcome = NodeOutcome::Invalid;
                    fact.inputTooSmall = true;
                    fact.message = QStringLiteral("its output %1 would have size %2 in dimension %3: the input is "
                                                  "smaller than the node's kernel or window")
                                       .arg(qs(name))
                                       .arg(v)
                                       .arg(d);
                    return;
                }
            }
        }
    }

    void process(int index)
    {
        onnx::NodeProto& node = *m_graph.mutable_node(index);
        NodeFact& fact = m_result.nodes[static_cast<size_t>(index)];
        const auto dit = m_opsets.find(node.domain());
        const int opset = dit == m_opsets.end() ? 0 : dit->second;
        if (dit == m_opsets.end()) {
            fact.outcome = NodeOutcome::NoSchema;
            fact.message = QStringLiteral("the model imports no opset for domain '%1'").arg(qs(node.domain()));
        } else if (!tryFold(node, fact, opset)) {
            infer(node, fact, opset);
        }
    }

    onnx::ModelProto& m_model;
    onnx::GraphProto& m_graph;
    const FoldOptions& m_options;
    const TensorSource* m_source;
    std::unordered_map<std::string, int> m_opsets;
    onnx::shape_inference::ModelLocalFunctionsMap m_functions;
    std::deque<onnx::TypeProto> m_typeStore;
    std::deque<onnx::TensorProto> m_protoStore;
    std::unordered_map<std::string, onnx::TypeProto*> m_types;
    std::unordered_map<std::string, const onnx::TensorProto*> m_data;
    std::unordered_map<std::string, const onnx::TensorProto*> m_initializers;
    std::unordered_map<std::string, FoldTensor> m_values;
    std::unordered_map<std::string, FoldTensor> m_shapeOnly;
    std::unordered_map<std::string, onnx::TensorShapeProto> m_generated;
    std::unique_ptr<onnx::shape_inference::GraphInferenceContext> m_context;
    FoldResult m_result;
};

} // namespace

Result<FoldResult> foldAndInfer(onnx::ModelProto& model, const FoldOptions& options, const TensorSource* source)
{
    onnx::GraphProto* graph = model.mutable_graph();
    if (std::vector<int> cyclic; !topologicalSort(graph, &cyclic)) {
        QStringList stuck;
        for (const int i : cyclic)
            stuck.append(QStringLiteral("%1 (%2)").arg(nodeLabel(graph->node(i), i), qs(graph->node(i).op_type())));
        return Error { QStringLiteral("cycle"),
            QStringLiteral("The graph has a cycle, so no node order exists: %1%2 depend on each other's outputs. "
                           "Re-export the model; a valid ONNX graph is acyclic.")
                .arg(QStringList(stuck.mid(0, 6)).join(QStringLiteral(", ")),
                    stuck.size() > 6 ? QStringLiteral(" and %1 more").arg(stuck.size() - 6) : QString()),
            stuck.join(QLatin1Char('\n')) };
    }
    // What an exporter or an earlier run inferred is dropped: every shape here is this run's. Outputs keep only
    // their element type.
    graph->clear_value_info();
    for (auto& out : *graph->mutable_output()) {
        if (out.type().has_tensor_type())
            out.mutable_type()->mutable_tensor_type()->clear_shape();
    }
    try {
        return Folder(model, options, source).run();
    } catch (const std::exception& e) {
        return Error { QStringLiteral("inference_failed"),
            QStringLiteral("Shape inference failed: %1").arg(firstLine(e.what())), {} };
    }
}

} // namespace wb::detail
