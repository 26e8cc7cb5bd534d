#include "profilemarks.h"

#include <QCoreApplication>

namespace wb {

QList<graph::OverlayModel::Mark> profileMarks(const ProfileMapping& mapping, double hotPercent)
{
    QList<graph::OverlayModel::Mark> marks;
    marks.reserve(mapping.nodes.size());
    for (const NodeTime& n : mapping.nodes) {
        if (n.percent < hotPercent)
            break; // largest first
        graph::OverlayModel::Mark m;
        m.node = n.node;
        m.severity = graph::OverlayModel::Severity::Warning;
        m.message = QCoreApplication::translate(
            "wb::ProfilePage", "Hot spot: NPU time %1 µs per iteration, %2 % of op time (%3)")
                        .arg(n.perIterationUs, 0, 'f', 3)
                        .arg(n.percent, 0, 'f', 2)
                        .arg(n.ops.join(QStringLiteral(", ")));
        m.source = QStringLiteral("profile");
        marks.append(m);
    }
    return marks;
}

} // namespace wb
