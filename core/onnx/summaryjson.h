#pragma once

#include "modelsummary.h"
#include "util/result.h"

#include <QJsonObject>

namespace wb {

// The `atcwb inspect --json` contract (see README, "Command-line contract").
QJsonObject summaryToJson(const ModelSummary& summary);
QJsonObject tensorToJson(const TensorInfo& tensor);
QJsonObject errorToJson(const Error& error);

} // namespace wb
