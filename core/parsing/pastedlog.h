#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace wb {

// A console log as it reaches us through an issue, a chat or an e-mail, with the wrapping taken off.
struct PastedLines {
    QList<QByteArray> lines; // one per input line, in order: line N here is line N of the input
    // What was removed, in this order, each at most once: "chat" (`[10:32] name: ` before a message),
    // "quote" (`> `, `>> `, `> > ` markers), "timestamp" (an ISO 8601 stamp such as a CI log's
    // `2025-06-16T13:02:36.8011360Z `), "fence" (Markdown ``` / ~~~ lines, also glued to a line), "indent" (the
    // indentation the paste added to every ATC line: 4 spaces, a tab). Empty for a plain console log.
    QStringList forms;
};

// Takes the wrapping a paste adds off every line, keeping one line per line so that line numbers still point
// into what the user pasted. Per line, from the outside in: a chat prefix, quote markers (with one blank after
// each), a leading ISO 8601 timestamp, then a Markdown fence (a fence line becomes empty; a fence glued to the
// start or end of a line is cut off). Then the indentation: when every line that starts an ATC message (a status
// sentence, an error code, `ERROR:`/`WARNING:`, a plog line, a Python traceback) starts with the same blanks, those
// blanks are removed from every line that starts with them — so continuation lines keep their own indentation
// and the user's own words around the paste stay as they are. A console log as ATC printed it has its messages at
// column 0 and comes back unchanged (bytes included), so this is safe to run on any ATC log. Pure; idempotent.
PastedLines unquotePastedLines(const QList<QByteArray>& lines);

} // namespace wb
