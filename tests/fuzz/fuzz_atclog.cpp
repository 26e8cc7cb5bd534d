// ATC console log parser: the whole-log entry (`atcwb explain`, Open Log…), the same lines fed one at a time as a
// live run does, the log-kind guess, and the text and JSON renderings of the result.
#include "fuzztarget.h"

#include "parsing/atclog.h"
#include "parsing/logkind.h"
#include "parsing/parsingjson.h"
#include "parsing/parsingtext.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray text = wbfuzz::bytes(data, size);
    (void)wb::detectLogKind(text);
    const wb::AtcLogResult result = wb::parseAtcLog(text);
    (void)wb::atcLogToText(result);
    (void)wb::atcLogToJson(result);

    wb::AtcLogParser live;
    for (const QByteArray& line : text.split('\n'))
        (void)live.feed(QString::fromUtf8(line));
    (void)live.finish();
    (void)live.verdict();
    return 0;
}
