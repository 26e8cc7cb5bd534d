// The NPU tools as values, without running them: where each is found, its exact command line, and how its parsed
// output and ending become a BenchResult (recorded samples, exit 0 with [ERROR] lines, cancel, crash, no module).
#include "parsing/aisbench.h"
#include "parsing/msame.h"
#include "parsingtestutil.h"
#include "run/benchtools.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace wb;
using Runner = BenchRequest::Runner;

namespace {

bool makeExecutable(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write("#!/bin/sh\nexit 0\n");
    f.close();
    return f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

BenchToolEnd ended(ToolResult::Kind kind, int exitCode = 0, const QStringList& lines = {})
{
    BenchToolEnd end;
    end.result.kind = kind;
    end.result.exitCode = exitCode;
    end.lastLines = lines;
    return end;
}

} // namespace

class TestBenchToolValues : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void locate_data();
    void locate();
    void invocations_data();
    void invocations();
    void msameOutcome_data();
    void msameOutcome();
    void aisBenchOutcome();
    void omRunnerOutcome();

private:
    QTemporaryDir m_dir;
    QString m_om;
};

void TestBenchToolValues::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_om = m_dir.filePath("model.om");
    QFile f(m_om);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("x");
}

void TestBenchToolValues::locate_data()
{
    QTest::addColumn<QString>("runner");
    QTest::addColumn<QStringList>("onPath"); // fake commands put on PATH
    QTest::addColumn<bool>("besideApp"); // an om-runner next to the application
    QTest::addColumn<QString>("toolPath"); // "@x" = <tmp>/x
    QTest::addColumn<QString>("program"); // expected file name, or "!code: phrase"
    QTest::addColumn<QStringList>("prefix");
    QTest::newRow("om-runner beside the app first") << "om-runner" << QStringList { "om-runner" } << true << ""
                                                    << "app/om-runner" << QStringList {};
    QTest::newRow("om-runner on PATH") << "om-runner" << QStringList { "om-runner" } << false << ""
                                       << "bin/om-runner" << QStringList {};
    QTest::newRow("om-runner missing") << "om-runner" << QStringList {} << false << ""
                                       << "!tool_missing: om-runner was not found next to the application"
                                       << QStringList {};
    QTest::newRow("om-runner tool path") << "om-runner" << QStringList { "om-runner" } << true << "@mine/om-runner"
                                         << "mine/om-runner" << QStringList {};
    QTest::newRow("tool path missing") << "om-runner" << QStringList {} << true << "@nope/om-runner"
                                       << "!tool_missing: does not exist" << QStringList {};
    QTest::newRow("tool path not executable") << "msame" << QStringList {} << false << "@plain.txt"
                                              << "!tool_missing: not an executable file" << QStringList {};
    QTest::newRow("msame on PATH") << "msame" << QStringList { "msame" } << false << ""
                                   << "bin/msame" << QStringList {};
    QTest::newRow("msame missing")
        << "msame" << QStringList {} << false << ""
        << "!tool_missing: msame was not found on PATH. Build it from github.com/Ascend/tools" << QStringList {};
    QTest::newRow("ais_bench command first")
        << "ais-bench" << QStringList { "python3", "msit", "ais_bench" } << false << ""
        << "bin/ais_bench" << QStringList {};
    QTest::newRow("then msit") << "ais-bench" << QStringList { "python3", "msit" } << false << ""
                               << "bin/msit" << QStringList { "benchmark" };
    QTest::newRow("then python3 -m ais_bench") << "ais-bench" << QStringList { "python3" } << false << ""
                                               << "bin/python3" << QStringList { "-m", "ais_bench" };
    QTest::newRow("ais_bench missing") << "ais-bench" << QStringList {} << false << ""
                                       << "!tool_missing: Install the aclruntime and ais_bench wheels"
                                       << QStringList {};
    QTest::newRow("tool path named msit") << "ais-bench" << QStringList {} << false << "@mine/msit"
                                          << "mine/msit" << QStringList { "benchmark" };
    QTest::newRow("tool path named python3.9") << "ais-bench" << QStringList {} << false << "@mine/python3.9"
                                               << "mine/python3.9" << QStringList { "-m", "ais_bench" };
    QTest::newRow("tool path by command name") << "ais-bench" << QStringList { "msit" } << false << "msit"
                                               << "bin/msit" << QStringList { "benchmark" };
}

