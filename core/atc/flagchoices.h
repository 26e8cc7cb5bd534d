#pragma once

#include <QStringList>

namespace wb {

// The values ATC accepts for an enumerated flag ("log" -> debug, info, warning, error, null; "output_type" -> FP32,
// FP16, ...), from the same table the checks use (validateflags.cpp); empty for a flag that is not enumerated. The
// Convert page offers exactly these.
QStringList atcFlagChoices(const QString& flag);

} // namespace wb
