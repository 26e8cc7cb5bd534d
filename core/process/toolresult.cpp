#include "toolresult.h"

#include <csignal>

namespace wb {

namespace {

QString signalName(int sig)
{
    switch (sig) {
    case SIGKILL:
        return QStringLiteral("SIGKILL");
    case SIGTERM:
        return QStringLiteral("SIGTERM");
    case SIGSEGV:
        return QStringLiteral("SIGSEGV");
    case SIGABRT:
        return QStringLiteral("SIGABRT");
    case SIGBUS:
        return QStringLiteral("SIGBUS");
    case SIGINT:
        return QStringLiteral("SIGINT");
    default:
        return QStringLiteral("signal %1").arg(sig);
    }
}

} // namespace

QString kindCode(ToolResult::Kind kind)
{
    switch (kind) {
    case ToolResult::Kind::Finished:
        return QStringLiteral("finished");
    case ToolResult::Kind::FailedToStart:
        return QStringLiteral("failed_to_start");
    case ToolResult::Kind::Crashed:
        return QStringLiteral("crashed");
    case ToolResult::Kind::TimedOut:
        return QStringLiteral("timed_out");
    case ToolResult::Kind::Cancelled:
        return QStringLiteral("cancelled");
    case ToolResult::Kind::NonZeroExit:
        return QStringLiteral("exit_code");
    }
    return QString();
}

QString describe(const ToolResult& result, const QString& toolName)
{
    const QString seconds = QString::number(static_cast<double>(result.durationMs) / 1000.0, 'f', 1);
    switch (result.kind) {
    case ToolResult::Kind::Finished:
        return QStringLiteral("%1 finished in %2 s.").arg(toolName, seconds);
    case ToolResult::Kind::FailedToStart:
        return QStringLiteral("%1 could not be started: %2").arg(toolName, result.errorString);
    case ToolResult::Kind::Crashed:
        if (result.killedLikelyOom)
            return QStringLiteral("%1 was killed (SIGKILL) after %2 s, most likely because the machine ran out of "
                                  "memory.")
                .arg(toolName, seconds);
        return QStringLiteral("%1 crashed (%2) after %3 s.").arg(toolName, signalName(result.signal), seconds);
    case ToolResult::Kind::TimedOut:
        return QStringLiteral("%1 was stopped after %2 s: it ran past its time limit.").arg(toolName, seconds);
    case ToolResult::Kind::Cancelled:
        return QStringLiteral("%1 was cancelled after %2 s.").arg(toolName, seconds);
    case ToolResult::Kind::NonZeroExit:
        if (result.killedLikelyOom)
            return QStringLiteral("%1 exited with code 137 (killed) after %2 s, most likely because the machine ran "
                                  "out of memory.")
                .arg(toolName, seconds);
        return QStringLiteral("%1 exited with code %2 after %3 s.")
            .arg(toolName, QString::number(result.exitCode), seconds);
    }
    return QString();
}

Error toError(const ToolResult& result, const QString& toolName)
{
    Error error;
    error.code = result.killedLikelyOom ? QStringLiteral("killed_oom") : kindCode(result.kind);
    error.message = describe(result, toolName);
    if (result.kind == ToolResult::Kind::NonZeroExit)
        error.detail = QStringLiteral("exit code %1").arg(result.exitCode);
    else if (result.signal != 0)
        error.detail = signalName(result.signal);
    return error;
}

} // namespace wb
