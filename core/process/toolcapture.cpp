#include "toolcapture.h"

#include "process/toolrunner.h"

#include <QEventLoop>

#include <algorithm>

namespace wb {

ToolCapture runToCompletion(const ToolInvocation& invocation, qsizetype maxBytesPerChannel)
{
    ToolCapture capture;
    ToolRunner runner;
    QEventLoop loop;
    QObject::connect(&runner, &ToolRunner::bytesReceived, &loop, [&](ToolChannel channel, const QByteArray& bytes) {
        QByteArray& sink = channel == ToolChannel::StdOut ? capture.out : capture.err;
        const qsizetype room = std::max<qsizetype>(0, maxBytesPerChannel - sink.size());
        if (bytes.size() > room)
            capture.truncated = true;
        sink.append(bytes.first(std::min(room, bytes.size())));
    });
    QObject::connect(&runner, &ToolRunner::finished, &loop, [&](const ToolResult& result) {
        capture.result = result;
        loop.quit();
    });
    ToolInvocation run = invocation;
    if (run.timeoutMs <= 0)
        run.timeoutMs = DefaultCaptureTimeoutMs;
    runner.start(run); // finished() always comes from the event loop, never from inside start()
    loop.exec();
    return capture;
}

} // namespace wb
