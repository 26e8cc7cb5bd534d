#pragma once

// The sentences a benchmark run writes into its result (warnings, errors, the device), kept in English in the
// result — `atcwb bench` prints it, the run history and `--json` store it — and translated by the Run page when it
// shows them (shownBenchText). See util/showntext.h.
#include "util/showntext.h"

#include <QCoreApplication>

namespace wb::benchtext {

inline constexpr ShownText kCancelledAfter { "BenchText",
    QT_TRANSLATE_NOOP("BenchText", "The run was cancelled after %1 of %2 iterations.") };
inline constexpr ShownText kCancelledBeforeStart { "BenchText",
    QT_TRANSLATE_NOOP("BenchText", "The run was cancelled before it started.") };
inline constexpr ShownText kToolTimedOut { "BenchText",
    QT_TRANSLATE_NOOP(
        "BenchText", "%1 did not finish within the %2 s timeout; it was stopped after %3 of %4 iterations.") };
inline constexpr ShownText kCpuTimedOut { "BenchText",
    QT_TRANSLATE_NOOP(
        "BenchText", "The CPU run did not finish within the %1 s timeout; it was stopped after %2 of %3 iterations.") };
inline constexpr ShownText kTimeBudget { "BenchText",
    QT_TRANSLATE_NOOP("BenchText", "Stopped by the %1 s time budget after %2 iterations.") };
inline constexpr ShownText kNoOpProfile { "BenchText",
    QT_TRANSLATE_NOOP("BenchText", "om-runner printed no op profile (see its warnings).") };
inline constexpr ShownText kMsprofNotImported { "BenchText",
    QT_TRANSLATE_NOOP("BenchText", "msprof's results could not be imported: %1") };
inline constexpr ShownText kNotProtocol { "BenchText",
    QT_TRANSLATE_NOOP("BenchText", "om-runner printed %1 line(s) that are not protocol events (%2).") };
inline constexpr ShownText kMsameNoWarmup { "BenchText",
    QT_TRANSLATE_NOOP("BenchText", "msame has no warm-up: the %1 warm-up iteration(s) were not run.") };
inline constexpr ShownText kMsameNoWarmupMean { "BenchText",
    QT_TRANSLATE_NOOP("BenchText",
        "msame has no warm-up: the %1 warm-up iteration(s) were not run. Its mean without the first run is %2 ms.") };
inline constexpr ShownText kMsameNoBatch { "BenchText",
    QT_TRANSLATE_NOOP(
        "BenchText", "msame does not report the batch; throughput assumes batch 1 (set the batch to correct it).") };
inline constexpr ShownText kMsameAverage { "BenchText",
    QT_TRANSLATE_NOOP(
        "BenchText", "msame's printed average (%1 ms) differs from the mean of its per-run times (%2 ms).") };
inline constexpr ShownText kAisSummaryOnly { "BenchText",
    QT_TRANSLATE_NOOP("BenchText",
        "ais_bench gave no per-iteration times (no *_summary.json); the figures are its printed summary, without "
        "p90, p95 and stddev.") };
inline constexpr ShownText kNoTimings { "BenchText",
    QT_TRANSLATE_NOOP("BenchText", "ONNX Runtime returned no timings.") };
inline constexpr ShownText kNoTempFolder { "BenchText",
    QT_TRANSLATE_NOOP("BenchText", "Cannot create a temporary output folder: %1") };
inline constexpr ShownText kNoMsprofFolder { "BenchText",
    QT_TRANSLATE_NOOP("BenchText", "Cannot create a temporary folder for msprof's output.") };
inline constexpr ShownText kToolMissingOnHost { "BenchText",
    QT_TRANSLATE_NOOP("BenchText",
        "No %1 was found on the host; install it there (on its PATH after the environment script) or choose "
        "another runner.") };
// A request that cannot run (validateBenchRequest).
inline constexpr ShownText kNoModel { "BenchText", QT_TRANSLATE_NOOP("BenchText", "No model was given.") };
inline constexpr ShownText kModelMissing { "BenchText", QT_TRANSLATE_NOOP("BenchText", "Model %1 does not exist.") };
inline constexpr ShownText kModelNotAFile { "BenchText", QT_TRANSLATE_NOOP("BenchText", "%1 is not a file.") };
// The device a run used (BenchResult::device).
inline constexpr ShownText kCpuDefaultThreads { "BenchText",
    QT_TRANSLATE_NOOP("BenchText", "CPU (ONNX Runtime %1, default threads)") };
inline constexpr ShownText kCpuThreads { "BenchText",
    QT_TRANSLATE_NOOP("BenchText", "CPU (ONNX Runtime %1, %2 threads)") };
inline constexpr ShownText kCpu { "BenchText", QT_TRANSLATE_NOOP("BenchText", "CPU (ONNX Runtime)") };
// A dynamic dim given no size ran as 1 (runexplain.h, ranAsWarning).
inline constexpr ShownText kRanAs { "RunExplain",
    QT_TRANSLATE_NOOP("RunExplain", "Input '%1' has dynamic dims %2; it ran as %3 (give an input shape to choose).") };

} // namespace wb::benchtext

namespace wb {

// Every sentence above and the ending of a tool (process/toolresulttext.h), in the order shownBenchText tries them.
QList<ShownText> benchTexts();
// A run's warning, error or device (one or more lines) in the current language: what the Run page shows.
QString shownBenchText(const QString& text);

} // namespace wb
