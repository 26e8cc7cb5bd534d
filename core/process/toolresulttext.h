#pragma once

// How a tool's run ended, in the words describe() (toolresult.h) writes: English where it is kept (a run's or a
// conversion's result, atcwb's output), translated when the GUI shows it (shownBenchText, shownConversionText).
// See util/showntext.h.
#include "util/showntext.h"

#include <QCoreApplication>
#include <QList>

namespace wb::toolresulttext {

inline constexpr ShownText kFinished { "ToolResult", QT_TRANSLATE_NOOP("ToolResult", "%1 finished in %2 s.") };
inline constexpr ShownText kFailedToStart { "ToolResult",
    QT_TRANSLATE_NOOP("ToolResult", "%1 could not be started: %2") };
inline constexpr ShownText kKilledOom { "ToolResult",
    QT_TRANSLATE_NOOP(
        "ToolResult", "%1 was killed (SIGKILL) after %2 s, most likely because the machine ran out of memory.") };
inline constexpr ShownText kCrashed { "ToolResult", QT_TRANSLATE_NOOP("ToolResult", "%1 crashed (%2) after %3 s.") };
inline constexpr ShownText kTimedOut { "ToolResult",
    QT_TRANSLATE_NOOP("ToolResult", "%1 was stopped after %2 s: it ran past its time limit.") };
inline constexpr ShownText kCancelled { "ToolResult", QT_TRANSLATE_NOOP("ToolResult", "%1 was cancelled after %2 s.") };
inline constexpr ShownText kExit137 { "ToolResult",
    QT_TRANSLATE_NOOP("ToolResult",
        "%1 exited with code 137 (killed) after %2 s, most likely because the machine ran out of memory.") };
inline constexpr ShownText kExitCode { "ToolResult",
    QT_TRANSLATE_NOOP("ToolResult", "%1 exited with code %2 after %3 s.") };

} // namespace wb::toolresulttext

namespace wb {
// Every template above, for a ShownTexts list.
QList<ShownText> toolResultTexts();
// How a tool's run ended (describe()), in the current language.
QString shownToolResultText(const QString& text);
} // namespace wb
