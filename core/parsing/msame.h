#pragma once

#include "parsing/runnerreport.h"

#include <QByteArray>
#include <QStringView>

namespace wb {

// msame's console output, fed line by line (stdout; it prints everything there). Understands per-run
// "Inference time: 65.768ms", both average formats ("Inference average time: %f ms" in loop mode and
// "Inference average time : %.2f ms" in directory mode), "... without first time", device lines, [ERROR]
// lines, raw ACL error lines ("EH0001: ...") and the old and new success lines.
class MsameParser {
public:
    // Returns the iteration time when this line carries one (for live charts).
    std::optional<double> feed(QStringView line);
    const RunnerReport& report() const { return m_report; }

private:
    RunnerReport m_report;
};

RunnerReport parseMsameOutput(const QByteArray& text);

} // namespace wb
