// Writing a model the surgery functions produced: destination checks, external data, the ONNX checker, the file.
#include "modelwriter_p.h"

#include "folding_p.h"
#include "graphutil_p.h"
#include "logging/logging.h"
#include "onnxproto_p.h"
#include "util/atomicfile.h"

#include <onnx/checker.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <climits>

namespace onnx::checker {
// Exported by libonnx 1.12 but not declared in its header: the overload that lets us name the folder external
// data is relative to (the plain overload resolves it against the current directory).
void check_model(const ModelProto& model, CheckerContext& ctx);
} // namespace onnx::checker

namespace wb::detail {

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

namespace {

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
                ? QStringLiteral("graph %1 '%2' has a type without a shape").arg(QLatin1String(kind), qs(vi.name()))
                : QStringLiteral("graph %1 '%2' (made by node '%3' (%4)) has a type without a shape")
                      .arg(QLatin1String(kind), qs(vi.name()), nodeLabel(g.node(it->second), it->second),
                          qs(g.node(it->second).op_type())));
    };
    for (const auto& vi : g.input())
        check(vi, "input");
    for (const auto& vi : g.output())
        check(vi, "output");
    return found;
}

// Copies every external tensor's bytes from the source model's side files into one "<out>.data", and points the
// tensors at it. Returns the data file path (empty when the model has no external data).
Result<QString> relocateExternalData(onnx::ModelProto& model, const QString& sourceDir, const QString& outPath)
{
    std::vector<onnx::TensorProto*> tensors; // initializers and Constant values, in every subgraph
    forEachTensor(*model.mutable_graph(), [&](onnx::TensorProto& t) {
        if (t.data_location() == onnx::TensorProto_DataLocation_EXTERNAL)
            tensors.push_back(&t);
    });
    if (tensors.empty())
        return QString();
    const QString dataPath = outPath + QStringLiteral(".data");
    AtomicFileWriter data(dataPath);
    if (!data.open())
        return surgeryError(QStringLiteral("write_failed"),
            QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(dataPath), data.errorString()));
    qint64 written = 0;
    const std::string location = QFileInfo(dataPath).fileName().toStdString();
    for (onnx::TensorProto* t : tensors) {
        const ExternalDataRef ref = readExternalData(*t);
        if (!ref.ok())
            return surgeryError(QStringLiteral("write_failed"), ref.problem(qs(t->name())));
        const QString file = ref.location.empty() ? QString() : QDir(sourceDir).filePath(qs(ref.location));
        const qint64 offset = qMax<qint64>(ref.offset, 0);
        qint64 length = ref.length;
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly) || !in.seek(offset))
            return surgeryError(QStringLiteral("write_failed"),
                QStringLiteral("Cannot read the weights of '%1' from %2.").arg(qs(t->name()), file));
        if (length < 0)
            length = in.size() - offset;
        const qint64 padding = (4096 - written % 4096) % 4096; // page-aligned like onnx's own writer
        data.write(QByteArray(padding, '\0'));
        written += padding;
        for (qint64 left = length; left > 0;) {
            const QByteArray chunk = in.read(qMin<qint64>(left, 8 << 20));
            if (chunk.isEmpty() || data.write(chunk) != chunk.size())
                return surgeryError(QStringLiteral("write_failed"),
                    QStringLiteral("Copying the weights of '%1' failed.").arg(qs(t->name())));
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

} // namespace

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

// Checks the result and writes it. A result the checker refuses is still written when the source model fails the
// checker with the same complaint (the copy is no worse than what the user has); `warnings` then says so.
Result<SurgeryResult> checkAndWrite(
    onnx::ModelProto& proto, const OnnxModel& source, const QString& outPath, QStringList* warnings)
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
                    .arg(problem,
                        shapeless.isEmpty() ? QString()
                                            : QStringLiteral(" (%1)").arg(shapeless.join(QStringLiteral("; ")))));
        warnings->append(
            QStringLiteral("The ONNX checker rejects the source model too, with the same message, so the "
                           "copy was written anyway: %1%2")
                .arg(problem,
                    shapeless.isEmpty() ? QString()
                                        : QStringLiteral(" (%1)").arg(shapeless.join(QStringLiteral("; ")))));
    }
    const Result<QString> dataPath
        = relocateExternalData(proto, QFileInfo(source.summary().path).absolutePath(), outPath);
    if (!dataPath.ok())
        return dataPath.error();
    if (proto.ByteSizeLong() > size_t(INT_MAX))
        return surgeryError(QStringLiteral("write_failed"),
            QStringLiteral("The result is over protobuf's 2 GB limit; save the model with external data first."));
    AtomicFileWriter out(outPath); // written to a temporary file and renamed: a failure never leaves half a model
    if (!out.open())
        return surgeryError(QStringLiteral("write_failed"),
            QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(outPath), out.errorString()));
    const std::string bytes = proto.SerializeAsString();
    if (out.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()) || !out.commit())
        return surgeryError(QStringLiteral("write_failed"),
            QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(outPath), out.errorString()));

    const Result<OnnxModelPtr> reread = OnnxModel::load(outPath);
    if (!reread.ok()) { // nothing half-usable stays behind
        QFile::remove(outPath);
        if (!dataPath.value().isEmpty())
            QFile::remove(dataPath.value());
        return surgeryError(QStringLiteral("write_failed"),
            QStringLiteral("The written model does not read back, so it was removed: %1").arg(reread.error().message));
    }
    SurgeryResult result;
    result.path = QFileInfo(outPath).absoluteFilePath();
    result.dataPath = dataPath.value();
    result.summary = reread.value()->summary();
    log::onnx()->info("Wrote {} ({} nodes)", outPath, result.summary.nodeCount);
    return result;
}

} // namespace wb::detail
