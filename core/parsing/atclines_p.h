#pragma once

// Line-level recognisers behind AtcLogParser (private to core/parsing).
#include "parsing/atclog.h"

#include <optional>

namespace wb::atclines {

// Removes TBE progress dots: a leading run of dots and a trailing " ...." run (3+ dots after a space).
// Returns how many dots were removed.
int stripProgressDots(QStringView* line);

struct CodeHeader {
    QString code;
    QString pid;
    QString timestamp;
    QString message;
};
// "E10007: [PID: 10490] 2025-03-18-09:02:18.501.341 text" -> one header; several "W11001: ..." messages on one
// line -> one header each. Empty when the line does not start with a code.
QList<CodeHeader> splitCodeHeaders(QStringView line);

// Drops a trailing "[FUNC:x][FILE:y][LINE:n]" (ATC's source location) and surrounding blanks.
QString stripSourceLocation(QStringView text);
// Whether `text` ends with ATC's "[FUNC:x][FILE:y][LINE:n]".
bool hasSourceLocation(QStringView text);

// The code whose sentence `text` holds when it is one of ATC's error sentences about an op ("Failed to compile Op
// [x]. (optype: [y])" -> "E20001", "No parser is registered for Op ..." -> "E19010", ...), else empty: the hint for
// such a line met without its header.
QString errorSentenceCode(QStringView text);

// Every op named in `text` by one of ATC's sentences (No parser is registered / No supported Ops kernel /
// does not hit / Failed to compile Op / IR for Op ... is not registered / No operator plugin / No ONNX parser).
QList<OpRef> extractOps(QStringView text);
// Appends the ops of `from` not yet in `to`.
void mergeOps(QList<OpRef>* to, const QList<OpRef>& from);

struct PlogLine {
    QString level; // ERROR, WARNING, WARN, INFO, DEBUG, EVENT, TRACE
    QString module;
    QString pid;
    QString process;
    QString timestamp;
    QString location;
    QString message;
};
// "[ERROR] GE(30741,atc.bin):2021-12-09-16:10:22.539.201 [error_manager.cc:263]30741 ReportErrMessage: ..."
std::optional<PlogLine> parsePlogLine(QStringView line);

// The last line of a Python traceback: "EOFError", "ModuleNotFoundError: No module named 'x'".
bool isPythonExceptionLine(QStringView line);

} // namespace wb::atclines
