// atcwb bench --strategies: one request stream dispatched per strategy (per-batch, dynamic, max) over a bundle on an
// NPU (--bundle deploy.json, through om-runner --bundle) or over ONNX Runtime sessions per batch size on the CPU
// (MODEL.onnx --target cpu --batches 1,4,8); run/dispatchrun.h has the JSON contract.
#include "benchstrategies.h"
#include "commands.h"
#include "run/dispatchrun.h"
#include "run/runhistory.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>

namespace wb::cli {

bool wantsStrategies(const QStringList& args)
{
    for (const QString& a : args) {
        for (const char* option : { "--bundle", "--strategies", "--batches", "--request-mix", "--requests" }) {
            if (a == QLatin1String(option) || a.startsWith(QLatin1String(option) + QLatin1Char('=')))
                return true;
        }
    }
    return false;
}

int runBenchStrategies(const QStringList& args)
{
    const QString name = QStringLiteral("bench");
    QCommandLineParser parser;
    const QCommandLineOption bundle(QStringLiteral("bundle"),
        QStringLiteral("deploy.json of a bundle (atcwb bundle): run its OMs on an NPU through om-runner."),
        QStringLiteral("FILE"));
    const QCommandLineOption target(QStringLiteral("target"),
        QStringLiteral("cpu, or npu:N (default npu:0 with "
                       "--bundle, else cpu)."),
        QStringLiteral("TARGET"));
    const QCommandLineOption batches(QStringLiteral("batches"),
        QStringLiteral("CPU: the batch sizes to build sessions for, e.g. 1,4,8."), QStringLiteral("LIST"));
    const QCommandLineOption mix(QStringLiteral("request-mix"),
        QStringLiteral("Request sizes with weights, e.g. 1:50,4:30,8:20."), QStringLiteral("MIX"));
    const QCommandLineOption requests(
        QStringLiteral("requests"), QStringLiteral("Request sizes in order, e.g. 1,3,8,2."), QStringLiteral("LIST"));
    const QCommandLineOption countOption(QStringLiteral("count"),
        QStringLiteral("Requests drawn from the mix (default 100)."), QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of the draw (default 1)."),
        QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption strategies(QStringLiteral("strategies"),
        QStringLiteral("per-batch, dynamic, max (default per-batch)."), QStringLiteral("LIST"),
        QStringLiteral("per-batch"));
    const QCommandLineOption noChunking(QStringLiteral("no-chunking"),
        QStringLiteral("Refuse a request larger than the largest batch instead of splitting it."));
    const QCommandLineOption budget(QStringLiteral("latency-budget"),
        QStringLiteral("p99 budget in ms for the recommendation."), QStringLiteral("MS"));
    const QCommandLineOption propose(QStringLiteral("propose"),
        QStringLiteral("Batch sizes proposed beside --batches (or the bundle's) for the recommendation over subsets "
                       "of the batch sizes: measured by calibration runs on the CPU; not measurable in a bundle."),
        QStringLiteral("LIST"));
    const QCommandLineOption calibration(QStringLiteral("calibration-runs"),
        QStringLiteral(
            "Timed runs of every batch size (CPU session or static OM) for the subset search (default 10; 0: "
            "only the requests)."),
        QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption inputShape(QStringLiteral("input-shape"),
        QStringLiteral("CPU: static sizes for dynamic non-batch dims (ATC syntax)."), QStringLiteral("SPEC"));
    const QCommandLineOption warmup(QStringLiteral("warmup"),
        QStringLiteral("Untimed runs of every batch first (default 1)."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("ONNX Runtime intra-op threads."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption tool(
        QStringLiteral("tool"), QStringLiteral("The om-runner to run."), QStringLiteral("PATH"));
    const QCommandLineOption verbose(
        QStringLiteral("verbose"), QStringLiteral("Add every request's record (also logs debug messages to stderr)."));
    const QCommandLineOption noSave(QStringLiteral("no-save"), QStringLiteral("Do not store the run."));
    const QCommandLineOption history(
        QStringLiteral("history"), QStringLiteral("Run history folder."), QStringLiteral("DIR"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOptions({ bundle, target, batches, mix, requests, countOption, seed, strategies, noChunking, budget,
        propose, calibration, inputShape, warmup, threads, tool, verbose, noSave, history, json, help });
    const bool wantJson = args.contains(QStringLiteral("--json"));
    if (!parser.parse(QStringList { QStringLiteral("atcwb bench") } + args))
        return usageError(name, parser.errorText(), wantJson);
    if (parser.isSet(help)) {
        printText(QStringLiteral(
                      "Usage: atcwb bench --bundle deploy.json (--request-mix MIX [--count N] [--seed S] | "
                      "--requests LIST) [--strategies per-batch,dynamic,max] [--latency-budget MS] [--propose LIST] "
                      "[--json]\n"
                      "       atcwb bench MODEL.onnx --target cpu --batches 1,4,8 --request-mix MIX ... "
                      "[--propose LIST] [--calibration-runs N] [--input-shape SPEC] [--json]\n\n")
            + parser.helpText().section(QLatin1Char('\n'), 2));
        return Ok;
    }
    DispatchRunRequest request;
    const QStringList positional = parser.positionalArguments();
    request.target = parser.isSet(bundle) ? BenchRequest::Target::Npu : BenchRequest::Target::Cpu;
    if (parser.isSet(target) && !parseBenchTarget(parser.value(target), &request.target, &request.device))
        return usageError(
            name, QStringLiteral("--target must be cpu or npu:N, not '%1'").arg(parser.value(target)), wantJson);
    if (request.target == BenchRequest::Target::Npu) {
        if (!parser.isSet(bundle))
            return usageError(
                name, QStringLiteral("on an NPU the strategies run a bundle: --bundle deploy.json"), wantJson);
        if (!positional.isEmpty())
            return usageError(name, QStringLiteral("--bundle takes no MODEL: the bundle names its OMs"), wantJson);
        request.bundle = parser.value(bundle);
    } else {
        if (parser.isSet(bundle))
            return usageError(
                name, QStringLiteral("--bundle runs on an NPU; on the CPU give MODEL.onnx with --batches"), wantJson);
        if (positional.size() != 1)
            return usageError(name, QStringLiteral("expected one MODEL.onnx"), wantJson);
        request.model = positional.first();
        for (const QString& b : parser.value(batches).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const qint64 v = b.trimmed().toLongLong(&ok);
            if (!ok || v < 1)
                return usageError(
                    name, QStringLiteral("--batches has '%1': batch sizes are whole numbers from 1").arg(b), wantJson);
            request.batches << v;
        }
    }
    request.requestMix = parser.value(mix);
    request.requestList = parser.value(requests);
    bool ok = false;
    request.count = parser.value(countOption).toLongLong(&ok);
    if (!ok)
        return usageError(name, QStringLiteral("--count needs a whole number"), wantJson);
    request.seed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        return usageError(name, QStringLiteral("--seed needs a whole number of 0 or more"), wantJson);
    request.strategies = parser.value(strategies).split(QLatin1Char(','), Qt::SkipEmptyParts);
    request.chunking = !parser.isSet(noChunking);
    if (parser.isSet(budget)) {
        request.latencyBudgetMs = parser.value(budget).toDouble(&ok);
        if (!ok || !(request.latencyBudgetMs > 0))
            return usageError(name, QStringLiteral("--latency-budget needs milliseconds above 0"), wantJson);
    }
    for (const QString& b : parser.value(propose).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qint64 v = b.trimmed().toLongLong(&ok);
        if (!ok || v < 1)
            return usageError(
                name, QStringLiteral("--propose has '%1': batch sizes are whole numbers from 1").arg(b), wantJson);
        request.proposed << v;
    }
    request.calibrationRuns = parser.value(calibration).toInt(&ok);
    if (!ok || request.calibrationRuns < 0)
        return usageError(name, QStringLiteral("--calibration-runs needs a whole number >= 0"), wantJson);
    request.warmup = parser.value(warmup).toInt(&ok);
    if (!ok || request.warmup < 0)
        return usageError(name, QStringLiteral("--warmup needs a whole number >= 0"), wantJson);
    request.threads = parser.value(threads).toInt(&ok);
    if (!ok || request.threads < 0)
        return usageError(name, QStringLiteral("--threads needs a whole number >= 0"), wantJson);
    if (parser.isSet(inputShape)) {
        const auto shapes = parseInputShapeSpec(parser.value(inputShape));
        if (!shapes.ok())
            return usageError(name, shapes.error().message, wantJson);
        request.inputShapes = shapes.value();
    }
    request.toolPath = parser.value(tool);
    request.appDir = QCoreApplication::applicationDirPath();
    if (const auto checked = dispatchRequests(request); !checked.ok())
        return usageError(name, checked.error().message, wantJson);

    const DispatchRunResult run = runDispatch(request);
    QJsonValue saved(QJsonValue::Null);
    QStringList warnings;
    if (run.ok && !parser.isSet(noSave)) {
        RunHistory store(parser.value(history));
        const Result<QString> path = store.save(
            dispatchRunToBenchResult(run), { { QStringLiteral("dispatch"), dispatchRunToJson(run, true) } });
        if (path.ok())
            saved = path.value();
        else
            warnings << QStringLiteral("The run was not stored: %1").arg(path.error().message);
    }
    if (!run.ok)
        return inputError({ run.errorCode, run.error, {} }, wantJson);
    if (wantJson) {
        QJsonObject out = dispatchRunToJson(run, parser.isSet(verbose) || verboseRequested());
        out.insert(QStringLiteral("history_file"), saved);
        if (!warnings.isEmpty()) {
            QJsonArray all = out.value(QStringLiteral("warnings")).toArray();
            for (const QString& w : warnings)
                all.append(w);
            out.insert(QStringLiteral("warnings"), all);
        }
        printJson(out);
    } else {
        QString text = dispatchRunToText(run);
        if (saved.isString())
            text += QStringLiteral("Stored:     %1\n").arg(saved.toString());
        for (const QString& w : warnings)
            text += QStringLiteral("warning: %1\n").arg(w);
        printText(text);
    }
    return Ok;
}

} // namespace wb::cli