void TestBenchToolValues::locate()
{
    QFETCH(QString, runner);
    QFETCH(QStringList, onPath);
    QFETCH(bool, besideApp);
    QFETCH(QString, toolPath);
    QFETCH(QString, program);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QDir root(tmp.path());
    QVERIFY(root.mkpath("bin") && root.mkpath("app") && root.mkpath("mine"));
    for (const QString& name : onPath)
        QVERIFY(makeExecutable(root.filePath("bin/" + name)));
    if (besideApp)
        QVERIFY(makeExecutable(root.filePath("app/om-runner")));
    for (const char* name : { "mine/om-runner", "mine/msit", "mine/python3.9" })
        QVERIFY(makeExecutable(root.filePath(QString::fromUtf8(name))));
    QFile plain(root.filePath("plain.txt"));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    if (toolPath.startsWith('@'))
        toolPath = root.filePath(toolPath.mid(1));

    const auto tool
        = locateBenchTool(*benchRunnerFromName(runner), { toolPath, root.filePath("app"), root.filePath("bin") });
    if (program.startsWith('!')) {
        QVERIFY(!tool.ok());
        const QString code = program.mid(1).section(':', 0, 0);
        const QString phrase = program.section(": ", 1);
        QCOMPARE(tool.error().code, code);
        QVERIFY2(tool.error().message.contains(phrase), qPrintable(tool.error().message));
        QVERIFY2(tool.error().message.contains("--tool") || code != "tool_missing" || !toolPath.isEmpty(),
            qPrintable(tool.error().message)); // says how to point at the tool
        return;
    }
    QVERIFY2(tool.ok(), tool.ok() ? "" : qPrintable(tool.error().message));
    QCOMPARE(tool.value().program, root.filePath(program));
    QTEST(tool.value().prefix, "prefix");
}

void TestBenchToolValues::invocations_data()
{
    QTest::addColumn<int>("flavour");
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("batch");
    QTest::addColumn<QStringList>("expected"); // after the program; "@om" = the model, "@out" = the output folder
    using F = BenchTool::Flavour;
    QTest::newRow("om-runner") << int(F::OmRunner) << "zeros" << 0
                               << QStringList { "--model", "@om", "--device", "2", "--loops", "20", "--warmup", "3",
                                      "--input", "random", "--output-dir", "@out" };
    QTest::newRow("om-runner batch") << int(F::OmRunner) << "zeros" << 4
                                     << QStringList { "--model", "@om", "--device", "2", "--loops", "20", "--warmup",
                                            "3", "--input", "random", "--batch", "4", "--output-dir", "@out" };
    QTest::newRow("ais_bench") << int(F::AisBench) << "" << 0
                               << QStringList { "--model", "@om", "--device", "2", "--loop", "20", "--warmup_count",
                                      "3", "--output", "@out", "--pure_data_type", "random" };
    QTest::newRow("python3 -m ais_bench")
        << int(F::AisBenchPython) << "" << 8
        << QStringList { "-m", "ais_bench", "--model", "@om", "--device", "2", "--loop", "20", "--warmup_count", "3",
               "--output", "@out", "--pure_data_type", "random", "--batchsize", "8" };
    QTest::newRow("msame") << int(F::Msame) << "" << 8
                           << QStringList { "--model", "@om", "--device", "2", "--loop", "20", "--output", "@out",
                                  "--outfmt", "BIN" };
    QTest::newRow("msit benchmark") << int(F::Msit) << "" << 8
                                    << QStringList { "benchmark", "--om-model", "@om", "--device", "2", "--loop", "20",
                                           "--warmup-count", "3", "--output", "@out", "--pure-data-type", "random",
                                           "--batch-size", "8" };
}

