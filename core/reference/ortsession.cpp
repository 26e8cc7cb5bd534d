#include "ortsession_p.h"

#ifdef WB_HAVE_ORT_HEADERS

#include <QDir>
#include <QFile>

#include <chrono>
#include <cstring>

namespace wb::ort {

namespace {

QString onnxTypeName(ONNXType type)
{
    switch (type) {
    case ONNX_TYPE_TENSOR:
        return QStringLiteral("tensor");
    case ONNX_TYPE_SEQUENCE:
        return QStringLiteral("sequence");
    case ONNX_TYPE_MAP:
        return QStringLiteral("map");
    case ONNX_TYPE_OPAQUE:
        return QStringLiteral("opaque value");
    case ONNX_TYPE_SPARSETENSOR:
        return QStringLiteral("sparse tensor");
    case ONNX_TYPE_OPTIONAL:
        return QStringLiteral("optional");
    default:
        return QStringLiteral("value of unknown kind");
    }
}

std::optional<Error> sessionError(OrtStatus* status, const QString& what)
{
    return check(status, QStringLiteral("ort_session_failed"), what);
}

// Element type and dims of a tensor info (a view owned by its OrtTypeInfo / OrtValue, which the caller keeps
// alive: reading it after the owner is gone gives garbage, the pitfall of the C++ wrapper's temporaries).
std::optional<Error> readTensorInfo(const OrtTensorTypeAndShapeInfo* info, detail::IoSpec* io, const QString& what)
{
    const OrtApi* a = api();
    ONNXTensorElementDataType type = ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED;
    size_t rank = 0;
    if (auto err = sessionError(a->GetTensorElementType(info, &type), what))
        return err;
    if (auto err = sessionError(a->GetDimensionsCount(info, &rank), what))
        return err;
    std::vector<int64_t> dims(rank);
    std::vector<const char*> symbolic(rank, nullptr);
    if (auto err = sessionError(a->GetDimensions(info, dims.data(), rank), what))
        return err;
    if (auto err = sessionError(a->GetSymbolicDimensions(info, symbolic.data(), rank), what))
        return err;
    io->elemType = int(type);
    io->dims.clear();
    io->symbolic.clear();
    for (size_t i = 0; i < rank; ++i) {
        io->dims.append(dims[i]);
        io->symbolic.append(symbolic[i] ? QString::fromUtf8(symbolic[i]) : QString());
    }
    return std::nullopt;
}

} // namespace

Result<std::unique_ptr<Session>> Session::open(const QString& modelPath, int intraOpThreads)
{
    auto environment = env();
    if (!environment)
        return environment.error();
    const OrtApi* a = api();
    const QString what = QStringLiteral("ONNX Runtime cannot load %1").arg(QDir::toNativeSeparators(modelPath));

    OrtSessionOptions* rawOptions = nullptr;
    if (auto err = sessionError(a->CreateSessionOptions(&rawOptions), what))
        return *err;
    Ptr<OrtSessionOptions> options(rawOptions);
    if (auto err = sessionError(a->SetIntraOpNumThreads(options.get(), intraOpThreads), what))
        return *err;
    if (auto err = sessionError(a->SetInterOpNumThreads(options.get(), 1), what))
        return *err;
    if (auto err = sessionError(a->SetSessionGraphOptimizationLevel(options.get(), ORT_ENABLE_ALL), what))
        return *err;

    std::unique_ptr<Session> s(new Session);
    OrtSession* rawSession = nullptr;
    const QByteArray path = QFile::encodeName(modelPath);
    if (auto err
        = sessionError(a->CreateSession(environment.value(), path.constData(), options.get(), &rawSession), what))
        return *err;
    s->m_session.reset(rawSession);

    auto inputs = s->readIo(true);
    if (!inputs)
        return inputs.error();
    auto outputs = s->readIo(false);
    if (!outputs)
        return outputs.error();
    s->m_inputs = std::move(inputs).value();
    s->m_outputs = std::move(outputs).value();
    for (const detail::IoSpec& io : std::as_const(s->m_inputs))
        s->m_inputNames.append(io.name.toUtf8());
    for (const detail::IoSpec& io : std::as_const(s->m_outputs))
        s->m_outputNames.append(io.name.toUtf8());
    for (const QByteArray& n : std::as_const(s->m_inputNames))
        s->m_inputNamePtrs.push_back(n.constData());
    for (const QByteArray& n : std::as_const(s->m_outputNames))
        s->m_outputNamePtrs.push_back(n.constData());
    return s;
}

Result<QList<detail::IoSpec>> Session::readIo(bool inputs)
{
    const OrtApi* a = api();
    const QString what
        = inputs ? QStringLiteral("Cannot read the model's inputs") : QStringLiteral("Cannot read the model's outputs");
    OrtAllocator* allocator = nullptr;
    if (auto err = sessionError(a->GetAllocatorWithDefaultOptions(&allocator), what))
        return *err;
    size_t count = 0;
    if (auto err = sessionError(inputs ? a->SessionGetInputCount(m_session.get(), &count)
                                       : a->SessionGetOutputCount(m_session.get(), &count),
            what))
        return *err;
    QList<detail::IoSpec> list;
    for (size_t i = 0; i < count; ++i) {
        detail::IoSpec io;
        char* name = nullptr;
        if (auto err = sessionError(inputs ? a->SessionGetInputName(m_session.get(), i, allocator, &name)
                                           : a->SessionGetOutputName(m_session.get(), i, allocator, &name),
                what))
            return *err;
        io.name = QString::fromUtf8(name);
        if (auto err = sessionError(a->AllocatorFree(allocator, name), what))
            return *err;

        OrtTypeInfo* rawType = nullptr;
        if (auto err = sessionError(inputs ? a->SessionGetInputTypeInfo(m_session.get(), i, &rawType)
                                           : a->SessionGetOutputTypeInfo(m_session.get(), i, &rawType),
                what))
            return *err;
        const Ptr<OrtTypeInfo> typeInfo(rawType); // keep alive while the tensor info view is read
        ONNXType kind = ONNX_TYPE_UNKNOWN;
        if (auto err = sessionError(a->GetOnnxTypeFromTypeInfo(typeInfo.get(), &kind), what))
            return *err;
        io.kind = onnxTypeName(kind);
        if (kind == ONNX_TYPE_TENSOR) {
            const OrtTensorTypeAndShapeInfo* tensorInfo = nullptr;
            if (auto err = sessionError(a->CastTypeInfoToTensorInfo(typeInfo.get(), &tensorInfo), what))
                return *err;
            if (auto err = readTensorInfo(tensorInfo, &io, what))
                return *err;
        }
        list.append(io);
    }
    return list;
}

std::optional<Error> Session::bind(QList<HostTensor> tensors)
{
    const OrtApi* a = api();
    const QString what = QStringLiteral("Cannot create the input tensors");
    m_inputValues.clear();
    m_bound = std::move(tensors);
    OrtMemoryInfo* rawInfo = nullptr;
    if (auto err = check(a->CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &rawInfo),
            QStringLiteral("ort_run_failed"), what))
        return err;
    const Ptr<OrtMemoryInfo> memory(rawInfo);
    for (HostTensor& t : m_bound) {
        const std::vector<int64_t> shape(t.shape.begin(), t.shape.end());
        OrtValue* value = nullptr;
        if (auto err = check(a->CreateTensorWithDataAsOrtValue(memory.get(), t.data.data(), size_t(t.data.size()),
                                 shape.data(), shape.size(), ONNXTensorElementDataType(t.elemType), &value),
                QStringLiteral("ort_run_failed"), QStringLiteral("Cannot create input tensor '%1'").arg(t.name)))
            return err;
        m_inputValues.emplace_back(value);
    }
    return std::nullopt;
}

