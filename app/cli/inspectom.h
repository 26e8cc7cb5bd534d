#pragma once

#include <QStringList>

namespace wb::cli {

// True when `path` names an OM or the JSON of `atc --mode=1` (by extension, else by its first bytes).
bool looksLikeOm(const QString& path);
// `atcwb inspect MODEL.om|OM.json [--model SOURCE.onnx] [--toolkit PATH] [--json]`.
int runInspectOm(const QStringList& args);

} // namespace wb::cli