void TestBenchToolValues::invocations()
{
    QFETCH(int, flavour);
    QFETCH(int, batch);
    QFETCH(QStringList, expected);
    BenchRequest r;
    r.model = m_om;
    r.target = BenchRequest::Target::Npu;
    r.device = 2;
    r.loops = 20;
    r.warmup = 3;
    r.batch = batch;
    r.inputData = "random";
    r.timeoutSec = 9;
    BenchTool tool;
    tool.flavour = BenchTool::Flavour(flavour);
    tool.program = "/x/tool";
    if (tool.flavour == BenchTool::Flavour::AisBenchPython)
        tool.prefix = QStringList { "-m", "ais_bench" };
    if (tool.flavour == BenchTool::Flavour::Msit)
        tool.prefix = QStringList { "benchmark" };
    ToolInvocation inv = benchInvocation(r, tool, "/o");
    for (QString& a : expected)
        a = a == "@om" ? m_om : a == "@out" ? "/o" : a;
    if (tool.flavour == BenchTool::Flavour::Msame && inv.program != QLatin1String("/x/tool")) {
        // msame runs line-buffered through coreutils' stdbuf when there is one.
        QCOMPARE(QFileInfo(inv.program).fileName(), QStringLiteral("stdbuf"));
        QCOMPARE(inv.arguments.mid(0, 2), (QStringList { "-oL", "/x/tool" }));
        inv.program = inv.arguments.at(1);
        inv.arguments = inv.arguments.mid(2);
    }
    QCOMPARE(inv.program, QStringLiteral("/x/tool"));
    QCOMPARE(inv.arguments, expected);
    QCOMPARE(inv.timeoutMs, 9000);
    if (tool.flavour != BenchTool::Flavour::OmRunner && tool.flavour != BenchTool::Flavour::Msame)
        QCOMPARE(inv.environment.value("PYTHONUNBUFFERED"), QStringLiteral("1"));
    if (tool.flavour == BenchTool::Flavour::Msame)
        return;

    // Files: absolute, comma-separated, in place of the generated data.
    r.inputData = QStringLiteral("a.bin,b.bin");
    const QStringList args = benchInvocation(r, tool, "/o").arguments;
    const QString files = QDir::current().absoluteFilePath("a.bin") + "," + QDir::current().absoluteFilePath("b.bin");
    QCOMPARE(args.value(args.indexOf("--input") + 1), files);
    QVERIFY(!args.contains("--pure_data_type") && !args.contains("--pure-data-type"));
}

void TestBenchToolValues::msameOutcome_data()
{
    QTest::addColumn<QString>("sample");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("loop 10") << "msame_02_loop10_full_lifecycle.log" << 0 << true << "";
    // msame exits 0 after some failures: the [ERROR] lines decide.
    QTest::newRow("error, exit 0") << "msame_05_error_create_output.log" << 0 << false
                                   << "msame failed: EH0001: Value [0] for [size] is invalid. Reason: size must be "
                                      "greater than zero.; can't malloc buffer";
    QTest::newRow("error, exit 1") << "msame_05_error_create_output.log" << 1 << false << "EH0001";
}

void TestBenchToolValues::msameOutcome()
{
    QFETCH(QString, sample);
    QFETCH(int, exitCode);
    QFETCH(bool, ok);
    const RunnerReport report = parseMsameOutput(wbtest::readFile(wbtest::dataPath("runners/" + sample)));
    BenchRequest request;
    request.model = m_om;
    request.target = BenchRequest::Target::Npu;
    request.runner = Runner::Msame;
    request.loops = 10;
    BenchResult r = benchResultSkeleton(request);
    finishMsame(
        &r, request, report, ended(exitCode ? ToolResult::Kind::NonZeroExit : ToolResult::Kind::Finished, exitCode));
    QCOMPARE(r.ok, ok);
    if (!ok) {
        QFETCH(QString, phrase);
        QVERIFY2(r.error.contains(phrase), qPrintable(r.error));
        QCOMPARE(r.errorCode, QStringLiteral("run_failed"));
        return;
    }
    QCOMPARE(r.iterationsMs.size(), 10);
    QCOMPARE(r.stats.count, 10);
    QVERIFY(std::abs(r.stats.mean - *report.latency.mean) < 1e-3); // the printed average
    QCOMPARE(r.throughput, 1000.0 / r.stats.mean);
    QCOMPARE(r.device, QStringLiteral("Ascend NPU #0"));
    QVERIFY(r.warnings.join('\n').contains("no warm-up")); // 5 warm-up asked, msame has none
    QVERIFY(r.warnings.join('\n').contains("65.520")); // its own mean without the first run
}