std::optional<Error> Session::run(double* ms, QList<HostTensor>* outputs)
{
    const OrtApi* a = api();
    std::vector<const OrtValue*> in;
    for (const Ptr<OrtValue>& v : m_inputValues)
        in.push_back(v.get());
    std::vector<OrtValue*> out(m_outputNamePtrs.size(), nullptr);

    const auto start = std::chrono::steady_clock::now();
    OrtStatus* status = a->Run(m_session.get(), nullptr, m_inputNamePtrs.data(), in.data(), in.size(),
        m_outputNamePtrs.data(), m_outputNamePtrs.size(), out.data());
    const auto stop = std::chrono::steady_clock::now();
    *ms = std::chrono::duration<double, std::milli>(stop - start).count();

    std::vector<Ptr<OrtValue>> owned;
    for (OrtValue* v : out)
        owned.emplace_back(v); // released on every path
    if (auto err = check(status, QStringLiteral("ort_run_failed"), QStringLiteral("ONNX Runtime failed to run")))
        return err;
    if (!outputs)
        return std::nullopt;

    outputs->clear();
    for (size_t i = 0; i < owned.size(); ++i) {
        const QString name = m_outputs.value(qsizetype(i)).name;
        ONNXType kind = ONNX_TYPE_UNKNOWN;
        const QString what = QStringLiteral("Cannot read output '%1'").arg(name);
        if (auto err = check(a->GetValueType(owned[i].get(), &kind), QStringLiteral("ort_run_failed"), what))
            return err;
        if (kind != ONNX_TYPE_TENSOR)
            return Error { QStringLiteral("unsupported_type"),
                QStringLiteral("Output '%1' is a %2; the CPU reference run keeps tensors only")
                    .arg(name, onnxTypeName(kind)),
                {} };
        OrtTensorTypeAndShapeInfo* rawInfo = nullptr;
        if (auto err
            = check(a->GetTensorTypeAndShape(owned[i].get(), &rawInfo), QStringLiteral("ort_run_failed"), what))
            return err;
        const Ptr<OrtTensorTypeAndShapeInfo> info(rawInfo);
        detail::IoSpec io;
        if (auto err = readTensorInfo(info.get(), &io, what))
            return err;
        HostTensor t { name, io.elemType, io.dims, {} };
        const int size = elemTypeSize(t.elemType);
        if (size == 0)
            return Error { QStringLiteral("unsupported_type"),
                QStringLiteral("Output '%1' has element type %2, which the CPU reference run cannot keep")
                    .arg(name, t.dtype()),
                {} };
        void* data = nullptr;
        if (auto err = check(a->GetTensorMutableData(owned[i].get(), &data), QStringLiteral("ort_run_failed"), what))
            return err;
        const qint64 bytes = t.byteCount(); // -1 for dims ONNX Runtime should never return
        t.data = bytes > 0 ? QByteArray(static_cast<const char*>(data), bytes) : QByteArray();
        outputs->append(std::move(t));
    }
    return std::nullopt;
}

} // namespace wb::ort

#endif // WB_HAVE_ORT_HEADERS
