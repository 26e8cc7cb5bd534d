// Reading Debian's libonnx-testdata for the conformance suites: where it is, which .pb files a data set has, and
// the input shapes a model's test_data_set_0 fixes. Shared by tst_conformance, tst_staticcopies and tst_groundtruth.
#pragma once

#include "onnx/modelsummary.h"
#include "onnx/shapespec.h"

#include <onnx/onnx_pb.h>

#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <limits>

namespace {

constexpr const char* kDefaultRoot = "/usr/share/libonnx-testdata/data";

inline QString dataRoot()
{
    const QString env = qEnvironmentVariable("WB_ONNX_TESTDATA_DIR");
    return env.isEmpty() ? QString::fromLatin1(kDefaultRoot) : env;
}

inline bool isTensorType(const wb::TensorInfo& t)
{
    return !(t.dtype == QLatin1String("sequence") || t.dtype == QLatin1String("optional")
        || t.dtype == QLatin1String("map") || t.dtype == QLatin1String("undefined")
        || t.dtype.startsWith(QLatin1String("sparse_")));
}

inline QString dimsText(const QList<qint64>& dims)
{
    QStringList parts;
    for (const qint64 d : dims)
        parts.append(QString::number(d));
    return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

// Bytes per element in raw_data; 0 for STRING / UNDEFINED / unknown.
inline qint64 rawElementSize(int type)
{
    switch (type) {
    case onnx::TensorProto_DataType_UINT8:
    case onnx::TensorProto_DataType_INT8:
    case onnx::TensorProto_DataType_BOOL:
        return 1;
    case onnx::TensorProto_DataType_UINT16:
    case onnx::TensorProto_DataType_INT16:
    case onnx::TensorProto_DataType_FLOAT16:
    case onnx::TensorProto_DataType_BFLOAT16:
        return 2;
    case onnx::TensorProto_DataType_FLOAT:
    case onnx::TensorProto_DataType_INT32:
    case onnx::TensorProto_DataType_UINT32:
        return 4;
    case onnx::TensorProto_DataType_INT64:
    case onnx::TensorProto_DataType_DOUBLE:
    case onnx::TensorProto_DataType_UINT64:
    case onnx::TensorProto_DataType_COMPLEX64:
        return 8;
    case onnx::TensorProto_DataType_COMPLEX128:
        return 16;
    default:
        return 0;
    }
}

// Number of values in the typed field the type stores its data in (no raw_data), or -1 for an invalid type.
inline qint64 typedValueCount(const onnx::TensorProto& t, qint64 elements, qint64* expected)
{
    *expected = elements;
    switch (t.data_type()) {
    case onnx::TensorProto_DataType_FLOAT:
        return t.float_data_size();
    case onnx::TensorProto_DataType_COMPLEX64:
        *expected = 2 * elements;
        return t.float_data_size();
    case onnx::TensorProto_DataType_INT32:
    case onnx::TensorProto_DataType_INT16:
    case onnx::TensorProto_DataType_INT8:
    case onnx::TensorProto_DataType_UINT16:
    case onnx::TensorProto_DataType_UINT8:
    case onnx::TensorProto_DataType_BOOL:
    case onnx::TensorProto_DataType_FLOAT16:
    case onnx::TensorProto_DataType_BFLOAT16:
        return t.int32_data_size();
    case onnx::TensorProto_DataType_STRING:
        return t.string_data_size();
    case onnx::TensorProto_DataType_INT64:
        return t.int64_data_size();
    case onnx::TensorProto_DataType_DOUBLE:
        return t.double_data_size();
    case onnx::TensorProto_DataType_COMPLEX128:
        *expected = 2 * elements;
        return t.double_data_size();
    case onnx::TensorProto_DataType_UINT32:
    case onnx::TensorProto_DataType_UINT64:
        return t.uint64_data_size();
    default:
        return -1;
    }
}

// One input_N.pb / output_N.pb. A SequenceProto or OptionalProto often still parses as a TensorProto (the wire
// format is shared), so a file counts as a tensor only when its data agrees with its dims and type.
struct RefTensor {
    bool isTensor = false;
    QString name;
    QList<qint64> dims;
};

inline RefTensor readRefTensor(const QString& path)
{
    RefTensor ref;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ref;
    const QByteArray bytes = file.readAll();
    onnx::TensorProto t;
    if (!t.ParseFromArray(bytes.constData(), static_cast<int>(bytes.size())))
        return ref;
    if (t.has_segment() || t.data_location() == onnx::TensorProto_DataLocation_EXTERNAL)
        return ref;
    qint64 elements = 1;
    for (const auto d : t.dims()) {
        if (d < 0 || (d != 0 && elements > std::numeric_limits<qint64>::max() / 16 / d))
            return ref; // dims no file can hold: a SequenceProto read as a tensor, say
        elements *= d;
        ref.dims.append(d);
    }
    if (t.has_raw_data()) {
        const qint64 size = rawElementSize(t.data_type());
        if (size == 0 || static_cast<qint64>(t.raw_data().size()) != elements * size)
            return ref;
    } else {
        qint64 expected = 0;
        const qint64 count = typedValueCount(t, elements, &expected);
        if (count != expected)
            return ref;
    }
    ref.isTensor = true;
    ref.name = QString::fromStdString(t.name());
    return ref;
}

inline QStringList pbFiles(const QString& dataSetDir, const QString& prefix)
{
    QStringList files;
    for (int i = 0;; ++i) {
        const QString path = QStringLiteral("%1/%2_%3.pb").arg(dataSetDir, prefix).arg(i);
        if (!QFileInfo::exists(path))
            break;
        files.append(path);
    }
    return files;
}

// Graph input -> shape from the test's input_N.pb. The backend runner feeds input_N to the N-th graph input that
// has no initializer; the .pb files of this suite also carry that input's name, so match by name when every file
// has one (this leaves IR >= 4 inputs backed by an initializer, which the summary lists and no file feeds, at their
// declared shape) and by position otherwise. Returns an empty string, or why the model cannot be compared.
inline QString inputSpecs(const wb::ModelSummary& s, const QStringList& inputFiles, QList<wb::InputShapeSpec>* specs)
{
    QList<RefTensor> refs;
    bool named = true;
    for (qsizetype i = 0; i < inputFiles.size(); ++i) {
        refs.append(readRefTensor(inputFiles.at(i)));
        if (!refs.last().isTensor)
            return QStringLiteral("input_%1.pb is not a plain TensorProto").arg(i);
        named = named && !refs.last().name.isEmpty();
    }
    if (!named && inputFiles.size() != s.inputs.size())
        return QStringLiteral("%1 unnamed input files for %2 graph inputs").arg(inputFiles.size()).arg(s.inputs.size());
    for (qsizetype i = 0; i < refs.size(); ++i) {
        const wb::TensorInfo* in = nullptr;
        for (const wb::TensorInfo& t : s.inputs) {
            if (named ? t.name == refs.at(i).name : &t == &s.inputs.at(i))
                in = &t;
        }
        if (!in)
            return QStringLiteral("input_%1.pb is named '%2', which is not a graph input").arg(i).arg(refs.at(i).name);
        if (!isTensorType(*in))
            return QStringLiteral("input '%1' is a %2").arg(in->name, in->dtype);
        wb::InputShapeSpec spec;
        spec.name = in->name;
        for (const qint64 d : refs.at(i).dims)
            spec.dims.append(wb::ShapeSpecDim::fixed(d));
        specs->append(spec);
    }
    return {};
}

} // namespace
