#include "toolresult.h"
#include "toolresulttext.h"

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

QList<ShownText> toolResultTexts()
{
    using namespace toolresulttext;
    return { kKilledOom, kExit137, kFinished, kFailedToStart, kCrashed, kTimedOut, kCancelled, kExitCode };
}

QString shownToolResultText(const QString& text)
{
    static const ShownTexts texts(toolResultTexts());
    return texts.shown(text);
}

QString describe(const ToolResult& result, const QString& toolName)
{
    const QString seconds = QString::number(static_cast<double>(result.durationMs) / 1000.0, 'f', 1);
    switch (result.kind) {
    case ToolResult::Kind::Finished:
        return englishText(toolresulttext::kFinished).arg(toolName, seconds);
    case ToolResult::Kind::FailedToStart:
        return englishText(toolresulttext::kFailedToStart).arg(toolName, result.errorString);
    case ToolResult::Kind::Crashed:
        if (result.killedLikelyOom)
            return englishText(toolresulttext::kKilledOom).arg(toolName, seconds);
        return englishText(toolresulttext::kCrashed).arg(toolName, signalName(result.signal), seconds);
    case ToolResult::Kind::TimedOut:
        return englishText(toolresulttext::kTimedOut).arg(toolName, seconds);
    case ToolResult::Kind::Cancelled:
        return englishText(toolresulttext::kCancelled).arg(toolName, seconds);
    case ToolResult::Kind::NonZeroExit:
        if (result.killedLikelyOom)
            return englishText(toolresulttext::kExit137).arg(toolName, seconds);
        return englishText(toolresulttext::kExitCode).arg(toolName, QString::number(result.exitCode), seconds);
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
