#pragma once

// Readable text for `atcwb explain` / `atcwb devices` (the JSON forms are in parsingjson.h).
#include "parsing/atclog.h"
#include "parsing/npusmi.h"
#include "parsing/runnerreport.h"

#include <QString>

namespace wb {

QString atcLogToText(const AtcLogResult& result);
// "No problem can be named: …. The most likely key line (line N):\n    text\n" for a run without an error message
// that did not succeed; empty otherwise.
QString atcNoProblemText(const AtcRun& run);
QString runnerReportToText(const QString& kind, const RunnerReport& report);
QString npuSmiToText(const NpuSmiInfo& info);

} // namespace wb
