#pragma once

#include "parsing/runnerreport.h"

#include <QByteArray>
#include <QStringView>

namespace wb {

// ais_bench / ais_infer / msit benchmark console output, fed line by line (stdout and stderr merged).
// Understands the summary lines ("NPU_compute_time (ms): min = .., max = .., mean = .., median = ..,
// percentile(99%) = ..", the H2D/D2H variants and the pipeline form "mean = .." only), all three throughput
// formats, multi-device lines, --debug per-run times, energy, device lines, [ERROR] lines and exception_cb.
class AisBenchParser {
public:
    // Returns the iteration time when this line carries one (--debug "model aclExec cost").
    std::optional<double> feed(QStringView line);
    const RunnerReport& report() const { return m_report; }

private:
    RunnerReport m_report;
};

RunnerReport parseAisBenchOutput(const QByteArray& text);

} // namespace wb
