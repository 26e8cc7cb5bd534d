#pragma once

#include "opprofile.h"
#include "profilemap.h"

#include <QByteArray>
#include <QJsonObject>

namespace wb {

// The contract of `atcwb profile ... --json` (README, "Per-operator profile"):
// {"kind", "total_us", "ops": [{"name", "type", "task_type", "count", "total_us", "mean_us", "percent", ...}],
//  "by_type": [{"type", "count", "total_us", "percent", ...}], "rows_skipped", "unmapped": [...], ...}
// plus "nodes" when a model was given and "against" when a comparison was made. `mapping` and `comparison` may be
// null.
QJsonObject profileToJson(
    const OpProfile& profile, const ProfileMapping* mapping = nullptr, const ProfileComparison* comparison = nullptr);

// The op table as CSV (RFC 4180, a header line): name, type, task_type, count, total_us, per_iteration_us, mean_us,
// min_us, median_us, max_us, percent, cumulative_percent, and onnx_nodes when `mapping` is given. op_statistic
// profiles export their by-type table instead (type, task_type, count, total_us, percent, cumulative_percent).
QByteArray profileToCsv(const OpProfile& profile, const ProfileMapping* mapping = nullptr);

// Per-node values in Model Explorer's node data format (its GraphNodeData: {"results": {key: {"value": us}},
// "gradient": [...]}) for one graph; keys are each node's first output tensor (Model Explorer matches them to a
// node's outputsMetadata tensor_name), values microseconds per iteration.
QJsonObject modelExplorerNodeData(const ProfileMapping& mapping, const QList<ProfileGraphNode>& nodes);

// A CSV field, quoted when needed.
QByteArray csvField(const QString& value);

} // namespace wb
