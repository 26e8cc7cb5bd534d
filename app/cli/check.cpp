#include "atc/atccheck.h"
#include "atc/atcoptions.h"
#include "atc/atcprecheck.h"
#include "atc/invocation.h"
#include "atc/omname.h"
#include "atc/toolkit.h"
#include "commands.h"
#include "onnx/onnxmodel.h"
#include "onnx/shapespec.h"
#include "settings/settings.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <optional>

namespace wb::cli {

namespace {

constexpr int kMaxNodesShown = 8;

QString textReport(const AtcOptions& options, const AtcCheckResult& result, const AtcToolkit& toolkit)
{
    int errors = 0, warnings = 0;
    for (const AtcFinding& f : result.findings) {
        errors += f.severity == AtcSeverity::Error ? 1 : 0;
        warnings += f.severity == AtcSeverity::Warning ? 1 : 0;
    }
    QString out = QStringLiteral("Checked %1 for %2: %3 error(s), %4 warning(s)\n")
                      .arg(QDir::toNativeSeparators(options.model),
                          options.socVersion.isEmpty() ? QStringLiteral("(no SoC)") : options.socVersion)
                      .arg(errors)
                      .arg(warnings);
    for (const AtcFinding& finding : result.findings) {
        const AtcFinding f = findingForCli(finding); // flags and commands, never a page
        out += QStringLiteral("\n%1 %2%3\n    %4\n")
                   .arg(severityName(f.severity).toUpper(), -8)
                   .arg(f.rule, f.field.isEmpty() ? QString() : cliWording(QStringLiteral(" (--%1)").arg(f.field)),
                       f.message);
        if (!f.fix.isEmpty())
            out += QStringLiteral("    Fix: %1\n").arg(f.fix);
        if (!f.nodes.isEmpty()) {
            out += QStringLiteral("    Nodes: %1").arg(f.nodes.mid(0, kMaxNodesShown).join(QStringLiteral(", ")));
            if (f.nodes.size() > kMaxNodesShown)
                out += QStringLiteral(" (+%1 more)").arg(f.nodes.size() - kMaxNodesShown);
            out += QLatin1Char('\n');
        }
    }
    out += QStringLiteral("\nCommand:\n  %1\n").arg(renderCommandLine(result.invocation, true));
    if (toolkit.isValid()) // otherwise the toolkit_missing finding says so
        out += QStringLiteral("Toolkit: %1\n").arg(toolkitStatus(toolkit));
    return out;
}

// {"command": "atc … --mode=3 …", "result": "finished"|"exit_code"|…, "exit_code": N, "signal": N,
//  "duration_ms": N, "report_read": bool}
QJsonObject precheckToJson(const PrecheckOutcome& atc)
{
    return QJsonObject { { QStringLiteral("command"), atc.commandLine },
        { QStringLiteral("result"), kindCode(atc.result.kind) }, { QStringLiteral("exit_code"), atc.result.exitCode },
        { QStringLiteral("signal"), atc.result.signal }, { QStringLiteral("duration_ms"), atc.result.durationMs },
        { QStringLiteral("report_read"), atc.reportRead } };
}

QString precheckText(const PrecheckOutcome& atc)
{
    if (atc.commandLine.isEmpty())
        return QStringLiteral("ATC pre-check: not run\n");
    return QStringLiteral("ATC pre-check: %1 (%2)\n  %3\n")
        .arg(atc.reportRead ? QStringLiteral("report read") : QStringLiteral("no report"),
            describe(atc.result, QStringLiteral("atc")), atc.commandLine);
}

} // namespace

int runCheck(const QStringList& args)
{
    const QString usage = QStringLiteral(
        "check MODEL [--soc SOC] [--input-shape SPEC] [--recipe FILE] [--atc-precheck [--timeout SEC]] [--json]");
    QCommandLineParser parser;
    const QCommandLineOption json(
        QStringLiteral("json"), QStringLiteral("Print {\"findings\": [...], \"command\": [...]}."));
    const QCommandLineOption soc(
        QStringLiteral("soc"), QStringLiteral("Target SoC (--soc_version), e.g. Ascend310P3."), QStringLiteral("SOC"));
    const QCommandLineOption inputShape(QStringLiteral("input-shape"),
        QStringLiteral("--input_shape in ATC syntax, e.g. \"a:1,3,224,224;b:1,10\"."), QStringLiteral("SPEC"));
    const QCommandLineOption recipe(QStringLiteral("recipe"),
        QStringLiteral("ATC options saved by the app (JSON); --soc and --input-shape override it."),
        QStringLiteral("FILE"));
    const QCommandLineOption precheck(QStringLiteral("atc-precheck"),
        QStringLiteral("Also run ATC's own pre-check (atc --mode=3) and merge its check_result.json into the findings; "
                       "needs an installed toolkit."));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
        QStringLiteral("Stop the pre-check after SEC seconds (default 600; 0: no limit)."), QStringLiteral("SEC"),
        QStringLiteral("600"));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOptions({ json, soc, inputShape, recipe, precheck, timeout, help });
    parser.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The .onnx file to convert."));
    const bool wantJson = args.contains(QStringLiteral("--json"));
    const QString command = QStringLiteral("check");
    if (!parser.parse(QStringList { QStringLiteral("atcwb check") } + args))
        return usageError(command, parser.errorText(), wantJson);
    if (parser.isSet(help)) {
        printText(QStringLiteral("Usage: atcwb %1\n\n").arg(usage) + parser.helpText().section(QLatin1Char('\n'), 2)
            + QStringLiteral("\nExit status: 0 when no finding is an error, 1 otherwise (or when MODEL or the recipe "
                             "cannot be read), 2 bad usage.\n"));
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(command,
            positional.isEmpty() ? QStringLiteral("missing MODEL")
                                 : QStringLiteral("expected one MODEL, got %1").arg(positional.size()),
            wantJson);

    AtcOptions options;
    if (parser.isSet(recipe)) {
        Result<AtcOptions> loaded = loadRecipe(parser.value(recipe));
        if (!loaded.ok())
            return inputError(loaded.error(), wantJson);
        options = std::move(loaded).value();
        if (options.mode != AtcMode::Convert && options.mode != AtcMode::PreCheck)
            return usageError(command,
                QStringLiteral("the recipe is for ATC mode %1; check takes conversion recipes (mode 0 or 3)")
                    .arg(static_cast<int>(options.mode)),
                wantJson);
    }
    options.model = QFileInfo(positional.first()).absoluteFilePath();
    if (parser.isSet(soc))
        options.socVersion = parser.value(soc);
    if (parser.isSet(inputShape)) {
        const auto parsed = parseInputShapeSpec(parser.value(inputShape));
        if (!parsed.ok())
            return usageError(command, parsed.error().message, wantJson);
        options.inputShape = parser.value(inputShape);
    }
    if (options.output.isEmpty() && options.mode == AtcMode::Convert)
        options.output = defaultOmPath(options.model, options.socVersion); // what convert and the GUI would write
    const Result<OnnxModelPtr> model = OnnxModel::load(options.model);
    if (!model.ok())
        return inputError(model.error(), wantJson);

    const Settings settings(appSettingsFile());
    const AtcToolkit toolkit = discoverToolkit(ToolkitSearch::fromEnvironment(
        QProcessEnvironment::systemEnvironment(), settings.atcPath(), settings.toolkitHome()));
    AtcCheckResult result = checkConversion(options, *model.value(), toolkit);
    std::optional<PrecheckOutcome> atc;
    if (parser.isSet(precheck)) {
        bool ok = false;
        const int seconds = parser.value(timeout).toInt(&ok);
        constexpr int kWeek = 7 * 24 * 3600;
        if (!ok || seconds < 0 || seconds > kWeek)
            return usageError(
                command, QStringLiteral("--timeout takes whole seconds from 0 (no limit) to %1").arg(kWeek), wantJson);
        atc = runAtcPrecheck(options, toolkit, seconds);
        result.findings = mergePrecheckFindings(result.findings, atc->findings);
    } else if (parser.isSet(timeout)) {
        return usageError(command, QStringLiteral("--timeout applies to --atc-precheck only"), wantJson);
    }
    if (wantJson) {
        QJsonObject out = checkResultToJson(result);
        if (atc)
            out.insert(QStringLiteral("atc_precheck"), precheckToJson(*atc));
        printJson(out);
    } else if (atc) {
        printText(textReport(options, result, toolkit) + precheckText(*atc));
    } else
        printText(textReport(options, result, toolkit));
    return hasErrors(result.findings) ? BadInput : Ok;
}

namespace {
const bool registered = registerCommand(
    { "check", "check MODEL [--soc SOC] [--input-shape SPEC] [--recipe FILE] [--atc-precheck [--timeout SEC]] [--json]",
        "Check an ATC conversion before running it: flag rules, model inputs and dynamic dims, opsets and\n"
        "operators ATC has no parser for, outputs that stay dynamic; prints the findings (with fixes and\n"
        "node names) and the atc command. --atc-precheck also runs ATC's own pre-check (--mode=3) and\n"
        "merges its report. Exit 1 when any finding is an error.",
        &runCheck, 30 });
} // namespace

} // namespace wb::cli
