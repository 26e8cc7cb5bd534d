#pragma once

// Helpers for the parser tests: reading test data, feeding text in random chunks, golden text for ATC events.
#include "parsing/atclog.h"
#include "parsing/lines.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QStringList>

namespace wbtest {

inline QString dataPath(const QString& relative)
{
    return QStringLiteral(WB_TEST_DATA_DIR "/") + relative;
}

inline QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// Sample files in tests/data/<dir> matching `filters`, sorted (file names only).
inline QStringList dataFiles(const QString& dir, const QStringList& filters)
{
    return QDir(dataPath(dir)).entryList(filters, QDir::Files, QDir::Name);
}

// `data` cut into chunks of 1..maxChunk bytes; the same seed always gives the same cut.
inline QList<QByteArray> randomChunks(const QByteArray& data, quint32 seed, int maxChunk)
{
    QRandomGenerator random(seed);
    QList<QByteArray> chunks;
    qsizetype at = 0;
    while (at < data.size()) {
        const qsizetype size = qMin<qsizetype>(random.bounded(1, maxChunk + 1), data.size() - at);
        chunks.append(data.mid(at, size));
        at += size;
    }
    return chunks;
}

// Lines of `data` as a LineAssembler delivers them when the bytes arrive in random chunks.
inline QList<QByteArray> linesFromChunks(const QByteArray& data, quint32 seed, int maxChunk)
{
    wb::LineAssembler assembler;
    QList<QByteArray> lines;
    for (const QByteArray& chunk : randomChunks(data, seed, maxChunk))
        lines += assembler.push(chunk);
    if (auto last = assembler.finish())
        lines.append(*last);
    return lines;
}

// The ATC parser fed line by line from random chunks.
inline wb::AtcLogResult parseAtcChunked(const QByteArray& data, quint32 seed, int maxChunk)
{
    return wb::parseAtcLines(linesFromChunks(data, seed, maxChunk));
}

inline QString opText(const wb::OpRef& op)
{
    QString text = op.name.isEmpty() ? QStringLiteral("?") : op.name;
    if (!op.type.isEmpty())
        text += QStringLiteral(" : ") + op.type;
    if (!op.domain.isEmpty() || op.opset > 0)
        text += QStringLiteral(" (%1 opset %2)").arg(op.domain).arg(op.opset);
    return text;
}

// One readable line per event, continuation facts indented below it; hints by catalogue key (the wording of
// a hint may change without changing what the parser found).
inline QByteArray formatAtcGolden(const wb::AtcLogResult& r)
{
    QString out = QStringLiteral("# verdict: %1  stage: %2  progress dots: %3  lines: %4\n")
                      .arg(wb::atcVerdictName(r.verdict), wb::atcStageName(r.stage))
                      .arg(r.progressDots)
                      .arg(r.lineCount);
    // Lines that only a pasted log, several runs or an unnamed problem bring (a console log's golden has none).
    if (!r.pastedForms.isEmpty())
        out += QStringLiteral("# pasted: %1\n").arg(r.pastedForms.join(QStringLiteral(", ")));
    for (qsizetype i = 0; r.runs.size() > 1 && i < r.runs.size(); ++i) {
        const wb::AtcRun& run = r.runs.at(i);
        out += QStringLiteral("# run %1: lines %2-%3, %4, stage %5, %6 event(s), %7 error(s)\n")
                   .arg(i + 1)
                   .arg(run.firstLine)
                   .arg(run.lastLine)
                   .arg(wb::atcVerdictName(run.verdict), wb::atcStageName(run.stage))
                   .arg(run.eventCount)
                   .arg(run.errors);
    }
    for (const wb::AtcRun& run : r.runs) {
        if (run.keyLine > 0)
            out += QStringLiteral("# no problem named; key line L%1: %2\n").arg(run.keyLine).arg(run.keyText);
    }
    for (const wb::AtcEvent& e : r.events) {
        out += QStringLiteral("L%1 %2 %3").arg(e.line).arg(wb::severityName(e.severity), wb::atcEventKindName(e.kind));
        if (!e.code.isEmpty())
            out += QLatin1Char(' ') + e.code;
        if (!e.module.isEmpty())
            out += QStringLiteral(" module=") + e.module;
        if (!e.pid.isEmpty())
            out += QStringLiteral(" pid=") + e.pid;
        if (!e.timestamp.isEmpty())
            out += QStringLiteral(" time=") + e.timestamp;
        out += QStringLiteral(" | ") + e.message;
        out += QStringLiteral(" | hint=") + (e.hintKey.isEmpty() ? QStringLiteral("-") : e.hintKey) + QLatin1Char('\n');
        if (!e.cause.isEmpty())
            out += QStringLiteral("    cause: ") + e.cause + QLatin1Char('\n');
        if (!e.solution.isEmpty())
            out += QStringLiteral("    solution: ") + e.solution + QLatin1Char('\n');
        for (const QString& d : e.details)
            out += QStringLiteral("    detail: ") + d + QLatin1Char('\n');
        for (const wb::OpRef& op : e.ops)
            out += QStringLiteral("    op: ") + opText(op) + QLatin1Char('\n');
    }
    return out.toUtf8();
}

} // namespace wbtest
