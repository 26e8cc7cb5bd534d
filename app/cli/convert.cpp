// `atcwb convert`: runs the ATC conversion(s) of a model through the conversion queue (README.md).
#include "atc/atccheck.h"
#include "atc/conversion.h"
#include "atc/conversionrecipe.h"
#include "atc/convertmanyreport.h"
#include "atc/omname.h"
#include "atc/toolkit.h"
#include "commands.h"
#include "eventout.h"
#include "onnx/onnxmodel.h"
#include "onnx/shapespec.h"
#include "onnx/summaryjson.h"
#include "parsing/parsingjson.h"
#include "process/runningtools.h"
#include "remotecli.h"
#include "settings/settings.h"
#include "stopsignals.h"
#include "util/safepath.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace wb::cli {

namespace {

constexpr int kInterrupted = 130;
constexpr int kStopGraceMs = 5000;
const QString kCommand = QStringLiteral("convert");

// The last line of every run: {"event": "result", "ok", "oms", "failed"} (+ "error", "interrupted").
int result(const EventOut& out, int code, const QStringList& oms, const QStringList& failed, const Error& error = {},
    bool interrupted = false)
{
    QJsonObject r { { QStringLiteral("ok"), code == Ok }, { QStringLiteral("oms"), QJsonArray::fromStringList(oms) },
        { QStringLiteral("failed"), QJsonArray::fromStringList(failed) } };
    if (!error.code.isEmpty())
        r.insert(QStringLiteral("error"), errorToJson(error).value(QStringLiteral("error")));
    if (interrupted)
        r.insert(QStringLiteral("interrupted"), true);
    out.event(QStringLiteral("result"), r);
    return code;
}

QString joinOps(const QList<OpRef>& ops)
{
    constexpr int kShown = 8;
    QStringList names;
    for (const OpRef& op : ops.mid(0, kShown))
        names.append(op.type.isEmpty()
                ? op.name
                : QStringLiteral("%1 (%2)").arg(op.name.isEmpty() ? QStringLiteral("?") : op.name, op.type));
    if (ops.size() > kShown)
        names.append(QStringLiteral("+%1 more").arg(ops.size() - kShown));
    return names.join(QStringLiteral(", "));
}

// Checks every planned job (the variants differ in --input_shape); prints errors and warnings once each.
bool checkJobs(const QList<ConversionJob>& jobs, const OnnxModel& model, const AtcToolkit& toolkit, const EventOut& out)
{
    QSet<QString> seen;
    bool errors = false;
    for (int i = 0; i < jobs.size(); ++i) {
        for (const AtcFinding& finding : checkConversion(jobs.at(i).options, model, toolkit).findings) {
            const AtcFinding f = findingForCli(finding); // atcwb's flags (--input-shape), never a page
            if (f.severity == AtcSeverity::Info || seen.contains(f.rule + f.field + f.message))
                continue;
            seen.insert(f.rule + f.field + f.message);
            errors = errors || f.severity == AtcSeverity::Error;
            if (out.json())
                out.event(QStringLiteral("finding"), findingToJson(f), i);
            else
                printText(QStringLiteral("%1 %2%3: %4%5\n")
                              .arg(severityName(f.severity).toUpper(), f.rule,
                                  f.field.isEmpty() ? QString() : cliWording(QStringLiteral(" (--%1)").arg(f.field)),
                                  f.message, f.fix.isEmpty() ? QString() : QStringLiteral("\n    Fix: ") + f.fix));
        }
    }
    return !errors;
}

// Where the run will write, before the checks and before anything is written: {"event": "plan", "output_folder",
// "folder_exists", "oms": [...]}, or the same as text.
void reportPlan(const QStringList& oms, const EventOut& out)
{
    const QString folder = oms.isEmpty() ? QString() : QFileInfo(oms.first()).absolutePath();
    const bool exists = QFileInfo(folder).isDir();
    if (out.json()) {
        out.event(QStringLiteral("plan"),
            { { QStringLiteral("output_folder"), folder }, { QStringLiteral("folder_exists"), exists },
                { QStringLiteral("oms"), QJsonArray::fromStringList(oms) } });
        return;
    }
    QString text = QStringLiteral("Writes to %1%2:\n")
                       .arg(QDir::toNativeSeparators(folder),
                           exists ? QString() : QStringLiteral(" (created when the run starts)"));
    for (const QString& om : oms)
        text += QStringLiteral("  %1\n").arg(QFileInfo(om).fileName());
    printText(text);
}

void connectReporting(ConversionQueue& queue, const EventOut& out, bool lines, int total)
{
    const auto tag = [total](int job) { return QStringLiteral("[%1/%2]").arg(job + 1).arg(total); };
    QObject::connect(&queue, &ConversionQueue::jobQueued, [&out](int job, const QString& om, qint64 batch) {
        if (out.json())
            out.event(QStringLiteral("job"),
                { { QStringLiteral("om"), om },
                    { QStringLiteral("batch"), batch >= 0 ? QJsonValue(batch) : QJsonValue() } },
                job);
    });
    QObject::connect(&queue, &ConversionQueue::jobStarted, [&out, tag](int job, const QString& command) {
        if (out.json())
            out.event(QStringLiteral("started"), { { QStringLiteral("command"), command } }, job);
        else
            printText(QStringLiteral("%1 %2\n").arg(tag(job), command));
    });
    if (lines) {
        QObject::connect(&queue, &ConversionQueue::lineReceived, [&out](int job, const QString& line) {
            if (out.json())
                out.event(QStringLiteral("line"), { { QStringLiteral("text"), line } }, job);
            else
                printText(QStringLiteral("  | %1\n").arg(line));
        });
    }
    QObject::connect(&queue, &ConversionQueue::stageChanged, [&out](int job, const QString& stage) {
        if (out.json())
            out.event(QStringLiteral("stage"), { { QStringLiteral("stage"), stage } }, job);
    });
    QObject::connect(&queue, &ConversionQueue::eventParsed, [&out, tag](int job, const AtcEvent& e) {
        if (!isAtcProblem(e)) // "ATC run failed": job_finished says it
            return;
        if (out.json()) {
            out.event(QStringLiteral("diagnostic"), atcEventToJson(e), job);
        } else if (e.severity == Severity::Error) {
            QString text = QStringLiteral("%1   %2%3\n")
                               .arg(tag(job), e.code.isEmpty() ? QString() : e.code + QStringLiteral(": "), e.message);
            if (!e.ops.isEmpty())
                text += QStringLiteral("        ops: %1\n").arg(joinOps(e.ops));
            if (!e.cliHint.isEmpty())
                text += QStringLiteral("        hint: %1\n").arg(e.cliHint);
            printText(text);
        }
    });
    QObject::connect(&queue, &ConversionQueue::jobFinished, [&out, tag](int job, const ConversionOutcome& o) {
        if (out.json()) {
            out.event(QStringLiteral("job_finished"),
                { { QStringLiteral("ok"), o.ok }, { QStringLiteral("om"), o.omPath },
                    { QStringLiteral("batch"), o.batch >= 0 ? QJsonValue(o.batch) : QJsonValue() },
                    { QStringLiteral("skipped_unchanged"), o.skippedUnchanged },
                    { QStringLiteral("duration_ms"), o.durationMs }, { QStringLiteral("verdict"), o.verdict },
                    { QStringLiteral("result"), kindCode(o.result.kind) },
                    { QStringLiteral("exit_code"), o.result.exitCode },
                    { QStringLiteral("failure"), o.ok ? QJsonValue() : QJsonValue(o.failure) },
                    { QStringLiteral("log"), o.logPath.isEmpty() ? QJsonValue() : QJsonValue(o.logPath) },
                    { QStringLiteral("recipe"), o.recipePath.isEmpty() ? QJsonValue() : QJsonValue(o.recipePath) } },
                job);
            return;
        }
        const QString seconds = QString::number(double(o.durationMs) / 1000.0, 'f', 1);
        if (o.skippedUnchanged)
            printText(
                QStringLiteral("%1 up to date: %2 (recipe unchanged; --force rebuilds)\n").arg(tag(job), o.omPath));
        else if (o.ok)
            printText(QStringLiteral("%1 OK in %2 s: %3\n").arg(tag(job), seconds, o.omPath));
        else
            printText(QStringLiteral("%1 FAILED: %2\n%3")
                          .arg(tag(job), o.failure,
                              o.logPath.isEmpty() ? QString() : QStringLiteral("        log: %1\n").arg(o.logPath)));
    });
}

} // namespace

