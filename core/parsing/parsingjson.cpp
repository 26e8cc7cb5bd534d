#include "parsing/parsingjson.h"

#include "run/latencystats.h"

#include <QJsonArray>

namespace wb {

namespace {

QJsonValue orNull(const std::optional<double>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue orNull(const std::optional<int>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue orNull(const QString& s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

// Only the fields the output printed.
QJsonObject summaryToJson(const LatencySummary& s)
{
    QJsonObject o;
    const std::pair<const char*, const std::optional<double>*> fields[]
        = { { "min", &s.min }, { "max", &s.max }, { "mean", &s.mean }, { "median", &s.median }, { "p99", &s.p99 } };
    for (const auto& [name, value] : fields) {
        if (*value)
            o.insert(QLatin1String(name), **value);
    }
    return o;
}

QJsonArray numbers(const QList<double>& values)
{
    QJsonArray a;
    for (double v : values)
        a.append(v);
    return a;
}

} // namespace

QJsonObject atcEventToJson(const AtcEvent& e)
{
    QJsonArray ops;
    for (const OpRef& op : e.ops) {
        ops.append(QJsonObject { { QStringLiteral("name"), orNull(op.name) },
            { QStringLiteral("type"), orNull(op.type) }, { QStringLiteral("domain"), orNull(op.domain) },
            { QStringLiteral("opset"), op.opset > 0 ? QJsonValue(op.opset) : QJsonValue(QJsonValue::Null) } });
    }
    return QJsonObject {
        { QStringLiteral("severity"), severityName(e.severity) },
        { QStringLiteral("code"), orNull(e.code) },
        { QStringLiteral("message"), e.message },
        { QStringLiteral("cause"), orNull(e.cause) },
        { QStringLiteral("solution"), orNull(e.solution) },
        { QStringLiteral("details"), QJsonArray::fromStringList(e.details) },
        { QStringLiteral("ops"), ops },
        { QStringLiteral("hint"), orNull(e.cliHint) }, // JSON is the command line's: flags and commands
        { QStringLiteral("hint_key"), orNull(e.hintKey) },
        { QStringLiteral("line"), e.line },
        { QStringLiteral("kind"), atcEventKindName(e.kind) },
    };
}

namespace {

QJsonValue keyLineToJson(const AtcRun& run)
{
    if (run.keyLine <= 0)
        return QJsonValue::Null;
    return QJsonObject { { QStringLiteral("line"), run.keyLine }, { QStringLiteral("text"), run.keyText } };
}

} // namespace

QJsonObject atcLogToJson(const AtcLogResult& result)
{
    QJsonArray events;
    QJsonArray runs;
    for (qsizetype r = 0; r < result.runs.size(); ++r) {
        const AtcRun& run = result.runs.at(r);
        runs.append(QJsonObject {
            { QStringLiteral("run"), int(r + 1) },
            { QStringLiteral("first_line"), run.firstLine },
            { QStringLiteral("last_line"), run.lastLine },
            { QStringLiteral("verdict"), atcVerdictName(run.verdict) },
            { QStringLiteral("stage"), atcStageName(run.stage) },
            { QStringLiteral("progress_dots"), run.progressDots },
            { QStringLiteral("errors"), run.errors },
            { QStringLiteral("key_line"), keyLineToJson(run) },
        });
    }
    qsizetype run = 0;
    for (qsizetype i = 0; i < result.events.size(); ++i) {
        while (run < result.runs.size() && i >= result.runs.at(run).firstEvent + result.runs.at(run).eventCount)
            ++run;
        QJsonObject event = atcEventToJson(result.events.at(i));
        if (run < result.runs.size())
            event.insert(QStringLiteral("run"), int(run + 1));
        events.append(event);
    }
    return QJsonObject {
        { QStringLiteral("kind"), QStringLiteral("atc") },
        { QStringLiteral("verdict"), atcVerdictName(result.verdict) },
        { QStringLiteral("stage"), atcStageName(result.stage) },
        { QStringLiteral("progress_dots"), result.progressDots },
        { QStringLiteral("events"), events },
        { QStringLiteral("runs"), runs },
        { QStringLiteral("key_line"),
            result.runs.isEmpty() ? QJsonValue(QJsonValue::Null) : keyLineToJson(result.runs.last()) },
        { QStringLiteral("pasted"), QJsonArray::fromStringList(result.pastedForms) },
    };
}

QJsonObject runnerReportToJson(const QString& kind, const RunnerReport& r)
{
    QJsonObject latency = summaryToJson(r.latency);
    if (r.meanWithoutFirstMs)
        latency.insert(QStringLiteral("mean_without_first"), *r.meanWithoutFirstMs);
    QJsonArray devices;
    for (int id : r.devices)
        devices.append(id);
    QJsonObject o {
        { QStringLiteral("kind"), kind },
        { QStringLiteral("latency_ms"), latency },
        { QStringLiteral("iterations_ms"), numbers(r.iterationsMs) },
        { QStringLiteral("throughput"), orNull(r.throughput) },
        { QStringLiteral("devices"), devices },
        { QStringLiteral("errors"), QJsonArray::fromStringList(r.errors) },
        { QStringLiteral("finished"), r.finished },
        { QStringLiteral("batch_size"), orNull(r.batchSize) },
    };
    if (!r.h2d.isEmpty())
        o.insert(QStringLiteral("h2d_latency_ms"), summaryToJson(r.h2d));
    if (!r.d2h.isEmpty())
        o.insert(QStringLiteral("d2h_latency_ms"), summaryToJson(r.d2h));
    if (!r.deviceThroughput.isEmpty()) {
        QJsonArray perDevice;
        for (const auto& [id, value] : r.deviceThroughput)
            perDevice.append(QJsonObject { { QStringLiteral("device"), id }, { QStringLiteral("throughput"), value } });
        o.insert(QStringLiteral("device_throughput"), perDevice);
    }
    if (r.energyJoules)
        o.insert(QStringLiteral("energy_j"), *r.energyJoules);
    // Statistics of the printed per-iteration times (LatencyStats definitions), when there are any.
    if (const Result<LatencyStats> stats = LatencyStats::compute(r.iterationsMs); stats.ok())
        o.insert(QStringLiteral("iteration_stats_ms"), latencyStatsToJson(stats.value()));
    return o;
}

QJsonObject npuSmiToJson(const NpuSmiInfo& info)
{
    QJsonArray devices;
    for (const NpuDevice& d : info.devices) {
        devices.append(QJsonObject {
            { QStringLiteral("id"), d.npuId },
            { QStringLiteral("chip_id"), orNull(d.chipId) },
            { QStringLiteral("device_id"), orNull(d.deviceId) },
            { QStringLiteral("chip"), orNull(d.chipName) },
            { QStringLiteral("soc_version"), orNull(d.socVersion) },
            { QStringLiteral("health"), orNull(d.health) },
            { QStringLiteral("bus_id"), orNull(d.busId) },
            { QStringLiteral("power_w"), orNull(d.powerW) },
            { QStringLiteral("temp_c"), orNull(d.temperatureC) },
            { QStringLiteral("aicore_pct"), orNull(d.aicorePercent) },
            { QStringLiteral("memory_used_mb"), orNull(d.memoryUsedMb) },
            { QStringLiteral("memory_total_mb"), orNull(d.memoryTotalMb) },
            { QStringLiteral("hbm_used_mb"), orNull(d.hbmUsedMb) },
            { QStringLiteral("hbm_total_mb"), orNull(d.hbmTotalMb) },
            { QStringLiteral("hugepages_used"), orNull(d.hugepagesUsed) },
            { QStringLiteral("hugepages_total"), orNull(d.hugepagesTotal) },
        });
    }
    QJsonArray processes;
    for (const NpuProcess& p : info.processes) {
        processes.append(QJsonObject {
            { QStringLiteral("npu_id"), p.npuId },
            { QStringLiteral("chip_id"), orNull(p.chipId) },
            { QStringLiteral("pid"), p.pid },
            { QStringLiteral("name"), orNull(p.name) },
            { QStringLiteral("memory_mb"), orNull(p.memoryMb) },
        });
    }
    QJsonArray idle;
    for (int id : info.idleNpus)
        idle.append(id);
    return QJsonObject {
        { QStringLiteral("kind"), QStringLiteral("npu-smi") },
        { QStringLiteral("npu_smi_version"), orNull(info.toolVersion) },
        { QStringLiteral("driver_version"), orNull(info.driverVersion) },
        { QStringLiteral("devices"), devices },
        { QStringLiteral("processes"), processes },
        { QStringLiteral("idle_npus"), idle },
    };
}

QJsonObject latencyStatsToJson(const LatencyStats& s)
{
    return QJsonObject {
        { QStringLiteral("count"), s.count },
        { QStringLiteral("min"), s.min },
        { QStringLiteral("max"), s.max },
        { QStringLiteral("mean"), s.mean },
        { QStringLiteral("median"), s.median },
        { QStringLiteral("p90"), s.p90 },
        { QStringLiteral("p95"), s.p95 },
        { QStringLiteral("p99"), s.p99 },
        { QStringLiteral("stddev"), s.stddev },
    };
}

} // namespace wb
