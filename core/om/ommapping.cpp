#include "om/ommapping.h"

#include "graph/graphdocument.h"

#include <QSet>

namespace wb {

QStringList onnxNodeNames(const graph::GraphDocument& document)
{
    QStringList names;
    for (const graph::Node& node : document.nodes()) {
        if (node.kind == graph::Node::Kind::Operator)
            names.append(node.name);
    }
    return names;
}

bool isOmPlumbingType(const QString& type)
{
    static const QSet<QString> types { QStringLiteral("Data"), QStringLiteral("RefData"), QStringLiteral("AippData"),
        QStringLiteral("Const"), QStringLiteral("Constant"), QStringLiteral("Variable"), QStringLiteral("NetOutput") };
    return types.contains(type);
}

bool isOmConversionType(const QString& type)
{
    static const QSet<QString> types { QStringLiteral("TransData"), QStringLiteral("TransDataRNN"),
        QStringLiteral("Cast"), QStringLiteral("TransposeD"), QStringLiteral("Transpose"),
        QStringLiteral("FormatTransfer") };
    return types.contains(type);
}

QHash<QString, OmEngine> onnxNodeEngines(const OmModel& model, const OmMapping& mapping)
{
    QHash<QString, OmEngine> engines;
    engines.reserve(mapping.onnxToOps.size());
    for (auto it = mapping.onnxToOps.cbegin(); it != mapping.onnxToOps.cend(); ++it) {
        OmEngine engine = OmEngine::Other;
        for (int i : it.value()) {
            const OmEngine e = model.ops.at(i).engine;
            if (e == OmEngine::AiCpu || (e == OmEngine::AiCore && engine != OmEngine::AiCpu)
                || (engine == OmEngine::Other && e != OmEngine::Other))
                engine = e;
        }
        engines.insert(it.key(), engine);
    }
    return engines;
}

QStringList OmMapping::partnersOf(const QString& onnxNode, const OmModel& model) const
{
    Q_UNUSED(model)
    QStringList partners;
    for (int index : opsFor(onnxNode)) {
        if (index < 0 || index >= opToOnnx.size())
            continue;
        for (const QString& other : opToOnnx.at(index)) {
            if (other != onnxNode && !partners.contains(other))
                partners.append(other);
        }
    }
    return partners;
}

OmMapping mapOmToOnnx(const OmModel& model, const QStringList& onnxNodes)
{
    OmMapping m;
    const QSet<QString> known(onnxNodes.cbegin(), onnxNodes.cend());
    QSet<QString> unknown;
    m.opToOnnx.reserve(model.ops.size());
    for (qsizetype i = 0; i < model.ops.size(); ++i) {
        const OmOp& op = model.ops.at(i);
        m.opToOnnx.append(op.onnxNodes);
        for (const QString& node : op.onnxNodes) {
            if (!known.isEmpty() && !known.contains(node)) {
                if (!unknown.contains(node)) {
                    unknown.insert(node);
                    m.unknownOrigins.append(node);
                }
                continue;
            }
            QList<int>& ops = m.onnxToOps[node];
            if (!ops.contains(int(i)))
                ops.append(int(i));
        }
        if (op.onnxNodes.isEmpty() && !isOmPlumbingType(op.type))
            m.noOrigin.append(int(i));
    }
    for (const QString& node : onnxNodes) {
        if (!m.onnxToOps.contains(node))
            m.foldedAway.append(node);
    }
    return m;
}

} // namespace wb
