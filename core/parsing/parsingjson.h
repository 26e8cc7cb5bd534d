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
//  "kind"}]}
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
