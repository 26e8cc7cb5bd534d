#include "summaryjson.h"

#include <QJsonArray>

namespace wb {

QJsonObject tensorToJson(const TensorInfo& tensor)
{
    QJsonValue shape = QJsonValue::Null;
    if (tensor.shape) {
        QJsonArray dims;
        for (const Dim& d : *tensor.shape) {
            switch (d.kind) {
            case Dim::Kind::Static:
                dims.append(d.value);
                break;
            case Dim::Kind::Symbolic:
                dims.append(d.symbol);
                break;
            case Dim::Kind::Unknown:
                dims.append(QJsonValue::Null);
                break;
            }
        }
        shape = dims;
    }
    return QJsonObject {
        { QStringLiteral("name"), tensor.name },
        { QStringLiteral("dtype"), tensor.dtype },
        { QStringLiteral("shape"), shape },
        { QStringLiteral("dynamic"), tensor.isDynamic() },
    };
}

QJsonObject summaryToJson(const ModelSummary& s)
{
    QJsonArray opsets;
    for (const OpsetInfo& o : s.opsets)
        opsets.append(QJsonObject { { QStringLiteral("domain"), o.domain }, { QStringLiteral("version"), o.version } });
    QJsonArray inputs;
    for (const TensorInfo& t : s.inputs)
        inputs.append(tensorToJson(t));
    QJsonArray outputs;
    for (const TensorInfo& t : s.outputs)
        outputs.append(tensorToJson(t));
    QJsonObject ops;
    for (auto it = s.opTypes.cbegin(); it != s.opTypes.cend(); ++it)
        ops.insert(it.key(), it.value());

    return QJsonObject {
        { QStringLiteral("path"), s.path },
        { QStringLiteral("ir_version"), s.irVersion },
        { QStringLiteral("producer"),
            QJsonObject {
                { QStringLiteral("name"), s.producerName }, { QStringLiteral("version"), s.producerVersion } } },
        { QStringLiteral("opsets"), opsets },
        { QStringLiteral("inputs"), inputs },
        { QStringLiteral("outputs"), outputs },
        { QStringLiteral("node_count"), s.nodeCount },
        { QStringLiteral("node_count_total"), s.nodeCountTotal },
        { QStringLiteral("op_types"), ops },
        { QStringLiteral("initializer_count"), s.initializerCount },
        { QStringLiteral("initializer_bytes"), s.initializerBytes },
        { QStringLiteral("custom_domain_ops"), QJsonArray::fromStringList(s.customDomainOps) },
        { QStringLiteral("control_flow_ops"), QJsonArray::fromStringList(s.controlFlowOps) },
        { QStringLiteral("warnings"), QJsonArray::fromStringList(s.warnings) },
    };
}

QJsonObject errorToJson(const Error& error)
{
    QJsonObject inner { { QStringLiteral("code"), error.code }, { QStringLiteral("message"), error.message } };
    if (!error.detail.isEmpty())
        inner.insert(QStringLiteral("detail"), error.detail);
    return QJsonObject { { QStringLiteral("error"), inner } };
}

} // namespace wb
