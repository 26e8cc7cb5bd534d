#include "surgery.h"

#include "graphutil_p.h"
#include "logging/logging.h"
#include "onnxproto_p.h"
#include "shapeinference_p.h"
#include "tensorsource_p.h"

#include <onnx/checker.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace onnx::checker {
// Exported by libonnx 1.12 but not declared in its header: the overload that lets us name the folder external
// data is relative to (the plain overload resolves it against the current directory).
void check_model(const ModelProto& model, CheckerContext& ctx);
} // namespace onnx::checker

namespace wb {

namespace {

Error surgeryError(const QString& code, const QString& message)
{
    return Error { code, message, {} };
}

std::optional<Error> checkDestination(const OnnxModel& model, const QString& outPath)
{
    const QFileInfo out(outPath);
    const QFileInfo source(model.summary().path);
    const QString outCanonical = out.exists() ? out.canonicalFilePath() : out.absoluteFilePath();
    if (outCanonical == source.canonicalFilePath())
        return surgeryError(QStringLiteral("would_overwrite"),
            QStringLiteral("%1 is the model itself; choose another file name (the source is never overwritten).")
                .arg(QDir::toNativeSeparators(outPath)));
    const QFileInfo dir(out.absolutePath());
    if (!dir.isDir() || !dir.isWritable())
        return surgeryError(QStringLiteral("not_writable"),
            QStringLiteral("Cannot write %1: the folder %2 does not exist or is not writable.")
                .arg(QDir::toNativeSeparators(outPath), QDir::toNativeSeparators(out.absolutePath())));
    if (out.isDir())
        return surgeryError(QStringLiteral("not_writable"),
            QStringLiteral("%1 is a folder; give a file name.").arg(QDir::toNativeSeparators(outPath)));
    return std::nullopt;
}

// Copies every external tensor's bytes from the source model's side files into one "<out>.data", and points the
// tensors at it. Returns the data file path (empty when the model has no external data).
Result<QString> relocateExternalData(onnx::ModelProto& model, const QString& sourceDir, const QString& outPath)
{
    std::vector<onnx::TensorProto*> tensors;
    for (auto& t : *model.mutable_graph()->mutable_initializer()) {
        if (t.data_location() == onnx::TensorProto_DataLocation_EXTERNAL)
            tensors.push_back(&t);
    }
    if (tensors.empty())
        return QString();
    const QString dataPath = outPath + QStringLiteral(".data");
    QSaveFile data(dataPath);
    if (!data.open(QIODevice::WriteOnly))
        return surgeryError(QStringLiteral("write_failed"),
            QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(dataPath), data.errorString()));
    qint64 written = 0;
    const std::string location = QFileInfo(dataPath).fileName().toStdString();
    for (onnx::TensorProto* t : tensors) {
        QString file;
        qint64 offset = 0;
        qint64 length = -1;
        for (const auto& kv : t->external_data()) {
            if (kv.key() == "location")
                file = QDir(sourceDir).filePath(detail::qs(kv.value()));
            else if (kv.key() == "offset")
                offset = std::stoll(kv.value());
            else if (kv.key() == "length")
                length = std::stoll(kv.value());
        }
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly) || !in.seek(offset))
            return surgeryError(QStringLiteral("write_failed"),
                QStringLiteral("Cannot read the weights of '%1' from %2.").arg(detail::qs(t->name()), file));
        if (length < 0)
            length = in.size() - offset;
        const qint64 padding = (4096 - written % 4096) % 4096; // page-aligned like onnx's own writer
        data.write(QByteArray(padding, '\0'));
        written += padding;
        for (qint64 left = length; left > 0;) {
            const QByteArray chunk = in.read(qMin<qint64>(left, 8 << 20));
            if (chunk.isEmpty() || data.write(chunk) != chunk.size())
                return surgeryError(QStringLiteral("write_failed"),
                    QStringLiteral("Copying the weights of '%1' failed.").arg(detail::qs(t->name())));
            left -= chunk.size();
        }
        t->clear_external_data();
        auto add = [t](const char* key, const std::string& value) {
            auto* kv = t->add_external_data();
            kv->set_key(key);
            kv->set_value(value);
        };
        add("location", location);
        add("offset", std::to_string(written));
        add("length", std::to_string(length));
        written += length;
    }
    if (!data.commit())
        return surgeryError(QStringLiteral("write_failed"),
            QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(dataPath), data.errorString()));
    return dataPath;
}

// ONNX's checker on `proto`, with the model's folder for external data. Empty when it passes.
QString checkerVerdict(const onnx::ModelProto& proto, const QString& modelDir)
{
    try {
        onnx::checker::CheckerContext ctx;
        ctx.set_model_dir(modelDir.toStdString());
        onnx::checker::check_model(proto, ctx);
    } catch (const std::exception& e) {
        return QString::fromLocal8Bit(e.what()).trimmed();
    }
    return {};
}

