// om-runner's JSON-lines protocol: a whole captured stdout (parseOmRunnerOutput), and each line on its own.
#include "fuzztarget.h"

#include "run/omrunnerparser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray text = wbfuzz::bytes(data, size);
    (void)wb::parseOmRunnerOutput(text);
    for (const QByteArray& line : text.split('\n')) {
        const auto event = wb::parseOmRunnerLine(QString::fromUtf8(line));
        if (event)
            (void)wb::omRunnerEventName(event->kind);
    }
    return 0;
}
