#include "parsing/atclines_p.h"

#include <QRegularExpression>

namespace wb::atclines {

namespace {

QRegularExpression::PatternOptions opts()
{
    return QRegularExpression::UseUnicodePropertiesOption;
}

// "ai.onnx::11::Convx" -> domain, opset, type; anything else is a plain type.
OpRef makeOp(QStringView name, QStringView rawType)
{
    OpRef op { name.trimmed().toString(), {}, {}, 0 };
    QString type = rawType.trimmed().toString();
    while (type.endsWith(QLatin1Char('.')) || type.endsWith(QLatin1Char(']')))
        type.chop(1);
    const QStringList parts = type.split(QStringLiteral("::"));
    bool isNumber = false;
    const int opset = parts.size() == 3 ? parts.at(1).toInt(&isNumber) : 0;
    if (parts.size() == 3 && isNumber) {
        op.domain = parts.at(0);
        op.opset = opset;
        op.type = parts.at(2);
    } else {
        op.type = type;
    }
    return op;
}

} // namespace

int stripProgressDots(QStringView* line)
{
    int removed = 0;
    qsizetype start = 0;
    while (start < line->size() && line->at(start) == QLatin1Char('.'))
        ++start;
    removed += int(start);
    QStringView rest = line->sliced(start);
    qsizetype end = rest.size();
    while (end > 0 && rest.at(end - 1) == QLatin1Char('.'))
        --end;
    const qsizetype trailing = rest.size() - end;
    if (trailing >= 3 && end > 0 && rest.at(end - 1).isSpace()) {
        removed += int(trailing);
        rest = rest.first(end);
    }
    *line = rest;
    return removed;
}

QList<CodeHeader> splitCodeHeaders(QStringView line)
{
    static const QRegularExpression codeAt(QStringLiteral("(?<![^\\s.])([EW][0-9A-Z][0-9]{4}):(?=\\s|\\[|$)"), opts());
    static const QRegularExpression pidHeader(
        QStringLiteral("^\\[PID:\\s*(\\d+)\\]\\s*(\\d{4}-\\d\\d-\\d\\d-\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{3}){0,2})?\\s*"),
        opts());
    QList<CodeHeader> headers;
    auto it = codeAt.globalMatch(line);
    QList<QRegularExpressionMatch> matches;
    while (it.hasNext())
        matches.append(it.next());
    if (matches.isEmpty() || matches.first().capturedStart() != 0)
        return headers;
    for (qsizetype i = 0; i < matches.size(); ++i) {
        const qsizetype from = matches.at(i).capturedEnd();
        const qsizetype to = i + 1 < matches.size() ? matches.at(i + 1).capturedStart() : line.size();
        QStringView text = line.sliced(from, to - from).trimmed();
        CodeHeader header { matches.at(i).captured(1), {}, {}, {} };
        const QRegularExpressionMatch pid = pidHeader.match(text);
        if (pid.hasMatch()) {
            header.pid = pid.captured(1);
            header.timestamp = pid.captured(2);
            text = text.sliced(pid.capturedEnd());
        }
        header.message = stripSourceLocation(text);
        headers.append(header);
    }
    return headers;
}

namespace {

const QRegularExpression& sourceLocation()
{
    static const QRegularExpression location(
        QStringLiteral("\\s*\\[FUNC:[^\\]]*\\]\\s*\\[FILE:[^\\]]*\\]\\s*\\[LINE:[^\\]]*\\]\\s*$"), opts());
    return location;
}

} // namespace

QString stripSourceLocation(QStringView text)
{
    QString result = text.trimmed().toString();
    const QRegularExpressionMatch m = sourceLocation().match(result);
    if (m.hasMatch())
        result.truncate(m.capturedStart());
    return result;
}

bool hasSourceLocation(QStringView text)
{
    return text.contains(QLatin1String("[FUNC:")) && sourceLocation().match(text).hasMatch();
}

QString errorSentenceCode(QStringView text)
{
    static const std::pair<QLatin1String, QLatin1String> sentences[] = {
        { QLatin1String("Failed to compile Op"), QLatin1String("E20001") },
        { QLatin1String("No parser is registered for Op"), QLatin1String("E19010") },
        { QLatin1String("No supported Ops kernel and engine are found for"), QLatin1String("EZ3003") },
        { QLatin1String("No operator plugin is registered for Op"), QLatin1String("E13010") },
        { QLatin1String("No ONNX parser is registered for optype"), QLatin1String("E16002") },
        { QLatin1String(" of Ops kernel"), QLatin1String("EZ3002") },
    };
    for (const auto& [sentence, code] : sentences) {
        if (text.contains(sentence))
            return extractOps(text).isEmpty() ? QString() : QString(code);
    }
    static const QRegularExpression irNotRegistered(QStringLiteral("IR for Op .+ is not registered"), opts());
    return irNotRegistered.match(text).hasMatch() && !extractOps(text).isEmpty() ? QStringLiteral("EZ0501") : QString();
}

QList<OpRef> extractOps(QStringView text)
{
    // Bracketed (2023) and bracket-less (2026) templates; a node name may contain spaces, so names end at the
    // text that follows them rather than at a blank.
    static const QList<std::pair<QRegularExpression, bool>> patterns = {
        // E19010 / EZ9010: No parser is registered for Op [X, optype [ai.onnx::11::Y]].
        { QRegularExpression(
              QStringLiteral("No parser is registered for Op \\[?(.+?),\\s*optype:?\\s*\\[?([^\\]\\s,]+)"), opts()),
            true },
        // EZ3003: No supported Ops kernel and engine are found for [X], optype [Y].
        { QRegularExpression(
              QStringLiteral(
                  "No supported Ops kernel and engine are found for \\[?(.+?)\\]?,\\s*optype:?\\s*\\[?([^\\]\\s,]+)"),
              opts()),
            true },
        // E20001 / E40021: Failed to compile Op [X]. (optype: [Y]) / (oppath: [p], optype: [Y])
        { QRegularExpression(
              QStringLiteral(
                  "Failed to compile Op \\[?(.+?)\\]?\\.?\\s*\\((?:[^)]*?,\\s*)?optype:\\s*\\[?([^\\]\\s,)]+)"),
              opts()),
            true },
        // E10501 / EZ0501: IR for Op X with optype Y is not registered.
        { QRegularExpression(
              QStringLiteral("IR for Op \\[?(.+?)\\]?,? with optype \\[?([^\\]\\s,]+?)\\]?,? is not registered"),
              opts()),
            true },
        // E13010: No operator plugin is registered for Op: X, optype: Y.
        { QRegularExpression(
              QStringLiteral(
                  "No operator plugin is registered for Op:?\\s*\\[?(.+?)\\]?,\\s*optype:?\\s*\\[?([^\\]\\s,]+)"),
              opts()),
            true },
        // W11001: Op [X] does not hit the high-priority operator information library
        { QRegularExpression(QStringLiteral("\\bOp \\[?(.+?)\\]? does not hit\\b"), opts()), false },
    };
    static const QList<QRegularExpression> typeOnly = {
        // E16002: No ONNX parser is registered for optype Y.
        QRegularExpression(QStringLiteral("No ONNX parser is registered for optype \\[?([^\\]\\s,]+)"), opts()),
        // EZ3002: Optype [Y] of Ops kernel [K] is unsupported.
        QRegularExpression(QStringLiteral("Optype \\[?([^\\]\\s,]+?)\\]? of Ops kernel"), opts()),
    };
    QList<OpRef> ops;
    for (const auto& [pattern, hasType] : patterns) {
        auto it = pattern.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            mergeOps(&ops, { makeOp(m.capturedView(1), hasType ? m.capturedView(2) : QStringView()) });
        }
    }
    for (const QRegularExpression& pattern : typeOnly) {
        auto it = pattern.globalMatch(text);
        while (it.hasNext())
            mergeOps(&ops, { makeOp(QStringView(), it.next().capturedView(1)) });
    }
    return ops;
}

