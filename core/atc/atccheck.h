#pragma once

#include "atcfinding.h"
#include "invocation.h"
#include "util/result.h"

#include <QJsonObject>

namespace wb {

class OnnxModel;
struct AtcOptions;
struct AtcModelFacts;
struct AtcToolkit;

// Everything `atcwb check` and the conversion page show: the findings and the command they are about.
struct AtcCheckResult {
    QList<AtcFinding> findings; // errors first
    AtcInvocation invocation;
};

// validate() plus the rule that needs shape inference (dynamic_output: outputs that stay dynamic once the inputs
// are fixed, with the nodes where static shapes turn dynamic). Runs ONNX shape inference: call it off the GUI
// thread.
AtcCheckResult checkConversion(const AtcOptions& options, const OnnxModel& model, const AtcToolkit& toolkit);

// Fixes the inputs as the options would (each profile flag's first profile stands in for its -1s), infers shapes
// and reports outputs still dynamic (rule dynamic_output). Returns nothing when the options leave inputs dynamic
// (validate() reports that) or when inference fails (logged to wb.atc).
QList<AtcFinding> checkDynamicOutputs(const OnnxModel& model, const AtcModelFacts& facts, const AtcOptions& options);

// {"findings": [findingToJson...], "command": [program, args...]}: the `atcwb check --json` contract.
QJsonObject checkResultToJson(const AtcCheckResult& result);

// ATC's own pre-check report (--mode=3 writes check_result.json): {"name", "result": "success"|"failed", "total",
// "pass", "fail", "op": [{"name", "type": "ai.onnx::13::Resize", "result", "cause": [{"code", "message"}]}]}
// (layout of PreChecker::Save in Ascend/parser parser/common/pre_checker.cc; atc.md does not document it).
// One error finding (rule atc_precheck) per failed operator, or one info finding when everything passed.
// Errors: bad_check_report.
Result<QList<AtcFinding>> parsePrecheckReport(const QByteArray& json);
// Adds ATC's pre-check findings to ours. A node ATC rejects that one of our errors already names is not repeated:
// our finding gets "ATC's pre-check confirms this." instead.
QList<AtcFinding> mergePrecheckFindings(QList<AtcFinding> ours, const QList<AtcFinding>& precheck);

} // namespace wb
