// atcwb: the command-line twin of ATC Workbench. Same core, no window, stable JSON for scripts.
#include "commands.h"
#include "logging/logging.h"
#include "onnx/summaryjson.h"
#include "version.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace wb::cli {

namespace {

const char* const kUsage = R"(Usage: atcwb [--help] [--version] [--verbose] <command> [arguments]

ATC Workbench on the command line: inspect ONNX models for Ascend ATC conversion.

Commands:
  inspect MODEL [--input-shape SPEC] [--json]
                           Summarise a model: IR version, producer, opsets, inputs and outputs
                           with dtype and shape (dynamic dims marked), node and operator counts,
                           initializers, warnings. With --input-shape, also fix those inputs, run
                           shape inference and list every tensor's shape and those still dynamic.
  fix-shapes IN OUT --input-shape SPEC [--json]
                           Write a copy of IN with static input shapes and all inferred shapes.
  extract IN OUT --outputs T1,T2 [--inputs T3,...] [--json]
                           Write the sub-model computing T1,T2 from T3 (default: the model's
                           inputs), e.g. to move NMS post-processing out of the graph ATC sees.

SPEC uses ATC's --input_shape syntax: "a:1,3,224,224;b:1,10" (a scalar input is "name:").

Options:
  -h, --help               Show this help (or `atcwb <command> --help`).
  -v, --version            Show the version.
  --verbose                Log debug messages to stderr.

Exit status: 0 success, 1 bad input (the model cannot be read or is invalid), 2 bad usage.
With --json, failures print {"error": {"code": "...", "message": "..."}} on stdout.
)";

} // namespace

void printText(const QString& text, FILE* stream)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
    std::fflush(stream);
}

void printJson(const QJsonObject& object)
{
    printText(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
}

int usageError(const QString& command, const QString& message, bool json)
{
    const QString text = command.isEmpty() ? message : QStringLiteral("%1: %2").arg(command, message);
    if (json)
        printJson(errorToJson({ QStringLiteral("usage"), text, {} }));
    printText(QStringLiteral("atcwb: %1\nTry 'atcwb %2--help'.\n").arg(text, command.isEmpty() ? QString() : command + QLatin1Char(' ')),
        stderr);
    return BadUsage;
}

int inputError(const wb::Error& error, bool json)
{
    if (json)
        printJson(errorToJson(error));
    else
        printText(QStringLiteral("atcwb: %1\n").arg(error.message), stderr);
    return BadInput;
}

} // namespace wb::cli

int main(int argc, char* argv[])
{
    using namespace wb::cli;
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("atc-workbench"));
    QCoreApplication::setApplicationName(QStringLiteral("atcwb"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WB_VERSION));

    QStringList args = QCoreApplication::arguments().mid(1);
    const bool json = args.contains(QStringLiteral("--json"));
    const bool verbose = args.removeAll(QStringLiteral("--verbose")) > 0;
    // Logging goes to stderr only (never stdout, which carries results).
    wb::log::init({ {}, verbose });

    if (args.isEmpty()) {
        printText(QString::fromLatin1(kUsage), stderr);
        return BadUsage;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("-h") || command == QLatin1String("--help") || command == QLatin1String("help")) {
        printText(QString::fromLatin1(kUsage));
        return Ok;
    }
    if (command == QLatin1String("-v") || command == QLatin1String("--version")) {
        printText(QStringLiteral("atcwb %1\n").arg(QStringLiteral(WB_VERSION)));
        return Ok;
    }
    if (command == QLatin1String("inspect"))
        return runInspect(args);
    if (command == QLatin1String("fix-shapes"))
        return runFixShapes(args);
    if (command == QLatin1String("extract"))
        return runExtract(args);
    return usageError(QString(), QStringLiteral("unknown command '%1'").arg(command), json);
}
