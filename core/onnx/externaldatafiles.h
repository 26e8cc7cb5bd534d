#pragma once

#include "util/result.h"

#include <QString>
#include <QStringList>

namespace wb {

// The external-data files an ONNX model names (its tensors with data_location EXTERNAL, in every subgraph):
// their locations relative to the model's folder, cleaned, each once, in the order first named. Weight payloads
// are not read (the file is mapped and parsed without them, as OnnxModel::load does). Locations that leave the
// model's folder (absolute, or "..") are left out: ONNX allows only paths relative to the model, and the load's
// checks report them. Errors: unreadable, parse_error.
Result<QStringList> onnxExternalDataFiles(const QString& modelPath);

} // namespace wb
