#include "surgery.h"

#include "graphutil_p.h"
#include "modelwriter_p.h"
#include "onnxproto_p.h"
#include "shapeinference_p.h"
#include "tensorsource_p.h"

#include <QFileInfo>

namespace wb {

using detail::checkAndWrite;
using detail::checkDestination;
using detail::surgeryError;

Result<SurgeryResult> writeStaticCopy(
    const OnnxModel& model, const QList<InputShapeSpec>& shapes, const QString& outPath)
{
    if (auto error = checkDestination(model, outPath))
        return *error;
    Result<std::shared_ptr<onnx::ModelProto>> full = model.fullProto();
    if (!full.ok())
        return full.error();
    onnx::ModelProto& proto = *full.value();
    if (auto error = detail::applyInputShapes(proto, shapes))
        return *error;
    const detail::TensorSource source(model.summary().path);
    const Result<detail::FoldResult> folded = detail::inferIntoModel(proto, &source);
    if (!folded.ok())
        return folded.error();
    const InferenceResult verdict = detail::describeShapes(proto, folded.value());
    QStringList warnings = verdict.warnings;
    Result<SurgeryResult> result = checkAndWrite(proto, model, outPath, &warnings);
    if (!result.ok())
        return result;
    SurgeryResult r = std::move(result).value();
    r.warnings = warnings;
    r.stillDynamic = verdict.stillDynamic;
    r.unknownShapes = verdict.unknownShapes;
    return r;
}

Result<SurgeryResult> extractSubModel(
    const OnnxModel& model, const QStringList& inputs, const QStringList& outputs, const QString& outPath)
{
    if (auto error = checkDestination(model, outPath))
        return *error;
    if (outputs.isEmpty())
        return surgeryError(QStringLiteral("unknown_tensor"), QStringLiteral("Name at least one output tensor."));
    Result<std::shared_ptr<onnx::ModelProto>> full = model.fullProto();
    if (!full.ok())
        return full.error();
    onnx::ModelProto& proto = *full.value();
    const detail::TensorSource source(model.summary().path);
    const Result<detail::FoldResult> folded = detail::inferIntoModel(proto, &source); // types for the new boundaries
    if (!folded.ok())
        return folded.error();
    const onnx::GraphProto& g = proto.graph();

    std::unordered_map<std::string, int> producer;
    for (int i = 0; i < g.node_size(); ++i) {
        for (const auto& out : g.node(i).output())
            producer.emplace(out, i);
    }
    std::unordered_set<std::string> initializers;
    for (const auto& t : g.initializer())
        initializers.insert(t.name());
    std::unordered_set<std::string> graphInputs;
    for (const auto& vi : g.input()) {
        if (!initializers.count(vi.name()))
            graphInputs.insert(vi.name());
    }
    auto exists = [&](const std::string& name) {
        return producer.count(name) || graphInputs.count(name) || initializers.count(name);
    };
    std::unordered_set<std::string> boundary;
    for (const QString& name : inputs.isEmpty() ? QStringList() : inputs) {
        if (!exists(name.toStdString()))
            return surgeryError(QStringLiteral("unknown_tensor"),
                QStringLiteral("The model has no tensor named '%1' (given in --inputs).").arg(name));
        boundary.insert(name.toStdString());
    }
    if (inputs.isEmpty())
        boundary = graphInputs;
    for (const QString& name : outputs) {
        if (!exists(name.toStdString()))
            return surgeryError(QStringLiteral("unknown_tensor"),
                QStringLiteral("The model has no tensor named '%1' (given in --outputs).").arg(name));
    }

    // Walk back from the outputs to the boundary: what no node makes must be a weight or a given input.
    std::vector<std::string> wanted;
    for (const QString& name : outputs)
        wanted.push_back(name.toStdString());
    const detail::Reach reach = detail::reachBack(g, wanted, boundary);
    const std::vector<bool>& keepNode = reach.nodes;
    std::unordered_set<std::string> keepInit;
    for (const std::string& name : reach.leaves) {
        if (!initializers.count(name))
            return surgeryError(QStringLiteral("missing_input"),
                QStringLiteral("The outputs depend on graph input '%1', which is not among the inputs given; add it "
                               "to --inputs.")
                    .arg(detail::qs(name)));
        keepInit.insert(name);
    }

    const auto index = detail::valueInfoIndex(g);
    auto boundaryInfo = [&](const std::string& name, onnx::ValueInfoProto* into) -> std::optional<Error> {
        const auto it = index.find(name);
        if (it == index.end() || !it->second->type().has_tensor_type()
            || it->second->type().tensor_type().elem_type() == 0)
            return surgeryError(QStringLiteral("unknown_type"),
                QStringLiteral("The type of tensor '%1' is unknown (shape inference could not reach it), so it cannot "
                               "become a model input or output. Fix the input shapes first.")
                    .arg(detail::qs(name)));
        *into = *it->second;
        return std::nullopt;
    };

    onnx::ModelProto sub;
    sub.set_ir_version(proto.ir_version());
    *sub.mutable_opset_import() = proto.opset_import();
    *sub.mutable_functions() = proto.functions();
    sub.set_producer_name(proto.producer_name());
    sub.set_producer_version(proto.producer_version());
    sub.set_domain(proto.domain());
    sub.set_doc_string("Extracted by ATC Workbench from " + QFileInfo(model.summary().path).fileName().toStdString());
    onnx::GraphProto* sg = sub.mutable_graph();
    sg->set_name(g.name() + "_extracted");
    std::unordered_set<std::string> used;
    for (int i = 0; i < g.node_size(); ++i) {
        if (!keepNode[static_cast<size_t>(i)])
            continue;
        *sg->add_node() = g.node(i);
        for (const auto& in : g.node(i).input())
            used.insert(in);
        for (const auto& out : g.node(i).output())
            used.insert(out);
        for (const auto& in : detail::implicitInputs(g.node(i)))
            used.insert(in);
    }
    // Inputs in the order given (or the model's order), only those the slice reads.
    std::vector<std::string> inputOrder;
    if (inputs.isEmpty()) {
        for (const auto& vi : g.input()) {
            if (graphInputs.count(vi.name()))
                inputOrder.push_back(vi.name());
        }
    } else {
        for (const QString& name : inputs)
            inputOrder.push_back(name.toStdString());
    }
    for (const std::string& name : inputOrder) {
        if (!used.count(name) && !outputs.contains(QString::fromStdString(name)))
            continue;
        if (auto error = boundaryInfo(name, sg->add_input()))
            return *error;
    }
    for (const QString& name : outputs) {
        if (auto error = boundaryInfo(name.toStdString(), sg->add_output()))
            return *error;
    }
    for (const auto& t : g.initializer()) {
        if (keepInit.count(t.name()))
            *sg->add_initializer() = t;
    }
    for (const auto& vi : g.value_info()) {
        if (used.count(vi.name()))
            *sg->add_value_info() = vi;
    }
    QStringList warnings = detail::foldWarnings(proto.graph(), folded.value());
    Result<SurgeryResult> result = checkAndWrite(sub, model, outPath, &warnings);
    if (result.ok()) {
        SurgeryResult r = std::move(result).value();
        r.warnings = warnings;
        return r;
    }
    return result;
}

} // namespace wb
