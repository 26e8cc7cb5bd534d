#pragma once

#include "graph/overlaymodel.h"
#include "profilemap.h"

namespace wb {

// Overlay marks (source "profile") for the hot spots: every ONNX node holding at least `hotPercent` of the op time,
// as a warning whose message gives the node's µs per iteration, its share and its ops (the Graph page lists them
// with the problems and shows them in the sidebar; the heat colouring of every node is GraphPage's node colouring).
QList<graph::OverlayModel::Mark> profileMarks(const ProfileMapping& mapping, double hotPercent = 10.0);

} // namespace wb