void TestBenchToolValues::aisBenchOutcome()
{
    BenchRequest request;
    request.model = m_om;
    request.target = BenchRequest::Target::Npu;
    request.runner = Runner::AisBench;
    request.loops = 3;
    // --debug per-run times in the console.
    const RunnerReport debug
        = parseAisBenchOutput(wbtest::readFile(wbtest::dataPath("runners/ais_bench_synthetic_2022_debug.log")));
    BenchResult r = benchResultSkeleton(request);
    finishAisBench(&r, request, debug, {}, ended(ToolResult::Kind::Finished));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.iterationsMs, (QVector<double> { 31.7, 31.8, 31.718 }));
    QVERIFY(std::abs(r.stats.mean - *debug.latency.mean) < 1e-9);
    QVERIFY(std::abs(r.stats.p99 - *debug.latency.p99) < 1e-9);

    // Only the printed summary: what it printed, NaN for the rest, a warning; throughput from batch and mean.
    const RunnerReport basic
        = parseAisBenchOutput(wbtest::readFile(wbtest::dataPath("runners/ais_bench_04_msit_benchmark_basic.log")));
    r = benchResultSkeleton(request);
    finishAisBench(&r, request, basic, {}, ended(ToolResult::Kind::Finished));
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.iterationsMs.isEmpty());
    QCOMPARE(r.stats.mean, 2.4560000896453857);
    QCOMPARE(r.stats.count, 3);
    QVERIFY(std::isnan(r.stats.p90) && std::isnan(r.stats.stddev));
    QVERIFY(std::abs(r.throughput - 407.16610891670894) < 1e-6);
    QVERIFY(r.warnings.join('\n').contains("printed summary"));

    // The summary file's list wins over everything printed.
    r = benchResultSkeleton(request);
    finishAisBench(&r, request, basic, { 1.0, 2.0, 3.0 }, ended(ToolResult::Kind::Finished));
    QCOMPARE(r.stats.median, 2.0);
    QVERIFY(r.warnings.isEmpty());

    // No module: what to install.
    r = benchResultSkeleton(request);
    r.command = QStringList { "/usr/bin/python3", "-m", "ais_bench" };
    finishAisBench(&r, request, {}, {},
        ended(ToolResult::Kind::NonZeroExit, 1, { "/usr/bin/python3: No module named ais_bench" }));
    QCOMPARE(r.errorCode, QStringLiteral("tool_missing"));
    QVERIFY2(
        r.error.startsWith("/usr/bin/python3 has no ais_bench module. Install the aclruntime and ais_bench wheels"),
        qPrintable(r.error));
}

void TestBenchToolValues::omRunnerOutcome()
{
    BenchRequest request;
    request.model = m_om;
    request.target = BenchRequest::Target::Npu;
    request.loops = 3;
    OmRunnerParser parser;
    for (const char* line : { R"({"event":"start","protocol":1,"version":"0.1.0","library":"/t/libascendcl.so"})",
             R"({"event":"device","device":0,"soc":"Ascend310B1","acl_version":"1.10.0"})",
             R"({"event":"model","batch":2})", R"({"event":"iteration","index":0,"ms":4})",
             R"({"event":"iteration","index":1,"ms":6})" })
        parser.feed(QString::fromUtf8(line));
    BenchResult r = benchResultSkeleton(request);
    finishOmRunner(&r, request, parser.report(), ended(ToolResult::Kind::Cancelled));
    QCOMPARE(r.errorCode, QStringLiteral("cancelled"));
    QCOMPARE(r.error, QStringLiteral("The run was cancelled after 2 of 3 iterations."));
    QCOMPARE(r.stats.mean, 5.0); // what ran is still summarised
    QCOMPARE(r.batch, 2);
    QCOMPARE(r.throughput, 400.0);
    QCOMPARE(r.device, QStringLiteral("Ascend310B1 #0"));
    QCOMPARE(r.toolkit, QStringLiteral("AscendCL 1.10.0 (/t/libascendcl.so) via om-runner 0.1.0"));

    parser.feed(
        QStringLiteral(R"({"event":"error","kind":"library","message":"libascendcl.so (AscendCL) was not found"})"));
    r = benchResultSkeleton(request);
    finishOmRunner(&r, request, parser.report(), ended(ToolResult::Kind::NonZeroExit, 3));
    QCOMPARE(r.errorCode, QStringLiteral("toolkit_missing"));
    QCOMPARE(r.error, QStringLiteral("om-runner: libascendcl.so (AscendCL) was not found"));

    r = benchResultSkeleton(request);
    finishOmRunner(&r, request, OmRunnerReport {}, ended(ToolResult::Kind::Crashed, 0, { "Segmentation fault" }));
    QCOMPARE(r.errorCode, QStringLiteral("run_failed"));
    QVERIFY2(r.error.contains("Segmentation fault"), qPrintable(r.error)); // the last lines are shown
}

QTEST_APPLESS_MAIN(TestBenchToolValues)
#include "tst_benchtoolvalues.moc"
