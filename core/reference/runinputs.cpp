#include "runinputs_p.h"

#include "onnx/onnxproto_p.h"
#include "tensorfile.h"
#include "util/checkedsize.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <new>
#include <optional>

namespace wb::detail {

namespace {

Error inputError(const char* code, const QString& message)
{
    return { QString::fromLatin1(code), message, {} };
}

QString inputNames(const QList<IoSpec>& inputs)
{
    QStringList names;
    for (const IoSpec& io : inputs)
        names.append(io.name);
    return names.join(QLatin1String(", "));
}

// A proposal for the error message: the model's dims with every dynamic one set to 1.
QString exampleSpec(const IoSpec& io)
{
    QStringList dims;
    for (const qint64 d : io.dims)
        dims.append(QString::number(d < 0 ? 1 : d));
    return io.name + QLatin1Char(':') + dims.join(QLatin1Char(','));
}

// Empty when `shape` fits the model's declared dims (rank, and every static dim); else why not.
std::optional<Error> checkAgainstModel(const IoSpec& io, const QList<qint64>& shape, const QString& what)
{
    if (shape.size() != io.dims.size())
        return inputError("rank_mismatch",
            QStringLiteral("Input '%1' has rank %2 in the model %3, but %4 has rank %5 %6")
                .arg(io.name)
                .arg(io.dims.size())
                .arg(describeDims(io), what)
                .arg(shape.size())
                .arg(formatShape(shape)));
    for (qsizetype i = 0; i < shape.size(); ++i) {
        if (io.dims[i] >= 0 && io.dims[i] != shape[i])
            return inputError("shape_mismatch",
                QStringLiteral("Input '%1': dimension %2 is %3 in the model %4, but %5 gives %6 %7")
                    .arg(io.name)
                    .arg(i)
                    .arg(io.dims[i])
                    .arg(describeDims(io), what)
                    .arg(shape[i])
                    .arg(formatShape(shape)));
    }
    return std::nullopt;
}

std::optional<Error> checkInputType(const IoSpec& io)
{
    if (io.kind != QLatin1String("tensor"))
        return inputError("unsupported_type",
            QStringLiteral("Input '%1' is a %2; the CPU reference run feeds tensors only").arg(io.name, io.kind));
    if (!isSupportedElemType(io.elemType))
        return inputError("unsupported_type",
            QStringLiteral("Input '%1' has element type %2, which the CPU reference run does not support")
                .arg(io.name, dtypeName(io.elemType)));
    return std::nullopt;
}

quint64 inputSeed(quint64 seed, qsizetype index)
{
    return seed * 0x9E3779B97F4A7C15ULL + quint64(index + 1) * 0xD1B54A32D192ED03ULL;
}

} // namespace

QString describeDims(const IoSpec& io)
{
    QStringList parts;
    for (qsizetype i = 0; i < io.dims.size(); ++i) {
        const QString sym = io.symbolic.value(i);
        parts.append(io.dims[i] >= 0 ? QString::number(io.dims[i]) : sym.isEmpty() ? QStringLiteral("?") : sym);
    }
    return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

Result<QList<QList<qint64>>> resolveInputShapes(const QList<IoSpec>& inputs, const QList<InputShapeSpec>& specs)
{
    for (const InputShapeSpec& spec : specs) {
        const bool known
            = std::any_of(inputs.begin(), inputs.end(), [&](const IoSpec& io) { return io.name == spec.name; });
        if (!known)
            return inputError("unknown_input",
                QStringLiteral("The model has no input named '%1' (inputs: %2)").arg(spec.name, inputNames(inputs)));
        if (!spec.isStatic())
            return inputError("not_static",
                QStringLiteral("The shape for input '%1' must be static for a CPU run (no -1, -2 or ranges)")
                    .arg(spec.name));
    }
    QList<QList<qint64>> shapes;
    for (const IoSpec& io : inputs) {
        if (auto err = checkInputType(io))
            return *err;
        auto spec
            = std::find_if(specs.begin(), specs.end(), [&](const InputShapeSpec& s) { return s.name == io.name; });
        if (spec == specs.end()) {
            if (std::any_of(io.dims.begin(), io.dims.end(), [](qint64 d) { return d < 0; }))
                return inputError("dynamic_input",
                    QStringLiteral("Input '%1' has dynamic dimensions %2: give it a static shape, e.g. \"%3\"")
                        .arg(io.name, describeDims(io), exampleSpec(io)));
            shapes.append(io.dims);
            continue;
        }
        QList<qint64> shape;
        for (const ShapeSpecDim& d : spec->dims)
            shape.append(d.min);
        if (auto err = checkAgainstModel(io, shape, QStringLiteral("the given shape")))
            return *err;
        shapes.append(shape);
    }
    return shapes;
}

Result<QList<HostTensor>> prepareInputs(const QList<IoSpec>& inputs, const CpuRunOptions& options)
{
    if (options.fill != InputFill::Files) {
        auto shapes = resolveInputShapes(inputs, options.inputShapes);
        if (!shapes)
            return shapes.error();
        QList<HostTensor> out;
        for (qsizetype i = 0; i < inputs.size(); ++i) {
            const QList<qint64>& shape = shapes.value()[i];
            const QString what = QStringLiteral("Input '%1'").arg(inputs[i].name);
            if (auto err = checkTensorShape(what, inputs[i].elemType, shape))
                return *err;
            try {
                out.append(
                    makeTensor(inputs[i].name, inputs[i].elemType, shape, options.fill, inputSeed(options.seed, i)));
            } catch (const std::bad_alloc&) {
                const qint64 bytes = sizes::byteCount(shape, elemTypeSize(inputs[i].elemType)).value_or(-1);
                return inputError("out_of_memory",
                    QStringLiteral("%1 with shape %2 needs %3 bytes (%4 GiB) of %5, more memory than could be had. "
                                   "Check the shape for a mistyped dimension")
                        .arg(what, formatShape(shape))
                        .arg(bytes)
                        .arg(double(bytes) / double(1LL << 30), 0, 'f', 1)
                        .arg(dtypeName(inputs[i].elemType)));
            }
        }
        return out;
    }

    if (options.inputFiles.size() > inputs.size())
        return inputError("extra_input",
            QStringLiteral("%1 input files for a model with %2 inputs (%3)")
                .arg(options.inputFiles.size())
                .arg(inputs.size())
                .arg(inputNames(inputs)));
    QList<std::optional<HostTensor>> assigned(inputs.size());
    QStringList sources(inputs.size());
    for (qsizetype f = 0; f < options.inputFiles.size(); ++f) {
        const QString& path = options.inputFiles[f];
        auto tensor = readTensorFile(path);
        if (!tensor)
            return tensor.error();
        qsizetype slot = f;
        for (qsizetype i = 0; i < inputs.size(); ++i) {
            if (!tensor.value().name.isEmpty() && inputs[i].name == tensor.value().name)
                slot = i;
        }
        const QString file = QDir::toNativeSeparators(path);
        if (assigned[slot])
            return inputError("extra_input",
                QStringLiteral("%1 and %2 both give input '%3'").arg(sources[slot], file, inputs[slot].name));
        const IoSpec& io = inputs[slot];
        if (auto err = checkInputType(io))
            return *err;
        if (tensor.value().elemType != io.elemType)
            return inputError("type_mismatch",
                QStringLiteral("%1 holds %2 data, but input '%3' is %4")
                    .arg(file, tensor.value().dtype(), io.name, dtypeName(io.elemType)));
        if (auto err = checkAgainstModel(io, tensor.value().shape, file))
            return *err;
        for (const InputShapeSpec& spec : options.inputShapes) {
            QList<qint64> given;
            for (const ShapeSpecDim& d : spec.dims)
                given.append(d.min);
            if (spec.name == io.name && given != tensor.value().shape)
                return inputError("shape_mismatch",
                    QStringLiteral("%1 has shape %2, but the shape given for input '%3' is %4")
                        .arg(file, formatShape(tensor.value().shape), io.name, formatShape(given)));
        }
        HostTensor t = std::move(tensor).value();
        t.name = io.name;
        assigned[slot] = std::move(t);
        sources[slot] = file;
    }
    QList<HostTensor> out;
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        if (!assigned[i])
            return inputError("missing_input",
                QStringLiteral("No input file gives input '%1' (%2 file(s) for %3 inputs)")
                    .arg(inputs[i].name)
                    .arg(options.inputFiles.size())
                    .arg(inputs.size()));
        out.append(std::move(*assigned[i]));
    }
    return out;
}

} // namespace wb::detail
