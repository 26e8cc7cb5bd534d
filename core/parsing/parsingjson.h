#pragma once

// The `atcwb explain` / `atcwb devices` JSON contracts (documented in README.md).
#include "parsing/atclog.h"
#include "parsing/npusmi.h"
#include "parsing/runnerreport.h"

#include <QJsonObject>

namespace wb {

struct LatencyStats;

// {"kind": "atc", "verdict", "stage", "progress_dots", "events": [{"severity", "code" (or null), "message",
//  "cause", "solution", "details", "ops": [{"name", "type", "domain", "opset"}], "hint", "hint_key", "line",
//  "kind", "run"}], "runs": [{"run", "first_line", "last_line", "verdict", "stage", "progress_dots", "errors",
//  "key_line"}], "key_line" ({"line", "text"} when no error names the problem of the last run, else null),
//  "pasted" (the wrapping taken off a pasted log: "chat", "quote", "timestamp", "fence", "indent")}
// verdict, stage and progress_dots are the last run's. A result without runs (not from the parser) has none.
QJsonObject atcLogToJson(const AtcLogResult& result);
QJsonObject atcEventToJson(const AtcEvent& event);

// {"kind", "latency_ms": {min, max, mean, median, p99 as printed}, "iterations_ms", "throughput" (or null),
//  "devices", "errors", ...}; `kind` is "msame" or "ais-bench".
QJsonObject runnerReportToJson(const QString& kind, const RunnerReport& report);

// {"kind": "npu-smi", "npu_smi_version", "driver_version", "devices": [...], "processes": [...]}
QJsonObject npuSmiToJson(const NpuSmiInfo& info);

// {"count", "min", "max", "mean", "median", "p90", "p95", "p99", "stddev"}
QJsonObject latencyStatsToJson(const LatencyStats& stats);

} // namespace wb
