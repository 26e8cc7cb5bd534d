#include "shapeinference.h"

#include "graphutil_p.h"
#include "logging/logging.h"
#include "onnxproto_p.h"
#include "shapeinference_p.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <QSet>

namespace wb {

namespace detail {

std::optional<Error> applyInputShapes(onnx::ModelProto& model, const QList<InputShapeSpec>& fixed)
{
    onnx::GraphProto* graph = model.mutable_graph();
    // Matches the summary: before IR 4 initializers listed as inputs are weights; from IR 4 on they are real
    // inputs with a default value, which may be given a shape like any other.
    std::unordered_set<std::string> weights;
    if (model.ir_version() < 4) {
        for (const auto& t : graph->initializer())
            weights.insert(t.name());
    }
    QStringList names;
    for (const auto& vi : graph->input()) {
        if (!weights.count(vi.name()))
            names.append(qs(vi.name()));
    }
    for (const InputShapeSpec& spec : fixed) {
        onnx::ValueInfoProto* input = nullptr;
        for (auto& vi : *graph->mutable_input()) {
            if (qs(vi.name()) == spec.name && !weights.count(vi.name()))
                input = &vi;
        }
        if (!input)
            return Error { QStringLiteral("unknown_input"),
                QStringLiteral("The model has no input named '%1'. Its inputs are: %2.")
                    .arg(spec.name, names.join(QStringLiteral(", "))),
                {} };
        if (input->has_type() && !input->type().has_tensor_type())
            return Error { QStringLiteral("not_a_tensor"),
                QStringLiteral("Input '%1' is a %2, not a tensor; only tensor inputs take a shape.")
                    .arg(spec.name, tensorInfoFrom(*input).dtype),
                {} };
        if (!spec.isStatic())
            return Error { QStringLiteral("not_static"),
                QStringLiteral("Input '%1': every dimension must be a fixed size to fix shapes (got %2).")
                    .arg(spec.name, formatInputShapeSpec({ spec })),
                {} };
        auto* tensorType = input->mutable_type()->mutable_tensor_type();
        if (tensorType->has_shape() && tensorType->shape().dim_size() != spec.dims.size())
            return Error { QStringLiteral("rank_mismatch"),
                QStringLiteral("Input '%1' has %2 dimensions, but %3 were given (%4).")
                    .arg(spec.name)
                    .arg(tensorType->shape().dim_size())
                    .arg(spec.dims.size())
                    .arg(formatInputShapeSpec({ spec })),
                {} };
        auto* shape = tensorType->mutable_shape();
        shape->clear_dim();
        for (const ShapeSpecDim& d : spec.dims)
            shape->add_dim()->set_dim_value(d.min);
    }
    return std::nullopt;
}

Result<QStringList> runShapeInference(onnx::ModelProto& model)
{
    onnx::GraphProto* graph = model.mutable_graph();
    topologicalSort(graph);
    // ONNX merges into existing shapes instead of replacing them: drop what an earlier run or the exporter
    // left, keeping only each output's element type.
    graph->clear_value_info();
    for (auto& out : *graph->mutable_output()) {
        if (out.type().has_tensor_type())
            out.mutable_type()->mutable_tensor_type()->clear_shape();
    }
    QStringList problems;
    try {
        onnx::ShapeInferenceOptions options { false, 0, true };
        onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(), options);
    } catch (const std::exception& e) {
        return Error { QStringLiteral("inference_failed"),
            QStringLiteral("ONNX shape inference failed: %1").arg(QString::fromLocal8Bit(e.what())), {} };
    }
    // A strict second pass on a throw-away copy only to learn why some nodes stayed unknown.
    try {
        onnx::ModelProto probe = model;
        onnx::ShapeInferenceOptions strict { false, 1, true };
        onnx::shape_inference::InferShapes(probe, onnx::OpSchemaRegistry::Instance(), strict);
    } catch (const std::exception& e) {
        for (const QString& line : QString::fromLocal8Bit(e.what()).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (problems.size() < 50)
                problems.append(line.trimmed());
        }
    }
    return problems;
}

} // namespace detail

Result<InferenceResult> inferShapes(const OnnxModel& model, const QList<InputShapeSpec>& fixed)
{
    onnx::ModelProto copy = model.proto(); // topology only: weights were left in the file
    if (auto error = detail::applyInputShapes(copy, fixed))
        return *error;
    const Result<QStringList> problems = detail::runShapeInference(copy);
    if (!problems.ok())
        return problems.error();

    InferenceResult result;
    result.warnings = problems.value();
    const onnx::GraphProto& g = copy.graph();
    const auto index = detail::valueInfoIndex(g);
    std::unordered_set<std::string> initializers;
    for (const auto& t : g.initializer())
        initializers.insert(t.name());
    QSet<QString> listed;
    auto add = [&](const std::string& name, bool isGraphInput) {
        const QString qname = detail::qs(name);
        if (name.empty() || listed.contains(qname) || (!isGraphInput && initializers.count(name)))
            return;
        listed.insert(qname);
        const auto it = index.find(name);
        TensorInfo info;
        if (it != index.end() && it->second->has_type())
            info = detail::tensorInfoFrom(*it->second);
        info.name = qname;
        result.tensors.append(info);
        if (info.isDynamic())
            result.stillDynamic.append(qname);
    };
    for (const auto& vi : g.input()) {
        if (copy.ir_version() >= 4 || !initializers.count(vi.name()))
            add(vi.name(), true);
    }
    for (const auto& node : g.node()) {
        for (const auto& out : node.output())
            add(out, false);
    }
    for (const auto& vi : g.output())
        add(vi.name(), false);
    QSet<QString> dynamic(result.stillDynamic.cbegin(), result.stillDynamic.cend());
    for (int nodeIndex = 0; nodeIndex < g.node_size(); ++nodeIndex) {
        const auto& node = g.node(nodeIndex);
        bool inputsStatic = true;
        for (const auto& in : node.input())
            inputsStatic = inputsStatic && (in.empty() || !dynamic.contains(detail::qs(in)));
        if (!inputsStatic)
            continue;
        for (const auto& out : node.output()) {
            if (!dynamic.contains(detail::qs(out)))
                continue;
            const QString name = node.name().empty() ? QStringLiteral("%1#%2").arg(detail::qs(node.op_type())).arg(nodeIndex)
                                                      : detail::qs(node.name());
            result.dynamicOriginNodes.append(name);
            result.dynamicOrigins.append(
                QStringLiteral("Node '%1' (%2) makes '%3' dynamic from static inputs: its size depends on data, or "
                               "ONNX shape inference cannot follow it.")
                    .arg(name, detail::qs(node.op_type()), detail::qs(out)));
        }
    }
    QHash<QString, qsizetype> position;
    for (qsizetype i = 0; i < result.tensors.size(); ++i)
        position.insert(result.tensors.at(i).name, i);
    for (const auto& vi : g.input()) {
        const auto it = position.constFind(detail::qs(vi.name()));
        if (it != position.cend())
            result.inputs.append(result.tensors.at(*it));
    }
    for (const auto& vi : g.output()) {
        const auto it = position.constFind(detail::qs(vi.name()));
        if (it != position.cend())
            result.outputs.append(result.tensors.at(*it));
    }
    log::onnx()->info("Shape inference: {} tensors, {} still dynamic", result.tensors.size(), result.stillDynamic.size());
    return result;
}

} // namespace wb
