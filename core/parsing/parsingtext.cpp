#include "parsing/parsingtext.h"

#include "run/latencystats.h"

#include <QStringList>

namespace wb {

namespace {

QString num(const std::optional<double>& v, const QString& unit = QString())
{
    return v ? QString::number(*v, 'g', 10) + unit : QStringLiteral("-");
}

QString pair(const std::optional<double>& used, const std::optional<double>& total)
{
    if (!used && !total)
        return QStringLiteral("-");
    return QStringLiteral("%1 / %2").arg(num(used), num(total));
}

QString summaryText(const LatencySummary& s)
{
    QStringList parts;
    const std::pair<const char*, const std::optional<double>*> fields[]
        = { { "min", &s.min }, { "mean", &s.mean }, { "median", &s.median }, { "p99", &s.p99 }, { "max", &s.max } };
    for (const auto& [name, value] : fields) {
        if (*value)
            parts.append(QStringLiteral("%1 %2").arg(QLatin1String(name), num(*value)));
    }
    return parts.isEmpty() ? QStringLiteral("not printed") : parts.join(QStringLiteral(", "));
}

QString pastedFormsText(const QStringList& forms)
{
    QStringList parts;
    for (const QString& form : forms) {
        if (form == QLatin1String("chat"))
            parts.append(QStringLiteral("chat prefixes ([10:32] name:)"));
        else if (form == QLatin1String("quote"))
            parts.append(QStringLiteral("quote markers (>)"));
        else if (form == QLatin1String("timestamp"))
            parts.append(QStringLiteral("timestamps"));
        else if (form == QLatin1String("fence"))
            parts.append(QStringLiteral("Markdown fences"));
        else
            parts.append(QStringLiteral("the added indentation"));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString atcNoProblemText(const AtcRun& run)
{
    if (run.keyLine <= 0)
        return {};
    const QString why = run.verdict == AtcVerdict::Failed
        ? QStringLiteral("the run failed, but no ATC message names the problem")
        : QStringLiteral("the text ends before ATC's final line and no ATC message names a problem");
    return QStringLiteral("No problem can be named: %1. The most likely key line (line %2):\n    %3\n")
        .arg(why)
        .arg(run.keyLine)
        .arg(run.keyText);
}

QString atcLogToText(const AtcLogResult& r)
{
    QString out = QStringLiteral("ATC verdict: %1 (stage: %2, %3 progress dots, %4 lines)\n")
                      .arg(atcVerdictName(r.verdict), atcStageName(r.stage))
                      .arg(r.progressDots)
                      .arg(r.lineCount);
    if (!r.pastedForms.isEmpty())
        out += QStringLiteral("Read as pasted text: took off %1.\n").arg(pastedFormsText(r.pastedForms));
    const bool several = r.runs.size() > 1;
    if (several) {
        out += QStringLiteral("%1 ATC runs in this text; the verdict is the last one's:\n").arg(r.runs.size());
        for (qsizetype i = 0; i < r.runs.size(); ++i) {
            const AtcRun& run = r.runs.at(i);
            out += QStringLiteral("  run %1, lines %2-%3: %4, %5 error(s)\n")
                       .arg(i + 1)
                       .arg(run.firstLine)
                       .arg(run.lastLine)
                       .arg(atcVerdictName(run.verdict))
                       .arg(run.errors);
        }
    }
    if (!r.runs.isEmpty())
        out += atcNoProblemText(r.runs.last());
    if (r.events.isEmpty())
        out += QStringLiteral("  No ATC messages found.\n");
    qsizetype run = -1;
    for (qsizetype i = 0; i < r.events.size(); ++i) {
        const AtcEvent& e = r.events.at(i);
        if (several) {
            qsizetype at = qMax<qsizetype>(run, 0);
            while (at < r.runs.size() && i >= r.runs.at(at).firstEvent + r.runs.at(at).eventCount)
                ++at;
            if (at != run && at < r.runs.size()) {
                run = at;
                const AtcRun& current = r.runs.at(run);
                out += QStringLiteral("\n-- run %1, lines %2-%3: %4 --\n")
                           .arg(run + 1)
                           .arg(current.firstLine)
                           .arg(current.lastLine)
                           .arg(atcVerdictName(current.verdict));
                if (run + 1 < r.runs.size())
                    out += atcNoProblemText(current);
            }
        }
        out += QStringLiteral("\nline %1  %2%3  %4\n")
                   .arg(e.line)
                   .arg(severityName(e.severity).toUpper(), e.code.isEmpty() ? QString() : QLatin1Char(' ') + e.code,
                       e.message);
        if (!e.cause.isEmpty())
            out += QStringLiteral("    Cause:    %1\n").arg(e.cause);
        if (!e.solution.isEmpty())
            out += QStringLiteral("    Solution: %1\n").arg(e.solution);
        if (!e.ops.isEmpty()) {
            QStringList ops;
            for (const OpRef& op : e.ops) {
                QString text = op.name.isEmpty() ? op.type : op.name;
                if (!op.name.isEmpty() && !op.type.isEmpty())
                    text += QStringLiteral(" (%1%2)").arg(
                        op.type, op.opset > 0 ? QStringLiteral(", opset %1").arg(op.opset) : QString());
                ops.append(text);
            }
            out += QStringLiteral("    Ops:      %1\n").arg(ops.join(QStringLiteral(", ")));
        }
        if (!e.cliHint.isEmpty()) // the command line's form: flags and commands, never a page
            out += QStringLiteral("    Hint:     %1\n").arg(e.cliHint);
    }
    return out;
}

QString runnerReportToText(const QString& kind, const RunnerReport& r)
{
    QString out = QStringLiteral("%1 output: %2\n")
                      .arg(kind, r.finished ? QStringLiteral("finished") : QStringLiteral("did not finish"));
    out += QStringLiteral("  Latency (ms):    %1\n").arg(summaryText(r.latency));
    if (r.meanWithoutFirstMs)
        out += QStringLiteral("  Mean without the first run: %1 ms\n").arg(num(r.meanWithoutFirstMs));
    if (!r.h2d.isEmpty())
        out += QStringLiteral("  H2D (ms):        %1\n").arg(summaryText(r.h2d));
    if (!r.d2h.isEmpty())
        out += QStringLiteral("  D2H (ms):        %1\n").arg(summaryText(r.d2h));
    if (const Result<LatencyStats> s = LatencyStats::compute(r.iterationsMs); s.ok()) {
        const LatencyStats& v = s.value();
        out += QStringLiteral("  Iterations:      %1 (min %2, median %3, p99 %4, max %5, stddev %6 ms)\n")
                   .arg(v.count)
                   .arg(num(v.min), num(v.median), num(v.p99), num(v.max), num(v.stddev));
    }
    out += QStringLiteral("  Throughput:      %1\n")
               .arg(r.throughput ? num(r.throughput) + QStringLiteral(" /s") : QStringLiteral("not printed"));
    QStringList devices;
    for (int id : r.devices)
        devices.append(QString::number(id));
    out += QStringLiteral("  Devices:         %1\n")
               .arg(devices.isEmpty() ? QStringLiteral("-") : devices.join(QStringLiteral(", ")));
    for (const QString& e : r.errors)
        out += QStringLiteral("  Error: %1\n").arg(e);
    return out;
}

QString npuSmiToText(const NpuSmiInfo& info)
{
    QString out;
    if (!info.toolVersion.isEmpty())
        out += QStringLiteral("npu-smi %1, driver %2\n")
                   .arg(info.toolVersion, info.driverVersion.isEmpty() ? QStringLiteral("?") : info.driverVersion);
    out += QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
               .arg(QStringLiteral("NPU"), -5)
               .arg(QStringLiteral("Chip"), -5)
               .arg(QStringLiteral("Name"), -8)
               .arg(QStringLiteral("SoC version"), -14)
               .arg(QStringLiteral("Health"), -8)
               .arg(QStringLiteral("Power W"), -8)
               .arg(QStringLiteral("Temp C"), -7)
               .arg(QStringLiteral("AICore %"), -9)
               .arg(QStringLiteral("Memory MB / HBM MB"));
    for (const NpuDevice& d : info.devices) {
        out += QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                   .arg(QString::number(d.npuId), -5)
                   .arg(d.chipId ? QString::number(*d.chipId) : QStringLiteral("-"), -5)
                   .arg(d.chipName, -8)
                   .arg(d.socVersion.isEmpty() ? QStringLiteral("?") : d.socVersion, -14)
                   .arg(d.health, -8)
                   .arg(num(d.powerW), -8)
                   .arg(num(d.temperatureC), -7)
                   .arg(num(d.aicorePercent), -9)
                   .arg(pair(d.memoryUsedMb, d.memoryTotalMb) + QStringLiteral("  ") + pair(d.hbmUsedMb, d.hbmTotalMb));
    }
    for (const NpuProcess& p : info.processes) {
        out += QStringLiteral("Process %1 (%2) on NPU %3: %4 MB\n")
                   .arg(p.pid)
                   .arg(p.name.isEmpty() ? QStringLiteral("no name") : p.name)
                   .arg(p.npuId)
                   .arg(num(p.memoryMb));
    }
    return out;
}

} // namespace wb
