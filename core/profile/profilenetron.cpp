#include "profilenetron.h"

#include "onnx/modelwriter_p.h"

#include <google/protobuf/unknown_field_set.h>

namespace wb {

Result<int> writeNetronAttachment(const OnnxModel& model, const ProfileMapping& mapping, const QString& outPath)
{
    if (auto error = detail::checkDestination(model, outPath))
        return *error;
    auto full = model.fullProto();
    if (!full)
        return full.error();
    onnx::ModelProto& proto = *full.value();
    QHash<QString, const NodeTime*> times;
    for (const NodeTime& t : mapping.nodes)
        times.insert(t.node, &t);
    int annotated = 0;
    onnx::GraphProto* graph = proto.mutable_graph();
    for (int i = 0; i < graph->node_size(); ++i) {
        onnx::NodeProto* node = graph->mutable_node(i);
        const QString name = node->name().empty()
            ? QStringLiteral("%1#%2").arg(QString::fromStdString(node->op_type())).arg(i)
            : QString::fromStdString(node->name());
        const NodeTime* t = times.value(name);
        if (!t)
            continue;
        const QString note = QStringLiteral("NPU time: %1 us per iteration (%2 % of profiled op time); ops: %3")
                                 .arg(t->perIterationUs, 0, 'f', 3)
                                 .arg(t->percent, 0, 'f', 2)
                                 .arg(t->ops.join(QStringLiteral(", ")));
        std::string doc = node->doc_string();
        if (!doc.empty())
            doc += "\n";
        node->set_doc_string(doc + note.toStdString());
        // NodeProto.metadata_props (field 9, ONNX 1.16) is newer than the onnx library here: written as an unknown
        // field holding a StringStringEntryProto, which has the same wire form.
        onnx::StringStringEntryProto entry;
        entry.set_key("npu_time_us");
        entry.set_value(QByteArray::number(t->perIterationUs, 'f', 3).toStdString());
        node->GetReflection()->MutableUnknownFields(node)->AddLengthDelimited(9, entry.SerializeAsString());
        ++annotated;
    }
    auto written = detail::checkAndWrite(proto, model, outPath);
    if (!written)
        return written.error();
    return annotated;
}

} // namespace wb
