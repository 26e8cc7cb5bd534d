#pragma once

// Why a tool run on a host failed (RemoteToolRun::failure(), explainRemoteWriteFailure()): the failure of the
// conversion or the run it becomes (ConversionOutcome::failure, BenchResult::error) is kept in English — the Convert
// Many report, `--json` and atcwb keep it — and shown translated by the pages (shownConversionText, shownBenchText).
// See util/showntext.h.
#include "util/showntext.h"

#include <QCoreApplication>
#include <QList>

namespace wb::remotetext {

inline constexpr ShownText kSshNotStarted { "RemoteRun",
    QT_TRANSLATE_NOOP("RemoteRun", "%1 could not be started: %2.") };
// With and without ssh's words: "(%3)%4" could not be read back when %3 holds brackets of its own ("ssh crashed
// (SIGSEGV) after 2.0 s.").
inline constexpr ShownText kDidNotStart { "RemoteRun",
    QT_TRANSLATE_NOOP("RemoteRun", "%1 did not start on %2 (%3) Run `atcwb hosts probe %2` to see what is wrong.") };
inline constexpr ShownText kDidNotStartSaid { "RemoteRun",
    QT_TRANSLATE_NOOP(
        "RemoteRun", "%1 did not start on %2 (%3): %4. Run `atcwb hosts probe %2` to see what is wrong.") };
inline constexpr ShownText kConnectionLost { "RemoteRun",
    QT_TRANSLATE_NOOP("RemoteRun",
        "The connection to %1 was lost while %2 ran%3. %2 may still be running on %1 (pid %4, process group %5). "
        "Look with: ssh -p %6 %7 ps -o pid,etime,args -g %5 ; stop it with: ssh -p %6 %7 kill -TERM -%5") };
inline constexpr ShownText kNotFound { "RemoteRun",
    QT_TRANSLATE_NOOP("RemoteRun",
        "%1 was not found on %2 (%3). Check the host's environment script: `atcwb hosts probe %2` shows what it "
        "finds.") };
inline constexpr ShownText kWrongArchitecture { "RemoteRun",
    QT_TRANSLATE_NOOP("RemoteRun",
        "%1 on %2 is built for another processor architecture (Exec format error): use a build for the host's "
        "architecture (`uname -m` there; `atcwb hosts probe %2` shows it).") };
inline constexpr ShownText kCannotExecute { "RemoteRun",
    QT_TRANSLATE_NOOP("RemoteRun", "%1 on %2 cannot be executed (%3).") };
inline constexpr ShownText kWorkFolderFull { "RemoteRun",
    QT_TRANSLATE_NOOP("RemoteRun",
        "%1 failed: the work folder %2 on %3 is full%4. Free space there, or choose another work folder: atcwb "
        "hosts add %3 --destination %5 --work-dir DIR.") };
inline constexpr ShownText kWorkFolderReadOnly { "RemoteRun",
    QT_TRANSLATE_NOOP("RemoteRun",
        "%1 failed: the work folder %2 on %3 is on a read-only file system%4. Choose a writable work folder: atcwb "
        "hosts add %3 --destination %5 --work-dir DIR.") };
// Two placeholders side by side could not be told apart in the English: with and without ssh's words, two sentences.
inline constexpr ShownText kWorkFolderNotWritable { "RemoteRun",
    QT_TRANSLATE_NOOP("RemoteRun",
        "%1 failed: the work folder %2 on %3 is not writable for %4. Fix its owner or mode, or choose another work "
        "folder with --work-dir.") };
inline constexpr ShownText kWorkFolderNotWritableSaid { "RemoteRun",
    QT_TRANSLATE_NOOP("RemoteRun",
        "%1 failed: the work folder %2 on %3 is not writable for %4 (%5). Fix its owner or mode, or choose another "
        "work folder with --work-dir.") };
inline constexpr ShownText kFailedOn { "RemoteRun", QT_TRANSLATE_NOOP("RemoteRun", "%1 failed on %2.") };
// What failed, quoted as %1 by the sentences above.
inline constexpr ShownText kMakingRunFolder { "RemoteRun",
    QT_TRANSLATE_NOOP("RemoteRun", "Making a run folder in %1") };
inline constexpr ShownText kUploadingTo { "RemoteRun", QT_TRANSLATE_NOOP("RemoteRun", "Uploading %1 to %2") };
inline constexpr ShownText kFailedOnSaid { "RemoteRun", QT_TRANSLATE_NOOP("RemoteRun", "%1 failed on %2 (%3).") };

} // namespace wb::remotetext

namespace wb {

// Every sentence above, for a ShownTexts list (before the tool endings of process/toolresulttext.h: the
// "could not be started" with its full stop first).
QList<ShownText> remoteFailureTexts();

} // namespace wb
