#pragma once

#include "parsing/atccatalogue.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace wb {

enum class Severity { Info, Warning, Error };
QString severityName(Severity severity); // "info", "warning", "error"

// An operator a message names. ATC's parser spells ONNX ops "<domain>::<opset>::<type>"; that is split up.
struct OpRef {
    QString name; // node name; empty when the message names only a type
    QString type; // op type ("Conv", "StridedSliceD"); empty when unknown
    QString domain; // "ai.onnx" etc. when given, else empty
    int opset = 0; // 0 when not given
    bool operator==(const OpRef&) const = default;
};

enum class AtcEventKind {
    Status, // "ATC start working now", "ATC run success", "ATC run failed"
    Coded, // an "E10001: ..." / "W11001: ..." block with its continuation lines
    CommandLine, // "ERROR: unknown command line flag ...", "WARNING: Option ... is deprecated"
    Plog, // "[ERROR] GE(pid,atc.bin):timestamp [file:line] ..." (only ERROR and WARNING lines become events)
    PythonTraceback, // "Traceback (most recent call last):" ... "SomeError: ..."
    LoaderError, // "... error while loading shared libraries: libx.so ..."
    InnerMessage, // an error block's inner line met outside its block: "Failed to compile Op [x]. (optype: [y])",
                  // "...[FUNC:f][FILE:file][LINE:n]" (an excerpt cut below its E-code header)
};
// "status", "coded", "command_line", "plog", "python_traceback", "loader_error", "inner_message"
QString atcEventKindName(AtcEventKind kind);

struct AtcEvent {
    AtcEventKind kind = AtcEventKind::Status;
    Severity severity = Severity::Info;
    QString code; // "E19010"; empty when the line has no code
    QString message;
    QString cause; // "Possible Cause: ..."
    QString solution; // "Solution: ..."
    QStringList details; // TraceBack lines / Python frames, without the [FUNC:][FILE:][LINE:] suffix
    QList<OpRef> ops; // every op named in the message or details, first mention first, no duplicates
    QString hintKey; // catalogue key the hint came from (a code, a case such as "E19010/op_type", a family such as
                     // "E11", or an event key)
    QString hint; // what to do in ATC Workbench's GUI (pages, buttons)
    QString cliHint; // the same for the command line (flags, `atcwb` commands); the caller picks the form
    int line = 0; // 1-based line the event starts on
    QString pid; // "[PID: n]" or the plog pid
    QString timestamp; // as printed
    QString module; // plog module ("GE", "AMCT") or the Python process name ("ForkServerPoolWorker-2")
};

enum class AtcVerdict { Incomplete, Success, Failed };
QString atcVerdictName(AtcVerdict verdict); // "incomplete", "success", "failed"
// An error or warning ATC reported, not an info line nor a status sentence ("ATC run failed, …"): what a run's
// outcome keeps and lists as a problem.
bool isAtcProblem(const AtcEvent& event);

enum class AtcStage { NotStarted, Started, Compiling, Succeeded, Failed };
QString atcStageName(AtcStage stage); // "not_started", "started", "compiling", "succeeded", "failed"

// One ATC run in the text: a new one begins at each "ATC start working now" after ATC output (several runs pasted
// together, or a script that runs ATC again). What came before the first opening line belongs to the first run.
struct AtcRun {
    int firstLine = 0; // 1-based; 0 when nothing was fed yet
    int lastLine = 0;
    AtcVerdict verdict = AtcVerdict::Incomplete;
    AtcStage stage = AtcStage::NotStarted;
    int progressDots = 0;
    qsizetype firstEvent = 0; // index of its first event in the order they were returned
    qsizetype eventCount = 0;
    int errors = 0; // error events that name a problem (isAtcProblem)
    // When the run did not succeed and no error names a problem: the line most likely to say what went wrong (the
    // last line that speaks of an error or a failure, else ATC's failure sentence, else the last line of the run).
    int keyLine = 0; // 0 when not needed
    QString keyText;
};

