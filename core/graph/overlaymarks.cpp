#include "overlaymarks.h"

#include "atc/atcfinding.h"
#include "onnx/shapeinference.h"
#include "parsing/atclog.h"

namespace wb::graph {

QList<OverlayModel::Mark> marksFor(const QList<ShapeOrigin>& origins)
{
    QList<OverlayModel::Mark> marks;
    for (const ShapeOrigin& o : origins) {
        const auto severity = o.status == ShapeStatus::Invalid ? OverlayModel::Severity::Error
            : o.status == ShapeStatus::DataDependent           ? OverlayModel::Severity::Warning
                                                               : OverlayModel::Severity::Info;
        marks.append({ o.node, severity, o.message, {} });
    }
    return marks;
}

QList<OverlayModel::Mark> marksFor(const QList<AtcFinding>& findings)
{
    QList<OverlayModel::Mark> marks;
    for (const AtcFinding& f : findings) {
        const auto severity = f.severity == AtcSeverity::Error ? OverlayModel::Severity::Error
            : f.severity == AtcSeverity::Warning               ? OverlayModel::Severity::Warning
                                                               : OverlayModel::Severity::Info;
        for (const QString& node : f.nodes)
            marks.append({ node, severity, f.message, {} });
    }
    return marks;
}

QList<OverlayModel::Mark> marksFor(const QList<AtcEvent>& events)
{
    QList<OverlayModel::Mark> marks;
    for (const AtcEvent& e : events) {
        for (const OpRef& op : e.ops) {
            if (!op.name.isEmpty())
                marks.append({ op.name,
                    e.severity == Severity::Error ? OverlayModel::Severity::Error : OverlayModel::Severity::Warning,
                    (e.code.isEmpty() ? QString() : e.code + QStringLiteral(": ")) + e.message, {} });
        }
    }
    return marks;
}

} // namespace wb::graph
