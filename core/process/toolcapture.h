#pragma once

#include "process/toolinvocation.h"
#include "process/toolresult.h"

#include <QByteArray>

namespace wb {

// Everything a short run printed, as raw bytes, and how it ended.
struct ToolCapture {
    ToolResult result;
    QByteArray out;
    QByteArray err;
    bool truncated = false; // a channel printed more than maxBytesPerChannel; the rest was dropped
};

// Runs `invocation` through a ToolRunner to its end and returns its output: for short probes (`atc --help`,
// sourcing set_env.sh and dumping `env -0`, `npu-smi info`) that want the whole output at once. Blocks the calling
// thread while a local event loop runs in it, so call it from a worker thread (QtConcurrent), not the GUI thread.
// A timeoutMs of 0 is replaced by DefaultCaptureTimeoutMs: a probe must never hang the caller.
constexpr int DefaultCaptureTimeoutMs = 30000;
ToolCapture runToCompletion(const ToolInvocation& invocation, qsizetype maxBytesPerChannel = 16 * 1024 * 1024);

} // namespace wb
