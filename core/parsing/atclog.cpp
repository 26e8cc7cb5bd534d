#include "parsing/atclog.h"

#include "parsing/atclines_p.h"
#include "parsing/lines.h"
#include "parsing/pastedlog.h"

#include <QRegularExpression>

#include <utility>

namespace wb {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        break;
    }
    return QStringLiteral("error");
}

QString atcEventKindName(AtcEventKind kind)
{
    switch (kind) {
    case AtcEventKind::Status:
        return QStringLiteral("status");
    case AtcEventKind::Coded:
        return QStringLiteral("coded");
    case AtcEventKind::CommandLine:
        return QStringLiteral("command_line");
    case AtcEventKind::Plog:
        return QStringLiteral("plog");
    case AtcEventKind::PythonTraceback:
        return QStringLiteral("python_traceback");
    case AtcEventKind::LoaderError:
        return QStringLiteral("loader_error");
    case AtcEventKind::InnerMessage:
        break;
    }
    return QStringLiteral("inner_message");
}

bool isAtcProblem(const AtcEvent& event)
{
    return event.severity != Severity::Info && event.kind != AtcEventKind::Status;
}

QString atcVerdictName(AtcVerdict verdict)
{
    switch (verdict) {
    case AtcVerdict::Success:
        return QStringLiteral("success");
    case AtcVerdict::Failed:
        return QStringLiteral("failed");
    case AtcVerdict::Incomplete:
        break;
    }
    return QStringLiteral("incomplete");
}

QString atcStageName(AtcStage stage)
{
    switch (stage) {
    case AtcStage::NotStarted:
        return QStringLiteral("not_started");
    case AtcStage::Started:
        return QStringLiteral("started");
    case AtcStage::Compiling:
        return QStringLiteral("compiling");
    case AtcStage::Succeeded:
        return QStringLiteral("succeeded");
    case AtcStage::Failed:
        break;
    }
    return QStringLiteral("failed");
}