// Graph inputs and outputs the checker will refuse because their tensor type has no shape, each named with the
// node that makes it: the checker's own message ("Field 'shape' of 'type' is required but missing") names neither.
QStringList shapelessBoundaries(const onnx::GraphProto& g)
{
    std::unordered_map<std::string, int> producer;
    for (int i = 0; i < g.node_size(); ++i) {
        for (const auto& out : g.node(i).output())
            producer.emplace(out, i);
    }
    QStringList found;
    auto check = [&](const onnx::ValueInfoProto& vi, const char* kind) {
        if (!vi.type().has_tensor_type() || vi.type().tensor_type().has_shape())
            return;
        const auto it = producer.find(vi.name());
        found.append(it == producer.end()
                ? QStringLiteral("graph %1 '%2' has a type without a shape").arg(QLatin1String(kind), detail::qs(vi.name()))
                : QStringLiteral("graph %1 '%2' (made by node '%3' (%4)) has a type without a shape")
                      .arg(QLatin1String(kind), detail::qs(vi.name()), detail::nodeLabel(g.node(it->second), it->second),
                          detail::qs(g.node(it->second).op_type())));
    };
    for (const auto& vi : g.input())
        check(vi, "input");
    for (const auto& vi : g.output())
        check(vi, "output");
    return found;
}

// Checks the result and writes it. A result the checker refuses is still written when the source model fails the
// checker with the same complaint (the copy is no worse than what the user has); `warnings` then says so.
Result<SurgeryResult> checkAndWrite(onnx::ModelProto& proto, const OnnxModel& source, const QString& outPath,
    QStringList* warnings = nullptr)
{
    const QString modelDir = QFileInfo(source.summary().path).absolutePath();
    if (const QString problem = checkerVerdict(proto, modelDir); !problem.isEmpty()) {
        const QStringList shapeless = shapelessBoundaries(proto.graph());
        QString sourceProblem = QStringLiteral("(the source could not be read again)");
        if (const auto original = source.fullProto(); original.ok())
            sourceProblem = checkerVerdict(*original.value(), modelDir);
        if (!warnings || sourceProblem != problem)
            return surgeryError(QStringLiteral("check_failed"),
                QStringLiteral("The ONNX checker rejected the result, so nothing was written: %1%2")
                    .arg(problem, shapeless.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(shapeless.join(QStringLiteral("; ")))));
        warnings->append(QStringLiteral("The ONNX checker rejects the source model too, with the same message, so the "
                                        "copy was written anyway: %1%2")
                             .arg(problem, shapeless.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(shapeless.join(QStringLiteral("; ")))));
    }
    const Result<QString> dataPath = relocateExternalData(proto, QFileInfo(source.summary().path).absolutePath(), outPath);
    if (!dataPath.ok())
        return dataPath.error();
    if (proto.ByteSizeLong() > size_t(INT_MAX))
        return surgeryError(QStringLiteral("write_failed"),
            QStringLiteral("The result is over protobuf's 2 GB limit; save the model with external data first."));
    QSaveFile out(outPath); // written to a temporary file and renamed: a failure never leaves half a model
    if (!out.open(QIODevice::WriteOnly))
        return surgeryError(QStringLiteral("write_failed"),
            QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(outPath), out.errorString()));
    const std::string bytes = proto.SerializeAsString();
    if (out.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()) || !out.commit())
        return surgeryError(QStringLiteral("write_failed"),
            QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(outPath), out.errorString()));

    const Result<OnnxModelPtr> reread = OnnxModel::load(outPath);
    if (!reread.ok())
        return surgeryError(QStringLiteral("write_failed"),
            QStringLiteral("The written model does not read back: %1").arg(reread.error().message));
    SurgeryResult result;
    result.path = QFileInfo(outPath).absoluteFilePath();
    result.dataPath = dataPath.value();
    result.summary = reread.value()->summary();
    log::onnx()->info("Wrote {} ({} nodes)", outPath.toStdString(), result.summary.nodeCount);
    return result;
}

} // namespace

Result<SurgeryResult> writeStaticCopy(const OnnxModel& model, const QList<InputShapeSpec>& shapes, const QString& outPath)
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

    // Walk back from the outputs to the boundary.
    std::vector<bool> keepNode(static_cast<size_t>(g.node_size()), false);
    std::unordered_set<std::string> keepInit, seen;
    std::vector<std::string> stack;
    for (const QString& name : outputs)
        stack.push_back(name.toStdString());
    while (!stack.empty()) {
        const std::string name = stack.back();
        stack.pop_back();
        if (name.empty() || !seen.insert(name).second || boundary.count(name))
            continue;
        if (initializers.count(name)) {
            keepInit.insert(name);
            continue;
        }
        const auto it = producer.find(name);
        if (it == producer.end())
            return surgeryError(QStringLiteral("missing_input"),
                QStringLiteral("The outputs depend on graph input '%1', which is not among the inputs given; add it "
                               "to --inputs.")
                    .arg(detail::qs(name)));
        if (keepNode[static_cast<size_t>(it->second)])
            continue;
        keepNode[static_cast<size_t>(it->second)] = true;
        const onnx::NodeProto& node = g.node(it->second);
        for (const auto& in : node.input())
            stack.push_back(in);
        for (const auto& in : detail::implicitInputs(node))
            stack.push_back(in);
    }

    const auto index = detail::valueInfoIndex(g);
    auto boundaryInfo = [&](const std::string& name, onnx::ValueInfoProto* into) -> std::optional<Error> {
        const auto it = index.find(name);
        if (it == index.end() || !it->second->type().has_tensor_type() || it->second->type().tensor_type().elem_type() == 0)
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
