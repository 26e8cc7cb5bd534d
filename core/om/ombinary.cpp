// Reader for a binary .om: GE's 256-byte header (run/omfileheader.h), the partition table after it, and the
// model-definition partition decoded with our own declaration of GE's ModelDef (om/ge_ir_min.proto). Only the
// header, the table and that one partition are read from the file: the weights, task info and kernels are not.
//
// Partition table (GE inc/framework/common/framework_types_internal.h, see shared reference runners.md §5.1): when
// the header's model_length is set, `struct ModelPartitionTable { uint32 num; ModelPartitionMemInfo partition[]; }`
// with `{ ModelPartitionType type; uint64 mem_offset; uint64 mem_size; }` (natural alignment: the entries start 8
// bytes in and are 24 bytes each); older (tiny) files use `{ type; uint32 mem_offset; uint32 mem_size; }` (4 bytes in,
// 12 each). Partition data follows the table, in table order.
#include "om/omraw_p.h"

#include "om/ge_ir_min.pb.h"
#include "run/omfileheader.h"
#include "run/omheader.h"

#include <QFile>

namespace wb::omraw {

namespace {

struct Table {
    QList<OmPartition> partitions;
    bool ok = false;
};

// Reads the table in one of the two layouts; ok when every partition lies inside the file.
Table readTable(const QByteArray& bytes, quint64 fileSize, bool wide)
{
    Table table;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.constData());
    const quint64 available = quint64(bytes.size());
    if (available < om::HeaderSize + 4)
        return table;
    const quint32 count = om::detail::readU32(p + om::HeaderSize);
    constexpr quint32 MaxPartitions = 64;
    if (count == 0 || count > MaxPartitions)
        return table;
    const quint64 entryStart = om::HeaderSize + (wide ? 8 : 4);
    const quint64 entrySize = wide ? 24 : 12;
    const quint64 dataStart = entryStart + entrySize * count;
    if (dataStart > available)
        return table;
    quint64 cumulative = 0;
    bool storedOffsetsFit = true;
    for (quint32 i = 0; i < count; ++i) {
        const unsigned char* e = p + entryStart + entrySize * i;
        OmPartition part;
        part.type = int(om::detail::readU32(e));
        const quint64 offset = wide ? om::detail::readU64(e + 8) : om::detail::readU32(e + 4);
        part.size = wide ? om::detail::readU64(e + 16) : om::detail::readU32(e + 8);
        part.offset = dataStart + offset;
        if (part.size > fileSize || part.offset > fileSize - part.size)
            storedOffsetsFit = false;
        cumulative += part.size;
        table.partitions.append(part);
    }
    if (!storedOffsetsFit) { // GE's loader lays partitions out one after the other: try that
        quint64 at = dataStart;
        for (OmPartition& part : table.partitions) {
            part.offset = at;
            at += part.size;
        }
    }
    table.ok = dataStart + cumulative <= fileSize;
    return table;
}

AttrValue toAttr(const omproto::AttrDef& a);

Attrs toAttrs(const google::protobuf::Map<std::string, omproto::AttrDef>& map)
{
    Attrs attrs;
    for (const auto& [key, value] : map)
        attrs.insert(QString::fromStdString(key), toAttr(value));
    return attrs;
}

AttrValue toAttr(const omproto::AttrDef& a)
{
    using Kind = AttrValue::Kind;
    AttrValue v;
    switch (a.value_case()) {
    case omproto::AttrDef::kS:
        v.kind = Kind::S;
        v.s = QString::fromStdString(a.s());
        break;
    case omproto::AttrDef::kI:
        v.kind = Kind::I;
        v.i = a.i();
        break;
    case omproto::AttrDef::kF:
        v.kind = Kind::F;
        v.f = a.f();
        break;
    case omproto::AttrDef::kB:
        v.kind = Kind::B;
        v.b = a.b();
        break;
    case omproto::AttrDef::kDt:
        v.kind = Kind::S;
        v.s = dtypeName(QString::number(a.dt()));
        break;
    case omproto::AttrDef::kList: {
        const auto& l = a.list();
        if (l.s_size() > 0 || l.val_type() == 1) {
            v.kind = Kind::ListS;
            for (const std::string& s : l.s())
                v.listS.append(QString::fromStdString(s));
        } else if (l.i_size() > 0 || l.val_type() == 2) {
            v.kind = Kind::ListI;
            for (qint64 i : l.i())
                v.listI.append(i);
        } else if (l.f_size() > 0) {
            v.kind = Kind::ListF;
            for (float f : l.f())
                v.listF.append(f);
        } else if (l.b_size() > 0) {
            v.kind = Kind::ListB;
            for (bool b : l.b())
                v.listB.append(b);
        } else {
            v.kind = Kind::ListS;
        }
        break;
    }
    case omproto::AttrDef::kFunc: {
        v.kind = Kind::Named;
        const Attrs named = toAttrs(a.func().attr());
        for (auto it = named.cbegin(); it != named.cend(); ++it)
            v.named.insert(it.key(), it.value().text());
        break;
    }
    case omproto::AttrDef::kBt:
    case omproto::AttrDef::kTd:
        v.kind = Kind::Other;
        break;
    case omproto::AttrDef::VALUE_NOT_SET:
        break;
    }
    return v;
}

Tensor toTensor(const omproto::TensorDescriptor& t)
{
    Tensor tensor;
    tensor.name = QString::fromStdString(t.name());
    tensor.dtype = t.dtype() != 0 ? QString::number(t.dtype()) : QString();
    tensor.layout = QString::fromStdString(t.layout());
    if (t.has_shape()) {
        QList<qint64> dims;
        for (qint64 d : t.shape().dim())
            dims.append(d);
        tensor.dims = dims;
    }
    return tensor;
}

Error fail(const QString& code, const QString& message)
{
    return Error { code, message, {} };
}

} // namespace

