#include "graphutil_p.h"
#include "onnxproto_p.h"
#include "summarise_p.h"
#include "wirestrip_p.h"

#include "util/checkedsize.h"

#include <QSet>

#include <limits>

namespace wb::detail {

TensorInfo tensorInfoFrom(const onnx::ValueInfoProto& vi)
{
    return tensorInfoFrom(vi.name(), vi.type());
}

TensorInfo tensorInfoFrom(const std::string& name, const onnx::TypeProto& type)
{
    TensorInfo info;
    info.name = qs(name);
    switch (type.value_case()) {
    case onnx::TypeProto::kTensorType: {
        const auto& tt = type.tensor_type();
        info.dtype = dtypeName(tt.elem_type());
        if (tt.has_shape()) {
            QList<Dim> dims;
            dims.reserve(tt.shape().dim_size());
            for (const auto& d : tt.shape().dim()) {
                if (d.has_dim_value())
                    dims.append(Dim::fixed(d.dim_value()));
                else if (d.has_dim_param() && !d.dim_param().empty())
                    dims.append(Dim::symbolic(qs(d.dim_param())));
                else
                    dims.append(Dim::unknown());
            }
            info.shape = dims;
        }
        break;
    }
    case onnx::TypeProto::kSequenceType:
        info.dtype = QStringLiteral("sequence");
        break;
    case onnx::TypeProto::kMapType:
        info.dtype = QStringLiteral("map");
        break;
    case onnx::TypeProto::kOptionalType:
        info.dtype = QStringLiteral("optional");
        break;
    case onnx::TypeProto::kSparseTensorType:
        info.dtype = QStringLiteral("sparse_") + dtypeName(type.sparse_tensor_type().elem_type());
        break;
    default:
        info.dtype = QStringLiteral("undefined");
        break;
    }
    return info;
}

namespace {

// Saturating: sizes of a corrupt or hostile file can add up past qint64; the summary then shows the largest number
// rather than undefined behaviour.
qint64 saturatingAdd(qint64 a, qint64 b)
{
    qint64 r = 0;
    return __builtin_add_overflow(a, b, &r) ? std::numeric_limits<qint64>::max() : r;
}

struct TensorSize {
    qint64 elements = 1;
    qint64 bytes = 0;
    bool external = false;
};

TensorSize tensorSize(const onnx::TensorProto& t)
{
    TensorSize size;
    // Dims that are negative or overflow count as no elements: the graph check names such a tensor.
    size.elements = sizes::elementCount(t.dims()).value_or(0);
    const qint64 dimBytes = sizes::checkedMul(size.elements, dtypeSize(t.data_type())).value_or(0);
    if (t.data_location() == onnx::TensorProto_DataLocation_EXTERNAL) {
        const ExternalDataRef ref = readExternalData(t);
        size.external = ref.location != kInlineLocation; // else: inline in the file, skipped while loading
        size.bytes = ref.length > 0 ? ref.length : dimBytes; // a bad length: the graph check reports it
        return size;
    }
    if (t.has_raw_data()) {
        size.bytes = static_cast<qint64>(t.raw_data().size());
    } else if (t.data_type() == onnx::TensorProto_DataType_STRING) {
        for (const auto& s : t.string_data())
            size.bytes += static_cast<qint64>(s.size());
    } else {
        size.bytes = dimBytes;
    }
    return size;
}

struct Walker {
    ModelSummary& summary;
    QSet<QString> customOps;
    QSet<QString> controlFlow;

    void addTensor(const onnx::TensorProto& t)
    {
        const TensorSize size = tensorSize(t);
        ++summary.initializerCount;
        summary.initializerBytes = saturatingAdd(summary.initializerBytes, size.bytes);
        summary.parameterCount = saturatingAdd(summary.parameterCount, size.elements);
        if (size.external)
            ++summary.externalTensorCount;
    }

    void walk(const onnx::GraphProto& g)
    {
        for (const auto& t : g.initializer())
            addTensor(t);
        for (const auto& st : g.sparse_initializer())
            addTensor(st.values());
        for (const auto& node : g.node()) {
            ++summary.nodeCountTotal;
            const QString op = qs(node.op_type());
            if (isDefaultDomain(node.domain())) {
                ++summary.opTypes[op];
                if (op == QLatin1String("If") || op == QLatin1String("Loop") || op == QLatin1String("Scan"))
                    controlFlow.insert(op);
            } else {
                const QString key = qualifiedOpType(node);
                ++summary.opTypes[key];
                if (node.domain() != "ai.onnx.ml")
                    customOps.insert(key);
            }
            for (const auto& attr : node.attribute()) {
                if (attr.has_g()) {
                    ++summary.subgraphCount;
                    walk(attr.g());
                }
                for (const auto& sub : attr.graphs()) {
                    ++summary.subgraphCount;
                    walk(sub);
                }
            }
        }
    }
};

QStringList sorted(const QSet<QString>& set)
{
    QStringList list(set.begin(), set.end());
    list.sort();
    return list;
}

} // namespace

ModelSummary summarise(const onnx::ModelProto& model)
{
    ModelSummary s;
    s.irVersion = model.ir_version();
    s.producerName = qs(model.producer_name());
    s.producerVersion = qs(model.producer_version());
    for (const auto& op : model.opset_import())
        s.opsets.append({ isDefaultDomain(op.domain()) ? QString() : qs(op.domain()), op.version() });

    const onnx::GraphProto& g = model.graph();
    s.graphName = qs(g.name());
    QSet<QString> initializerNames;
    for (const auto& t : g.initializer())
        initializerNames.insert(qs(t.name()));
    for (const auto& vi : g.input()) {
        // Before IR 4 exporters listed every weight as a graph input too; those are not real inputs.
        if (s.irVersion < 4 && initializerNames.contains(qs(vi.name())))
            continue;
        s.inputs.append(tensorInfoFrom(vi));
    }
    for (const auto& vi : g.output())
        s.outputs.append(tensorInfoFrom(vi));

    s.nodeCount = g.node_size();
    Walker walker { s, {}, {} };
    walker.walk(g);
    s.customDomainOps = sorted(walker.customOps);
    s.controlFlowOps = sorted(walker.controlFlow);

    int defaultOpsets = 0;
    for (const OpsetInfo& o : s.opsets)
        defaultOpsets += o.domain.isEmpty() ? 1 : 0;
    if (defaultOpsets > 1)
        s.warnings.append(QStringLiteral("The model imports the default ONNX domain %1 times; ATC rejects this "
                                         "(E16005). Re-export it with a single opset.")
                              .arg(defaultOpsets));
    if (s.opsets.isEmpty())
        s.warnings.append(QStringLiteral("The model declares no opset_import."));
    return s;
}

} // namespace wb::detail
