// atcwb: the command-line twin of ATC Workbench. Same core, no window, stable JSON for scripts.
#include "commands.h"
#include "logging/logging.h"
#include "onnx/summaryjson.h"
#include "version.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

#include <algorithm>
#include <vector>

namespace wb::cli {

namespace {

QString usageText()
{
    QString text = QStringLiteral("Usage: atcwb [--help] [--version] [--verbose] <command> [arguments]\n\n"
                                  "ATC Workbench on the command line: inspect ONNX models and prepare them for Ascend "
                                  "ATC conversion.\n\nCommands:\n");
    for (const Command& c : allCommands()) {
        text += QStringLiteral("  %1\n").arg(QString::fromUtf8(c.synopsis));
        for (const QString& line : QString::fromUtf8(c.description).split(QLatin1Char('\n')))
            text += QStringLiteral("      %1\n").arg(line);
    }
    text += QStringLiteral(
        "\nSPEC uses ATC's --input_shape syntax: \"a:1,3,224,224;b:1,10\" (a scalar input is \"name:\").\n\n"
        "Options:\n"
        "  -h, --help     Show this help (or `atcwb <command> --help`).\n"
        "  -v, --version  Show the version.\n"
        "  --verbose      Log debug messages to stderr.\n"
        "  --settings FILE  Use this INI file for settings (toolkit paths, hosts) instead of the app's, like\n"
        "                 `atc-workbench --settings FILE`.\n\n"
        "Exit status: 0 success, 1 bad input (a file cannot be read or is invalid), 2 bad usage.\n"
        "With --json, failures print {\"error\": {\"code\": \"...\", \"message\": \"...\"}} on stdout.\n");
    return text;
}

QString& settingsFileOverride()
{
    static QString file;
    return file;
}

std::vector<Command>& registry()
{
    static std::vector<Command> commands;
    return commands;
}

} // namespace

QString appSettingsFile()
{
    if (!settingsFileOverride().isEmpty())
        return settingsFileOverride();
    return QSettings(
        QSettings::NativeFormat, QSettings::UserScope, QStringLiteral("atc-workbench"), QStringLiteral("atc-workbench"))
        .fileName();
}

void setAppSettingsFile(const QString& file)
{
    settingsFileOverride() = file;
}

bool registerCommand(const Command& command)
{
    registry().push_back(command);
    return true;
}

const Command* findCommand(const QString& name)
{
    for (const Command& c : registry()) {
        if (name == QLatin1String(c.name))
            return &c;
    }
    return nullptr;
}

QList<Command> allCommands()
{
    QList<Command> list(registry().begin(), registry().end());
    std::sort(list.begin(), list.end(), [](const Command& a, const Command& b) {
        return a.order != b.order ? a.order < b.order : qstrcmp(a.name, b.name) < 0;
    });
    return list;
}

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

namespace {
bool g_verbose = false;
} // namespace

bool verboseRequested()
{
    return g_verbose;
}

int usageError(const QString& command, const QString& message, bool json)
{
    const QString text = command.isEmpty() ? message : QStringLiteral("%1: %2").arg(command, message);
    if (json)
        printJson(errorToJson({ QStringLiteral("usage"), text, {} }));
    printText(QStringLiteral("atcwb: %1\nTry 'atcwb %2--help'.\n")
                  .arg(text, command.isEmpty() ? QString() : command + QLatin1Char(' ')),
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
    g_verbose = verbose;
    // --settings FILE (or --settings=FILE), anywhere: the settings file for every command, as in the app.
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--settings")) {
            if (i + 1 >= args.size())
                return usageError(QString(), QStringLiteral("--settings needs a FILE"), json);
            setAppSettingsFile(QFileInfo(args.at(i + 1)).absoluteFilePath());
            args.remove(i, 2);
            --i;
        } else if (args.at(i).startsWith(QLatin1String("--settings="))) {
            setAppSettingsFile(QFileInfo(args.at(i).mid(11)).absoluteFilePath());
            args.remove(i);
            --i;
        }
    }
    // Logging goes to stderr only (never stdout, which carries results).
    wb::log::init({ {}, verbose });

    if (args.isEmpty()) {
        printText(usageText(), stderr);
        return BadUsage;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("-h") || command == QLatin1String("--help") || command == QLatin1String("help")) {
        printText(usageText());
        return Ok;
    }
    if (command == QLatin1String("-v") || command == QLatin1String("--version")) {
        printText(QStringLiteral("atcwb %1\n").arg(QStringLiteral(WB_VERSION)));
        return Ok;
    }
    if (const Command* c = findCommand(command))
        return c->run(args);
    return usageError(QString(), QStringLiteral("unknown command '%1'").arg(command), json);
}
