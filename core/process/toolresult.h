#pragma once

#include "util/result.h"

#include <QMetaType>
#include <QString>

namespace wb {

enum class ToolChannel { StdOut, StdErr };

// How a run ended. Exactly one per run, always delivered by ToolRunner::finished.
struct ToolResult {
    enum class Kind {
        Finished, // exit status 0
        FailedToStart, // program missing, not executable, bad working directory…
        Crashed, // killed by a signal we did not send
        TimedOut, // ran past ToolInvocation::timeoutMs; we stopped it
        Cancelled, // cancel() or shutdown(); we stopped it
        NonZeroExit, // exited on its own with exitCode != 0
    };

    Kind kind = Kind::Finished;
    int exitCode = 0; // for NonZeroExit (and Finished: 0)
    int signal = 0; // the signal that ended the process, 0 when it exited
    // Exit 137 (a wrapper script reporting 128 + SIGKILL) or SIGKILL from someone else: usually the kernel's
    // out-of-memory killer.
    bool killedLikelyOom = false;
    qint64 durationMs = 0;
    QString errorString; // for FailedToStart (QProcess's reason), else empty

    bool ok() const { return kind == Kind::Finished; }
};

// "finished", "failed_to_start", "crashed", "timed_out", "cancelled", "exit_code" (also the Error codes below).
// Not called toString: QTest would find it by argument-dependent lookup and expect a char*.
QString kindCode(ToolResult::Kind kind);

// One sentence for people, e.g. "atc exited with code 255." or "atc was killed (SIGKILL), most likely out of memory."
QString describe(const ToolResult& result, const QString& toolName);

// The result as a structured error (code = kindCode(kind), or "killed_oom"); meaningless for ok() results.
Error toError(const ToolResult& result, const QString& toolName);

} // namespace wb

Q_DECLARE_METATYPE(wb::ToolChannel)
Q_DECLARE_METATYPE(wb::ToolResult)
