// atcwb devices [--from-file F] [--json]: the NPUs `npu-smi info` reports, with the ATC --soc_version of each.
#include "commands.h"
#include "parsing/npusmi.h"
#include "parsing/parsingjson.h"
#include "parsing/parsingtext.h"
#include "remotecli.h"

#include "process/toolcapture.h"
#include <QCommandLineParser>
#include <QStandardPaths>

namespace wb::cli {

Result<QByteArray> readToolOutput(const QString& path); // explain.cpp

namespace {

constexpr int kDefaultTimeoutMs = 10000;

// Runs `npu-smi info` from PATH (no shell) and returns its stdout.
Result<QByteArray> runNpuSmi()
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("npu-smi"));
    if (program.isEmpty()) {
        return Error { QStringLiteral("tool_missing"),
            QStringLiteral(
                "npu-smi was not found on PATH; install the Ascend driver (it ships npu-smi) on a machine with an "
                "NPU, or use --from-file with saved `npu-smi info` output."),
            {} };
    }
    // WB_NPU_SMI_TIMEOUT_MS shortens the wait in tests.
    const int timeout = qEnvironmentVariableIsSet("WB_NPU_SMI_TIMEOUT_MS")
        ? qEnvironmentVariableIntValue("WB_NPU_SMI_TIMEOUT_MS")
        : kDefaultTimeoutMs;
    ToolInvocation invocation; // through ToolRunner, the one owner of child processes
    invocation.program = program;
    invocation.arguments = { QStringLiteral("info") };
    invocation.timeoutMs = timeout;
    const ToolCapture capture = runToCompletion(invocation);
    if (capture.result.kind == ToolResult::Kind::FailedToStart)
        return Error { QStringLiteral("tool_failed"),
            QStringLiteral("%1 could not be started: %2").arg(program, capture.result.errorString), {} };
    if (capture.result.kind == ToolResult::Kind::TimedOut)
        return Error { QStringLiteral("timeout"),
            QStringLiteral("%1 info did not finish within %2 ms.").arg(program).arg(timeout), {} };
    const QByteArray out = capture.out;
    if (!capture.result.ok()) {
        const QString detail = QString::fromUtf8(capture.err + out).trimmed();
        return Error { QStringLiteral("tool_failed"),
            QStringLiteral("%1 info failed (%2).").arg(program, describe(capture.result, QStringLiteral("npu-smi"))),
            detail };
    }
    return out;
}

} // namespace

int runDevices(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption fromFile(QStringLiteral("from-file"),
        QStringLiteral("Parse this saved `npu-smi info` output instead of running npu-smi."), QStringLiteral("FILE"));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"), QStringLiteral("Print one JSON object (the documented contract)."));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    const QCommandLineOption on(QStringLiteral("on"),
        QStringLiteral("The NPUs of this host (atcwb hosts add), through its probe."), QStringLiteral("HOST"));
    parser.addOptions({ fromFile, on, jsonOption, help });
    const bool json = args.contains(QStringLiteral("--json"));
    if (!parser.parse(QStringList { QStringLiteral("atcwb devices") } + args))
        return usageError(QStringLiteral("devices"), parser.errorText(), json);
    if (parser.isSet(help)) {
        printText(QStringLiteral("Usage: atcwb devices [--from-file FILE | --on HOST] [--json]\n\n")
            + parser.helpText().section(QLatin1Char('\n'), 2));
        return Ok;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return usageError(QStringLiteral("devices"),
            QStringLiteral("unexpected argument '%1' (use --from-file FILE)").arg(parser.positionalArguments().first()),
            json);
    }
    if (parser.isSet(on)) {
        if (parser.isSet(fromFile))
            return usageError(
                QStringLiteral("devices"), QStringLiteral("--on and --from-file exclude each other"), json);
        const Result<ProbedHost> probed = probeHostNamed(parser.value(on));
        if (!probed.ok())
            return inputError(probed.error(), json);
        const ProbeFacts& facts = probed.value().report.facts;
        if (!facts.npus) {
            const ProbeStep* step = probed.value().report.step(QStringLiteral("npus"));
            return inputError({ QStringLiteral("no_npu"),
                                  QStringLiteral("%1: %2%3")
                                      .arg(parser.value(on), step ? step->message : facts.npuSmiError,
                                          step && !step->fix.isEmpty() ? QStringLiteral(" ") + step->fix : QString()),
                                  {} },
                json);
        }
        if (json) {
            QJsonObject object = npuSmiToJson(*facts.npus);
            object.insert(QStringLiteral("host"), parser.value(on));
            printJson(object);
        } else {
            printText(QStringLiteral("Host %1 (%2):\n").arg(parser.value(on), probed.value().target.host.destination)
                + npuSmiToText(*facts.npus));
        }
        return Ok;
    }
    const bool fromSavedFile = parser.isSet(fromFile);
    const Result<QByteArray> output = fromSavedFile ? readToolOutput(parser.value(fromFile)) : runNpuSmi();
    if (!output.ok())
        return inputError(output.error(), json);
    const Result<NpuSmiInfo> info = parseNpuSmiInfo(output.value());
    if (!info.ok()) {
        const QString source = fromSavedFile ? parser.value(fromFile) : QStringLiteral("npu-smi info");
        return inputError({ info.error().code, QStringLiteral("%1: %2").arg(source, info.error().message), {} }, json);
    }
    json ? printJson(npuSmiToJson(info.value())) : printText(npuSmiToText(info.value()));
    return Ok;
}

namespace {
const bool devicesRegistered = registerCommand({ "devices", "devices [--from-file FILE | --on HOST] [--json]",
    "List the NPUs `npu-smi info` reports (health, power, temperature, AI Core, memory, HBM) with the\n"
    "ATC --soc_version of each chip; --from-file parses saved output instead, --on asks a host.",
    &runDevices, 41 });
} // namespace

} // namespace wb::cli
