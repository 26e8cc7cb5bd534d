#include "omgen.h"

#include "om/ge_ir_min.pb.h"
#include "run/omfileheader.h"

#include <QStringList>

#include <string>

namespace omgen {

namespace {

using wb::omproto::AttrDef;

int dtypeNumber(const QString& name)
{
    static const QStringList names { "UNDEFINED", "FLOAT", "FLOAT16", "INT8", "UINT8", "INT16", "UINT16", "INT32",
        "INT64", "UINT32", "UINT64", "BOOL", "DOUBLE" };
    return int(std::max<qsizetype>(0, names.indexOf(name)));
}

void setS(google::protobuf::Map<std::string, AttrDef>& attrs, const char* key, const QString& value)
{
    attrs[key].set_s(value.toStdString());
}

void setI(google::protobuf::Map<std::string, AttrDef>& attrs, const char* key, qint64 value)
{
    attrs[key].set_i(value);
}

void setList(google::protobuf::Map<std::string, AttrDef>& attrs, const char* key, const QStringList& values)
{
    auto* list = attrs[key].mutable_list();
    list->set_val_type(1);
    for (const QString& v : values)
        list->add_s(v.toStdString());
}

void fillDesc(wb::omproto::TensorDescriptor* d, const wb::OmTensorDesc& t)
{
    d->set_name(t.name.toStdString());
    d->set_dtype(t.dtype.isEmpty() ? 0 : dtypeNumber(t.dtype));
    d->set_layout(t.format.toStdString());
    if (t.shape) {
        auto* shape = d->mutable_shape();
        for (qint64 dim : *t.shape)
            shape->add_dim(dim);
    }
}

void put(QByteArray& bytes, qsizetype at, quint64 value, int width)
{
    for (int i = 0; i < width; ++i)
        bytes[at + i] = char((value >> (8 * i)) & 0xFF);
}

} // namespace

QByteArray modelDefBytes(const wb::OmModel& m, const Options& options)
{
    wb::omproto::ModelDef def;
    def.set_name(m.name.toStdString());
    def.set_version(1);
    auto& attrs = *def.mutable_attr();
    if (m.socVersion)
        setS(attrs, "soc_version", *m.socVersion);
    if (m.atcVersion)
        setS(attrs, "atc_version", *m.atcVersion);
    if (m.oppVersion)
        setS(attrs, "opp_version", *m.oppVersion);
    if (m.atcCmdline)
        setS(attrs, "atc_cmdline", *m.atcCmdline);
    if (m.frameworkType) {
        if (options.frameworkTypeAsInt)
            setI(attrs, "framework_type", 5);
        else
            setS(attrs, "framework_type", QStringLiteral("5"));
    }
    if (m.memorySize)
        setI(attrs, "memory_size", *m.memorySize);
    if (m.weightSize)
        setI(attrs, "weight_size", *m.weightSize);
    if (m.streamNum)
        setI(attrs, "stream_num", *m.streamNum);
    if (m.eventNum)
        setI(attrs, "event_num", *m.eventNum);
    if (m.outNodes)
        setList(attrs, "attr_model_out_nodes_name", *m.outNodes);

    wb::omproto::GraphDef* graph = nullptr;
    QString graphName;
    for (const wb::OmOp& op : m.ops) {
        if (!graph || op.graph != graphName) {
            graph = def.add_graph();
            graph->set_name(op.graph.toStdString());
            graphName = op.graph;
        }
        auto* o = graph->add_op();
        o->set_name(op.name.toStdString());
        o->set_type(op.type.toStdString());
        for (const QString& in : op.inputs)
            o->add_input(in.toStdString());
        auto& a = *o->mutable_attr();
        if (!op.kernelLib.isEmpty())
            setS(a, "_ge_attr_op_kernel_lib_name", op.kernelLib);
        if (!op.onnxNodes.isEmpty())
            setList(a, "_datadump_original_op_names", op.onnxNodes);
        if (!op.passes.isEmpty())
            setList(a, "pass_name", op.passes);
        if (op.blockDim)
            setI(a, "tvm_blockdim", *op.blockDim);
        if (!op.aipp.isEmpty()) {
            auto* func = a["aipp"].mutable_func();
            for (auto it = op.aipp.cbegin(); it != op.aipp.cend(); ++it)
                (*func->mutable_attr())[it.key().toStdString()].set_s(it.value().toStdString());
        }
        for (const wb::OmTensorDesc& t : op.inputDescs)
            fillDesc(o->add_input_desc(), t);
        for (const wb::OmTensorDesc& t : op.outputDescs)
            fillDesc(o->add_output_desc(), t);
    }
    std::string bytes;
    def.SerializeToString(&bytes);
    return QByteArray::fromStdString(bytes);
}

QByteArray omFile(const wb::OmModel& model, const Options& options)
{
    QList<QPair<int, QByteArray>> parts;
    if (options.withModelDef)
        parts.append(
            { 0, options.modelDefOverride.isEmpty() ? modelDefBytes(model, options) : options.modelDefOverride });
    parts.append({ 1, QByteArray(options.weightBytes, '\x5a') });
    parts.append({ 2, QByteArray(64, '\x01') }); // task info
    const qsizetype entrySize = options.tinyTable ? 12 : 24;
    const qsizetype tableSize = (options.tinyTable ? 4 : 8) + entrySize * parts.size();
    QByteArray table(tableSize, '\0');
    put(table, 0, quint64(parts.size()), 4);
    quint64 offset = 0;
    QByteArray data;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const qsizetype at = (options.tinyTable ? 4 : 8) + entrySize * i;
        put(table, at, quint64(parts.at(i).first), 4);
        if (options.tinyTable) {
            put(table, at + 4, offset, 4);
            put(table, at + 8, quint64(parts.at(i).second.size()), 4);
        } else {
            put(table, at + 8, offset, 8);
            put(table, at + 16, quint64(parts.at(i).second.size()), 8);
        }
        offset += quint64(parts.at(i).second.size());
        data += parts.at(i).second;
    }
    QByteArray header(qsizetype(wb::om::HeaderSize), '\0');
    put(header, 0, wb::om::MagicNumber, 4);
    put(header, 4, wb::om::HeaderSize, 4);
    put(header, 8, 0x20000000, 4);
    const quint64 length = quint64(table.size() + data.size());
    put(header, 76, options.tinyTable ? length : 0, 4);
    header[80] = options.encrypted ? 1 : 0;
    const QByteArray name = model.name.toUtf8().left(31);
    header.replace(84, name.size(), name);
    put(header, 156, quint64(options.modelNum), 4);
    if (!options.tinyTable)
        put(header, 184, length, 8);
    return header + table + data;
}

