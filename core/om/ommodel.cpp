#include "om/ommodel.h"

#include "om/omraw_p.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace wb {

namespace {

// GE's ge.proto.DataType numbers (graph_metadef/proto/ge_ir.proto, see om/ge_ir_min.proto).
const char* const DtypeNames[] = { "UNDEFINED", "FLOAT", "FLOAT16", "INT8", "UINT8", "INT16", "UINT16", "INT32",
    "INT64", "UINT32", "UINT64", "BOOL", "DOUBLE", "STRING", "DUAL_SUB_INT8", "DUAL_SUB_UINT8", "COMPLEX64",
    "COMPLEX128", "QINT8", "QINT16", "QINT32", "QUINT8", "QUINT16", "RESOURCE", "STRING_REF", "DUAL", "VARIANT", "BF16",
    "INT4", "UINT1", "INT2", "UINT2", "COMPLEX32", "HIFLOAT8", "FLOAT8_E5M2", "FLOAT8_E4M3FN" };

QJsonValue optionalString(const std::optional<QString>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalInt(const std::optional<qint64>& value)
{
    return value ? QJsonValue(double(*value)) : QJsonValue(QJsonValue::Null);
}

// The value of a flag in a command line as ATC echoes it: "--name=value" or "--name value" (quotes stripped).
QString flagValue(const QString& cmdline, const QString& name)
{
    static const QRegularExpression word(QStringLiteral(R"((?:"[^"]*"|'[^']*'|\S)+)"));
    QStringList words;
    for (auto it = word.globalMatch(cmdline); it.hasNext();) {
        QString w = it.next().captured(0);
        w.remove(QLatin1Char('"'));
        w.remove(QLatin1Char('\''));
        words.append(w);
    }
    const QString flag = QStringLiteral("--") + name;
    for (qsizetype i = 0; i < words.size(); ++i) {
        if (words.at(i).startsWith(flag + QLatin1Char('=')))
            return words.at(i).mid(flag.size() + 1);
        if (words.at(i) == flag && i + 1 < words.size())
            return words.at(i + 1);
    }
    return {};
}

} // namespace

QString omEngineName(OmEngine engine)
{
    switch (engine) {
    case OmEngine::AiCore:
        return QStringLiteral("ai_core");
    case OmEngine::AiCpu:
        return QStringLiteral("ai_cpu");
    case OmEngine::GeLocal:
        return QStringLiteral("ge_local");
    case OmEngine::Rts:
        return QStringLiteral("rts");
    case OmEngine::Other:
        break;
    }
    return QStringLiteral("other");
}

QString omEngineTitle(OmEngine engine)
{
    switch (engine) {
    case OmEngine::AiCore:
        return QStringLiteral("AI Core");
    case OmEngine::AiCpu:
        return QStringLiteral("AI CPU");
    case OmEngine::GeLocal:
        return QStringLiteral("GE local");
    case OmEngine::Rts:
        return QStringLiteral("RTS");
    case OmEngine::Other:
        break;
    }
    return QStringLiteral("other");
}

OmEngine omEngineFromKernelLib(const QString& name)
{
    if (name == QLatin1String("AIcoreEngine") || name == QLatin1String("VectorEngine"))
        return OmEngine::AiCore;
    if (name.startsWith(QLatin1String("aicpu_"), Qt::CaseInsensitive))
        return OmEngine::AiCpu;
    if (name == QLatin1String("DNN_VM_GE_LOCAL_OP_STORE"))
        return OmEngine::GeLocal;
    if (name == QLatin1String("DNN_VM_RTS_OP_STORE") || name == QLatin1String("DNN_VM_RTS_FFTS_PLUS_OP_STORE"))
        return OmEngine::Rts;
    return OmEngine::Other;
}

QString omPartitionName(int type)
{
    switch (type) {
    case 0:
        return QStringLiteral("model_def");
    case 1:
        return QStringLiteral("weights");
    case 2:
        return QStringLiteral("task_info");
    case 3:
        return QStringLiteral("tbe_kernels");
    case 4:
        return QStringLiteral("cust_aicpu_kernels");
    case 5:
        return QStringLiteral("so_bins");
    case 6:
        return QStringLiteral("flow_model");
    case 7:
        return QStringLiteral("flow_submodel");
    case 8:
        return QStringLiteral("model_inout_info");
    default:
        return QStringLiteral("type_%1").arg(type);
    }
}

std::array<int, OmEngineCount> OmModel::engineCounts() const
{
    std::array<int, OmEngineCount> counts {};
    for (const OmOp& op : ops)
        ++counts[std::size_t(op.engine)];
    return counts;
}

int OmModel::indexOfOp(const QString& opName) const
{
    for (qsizetype i = 0; i < ops.size(); ++i) {
        if (ops.at(i).name == opName)
            return int(i);
    }
    return -1;
}

QString OmModel::sourceModelFromCmdline() const
{
    return atcCmdline ? flagValue(*atcCmdline, QStringLiteral("model")) : QString();
}

QString OmModel::inputShapeFromCmdline() const
{
    return atcCmdline ? flagValue(*atcCmdline, QStringLiteral("input_shape")) : QString();
}

QJsonObject omTensorToJson(const OmTensorDesc& t)
{
    QJsonValue shape(QJsonValue::Null);
    if (t.shape) {
        QJsonArray dims;
        for (qint64 d : *t.shape)
            dims.append(double(d));
        shape = dims;
    }
    return { { QStringLiteral("name"), t.name },
        { QStringLiteral("dtype"), t.dtype.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(t.dtype) },
        { QStringLiteral("format"), t.format.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(t.format) },
        { QStringLiteral("shape"), shape } };
}

QJsonObject omModelToJson(const OmModel& m)
{
    const auto tensors = [](const QList<OmTensorDesc>& list) {
        QJsonArray array;
        for (const OmTensorDesc& t : list)
            array.append(omTensorToJson(t));
        return array;
    };
    QJsonArray ops;
    for (const OmOp& op : m.ops) {
        QJsonObject o { { QStringLiteral("name"), op.name }, { QStringLiteral("type"), op.type },
            { QStringLiteral("engine"), omEngineName(op.engine) },
            { QStringLiteral("onnx_nodes"), QJsonArray::fromStringList(op.onnxNodes) },
            { QStringLiteral("passes"), QJsonArray::fromStringList(op.passes) },
            { QStringLiteral("block_dim"), optionalInt(op.blockDim) },
            { QStringLiteral("inputs"), tensors(op.inputDescs) },
            { QStringLiteral("outputs"), tensors(op.outputDescs) } };
        if (!op.aipp.isEmpty()) {
            QJsonObject aipp;
            for (auto it = op.aipp.cbegin(); it != op.aipp.cend(); ++it)
                aipp.insert(it.key(), it.value());
            o.insert(QStringLiteral("aipp"), aipp);
        }
        ops.append(o);
    }
    QJsonObject engines;
    const auto counts = m.engineCounts();
    for (int e = 0; e < OmEngineCount; ++e)
        engines.insert(omEngineName(OmEngine(e)), counts[std::size_t(e)]);
    QJsonArray partitions;
    for (const OmPartition& p : m.partitions)
        partitions.append(QJsonObject { { QStringLiteral("type"), omPartitionName(p.type) },
            { QStringLiteral("offset"), double(p.offset) }, { QStringLiteral("size"), double(p.size) } });
    return { { QStringLiteral("kind"), QStringLiteral("om") },
        { QStringLiteral("source"),
            m.source == OmModel::Source::OmFile ? QStringLiteral("om") : QStringLiteral("atc_json") },
        { QStringLiteral("path"), m.path }, { QStringLiteral("name"), m.name },
        { QStringLiteral("soc_version"), optionalString(m.socVersion) },
        { QStringLiteral("atc_version"), optionalString(m.atcVersion) },
        { QStringLiteral("opp_version"), optionalString(m.oppVersion) },
        { QStringLiteral("framework_type"), optionalString(m.frameworkType) },
        { QStringLiteral("atc_cmdline"), optionalString(m.atcCmdline) },
        { QStringLiteral("memory_size"), optionalInt(m.memorySize) },
        { QStringLiteral("weight_size"), optionalInt(m.weightSize) },
        { QStringLiteral("stream_num"), optionalInt(m.streamNum) },
        { QStringLiteral("event_num"), optionalInt(m.eventNum) },
        { QStringLiteral("out_nodes"),
            m.outNodes ? QJsonValue(QJsonArray::fromStringList(*m.outNodes)) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("inputs"), tensors(m.inputs) }, { QStringLiteral("outputs"), tensors(m.outputs) },
        { QStringLiteral("ops"), ops }, { QStringLiteral("engines"), engines },
        { QStringLiteral("partitions"), partitions },
        { QStringLiteral("warnings"), QJsonArray::fromStringList(m.warnings) } };
}

bool isOmFile(const QString& path)
{
    if (path.endsWith(QLatin1String(".om"), Qt::CaseInsensitive))
        return true;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(4096);
    if (head.startsWith("IMOD"))
        return true;
    if (!head.trimmed().startsWith('{') || head.contains("\"recipe\""))
        return false;
    return head.contains("\"graph\"") || head.contains("\"attr\"");
}

Result<OmModel> readOmFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error { QStringLiteral("not_found"),
            QStringLiteral("%1 does not exist. Pass the .om file ATC wrote, or the JSON of `atc --mode=1`.").arg(path),
            {} };
    QFile file(path);
    if (info.isDir() || !file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("unreadable"),
            QStringLiteral("%1 cannot be read (%2).")
                .arg(path, info.isDir() ? QStringLiteral("it is a folder") : file.errorString()),
            {} };
    const QByteArray start = file.peek(64);
    if (start.startsWith("IMOD"))
        return omraw::readOmBinary(path);
    if (start.trimmed().startsWith('{')) {
        constexpr qint64 MaxJsonBytes = qint64(2) << 30; // QJsonDocument's own limit is near 2 GiB
        if (info.size() >= MaxJsonBytes)
            return Error { QStringLiteral("bad_json"),
                QStringLiteral("%1 is %2 bytes, more than an OM JSON can be read here; open the .om itself instead.")
                    .arg(path)
                    .arg(info.size()),
                {} };
        return parseOmJson(file.readAll(), path);
    }
    if (info.size() == 0)
        return Error { QStringLiteral("not_om"),
            QStringLiteral("%1 is empty (0 bytes): neither an OM model nor an OM JSON. Convert the model again with "
                           "ATC.")
                .arg(path),
            {} };
    // Not an OM and not JSON: say what it is, with the OM header checker's guess (a PNG, an ONNX model, ...).
    const QByteArray head = file.read(260);
    return Error { QStringLiteral("not_om"),
        QStringLiteral("%1 is neither an OM model (which starts with \"IMOD\") nor the JSON of `atc --mode=1` (which "
                       "starts with '{').%2 Pass the .om file ATC wrote, or its JSON.")
            .arg(path,
                [&] {
                    const auto* p = reinterpret_cast<const unsigned char*>(head.constData());
                    const auto n = std::size_t(head.size());
                    const auto startsWith = [&](const char* prefix, std::size_t len) {
                        return n >= len && std::equal(prefix, prefix + len, reinterpret_cast<const char*>(p));
                    };
                    if (startsWith("\x89PNG", 4))
                        return QStringLiteral(" It is a PNG image.");
                    if (startsWith("\x7f"
                                   "ELF",
                            4))
                        return QStringLiteral(" It is an ELF binary.");
                    if (startsWith("PK\x03\x04", 4))
                        return QStringLiteral(" It is a ZIP archive.");
                    if (n >= 2 && p[0] == 0x08 && p[1] >= 3 && p[1] <= 12)
                        return QStringLiteral(" It looks like an ONNX model: convert it with ATC first, or pass it "
                                              "as --model.");
                    return QString();
                }()),
        {} };
}

namespace omraw {

QString AttrValue::text() const
{
    const auto joinInts = [](const QList<qint64>& values) {
        QStringList parts;
        for (qint64 v : values)
            parts.append(QString::number(v));
        return parts.join(QLatin1Char(','));
    };
    switch (kind) {
    case Kind::S:
        return s;
    case Kind::I:
        return QString::number(i);
    case Kind::F:
        return QString::number(f);
    case Kind::B:
        return b ? QStringLiteral("true") : QStringLiteral("false");
    case Kind::ListS:
        return listS.join(QLatin1Char(','));
    case Kind::ListI:
        return joinInts(listI);
    case Kind::ListF: {
        QStringList parts;
        for (double v : listF)
            parts.append(QString::number(v));
        return parts.join(QLatin1Char(','));
    }
    case Kind::ListB: {
        QStringList parts;
        for (bool v : listB)
            parts.append(v ? QStringLiteral("true") : QStringLiteral("false"));
        return parts.join(QLatin1Char(','));
    }
    case Kind::Named: {
        QStringList parts;
        for (auto it = named.cbegin(); it != named.cend(); ++it)
            parts.append(it.key() + QLatin1Char('=') + it.value());
        return parts.join(QLatin1Char(' '));
    }
    case Kind::None:
    case Kind::Other:
        break;
    }
    return {};
}

QString dtypeName(const QString& dtype)
{
    if (dtype.isEmpty())
        return {};
    if (dtype.startsWith(QLatin1String("DT_")))
        return dtype.mid(3);
    bool ok = false;
    const int number = dtype.toInt(&ok);
    if (ok && number >= 0 && number < int(std::size(DtypeNames)))
        return QString::fromLatin1(DtypeNames[number]);
    return dtype;
}

namespace {

std::optional<QString> stringAttr(const Attrs& attrs, const char* key)
{
    const auto it = attrs.constFind(QLatin1String(key));
    if (it == attrs.cend() || it->kind == AttrValue::Kind::None)
        return std::nullopt;
    return it->text();
}

std::optional<qint64> intAttr(const Attrs& attrs, const char* key)
{
    const auto it = attrs.constFind(QLatin1String(key));
    if (it == attrs.cend())
        return std::nullopt;
    if (it->kind == AttrValue::Kind::I)
        return it->i;
    if (it->kind == AttrValue::Kind::S) {
        bool ok = false;
        const qint64 value = it->s.toLongLong(&ok);
        if (ok)
            return value;
    }
    return std::nullopt;
}

QStringList listAttr(const Attrs& attrs, const char* key)
{
    const auto it = attrs.constFind(QLatin1String(key));
    if (it == attrs.cend())
        return {};
    if (it->kind == AttrValue::Kind::ListS)
        return it->listS;
    if (it->kind == AttrValue::Kind::S && !it->s.isEmpty())
        return { it->s };
    return {};
}

// framework_type is stored as the --framework number (as text or as an int) in the OMs we know.
QString frameworkName(const QString& value)
{
    static const QHash<QString, QString> names { { QStringLiteral("0"), QStringLiteral("Caffe") },
        { QStringLiteral("1"), QStringLiteral("MindSpore") }, { QStringLiteral("3"), QStringLiteral("TensorFlow") },
        { QStringLiteral("5"), QStringLiteral("Onnx") } };
    return names.value(value, value);
}

OmTensorDesc toDesc(const Tensor& t)
{
    return { t.name, dtypeName(t.dtype), t.layout, t.dims };
}

} // namespace

OmModel buildOmModel(const Model& raw, const QString& path, OmModel::Source source, QStringList warnings)
{
    OmModel m;
    m.path = path;
    m.source = source;
    m.name = raw.name;
    const Attrs& a = raw.attrs;
    m.socVersion = stringAttr(a, "soc_version");
    m.atcVersion = stringAttr(a, "atc_version");
    m.oppVersion = stringAttr(a, "opp_version");
    m.atcCmdline = stringAttr(a, "atc_cmdline");
    if (const auto framework = stringAttr(a, "framework_type"))
        m.frameworkType = frameworkName(*framework);
    m.memorySize = intAttr(a, "memory_size");
    m.weightSize = intAttr(a, "weight_size");
    m.streamNum = intAttr(a, "stream_num");
    m.eventNum = intAttr(a, "event_num");
    for (const char* key : { "attr_model_out_nodes_name", "out_nodes_name" }) {
        if (a.contains(QLatin1String(key))) {
            m.outNodes = listAttr(a, key);
            break;
        }
    }
    if (a.contains(QStringLiteral("attr_model_attr_name_enum")))
        warnings.append(QStringLiteral("The OM stores its attribute names compressed (an OM compression of newer "
                                       "ATC versions); attributes of ops may be missing here. Open the JSON of "
                                       "`atc --mode=1` instead, which expands them."));

    for (qsizetype g = 0; g < raw.graphs.size(); ++g) {
        const Graph& graph = raw.graphs.at(g);
        for (const Op& rop : graph.ops) {
            OmOp op;
            op.name = rop.name;
            op.type = rop.type;
            op.graph = graph.name;
            op.kernelLib = stringAttr(rop.attrs, "_ge_attr_op_kernel_lib_name").value_or(QString());
            op.engine = omEngineFromKernelLib(op.kernelLib);
            op.onnxNodes = listAttr(rop.attrs, "_datadump_original_op_names");
            if (op.onnxNodes.isEmpty())
                op.onnxNodes = listAttr(rop.attrs, "original_op_names");
            op.onnxNodes.removeAll(QString());
            for (const char* key : { "pass_name", "pass_name_ub" }) {
                for (const QString& pass : listAttr(rop.attrs, key)) {
                    if (!pass.isEmpty() && !op.passes.contains(pass))
                        op.passes.append(pass);
                }
            }
            op.blockDim = intAttr(rop.attrs, "tvm_blockdim");
            if (!op.blockDim)
                op.blockDim = intAttr(rop.attrs, "_block_dim");
            op.inputs = rop.inputs;
            for (const Tensor& t : rop.inputDescs)
                op.inputDescs.append(toDesc(t));
            for (const Tensor& t : rop.outputDescs)
                op.outputDescs.append(toDesc(t));
            const auto aipp = rop.attrs.constFind(QStringLiteral("aipp"));
            if (aipp != rop.attrs.cend() && aipp->kind == AttrValue::Kind::Named)
                op.aipp = aipp->named;
            if (g == 0 && (op.type == QLatin1String("Data") || op.type == QLatin1String("AippData"))) {
                OmTensorDesc in = !op.outputDescs.isEmpty() ? op.outputDescs.first()
                    : !op.inputDescs.isEmpty()              ? op.inputDescs.first()
                                                            : OmTensorDesc {};
                in.name = op.name;
                m.inputs.append(in);
            }
            if (g == 0 && op.type == QLatin1String("NetOutput")) {
                for (qsizetype k = 0; k < op.inputDescs.size(); ++k) {
                    OmTensorDesc out = op.inputDescs.at(k);
                    const QString producer = k < op.inputs.size() ? op.inputs.at(k) : QString();
                    if (producer.endsWith(QLatin1String(":-1")))
                        continue;
                    if (out.name.isEmpty())
                        out.name = producer;
                    m.outputs.append(out);
                }
            }
            m.ops.append(std::move(op));
        }
    }
    if (raw.graphs.isEmpty())
        warnings.append(QStringLiteral("The model definition has no graph."));
    m.warnings = warnings;
    return m;
}

} // namespace omraw

QString omShapeText(const OmTensorDesc& tensor)
{
    if (!tensor.shape)
        return QStringLiteral("?");
    QStringList dims;
    for (qint64 d : *tensor.shape)
        dims.append(QString::number(d));
    return QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace wb
