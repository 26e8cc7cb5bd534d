// BenchRun with the NPU runners against test doubles: om-runner with the fake libascendcl.so, fake_msame and
// fake_ais_bench (its three command forms). Live iterations, statistics against the printed ones, failures, a
// missing tool, timeout, and cancel mid-run with no process left behind.
#include "benchtestutil.h"
#include "omfile.h"

#include <QTemporaryDir>

using namespace wb;
using Env = QList<QPair<QString, QString>>;

namespace {

// 2.4 + 0.013 * ((7 i) mod 11): the time fake_ais_bench gives loop i.
QVector<double> aisTimes(int loops)
{
    QVector<double> times;
    for (int i = 0; i < loops; ++i)
        times.append(2.4 + 0.013 * double((7 * i) % 11));
    return times;
}

QStringList readLines(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

} // namespace

class TestBenchTools : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void omRunner();
    void omRunnerDynamicBatch();
    void omRunnerFailures_data();
    void omRunnerFailures();
    void msame();
    void msameFailures_data();
    void msameFailures();
    void aisBench_data();
    void aisBench();
    void aisBenchFailures_data();
    void aisBenchFailures();
    void missingTool_data();
    void missingTool();
    void timeout();
    void cancelMidRun_data();
    void cancelMidRun();
    void timeBudget_data();
    void timeBudget();

private:
    BenchRequest npuRequest(const QString& runner, int loops, const Env& env = {}) const;

    QTemporaryDir m_dir;
    QString m_om;
};

void TestBenchTools::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_om = m_dir.filePath("fake_resnet.om");
    QVERIFY(wbtest::writeOm(m_om));
    QVERIFY(benchtest::childPids().isEmpty());
}

BenchRequest TestBenchTools::npuRequest(const QString& runner, int loops, const Env& env) const
{
    BenchRequest r;
    r.model = m_om;
    r.target = BenchRequest::Target::Npu;
    r.runner = *benchRunnerFromName(runner);
    r.loops = loops;
    r.warmup = 3;
    r.environment = benchtest::toolEnvironment(env);
    if (runner == QLatin1String("msame"))
        r.toolPath = benchtest::fakeMsame();
    else if (runner == QLatin1String("ais-bench"))
        r.toolPath = benchtest::fakeAisBench();
    return r;
}

void TestBenchTools::omRunner()
{
    BENCH_RUN(run, rec, npuRequest("om-runner", 25, { { "FAKE_ACL_EXEC_US_PER_BATCH", "300" } }), 60000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.runner, QStringLiteral("om-runner"));
    QCOMPARE(r.target, QStringLiteral("npu:0"));
    QCOMPARE(r.iterationsMs.size(), 25);
    const QString live = benchtest::iterationsProblem(rec.data, r);
    QVERIFY2(live.isEmpty(), qPrintable(live));
    const QString stats = benchtest::statsProblem(r);
    QVERIFY2(stats.isEmpty(), qPrintable(stats));
    QVERIFY(r.stats.min >= 0.3); // the fake sleeps 300 µs per execution
    QCOMPARE(r.batch, 1);
    QCOMPARE(r.device, QStringLiteral("Ascend310P3 #0"));
    QVERIFY2(
        r.toolkit.contains(benchtest::fakeToolkit() + "/lib64/libascendcl.so") && r.toolkit.contains("via om-runner"),
        qPrintable(r.toolkit));
    QCOMPARE(QFileInfo(r.command.value(0)).fileName(), QStringLiteral("om-runner"));
    QCOMPARE(QFileInfo(r.command.value(0)).absolutePath(), QCoreApplication::applicationDirPath()); // next to the app
    QVERIFY(r.command.join(' ').contains("--loops 25 --warmup 3 --input zeros"));
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join('\n')));
    QVERIFY(benchtest::childPids().isEmpty());
}

