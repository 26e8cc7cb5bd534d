#include "atc/conversiontext.h"

#include "process/toolresulttext.h"
#include "remote/remotetext.h"

namespace wb {

QList<ShownText> conversionTexts()
{
    using namespace conversiontext;
    return QList<ShownText> { kNoOutputFolder, kNoStaging, kNoLog, kNoOm, kNotAnOm, kNotMoved, kNotStarted, kTimedOut,
        kCancelled, kOutOfMemory, kExitNoError, kNoOmProduced, kCancelledBeforeStart, kRetryFailed, kModelDidNotLoad,
        kFixTheFile, kGiveTheDim, kChecksFoundErrors, kGiveTheShapes, kNotPlanned }
    + remoteFailureTexts() + toolResultTexts(); // ATC on a host that failed; ATC that crashed
}

QString shownConversionText(const QString& text)
{
    static const ShownTexts texts(conversionTexts());
    return texts.shown(text);
}

} // namespace wb
