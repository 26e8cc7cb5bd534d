#include "parsing/logkind.h"

#include "parsing/lines.h"
#include "parsing/pastedlog.h"

#include <QRegularExpression>

namespace wb {

QString logKindName(LogKind kind)
{
    switch (kind) {
    case LogKind::Atc:
        return QStringLiteral("atc");
    case LogKind::Msame:
        return QStringLiteral("msame");
    case LogKind::AisBench:
        return QStringLiteral("ais-bench");
    case LogKind::NpuSmi:
        break;
    }
    return QStringLiteral("npu-smi");
}

std::optional<LogKind> logKindFromName(const QString& name)
{
    for (LogKind kind : { LogKind::Atc, LogKind::Msame, LogKind::AisBench, LogKind::NpuSmi }) {
        if (name == logKindName(kind))
            return kind;
    }
    if (name == QLatin1String("ais_bench"))
        return LogKind::AisBench;
    return std::nullopt;
}

std::optional<LogKind> detectLogKind(const QByteArray& bytes)
{
    // A log pasted into an issue or a mail (quoted, re-indented, fenced) is recognised by the same lines.
    const QString text = QString::fromUtf8(unquotePastedLines(splitLines(bytes)).lines.join('\n'));
    static const QRegularExpression npuSmiHeader(
        QStringLiteral("^\\s*\\|\\s*NPU\\s+Name\\s*\\|\\s*Health"), QRegularExpression::MultilineOption);
    static const QRegularExpression aisBench(
        QStringLiteral(
            "NPU_compute_time \\(ms\\)|^(?:\\[INFO\\] )?throughput\\b|Performance Summary|ais_bench|ais_infer|"
            "try get model batchsize|Inference (?:array )?Processing"),
        QRegularExpression::MultilineOption);
    static const QRegularExpression msame(
        QStringLiteral("^Inference time:|^Inference average time|Execute sample success|Sample process failed|"
                       "Sample init resource failed|get input dynamic gear count success|\\bmsame\\b"),
        QRegularExpression::MultilineOption);
    static const QRegularExpression atc(
        QStringLiteral("ATC start working now|ATC run success|ATC run failed|\\batc\\.bin\\b|"
                       "^\\.*[EW][0-9A-Z][0-9]{4}:\\s|\\[FUNC:[^\\]\\n]*\\]\\s*\\[FILE:[^\\]\\n]*\\]\\s*\\[LINE:|"
                       "Failed to compile Op \\["),
        QRegularExpression::MultilineOption);
    if (npuSmiHeader.match(text).hasMatch())
        return LogKind::NpuSmi;
    // ATC's own sentences are unmistakable; check them before runner words an ATC log might quote.
    static const QRegularExpression atcSentence(QStringLiteral("ATC start working now|ATC run success|ATC run failed"));
    if (atcSentence.match(text).hasMatch())
        return LogKind::Atc;
    if (aisBench.match(text).hasMatch())
        return LogKind::AisBench;
    if (msame.match(text).hasMatch())
        return LogKind::Msame;
    if (atc.match(text).hasMatch())
        return LogKind::Atc;
    return std::nullopt;
}

} // namespace wb
