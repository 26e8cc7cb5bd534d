#include "parsing/msame.h"

#include "parsing/lines.h"
#include "parsing/runnerlines_p.h"

#include <QRegularExpression>

namespace wb {

std::optional<double> MsameParser::feed(QStringView line)
{
    static const QRegularExpression iteration(QStringLiteral("^Inference time:\\s*(\\S+?)\\s*ms\\s*$"));
    static const QRegularExpression withoutFirst(
        QStringLiteral("^Inference average time without first time\\s*:\\s*(\\S+?)\\s*ms\\s*$"));
    // Loop mode: "Inference average time: %f ms"; directory mode: "Inference average time : %.2f ms".
    static const QRegularExpression average(QStringLiteral("^Inference average time\\s*:\\s*(\\S+?)\\s*ms\\s*$"));

    QStringView text = line.trimmed();
    const QStringView tag = runnerlines::stripTag(&text);
    if (runnerlines::feedCommon(tag, text, &m_report))
        return std::nullopt;
    if (tag == QLatin1String("INFO")) {
        // "[INFO] Execute sample success", "[INFO] pid: 42 Execute sample success", "... success." (older builds)
        if (text.contains(QLatin1String("Execute sample success")))
            m_report.finished = true;
        return std::nullopt;
    }
    if (const QRegularExpressionMatch m = iteration.match(text); m.hasMatch()) {
        const auto value = runnerlines::number(m.capturedView(1));
        if (value)
            m_report.iterationsMs.append(*value);
        return value;
    }
    if (const QRegularExpressionMatch m = withoutFirst.match(text); m.hasMatch()) {
        m_report.meanWithoutFirstMs = runnerlines::number(m.capturedView(1));
    } else if (const QRegularExpressionMatch a = average.match(text); a.hasMatch()) {
        m_report.latency.mean = runnerlines::number(a.capturedView(1));
    } else if (text == QLatin1String("Test Finish!")) {
        m_report.finished = true; // 2021 builds end with this line
    }
    return std::nullopt;
}

RunnerReport parseMsameOutput(const QByteArray& text)
{
    MsameParser parser;
    for (const QByteArray& line : splitLines(text))
        parser.feed(QString::fromUtf8(line));
    return parser.report();
}

} // namespace wb
