#pragma once

#include "util/hintform.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace wb {

enum class AtcSeverity { Info, Warning, Error };

// One thing the checks found: what is wrong, where, and what to do about it. A value; the form shows it beside
// `field`, the graph view marks `nodes`, the CLI prints it.
struct AtcFinding {
    AtcSeverity severity = AtcSeverity::Error;
    QString rule; // stable id, e.g. "dynamic_exclusive" (see README.md)
    QString field; // the ATC flag it is about, without dashes ("input_shape"); empty for model-level findings
    QString message; // what is wrong, naming the flag, value or node
    QString fix; // what to do
    QStringList nodes; // ONNX node names (op_type#index for unnamed nodes) the finding is about
    QString atcError; // the ATC error it prevents, e.g. "E10009"; empty when ATC has no specific code
    // `fix` speaks to the GUI (pages, *Buttons*); cliFix is the command line's wording (`atcwb` commands) when it
    // differs, else empty. Callers pick one with fixFor().
    QString cliFix {};
    bool operator==(const AtcFinding&) const = default;
};

QString severityName(AtcSeverity severity); // "error", "warning", "info"
bool hasErrors(const QList<AtcFinding>& findings);
// Errors first, then warnings, then info; the order of the checks is kept within a severity.
QList<AtcFinding> sortedBySeverity(QList<AtcFinding> findings);

// The fix in the caller's words: the GUI's `fix`, or for the command line `cliFix` (else `fix`) with ATC's flags
// that atcwb spells its own way put in atcwb's spelling (cliWording).
QString fixFor(const AtcFinding& finding, HintForm form);
// ATC flags that atcwb check/convert take under their own names, in those names: --input_shape -> --input-shape,
// --soc_version -> --soc. Other flags (--input_shape_range, --out_nodes, ...) stay as ATC spells them.
QString cliWording(QString text);
// The finding as the command line prints it: message and fix in cliWording, fix in the CLI form, cliFix cleared.
AtcFinding findingForCli(AtcFinding finding);

// The `atcwb check --json` shape of one finding: {"severity", "rule", "message", "nodes", "fix"}, in the command
// line's words (findingForCli).
QJsonObject findingToJson(const AtcFinding& finding);

} // namespace wb
