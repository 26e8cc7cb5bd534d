#pragma once

// The sentences a conversion writes into its outcome (ConversionOutcome::failure) and Convert Many into a job's
// result (problem, fix): kept in English there — `atcwb convert` prints them, the Convert Many report stores them —
// and translated by the ATC Run and Convert Many pages when they show them (shownConversionText). See
// util/showntext.h.
#include "util/showntext.h"

#include <QCoreApplication>

namespace wb::conversiontext {

inline constexpr ShownText kNoOutputFolder { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "Cannot create the output folder %1.") };
inline constexpr ShownText kNoStaging { "ConversionJob",
    QT_TRANSLATE_NOOP(
        "ConversionJob", "Cannot create a staging folder in %1: %2. Check that the folder is writable.") };
inline constexpr ShownText kNoLog { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "Cannot write the ATC log %1: %2.") };
inline constexpr ShownText kNoOm { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "ATC exited with 0 but wrote no OM (%1 is missing).") };
inline constexpr ShownText kNotAnOm { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "ATC exited with 0 but its output is not an OM: %1") };
inline constexpr ShownText kNotMoved { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "ATC succeeded, but the OM could not be moved into place: %1.") };
inline constexpr ShownText kNotStarted { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "atc could not be started: %1") };
inline constexpr ShownText kTimedOut { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "ATC was stopped after %1 s: it ran past the time limit.") };
inline constexpr ShownText kCancelled { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "ATC was cancelled after %1 s.") };
inline constexpr ShownText kOutOfMemory { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob",
        "ATC was killed, most likely out of memory (%1) — convert one variant at a time or add swap.") };
inline constexpr ShownText kExitNoError { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "ATC exited with code %1 without printing an error; see its log.") };
inline constexpr ShownText kNoOmProduced { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "ATC did not produce the OM.") };
inline constexpr ShownText kCancelledBeforeStart { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "Cancelled before it started.") };
// Convert Many: why a job did not run, and what to do.
inline constexpr ShownText kRetryFailed { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "Retry Failed runs it.") };
inline constexpr ShownText kModelDidNotLoad { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "The model did not load: %1") };
inline constexpr ShownText kFixTheFile { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "Fix or re-export the file, or take it out of the batch.") };
inline constexpr ShownText kGiveTheDim { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "Give the value in the template (--dim NAME=VALUE) or on this row.") };
inline constexpr ShownText kChecksFoundErrors { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "The checks found errors: %1") };
inline constexpr ShownText kGiveTheShapes { "ConversionJob",
    QT_TRANSLATE_NOOP("ConversionJob", "Give the inputs' shapes in the template's --input_shape.") };
inline constexpr ShownText kNotPlanned { "ConversionJob", QT_TRANSLATE_NOOP("ConversionJob", "Not planned.") };

} // namespace wb::conversiontext

namespace wb {

// Every sentence above and the ending of a tool (process/toolresulttext.h), in the order shownConversionText tries
// them.
QList<ShownText> conversionTexts();
// A conversion's failure, or a Convert Many job's problem or fix (one or more lines), in the current language.
QString shownConversionText(const QString& text);

} // namespace wb
