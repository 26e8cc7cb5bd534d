#include "cpudispatch.h"

#include "logging/logging.h"
#include "onnx/onnxmodel.h"
#include "onnx/surgery.h"
#include "ortsession_p.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>

namespace wb {

namespace {

using wb::dispatch::Strategy;

Error optionError(const QString& message)
{
    return Error { QStringLiteral("bad_options"), message, {} };
}

struct InputPlan {
    QString name;
    QList<qint64> sample; // dims after the batch dim
};

// Each input's dims after the batch dim: from inputShapes where given, else the model's (which must be static).
Result<QList<InputPlan>> planInputs(const OnnxModel& model, const QList<InputShapeSpec>& shapes, bool* dynamicBatch)
{
    QList<InputPlan> plans;
    *dynamicBatch = !model.summary().inputs.isEmpty();
    for (const TensorInfo& input : model.summary().inputs) {
        InputPlan plan;
        plan.name = input.name;
        const auto spec
            = std::find_if(shapes.begin(), shapes.end(), [&](const InputShapeSpec& s) { return s.name == input.name; });
        if (!input.shape || input.shape->isEmpty()) {
            return Error { QStringLiteral("not_static"),
                QStringLiteral("Input '%1' has no batch dim (%2): the strategies need inputs with a leading batch dim.")
                    .arg(input.name, input.shapeText()),
                {} };
        }
        if (!input.shape->first().isDynamic())
            *dynamicBatch = false;
        if (spec != shapes.end()) {
            if (spec->dims.size() != input.shape->size())
                return Error { QStringLiteral("rank_mismatch"),
                    QStringLiteral("The input shape of '%1' has %2 dims; the model's has %3.")
                        .arg(input.name)
                        .arg(spec->dims.size())
                        .arg(input.shape->size()),
                    {} };
            for (qsizetype i = 1; i < spec->dims.size(); ++i) {
                if (!spec->dims[i].isStatic())
                    return Error { QStringLiteral("not_static"),
                        QStringLiteral("The input shape of '%1' leaves dim %2 open; give a size.")
                            .arg(input.name)
                            .arg(i),
                        {} };
                plan.sample << spec->dims[i].min;
            }
        } else {
            for (qsizetype i = 1; i < input.shape->size(); ++i) {
                const Dim& d = input.shape->at(i);
                if (d.isDynamic())
                    return Error { QStringLiteral("dynamic_input"),
                        QStringLiteral("Input '%1' is %2: give its other dims with --input-shape (the batch dim is "
                                       "set per session).")
                            .arg(input.name, input.shapeText()),
                        {} };
                plan.sample << d.value;
            }
        }
        plans << plan;
    }
    return plans;
}

QList<InputShapeSpec> specsAt(const QList<InputPlan>& inputs, qint64 batch)
{
    QList<InputShapeSpec> specs;
    for (const InputPlan& p : inputs) {
        InputShapeSpec s;
        s.name = p.name;
        s.dims << ShapeSpecDim::fixed(batch);
        for (qint64 d : p.sample)
            s.dims << ShapeSpecDim::fixed(d);
        specs << s;
    }
    return specs;
}

#ifdef WB_HAVE_ORT_HEADERS
Result<QList<HostTensor>> inputsAt(
    const ort::Session& session, const QList<InputPlan>& plans, qint64 batch, quint64 seed)
{
    QList<HostTensor> tensors;
    for (qsizetype i = 0; i < session.inputs().size(); ++i) {
        const detail::IoSpec& io = session.inputs().at(i);
        const auto plan
            = std::find_if(plans.begin(), plans.end(), [&](const InputPlan& p) { return p.name == io.name; });
        if (plan == plans.end())
            return Error { QStringLiteral("unknown_input"),
                QStringLiteral("The session has an input '%1' the model does not.").arg(io.name), {} };
        QList<qint64> shape { batch };
        shape += plan->sample;
        if (auto err = checkTensorShape(io.name, io.elemType, shape))
            return *err;
        tensors << makeTensor(io.name, io.elemType, shape, InputFill::Random, seed + quint64(i));
    }
    return tensors;
}
#endif

Result<CpuDispatchResult> runUnguarded(const CpuDispatchOptions& options, const CpuRunControl& control)
{
    if (options.batches.isEmpty())
        return optionError(QStringLiteral("No batch sizes were given: name them, e.g. 1,4,8."));
    if (options.requests.empty())
        return optionError(QStringLiteral("No requests were given: give a request list or a mix and a count."));
    if (options.strategies.empty())
        return optionError(QStringLiteral("No strategy was given: per-batch, dynamic or max."));
    for (qint64 b : options.batches) {
        if (b < 1)
            return optionError(QStringLiteral("Batch size %1 is below 1.").arg(b));
    }
    auto runtime = loadOnnxRuntime(options.runtime);
    if (!runtime)
        return runtime.error();
#ifndef WB_HAVE_ORT_HEADERS
    Q_UNUSED(control)
    return Error { QStringLiteral("ort_not_built"), QStringLiteral("ONNX Runtime support was not built in"), {} };
#else
    Result<OnnxModelPtr> loaded = OnnxModel::load(options.modelPath);
    if (!loaded.ok())
        return loaded.error();
    const OnnxModel& model = *loaded.value();
    bool dynamicBatch = false;
    Result<QList<InputPlan>> planned = planInputs(model, options.inputShapes, &dynamicBatch);
    if (!planned.ok())
        return planned.error();
    const QList<InputPlan>& inputs = planned.value();

    std::vector<std::uint64_t> batches;
    for (qint64 b : options.batches)
        batches.push_back(std::uint64_t(b));
    std::sort(batches.begin(), batches.end());
    batches.erase(std::unique(batches.begin(), batches.end()), batches.end());
    // A request too large for every batch with chunking off: refused before any session is made.
    for (std::uint64_t n : options.requests) {
        std::vector<wb::dispatch::Step> steps;
        std::string why;
        if (!wb::dispatch::planRequest(n, batches, options.chunking, steps, &why))
            return Error { QStringLiteral("too_large"), QString::fromStdString(why) + QLatin1Char('.'), {} };
    }
    const bool wantStatic = std::any_of(
        options.strategies.begin(), options.strategies.end(), [](Strategy s) { return s != Strategy::Dynamic; });
    const bool wantDynamic = std::find(options.strategies.begin(), options.strategies.end(), Strategy::Dynamic)
        != options.strategies.end();
    if (wantDynamic && !dynamicBatch) {
        return optionError(QStringLiteral("The dynamic strategy needs a model whose inputs have a dynamic batch dim; "
                                          "%1 has a fixed one. Leave dynamic out, or export the model with a dynamic "
                                          "batch axis.")
                               .arg(QDir::toNativeSeparators(options.modelPath)));
    }

    std::unique_ptr<QTemporaryDir> temporary;
    QString workDir = options.workDir;
    if (workDir.isEmpty()) {
        temporary = std::make_unique<QTemporaryDir>();
        if (!temporary->isValid())
            return Error { QStringLiteral("write_failed"), QStringLiteral("Cannot create a temporary folder."), {} };
        workDir = temporary->path();
    } else if (!QDir().mkpath(workDir)) {
        return Error { QStringLiteral("write_failed"),
            QStringLiteral("Cannot create %1.").arg(QDir::toNativeSeparators(workDir)), {} };
    }

    CpuDispatchResult result;
    result.runtime = runtime.value();
    QElapsedTimer sessionTimer;
    sessionTimer.start();
    const std::uint64_t largest = batches.back();
    std::vector<std::uint64_t> calibrated; // every batch size built or proposed, when calibrating
    if (options.calibrationRuns > 0) {
        calibrated = batches;
        for (qint64 b : options.proposed) {
            if (b < 1)
                return optionError(QStringLiteral("Proposed batch size %1 is below 1.").arg(b));
            calibrated.push_back(std::uint64_t(b));
        }
        std::sort(calibrated.begin(), calibrated.end());
        calibrated.erase(std::unique(calibrated.begin(), calibrated.end()), calibrated.end());
    }
    std::map<std::uint64_t, std::unique_ptr<ort::Session>> sessions; // per static batch
    for (std::uint64_t b : calibrated.empty() ? batches : calibrated) {
        const bool needed = std::any_of(options.strategies.begin(), options.strategies.end(), [&](Strategy s) {
            return s == Strategy::PerBatch || (s == Strategy::Max && b == largest);
        }) || !calibrated.empty();
        if ((!wantStatic && calibrated.empty()) || !needed)
            continue;
        if (control.cancel && control.cancel->load())
            return Error { QStringLiteral("cancelled"), QStringLiteral("The run was cancelled."), {} };
        const QString path = QDir(workDir).filePath(
            QStringLiteral("%1_b%2.onnx").arg(QFileInfo(options.modelPath).completeBaseName()).arg(b));
        QFile::remove(path);
        QFile::remove(path + QStringLiteral(".data"));
        Result<SurgeryResult> copy = writeStaticCopy(model, specsAt(inputs, qint64(b)), path);
        if (!copy.ok())
            return copy.error();
        auto session = ort::Session::open(path, options.intraOpThreads);
        if (!session)
            return session.error();
        Result<QList<HostTensor>> tensors = inputsAt(*session.value(), inputs, qint64(b), options.seed);
        if (!tensors.ok())
            return tensors.error();
        if (auto err = session.value()->bind(tensors.value()))
            return *err;
        sessions[b] = std::move(session).value();
    }
    std::unique_ptr<ort::Session> dynamicSession;
    std::map<std::uint64_t, QList<HostTensor>> gearInputs;
    if (wantDynamic) {
        auto session = ort::Session::open(options.modelPath, options.intraOpThreads);
        if (!session)
            return session.error();
        dynamicSession = std::move(session).value();
        for (std::uint64_t g : batches) {
            Result<QList<HostTensor>> tensors = inputsAt(*dynamicSession, inputs, qint64(g), options.seed);
            if (!tensors.ok())
                return tensors.error();
            gearInputs[g] = tensors.value();
        }
    }
    result.sessionMs = double(sessionTimer.nsecsElapsed()) / 1e6;

    std::uint64_t boundGear = 0;
    // Runs one step on the session the strategy uses for `batch`; ms of the run (and of a re-bind for a gear).
    const auto runStep = [&](Strategy strategy, std::uint64_t batch) -> std::optional<Error> {
        double ms = 0;
        if (strategy == Strategy::Dynamic) {
            if (boundGear != batch) {
                if (auto err = dynamicSession->bind(gearInputs[batch]))
                    return err;
                boundGear = batch;
            }
            return dynamicSession->run(&ms, nullptr);
        }
        return sessions[batch]->run(&ms, nullptr);
    };

    std::vector<wb::dispatch::Step> steps;
    steps.reserve(16);
    for (Strategy strategy : options.strategies) {
        std::vector<std::uint64_t> targets
            = strategy == Strategy::Max ? std::vector<std::uint64_t> { largest } : batches;
        for (int w = 0; w < options.warmup; ++w) {
            for (std::uint64_t b : targets) {
                if (auto err = runStep(strategy, b))
                    return *err;
            }
        }
        std::vector<double> latency;
        latency.reserve(options.requests.size());
        std::uint64_t samples = 0, executed = 0, padded = 0;
        for (std::size_t r = 0; r < options.requests.size(); ++r) {
            if (control.cancel && control.cancel->load())
                return Error { QStringLiteral("cancelled"), QStringLiteral("The run was cancelled."), {} };
            const std::uint64_t n = options.requests[r];
            std::string why;
            if (!wb::dispatch::planRequest(n, targets, options.chunking, steps, &why))
                return Error { QStringLiteral("too_large"), QString::fromStdString(why) + QLatin1Char('.'), {} };
            const auto t0 = std::chrono::steady_clock::now();
            for (const wb::dispatch::Step& step : steps) {
                if (auto err = runStep(strategy, step.batch))
                    return *err;
            }
            const auto t1 = std::chrono::steady_clock::now();
            const double ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
            DispatchRecord record;
            record.strategy = strategy;
            record.index = int(r);
            record.samples = qint64(n);
            record.batch = steps.empty() ? 0 : qint64(steps.front().batch);
            record.chunks = int(steps.size());
            for (const wb::dispatch::Step& step : steps) {
                record.executed += qint64(step.batch);
                record.padding += qint64(step.padding);
            }
            record.ms = ms;
            samples += n;
            executed += std::uint64_t(record.executed);
            padded += std::uint64_t(record.padding);
            latency.push_back(ms);
            result.records << record;
            if (control.progress)
                control.progress({ false, int(r) + 1, int(options.requests.size()), ms });
        }
        wb::dispatch::Measured m;
        m.strategy = strategy;
        m.batches = targets;
        m.stats = wb::dispatch::summariseStrategy(latency, samples, executed, padded);
        result.measured.push_back(m);
    }
    // Calibration: one execution per run of every built or proposed batch size (after `warmup` untimed ones), for
    // the subset search.
    for (std::uint64_t b : calibrated) {
        for (int w = 0; w < options.warmup; ++w) {
            if (auto err = runStep(Strategy::PerBatch, b))
                return *err;
        }
        wb::dispatch::BatchSamples samples;
        samples.batch = b;
        samples.calibrationRuns = std::uint64_t(options.calibrationRuns);
        for (int i = 0; i < options.calibrationRuns; ++i) {
            if (control.cancel && control.cancel->load())
                return Error { QStringLiteral("cancelled"), QStringLiteral("The run was cancelled."), {} };
            const auto t0 = std::chrono::steady_clock::now();
            if (auto err = runStep(Strategy::PerBatch, b))
                return *err;
            samples.ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        result.calibration.push_back(std::move(samples));
    }
    result.recommendation = wb::dispatch::recommend(result.measured, options.latencyBudgetMs);
    log::run()->info("CPU dispatch of {}: {} requests x {} strategies, sessions {:.1f} ms",
        options.modelPath.toStdString(), options.requests.size(), options.strategies.size(), result.sessionMs);
    return result;
#endif
}

} // namespace

Result<CpuDispatchResult> runDispatchOnCpu(const CpuDispatchOptions& options, const CpuRunControl& control)
{
    try {
        return runUnguarded(options, control);
    } catch (const std::bad_alloc&) {
        return Error { QStringLiteral("out_of_memory"),
            QStringLiteral("The CPU dispatch run of %1 ran out of memory")
                .arg(QDir::toNativeSeparators(options.modelPath)),
            {} };
    } catch (const std::exception& e) {
        return Error { QStringLiteral("internal"),
            QStringLiteral("The CPU dispatch run of %1 failed: %2")
                .arg(QDir::toNativeSeparators(options.modelPath), QString::fromLocal8Bit(e.what())),
            {} };
    }
}

} // namespace wb
