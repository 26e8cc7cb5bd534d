#include "run/dispatchrun.h"

#include "run/benchtext.h"
#include "run/benchtools.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

#include <cmath>
#include <csignal>

namespace wb {

namespace {

using wb::dispatch::Strategy;

// One per-request record, as om-runner's "request" event and the stored run's "requests" both write it.
DispatchRecord recordFromJson(const QJsonObject& e)
{
    DispatchRecord d;
    wb::dispatch::strategyFromName(e.value(QLatin1String("strategy")).toString().toStdString(), d.strategy);
    d.index = e.value(QLatin1String("index")).toInt();
    d.samples = e.value(QLatin1String("samples")).toInteger();
    d.batch = e.value(QLatin1String("batch")).toInteger();
    d.executed = e.value(QLatin1String("executed")).toInteger();
    d.padding = e.value(QLatin1String("padding")).toInteger();
    d.chunks = e.value(QLatin1String("chunks")).toInt();
    d.ms = e.value(QLatin1String("ms")).toDouble();
    return d;
}

QJsonValue figure(double v, bool any)
{
    return any && std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QJsonArray numbers(const std::vector<std::uint64_t>& values)
{
    QJsonArray list;
    for (std::uint64_t v : values)
        list.append(qint64(v));
    return list;
}

QJsonObject statsJson(const wb::dispatch::Measured& m)
{
    const wb::dispatch::StrategyStats& s = m.stats;
    const bool any = s.requests > 0;
    return QJsonObject {
        { QStringLiteral("latency_ms"),
            QJsonObject { { QStringLiteral("min"), figure(s.minMs, any) },
                { QStringLiteral("median"), figure(s.medianMs, any) },
                { QStringLiteral("mean"), figure(s.meanMs, any) }, { QStringLiteral("p90"), figure(s.p90Ms, any) },
                { QStringLiteral("p95"), figure(s.p95Ms, any) }, { QStringLiteral("p99"), figure(s.p99Ms, any) },
                { QStringLiteral("max"), figure(s.maxMs, any) } } },
        { QStringLiteral("throughput"), s.throughput },
        { QStringLiteral("padding_waste"), s.paddingWaste },
        { QStringLiteral("requests"), qint64(s.requests) },
        { QStringLiteral("samples"), qint64(s.samples) },
        { QStringLiteral("executed"), qint64(s.executed) },
        { QStringLiteral("padded"), qint64(s.padded) },
        { QStringLiteral("batches"), numbers(m.batches) },
    };
}

wb::dispatch::Measured statsFromJson(Strategy strategy, const QJsonObject& o)
{
    wb::dispatch::Measured m;
    m.strategy = strategy;
    const QJsonObject l = o.value(QLatin1String("latency_ms")).toObject();
    wb::dispatch::StrategyStats& s = m.stats;
    s.minMs = l.value(QLatin1String("min")).toDouble();
    s.medianMs = l.value(QLatin1String("median")).toDouble();
    s.meanMs = l.value(QLatin1String("mean")).toDouble();
    s.p90Ms = l.value(QLatin1String("p90")).toDouble();
    s.p95Ms = l.value(QLatin1String("p95")).toDouble();
    s.p99Ms = l.value(QLatin1String("p99")).toDouble();
    s.maxMs = l.value(QLatin1String("max")).toDouble();
    s.throughput = o.value(QLatin1String("throughput")).toDouble();
    s.paddingWaste = o.value(QLatin1String("padding_waste")).toDouble();
    s.requests = std::uint64_t(o.value(QLatin1String("requests")).toInteger());
    s.samples = std::uint64_t(o.value(QLatin1String("samples")).toInteger());
    s.executed = std::uint64_t(o.value(QLatin1String("executed")).toInteger());
    s.padded = std::uint64_t(o.value(QLatin1String("padded")).toInteger());
    for (const QJsonValue& b : o.value(QLatin1String("batches")).toArray())
        m.batches.push_back(std::uint64_t(b.toInteger()));
    return m;
}

DispatchRunResult failed(DispatchRunResult r, const QString& code, const QString& message)
{
    r.ok = false;
    r.errorCode = code;
    r.error = message;
    return r;
}

// The request mix the stream was drawn from, or the given list's sizes weighted by how often they occur.
std::vector<wb::dispatch::MixEntry> mixOfRun(const DispatchRunResult& r)
{
    std::vector<wb::dispatch::MixEntry> mix;
    std::string error;
    if (!r.requestMix.isEmpty()) {
        wb::dispatch::parseRequestMix(r.requestMix.toStdString(), mix, error);
        return mix;
    }
    std::vector<std::uint64_t> list;
    if (!wb::dispatch::parseRequestList(r.requestList.toStdString(), list, error))
        return mix;
    for (std::uint64_t n : list) {
        const auto found
            = std::find_if(mix.begin(), mix.end(), [n](const wb::dispatch::MixEntry& e) { return e.samples == n; });
        if (found == mix.end())
            mix.push_back({ n, 1.0 });
        else
            found->weight += 1.0;
    }
    return mix;
}

// The subset search over the run's candidates (the batch sizes of its static OMs or sessions, and the proposed
// ones), and the recommendation from it.
void searchSubsets(
    DispatchRunResult& r, const DispatchRunRequest& request, const std::vector<wb::dispatch::BatchSamples>& calibration)
{
    wb::dispatch::SubsetOptions options;
    options.mix = mixOfRun(r);
    options.chunking = r.chunking;
    options.count = std::uint64_t(std::max<qint64>(1, request.subsetRequests));
    options.seed = r.seed;
    if (request.target == BenchRequest::Target::Cpu) {
        for (qint64 b : request.batches)
            options.candidates.push_back(std::uint64_t(b));
    } else {
        for (const wb::dispatch::Measured& m : r.measured) {
            if (m.strategy != Strategy::Dynamic)
                options.candidates.insert(options.candidates.end(), m.batches.begin(), m.batches.end());
        }
    }
    for (qint64 b : request.proposed)
        options.candidates.push_back(std::uint64_t(b));
    r.subsets = wb::dispatch::simulateSubsets(dispatchBatchSamples(r.records, calibration), options);
    r.recommendation = wb::dispatch::recommendDeployment(r.subsets, r.measured, r.latencyBudgetMs);
}

std::vector<Strategy> strategiesOf(const QStringList& names)
{
    std::vector<Strategy> out;
    for (const QString& name : names) {
        Strategy s {};
        if (wb::dispatch::strategyFromName(name.trimmed().toStdString(), s)
            && std::find(out.begin(), out.end(), s) == out.end())
            out.push_back(s);
    }
    return out;
}

// om-runner --bundle through a QProcess, its JSON lines read at the end.
DispatchRunResult runOnNpu(const DispatchRunRequest& request, DispatchRunResult r, const std::atomic_bool* cancel)
{
    BenchToolSearch search;
    search.toolPath = request.toolPath;
    search.appDir = request.appDir;
    const Result<BenchTool> tool = locateBenchTool(BenchRequest::Runner::OmRunner, search);
    if (!tool.ok())
        return failed(r, tool.error().code, tool.error().message);
    QStringList args { QStringLiteral("--bundle"), request.bundle, QStringLiteral("--device"),
        QString::number(request.device), QStringLiteral("--strategies"), request.strategies.join(QLatin1Char(',')),
        QStringLiteral("--warmup"), QString::number(request.warmup) };
    if (!request.requestMix.isEmpty())
        args << QStringLiteral("--request-mix") << request.requestMix << QStringLiteral("--count")
             << QString::number(request.count) << QStringLiteral("--seed") << QString::number(request.seed);
    else
        args << QStringLiteral("--requests") << request.requestList;
    if (!request.chunking)
        args << QStringLiteral("--no-chunking");
    if (request.latencyBudgetMs > 0)
        args << QStringLiteral("--latency-budget") << QString::number(request.latencyBudgetMs, 'g', 12);
    if (request.calibrationRuns > 0)
        args << QStringLiteral("--calibrate") << QString::number(request.calibrationRuns);
    QProcess process;
    if (!request.environment.isEmpty())
        process.setProcessEnvironment(request.environment);
    process.start(tool.value().program, args);
    if (!process.waitForStarted(10000))
        return failed(r, QStringLiteral("tool_missing"),
            QStringLiteral("%1 could not be started: %2.").arg(tool.value().program, process.errorString()));
    while (!process.waitForFinished(100)) {
        if (cancel && cancel->load()) {
            process.terminate();
            process.waitForFinished(5000);
            if (process.state() != QProcess::NotRunning) {
                process.kill();
                process.waitForFinished(5000);
            }
            return failed(r, QStringLiteral("cancelled"), QStringLiteral("The run was cancelled."));
        }
    }
    QString error;
    bool summary = false;
    std::vector<wb::dispatch::BatchSamples> calibration;
    for (const QByteArray& line : process.readAllStandardOutput().split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject e = QJsonDocument::fromJson(line).object();
        const QString event = e.value(QLatin1String("event")).toString();
        if (event == QLatin1String("error") && error.isEmpty()) {
            error = e.value(QLatin1String("message")).toString();
        } else if (event == QLatin1String("device")) {
            r.device = QStringLiteral("%1 #%2").arg(e.value(QLatin1String("soc")).toString()).arg(request.device);
        } else if (event == QLatin1String("request")) {
            r.records << recordFromJson(e);
        } else if (event == QLatin1String("calibration")) {
            wb::dispatch::BatchSamples c;
            c.batch = std::uint64_t(e.value(QLatin1String("batch")).toInteger());
            for (const QJsonValue& ms : e.value(QLatin1String("ms")).toArray())
                c.ms.push_back(ms.toDouble());
            c.calibrationRuns = c.ms.size();
            calibration.push_back(std::move(c));
        } else if (event == QLatin1String("summary")) {
            summary = true;
            const QJsonObject strategies = e.value(QLatin1String("strategies")).toObject();
            for (Strategy s : strategiesOf(request.strategies)) {
                const QString name = QString::fromLatin1(wb::dispatch::strategyName(s));
                if (strategies.contains(name))
                    r.measured.push_back(statsFromJson(s, strategies.value(name).toObject()));
            }
        }
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0 || !summary) {
        if (error.isEmpty())
            error = QStringLiteral("om-runner ended with exit status %1: %2")
                        .arg(process.exitCode())
                        .arg(QString::fromUtf8(process.readAllStandardError()).trimmed());
        return failed(r, QStringLiteral("run_failed"), error);
    }
    for (const wb::dispatch::Measured& m : r.measured) {
        for (std::uint64_t b : m.batches) {
            if (!r.batches.contains(qint64(b)))
                r.batches << qint64(b);
        }
    }
    std::sort(r.batches.begin(), r.batches.end());
    searchSubsets(r, request, calibration);
    r.ok = true;
    return r;
}

} // namespace

Result<std::vector<std::uint64_t>> dispatchRequests(const DispatchRunRequest& request)
{
    const auto bad = [](const QString& message) { return Error { QStringLiteral("bad_request"), message, {} }; };
    if (request.strategies.isEmpty())
        return bad(QStringLiteral("--strategies needs at least one of per-batch, dynamic, max"));
    for (const QString& name : request.strategies) {
        Strategy s {};
        if (!wb::dispatch::strategyFromName(name.trimmed().toStdString(), s))
            return bad(QStringLiteral("--strategies has '%1': use per-batch, dynamic or max").arg(name));
    }
    if (request.requestMix.isEmpty() == request.requestList.isEmpty())
        return bad(QStringLiteral("give either --request-mix SIZE:WEIGHT,... (with --count and --seed) or --requests "
                                  "N,N,..."));
    if (request.count < 1 || request.count > 10'000'000)
        return bad(QStringLiteral("--count must be from 1 to 10000000"));
    std::vector<std::uint64_t> requests;
    std::string error;
    if (!request.requestMix.isEmpty()) {
        std::vector<wb::dispatch::MixEntry> mix;
        if (!wb::dispatch::parseRequestMix(request.requestMix.toStdString(), mix, error))
            return bad(QString::fromStdString(error));
        requests = wb::dispatch::makeRequests(mix, std::uint64_t(request.count), request.seed);
    } else if (!wb::dispatch::parseRequestList(request.requestList.toStdString(), requests, error)) {
        return bad(QString::fromStdString(error));
    }
    for (qint64 b : request.proposed) {
        if (b < 1 || b > 1'000'000)
            return bad(QStringLiteral("--propose has %1: batch sizes are whole numbers from 1").arg(b));
    }
    if (request.calibrationRuns < 0 || request.calibrationRuns > 100000)
        return bad(QStringLiteral("--calibration-runs must be from 0 to 100000"));
    if (request.target == BenchRequest::Target::Cpu) {
        if (request.model.isEmpty())
            return bad(QStringLiteral("the CPU strategies need an ONNX model"));
        if (request.batches.isEmpty())
            return bad(QStringLiteral("--batches is needed on the CPU: the batch sizes to compare, e.g. 1,4,8"));
        for (qint64 b : request.batches) {
            if (b < 1 || b > 1'000'000)
                return bad(QStringLiteral("--batches has %1: batch sizes are whole numbers from 1").arg(b));
        }
    } else if (request.bundle.isEmpty()) {
        return bad(QStringLiteral("the NPU strategies need a bundle: --bundle deploy.json (see `atcwb bundle`)"));
    }
    return requests;
}

DispatchRunResult runDispatch(const DispatchRunRequest& request, const std::atomic_bool* cancel)
{
    DispatchRunResult r;
    r.target = benchTargetName(request.target, request.device);
    r.runner
        = request.target == BenchRequest::Target::Cpu ? QStringLiteral("onnxruntime") : QStringLiteral("om-runner");
    r.model
        = QFileInfo(request.target == BenchRequest::Target::Cpu ? request.model : request.bundle).absoluteFilePath();
    r.batches = request.batches;
    r.requestMix = request.requestMix;
    r.requestList = request.requestList;
    r.count = request.requestMix.isEmpty() ? 0 : request.count;
    r.seed = request.seed;
    r.chunking = request.chunking;
    r.latencyBudgetMs = request.latencyBudgetMs;
    r.proposed = request.proposed;
    r.calibrationRuns = std::max(0, request.calibrationRuns);
    r.started = QDateTime::currentDateTime();
    QElapsedTimer timer;
    timer.start();
    const Result<std::vector<std::uint64_t>> requests = dispatchRequests(request);
    if (!requests.ok())
        return failed(r, requests.error().code, requests.error().message);
    const QString checkedPath = request.target == BenchRequest::Target::Cpu ? request.model : request.bundle;
    if (!QFileInfo(checkedPath).isFile())
        return failed(r, QStringLiteral("not_found"),
            QStringLiteral("%1 does not exist.").arg(QDir::toNativeSeparators(checkedPath)));
    if (request.target == BenchRequest::Target::Npu) {
        r = runOnNpu(request, r, cancel);
        r.durationMs = timer.elapsed();
        return r;
    }
    CpuDispatchOptions options;
    options.modelPath = request.model;
    options.inputShapes = request.inputShapes;
    options.batches = request.batches;
    options.strategies = strategiesOf(request.strategies);
    options.requests = requests.value();
    options.chunking = request.chunking;
    options.warmup = request.warmup;
    options.intraOpThreads = request.threads;
    options.seed = request.seed;
    options.latencyBudgetMs = request.latencyBudgetMs;
    options.proposed = request.proposed;
    options.calibrationRuns = r.calibrationRuns;
    CpuRunControl control;
    control.cancel = cancel;
    const Result<CpuDispatchResult> run = runDispatchOnCpu(options, control);
    r.durationMs = timer.elapsed();
    if (!run.ok())
        return failed(r, run.error().code, run.error().message);
    r.measured = run.value().measured;
    r.records = run.value().records;
    searchSubsets(r, request, run.value().calibration);
    r.warnings = run.value().warnings;
    r.device = request.threads > 0
        ? englishText(benchtext::kCpuThreads).arg(run.value().runtime.version).arg(request.threads)
        : englishText(benchtext::kCpuDefaultThreads).arg(run.value().runtime.version);
    r.ok = true;
    return r;
}

std::vector<wb::dispatch::BatchSamples> dispatchBatchSamples(
    const QList<DispatchRecord>& records, const std::vector<wb::dispatch::BatchSamples>& calibration)
{
    std::vector<wb::dispatch::BatchSamples> samples;
    const auto of = [&samples](std::uint64_t batch) -> wb::dispatch::BatchSamples& {
        for (wb::dispatch::BatchSamples& s : samples) {
            if (s.batch == batch)
                return s;
        }
        samples.push_back({ batch, {}, 0 });
        return samples.back();
    };
    for (const DispatchRecord& rec : records) {
        if (rec.strategy != Strategy::Dynamic && rec.chunks == 1 && rec.batch > 0 && rec.executed == rec.batch)
            of(std::uint64_t(rec.batch)).ms.push_back(rec.ms);
    }
    for (const wb::dispatch::BatchSamples& c : calibration) {
        wb::dispatch::BatchSamples& s = of(c.batch);
        s.ms.insert(s.ms.end(), c.ms.begin(), c.ms.end());
        s.calibrationRuns += c.calibrationRuns;
    }
    std::sort(samples.begin(), samples.end(),
        [](const wb::dispatch::BatchSamples& a, const wb::dispatch::BatchSamples& b) { return a.batch < b.batch; });
    return samples;
}

bool dispatchSubsetWithinBudget(const DispatchRunResult& run, const wb::dispatch::SubsetFigures& subset)
{
    return !(run.latencyBudgetMs > 0) || subset.stats.p99Ms <= run.latencyBudgetMs;
}

QList<int> dispatchSubsetOrder(const DispatchRunResult& run)
{
    QList<int> order;
    for (int i = 0; i < int(run.subsets.subsets.size()); ++i)
        order << i;
    std::stable_sort(order.begin(), order.end(), [&run](int ia, int ib) {
        const wb::dispatch::SubsetFigures& a = run.subsets.subsets[std::size_t(ia)];
        const wb::dispatch::SubsetFigures& b = run.subsets.subsets[std::size_t(ib)];
        const bool inA = dispatchSubsetWithinBudget(run, a), inB = dispatchSubsetWithinBudget(run, b);
        if (inA != inB)
            return inA;
        if (a.stats.throughput != b.stats.throughput)
            return a.stats.throughput > b.stats.throughput;
        return a.batches.size() < b.batches.size();
    });
    return order;
}

void redecideDispatch(DispatchRunResult& run, double latencyBudgetMs)
{
    run.latencyBudgetMs = latencyBudgetMs;
    run.recommendation = wb::dispatch::recommendDeployment(run.subsets, run.measured, latencyBudgetMs);
}

QJsonObject dispatchRunToJson(const DispatchRunResult& r, bool withRequests)
{
    QJsonObject strategies;
    for (const wb::dispatch::Measured& m : r.measured)
        strategies.insert(QString::fromLatin1(wb::dispatch::strategyName(m.strategy)), statsJson(m));
    QJsonArray batches;
    for (qint64 b : r.batches)
        batches.append(b);
    QJsonObject o {
        { QStringLiteral("mode"), QStringLiteral("strategies") },
        { QStringLiteral("ok"), r.ok },
        { QStringLiteral("target"), r.target },
        { QStringLiteral("runner"), r.runner },
        { QStringLiteral("model"), r.model },
        { QStringLiteral("batches"), batches },
        { QStringLiteral("request_mix"), r.requestMix.isEmpty() ? QJsonValue() : QJsonValue(r.requestMix) },
        { QStringLiteral("requests_given"), r.requestList.isEmpty() ? QJsonValue() : QJsonValue(r.requestList) },
        { QStringLiteral("count"), r.count },
        { QStringLiteral("seed"), qint64(r.seed) },
        { QStringLiteral("chunking"), r.chunking },
        { QStringLiteral("latency_budget_ms"), r.latencyBudgetMs > 0 ? QJsonValue(r.latencyBudgetMs) : QJsonValue() },
        { QStringLiteral("strategies"), strategies },
        { QStringLiteral("device"), r.device },
        { QStringLiteral("started"), r.started.toString(Qt::ISODateWithMs) },
        { QStringLiteral("duration_ms"), r.durationMs },
        { QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings) },
    };
    QJsonArray subsets;
    for (int i : dispatchSubsetOrder(r)) {
        const wb::dispatch::SubsetFigures* f = &r.subsets.subsets[std::size_t(i)];
        subsets.append(QJsonObject { { QStringLiteral("batches"), numbers(f->batches) },
            { QStringLiteral("throughput"), f->stats.throughput },
            { QStringLiteral("p99_ms"), figure(f->stats.p99Ms, f->stats.requests > 0) },
            { QStringLiteral("median_ms"), figure(f->stats.medianMs, f->stats.requests > 0) },
            { QStringLiteral("mean_ms"), figure(f->stats.meanMs, f->stats.requests > 0) },
            { QStringLiteral("padding_waste"), f->stats.paddingWaste },
            { QStringLiteral("within_budget"), dispatchSubsetWithinBudget(r, *f) } });
    }
    o.insert(QStringLiteral("subsets"), subsets);
    QJsonArray proposed;
    for (qint64 b : r.proposed)
        proposed.append(b);
    const wb::dispatch::SubsetSearch& search = r.subsets;
    std::vector<std::uint64_t> candidates = search.measured;
    candidates.insert(candidates.end(), search.unmeasured.begin(), search.unmeasured.end());
    std::sort(candidates.begin(), candidates.end());
    o.insert(QStringLiteral("subset_search"),
        QJsonObject { { QStringLiteral("candidates"), numbers(candidates) },
            { QStringLiteral("measured"), numbers(search.measured) },
            { QStringLiteral("calibrated_only"), numbers(search.calibratedOnly) },
            { QStringLiteral("unmeasured"), numbers(search.unmeasured) }, { QStringLiteral("proposed"), proposed },
            { QStringLiteral("calibration_runs"), r.calibrationRuns },
            { QStringLiteral("simulated_requests"), qint64(search.count) },
            { QStringLiteral("seed"), qint64(search.seed) },
            { QStringLiteral("error"),
                search.error.empty() ? QJsonValue() : QJsonValue(QString::fromStdString(search.error)) } });
    if (r.recommendation.valid) {
        o.insert(QStringLiteral("recommendation"),
            QJsonObject { { QStringLiteral("batches"), numbers(r.recommendation.batches) },
                { QStringLiteral("strategy"),
                    QString::fromLatin1(wb::dispatch::strategyName(r.recommendation.strategy)) },
                { QStringLiteral("reason"), QString::fromStdString(r.recommendation.reason) } });
    } else {
        o.insert(QStringLiteral("recommendation"), QJsonValue());
    }
    if (!r.ok) {
        o.insert(QStringLiteral("error"), r.error);
        o.insert(QStringLiteral("error_code"), r.errorCode);
    }
    if (withRequests) {
        QJsonArray list;
        for (const DispatchRecord& rec : r.records) {
            list.append(QJsonObject {
                { QStringLiteral("strategy"), QString::fromLatin1(wb::dispatch::strategyName(rec.strategy)) },
                { QStringLiteral("index"), rec.index }, { QStringLiteral("samples"), rec.samples },
                { QStringLiteral("batch"), rec.batch }, { QStringLiteral("executed"), rec.executed },
                { QStringLiteral("padding"), rec.padding }, { QStringLiteral("chunks"), rec.chunks },
                { QStringLiteral("ms"), rec.ms } });
        }
        o.insert(QStringLiteral("requests"), list);
    }
    return o;
}

Result<DispatchRunResult> dispatchRunFromJson(const QJsonObject& o)
{
    if (o.value(QLatin1String("mode")).toString() != QLatin1String("strategies")
        || !o.value(QLatin1String("strategies")).isObject())
        return Error { QStringLiteral("bad_run_file"), QStringLiteral("Not a strategy run (\"mode\": \"strategies\")."),
            {} };
    DispatchRunResult r;
    r.ok = o.value(QLatin1String("ok")).toBool();
    r.target = o.value(QLatin1String("target")).toString();
    r.runner = o.value(QLatin1String("runner")).toString();
    r.model = o.value(QLatin1String("model")).toString();
    for (const QJsonValue& b : o.value(QLatin1String("batches")).toArray())
        r.batches << b.toInteger();
    r.requestMix = o.value(QLatin1String("request_mix")).toString();
    r.requestList = o.value(QLatin1String("requests_given")).toString();
    r.count = o.value(QLatin1String("count")).toInteger();
    r.seed = quint64(o.value(QLatin1String("seed")).toInteger());
    r.chunking = o.value(QLatin1String("chunking")).toBool(true);
    r.latencyBudgetMs = o.value(QLatin1String("latency_budget_ms")).toDouble();
    const QJsonObject strategies = o.value(QLatin1String("strategies")).toObject();
    for (Strategy s : { Strategy::PerBatch, Strategy::Dynamic, Strategy::Max }) {
        const QString name = QString::fromLatin1(wb::dispatch::strategyName(s));
        if (strategies.contains(name))
            r.measured.push_back(statsFromJson(s, strategies.value(name).toObject()));
    }
    const auto uints = [](const QJsonValue& v) {
        std::vector<std::uint64_t> out;
        for (const QJsonValue& b : v.toArray())
            out.push_back(std::uint64_t(b.toInteger()));
        return out;
    };
    for (const QJsonValue& v : o.value(QLatin1String("subsets")).toArray()) {
        const QJsonObject f = v.toObject();
        wb::dispatch::SubsetFigures figures;
        figures.batches = uints(f.value(QLatin1String("batches")));
        figures.stats.throughput = f.value(QLatin1String("throughput")).toDouble();
        figures.stats.p99Ms = f.value(QLatin1String("p99_ms")).toDouble();
        figures.stats.medianMs = f.value(QLatin1String("median_ms")).toDouble();
        figures.stats.meanMs = f.value(QLatin1String("mean_ms")).toDouble();
        figures.stats.paddingWaste = f.value(QLatin1String("padding_waste")).toDouble();
        r.subsets.subsets.push_back(figures);
    }
    const QJsonObject search = o.value(QLatin1String("subset_search")).toObject();
    r.subsets.valid = !r.subsets.subsets.empty();
    r.subsets.measured = uints(search.value(QLatin1String("measured")));
    r.subsets.calibratedOnly = uints(search.value(QLatin1String("calibrated_only")));
    r.subsets.unmeasured = uints(search.value(QLatin1String("unmeasured")));
    r.subsets.count = std::uint64_t(search.value(QLatin1String("simulated_requests")).toInteger());
    r.subsets.seed = std::uint64_t(search.value(QLatin1String("seed")).toInteger());
    r.subsets.error = search.value(QLatin1String("error")).toString().toStdString();
    for (const QJsonValue& b : search.value(QLatin1String("proposed")).toArray())
        r.proposed << b.toInteger();
    r.calibrationRuns = search.value(QLatin1String("calibration_runs")).toInt();
    for (wb::dispatch::SubsetFigures& f : r.subsets.subsets)
        f.stats.requests = r.subsets.count;
    const QJsonObject rec = o.value(QLatin1String("recommendation")).toObject();
    if (!rec.isEmpty()) {
        r.recommendation.valid = true;
        wb::dispatch::strategyFromName(
            rec.value(QLatin1String("strategy")).toString().toStdString(), r.recommendation.strategy);
        for (const QJsonValue& b : rec.value(QLatin1String("batches")).toArray())
            r.recommendation.batches.push_back(std::uint64_t(b.toInteger()));
        r.recommendation.reason = rec.value(QLatin1String("reason")).toString().toStdString();
    }
    for (const QJsonValue& v : o.value(QLatin1String("requests")).toArray()) {
        r.records << recordFromJson(v.toObject());
    }
    r.device = o.value(QLatin1String("device")).toString();
    r.started = QDateTime::fromString(o.value(QLatin1String("started")).toString(), Qt::ISODateWithMs);
    r.durationMs = o.value(QLatin1String("duration_ms")).toInteger();
    for (const QJsonValue& w : o.value(QLatin1String("warnings")).toArray())
        r.warnings << w.toString();
    return r;
}

BenchResult dispatchRunToBenchResult(const DispatchRunResult& run)
{
    BenchResult b;
    b.ok = run.ok;
    b.error = run.error;
    b.errorCode = run.errorCode;
    b.runner = run.runner;
    b.target = run.target;
    b.model = run.model;
    b.device = run.device;
    b.started = run.started;
    b.durationMs = run.durationMs;
    b.host = benchHostDescription();
    b.warnings = run.warnings;
    const Strategy chosen = run.recommendation.valid ? run.recommendation.strategy
        : run.measured.empty()                       ? Strategy::PerBatch
                                                     : run.measured.front().strategy;
    for (const DispatchRecord& rec : run.records) {
        if (rec.strategy == chosen)
            b.iterationsMs << rec.ms;
    }
    b.loops = int(b.iterationsMs.size());
    for (const wb::dispatch::Measured& m : run.measured) {
        if (m.strategy != chosen)
            continue;
        b.batch = m.batches.empty() ? 1 : int(m.batches.back());
        b.throughput = m.stats.throughput;
        b.stats.count = int(m.stats.requests);
        b.stats.min = m.stats.minMs;
        b.stats.max = m.stats.maxMs;
        b.stats.mean = m.stats.meanMs;
        b.stats.median = m.stats.medianMs;
        b.stats.p90 = m.stats.p90Ms;
        b.stats.p95 = m.stats.p95Ms;
        b.stats.p99 = m.stats.p99Ms;
    }
    b.recipe = QJsonObject { { QStringLiteral("mode"), QStringLiteral("strategies") },
        { QStringLiteral("strategy"), QString::fromLatin1(wb::dispatch::strategyName(chosen)) },
        { QStringLiteral("request_mix"), run.requestMix }, { QStringLiteral("count"), run.count },
        { QStringLiteral("seed"), qint64(run.seed) } };
    return b;
}

QString dispatchRunToText(const DispatchRunResult& run)
{
    QString text
        = QStringLiteral("Model:      %1\nTarget:     %2 (%3)\nRequests:   %4\n")
              .arg(QDir::toNativeSeparators(run.model), run.target, run.device,
                  run.requestMix.isEmpty()
                      ? run.requestList
                      : QStringLiteral("%1 drawn from %2 (seed %3)").arg(run.count).arg(run.requestMix).arg(run.seed));
    for (const wb::dispatch::Measured& m : run.measured) {
        QStringList batches;
        for (std::uint64_t b : m.batches)
            batches << QString::number(b);
        text += QStringLiteral("%1 [%2]: median %3 ms, p99 %4 ms, %5 samples/s, padding waste %6%\n")
                    .arg(QString::fromLatin1(wb::dispatch::strategyName(m.strategy)).leftJustified(9),
                        batches.join(QLatin1Char(',')))
                    .arg(m.stats.medianMs, 0, 'f', 3)
                    .arg(m.stats.p99Ms, 0, 'f', 3)
                    .arg(m.stats.throughput, 0, 'f', 1)
                    .arg(m.stats.paddingWaste * 100.0, 0, 'f', 1);
    }
    // The best few subsets of the batch sizes (estimated), as in the JSON's order.
    const QJsonArray subsets = dispatchRunToJson(run, false).value(QLatin1String("subsets")).toArray();
    for (qsizetype i = 0; i < std::min<qsizetype>(subsets.size(), 5); ++i) {
        const QJsonObject f = subsets.at(i).toObject();
        QStringList batches;
        for (const QJsonValue& b : f.value(QLatin1String("batches")).toArray())
            batches << QString::number(b.toInteger());
        text += QStringLiteral("set [%1]: p99 %2 ms, %3 samples/s, padding waste %4%%5 (estimated)\n")
                    .arg(batches.join(QLatin1Char(',')))
                    .arg(f.value(QLatin1String("p99_ms")).toDouble(), 0, 'f', 3)
                    .arg(f.value(QLatin1String("throughput")).toDouble(), 0, 'f', 1)
                    .arg(f.value(QLatin1String("padding_waste")).toDouble() * 100.0, 0, 'f', 1)
                    .arg(f.value(QLatin1String("within_budget")).toBool() ? QString()
                                                                          : QStringLiteral(", over the budget"));
    }
    if (subsets.size() > 5)
        text += QStringLiteral("... and %1 more sets (--json lists them all)\n").arg(subsets.size() - 5);
    if (run.recommendation.valid)
        text += QStringLiteral("Recommended: %1\n").arg(QString::fromStdString(run.recommendation.reason));
    for (const QString& w : run.warnings)
        text += QStringLiteral("warning: %1\n").arg(w);
    return text;
}

} // namespace wb
