#pragma once

#include "graph/overlaymodel.h"
#include "profilemap.h"

namespace wb {

// Overlay marks (source "profile") that colour the profiled ONNX nodes by their share of op time through the
// graph's severity colours: Error (hot) from 10 %, Warning from 2 %, Info below; each message gives the node's
// µs per iteration, its share and the ops whose time it holds (the Graph page's sidebar shows it).
QList<graph::OverlayModel::Mark> profileMarks(const ProfileMapping& mapping);

} // namespace wb