int runConvert(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption soc(
        QStringLiteral("soc"), QStringLiteral("Target SoC (--soc_version), e.g. Ascend310P3."), QStringLiteral("SOC"));
    const QCommandLineOption inputShape(
        QStringLiteral("input-shape"), QStringLiteral("--input_shape in ATC syntax."), QStringLiteral("SPEC"));
    const QCommandLineOption batch(
        QStringLiteral("batch"), QStringLiteral("Batch sizes, e.g. 1,4,8: one OM each."), QStringLiteral("N,..."));
    const QCommandLineOption dynamic(
        QStringLiteral("dynamic-batch"), QStringLiteral("One OM with --dynamic_batch_size over the --batch sizes."));
    const QCommandLineOption output(
        QStringLiteral("output"), QStringLiteral("Output folder (default: the model's)."), QStringLiteral("DIR"));
    const QCommandLineOption name(
        QStringLiteral("name"), QStringLiteral("OM name without .om (default <model>_<soc>)."), QStringLiteral("NAME"));
    const QCommandLineOption atc(QStringLiteral("atc"),
        QStringLiteral("The atc to run (else discovered; with --on: the path on the host)."), QStringLiteral("PATH"));
    const QCommandLineOption on(QStringLiteral("on"),
        QStringLiteral("Convert on this host (atcwb hosts add): the model is uploaded, ATC runs there, the OM comes "
                       "back."),
        QStringLiteral("HOST"));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"), QStringLiteral("Stop a job after S seconds (0: never)."), QStringLiteral("S"));
    const QCommandLineOption parallel(QStringLiteral("parallel"),
        QStringLiteral("Jobs at once (default 1: ATC is memory hungry)."), QStringLiteral("N"));
    const QCommandLineOption force(QStringLiteral("force"), QStringLiteral("Rebuild OMs whose recipe is unchanged."));
    const QCommandLineOption lines(QStringLiteral("lines"), QStringLiteral("Also stream every ATC output line."));
    const QCommandLineOption json(
        QStringLiteral("json"), QStringLiteral("One JSON event per line, a result line last."));
    const QCommandLineOption recipe(QStringLiteral("recipe"),
        QStringLiteral("Run the conversion a recipe describes (e.g. one `convert-many --emit-jobs` wrote); writes "
                       "<om>.result.json beside the OM."),
        QStringLiteral("FILE"));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOptions({ soc, inputShape, batch, dynamic, output, name, atc, on, timeout, parallel, force, lines, json,
        recipe, help });
    parser.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The .onnx file to convert."));
    EventOut out(kCommand, args.contains(QStringLiteral("--json")),
        { { QStringLiteral("oms"), QJsonArray() }, { QStringLiteral("failed"), QJsonArray() } });
    if (!parser.parse(QStringList { QStringLiteral("atcwb convert") } + args))
        return out.usage(parser.errorText());
    if (parser.isSet(help)) {
        printText(
            QStringLiteral(
                "Usage: atcwb convert MODEL --soc SOC [--input-shape SPEC] [--batch 1,4,8 [--dynamic-batch]] "
                "[--output DIR] [--name NAME] [--atc PATH] [--on HOST] [--timeout S] [--parallel N] [--force] "
                "[--lines] [--json]\n       atcwb convert --recipe FILE [--atc PATH] [--timeout S] [--force] [--lines] "
                "[--json]\n\n")
            + parser.helpText().section(QLatin1Char('\n'), 2)
            + QStringLiteral("\nExit status: 0 when every requested OM was produced (or is up to date), 1 otherwise, "
                             "2 bad usage, 130 interrupted.\n"));
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    const bool fromRecipe = parser.isSet(recipe);
    if (fromRecipe) {
        for (const QCommandLineOption* o : { &soc, &inputShape, &batch, &dynamic, &output, &name }) {
            if (parser.isSet(*o))
                return out.usage(
                    QStringLiteral("--%1 cannot be used with --recipe: the recipe gives it").arg(o->names().first()));
        }
        if (!positional.isEmpty())
            return out.usage(QStringLiteral("--recipe converts the recipe's model: give no MODEL"));
    } else if (positional.size() != 1)
        return out.usage(positional.isEmpty() ? QStringLiteral("missing MODEL")
                                              : QStringLiteral("expected one MODEL, got %1").arg(positional.size()));
    if (!fromRecipe && (!parser.isSet(soc) || parser.value(soc).trimmed().isEmpty()))
        return out.usage(QStringLiteral("--soc is required (the SoC that will run the OM, e.g. Ascend310P3)"));
    ConversionRequest request;
    if (parser.isSet(inputShape)) {
        const auto parsed = parseInputShapeSpec(parser.value(inputShape));
        if (!parsed.ok())
            return out.usage(parsed.error().message);
        request.options.inputShape = parser.value(inputShape);
    }
    for (const QString& part : parser.value(batch).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 b = part.trimmed().toLongLong(&ok);
        if (!ok || b < 1)
            return out.usage(
                QStringLiteral("--batch takes whole numbers of at least 1, e.g. 1,4,8 (not '%1')").arg(part));
        request.batches.append(b);
    }
    if (parser.isSet(batch) && request.batches.isEmpty())
        return out.usage(QStringLiteral("--batch needs at least one batch size"));
    request.dynamicBatch = parser.isSet(dynamic);
    if (request.dynamicBatch && request.batches.isEmpty())
        return out.usage(QStringLiteral("--dynamic-batch needs --batch with the batch sizes"));
    bool ok = true;
    request.timeoutSec = parser.isSet(timeout) ? parser.value(timeout).toInt(&ok) : 0;
    if (!ok || request.timeoutSec < 0)
        return out.usage(QStringLiteral("--timeout takes whole seconds (0: no limit)"));
    request.parallelism = parser.isSet(parallel) ? parser.value(parallel).toInt(&ok) : 1;
    if (!ok || request.parallelism < 1)
        return out.usage(QStringLiteral("--parallel takes a number of jobs of at least 1"));
    request.force = parser.isSet(force);

    if (fromRecipe) {
        // The recipe is the whole conversion: model, output, SoC, shapes and every other flag.
        // A plain recipe or the one beside an OM (<om>.recipe.json, whose "build" part is not needed here).
        const Result<ConversionRecipe> loaded = loadConversionRecipe(parser.value(recipe));
        if (!loaded.ok())
            return out.input(loaded.error());
        request.options = loaded.value().options;
        const QString file = parser.value(recipe);
        if (request.options.mode != AtcMode::Convert)
            return out.input({ QStringLiteral("bad_recipe"),
                QStringLiteral("%1 is not a conversion recipe (its mode is %2, not 0).")
                    .arg(file)
                    .arg(int(request.options.mode)),
                {} });
        if (request.options.model.isEmpty() || request.options.socVersion.isEmpty())
            return out.input({ QStringLiteral("bad_recipe"),
                QStringLiteral("%1 gives no %2: a recipe to convert needs \"model\" and \"soc_version\".")
                    .arg(file,
                        request.options.model.isEmpty() ? QStringLiteral("model") : QStringLiteral("soc_version")),
                {} });
    }
    const QFileInfo modelFile(fromRecipe ? request.options.model : positional.first());
    const Result<OnnxModelPtr> model = OnnxModel::load(modelFile.absoluteFilePath());
    if (!model.ok())
        return out.input(model.error());
    request.model = model.value();
    request.options.model = modelFile.absoluteFilePath();
    if (!fromRecipe) {
        request.options.socVersion = parser.value(soc).trimmed();
        const QString folder
            = parser.isSet(output) ? QFileInfo(parser.value(output)).absoluteFilePath() : modelFile.absolutePath();
        const QString omName
            = parser.isSet(name) ? parser.value(name) : defaultOmName(modelFile.filePath(), request.options.socVersion);
        if (const QString problem = plainFileNameProblem(
                omName, parser.isSet(name) ? QStringLiteral("--name") : QStringLiteral("The OM name"));
            !problem.isEmpty())
            return out.usage(problem);
        request.options.output = QDir(folder).filePath(omName);
    }
    // The output folder is created when the run starts (after the checks pass), not before: a refused run leaves
    // nothing behind. The checks accept a folder that does not exist yet when its parent is writable.

    if (parser.isSet(on)) {
        out.setHost(parser.value(on));
        const Result<ProbedHost> probed = probeHostNamed(parser.value(on));
        if (!probed.ok())
            return out.input(probed.error());
        const ProbeFacts& facts = probed.value().report.facts;
        const QString hostAtc = parser.isSet(atc) ? parser.value(atc) : facts.atcPath;
        if (hostAtc.isEmpty()) {
            const ProbeStep* step = probed.value().report.step(QStringLiteral("toolkit"));
            return out.input({ QStringLiteral("toolkit_missing"),
                QStringLiteral("%1 has no ATC: %2 %3")
                    .arg(parser.value(on), step ? step->message : QString(), step ? step->fix : QString()),
                {} });
        }
        request.toolkit.atcPath = hostAtc;
        request.toolkit.home = facts.toolkitHome;
        request.toolkit.version = facts.toolkitVersion;
        request.toolkit.socVersions = facts.socVersions;
        request.toolkit.setEnvScript = facts.envScript;
        request.toolkit.source = QStringLiteral("host %1").arg(parser.value(on));
        request.remote = std::make_shared<RemoteTarget>(probed.value().target);
    } else {
        const QString atcPath = parser.isSet(atc) ? QFileInfo(parser.value(atc)).absoluteFilePath()
                                                  : Settings(appSettingsFile()).atcPath();
        if (parser.isSet(atc) && !QFileInfo(atcPath).isExecutable())
            return out.input({ QStringLiteral("toolkit_missing"),
                QStringLiteral("--atc %1 is not an executable file.").arg(atcPath), {} });
        request.toolkit = discoverToolkit(ToolkitSearch::fromEnvironment(QProcessEnvironment::systemEnvironment(),
            atcPath, parser.isSet(atc) ? QString() : Settings(appSettingsFile()).toolkitHome()));
        if (!request.toolkit.isValid())
            return out.input({ QStringLiteral("toolkit_missing"),
                QStringLiteral("No ATC found (looked in: %1). Pass --atc PATH, or: %2")
                    .arg(request.toolkit.searched.join(QStringLiteral(", ")), toolkitHowTo(HintForm::Cli)),
                {} });
    }

    const Result<QList<ConversionJob>> jobs = planConversionJobs(request);
    if (!jobs.ok())
        return out.input(jobs.error());
    QStringList planned;
    for (const ConversionJob& job : jobs.value())
        planned.append(job.omPath);
    reportPlan(planned, out);
    if (!checkJobs(jobs.value(), *model.value(), request.toolkit, out)) {
        printText(
            QStringLiteral("atcwb: not converting: the checks above found errors (see `atcwb check`).\n"), stderr);
        return result(out, BadInput, {}, planned,
            { QStringLiteral("check_failed"), QStringLiteral("The conversion checks found errors."), {} });
    }

    ConversionQueue queue;
    connectReporting(queue, out, parser.isSet(lines), int(jobs.value().size()));
    QEventLoop loop;
    QObject::connect(&queue, &ConversionQueue::finished, &loop, &QEventLoop::quit);
    StopSignals stopSignals;
    int stoppedBy = 0;
    if (stopSignals.notifier()) {
        QObject::connect(stopSignals.notifier(), &QSocketNotifier::activated, [&] {
            stoppedBy = StopSignals::take();
            queue.shutdown(kStopGraceMs); // drops queued jobs, stops running ones; finished() quits the loop
            RunningTools::shutdownAll(0);
        });
    }
    queue.start(request);
    if (queue.isRunning())
        loop.exec();

    QStringList produced, failed;
    for (const ConversionOutcome& o : queue.outcomes())
        (o.ok ? produced : failed).append(o.omPath);
    if (fromRecipe) { // <om>.result.json: what `convert-many --collect` merges into its report
        const QList<ConversionJob> ran = queue.jobs();
        const QList<ConversionOutcome> outcomes = queue.outcomes();
        for (int i = 0; i < ran.size() && i < outcomes.size(); ++i) {
            BatchJob job;
            job.name = ran.at(i).name;
            job.soc = request.options.socVersion;
            job.batch = ran.at(i).batch;
            job.job = ran.at(i);
            const BatchJobResult result = batchJobResult(job, request.options.model, outcomes.at(i));
            if (const Result<bool> written = writeBatchJobResult(result, resultPathFor(ran.at(i).omPath));
                !written.ok())
                printText(QStringLiteral("atcwb: %1\n").arg(written.error().message), stderr);
        }
    }
    if (!out.json())
        printText(QStringLiteral("Produced %1 of %2 OM(s).\n").arg(produced.size()).arg(queue.jobCount()));
    if (stoppedBy != 0)
        return result(out, kInterrupted, produced, failed,
            { QStringLiteral("interrupted"), QStringLiteral("Stopped by signal %1.").arg(stoppedBy), {} }, true);
    return result(out, failed.isEmpty() ? Ok : BadInput, produced, failed);
}

namespace {
const bool registered = registerCommand({ "convert",
    "convert MODEL --soc SOC [--input-shape SPEC] [--batch 1,4,8 [--dynamic-batch]] [--output DIR] [--atc PATH] "
    "[--on HOST] [--timeout S] [--json] | convert --recipe FILE",
    "Convert MODEL to OM with ATC after the checks of `atcwb check`: one OM, one per batch size, or one\n"
    "dynamic-batch OM. Each job runs in a staging folder; the OM, its recipe and its ATC log land beside\n"
    "each other only on success. Exit 0 only when every requested OM was produced. --recipe FILE runs\n"
    "the conversion a recipe describes (one job of `convert-many --emit-jobs`) and writes <om>.result.json.",
    &runConvert, 40 });
} // namespace

} // namespace wb::cli
