// atcwb explain FILE [--kind atc|msame|ais-bench|npu-smi] [--json]: what a saved tool output says.
#include "commands.h"
#include "onnx/summaryjson.h"
#include "parsing/aisbench.h"
#include "parsing/atclog.h"
#include "parsing/logkind.h"
#include "parsing/msame.h"
#include "parsing/npusmi.h"
#include "parsing/parsingjson.h"
#include "parsing/parsingtext.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace wb::cli {

namespace {

constexpr qint64 kMaxBytes = 512LL * 1024 * 1024; // logs beyond this are not console output any more

const QString kKinds = QStringLiteral("atc, msame, ais-bench, npu-smi");

} // namespace

// Reads a saved tool output (shared with `atcwb devices --from-file`).
Result<QByteArray> readToolOutput(const QString& path)
{
    const QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(info.absoluteFilePath());
    if (!info.exists())
        return Error { QStringLiteral("not_found"), QStringLiteral("%1 does not exist.").arg(shown), {} };
    if (!info.isFile())
        return Error { QStringLiteral("not_a_file"), QStringLiteral("%1 is not a file.").arg(shown), {} };
    if (info.size() > kMaxBytes) {
        return Error { QStringLiteral("too_large"),
            QStringLiteral("%1 is %2 bytes; tool output larger than %3 bytes is not read.")
                .arg(shown)
                .arg(info.size())
                .arg(kMaxBytes),
            {} };
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("unreadable"),
            QStringLiteral("%1 cannot be read: %2").arg(shown, file.errorString()), {} };
    return file.readAll();
}

int runExplain(const QStringList& args)
{
    const QString usage = QStringLiteral("explain FILE [--kind atc|msame|ais-bench|npu-smi] [--json]");
    QCommandLineParser parser;
    const QCommandLineOption kindOption(QStringLiteral("kind"),
        QStringLiteral("Which tool wrote FILE: %1 (detected when omitted).").arg(kKinds), QStringLiteral("KIND"));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"), QStringLiteral("Print one JSON object (the documented contract)."));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOptions({ kindOption, jsonOption, help });
    parser.addPositionalArgument(
        QStringLiteral("FILE"), QStringLiteral("Saved console output of atc, msame, ais_bench or npu-smi info."));
    const bool json = args.contains(QStringLiteral("--json"));
    if (!parser.parse(QStringList { QStringLiteral("atcwb explain") } + args))
        return usageError(QStringLiteral("explain"), parser.errorText(), json);
    if (parser.isSet(help)) {
        printText(QStringLiteral("Usage: atcwb %1\n\n").arg(usage) + parser.helpText().section(QLatin1Char('\n'), 2));
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(QStringLiteral("explain"), QStringLiteral("missing FILE"), json);
    if (positional.size() > 1)
        return usageError(
            QStringLiteral("explain"), QStringLiteral("expected one FILE, got %1").arg(positional.size()), json);

    std::optional<LogKind> kind;
    if (parser.isSet(kindOption)) {
        kind = logKindFromName(parser.value(kindOption));
        if (!kind) {
            return inputError(
                { QStringLiteral("unknown_kind"),
                    QStringLiteral("Unknown kind '%1'; use one of %2.").arg(parser.value(kindOption), kKinds), {} },
                json);
        }
    }
    const Result<QByteArray> bytes = readToolOutput(positional.first());
    if (!bytes.ok())
        return inputError(bytes.error(), json);
    const QByteArray& text = bytes.value();
    if (!kind)
        kind = detectLogKind(text);
    if (!kind) {
        return inputError(
            { QStringLiteral("unknown_kind"),
                QStringLiteral("Cannot tell which tool wrote %1; pass --kind (%2).")
                    .arg(QDir::toNativeSeparators(QFileInfo(positional.first()).absoluteFilePath()), kKinds),
                {} },
            json);
    }

    switch (*kind) {
    case LogKind::Atc: {
        const AtcLogResult result = parseAtcLog(text);
        json ? printJson(atcLogToJson(result)) : printText(atcLogToText(result));
        return Ok;
    }
    case LogKind::Msame:
    case LogKind::AisBench: {
        const bool msame = *kind == LogKind::Msame;
        const RunnerReport report = msame ? parseMsameOutput(text) : parseAisBenchOutput(text);
        json ? printJson(runnerReportToJson(logKindName(*kind), report))
             : printText(runnerReportToText(logKindName(*kind), report));
        return Ok;
    }
    case LogKind::NpuSmi:
        break;
    }
    const Result<NpuSmiInfo> info = parseNpuSmiInfo(text);
    if (!info.ok())
        return inputError(
            { info.error().code, QStringLiteral("%1: %2").arg(positional.first(), info.error().message), {} }, json);
    json ? printJson(npuSmiToJson(info.value())) : printText(npuSmiToText(info.value()));
    return Ok;
}

namespace {
const bool explainRegistered
    = registerCommand({ "explain", "explain FILE [--kind atc|msame|ais-bench|npu-smi] [--json]",
        "Explain a saved tool output: ATC's verdict, errors with causes, nodes and what to do;\n"
        "msame/ais_bench latency and throughput; npu-smi devices. The kind is detected when omitted.",
        &runExplain, 40 });
} // namespace

} // namespace wb::cli