namespace {

AtcEvent makeEvent(AtcEventKind kind, Severity severity, const QString& message, int line)
{
    AtcEvent event;
    event.kind = kind;
    event.severity = severity;
    event.message = message;
    event.line = line;
    return event;
}

// Catalogue key for a command-line ERROR:/WARNING: line.
QString commandLineHintKey(QStringView text)
{
    if (text.startsWith(QLatin1String("ERROR: unknown command line flag")))
        return QStringLiteral("cli_unknown_flag");
    if (text.startsWith(QLatin1String("ERROR: flag")) && text.contains(QLatin1String("is missing its argument")))
        return QStringLiteral("cli_missing_argument");
    if (text.startsWith(QLatin1String("ERROR: Non-option parameter")))
        return QStringLiteral("cli_non_option");
    if (text.contains(QLatin1String("input_shape_range")))
        return QStringLiteral("input_shape_range_deprecated");
    return {};
}

// Catalogue key for a finished Python traceback.
QString pythonHintKey(const QString& process, const QString& exception)
{
    if (process.contains(QLatin1String("PoolWorker")) || exception.startsWith(QLatin1String("EOFError"))
        || exception.startsWith(QLatin1String("MemoryError")))
        return QStringLiteral("tbe_worker_died");
    if (exception.startsWith(QLatin1String("ModuleNotFoundError"))
        || exception.startsWith(QLatin1String("ImportError")))
        return QStringLiteral("EC0010");
    return QStringLiteral("python_traceback");
}

// A line outside any ATC message that speaks of an error or a failure ("Killed", "Segmentation fault", a script's
// "conversion failed"): a candidate for the key line when no message names the problem. Comments (a shell's root
// prompt, a golden file's "# source:" note) are not.
bool isClue(QStringView text)
{
    static const QRegularExpression clue(
        QStringLiteral("\\b(?:errors?|fail|failed|failure|fatal|killed|abort|aborted|segmentation fault|core dumped|"
                       "exception|cannot|can't|unable to|not found|no such file|out of memory|oom|timed out)\\b"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    return !text.startsWith(QLatin1Char('#')) && clue.match(text).hasMatch();
}

} // namespace

AtcLogParser::AtcLogParser(const AtcErrorCatalogue* catalogue)
    : m_catalogue(catalogue ? catalogue : &AtcErrorCatalogue::builtin())
{
}

bool AtcLogParser::runHasOutput() const
{
    // Warnings or a script's chatter before the first opening line stay with the run that follows.
    return m_stage != AtcStage::NotStarted || m_sawSuccess || m_sawFailure || m_sawFatal;
}

AtcRun AtcLogParser::currentRun() const
{
    AtcRun run;
    run.firstLine = m_runFirstLine;
    run.lastLine = m_line;
    run.verdict = verdict();
    run.stage = m_stage;
    run.progressDots = m_dots;
    run.firstEvent = m_runFirstEvent;
    run.eventCount = m_events - m_runFirstEvent;
    run.errors = m_runErrors;
    if (run.verdict != AtcVerdict::Success && run.errors == 0 && run.firstLine > 0) {
        if (m_clueLine > 0) {
            run.keyLine = m_clueLine;
            run.keyText = m_clueText;
        } else if (m_failLine > 0) {
            run.keyLine = m_failLine;
            run.keyText = m_failText;
        } else {
            run.keyLine = m_lastLine;
            run.keyText = m_lastText;
        }
    }
    return run;
}

QList<AtcRun> AtcLogParser::runs() const
{
    return m_runs + QList<AtcRun> { currentRun() };
}

// Archives the current run (it ended on the line before this one) and starts the next at this line.
void AtcLogParser::beginRun()
{
    AtcRun done = currentRun();
    done.lastLine = m_line - 1;
    m_runs.append(done);
    m_runFirstLine = m_line;
    m_runFirstEvent = m_events;
    m_runErrors = 0;
    m_stage = AtcStage::NotStarted;
    m_dots = 0;
    m_sawSuccess = m_sawFailure = m_sawFatal = false;
    m_clueLine = m_failLine = m_lastLine = 0;
    m_clueText.clear();
    m_failText.clear();
    m_lastText.clear();
}

AtcVerdict AtcLogParser::verdict() const
{
    if (m_sawFailure)
        return AtcVerdict::Failed;
    if (m_sawSuccess)
        return AtcVerdict::Success;
    return m_sawFatal ? AtcVerdict::Failed : AtcVerdict::Incomplete;
}

QList<AtcEvent> AtcLogParser::feed(QStringView line)
{
    ++m_line;
    if (m_runFirstLine == 0)
        m_runFirstLine = m_line;
    QList<AtcEvent> out;
    m_lineSeverity = Severity::Info;
    feedLine(line, &out);
    // This line's events (a block closed by it belongs to earlier lines, unless it was the block's last line), or
    // the open block it starts or continues.
    if (m_block != Block::None && m_pending.severity > m_lineSeverity)
        m_lineSeverity = m_pending.severity;
    for (const AtcEvent& e : std::as_const(out)) {
        if (e.line == m_line && e.severity > m_lineSeverity)
            m_lineSeverity = e.severity;
    }
    if (const QStringView text = line.trimmed(); !text.isEmpty()) {
        m_lastLine = m_line;
        m_lastText.resize(0); // keeps the capacity: no allocation per line
        m_lastText.append(text);
    }
    return out;
}

QList<AtcEvent> AtcLogParser::finish()
{
    QList<AtcEvent> out;
    closeBlock(&out);
    m_pythonProcess.clear();
    return out;
}

void AtcLogParser::feedLine(QStringView raw, QList<AtcEvent>* out)
{
    if (m_block == Block::Coded && continueCoded(raw))
        return;
    if (m_block == Block::Python) {
        const Severity block = m_pending.severity;
        if (continuePython(raw, out)) {
            m_lineSeverity = block; // a frame, or the exception line that ends the traceback
            return;
        }
    }
    closeBlock(out);
    const QString process = std::exchange(m_pythonProcess, QString());

    QStringView body = raw;
    const int dots = atclines::stripProgressDots(&body);
    if (dots > 0) {
        m_dots += dots;
        if (m_stage == AtcStage::NotStarted || m_stage == AtcStage::Started)
            m_stage = AtcStage::Compiling;
    }
    const QStringView text = body.trimmed();
    if (text.isEmpty())
        return;

    // ATC's own sentences, anywhere in the line (TBE dots or other text may precede them).
    static const QLatin1String kStart("ATC start working now");
    static const QLatin1String kSuccess("ATC run success");
    static const QLatin1String kFailed("ATC run failed");
    if (const qsizetype at = text.indexOf(kStart); at >= 0) {
        if (runHasOutput())
            beginRun(); // another run pasted after this one, or a script that runs ATC again
        if (m_stage == AtcStage::NotStarted)
            m_stage = AtcStage::Started;
        emitEvent(makeEvent(AtcEventKind::Status, Severity::Info, text.sliced(at).toString(), m_line), {}, out);
        return;
    }
    if (const qsizetype at = text.indexOf(kSuccess); at >= 0) {
        m_sawSuccess = true;
        m_stage = AtcStage::Succeeded;
        emitEvent(makeEvent(AtcEventKind::Status, Severity::Info, text.sliced(at).toString(), m_line), {}, out);
        return;
    }
    if (const qsizetype at = text.indexOf(kFailed); at >= 0) {
        m_sawFailure = true;
        m_stage = AtcStage::Failed;
        m_failLine = m_line;
        m_failText = text.toString();
        emitEvent(makeEvent(AtcEventKind::Status, Severity::Error, text.sliced(at).toString(), m_line),
            QStringLiteral("atc_run_failed"), out);
        return;
    }

    if (text.front() == QLatin1Char('E') || text.front() == QLatin1Char('W')) {
        const QList<atclines::CodeHeader> headers = atclines::splitCodeHeaders(text);
        if (!headers.isEmpty()) {
            for (qsizetype i = 0; i < headers.size(); ++i) {
                const atclines::CodeHeader& h = headers.at(i);
                const bool isError = h.code.startsWith(QLatin1Char('E'));
                m_sawFatal = m_sawFatal || isError;
                AtcEvent event
                    = makeEvent(AtcEventKind::Coded, isError ? Severity::Error : Severity::Warning, h.message, m_line);
                event.code = h.code;
                event.pid = h.pid;
                event.timestamp = h.timestamp;
                if (i + 1 < headers.size()) {
                    emitEvent(std::move(event), h.code, out);
                } else {
                    m_pending = std::move(event); // the last one takes the indented lines that follow
                    m_block = Block::Coded;
                }
            }
            return;
        }
    }

    if (text == QLatin1String("Traceback (most recent call last):")) {
        m_sawFatal = true;
        m_pending = makeEvent(AtcEventKind::PythonTraceback, Severity::Error, {}, m_line);
        m_pending.module = process;
        m_block = Block::Python;
        return;
    }
    static const QRegularExpression processLine(QStringLiteral("^Process (\\S+):$"));
    if (const QRegularExpressionMatch m = processLine.match(text); m.hasMatch()) {
        m_pythonProcess = m.captured(1);
        return;
    }
    if (text.contains(QLatin1String("error while loading shared libraries"))) {
        m_sawFatal = true;
        emitEvent(makeEvent(AtcEventKind::LoaderError, Severity::Error, text.toString(), m_line),
            QStringLiteral("loader_error"), out);
        return;
    }
    if (text.startsWith(QLatin1String("ERROR:"))) {
        m_sawFatal = true;
        emitEvent(makeEvent(AtcEventKind::CommandLine, Severity::Error, text.toString(), m_line),
            commandLineHintKey(text), out);
        return;
    }
    if (text.startsWith(QLatin1String("WARNING:"), Qt::CaseInsensitive)) {
        emitEvent(makeEvent(AtcEventKind::CommandLine, Severity::Warning, text.toString(), m_line),
            commandLineHintKey(text), out);
        return;
    }
    if (const auto plog = atclines::parsePlogLine(text)) {
        const bool isError = plog->level == QLatin1String("ERROR");
        if (!isError && !plog->level.startsWith(QLatin1String("WARN")))
            return; // INFO/DEBUG/EVENT lines (ASCEND_SLOG_PRINT_TO_STDOUT=1) would drown the real messages
        AtcEvent event
            = makeEvent(AtcEventKind::Plog, isError ? Severity::Error : Severity::Warning, plog->message, m_line);
        event.module = plog->module;
        event.pid = plog->pid;
        event.timestamp = plog->timestamp;
        if (!plog->location.isEmpty())
            event.details.append(plog->location);
        emitEvent(std::move(event), plog->module == QLatin1String("AMCT") ? QStringLiteral("amct") : QString(), out);
        return;
    }
    // An error block's inner line without its header (an excerpt cut below it): still ATC's error.
    const QString sentenceCode = atclines::errorSentenceCode(text);
    if (!sentenceCode.isEmpty() || atclines::hasSourceLocation(text)) {
        m_sawFatal = true;
        // Like a coded block: the indented lines after it (Possible Cause, Solution, more inner lines) are its own.
        m_pending = makeEvent(AtcEventKind::InnerMessage, Severity::Error, atclines::stripSourceLocation(text), m_line);
        m_innerHintKey = sentenceCode;
        m_block = Block::Coded;
        return;
    }
    // Anything else (shell prompts, the caller's own echo, INFO chatter) is not an event.
    if (isClue(text)) {
        m_clueLine = m_line;
        m_clueText = text.toString();
    }
}

bool AtcLogParser::continueCoded(QStringView raw)
{
    if (raw.isEmpty() || !raw.front().isSpace())
        return false;
    const QStringView text = raw.trimmed();
    if (text.isEmpty())
        return false;
    static const QLatin1String kCause("Possible Cause:");
    static const QLatin1String kSolution("Solution:");
    if (text.startsWith(kCause)) {
        const QString cause = text.sliced(kCause.size()).trimmed().toString();
        m_pending.cause = m_pending.cause.isEmpty() ? cause : m_pending.cause + QLatin1Char(' ') + cause;
    } else if (text.startsWith(kSolution)) {
        const QString solution = text.sliced(kSolution.size()).trimmed().toString();
        m_pending.solution = m_pending.solution.isEmpty() ? solution : m_pending.solution + QLatin1Char(' ') + solution;
    } else if (!text.startsWith(QLatin1String("TraceBack (most recent call last)"))) {
        const QString detail = atclines::stripSourceLocation(text);
        if (!detail.isEmpty())
            m_pending.details.append(detail);
    }
    return true;
}

bool AtcLogParser::continuePython(QStringView raw, QList<AtcEvent>* out)
{
    if (raw.isEmpty())
        return false;
    if (raw.front().isSpace()) {
        const QStringView text = raw.trimmed();
        if (!text.isEmpty())
            m_pending.details.append(text.toString());
        return !text.isEmpty();
    }
    const QStringView text = raw.trimmed();
    if (!atclines::isPythonExceptionLine(text))
        return false;
    m_pending.message = text.toString();
    closeBlock(out);
    return true;
}

void AtcLogParser::closeBlock(QList<AtcEvent>* out)
{
    const Block block = std::exchange(m_block, Block::None);
    if (block == Block::None)
        return;
    AtcEvent event = std::exchange(m_pending, AtcEvent());
    if (block == Block::Coded) {
        const QString key
            = event.kind == AtcEventKind::InnerMessage ? std::exchange(m_innerHintKey, QString()) : event.code;
        emitEvent(std::move(event), key, out);
        return;
    }
    const QString exception = event.message;
    const QString what
        = exception.isEmpty() ? QStringLiteral("traceback cut off before the exception line") : exception;
    event.message = event.module.isEmpty() ? QStringLiteral("Python exception: %1").arg(what)
                                           : QStringLiteral("Python process %1 failed: %2").arg(event.module, what);
    const QString hintKey = pythonHintKey(event.module, exception);
    emitEvent(std::move(event), hintKey, out);
}

namespace {

// The newest ai.onnx opset any CANN parses (shared/reference/atc.md §7); the op table in core/atc has the detail.
constexpr int kNewestParsedOpset = 18;

// "No parser for this op" (E19010, EZ9010, E16002) has two causes with opposite advice: an opset newer than ATC
// parses ("/opset": re-export lower), or an op type ATC does not know at a parsed opset ("/op_type": a lower opset
// will not help). Decided from the opsets of the ops the message names; empty when none is given.
QString opsetCase(const AtcEvent& event)
{
    int newest = 0;
    for (const OpRef& op : event.ops) {
        if (op.domain.isEmpty() || op.domain == QLatin1String("ai.onnx"))
            newest = qMax(newest, op.opset);
    }
    if (newest <= 0)
        return {};
    return newest > kNewestParsedOpset ? QStringLiteral("/opset") : QStringLiteral("/op_type");
}

} // namespace

void AtcLogParser::emitEvent(AtcEvent event, const QString& hintKey, QList<AtcEvent>* out)
{
    atclines::mergeOps(&event.ops, atclines::extractOps(event.message));
    for (const QString& detail : std::as_const(event.details))
        atclines::mergeOps(&event.ops, atclines::extractOps(detail));
    std::optional<CatalogueEntry> entry;
    if (const QString variant = opsetCase(event); !variant.isEmpty()) {
        entry = m_catalogue->lookup(hintKey + variant);
        if (entry && entry->key != hintKey + variant)
            entry.reset(); // a family of the code, not its case
    }
    if (!entry)
        entry = m_catalogue->lookup(hintKey);
    if (entry) {
        event.hintKey = entry->key;
        event.hint = entry->hint;
        event.cliHint = entry->hintFor(HintForm::Cli);
    }
    ++m_events;
    if (event.severity == Severity::Error && isAtcProblem(event))
        ++m_runErrors;
    out->append(std::move(event));
}

AtcLogResult parseAtcLog(const QByteArray& text, const AtcErrorCatalogue* catalogue)
{
    return parseAtcLines(splitLines(text), catalogue);
}

AtcLogResult parseAtcLines(const QList<QByteArray>& lines, const AtcErrorCatalogue* catalogue)
{
    const PastedLines pasted = unquotePastedLines(lines);
    AtcLogParser parser(catalogue);
    AtcLogResult result;
    for (const QByteArray& line : pasted.lines)
        result.events += parser.feed(QString::fromUtf8(line));
    result.events += parser.finish();
    result.verdict = parser.verdict();
    result.stage = parser.stage();
    result.progressDots = parser.progressDots();
    result.lineCount = parser.lineCount();
    result.runs = parser.runs();
    result.pastedForms = pasted.forms;
    return result;
}

} // namespace wb
