#pragma once

#include "om/ommodel.h"

#include <QHash>
#include <QStringList>

namespace wb {

// OM op name -> the ONNX nodes fused into it (`_datadump_original_op_names`, OmOp::onnxNodes), for every op that
// names any: the origins mapProfileToGraph splits a profiled op's time over.
QHash<QString, QStringList> profileOriginsFromOm(const OmModel& om);

// Every ONNX node the OM names as an origin, in OM order: the graph nodes to map onto when the ONNX model itself
// is not at hand.
QStringList onnxNodesNamedByOm(const OmModel& om);

} // namespace wb
