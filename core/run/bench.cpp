#include "run/bench.h"
#include "run/benchtext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>
#include <QThread>

namespace wb {

namespace {

Error badRequest(const QString& message)
{
    return { QStringLiteral("bad_request"), message, {} };
}

QString shown(const QString& path)
{
    return QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
}

bool isFileList(const QString& inputData)
{
    return inputData != QLatin1String("zeros") && inputData != QLatin1String("random");
}

QStringList splitFiles(const QString& inputData)
{
    QStringList files;
    for (const QString& f : inputData.split(QLatin1Char(','), Qt::SkipEmptyParts))
        files.append(f.trimmed());
    return files;
}

} // namespace

QString benchRunnerName(BenchRequest::Runner runner)
{
    switch (runner) {
    case BenchRequest::Runner::Auto:
        return QStringLiteral("auto");
    case BenchRequest::Runner::OnnxRuntime:
        return QStringLiteral("onnxruntime");
    case BenchRequest::Runner::OmRunner:
        return QStringLiteral("om-runner");
    case BenchRequest::Runner::AisBench:
        return QStringLiteral("ais-bench");
    case BenchRequest::Runner::Msame:
        return QStringLiteral("msame");
    }
    return QStringLiteral("auto");
}

std::optional<BenchRequest::Runner> benchRunnerFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    for (auto r : { BenchRequest::Runner::Auto, BenchRequest::Runner::OnnxRuntime, BenchRequest::Runner::OmRunner,
             BenchRequest::Runner::AisBench, BenchRequest::Runner::Msame }) {
        if (n == benchRunnerName(r))
            return r;
    }
    if (n == QLatin1String("ort"))
        return BenchRequest::Runner::OnnxRuntime;
    if (n == QLatin1String("ais_bench"))
        return BenchRequest::Runner::AisBench;
    if (n == QLatin1String("om_runner"))
        return BenchRequest::Runner::OmRunner;
    return std::nullopt;
}

QString benchTargetName(BenchRequest::Target target, int device)
{
    return target == BenchRequest::Target::Cpu ? QStringLiteral("cpu") : QStringLiteral("npu:%1").arg(device);
}

bool parseBenchTarget(const QString& text, BenchRequest::Target* target, int* device)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("cpu")) {
        *target = BenchRequest::Target::Cpu;
        *device = 0;
        return true;
    }
    if (t == QLatin1String("npu")) {
        *target = BenchRequest::Target::Npu;
        *device = 0;
        return true;
    }
    if (!t.startsWith(QLatin1String("npu:")))
        return false;
    bool ok = false;
    const int id = t.mid(4).toInt(&ok);
    if (!ok || id < 0 || id > 255)
        return false;
    *target = BenchRequest::Target::Npu;
    *device = id;
    return true;
}

BenchRequest::Target defaultTargetFor(const QString& model)
{
    return model.endsWith(QLatin1String(".om"), Qt::CaseInsensitive) ? BenchRequest::Target::Npu
                                                                     : BenchRequest::Target::Cpu;
}

BenchRequest::Runner effectiveRunner(const BenchRequest& request)
{
    if (request.runner != BenchRequest::Runner::Auto)
        return request.runner;
    return request.target == BenchRequest::Target::Cpu ? BenchRequest::Runner::OnnxRuntime
                                                       : BenchRequest::Runner::OmRunner;
}

