#include "parsing/pastedlog.h"

#include <QRegularExpression>

namespace wb {

namespace {

enum Form { Chat, Quote, Timestamp, Fence, Indent, FormCount };

const char* const kFormNames[FormCount] = { "chat", "quote", "timestamp", "fence", "indent" };

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// Prefixes are ASCII: matched over a Latin-1 view of the bytes, so a match's length is a byte count.
qsizetype prefixLength(const QRegularExpression& pattern, const QByteArray& line)
{
    const QRegularExpressionMatch m = pattern.match(QString::fromLatin1(line));
    return m.hasMatch() ? m.capturedEnd() : 0;
}

// "[10:32] ana: ", "[10:32 AM] Ana Li: ", "[2025-06-16 10:32:05] ana: " — not a logger's "[10:32] ERROR: ".
qsizetype chatPrefix(const QByteArray& line)
{
    static const QRegularExpression chat(QStringLiteral(
        "^\\[(?:\\d{4}-\\d\\d-\\d\\d[ T]|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4},? )?\\d{1,2}:\\d\\d(?::\\d\\d)?"
        "(?: ?[AaPp][Mm])?\\][ \\t]*(?![EW][0-9A-Z][0-9]{4}:|(?:ERROR|WARNING|WARN|INFO|DEBUG)\\b)"
        "[^\\s:\\[\\]][^:\\[\\]]{0,39}:(?:[ \\t]|$)"));
    // "[1" … "[9": a time or a date; a plog line ("[INFO] GE(…") is not looked at further.
    return line.size() > 8 && line.front() == '[' && line.at(1) >= '0' && line.at(1) <= '9' ? prefixLength(chat, line)
                                                                                            : 0;
}

// "> ", ">> ", "> > ", ">" (an empty quoted line), after at most 3 blanks; one blank after each marker.
qsizetype quotePrefix(const QByteArray& line)
{
    qsizetype at = 0;
    while (at < 3 && at < line.size() && isBlank(line.at(at)))
        ++at;
    if (at >= line.size() || line.at(at) != '>')
        return 0;
    while (at < line.size() && line.at(at) == '>') {
        ++at;
        if (at < line.size() && isBlank(line.at(at)))
            ++at;
    }
    return at;
}

// "2025-06-16T13:02:36.8011360Z " (GitHub Actions, docker logs --timestamps). ATC's own stamps
// ("2025-06-16-13:02:36.801.136") never start a line and have no T.
qsizetype timestampPrefix(const QByteArray& line)
{
    static const QRegularExpression stamp(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?(?:[ \\t]|$)"));
    return !line.isEmpty() && line.front() >= '0' && line.front() <= '9' ? prefixLength(stamp, line) : 0;
}

// A Markdown fence: ``` (any indentation; also glued to the start or end of a line, as pasted into a chat) or
// ~~~ (at most 3 blanks before it, alone on its line: a Python 3.11 caret line "    ~~~^^^" is not a fence).
bool cutFence(QByteArray* line)
{
    static const QRegularExpression infoString(QStringLiteral("^[ \\t]*[A-Za-z0-9_+.#-]*[ \\t]*$"));
    static const QRegularExpression tildeFence(QStringLiteral("^[ \\t]{0,3}~~~+[ \\t]*[A-Za-z0-9_+.#-]*[ \\t]*$"));
    if (!line->contains('`') && !line->contains('~')) // memchr: most lines hold neither
        return false;
    if (!line->contains("```") && !line->contains("~~~"))
        return false;
    const QByteArray trimmed = line->trimmed();
    if (tildeFence.match(QString::fromLatin1(*line)).hasMatch()) {
        line->clear();
        return true;
    }
    bool cut = false;
    if (trimmed.startsWith("```")) {
        qsizetype start = line->indexOf("```");
        while (start < line->size() && line->at(start) == '`')
            ++start;
        const QByteArray rest = line->mid(start);
        *line = infoString.match(QString::fromLatin1(rest)).hasMatch() ? QByteArray() : rest;
        cut = true;
    }
    const QByteArray tail = line->trimmed();
    if (tail.endsWith("```")) {
        qsizetype end = line->lastIndexOf("```");
        while (end > 0 && line->at(end - 1) == '`')
            --end;
        line->truncate(end);
        while (!line->isEmpty() && isBlank(line->back()))
            line->chop(1);
        cut = true;
    }
    return cut;
}

// A line that starts an ATC message (after blanks and progress dots): where ATC itself prints at column 0.
bool startsAtcMessage(QByteArrayView body)
{
    static const QRegularExpression start(QStringLiteral(
        "^(?:ATC start working now|ATC run success|ATC run failed|Traceback \\(most recent call last\\):|"
        "ERROR:|WARNING:|[EW][0-9A-Z][0-9]{4}:|\\[(?:ERROR|WARNING|WARN|INFO|DEBUG|EVENT|TRACE)\\] ?"
        "[A-Za-z][A-Za-z0-9_]*\\(\\d+,)"));
    while (!body.isEmpty() && body.front() == '.')
        body = body.sliced(1);
    if (body.isEmpty() || !QByteArrayView("ATEW[").contains(body.front()))
        return false;
    return start.match(QString::fromLatin1(body.first(qMin<qsizetype>(body.size(), 48)))).hasMatch();
}

} // namespace

PastedLines unquotePastedLines(const QList<QByteArray>& lines)
{
    PastedLines out;
    out.lines.reserve(lines.size());
    bool used[FormCount] = {};
    for (QByteArray line : lines) {
        // Wrappers nest in any order ("> [10:32] ana: text", "[10:32] ana: > text"): peel until none is left.
        for (bool peeled = true; peeled && !line.isEmpty();) {
            peeled = false;
            const std::pair<Form, qsizetype> prefixes[]
                = { { Chat, chatPrefix(line) }, { Quote, quotePrefix(line) }, { Timestamp, timestampPrefix(line) } };
            for (const auto& [form, length] : prefixes) {
                if (length > 0) {
                    line.remove(0, length);
                    used[form] = peeled = true;
                    break;
                }
            }
        }
        if (cutFence(&line))
            used[Fence] = true;
        out.lines.append(line);
    }

    // The indentation the paste added: the blanks every ATC message line starts with.
    QByteArray indent;
    bool first = true;
    for (const QByteArray& line : std::as_const(out.lines)) {
        qsizetype blanks = 0;
        while (blanks < line.size() && isBlank(line.at(blanks)))
            ++blanks;
        if (!startsAtcMessage(QByteArrayView(line).sliced(blanks)))
            continue;
        if (first) {
            indent = line.first(blanks);
            first = false;
        } else {
            qsizetype common = 0;
            while (common < indent.size() && common < blanks && indent.at(common) == line.at(common))
                ++common;
            indent.truncate(common);
        }
        if (indent.isEmpty())
            break;
    }
    if (!indent.isEmpty()) {
        used[Indent] = true;
        for (QByteArray& line : out.lines) {
            if (line.startsWith(indent))
                line.remove(0, indent.size());
        }
    }
    for (int form = 0; form < FormCount; ++form) {
        if (used[form])
            out.forms.append(QLatin1String(kFormNames[form]));
    }
    return out;
}

} // namespace wb