void TestBenchTools::omRunnerDynamicBatch()
{
    QTemporaryDir out;
    QVERIFY(out.isValid());
    BenchRequest request = npuRequest("om-runner", 6, { { "FAKE_ACL_DYNAMIC_BATCH", "1,2,4,8" } });
    request.batch = 4;
    request.outputDir = out.filePath("o");
    BENCH_RUN(run, rec, request, 60000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.batch, 4);
    QCOMPARE(r.throughput, 4000.0 / r.stats.mean);
    QVERIFY(!r.outputFiles.isEmpty());
    QVERIFY(QFileInfo::exists(r.outputFiles.first()));
    QVERIFY(r.outputFiles.first().startsWith(out.filePath("o/output_0")));
}

void TestBenchTools::omRunnerFailures_data()
{
    QTest::addColumn<Env>("env");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("phrase");
    QTest::addColumn<int>("iterations"); // kept from before the failure
    // 8 good executions: 3 warm-up, then 5 timed ones.
    QTest::newRow("execute fails after 8")
        << Env { { "FAKE_ACL_FAIL", "aclmdlExecute:507011:8" }, { "FAKE_ACL_ERR_MSG", "EE1001: the device stopped" } }
        << "acl_error"
        << "(aclmdlExecute returned 507011 UNKNOWN) AscendCL says: EE1001: the device stopped" << 5;
    QTest::newRow("device busy") << Env { { "FAKE_ACL_FAIL", "aclrtSetDevice:200002" } } << "acl_error"
                                 << "(aclrtSetDevice returned 200002 ACL_ERROR_INVALID_DEVICE)" << 0;
    QTest::newRow("no AscendCL") << Env { { "ASCEND_TOOLKIT_HOME", "/nonexistent/toolkit" } } << "toolkit_missing"
                                 << "Install the CANN toolkit" << 0;
}