std::optional<Error> validateBenchRequest(const BenchRequest& r)
{
    const BenchRequest::Runner runner = effectiveRunner(r);
    const QString runnerName = benchRunnerName(runner);
    if (r.model.isEmpty())
        return badRequest(englishText(benchtext::kNoModel));
    const QFileInfo model(r.model);
    if (!model.exists())
        return Error { QStringLiteral("not_found"), englishText(benchtext::kModelMissing).arg(shown(r.model)), {} };
    if (!model.isFile())
        return Error { QStringLiteral("not_found"), englishText(benchtext::kModelNotAFile).arg(shown(r.model)), {} };
    const bool isOm = r.model.endsWith(QLatin1String(".om"), Qt::CaseInsensitive);
    const bool isOnnx = r.model.endsWith(QLatin1String(".onnx"), Qt::CaseInsensitive);
    if (r.target == BenchRequest::Target::Cpu) {
        if (runner != BenchRequest::Runner::OnnxRuntime)
            return badRequest(QStringLiteral("%1 runs offline models on an Ascend NPU, not on the CPU: choose target "
                                             "npu:N, or ONNX Runtime for the CPU.")
                                  .arg(runnerName));
        if (isOm)
            return badRequest(QStringLiteral("%1 is an offline model (.om) for an Ascend NPU; ONNX Runtime cannot run "
                                             "it. Choose target npu:N, or run the .onnx it was converted from.")
                                  .arg(shown(r.model)));
    } else {
        if (runner == BenchRequest::Runner::OnnxRuntime)
            return badRequest(QStringLiteral("ONNX Runtime runs on the CPU only: choose target cpu, or an NPU runner "
                                             "(om-runner, ais-bench, msame)."));
        if (isOnnx)
            return badRequest(QStringLiteral("%1 is an ONNX model; an NPU runs offline models (.om). Convert it "
                                             "with ATC first, or run it on the CPU (target cpu).")
                                  .arg(shown(r.model)));
        if (r.device < 0 || r.device > 255)
            return badRequest(QStringLiteral("NPU device id %1 is out of range (0 to 255).").arg(r.device));
    }
    if (r.loops < 1)
        return badRequest(QStringLiteral("At least one loop is needed (got %1).").arg(r.loops));
    if (runner == BenchRequest::Runner::OmRunner && r.loops > 10000000)
        return badRequest(QStringLiteral("om-runner runs at most 10,000,000 loops (got %1).").arg(r.loops));
    if (runner == BenchRequest::Runner::Msame && r.loops > 100)
        return badRequest(QStringLiteral("msame runs 1 to 100 loops (got %1); use om-runner or ais-bench for longer "
                                         "runs.")
                              .arg(r.loops));
    if (r.profileOps && runner != BenchRequest::Runner::OmRunner)
        return badRequest(QStringLiteral("Profiling operators needs om-runner on an NPU (--runner om-runner); for "
                                         "other runners run them under msprof and open its PROF_* folder."));
    if (!r.msprof.isEmpty() && runner == BenchRequest::Runner::OnnxRuntime)
        return badRequest(QStringLiteral("msprof profiles NPU runs: choose an .om and an NPU target."));
    if (r.warmup < 0)
        return badRequest(
            QStringLiteral("The number of warm-up iterations cannot be negative (got %1).").arg(r.warmup));
    if (r.batch < 0)
        return badRequest(QStringLiteral("The batch cannot be negative (got %1).").arg(r.batch));
    if (r.threads < 0)
        return badRequest(QStringLiteral("The number of threads cannot be negative (got %1).").arg(r.threads));
    if (r.timeBudgetSec < 0 || r.timeBudgetSec > 86400)
        return badRequest(
            QStringLiteral("The time budget must be 0 (none) to 86400 s (got %1 s).").arg(r.timeBudgetSec));
    if (r.timeoutSec < 0)
        return badRequest(QStringLiteral("The timeout cannot be negative (got %1 s).").arg(r.timeoutSec));
    if (r.inputData.trimmed().isEmpty())
        return badRequest(QStringLiteral("No input data was chosen: use zeros, random or a list of files."));
    if (runner == BenchRequest::Runner::Msame && r.inputData == QLatin1String("random"))
        return badRequest(QStringLiteral("msame cannot generate random input (only zeros or .bin files); use zeros, "
                                         "files, or om-runner / ais-bench."));
    if (isFileList(r.inputData)) {
        for (const QString& file : splitFiles(r.inputData)) {
            if (!QFileInfo::exists(file))
                return Error { QStringLiteral("not_found"),
                    QStringLiteral("Input file %1 does not exist (input data is zeros, random, or comma-separated "
                                   "files).")
                        .arg(shown(file)),
                    {} };
        }
    }
    return std::nullopt;
}

QJsonObject benchRecipe(const BenchRequest& r)
{
    QJsonObject o;
    o.insert(QStringLiteral("runner"), benchRunnerName(effectiveRunner(r)));
    o.insert(QStringLiteral("target"), benchTargetName(r.target, r.device));
    o.insert(QStringLiteral("model"), r.model.isEmpty() ? QString() : QFileInfo(r.model).absoluteFilePath());
    o.insert(QStringLiteral("loops"), r.loops);
    o.insert(QStringLiteral("warmup"), r.warmup);
    o.insert(QStringLiteral("input_shape"), formatInputShapeSpec(r.inputShapes));
    o.insert(QStringLiteral("input_data"), r.inputData);
    o.insert(QStringLiteral("batch"), r.batch);
    o.insert(QStringLiteral("threads"), r.threads);
    o.insert(QStringLiteral("tool_path"), r.toolPath);
    o.insert(QStringLiteral("output_dir"), r.outputDir);
    o.insert(QStringLiteral("timeout_s"), r.timeoutSec);
    if (r.timeBudgetSec > 0)
        o.insert(QStringLiteral("time_budget_s"), r.timeBudgetSec);
    return o;
}

QString benchHostDescription()
{
    QString cpu;
    QFile info(QStringLiteral("/proc/cpuinfo"));
    // /proc files report size 0 (atEnd() is true at once): read them whole.
    if (info.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : info.readAll().split('\n')) {
            if (line.startsWith("model name")) {
                cpu = QString::fromUtf8(line.mid(line.indexOf(':') + 1)).simplified();
                break;
            }
        }
    }
    if (cpu.isEmpty())
        cpu = QSysInfo::currentCpuArchitecture();
    return QStringLiteral("%1: %2 (%3 logical CPUs)")
        .arg(QSysInfo::machineHostName(), cpu)
        .arg(QThread::idealThreadCount());
}

} // namespace wb