wb::OmModel sampleModel()
{
    using wb::OmEngine;
    wb::OmModel m;
    m.name = QStringLiteral("sample");
    m.socVersion = QStringLiteral("Ascend310B4");
    m.atcVersion = QStringLiteral("7.6.0.1.220");
    m.oppVersion = QStringLiteral("8.0.0");
    m.atcCmdline = QStringLiteral("/opt/atc.bin --framework=5 --model=/models/sample.onnx --output=sample "
                                  "--input_shape=x:1,3,8,8 --soc_version=Ascend310B4");
    m.frameworkType = QStringLiteral("Onnx");
    m.memorySize = 24123392;
    m.weightSize = 4096;
    m.streamNum = 1;
    m.eventNum = 0;
    m.outNodes = QStringList { QStringLiteral("/conv/Conv:0") };
    const wb::OmTensorDesc x { {}, QStringLiteral("FLOAT"), QStringLiteral("NCHW"), QList<qint64> { 1, 3, 8, 8 } };
    const wb::OmTensorDesc y { {}, QStringLiteral("FLOAT16"), QStringLiteral("NC1HWC0"),
        QList<qint64> { 1, 1, 8, 8, 16 } };
    const wb::OmTensorDesc z { {}, QStringLiteral("FLOAT"), QStringLiteral("ND"), QList<qint64> { 1, 1024 } };
    const auto make = [](const char* name, const char* type, const char* lib, OmEngine engine) {
        wb::OmOp op;
        op.name = QString::fromLatin1(name);
        op.type = QString::fromLatin1(type);
        op.graph = QStringLiteral("main");
        op.kernelLib = QString::fromLatin1(lib);
        op.engine = engine;
        return op;
    };
    wb::OmOp data = make("x", "Data", "DNN_VM_GE_LOCAL_OP_STORE", OmEngine::GeLocal);
    data.inputDescs = { x };
    data.outputDescs = { x };
    data.aipp = { { QStringLiteral("aipp_mode"), QStringLiteral("static") },
        { QStringLiteral("input_format"), QStringLiteral("YUV420SP_U8") } };
    wb::OmOp conv = make("/conv/Conv", "Conv2D", "AIcoreEngine", OmEngine::AiCore);
    conv.onnxNodes = { QStringLiteral("/conv/Conv"), QStringLiteral("/relu/Relu") };
    conv.passes = { QStringLiteral("TbeConvElemwiseFusionPass") };
    conv.blockDim = 8;
    conv.inputs = { QStringLiteral("x:0") };
    conv.inputDescs = { x };
    conv.outputDescs = { y };
    wb::OmOp concat = make("/concat/Concat", "ConcatD", "aicpu_ascend_kernel", OmEngine::AiCpu);
    concat.onnxNodes = { QStringLiteral("/concat/Concat") };
    concat.inputs = { QStringLiteral("/conv/Conv:0") };
    concat.inputDescs = { y };
    concat.outputDescs = { z };
    wb::OmOp cast = make("trans_Cast_0", "Cast", "AIcoreEngine", OmEngine::AiCore);
    cast.blockDim = 1;
    cast.inputs = { QStringLiteral("/concat/Concat:0") };
    cast.inputDescs = { z };
    cast.outputDescs = { z };
    wb::OmOp out = make("Node_Output", "NetOutput", "DNN_VM_GE_LOCAL_OP_STORE", OmEngine::GeLocal);
    out.inputs = { QStringLiteral("trans_Cast_0:0") };
    out.inputDescs = { z };
    m.ops = { data, conv, concat, cast, out };
    wb::OmTensorDesc in = x;
    in.name = QStringLiteral("x");
    m.inputs = { in };
    wb::OmTensorDesc o = z;
    o.name = QStringLiteral("trans_Cast_0:0");
    m.outputs = { o };
    return m;
}

} // namespace omgen
