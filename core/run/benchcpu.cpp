// BenchRun's ONNX Runtime path: runOnCpu on a worker thread, progress and result queued back.
#include "run/benchrun_p.h"
#include "run/benchtext.h"

#include "onnx/onnxmodel.h"
#include "reference/cpurunner.h"
#include "reference/tensorfile.h"
#include "run/runexplain.h"

#include <QDir>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <exception>

namespace wb {

struct BenchRun::CpuOutcome {
    std::optional<Result<CpuRunResult>> run;
    QStringList warnings;
    QList<InputShapeSpec> shapesUsed; // the request's, plus the open dims as 1
    QStringList ranAsOne; // inputs whose dynamic dims were not given
};

namespace {

// The request's shapes plus a static shape for every input it leaves dynamic (each open dim as 1).
QList<InputShapeSpec> completeShapes(
    const QString& model, QList<InputShapeSpec> shapes, QStringList* warnings, QStringList* ranAsOne)
{
    const Result<OnnxModelPtr> loaded = OnnxModel::load(model);
    if (!loaded.ok())
        return shapes; // runOnCpu reports what is wrong with the file
    for (const TensorInfo& input : loaded.value()->summary().inputs) {
        const bool given
            = std::any_of(shapes.begin(), shapes.end(), [&](const InputShapeSpec& s) { return s.name == input.name; });
        if (given || !input.shape || !input.isDynamic())
            continue;
        InputShapeSpec spec;
        spec.name = input.name;
        for (const Dim& d : *input.shape)
            spec.dims.append(ShapeSpecDim::fixed(d.isDynamic() ? 1 : d.value));
        warnings->append(ranAsWarning(input.name, input.shapeText(), spec));
        ranAsOne->append(input.name);
        shapes.append(spec);
    }
    return shapes;
}

// Input data: zeros, random, or .pb files (a test_data_set folder is expanded to its input_N.pb).
std::optional<Error> setInputData(const QString& data, CpuRunOptions* o)
{
    if (data == QLatin1String("zeros")) {
        o->fill = InputFill::Zeros;
        return std::nullopt;
    }
    if (data == QLatin1String("random")) {
        o->fill = InputFill::Random;
        return std::nullopt;
    }
    o->fill = InputFill::Files;
    for (const QString& item : data.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString path = item.trimmed();
        if (QFileInfo(path).isDir()) {
            auto files = dataSetInputFiles(path);
            if (!files.ok())
                return files.error();
            o->inputFiles += files.value();
        } else {
            o->inputFiles.append(path);
        }
    }
    return std::nullopt;
}

} // namespace

void BenchRun::launchCpu(quint64 id)
{
    CpuRunOptions options;
    options.modelPath = d->m_request.model;
    options.inputShapes = d->m_request.inputShapes;
    options.warmup = d->m_request.warmup;
    options.iterations = d->m_request.loops;
    options.intraOpThreads = d->m_request.threads;
    options.outputDir = d->m_request.outputDir;
    if (auto error = setInputData(d->m_request.inputData, &options)) {
        BenchResult r = d->m_result;
        r.errorCode = error->code;
        r.error = error->message;
        complete(r);
        return;
    }
    d->m_cpuCancel = std::make_shared<std::atomic_bool>(false);
    if (d->m_request.timeoutSec > 0)
        d->m_cpuTimeout.start(d->m_request.timeoutSec * 1000);
    const std::shared_ptr<std::atomic_bool> cancelFlag = d->m_cpuCancel;
    d->m_workers.append(QtConcurrent::run([this, id, options, cancelFlag]() mutable {
        auto outcome = std::make_shared<CpuOutcome>();
        // The worker always reports back, whatever happens on it: an exception would leave the run waiting forever.
        try {
            options.inputShapes
                = completeShapes(options.modelPath, options.inputShapes, &outcome->warnings, &outcome->ranAsOne);
            outcome->shapesUsed = options.inputShapes;
        } catch (const std::exception& e) {
            outcome->run = Error { QStringLiteral("internal"),
                QStringLiteral("Reading the inputs of %1 failed: %2")
                    .arg(QDir::toNativeSeparators(options.modelPath), QString::fromLocal8Bit(e.what())),
                {} };
        }
        CpuRunControl control;
        control.cancel = cancelFlag.get();
        control.progress = [this, id](const CpuRunProgress& p) {
            const int index = p.iteration - 1;
            const double ms = p.ms;
            if (p.warmup) {
                QMetaObject::invokeMethod(
                    this,
                    [this, id, index, ms] {
                        if (id == d->m_runId && d->m_running)
                            emit warmup(index, ms);
                    },
                    Qt::QueuedConnection);
                return;
            }
            QMetaObject::invokeMethod(
                this, [this, id, index, ms] { onCpuProgress(id, index, ms); }, Qt::QueuedConnection);
        };
        if (!outcome->run)
            outcome->run = runOnCpu(options, control); // never throws
        std::shared_ptr<const CpuOutcome> done = std::move(outcome);
        QMetaObject::invokeMethod(
            this, [this, id, done] { onCpuFinished(id, done); }, Qt::QueuedConnection);
    }));
}

void BenchRun::onCpuProgress(quint64 id, int index, double ms)
{
    if (id != d->m_runId || !d->m_running)
        return;
    d->m_liveMs.append(ms);
    onTimedIteration();
    emit iteration(index, ms);
}

void BenchRun::onCpuTimeout()
{
    if (!d->m_running)
        return;
    d->m_cpuTimedOut = true;
    if (d->m_cpuCancel)
        d->m_cpuCancel->store(true);
    // The timeout ends the run now, whatever the worker is doing: ONNX Runtime cannot be interrupted while it
    // creates a session or runs an iteration. The worker stops at its next check; what it reports then is dropped.
    BenchResult r = d->m_result;
    r.iterationsMs = d->m_liveMs;
    fillStatsFromIterations(&r);
    r.errorCode = QStringLiteral("timed_out");
    r.error = englishText(benchtext::kCpuTimedOut)
                  .arg(d->m_request.timeoutSec)
                  .arg(d->m_liveMs.size())
                  .arg(d->m_request.loops);
    complete(r);
}

void BenchRun::onCpuFinished(quint64 id, const std::shared_ptr<const CpuOutcome>& outcome)
{
    if (id != d->m_runId || !d->m_running) // a run that timed out has ended already
        return;
    d->m_cpuTimeout.stop();
    BenchResult r = d->m_result;
    r.warnings += outcome->warnings;
    const Result<CpuRunResult>& run = *outcome->run;
    if (!run.ok()) {
        // Cancelled or timed out: keep the iterations that completed.
        r.iterationsMs = d->m_liveMs;
        fillStatsFromIterations(&r);
        r.errorCode = run.error().code;
        r.error = run.error().message;
        if (run.error().code == QLatin1String("cancelled")) {
            r.error = englishText(benchtext::kCancelledAfter).arg(d->m_liveMs.size()).arg(d->m_request.loops);
        } else if (run.error().code == QLatin1String("ort_run_failed")) {
            // ONNX Runtime's words alone ("Pad reflect requires axis length >= 2") do not say what to change.
            r.error = explainOrtRunError(r.error, outcome->shapesUsed, outcome->ranAsOne);
        } else if (!r.error.endsWith(QLatin1Char('.'))) {
            r.error += QLatin1Char('.');
        }
        complete(r);
        return;
    }
    const CpuRunResult& res = run.value();
    r.iterationsMs = QVector<double>(res.iterationMs.begin(), res.iterationMs.end());
    if (d->m_request.batch <= 0) {
        const QList<qint64> shape = res.inputs.isEmpty() ? QList<qint64>() : res.inputs.first().shape;
        r.batch = !shape.isEmpty() && shape.first() > 0 ? int(shape.first()) : 1;
    }
    fillStatsFromIterations(&r);
    r.device = res.intraOpThreads > 0
        ? englishText(benchtext::kCpuThreads).arg(res.runtime.version).arg(res.intraOpThreads)
        : englishText(benchtext::kCpuDefaultThreads).arg(res.runtime.version);
    r.toolkit
        = QStringLiteral("ONNX Runtime %1 (%2)").arg(res.runtime.version, QDir::toNativeSeparators(res.runtime.path));
    r.outputFiles = res.savedFiles;
    r.ok = !r.iterationsMs.isEmpty();
    if (!r.ok) {
        r.errorCode = QStringLiteral("run_failed");
        r.error = englishText(benchtext::kNoTimings);
    }
    complete(r);
}

} // namespace wb
