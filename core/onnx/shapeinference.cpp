#include "shapeinference.h"

#include "graphutil_p.h"
#include "logging/logging.h"
#include "onnxproto_p.h"
#include "shapeinference_p.h"

#include <QCoreApplication>
#include <unordered_set>

#include "onnx/shapeverdicttr_p.h"

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
                Tr::tr("The model has no input named '%1'. Its inputs are: %2.")
                    .arg(spec.name, names.join(QStringLiteral(", "))),
                {} };
        if (input->has_type() && !input->type().has_tensor_type())
            return Error { QStringLiteral("not_a_tensor"),
                Tr::tr("Input '%1' is a %2, not a tensor; only tensor inputs take a shape.")
                    .arg(spec.name, tensorInfoFrom(*input).dtype),
                {} };
        if (!spec.isStatic())
            return Error { QStringLiteral("not_static"),
                Tr::tr("Input '%1': every dimension must be a fixed size to fix shapes (got %2).")
                    .arg(spec.name, formatInputShapeSpec({ spec })),
                {} };
        auto* tensorType = input->mutable_type()->mutable_tensor_type();
        if (tensorType->has_shape() && tensorType->shape().dim_size() != spec.dims.size())
            return Error { QStringLiteral("rank_mismatch"),
                Tr::tr("Input '%1' has %2 dimensions, but %3 were given (%4).")
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

Result<FoldResult> inferIntoModel(onnx::ModelProto& model, const TensorSource* source, const FoldOptions& options)
{
    onnx::GraphProto* graph = model.mutable_graph();
    std::unordered_map<std::string, onnx::TypeProto> declared;
    for (const auto& out : graph->output())
        declared.emplace(out.name(), out.type());
    Result<FoldResult> folded = foldAndInfer(model, options, source);
    if (!folded.ok())
        return folded;
    const FoldResult& fold = folded.value();
    std::unordered_set<std::string> outputs;
    for (auto& out : *graph->mutable_output()) {
        outputs.insert(out.name());
        const auto it = fold.types.find(out.name());
        const onnx::TypeProto& before = declared[out.name()];
        if (it == fold.types.end() || !it->second.has_tensor_type() || !before.has_tensor_type()) {
            *out.mutable_type() = it == fold.types.end() ? before : it->second;
            continue;
        }
        // Inferred dims win; a dim inference left open keeps what the model declared (a name, say).
        onnx::TypeProto merged = it->second;
        auto* tt = merged.mutable_tensor_type();
        const auto& old = before.tensor_type();
        if (tt->elem_type() == 0)
            tt->set_elem_type(old.elem_type());
        if (!tt->has_shape() && old.has_shape())
            *tt->mutable_shape() = old.shape();
        else if (tt->has_shape() && old.has_shape() && old.shape().dim_size() == tt->shape().dim_size()) {
            for (int k = 0; k < tt->shape().dim_size(); ++k) {
                auto* d = tt->mutable_shape()->mutable_dim(k);
                if (!d->has_dim_value() && (old.shape().dim(k).has_dim_value() || old.shape().dim(k).has_dim_param()))
                    *d = old.shape().dim(k);
            }
        }
        *out.mutable_type() = merged;
    }
    std::unordered_set<std::string> inputs;
    for (const auto& vi : graph->input())
        inputs.insert(vi.name());
    for (const auto& node : graph->node()) {
        for (const auto& name : node.output()) {
            const auto it = fold.types.find(name);
            if (name.empty() || outputs.count(name) || it == fold.types.end())
                continue;
            const onnx::TypeProto& type = it->second;
            // A tensor type without a shape (or element type) is what the checker refuses: leave such tensors out.
            if (type.has_tensor_type() && (!type.tensor_type().has_shape() || type.tensor_type().elem_type() == 0))
                continue;
            if (type.value_case() == onnx::TypeProto::VALUE_NOT_SET)
                continue;
            auto* vi = graph->add_value_info();
            vi->set_name(name);
            *vi->mutable_type() = type;
        }
    }
    return folded;
}

QStringList foldWarnings(const onnx::GraphProto& graph, const FoldResult& fold, int limit)
{
    QStringList warnings;
    for (int i = 0; i < graph.node_size() && warnings.size() < limit; ++i) {
        const NodeFact& f = fold.nodes[static_cast<size_t>(i)];
        if (f.outcome != NodeOutcome::InferenceFailed && f.outcome != NodeOutcome::Invalid)
            continue;
        const onnx::NodeProto& node = graph.node(i);
        bool inputsKnown = true; // a shape function failing on an input of unknown type only echoes an earlier cause
        for (const auto& in : node.input())
            inputsKnown = inputsKnown && (in.empty() || fold.types.count(in));
        if (f.outcome == NodeOutcome::InferenceFailed && !inputsKnown)
            continue;
        warnings.append(QStringLiteral("Node '%1' (%2): %3").arg(nodeLabel(node, i), qs(node.op_type()), f.message));
    }
    return warnings;
}

} // namespace detail

Result<InferenceResult> inferShapes(const OnnxModel& model, const QList<InputShapeSpec>& fixed)
{
    onnx::ModelProto copy = model.proto(); // topology only: weights were left in the file
    if (auto error = detail::applyInputShapes(copy, fixed))
        return *error;
    const detail::TensorSource source(model.summary().path);
    const Result<detail::FoldResult> folded = detail::foldAndInfer(copy, {}, &source);
    if (!folded.ok())
        return folded.error();
    InferenceResult result = detail::describeShapes(copy, folded.value());
    log::onnx()->info("Shape inference: {} tensors, {} folded nodes, {} dynamic, {} unknown", result.tensors.size(),
        result.foldedNodes, result.stillDynamic.size(), result.unknownShapes.size());
    return result;
}

} // namespace wb