void TestBenchTools::omRunnerFailures()
{
    QFETCH(Env, env);
    QFETCH(int, iterations);
    BENCH_RUN(run, rec, npuRequest("om-runner", 10, env), 60000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY(!r.ok);
    QTEST(r.errorCode, "code");
    QFETCH(QString, phrase);
    QVERIFY2(r.error.startsWith("om-runner: ") && r.error.contains(phrase), qPrintable(r.error));
    QCOMPARE(r.iterationsMs.size(), iterations);
    QCOMPARE(rec.data.iterations.size(), iterations);
}

void TestBenchTools::msame()
{
    const QString args = m_dir.filePath("msame-args.txt");
    BENCH_RUN(run, rec, npuRequest("msame", 10, { { "FAKE_MSAME_ARGS", args } }), 60000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.runner, QStringLiteral("msame"));
    // The sample's per-run times, live and in the result; the mean is the printed average (65.544900).
    QCOMPARE(r.iterationsMs,
        (QVector<double> { 65.768, 65.495, 65.494, 65.435, 65.544, 65.56, 65.554, 65.517, 65.522, 65.56 }));
    const QString live = benchtest::iterationsProblem(rec.data, r);
    QVERIFY2(live.isEmpty(), qPrintable(live));
    const QString stats = benchtest::statsProblem(r);
    QVERIFY2(stats.isEmpty(), qPrintable(stats));
    QVERIFY(qAbs(r.stats.mean - 65.5449) < 1e-6);
    QCOMPARE(r.device, QStringLiteral("Ascend NPU #0"));
    QVERIFY(r.warnings.join('\n').contains("msame has no warm-up: the 3 warm-up iteration(s) were not run. Its mean "
                                           "without the first run is 65.520 ms."));
    // Its command line; the temporary output folder is gone afterwards.
    const QStringList argv = readLines(args);
    QCOMPARE(argv.mid(1, 6), (QStringList { "--model", m_om, "--device", "0", "--loop", "10" }));
    QCOMPARE(argv.value(7), QStringLiteral("--output"));
    QVERIFY(!QFileInfo::exists(argv.value(8)));
    QVERIFY(r.outputFiles.isEmpty());
}

void TestBenchTools::msameFailures_data()
{
    QTest::addColumn<QString>("fail");
    QTest::addColumn<QString>("model"); // "" = the fake OM
    QTest::addColumn<QString>("phrase");
    QTest::addColumn<int>("iterations");
    QTest::newRow("load") << "load"
                          << ""
                          << "msame failed: load model from file failed, model file is " << 0;
    QTest::newRow("create output") << "create_output"
                                   << ""
                                   << "EH0001: Value [0] for [size] is invalid" << 0;
    QTest::newRow("execute") << "execute"
                             << ""
                             << "msame failed: execute model failed, modelId is 1" << 2;
    QTest::newRow("crash") << "crash"
                           << ""
                           << "msame crashed" << 2;
    // msame refuses a model without ".om" in its name and exits 0: the [ERROR] line decides.
    QTest::newRow("exit 0 with an error") << ""
                                          << "model.bin"
                                          << "msame failed: input model file type is not .om" << 0;
}

void TestBenchTools::msameFailures()
{
    QFETCH(QString, fail);
    QFETCH(QString, model);
    QFETCH(int, iterations);
    BenchRequest request = npuRequest("msame", 10, { { "FAKE_MSAME_FAIL", fail } });
    if (!model.isEmpty()) {
        request.model = m_dir.filePath(model);
        QVERIFY(wbtest::writeOm(request.model));
    }
    BENCH_RUN(run, rec, request, 60000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY(!r.ok);
    QCOMPARE(r.errorCode, QStringLiteral("run_failed"));
    QFETCH(QString, phrase);
    QVERIFY2(r.error.contains(phrase), qPrintable(r.error));
    QCOMPARE(r.iterationsMs.size(), iterations);
}

void TestBenchTools::aisBench_data()
{
    QTest::addColumn<QString>("command"); // the name the fake is called by
    QTest::addColumn<QStringList>("prefix"); // expected first arguments
    QTest::addColumn<bool>("summaryFile");
    QTest::newRow("ais_bench") << "ais_bench" << QStringList { "--model" } << true;
    QTest::newRow("msit benchmark") << "msit" << QStringList { "benchmark", "--om-model" } << true;
    QTest::newRow("python3 -m ais_bench") << "python3" << QStringList { "-m", "ais_bench", "--model" } << true;
    QTest::newRow("printed summary only") << "ais_bench" << QStringList { "--model" } << false;
}

void TestBenchTools::aisBench()
{
    QFETCH(QString, command);
    QFETCH(QStringList, prefix);
    QFETCH(bool, summaryFile);
    QTemporaryDir bin;
    QVERIFY(bin.isValid());
    // On PATH under its real name: found by the search, run in the matching form.
    QVERIFY(QFile::link(benchtest::fakeAisBench(), bin.filePath(command)));
    const QString args = bin.filePath("args.txt");
    Env env { { "PATH", bin.path() }, { "FAKE_AIS_BENCH_ARGS", args } };
    if (!summaryFile)
        env.append(qMakePair(QStringLiteral("FAKE_AIS_BENCH_NO_SUMMARY_FILE"), QStringLiteral("1")));
    BenchRequest request = npuRequest("ais-bench", 12, env);
    request.toolPath.clear();
    BENCH_RUN(run, rec, request, 60000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.runner, QStringLiteral("ais-bench"));
    QCOMPARE(readLines(args).mid(1, prefix.size()), prefix);
    QCOMPARE(r.command.value(0), bin.filePath(command));

    // The printed summary (min, max, mean, median, percentile(99%)) equals the statistics of every loop's time.
    const QVector<double> expected = aisTimes(12);
    const auto want = LatencyStats::compute(QList<double>(expected.begin(), expected.end())).value();
    for (const auto& [got, exp] : { std::pair { r.stats.min, want.min }, std::pair { r.stats.max, want.max },
             std::pair { r.stats.mean, want.mean }, std::pair { r.stats.median, want.median },
             std::pair { r.stats.p99, want.p99 } })
        QVERIFY2(
            qAbs(got - exp) <= 1e-12 * exp, qPrintable(QString("%1 vs %2").arg(got, 0, 'g', 17).arg(exp, 0, 'g', 17)));
    QCOMPARE(r.throughput, 1000.0 / r.stats.mean);
    QCOMPARE(r.stats.count, 12);
    if (summaryFile) {
        // Every loop from ais_bench's *_summary.json, handed out as iteration signals at the end.
        QCOMPARE(r.iterationsMs.size(), 12);
        for (int i = 0; i < 12; ++i)
            QVERIFY(qAbs(r.iterationsMs[i] - expected[i]) < 1e-12);
        const QString live = benchtest::iterationsProblem(rec.data, r);
        QVERIFY2(live.isEmpty(), qPrintable(live));
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join('\n')));
    } else {
        QVERIFY(r.iterationsMs.isEmpty());
        QVERIFY(std::isnan(r.stats.p90) && std::isnan(r.stats.stddev));
        QVERIFY(r.warnings.join('\n').contains("printed summary"));
    }
}