// A state machine over ATC's console output, fed one line at a time (without its line terminator), in the order
// printed (stdout and stderr merged). A multi-line block (an error code and its indented continuation lines, a
// Python traceback) is returned when the line after it arrives, or by finish().
//
// Verdict: `failed` when ATC printed its failure sentence, else `success` when it printed its success sentence,
// else `failed` when a fatal error appeared (an E-code, a Python traceback, a loader error, a command-line
// ERROR, an error block's inner line), else `incomplete` (e.g. the output stops while compiling). Plog [ERROR] lines
// and warnings are never fatal on their own: ATC logs recoverable errors there. With several runs in the text,
// verdict(), stage() and progressDots() are the last run's (what the user tried last); runs() has each.
class AtcLogParser {
public:
    explicit AtcLogParser(const AtcErrorCatalogue* catalogue = &AtcErrorCatalogue::builtin());

    QList<AtcEvent> feed(QStringView line); // events completed by this line, oldest first
    QList<AtcEvent> finish(); // flushes the pending block; feeding may continue afterwards

    AtcVerdict verdict() const;
    AtcStage stage() const { return m_stage; }
    int progressDots() const { return m_dots; } // TBE progress dots seen so far in the current run
    int lineCount() const { return m_line; }
    // The severity of the line fed last, as the events decide it: a line of an error or warning (a coded block's
    // header and continuation lines, a traceback, a plog [ERROR]/[WARNING] line, "ATC run failed", a command-line
    // ERROR:/WARNING:) has that event's severity; every other line is Info. What a log view colours and filters by.
    Severity lineSeverity() const { return m_lineSeverity; }
    QList<AtcRun> runs() const; // every run so far, the current one last (its counts as they stand)

private:
    enum class Block { None, Coded, Python };
    void feedLine(QStringView line, QList<AtcEvent>* out);
    void handleCoded(QStringView text, QList<AtcEvent>* out);
    bool continueCoded(QStringView raw);
    bool continuePython(QStringView raw, QList<AtcEvent>* out);
    void closeBlock(QList<AtcEvent>* out);
    void emitEvent(AtcEvent event, const QString& hintKey, QList<AtcEvent>* out);
    bool runHasOutput() const;
    void beginRun();
    AtcRun currentRun() const;

    const AtcErrorCatalogue* m_catalogue;
    Block m_block = Block::None;
    AtcEvent m_pending;
    QString m_innerHintKey; // the hint of a pending InnerMessage (the code its sentence belongs to)
    QString m_pythonProcess; // "Process ForkServerPoolWorker-2:" seen on the previous line
    AtcStage m_stage = AtcStage::NotStarted;
    int m_line = 0;
    Severity m_lineSeverity = Severity::Info;
    int m_dots = 0;
    bool m_sawSuccess = false;
    bool m_sawFailure = false;
    bool m_sawFatal = false;
    // The current run; finished runs are in m_runs.
    QList<AtcRun> m_runs;
    int m_runFirstLine = 0;
    qsizetype m_events = 0; // events returned so far, all runs
    qsizetype m_runFirstEvent = 0;
    int m_runErrors = 0;
    int m_clueLine = 0; // last line outside any event that speaks of an error or a failure
    QString m_clueText;
    int m_failLine = 0; // ATC's failure sentence
    QString m_failText;
    int m_lastLine = 0; // last non-blank line
    QString m_lastText;
};

struct AtcLogResult {
    AtcVerdict verdict = AtcVerdict::Incomplete;
    AtcStage stage = AtcStage::NotStarted;
    int progressDots = 0;
    int lineCount = 0;
    QList<AtcEvent> events;
    QList<AtcRun> runs; // at least one; verdict, stage and progressDots above are the last one's
    QStringList pastedForms; // the wrapping taken off a pasted log (PastedLines::forms); empty for a console log
};

// Parses a whole log (any line ends, invalid UTF-8 decoded leniently). A log pasted into an issue, a chat or an
// e-mail is read as well: quote markers, chat prefixes, CI timestamps, Markdown fences and added indentation are
// taken off first (unquotePastedLines; a console log as ATC printed it is not changed by that).
AtcLogResult parseAtcLog(const QByteArray& text, const AtcErrorCatalogue* catalogue = &AtcErrorCatalogue::builtin());
// The same over lines already split (without terminators), e.g. assembled from chunks as they arrived.
AtcLogResult parseAtcLines(
    const QList<QByteArray>& lines, const AtcErrorCatalogue* catalogue = &AtcErrorCatalogue::builtin());

} // namespace wb
