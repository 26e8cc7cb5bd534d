// `atcwb convert-many`: many models x SoCs x batch sizes through one queue, or emitted as one recipe per job for a
// scheduler, and the report (README.md "Converting many models").
#include "atc/convertmany.h"
#include "atc/convertmanyqueue.h"
#include "atc/convertmanyreport.h"
#include "atc/convertmanyscan.h"
#include "atc/convertmanysettings.h"
#include "atc/toolkit.h"
#include "commands.h"
#include "eventout.h"
#include "onnx/summaryjson.h"
#include "process/runningtools.h"
#include "settings/settings.h"
#include "stopsignals.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <algorithm>

namespace wb::cli {

namespace {

constexpr int kInterrupted = 130;
constexpr int kStopGraceMs = 5000;
const QString kCommand = QStringLiteral("convert-many");

QJsonObject rowToJson(const BatchModelRow& row)
{
    QJsonArray findings;
    for (const AtcFinding& f : row.findings)
        findings.append(findingToJson(f));
    return { { QStringLiteral("name"), row.name }, { QStringLiteral("path"), row.path },
        { QStringLiteral("size"), row.size }, { QStringLiteral("loaded"), row.loaded() },
        { QStringLiteral("load_error"), row.loadError.isEmpty() ? QJsonValue() : QJsonValue(row.loadError) },
        { QStringLiteral("opsets"), QJsonArray::fromStringList(row.opsets) },
        { QStringLiteral("inputs"), QJsonArray::fromStringList(row.inputs) },
        { QStringLiteral("dynamic_dims"), QJsonArray::fromStringList(row.dynamicDims) },
        { QStringLiteral("proposed_input_shape"), row.proposedShape },
        { QStringLiteral("missing"), QJsonArray::fromStringList(row.missing) },
        { QStringLiteral("findings"), findings }, { QStringLiteral("prechecked"), row.prechecked },
        { QStringLiteral("ready"), row.ready() } };
}

QString rowText(const BatchModelRow& row)
{
    if (!row.loaded())
        return QStringLiteral("  %1: does not load: %2\n").arg(row.name, row.loadError);
    QString text = QStringLiteral("  %1: %2 KiB, %3, inputs %4%5\n")
                       .arg(row.name)
                       .arg(row.size / 1024)
                       .arg(row.opsets.join(QStringLiteral(", ")), row.inputs.join(QStringLiteral("; ")),
                           row.proposedShape.isEmpty() ? QString() : QStringLiteral(" -> ") + row.proposedShape);
    for (const QString& m : row.missing)
        text += QStringLiteral("      needs a value: %1\n").arg(m);
    for (const AtcFinding& f : row.findings) {
        if (f.severity == AtcSeverity::Error)
            text += QStringLiteral("      ERROR %1: %2\n").arg(f.rule, f.message);
    }
    return text;
}

Result<QHash<QString, qint64>> parseDims(const QStringList& values)
{
    QHash<QString, qint64> dims;
    for (const QString& v : values) {
        const qsizetype eq = v.lastIndexOf(QLatin1Char('='));
        bool ok = false;
        const qint64 n = eq > 0 ? v.mid(eq + 1).trimmed().toLongLong(&ok) : 0;
        if (eq <= 0 || !ok || n < 1)
            return Error { QStringLiteral("usage"),
                QStringLiteral("--dim takes NAME=VALUE with a whole VALUE of at least 1, e.g. sequence_length=128 "
                               "(not '%1')")
                    .arg(v),
                {} };
        dims.insert(v.left(eq).trimmed(), n);
    }
    return dims;
}

int printReport(const QList<BatchJobResult>& results, const QString& outputFolder, const QString& htmlPath,
    const EventOut& out, int stoppedBy)
{
    const Result<QStringList> written = writeBatchReport(results, outputFolder, htmlPath);
    if (!written.ok())
        return out.input(written.error());
    const BatchSummary s = summarizeBatch(results);
    QJsonArray perSoc;
    for (const auto& [soc, c] : s.perSoc) {
        out.text(QStringLiteral("%1: %2 converted, %3 up to date, %4 failed, %5 skipped of %6\n")
                     .arg(soc)
                     .arg(c.converted)
                     .arg(c.upToDate)
                     .arg(c.failed)
                     .arg(c.skipped)
                     .arg(c.total));
    }
    out.text(QStringLiteral("Report: %1\n").arg(written.value().join(QStringLiteral(", "))));
    const bool ok = s.all.failed == 0 && s.all.skipped == 0 && stoppedBy == 0;
    out.event(QStringLiteral("result"),
        { { QStringLiteral("ok"), ok },
            { QStringLiteral("summary"), batchReportToJson(results, outputFolder).value(QStringLiteral("summary")) },
            { QStringLiteral("report"), QJsonArray::fromStringList(written.value()) },
            { QStringLiteral("interrupted"), stoppedBy != 0 } });
    return stoppedBy != 0 ? kInterrupted : ok ? Ok : BadInput;
}

} // namespace

int runConvertMany(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption soc(QStringLiteral("soc"),
        QStringLiteral("SoCs, e.g. Ascend310P3,Ascend310B1: one OM each."), QStringLiteral("A,B"));
    const QCommandLineOption batch(
        QStringLiteral("batch"), QStringLiteral("Batch sizes, e.g. 1,4,8: one OM each."), QStringLiteral("N,..."));
    const QCommandLineOption templ(QStringLiteral("template"),
        QStringLiteral("A recipe with the other ATC options (its model, output and input_shape are not used)."),
        QStringLiteral("RECIPE"));
    const QCommandLineOption dim(QStringLiteral("dim"),
        QStringLiteral("A value for every dynamic dim of that name (or INPUT[INDEX]=VALUE); repeatable."),
        QStringLiteral("NAME=VALUE"));
    const QCommandLineOption jobs(QStringLiteral("jobs"),
        QStringLiteral("ATC processes at once (default: the convertMany/jobs setting, 2); the memory bound may "
                       "allow fewer."),
        QStringLiteral("N"));
    const QCommandLineOption memory(QStringLiteral("memory-per-job"),
        QStringLiteral("MiB one job is assumed to need (default: 2048 + 8 x model size)."), QStringLiteral("MIB"));
    const QCommandLineOption atc(
        QStringLiteral("atc"), QStringLiteral("The atc to run (else discovered)."), QStringLiteral("PATH"));
    const QCommandLineOption output(QStringLiteral("output"),
        QStringLiteral("Output folder for OMs, recipes, logs and the report (default ./convert-many)."),
        QStringLiteral("DIR"));
    const QCommandLineOption report(
        QStringLiteral("report"), QStringLiteral("Also write the HTML report here."), QStringLiteral("FILE.html"));
    const QCommandLineOption emitJobs(QStringLiteral("emit-jobs"),
        QStringLiteral("Write one recipe per job and a manifest into DIR; run nothing."), QStringLiteral("DIR"));
    const QCommandLineOption collect(QStringLiteral("collect"),
        QStringLiteral("Merge the results of emitted jobs (DIR holds manifest.json) into the report."),
        QStringLiteral("DIR"));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"), QStringLiteral("Stop a job after S seconds (0: never)."), QStringLiteral("S"));
    const QCommandLineOption precheck(
        QStringLiteral("precheck"), QStringLiteral("Also run ATC's own pre-check (--mode=3) on every model."));
    const QCommandLineOption force(QStringLiteral("force"), QStringLiteral("Rebuild OMs whose recipe is unchanged."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON event per line, a result last."));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOptions({ soc, batch, templ, dim, jobs, memory, atc, output, report, emitJobs, collect, timeout, precheck,
        force, json, help });
    parser.addPositionalArgument(QStringLiteral("DIR|MODEL"),
        QStringLiteral("Folders (searched recursively) and "
                       ".onnx files."));
    const EventOut out(kCommand, args.contains(QStringLiteral("--json")));
    if (!parser.parse(QStringList { QStringLiteral("atcwb convert-many") } + args))
        return out.usage(parser.errorText());
    if (parser.isSet(help)) {
        printText(QStringLiteral("Usage: atcwb convert-many DIR|MODEL... --soc A[,B] [--batch 1,4,8] [--template "
                                 "RECIPE] [--dim NAME=VALUE ...] [--jobs N] [--atc PATH] [--output DIR] [--report "
                                 "FILE.html] [--json]\n"
                                 "       atcwb convert-many ... --emit-jobs DIR\n"
                                 "       atcwb convert-many --collect DIR [--report FILE.html] [--json]\n\n")
            + parser.helpText().section(QLatin1Char('\n'), 2)
            + QStringLiteral("\nExit status: 0 when every job converted (or was up to date), 1 when one failed or "
                             "could not run, 2 bad usage, 130 interrupted.\n"));
        return Ok;
    }

    if (parser.isSet(collect)) {
        if (!parser.positionalArguments().isEmpty() || parser.isSet(emitJobs))
            return out.usage(QStringLiteral("--collect DIR takes no models and no --emit-jobs"));
        const QString dir = QFileInfo(parser.value(collect)).absoluteFilePath();
        const Result<QList<BatchJobResult>> results = collectBatchResults(dir);
        if (!results.ok())
            return out.input(results.error());
        QString folder = parser.isSet(output) ? QFileInfo(parser.value(output)).absoluteFilePath() : QString();
        if (folder.isEmpty()) {
            QFile file(QDir(dir).filePath(QStringLiteral("manifest.json")));
            if (file.open(QIODevice::ReadOnly))
                folder = QJsonDocument::fromJson(file.readAll())
                             .object()
                             .value(QStringLiteral("output_folder"))
                             .toString();
        }
        return printReport(results.value(), folder.isEmpty() ? dir : folder, parser.value(report), out, 0);
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return out.usage(QStringLiteral("give the models: folders (searched recursively) or .onnx files"));
    BatchTemplate batchTemplate;
    if (parser.isSet(templ)) {
        const Result<AtcOptions> loaded = loadRecipe(parser.value(templ));
        if (!loaded.ok())
            return out.input(loaded.error());
        batchTemplate.options = loaded.value();
    }
    for (const QString& s : parser.value(soc).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!batchTemplate.socs.contains(s.trimmed()))
            batchTemplate.socs.append(s.trimmed());
    }
    if (batchTemplate.socs.isEmpty() && !batchTemplate.options.socVersion.isEmpty())
        batchTemplate.socs.append(batchTemplate.options.socVersion);
    if (batchTemplate.socs.isEmpty())
        return out.usage(QStringLiteral("--soc is required (the SoCs that will run the OMs, e.g. "
                                        "Ascend310P3,Ascend310B1), or a --template recipe that gives soc_version"));
    for (const QString& part : parser.value(batch).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 b = part.trimmed().toLongLong(&ok);
        if (!ok || b < 1)
            return out.usage(
                QStringLiteral("--batch takes whole numbers of at least 1, e.g. 1,4,8 (not '%1')").arg(part));
        if (!batchTemplate.batches.contains(b))
            batchTemplate.batches.append(b);
    }
    const Result<QHash<QString, qint64>> dims = parseDims(parser.values(dim));
    if (!dims.ok())
        return out.usage(dims.error().message);
    batchTemplate.dims = dims.value();
    const QString emitDir = parser.isSet(emitJobs) ? QFileInfo(parser.value(emitJobs)).absoluteFilePath() : QString();
    batchTemplate.outputFolder = parser.isSet(output) ? QFileInfo(parser.value(output)).absoluteFilePath()
        : emitDir.isEmpty()                           ? QDir::current().absoluteFilePath(QStringLiteral("convert-many"))
                                                      : QDir(emitDir).filePath(QStringLiteral("om"));
    const ConvertManySettings settings(appSettingsFile());
    BatchRunSettings run;
    bool ok = true;
    run.jobs = parser.isSet(jobs) ? parser.value(jobs).toInt(&ok) : settings.jobs();
    if (!ok || run.jobs < 1)
        return out.usage(QStringLiteral("--jobs takes a number of jobs of at least 1"));
    run.memoryPerJobMiB = parser.isSet(memory) ? parser.value(memory).toLongLong(&ok) : settings.memoryPerJobMiB();
    if (!ok || run.memoryPerJobMiB < 0)
        return out.usage(QStringLiteral("--memory-per-job takes MiB (0: the estimate)"));
    run.timeoutSec = parser.isSet(timeout) ? parser.value(timeout).toInt(&ok) : 0;
    if (!ok || run.timeoutSec < 0)
        return out.usage(QStringLiteral("--timeout takes whole seconds (0: no limit)"));
    run.force = parser.isSet(force);

    QStringList problems;
    const QStringList models = findOnnxModels(positional, &problems);
    if (!problems.isEmpty())
        return out.input({ QStringLiteral("not_found"), problems.join(QLatin1Char(' ')), {} });
    if (models.isEmpty())
        return out.input({ QStringLiteral("not_found"),
            QStringLiteral("No .onnx file under %1.").arg(positional.join(QStringLiteral(", "))), {} });

    const QString atcPath
        = parser.isSet(atc) ? QFileInfo(parser.value(atc)).absoluteFilePath() : Settings(appSettingsFile()).atcPath();
    if (parser.isSet(atc) && !QFileInfo(atcPath).isExecutable())
        return out.input({ QStringLiteral("toolkit_missing"),
            QStringLiteral("--atc %1 is not an executable file.").arg(atcPath), {} });
    const AtcToolkit toolkit = discoverToolkit(ToolkitSearch::fromEnvironment(QProcessEnvironment::systemEnvironment(),
        atcPath, parser.isSet(atc) ? QString() : Settings(appSettingsFile()).toolkitHome()));
    if (!toolkit.isValid() && emitDir.isEmpty())
        return out.input({ QStringLiteral("toolkit_missing"),
            QStringLiteral("No ATC found (looked in: %1). Pass --atc PATH, or: %2")
                .arg(toolkit.searched.join(QStringLiteral(", ")), toolkitHowTo(HintForm::Cli)),
            {} });

    // Load and check every model on workers.
    BatchScanner scanner;
    QEventLoop scanLoop;
    QObject::connect(&scanner, &BatchScanner::finished, &scanLoop, &QEventLoop::quit);
    scanner.scan(models, batchTemplate, toolkit, std::max(1, QThread::idealThreadCount()), parser.isSet(precheck));
    if (scanner.isBusy())
        scanLoop.exec();
    out.text(QStringLiteral("%1 model(s):\n").arg(scanner.rows().size()));
    for (const BatchModelRow& row : scanner.rows()) {
        out.event(QStringLiteral("model"), rowToJson(row));
        out.text(rowText(row));
    }
    const QList<BatchJob> planned = expandBatchJobs(scanner.rows(), batchTemplate, toolkit);

    if (!emitDir.isEmpty()) {
        const Result<QJsonObject> manifest
            = emitBatchJobs(planned, scanner.rows(), emitDir, batchTemplate.outputFolder);
        if (!manifest.ok())
            return out.input(manifest.error());
        const int runnable = int(
            std::count_if(planned.cbegin(), planned.cend(), [](const BatchJob& j) { return j.skipReason.isEmpty(); }));
        out.text(QStringLiteral("Wrote %1 recipe(s) and %2 (%3 job(s) cannot run: see \"skipped\").\n")
                     .arg(runnable)
                     .arg(QDir(emitDir).filePath(QStringLiteral("manifest.json")))
                     .arg(planned.size() - runnable));
        out.event(QStringLiteral("result"),
            { { QStringLiteral("ok"), true },
                { QStringLiteral("manifest"), QDir(emitDir).filePath(QStringLiteral("manifest.json")) },
                { QStringLiteral("recipes"), runnable }, { QStringLiteral("skipped"), planned.size() - runnable } });
        return Ok;
    }

    BatchQueue queue;
    QObject::connect(&queue, &BatchQueue::jobStarted, [&out, &queue](int i) {
        out.event(
            QStringLiteral("started"), { { QStringLiteral("job"), i }, { QStringLiteral("name"), queue.job(i).name } });
    });
    QObject::connect(&queue, &BatchQueue::jobFinished, [&out, &queue](int i, const BatchJobResult& r) {
        QJsonObject o = batchJobResultToJson(r);
        o.insert(QStringLiteral("job"), i);
        out.event(QStringLiteral("job_finished"), o);
        out.text(QStringLiteral("[%1/%2] %3 %4%5\n")
                     .arg(i + 1)
                     .arg(queue.jobCount())
                     .arg(r.name, r.result, r.problem.isEmpty() ? QString() : QStringLiteral(": ") + r.problem));
    });
    QEventLoop loop;
    QObject::connect(&queue, &BatchQueue::finished, &loop, &QEventLoop::quit);
    StopSignals stopSignals;
    int stoppedBy = 0;
    if (stopSignals.notifier()) {
        QObject::connect(stopSignals.notifier(), &QSocketNotifier::activated, [&] {
            stoppedBy = StopSignals::take();
            queue.shutdown(kStopGraceMs);
            RunningTools::shutdownAll(0);
        });
    }
    queue.start(planned, scanner.rows(), toolkit, run);
    out.text(QStringLiteral("%1 job(s), at most %2 at once.\n").arg(queue.jobCount()).arg(queue.parallelBound()));
    if (queue.isRunning())
        loop.exec();
    return printReport(queue.results(), batchTemplate.outputFolder, parser.value(report), out, stoppedBy);
}

namespace {
const bool registered = registerCommand({ "convert-many",
    "convert-many DIR|MODEL... --soc A[,B] [--batch 1,4,8] [--template RECIPE] [--dim NAME=VALUE ...] [--jobs N] "
    "[--output DIR] [--emit-jobs DIR | --collect DIR] [--json]",
    "Convert many models x SoCs x batch sizes in one queue (bounded by --jobs and by memory), with a report\n"
    "(HTML, CSV, JSON) in the output folder. --emit-jobs writes one recipe per job and a manifest for a CI\n"
    "matrix or a Slurm array (run each with `atcwb convert --recipe`); --collect merges their results.",
    &runConvertMany, 41 });
} // namespace

} // namespace wb::cli
