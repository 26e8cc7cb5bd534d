#include "profileom.h"

#include <QSet>

namespace wb {

QHash<QString, QStringList> profileOriginsFromOm(const OmModel& om)
{
    QHash<QString, QStringList> origins;
    for (const OmOp& op : om.ops) {
        if (!op.onnxNodes.isEmpty())
            origins.insert(op.name, op.onnxNodes);
    }
    return origins;
}

QStringList onnxNodesNamedByOm(const OmModel& om)
{
    QStringList nodes;
    QSet<QString> seen;
    for (const OmOp& op : om.ops) {
        for (const QString& node : op.onnxNodes) {
            if (!seen.contains(node)) {
                seen.insert(node);
                nodes.append(node);
            }
        }
    }
    return nodes;
}

} // namespace wb