void TestBenchTools::aisBenchFailures_data()
{
    QTest::addColumn<QString>("fail");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("no module") << "no_module"
                               << "tool_missing"
                               << "has no ais_bench module. Install the aclruntime and ais_bench wheels";
    QTest::newRow("load") << "load"
                          << "run_failed"
                          << "ais_bench failed: load model from file failed";
    QTest::newRow("crash") << "crash"
                           << "run_failed"
                           << "ais_bench crashed";
}

void TestBenchTools::aisBenchFailures()
{
    QFETCH(QString, fail);
    BENCH_RUN(run, rec, npuRequest("ais-bench", 10, { { "FAKE_AIS_BENCH_FAIL", fail } }), 60000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY(!r.ok);
    QTEST(r.errorCode, "code");
    QFETCH(QString, phrase);
    QVERIFY2(r.error.contains(phrase), qPrintable(r.error));
}

void TestBenchTools::missingTool_data()
{
    QTest::addColumn<QString>("runner");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("om-runner") << "om-runner"
                               << "om-runner was not found next to the application";
    QTest::newRow("msame") << "msame"
                           << "msame was not found on PATH. Build it from github.com/Ascend/tools";
    QTest::newRow("ais-bench") << "ais-bench"
                               << "ais_bench was not found: no ais_bench or msit command and no python3";
}

void TestBenchTools::missingTool()
{
    QFETCH(QString, runner);
    QTemporaryDir empty;
    QVERIFY(empty.isValid());
    BenchRequest request = npuRequest(runner, 5, { { "PATH", empty.path() } });
    request.toolPath.clear();
    BenchRun run;
    run.setApplicationDir(empty.path());
    benchtest::Recorder rec(&run);
    QVERIFY(run.start(request));
    QTRY_COMPARE_WITH_TIMEOUT(rec.data.finished.size(), 1, 10000);
    const BenchResult& r = rec.data.finished.first();
    QCOMPARE(r.errorCode, QStringLiteral("tool_missing"));
    QFETCH(QString, phrase);
    QVERIFY2(r.error.startsWith(phrase) && r.error.contains("--tool"), qPrintable(r.error));
}

void TestBenchTools::timeout()
{
    BenchRequest request = npuRequest("msame", 100, { { "FAKE_MSAME_DELAY_MS", "100" } });
    request.timeoutSec = 1;
    BENCH_RUN(run, rec, request, 60000);
    const BenchResult& r = rec.data.finished.first();
    QCOMPARE(r.errorCode, QStringLiteral("timed_out"));
    QVERIFY2(
        r.error.startsWith("msame did not finish within the 1 s timeout; it was stopped after "), qPrintable(r.error));
    QVERIFY(r.iterationsMs.size() < 100);
    QVERIFY(benchtest::childPids().isEmpty());
}

void TestBenchTools::cancelMidRun_data()
{
    QTest::addColumn<QString>("runner");
    QTest::addColumn<Env>("env");
    QTest::addColumn<bool>("liveIterations"); // wait for one before cancelling (ais_bench has none live)
    QTest::newRow("om-runner") << "om-runner" << Env { { "FAKE_ACL_EXEC_US_PER_BATCH", "20000" } } << true;
    QTest::newRow("msame") << "msame" << Env { { "FAKE_MSAME_DELAY_MS", "50" } } << true;
    QTest::newRow("ais-bench") << "ais-bench" << Env { { "FAKE_AIS_BENCH_DELAY_MS", "50" } } << false;
}

void TestBenchTools::cancelMidRun()
{
    QFETCH(QString, runner);
    QFETCH(Env, env);
    QFETCH(bool, liveIterations);
    BenchRun run;
    benchtest::Recorder rec(&run);
    QVERIFY(run.start(npuRequest(runner, runner == "msame" ? 100 : 100000, env)));
    if (liveIterations)
        QTRY_VERIFY_WITH_TIMEOUT(!rec.data.iterations.isEmpty(), 30000);
    else
        QTRY_VERIFY_WITH_TIMEOUT(!benchtest::childPids().isEmpty(), 30000);
    QVERIFY(!benchtest::childPids().isEmpty());
    run.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(rec.data.finished.size(), 1, 30000);
    const BenchResult& r = rec.data.finished.first();
    QCOMPARE(r.errorCode, QStringLiteral("cancelled"));
    QVERIFY2(r.error.startsWith("The run was cancelled after "), qPrintable(r.error));
    if (liveIterations) {
        QVERIFY(!r.iterationsMs.isEmpty());
        const QString stats = benchtest::statsProblem(r);
        QVERIFY2(stats.isEmpty(), qPrintable(stats));
    }
    QVERIFY(r.durationMs < 30000);
    QCOMPARE(benchtest::childPids(), QList<int> {}); // nothing left behind
}

void TestBenchTools::timeBudget_data()
{
    QTest::addColumn<QString>("runner");
    QTest::addColumn<Env>("env");
    QTest::addColumn<int>("warmups"); // warm-up iterations reported live
    QTest::newRow("om-runner") << "om-runner" << Env { { "FAKE_ACL_EXEC_US_PER_BATCH", "20000" } } << 3;
    QTest::newRow("msame") << "msame" << Env { { "FAKE_MSAME_DELAY_MS", "50" } } << 0; // msame has no warm-up
}

void TestBenchTools::timeBudget()
{
    // A time budget instead of a loop count: the run stops after it (counted from the first timed iteration) and
    // is a success with what it timed, saying why it stopped.
    QFETCH(QString, runner);
    QFETCH(Env, env);
    QFETCH(int, warmups);
    BenchRequest request = npuRequest(runner, runner == "msame" ? 100 : BenchRequest::kBudgetLoops, env);
    request.timeBudgetSec = 1;
    BenchRun run;
    QSignalSpy warm(&run, &BenchRun::warmup);
    benchtest::Recorder rec(&run);
    QVERIFY(run.start(request));
    QTRY_COMPARE_WITH_TIMEOUT(rec.data.finished.size(), 1, 60000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(warm.size(), warmups);
    QVERIFY(!r.iterationsMs.isEmpty());
    QVERIFY(r.iterationsMs.size() < request.loops);
    QCOMPARE(r.stats.count, int(r.iterationsMs.size()));
    QVERIFY2(r.warnings.join('\n').contains(
                 QStringLiteral("Stopped by the 1 s time budget after %1 iterations.").arg(r.iterationsMs.size())),
        qPrintable(r.warnings.join('\n')));
    QCOMPARE(benchRecipe(request).value("time_budget_s").toDouble(), 1.0);
    QVERIFY(r.durationMs < 30000);
    QCOMPARE(benchtest::childPids(), QList<int> {});
}

QTEST_GUILESS_MAIN(TestBenchTools)
#include "tst_benchtools.moc"
