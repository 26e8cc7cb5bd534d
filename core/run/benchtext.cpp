#include "run/benchtext.h"

#include "process/toolresulttext.h"
#include "remote/remotetext.h"

namespace wb {

QList<ShownText> benchTexts()
{
    using namespace benchtext;
    // The more specific of two sentences that read alike first (the CPU's default threads before "%2 threads", the
    // CPU run's timeout before any tool's "%1 did not finish").
    return QList<ShownText> { kCancelledAfter, kCancelledBeforeStart, kCpuTimedOut, kToolTimedOut, kTimeBudget,
        kNoOpProfile, kMsprofNotImported, kNotProtocol, kMsameNoWarmupMean, kMsameNoWarmup, kMsameNoBatch,
        kMsameAverage, kAisSummaryOnly, kNoTimings, kNoTempFolder, kNoMsprofFolder, kToolMissingOnHost,
        kCpuDefaultThreads, kCpuThreads, kCpu, kRanAs, kNoModel, kModelMissing, kModelNotAFile }
    + remoteFailureTexts() + toolResultTexts(); // a run on a host that failed; a tool that crashed ...
}

QString shownBenchText(const QString& text)
{
    static const ShownTexts texts(benchTexts());
    return texts.shown(text);
}

} // namespace wb
