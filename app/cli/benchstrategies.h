#pragma once

#include <QStringList>

namespace wb::cli {

// True when `atcwb bench` was asked for a strategy run (--bundle, --strategies, --batches, --request-mix, --requests).
bool wantsStrategies(const QStringList& args);
// The strategy form of `atcwb bench` (benchstrategies.cpp).
int runBenchStrategies(const QStringList& args);

} // namespace wb::cli
