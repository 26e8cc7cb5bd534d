#include "onnxmodel.h"

#include "logging/logging.h"
#include "onnxproto_p.h"
#include "summarise_p.h"
#include "wirestrip_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <climits>
#include <exception>
#include <sys/mman.h>

namespace wb {

struct OnnxModel::Private {
    onnx::ModelProto proto; // tensors over kStripThreshold bytes point back into the file (see wirestrip_p.h)
    ModelSummary summary;
    bool stripped = false;
};

namespace {
constexpr std::size_t kStripThreshold = 4096; // smaller tensors (shape constants, scalars) stay inline
}

OnnxModel::OnnxModel()
    : d(std::make_unique<Private>())
{
}

OnnxModel::~OnnxModel() = default;

const ModelSummary& OnnxModel::summary() const
{
    return d->summary;
}

const onnx::ModelProto& OnnxModel::proto() const
{
    return d->proto;
}

Result<std::shared_ptr<onnx::ModelProto>> OnnxModel::fullProto() const
{
    auto copy = std::make_shared<onnx::ModelProto>(d->proto);
    if (d->stripped) {
        const QString problem = detail::restoreStrippedTensors(*copy, d->summary.path);
        if (!problem.isEmpty())
            return Error { QStringLiteral("unreadable"), problem, {} };
    }
    return copy;
}

namespace {

Error fileError(const QString& code, const QString& path, const QString& problem, const QString& detail = {})
{
    return Error { code, QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), problem), detail };
}

// Recognises common non-ONNX files by their first bytes, so the error can say what the file is.
QString sniffForeignFormat(const QByteArray& head)
{
    struct Magic {
        const char* bytes;
        int size;
        const char* what;
    };
    static const Magic magics[] = {
        { "\x89PNG\r\n\x1a\n", 8, "a PNG image" },
        { "\xff\xd8\xff", 3, "a JPEG image" },
        { "PK\x03\x04", 4, "a ZIP archive (a PyTorch .pt/.pth checkpoint is one; export it to ONNX first)" },
        { "\x1f\x8b", 2, "a gzip archive (unpack it first)" },
        { "%PDF", 4, "a PDF document" },
        { "\x7f"
          "ELF",
            4, "an executable (ELF) file" },
        { "IMOD", 4, "an Ascend OM model (already converted by ATC)" },
        { "\x80\x02", 2, "a Python pickle (a PyTorch checkpoint; export it to ONNX first)" },
    };
    for (const Magic& m : magics) {
        if (head.startsWith(QByteArray::fromRawData(m.bytes, m.size)))
            return QString::fromLatin1(m.what);
    }
    return {};
}

bool looksLikeText(const QByteArray& head)
{
    if (head.isEmpty())
        return false;
    int printable = 0;
    for (const char c : head) {
        const auto u = static_cast<unsigned char>(c);
        if (u == '\n' || u == '\r' || u == '\t' || (u >= 0x20 && u < 0x7f) || u >= 0xc0)
            ++printable;
    }
    return printable * 100 >= head.size() * 97;
}

} // namespace

Result<OnnxModelPtr> OnnxModel::load(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fileError(QStringLiteral("not_found"), path, QStringLiteral("the file does not exist."));
    if (!info.isFile())
        return fileError(QStringLiteral("not_a_file"), path,
            QStringLiteral("this is not a regular file (a folder or a device?). Choose an .onnx file."));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return fileError(QStringLiteral("unreadable"), path,
            QStringLiteral("the file cannot be read: %1. Check its permissions.").arg(file.errorString()));
    const qint64 size = file.size();
    if (size == 0)
        return fileError(QStringLiteral("empty"), path,
            QStringLiteral("the file is empty (0 bytes), so it is not an ONNX model. The export probably "
                           "failed; export the model again."));
    if (size > INT_MAX)
        return fileError(QStringLiteral("too_large"), path,
            QStringLiteral("the file is %1 bytes, over protobuf's 2 GB limit for one message. Models this large "
                           "must keep their weights in external data files (save with "
                           "save_as_external_data=True).")
                .arg(size));

    const QByteArray head = file.read(512);
    const QString foreign = sniffForeignFormat(head);
    if (!foreign.isEmpty())
        return fileError(QStringLiteral("not_onnx"), path,
            QStringLiteral("this is not an ONNX model; it looks like %1.").arg(foreign));

    auto model = std::shared_ptr<OnnxModel>(new OnnxModel);
    bool parsed = false;
    try {
        // Map the file and parse a copy of it without the weight payloads: the topology is a small fraction of
        // the bytes, and pages holding weights are never read. Malformed bytes fall back to a plain parse so
        // that protobuf itself has the last word.
        uchar* mapped = file.map(0, size);
        if (!mapped)
            return fileError(QStringLiteral("unreadable"), path,
                QStringLiteral("the file cannot be mapped into memory: %1").arg(file.errorString()));
        ::madvise(mapped, static_cast<size_t>(size), MADV_RANDOM);
        std::string topology;
        if (detail::stripTensorData(mapped, static_cast<std::size_t>(size), kStripThreshold, &topology, true)) {
            parsed = model->d->proto.ParseFromString(topology);
            model->d->stripped = topology.size() != static_cast<std::size_t>(size);
        } else {
            parsed = model->d->proto.ParseFromArray(mapped, static_cast<int>(size));
        }
        file.unmap(mapped);
    } catch (const std::exception& e) {
        return fileError(QStringLiteral("parse_error"), path,
            QStringLiteral("reading the model failed: %1").arg(QString::fromLocal8Bit(e.what())));
    }
    const onnx::ModelProto& proto = model->d->proto;
    if (!parsed || (proto.ir_version() == 0 && !proto.has_graph())) {
        if (looksLikeText(head))
            return fileError(QStringLiteral("not_onnx"), path,
                QStringLiteral("this is a text file, not an ONNX model (ONNX files are binary protobuf)."));
        if (!parsed)
            return fileError(QStringLiteral("parse_error"), path,
                QStringLiteral("the file is not a valid ONNX protobuf: it is truncated or corrupt (%1 bytes "
                               "read). Copy or export it again.")
                    .arg(size));
        return fileError(QStringLiteral("not_onnx"), path,
            QStringLiteral("the file parses as protobuf but holds no ONNX model (no IR version, no graph)."));
    }

    try {
        ModelSummary s = detail::summarise(proto);
        s.path = info.absoluteFilePath();
        s.fileSize = size;

        const detail::GraphProblems problems = detail::checkGraphs(proto);
        if (!problems.errors.isEmpty())
            return fileError(QStringLiteral("invalid_graph"), path,
                QStringLiteral("the graph is invalid: %1").arg(problems.errors.first()),
                problems.errors.join(QLatin1Char('\n')));
        s.warnings.append(problems.warnings);

        const QStringList external = detail::checkExternalData(proto, info.absolutePath());
        if (!external.isEmpty())
            return fileError(
                QStringLiteral("missing_external_data"), path, external.first(), external.join(QLatin1Char('\n')));

        model->d->summary = std::move(s);
    } catch (const std::exception& e) {
        return fileError(QStringLiteral("parse_error"), path,
            QStringLiteral("the model could not be summarised: %1").arg(QString::fromLocal8Bit(e.what())));
    }
    log::onnx()->info("Loaded {} ({} bytes, {} nodes)", path, size, model->d->summary.nodeCountTotal);
    return OnnxModelPtr(std::move(model));
}

} // namespace wb