void mergeOps(QList<OpRef>* to, const QList<OpRef>& from)
{
    for (const OpRef& op : from) {
        if ((!op.name.isEmpty() || !op.type.isEmpty()) && !to->contains(op))
            to->append(op);
    }
}

std::optional<PlogLine> parsePlogLine(QStringView line)
{
    static const QRegularExpression plog(
        QStringLiteral(
            "^\\[(ERROR|WARNING|WARN|INFO|DEBUG|EVENT|TRACE)\\]\\s*([A-Za-z][A-Za-z0-9_]*)\\((\\d+),([^)]*)\\):\\s*"
            "(\\d{4}-\\d\\d-\\d\\d-\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{3}){0,2})\\s*(?:\\[([^\\]]*)\\])?\\s*(.*)$"),
        opts());
    const QRegularExpressionMatch m = plog.match(line);
    if (!m.hasMatch())
        return std::nullopt;
    PlogLine p { m.captured(1), m.captured(2), m.captured(3), m.captured(4), m.captured(5), m.captured(6), {} };
    QStringView message = m.capturedView(7).trimmed();
    // GE repeats the pid (or thread id) in front of the text: "30741 ReportErrMessage: ...".
    if (message.startsWith(p.pid + QLatin1Char(' ')))
        message = message.sliced(p.pid.size() + 1);
    p.message = stripSourceLocation(message);
    return p;
}

bool isPythonExceptionLine(QStringView line)
{
    static const QRegularExpression exception(
        QStringLiteral("^[A-Za-z_][A-Za-z0-9_.]*(Error|Exception|Exit|Interrupt|Warning|StopIteration)(:.*)?$"),
        opts());
    return exception.match(line).hasMatch();
}

} // namespace wb::atclines
