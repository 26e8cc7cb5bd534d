#pragma once

#include <QString>

namespace wb {

// The one default name of the OM a conversion writes, without .om: "<model base name>_<SoC>" ("resnet50_Ascend310P3"),
// or "<model base name>" while no SoC is chosen. `atcwb check`, `atcwb convert`, the conversion plan and the Convert
// page all use it, so each names the same file.
QString defaultOmName(const QString& modelPath, const QString& socVersion);
// defaultOmName() in the model's folder, as an absolute path.
QString defaultOmPath(const QString& modelPath, const QString& socVersion);

} // namespace wb
