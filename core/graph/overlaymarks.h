#pragma once

#include "graph/overlaymodel.h"

#include <QList>

namespace wb {
struct AtcEvent;
struct AtcFinding;
struct ShapeOrigin;
} // namespace wb

namespace wb::graph {

// What the pages report, as marks on the graph (OverlayModel): the one adapter from findings to graph marks.
// Shape origins: invalid shapes are errors, data-dependent ones warnings, inference gaps info.
QList<OverlayModel::Mark> marksFor(const QList<ShapeOrigin>& origins);
// The pre-check's findings: one mark per node a finding names, with the finding's severity.
QList<OverlayModel::Mark> marksFor(const QList<AtcFinding>& findings);
// ATC's log events: one mark per named operator, an error for an error, else a warning; the message is prefixed
// with the event's code ("E19999: …") when it has one.
QList<OverlayModel::Mark> marksFor(const QList<AtcEvent>& events);

} // namespace wb::graph
