// Finding the NPU benchmark tools and building their command lines.
#include "run/benchtools.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace wb {

namespace {

const QString kPointAtIt = QStringLiteral("or point at it with the tool path (atcwb bench --tool PATH)");

QString findOnPath(const QString& name, const QString& path)
{
    if (path.isEmpty())
        return QStandardPaths::findExecutable(name);
    return QStandardPaths::findExecutable(name, path.split(QLatin1Char(':'), Qt::SkipEmptyParts));
}

bool isExecutableFile(const QString& path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

Error missing(const QString& message)
{
    return { QStringLiteral("tool_missing"), message, {} };
}

// The explicit tool path: an absolute/relative file, or a bare name looked up on PATH.
Result<QString> explicitTool(const QString& runnerName, const BenchToolSearch& search)
{
    QString program = search.toolPath;
    if (!program.contains(QLatin1Char('/'))) {
        program = findOnPath(search.toolPath, search.path);
        if (program.isEmpty())
            return missing(QStringLiteral("The %1 tool path '%2' is not a file and no such command is on PATH.")
                               .arg(runnerName, search.toolPath));
    }
    const QFileInfo info(program);
    if (!info.exists())
        return missing(QStringLiteral("The %1 tool path %2 does not exist.")
                           .arg(runnerName, QDir::toNativeSeparators(info.absoluteFilePath())));
    if (!isExecutableFile(program))
        return missing(QStringLiteral("The %1 tool path %2 is not an executable file.")
                           .arg(runnerName, QDir::toNativeSeparators(info.absoluteFilePath())));
    return info.absoluteFilePath();
}

BenchTool::Flavour aisFlavourOf(const QString& program)
{
    const QString name = QFileInfo(program).fileName();
    if (name == QLatin1String("msit") || name == QLatin1String("ait"))
        return BenchTool::Flavour::Msit;
    if (name.startsWith(QLatin1String("python")))
        return BenchTool::Flavour::AisBenchPython;
    return BenchTool::Flavour::AisBench;
}

BenchTool makeTool(BenchTool::Flavour flavour, const QString& program, const QString& source)
{
    BenchTool tool;
    tool.flavour = flavour;
    tool.program = program;
    tool.source = source;
    if (flavour == BenchTool::Flavour::AisBenchPython)
        tool.prefix = QStringList { QStringLiteral("-m"), QStringLiteral("ais_bench") };
    else if (flavour == BenchTool::Flavour::Msit)
        tool.prefix = QStringList { QStringLiteral("benchmark") };
    return tool;
}

QStringList inputFiles(const QString& inputData)
{
    QStringList files;
    for (const QString& f : inputData.split(QLatin1Char(','), Qt::SkipEmptyParts))
        files.append(QFileInfo(f.trimmed()).absoluteFilePath());
    return files;
}

} // namespace

Result<BenchTool> locateBenchTool(BenchRequest::Runner runner, const BenchToolSearch& search)
{
    const QString name = benchRunnerName(runner);
    switch (runner) {
    case BenchRequest::Runner::Auto:
    case BenchRequest::Runner::OnnxRuntime:
        return Error { QStringLiteral("bad_request"), QStringLiteral("%1 is not an external tool.").arg(name), {} };
    case BenchRequest::Runner::OmRunner: {
        if (!search.toolPath.isEmpty()) {
            auto program = explicitTool(name, search);
            if (!program.ok())
                return program.error();
            return makeTool(BenchTool::Flavour::OmRunner, program.value(), QStringLiteral("tool path"));
        }
        const QString besideApp = QDir(search.appDir).filePath(QStringLiteral("om-runner"));
        if (!search.appDir.isEmpty() && isExecutableFile(besideApp))
            return makeTool(BenchTool::Flavour::OmRunner, besideApp, QStringLiteral("next to the application"));
        const QString onPath = findOnPath(QStringLiteral("om-runner"), search.path);
        if (!onPath.isEmpty())
            return makeTool(BenchTool::Flavour::OmRunner, onPath, QStringLiteral("PATH"));
        return missing(QStringLiteral("om-runner was not found next to the application (%1) or on PATH. It is built "
                                      "and installed with ATC Workbench (bin/om-runner; build target om-runner); "
                                      "install it there, put it on PATH, %2.")
                           .arg(QDir::toNativeSeparators(search.appDir), kPointAtIt));
    }
    case BenchRequest::Runner::Msame: {
        if (!search.toolPath.isEmpty()) {
            auto program = explicitTool(name, search);
            if (!program.ok())
                return program.error();
            return makeTool(BenchTool::Flavour::Msame, program.value(), QStringLiteral("tool path"));
        }
        const QString onPath = findOnPath(QStringLiteral("msame"), search.path);
        if (!onPath.isEmpty())
            return makeTool(BenchTool::Flavour::Msame, onPath, QStringLiteral("PATH"));
        return missing(QStringLiteral("msame was not found on PATH. Build it from github.com/Ascend/tools (msame/, "
                                      "./build.sh g++ OUT with DDK_PATH and NPU_HOST_LIB set to the CANN toolkit) and "
                                      "put it on PATH, %1. om-runner, which ships with ATC Workbench, needs no build.")
                           .arg(kPointAtIt));
    }
    case BenchRequest::Runner::AisBench:
        break;
    }
    if (!search.toolPath.isEmpty()) {
        auto program = explicitTool(name, search);
        if (!program.ok())
            return program.error();
        return makeTool(aisFlavourOf(program.value()), program.value(), QStringLiteral("tool path"));
    }
    for (const auto& [command, flavour] :
        { std::pair { "ais_bench", BenchTool::Flavour::AisBench }, std::pair { "msit", BenchTool::Flavour::Msit },
            std::pair { "python3", BenchTool::Flavour::AisBenchPython } }) {
        const QString onPath = findOnPath(QLatin1String(command), search.path);
        if (!onPath.isEmpty())
            return makeTool(flavour, onPath, QStringLiteral("PATH"));
    }
    return missing(QStringLiteral("ais_bench was not found: no ais_bench or msit command and no python3 on PATH. "
                                  "Install the aclruntime and ais_bench wheels (github.com/Ascend/tools, "
                                  "ais-bench_workload/tool/ais_bench) or msit with its benchmark component, %1.")
                       .arg(kPointAtIt));
}

ToolInvocation benchInvocation(const BenchRequest& r, const BenchTool& tool, const QString& outputDir)
{
    ToolInvocation inv;
    inv.program = tool.program;
    inv.environment = r.environment;
    inv.timeoutMs = r.timeoutSec > 0 ? r.timeoutSec * 1000 : 0;
    const QString model = QFileInfo(r.model).absoluteFilePath();
    const QString device = QString::number(r.device);
    const QString loops = QString::number(r.loops);
    const QString warmup = QString::number(r.warmup);
    const bool files = r.inputData != QLatin1String("zeros") && r.inputData != QLatin1String("random");
    QStringList& a = inv.arguments;
    a = tool.prefix;
    switch (tool.flavour) {
    case BenchTool::Flavour::OmRunner:
        a << QStringLiteral("--model") << model << QStringLiteral("--device") << device << QStringLiteral("--loops")
          << loops << QStringLiteral("--warmup") << warmup << QStringLiteral("--input")
          << (files ? inputFiles(r.inputData).join(QLatin1Char(',')) : r.inputData);
        if (r.batch > 0)
            a << QStringLiteral("--batch") << QString::number(r.batch);
        if (!outputDir.isEmpty())
            a << QStringLiteral("--output-dir") << outputDir;
        if (r.profileOps)
            a << QStringLiteral("--profile");
        break;
    case BenchTool::Flavour::Msame: {
        a << QStringLiteral("--model") << model << QStringLiteral("--device") << device << QStringLiteral("--loop")
          << loops << QStringLiteral("--output") << outputDir << QStringLiteral("--outfmt") << QStringLiteral("BIN");
        if (files)
            a << QStringLiteral("--input") << inputFiles(r.inputData).join(QLatin1Char(','));
        // msame prints with printf/cout, block-buffered into a pipe: line buffering makes its times arrive live.
        const QString stdbuf = findOnPath(QStringLiteral("stdbuf"), r.environment.value(QStringLiteral("PATH")));
        if (!stdbuf.isEmpty()) {
            inv.program = stdbuf;
            a.prepend(tool.program);
            a.prepend(QStringLiteral("-oL"));
        }
        break;
    }
    case BenchTool::Flavour::AisBench:
    case BenchTool::Flavour::AisBenchPython:
        a << QStringLiteral("--model") << model << QStringLiteral("--device") << device << QStringLiteral("--loop")
          << loops << QStringLiteral("--warmup_count") << warmup << QStringLiteral("--output") << outputDir;
        if (files)
            a << QStringLiteral("--input") << inputFiles(r.inputData).join(QLatin1Char(','));
        else
            a << QStringLiteral("--pure_data_type")
              << (r.inputData == QLatin1String("random") ? QStringLiteral("random") : QStringLiteral("zero"));
        if (r.batch > 0)
            a << QStringLiteral("--batchsize") << QString::number(r.batch);
        break;
    case BenchTool::Flavour::Msit:
        a << QStringLiteral("--om-model") << model << QStringLiteral("--device") << device << QStringLiteral("--loop")
          << loops << QStringLiteral("--warmup-count") << warmup << QStringLiteral("--output") << outputDir;
        if (files)
            a << QStringLiteral("--input") << inputFiles(r.inputData).join(QLatin1Char(','));
        else
            a << QStringLiteral("--pure-data-type")
              << (r.inputData == QLatin1String("random") ? QStringLiteral("random") : QStringLiteral("zero"));
        if (r.batch > 0)
            a << QStringLiteral("--batch-size") << QString::number(r.batch);
        break;
    }
    if (tool.flavour != BenchTool::Flavour::OmRunner && tool.flavour != BenchTool::Flavour::Msame) {
        // ais_bench is Python: unbuffered, its lines arrive as they are printed.
        if (inv.environment.isEmpty())
            inv.environment = QProcessEnvironment::systemEnvironment();
        inv.environment.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    }
    return inv;
}

QList<double> readAisBenchSummaryTimes(const QString& dir, const QDateTime& notBefore)
{
    QString newest;
    QDateTime newestTime;
    QDirIterator it(dir, { QStringLiteral("*_summary.json") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        // File times have whole-second precision on some file systems: allow the second the run started in.
        const QDateTime modified = QFileInfo(path).lastModified();
        if (notBefore.isValid() && modified.addSecs(1) < notBefore)
            continue;
        if (newest.isEmpty() || modified > newestTime) {
            newest = path;
            newestTime = modified;
        }
    }
    if (newest.isEmpty())
        return {};
    QFile file(newest);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonArray list = QJsonDocument::fromJson(file.read(64 * 1024 * 1024))
                                .object()
                                .value(QLatin1String("npu_compute_time_list"))
                                .toArray();
    QList<double> times;
    for (const QJsonValue& v : list) {
        if (!v.isDouble())
            return {};
        times.append(v.toDouble());
    }
    return times;
}

} // namespace wb