Result<OmModel> readOmBinary(const QString& path)
{
    const OmHeader header = readOmHeaderFile(path);
    if (!header.valid) {
        const QString code = header.error == OmHeader::Error::Truncated ? QStringLiteral("truncated")
            : header.error == OmHeader::Error::NotFound                 ? QStringLiteral("not_found")
            : header.error == OmHeader::Error::Unreadable               ? QStringLiteral("unreadable")
                                                                        : QStringLiteral("not_om");
        return fail(code, header.message);
    }
    if (header.encrypted)
        return fail(QStringLiteral("encrypted"),
            QStringLiteral("%1 is an encrypted OM: its model definition cannot be read without the key. Inspect the "
                           "unencrypted OM, or the JSON of `atc --mode=1` run where the key is.")
                .arg(path));

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            QStringLiteral("unreadable"), QStringLiteral("%1 cannot be read (%2).").arg(path, file.errorString()));
    const quint64 fileSize = quint64(file.size());
    // The header and the partition table: 64 entries of 24 bytes at most.
    const QByteArray head = file.read(qint64(om::HeaderSize + 8 + 24 * 64));
    const bool wideHeader = head.size() >= 192
        && om::detail::readU64(reinterpret_cast<const unsigned char*>(head.constData()) + 184) != 0;
    Table table = readTable(head, fileSize, wideHeader);
    if (!table.ok)
        table = readTable(head, fileSize, !wideHeader);
    if (!table.ok)
        return fail(QStringLiteral("bad_partitions"),
            QStringLiteral("%1 has a valid OM header but no readable partition table after it (%2 entries declared, "
                           "or partitions that reach past the end of the file). The file is damaged or was not "
                           "written by ATC: convert the model again.")
                .arg(path)
                .arg(header.partitionCount));

    const auto def = std::find_if(
        table.partitions.cbegin(), table.partitions.cend(), [](const OmPartition& p) { return p.type == 0; });
    if (def == table.partitions.cend() || def->size == 0)
        return fail(QStringLiteral("bad_partitions"),
            QStringLiteral("%1 has no model-definition partition (partition types:%2), so there is nothing to "
                           "inspect. Convert the model again with ATC.")
                .arg(path, [&] {
                    QString types;
                    for (const OmPartition& p : table.partitions)
                        types += QLatin1Char(' ') + omPartitionName(p.type);
                    return types.isEmpty() ? QStringLiteral(" none") : types;
                }()));
    constexpr quint64 MaxModelDef = quint64(1) << 31; // protobuf's limit for one message
    if (def->size >= MaxModelDef)
        return fail(QStringLiteral("bad_model_def"),
            QStringLiteral("%1 declares a model definition of %2 bytes, more than a protobuf message can hold.")
                .arg(path)
                .arg(def->size));
    if (!file.seek(qint64(def->offset)))
        return fail(
            QStringLiteral("unreadable"), QStringLiteral("%1 cannot be read (%2).").arg(path, file.errorString()));
    const QByteArray bytes = file.read(qint64(def->size));
    if (quint64(bytes.size()) != def->size)
        return fail(QStringLiteral("truncated"),
            QStringLiteral("%1 ends inside its model definition. Copy the file again.").arg(path));

    omproto::ModelDef model;
    if (!model.ParseFromArray(bytes.constData(), int(bytes.size())))
        return fail(QStringLiteral("bad_model_def"),
            QStringLiteral("%1: the model-definition partition (%2 bytes at offset %3) is not a GE ModelDef "
                           "protobuf message. The file is damaged, encrypted, or from an OM format this version does "
                           "not read; `atc --mode=1 --om=%1 --json=M.json` on a machine with the toolkit gives its "
                           "JSON, which opens here too.")
                .arg(path)
                .arg(def->size)
                .arg(def->offset));

    Model raw;
    raw.name = QString::fromStdString(model.name());
    if (raw.name.isEmpty())
        raw.name = header.name;
    raw.attrs = toAttrs(model.attr());
    for (const omproto::GraphDef& g : model.graph()) {
        Graph graph;
        graph.name = QString::fromStdString(g.name());
        for (const omproto::OpDef& o : g.op()) {
            Op op;
            op.name = QString::fromStdString(o.name());
            op.type = QString::fromStdString(o.type());
            for (const std::string& in : o.input())
                op.inputs.append(QString::fromStdString(in));
            op.attrs = toAttrs(o.attr());
            for (const auto& t : o.input_desc())
                op.inputDescs.append(toTensor(t));
            for (const auto& t : o.output_desc())
                op.outputDescs.append(toTensor(t));
            graph.ops.append(std::move(op));
        }
        raw.graphs.append(std::move(graph));
    }
    QStringList warnings;
    if (header.modelNum > 1)
        warnings.append(QStringLiteral("The OM holds %1 models (a dynamic-shape OM); only the first model definition "
                                       "is shown.")
                            .arg(header.modelNum));
    OmModel result = buildOmModel(raw, path, OmModel::Source::OmFile, warnings);
    result.partitions = table.partitions;
    return result;
}

} // namespace wb::omraw
