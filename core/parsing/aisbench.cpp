#include "parsing/aisbench.h"

#include "parsing/lines.h"
#include "parsing/runnerlines_p.h"

#include <QRegularExpression>

namespace wb {

namespace {

// "min = 1, max = 2, mean = 1.5, median = 1.5, percentile(99%) = 2" (any subset, any order).
LatencySummary parseSummary(QStringView text)
{
    static const QRegularExpression pair(QStringLiteral("([A-Za-z]+(?:\\(\\d+(?:\\.\\d+)?%\\))?)\\s*=\\s*([^,\\s]+)"));
    LatencySummary s;
    auto it = pair.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QStringView key = m.capturedView(1);
        const std::optional<double> value = runnerlines::number(m.capturedView(2));
        if (key == QLatin1String("min"))
            s.min = value;
        else if (key == QLatin1String("max"))
            s.max = value;
        else if (key == QLatin1String("mean"))
            s.mean = value;
        else if (key == QLatin1String("median"))
            s.median = value;
        else if (key == QLatin1String("percentile(99%)"))
            s.p99 = value;
    }
    return s;
}

} // namespace

std::optional<double> AisBenchParser::feed(QStringView line)
{
    static const QRegularExpression summary(
        QStringLiteral("^(H2D_latency|NPU_compute_time|D2H_latency)\\s*\\(ms\\):(.*)$"));
    // 1. "throughput 1000*batchsize.mean(1)/NPU_compute_time.mean(2.45): 407.1"  (2023+)
    // 2. "throughput 1000*batchsize(1)/NPU_compute_time.mean(31.7): 31.5"         (2022)
    // 3. "throughput (1000*batchsize/NPU_compute_time): 171.5"                   (mid-2022 ais_infer)
    static const QRegularExpression throughput(QStringLiteral("^throughput\\b(.*):\\s*(\\S+)\\s*$"));
    static const QRegularExpression batchInThroughput(QStringLiteral("batchsize(?:\\.mean)?\\(([^)]+)\\)"));
    static const QRegularExpression summaryThroughput(QStringLiteral("^summary throughput:\\s*(\\S+)"));
    static const QRegularExpression deviceThroughput(
        QStringLiteral("^i:\\d+\\s+device_(\\d+)\\s+throughput:\\s*(\\S+)"));
    static const QRegularExpression batch(QStringLiteral("^try get model batchsize:\\s*(\\S+)"));
    static const QRegularExpression aclExec(QStringLiteral("^model aclExec cost\\s*:\\s*(\\S+)"));
    static const QRegularExpression energy(
        QStringLiteral("^NPU ID:\\s*(\\d+)\\s+energy consumption\\(J\\):\\s*(\\S+)"));

    QStringView text = line.trimmed();
    const QStringView tag = runnerlines::stripTag(&text);
    if (runnerlines::feedCommon(tag, text, &m_report))
        return std::nullopt;
    if (const QRegularExpressionMatch m = summary.match(text); m.hasMatch()) {
        const LatencySummary values = parseSummary(m.capturedView(2));
        const QStringView which = m.capturedView(1);
        if (which == QLatin1String("NPU_compute_time")) {
            m_report.latency = values;
            m_report.finished = true;
        } else if (which == QLatin1String("H2D_latency")) {
            m_report.h2d = values;
        } else {
            m_report.d2h = values;
        }
    } else if (const QRegularExpressionMatch t = throughput.match(text); t.hasMatch()) {
        m_report.throughput = runnerlines::number(t.capturedView(2));
        if (const QRegularExpressionMatch b = batchInThroughput.match(t.capturedView(1)); b.hasMatch())
            m_report.batchSize = runnerlines::number(b.capturedView(1));
    } else if (const QRegularExpressionMatch st = summaryThroughput.match(text); st.hasMatch()) {
        m_report.throughput = runnerlines::number(st.capturedView(1));
        m_report.finished = true;
    } else if (const QRegularExpressionMatch d = deviceThroughput.match(text); d.hasMatch()) {
        const int id = d.capturedView(1).toInt();
        runnerlines::addDevice(&m_report, id);
        if (const auto value = runnerlines::number(d.capturedView(2)))
            m_report.deviceThroughput.append({ id, *value });
    } else if (const QRegularExpressionMatch bs = batch.match(text); bs.hasMatch()) {
        m_report.batchSize = runnerlines::number(bs.capturedView(1));
    } else if (const QRegularExpressionMatch e = energy.match(text); e.hasMatch()) {
        m_report.energyJoules = runnerlines::number(e.capturedView(2));
    } else if (const QRegularExpressionMatch x = aclExec.match(text); x.hasMatch()) {
        const auto value = runnerlines::number(x.capturedView(1));
        if (value)
            m_report.iterationsMs.append(*value);
        return value;
    } else if (text.startsWith(QLatin1String("exception_cb"))) {
        m_report.errors.append(QStringLiteral("AI Core exception: ") + text.toString());
    }
    return std::nullopt;
}

RunnerReport parseAisBenchOutput(const QByteArray& text)
{
    AisBenchParser parser;
    for (const QByteArray& line : splitLines(text))
        parser.feed(QString::fromUtf8(line));
    return parser.report();
}

} // namespace wb
