#include "cpurunner.h"

#include "logging/logging.h"
#include "ortsession_p.h"
#include "runinputs_p.h"
#include "tensorfile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <exception>
#include <new>

namespace wb {

namespace {

[[maybe_unused]] bool cancelled(const CpuRunControl& control)
{
    return control.cancel && control.cancel->load();
}

[[maybe_unused]] Error cancelError(int done, int total)
{
    return { QStringLiteral("cancelled"),
        QStringLiteral("The CPU run was cancelled after %1 of %2 measured iterations").arg(done).arg(total), {} };
}

std::optional<Error> checkOptions(const CpuRunOptions& o)
{
    const auto bad = [](const QString& message) { return Error { QStringLiteral("bad_options"), message, {} }; };
    if (o.iterations < 1)
        return bad(QStringLiteral("At least one iteration is needed (got %1)").arg(o.iterations));
    if (o.warmup < 0)
        return bad(QStringLiteral("The number of warm-up runs cannot be negative (got %1)").arg(o.warmup));
    if (o.intraOpThreads < 0)
        return bad(QStringLiteral("The number of threads cannot be negative (got %1)").arg(o.intraOpThreads));
    if (o.fill == InputFill::Files && o.inputFiles.isEmpty())
        return bad(QStringLiteral("Input data from files was chosen, but no input files were given"));
    const QFileInfo model(o.modelPath);
    if (o.modelPath.isEmpty() || !model.exists())
        return Error { QStringLiteral("not_found"),
            QStringLiteral("Model %1 does not exist").arg(QDir::toNativeSeparators(o.modelPath)), {} };
    if (!model.isFile())
        return Error { QStringLiteral("not_found"),
            QStringLiteral("%1 is not a file").arg(QDir::toNativeSeparators(o.modelPath)), {} };
    return std::nullopt;
}

// Writes input_N.pb and output_N.pb into `dir`, removing older ones first so the set is consistent.
[[maybe_unused]] Result<QStringList> saveDataSet(
    const QString& dir, const QList<HostTensor>& inputs, const QList<HostTensor>& outputs)
{
    QDir d(dir);
    if (!d.mkpath(QStringLiteral(".")))
        return Error { QStringLiteral("write_failed"),
            QStringLiteral("Cannot create the folder %1").arg(QDir::toNativeSeparators(dir)), {} };
    for (const QString& old : d.entryList({ QStringLiteral("input_*.pb"), QStringLiteral("output_*.pb") }, QDir::Files))
        d.remove(old);
    QStringList saved;
    const auto write = [&](const QList<HostTensor>& tensors, const char* prefix) -> std::optional<Error> {
        for (qsizetype i = 0; i < tensors.size(); ++i) {
            const QString path = d.absoluteFilePath(QStringLiteral("%1_%2.pb").arg(QLatin1String(prefix)).arg(i));
            auto ok = writeTensorFile(tensors[i], path);
            if (!ok)
                return ok.error();
            saved.append(path);
        }
        return std::nullopt;
    };
    if (auto err = write(inputs, "input"))
        return *err;
    if (auto err = write(outputs, "output"))
        return *err;
    return saved;
}

} // namespace

namespace {

Result<CpuRunResult> runOnCpuUnguarded(const CpuRunOptions& options, const CpuRunControl& control)
{
    auto runtime = loadOnnxRuntime(options.runtime);
    if (!runtime)
        return runtime.error();
    if (auto err = checkOptions(options))
        return *err;
#ifndef WB_HAVE_ORT_HEADERS
    Q_UNUSED(control)
    return Error { QStringLiteral("ort_not_built"), QStringLiteral("ONNX Runtime support was not built in"), {} };
#else
    if (cancelled(control))
        return cancelError(0, options.iterations);

    CpuRunResult result;
    result.runtime = runtime.value();
    result.intraOpThreads = options.intraOpThreads;
    QElapsedTimer timer;
    timer.start();
    auto session = ort::Session::open(options.modelPath, options.intraOpThreads);
    if (!session)
        return session.error();
    result.sessionMs = double(timer.nsecsElapsed()) / 1e6;
    ort::Session& s = *session.value();

    auto inputs = detail::prepareInputs(s.inputs(), options);
    if (!inputs)
        return inputs.error();
    result.inputs = inputs.value();
    if (auto err = s.bind(std::move(inputs).value()))
        return *err;

    const int total = options.warmup + options.iterations;
    for (int run = 0; run < total; ++run) {
        if (cancelled(control))
            return cancelError(qMax(0, run - options.warmup), options.iterations);
        const bool warmup = run < options.warmup;
        const bool last = run == total - 1;
        double ms = 0.0;
        if (auto err = s.run(&ms, last ? &result.outputs : nullptr))
            return *err;
        (warmup ? result.warmupMs : result.iterationMs).append(ms);
        if (control.progress)
            control.progress({ warmup, warmup ? run + 1 : run - options.warmup + 1,
                warmup ? options.warmup : options.iterations, ms });
    }

    if (!options.outputDir.isEmpty()) {
        auto saved = saveDataSet(options.outputDir, result.inputs, result.outputs);
        if (!saved)
            return saved.error();
        result.savedFiles = saved.value();
    }
    log::run()->info("CPU run of {}: {} iterations on {} thread(s), session {:.1f} ms, last {:.3f} ms",
        options.modelPath, result.iterationMs.size(), options.intraOpThreads, result.sessionMs,
        result.iterationMs.constLast());
    return result;
#endif
}

} // namespace

Result<CpuRunResult> runOnCpu(const CpuRunOptions& options, const CpuRunControl& control)
{
    // Nothing may escape to the worker thread that calls this: an exception there would leave its caller waiting.
    try {
        return runOnCpuUnguarded(options, control);
    } catch (const std::bad_alloc&) {
        return Error { QStringLiteral("out_of_memory"),
            QStringLiteral("The CPU run of %1 ran out of memory").arg(QDir::toNativeSeparators(options.modelPath)),
            {} };
    } catch (const std::exception& e) {
        return Error { QStringLiteral("internal"),
            QStringLiteral("The CPU run of %1 failed: %2")
                .arg(QDir::toNativeSeparators(options.modelPath), QString::fromLocal8Bit(e.what())),
            {} };
    }
}

} // namespace wb
