// `atcwb bench` end to end through a real QProcess: the JSON contract on the CPU and on the NPU doubles, the text
// form, the run history (--history, $WB_RUN_HISTORY, --no-save), and exit codes 0 / 1 / 2.
#include "benchtestutil.h"
#include "omfile.h"
#include "ortrequired.h"
#include "reference/ortruntime.h"
#include "run/runhistory.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace wb;

namespace {

using Run = wbtest::ProgramRun;

Run atcwb(const QStringList& args, const QProcessEnvironment& env = benchtest::toolEnvironment())
{
    return wbtest::runAtcwb(args, env, {}, 120000);
}

// Empty when `o` has the contract's fields with the contract's types.
QString contractProblem(const QJsonObject& o, int iterations)
{
    for (const char* key : { "runner", "target", "model", "device" }) {
        if (!o.value(key).isString())
            return QStringLiteral("%1 is not a string").arg(key);
    }
    if (!o.value("batch").isDouble() || o.value("iterations").toInt(-1) != iterations)
        return QStringLiteral("batch/iterations");
    const QJsonObject latency = o.value("latency_ms").toObject();
    for (const char* key : { "min", "max", "mean", "median", "p90", "p95", "p99", "stddev" }) {
        if (!latency.value(key).isDouble())
            return QStringLiteral("latency_ms.%1 is not a number").arg(key);
    }
    if (!o.value("throughput").isDouble() || !o.value("warnings").isArray())
        return QStringLiteral("throughput/warnings");
    const QJsonArray ms = o.value("iterations_ms").toArray();
    if (ms.size() != iterations)
        return QStringLiteral("%1 iterations_ms").arg(ms.size());
    for (const QJsonValue& v : ms) {
        if (!v.isDouble() || v.toDouble() < latency.value("min").toDouble()
            || v.toDouble() > latency.value("max").toDouble())
            return QStringLiteral("an iteration outside [min, max]");
    }
    return {};
}

} // namespace

class TestBenchCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cpuJson();
    void cpuDynamicBatch();
    void textForm();
    void npuDefaultsToOmRunner();
    void npuProfileOps();
    void underMsprof();
    void timeBudget();
    void msameByToolPath();
    void historyFromEnvironment();
    void usageErrors_data();
    void usageErrors();
    void runErrors_data();
    void runErrors();
    void cpuShapeTooLarge_data();
    void cpuShapeTooLarge();
    void cpuTimeoutEndsTheRun();

private:
    QTemporaryDir m_dir;
    QString m_om;
    QString m_ortSkip;
};

void TestBenchCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_om = m_dir.filePath("model.om");
    QVERIFY(wbtest::writeOm(m_om));
    m_ortSkip = wbtest::ortMissingReason();
}

void TestBenchCli::cpuJson()
{
    if (!m_ortSkip.isEmpty())
        WB_SKIP_MISSING(m_ortSkip);
    const QString history = m_dir.filePath("history-cpu");
    const Run r = atcwb({ "bench", wbtest::modelPath("resnet_static.onnx"), "--loops", "5", "--warmup", "1",
        "--threads", "2", "--json", "--history", history });
    QCOMPARE(r.code, 0);
    const QJsonObject o = r.json();
    const QString problem = contractProblem(o, 5);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + "\n" + r.out));
    QCOMPARE(o.value("runner").toString(), QStringLiteral("onnxruntime"));
    QCOMPARE(o.value("target").toString(), QStringLiteral("cpu"));
    QCOMPARE(o.value("batch").toInt(), 1);
    QVERIFY(o.value("device").toString().startsWith("CPU (ONNX Runtime "));
    QCOMPARE(o.value("throughput").toDouble(), 1000.0 / o.value("latency_ms").toObject().value("mean").toDouble());
    // Stored, and the stored run is the printed one.
    const QString file = o.value("history_file").toString();
    QVERIFY(file.startsWith(history + "/"));
    const QList<BenchResult> runs = RunHistory(history).load();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().stats.mean, o.value("latency_ms").toObject().value("mean").toDouble());
    QCOMPARE(runs.first().iterationsMs.size(), 5);
}

void TestBenchCli::cpuDynamicBatch()
{
    if (!m_ortSkip.isEmpty())
        WB_SKIP_MISSING(m_ortSkip);
    const Run r = atcwb({ "bench", wbtest::modelPath("resnet_dynamic_batch.onnx"), "--input-shape", "input:4,3,224,224",
        "--loops", "3", "--warmup", "0", "--json", "--no-save" });
    QCOMPARE(r.code, 0);
    const QJsonObject o = r.json();
    QCOMPARE(o.value("batch").toInt(), 4);
    QCOMPARE(o.value("throughput").toDouble(), 4000.0 / o.value("latency_ms").toObject().value("mean").toDouble());
    QVERIFY(o.value("history_file").isNull());
}

void TestBenchCli::textForm()
{
    if (!m_ortSkip.isEmpty())
        WB_SKIP_MISSING(m_ortSkip);
    const QString history = m_dir.filePath("history-text");
    const Run r = atcwb(
        { "bench", wbtest::modelPath("resnet_static.onnx"), "--loops", "3", "--warmup", "0", "--history", history });
    QCOMPARE(r.code, 0);
    const QString text = QString::fromUtf8(r.out);
    for (const QString& phrase :
        QStringList { "Runner:     onnxruntime on cpu", "Iterations: 3 (after 0 warm-up), batch 1", "Latency ms: mean ",
            "p99 ", "Throughput: ", "Stored:     " + history })
        QVERIFY2(text.contains(phrase), qPrintable(text));
    QVERIFY(r.err.isEmpty());
}

void TestBenchCli::npuDefaultsToOmRunner()
{
    // An .om runs on npu:0 with om-runner (next to atcwb), which finds the fake AscendCL through ASCEND_TOOLKIT_HOME.
    const Run r = atcwb({ "bench", m_om, "--loops", "7", "--warmup", "1", "--json", "--no-save" });
    QCOMPARE(r.code, 0);
    const QJsonObject o = r.json();
    const QString problem = contractProblem(o, 7);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + "\n" + r.out));
    QCOMPARE(o.value("runner").toString(), QStringLiteral("om-runner"));
    QCOMPARE(o.value("target").toString(), QStringLiteral("npu:0"));
    QCOMPARE(o.value("device").toString(), QStringLiteral("Ascend310P3 #0"));
    QCOMPARE(QFileInfo(o.value("command").toArray().at(0).toString()).fileName(), QStringLiteral("om-runner"));
}

void TestBenchCli::npuProfileOps()
{
    // --profile: om-runner subscribes the model (fake AscendCL: conv1, relu1, trans_TransData_1 per execution) and
    // the op profile comes back in the `atcwb profile --json` contract under "op_profile".
    const Run r = atcwb({ "bench", m_om, "--loops", "6", "--warmup", "2", "--profile", "--json", "--no-save" });
    QCOMPARE(r.code, 0);
    const QJsonObject o = r.json();
    QVERIFY2(o.value("command").toArray().contains(QJsonValue("--profile")), r.out.constData());
    const QJsonObject p = o.value("op_profile").toObject();
    QCOMPARE(p.value("kind").toString(), QStringLiteral("runner"));
    QCOMPARE(p.value("iterations").toInt(), 6);
    QCOMPARE(p.value("ops").toArray().size(), 3);
    const QJsonObject first = p.value("ops").toArray().at(0).toObject();
    QCOMPARE(first.value("name").toString(), QStringLiteral("conv1"));
    QCOMPARE(first.value("count").toInt(), 6);
    QCOMPARE(first.value("per_iteration_us").toDouble(), 120.0);
    QCOMPARE(p.value("per_iteration_us").toDouble(), 143.0);
    QVERIFY(p.value("host_us").isDouble());
    const Run text = atcwb({ "bench", m_om, "--loops", "2", "--profile", "--no-save" });
    QCOMPARE(text.code, 0);
    QVERIFY2(text.out.contains("Operators (om-runner --profile)") && text.out.contains("trans_TransData_1"),
        text.out.constData());
    // Another runner cannot profile operators: a usage error that says what to do.
    const Run msame
        = atcwb({ "bench", m_om, "--runner", "msame", "--tool", benchtest::fakeMsame(), "--profile", "--no-save" });
    QCOMPARE(msame.code, 2);
    QVERIFY2(msame.err.contains("needs om-runner"), msame.err.constData());
}

void TestBenchCli::underMsprof()
{
    // --msprof-path: om-runner runs under (fake) msprof, which writes a PROF_* folder; its op_summary is imported.
    const QString keep = m_dir.filePath("msprof-out");
    const Run r = atcwb({ "bench", m_om, "--loops", "5", "--msprof-path", WB_FAKE_MSPROF, "--msprof-output", keep,
        "--json", "--no-save" });
    QCOMPARE(r.code, 0);
    const QJsonObject o = r.json();
    QCOMPARE(o.value("iterations_ms").toArray().size(), 5); // om-runner's own lines still arrive through msprof
    QCOMPARE(QFileInfo(o.value("command").toArray().at(0).toString()).fileName(), QStringLiteral("fake_msprof"));
    QVERIFY2(o.value("warnings").toArray().isEmpty(), r.out.constData());
    const QJsonObject p = o.value("op_profile").toObject();
    QCOMPARE(p.value("kind").toString(), QStringLiteral("op_summary"));
    QCOMPARE(p.value("iterations").toInt(), 2);
    QCOMPARE(p.value("ops").toArray().at(0).toObject().value("name").toString(), QStringLiteral("conv1"));
    QCOMPARE(p.value("ops").toArray().at(1).toObject().value("task_type").toString(),
        QStringLiteral("AI_CPU")); // cast1, 40 us
    QVERIFY(QFileInfo(keep + "/PROF_000001_20261207120000000_FAKEPROF/mindstudio_profiler_output").isDir());
    // msprof that collected but did not export: the run stands, the import failure is a clear warning.
    QProcessEnvironment env = benchtest::toolEnvironment();
    env.insert("FAKE_MSPROF_NO_EXPORT", "1");
    const Run raw
        = atcwb({ "bench", m_om, "--loops", "2", "--msprof-path", WB_FAKE_MSPROF, "--json", "--no-save" }, env);
    QCOMPARE(raw.code, 0);
    QVERIFY(raw.json().value("op_profile").isNull());
    QVERIFY2(
        raw.json().value("warnings").toArray().at(0).toString().contains("msprof --export=on"), raw.out.constData());
    // No msprof anywhere: a clear error before anything runs.
    const Run missing = atcwb({ "bench", m_om, "--msprof-path", m_dir.filePath("nope"), "--no-save" });
    QCOMPARE(missing.code, 1);
    QVERIFY2(missing.err.contains("not an executable msprof"), missing.err.constData());
}

void TestBenchCli::timeBudget()
{
    // --time-budget instead of a loop count: om-runner (20 ms an iteration) is stopped after 1 s of timing, and the
    // run is a success that says why it stopped.
    QProcessEnvironment env = benchtest::toolEnvironment({ { "FAKE_ACL_EXEC_US_PER_BATCH", "20000" } });
    const Run r = atcwb({ "bench", m_om, "--time-budget", "1", "--warmup", "1", "--json", "--no-save" }, env);
    QCOMPARE(r.code, 0);
    const QJsonObject o = r.json();
    const int done = o.value("iterations").toInt();
    QVERIFY2(done > 1 && done < BenchRequest::kBudgetLoops, r.out.constData());
    QCOMPARE(o.value("iterations_ms").toArray().size(), done);
    QCOMPARE(o.value("recipe").toObject().value("time_budget_s").toDouble(), 1.0);
    QCOMPARE(o.value("loops").toInt(), BenchRequest::kBudgetLoops); // no --loops: the most it runs
    QVERIFY2(o.value("warnings")
                 .toArray()
                 .contains(QStringLiteral("Stopped by the 1 s time budget after %1 iterations.").arg(done)),
        r.out.constData());
    const Run bad = atcwb({ "bench", m_om, "--time-budget", "soon", "--no-save" });
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains("--time-budget needs a number of seconds"), bad.err.constData());
}

void TestBenchCli::msameByToolPath()
{
    const Run r = atcwb({ "bench", m_om, "--runner", "msame", "--tool", benchtest::fakeMsame(), "--loops", "4",
        "--warmup", "0", "--batch", "2", "--json", "--no-save" });
    QCOMPARE(r.code, 0);
    const QJsonObject o = r.json();
    const QString problem = contractProblem(o, 4);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + "\n" + r.out));
    QCOMPARE(o.value("runner").toString(), QStringLiteral("msame"));
    QCOMPARE(o.value("target").toString(), QStringLiteral("npu:0")); // implied by the runner
    QCOMPARE(o.value("iterations_ms").toArray().at(0).toDouble(), 65.768);
    QCOMPARE(o.value("batch").toInt(), 2);
    QVERIFY2(o.value("warnings").toArray().isEmpty(), r.out.constData()); // no warm-up asked, batch given
}

void TestBenchCli::historyFromEnvironment()
{
    const QString history = m_dir.filePath("history-env");
    QProcessEnvironment env = benchtest::toolEnvironment();
    env.insert("WB_RUN_HISTORY", history);
    const Run r = atcwb({ "bench", m_om, "--loops", "2", "--json" }, env);
    QCOMPARE(r.code, 0);
    QVERIFY(r.json().value("history_file").toString().startsWith(history + "/"));
    const QList<RunHistoryEntry> entries = RunHistory(history).entries();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().result.runner, QStringLiteral("om-runner"));
    QCOMPARE(entries.first().result.recipe.value("loops").toInt(), 2);
}

void TestBenchCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args"); // "@om" = an OM, "@onnx" = resnet_static.onnx
    QTest::addColumn<QString>("phrase");
    QTest::newRow("no model") << QStringList { "bench" } << "missing MODEL_OR_OM";
    QTest::newRow("two models") << QStringList { "bench", "@om", "@om" } << "expected one MODEL_OR_OM, got 2";
    QTest::newRow("bad target") << QStringList { "bench", "@om", "--target", "gpu" } << "--target must be cpu or npu:N";
    QTest::newRow("bad runner") << QStringList { "bench", "@om", "--runner", "trtexec" } << "--runner must be";
    QTest::newRow("loops not a number") << QStringList { "bench", "@om", "--loops", "many" }
                                        << "--loops needs a whole number";
    QTest::newRow("zero loops") << QStringList { "bench", "@om", "--loops", "0" } << "At least one loop";
    QTest::newRow("bad shape") << QStringList { "bench", "@onnx", "--input-shape", "input:1.5,3" } << "float";
    QTest::newRow("om on the cpu") << QStringList { "bench", "@om", "--target", "cpu" } << "offline model (.om)";
    QTest::newRow("onnx on an npu") << QStringList { "bench", "@onnx", "--target", "npu:1" } << "Convert it";
    QTest::newRow("msame, 101 loops") << QStringList { "bench", "@om", "--runner", "msame", "--loops", "101" }
                                      << "msame runs 1 to 100 loops";
    QTest::newRow("unknown option") << QStringList { "bench", "@om", "--fast" } << "fast";
}

void TestBenchCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, phrase);
    for (QString& a : args)
        a = a == "@om" ? m_om : a == "@onnx" ? wbtest::modelPath("resnet_static.onnx") : a;
    const Run r = atcwb(args + QStringList { "--json", "--no-save" });
    QCOMPARE(r.code, 2);
    const QJsonObject error = r.json().value("error").toObject();
    QCOMPARE(error.value("code").toString(), QStringLiteral("usage"));
    QVERIFY2(error.value("message").toString().contains(phrase), qPrintable(error.value("message").toString()));
    const Run text = atcwb(args + QStringList { "--no-save" });
    QCOMPARE(text.code, 2);
    QVERIFY(text.out.isEmpty());
    QVERIFY(text.err.startsWith("atcwb: bench: "));
}

void TestBenchCli::runErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("path"); // PATH for atcwb ("" = unchanged)
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("missing model") << QStringList { "/nonexistent/m.onnx" } << ""
                                   << "not_found"
                                   << "/nonexistent/m.onnx does not exist";
    QTest::newRow("msame not installed") << QStringList { "@om", "--runner", "msame" } << "@empty"
                                         << "tool_missing"
                                         << "msame was not found on PATH";
    QTest::newRow("ais_bench not installed") << QStringList { "@om", "--runner", "ais-bench" } << "@empty"
                                             << "tool_missing"
                                             << "ais_bench was not found";
    QTest::newRow("no AscendCL") << QStringList { "@om", "--target", "npu:0" } << "@nolib"
                                 << "toolkit_missing"
                                 << "om-runner: libascendcl.so (AscendCL) was not found";
    QTest::newRow("msame fails") << QStringList { "@om", "--runner", "msame", "--tool", WB_FAKE_MSAME } << "@fail"
                                 << "run_failed"
                                 << "msame failed: load model from file failed";
}

void TestBenchCli::runErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, path);
    QTemporaryDir empty;
    QVERIFY(empty.isValid());
    for (QString& a : args)
        a = a == "@om" ? m_om : a;
    QProcessEnvironment env = benchtest::toolEnvironment();
    if (path == "@empty")
        env.insert("PATH", empty.path());
    else if (path == "@nolib")
        env.insert("ASCEND_TOOLKIT_HOME", empty.path());
    else if (path == "@fail")
        env.insert("FAKE_MSAME_FAIL", "load");
    const QString history = empty.filePath("history");
    const Run r
        = atcwb(QStringList { "bench" } + args + QStringList { "--loops", "3", "--json", "--history", history }, env);
    QCOMPARE(r.code, 1);
    const QJsonObject error = r.json().value("error").toObject();
    QTEST(error.value("code").toString(), "code");
    QFETCH(QString, phrase);
    QVERIFY2(error.value("message").toString().contains(phrase), qPrintable(error.value("message").toString()));
    // Runs that got going are stored (failures included); refusals before running are not.
    QFETCH(QString, code);
    const bool ran = code == "toolkit_missing" || code == "run_failed";
    QCOMPARE(RunHistory(history).load().size(), ran ? 1 : 0);
}

void TestBenchCli::cpuShapeTooLarge_data()
{
    QTest::addColumn<QString>("batch");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("phrase");
    // Its element count wrapped around 64 bits and a too-small buffer was filled: SIGSEGV.
    QTest::newRow("count overflows") << "10814766452120987"
                                     << "too_large"
                                     << "Input 'input' with shape [10814766452120987, 3, 224, 224] would hold more "
                                        "than 2^63 bytes of float32";
    // 60 PB: the allocation threw on the worker thread, nothing reported it, and the run waited forever.
    QTest::newRow("allocation fails") << "99999999999"
                                      << "out_of_memory"
                                      << "Input 'input' with shape [99999999999, 3, 224, 224] needs 60211199999397888 "
                                         "bytes";
}

void TestBenchCli::cpuShapeTooLarge()
{
    if (!m_ortSkip.isEmpty())
        WB_SKIP_MISSING(m_ortSkip);
    QFETCH(QString, batch);
    const Run r = atcwb({ "bench", wbtest::modelPath("resnet_dynamic_batch.onnx"), "--target", "cpu", "--input",
        "random", "--input-shape", "input:" + batch + ",3,224,224", "--timeout", "60", "--json", "--no-save" });
    QCOMPARE(r.code, 1); // an error, not a crash (-2) or a hang (killed after 120 s)
    const QJsonObject error = r.json().value("error").toObject();
    QTEST(error.value("code").toString(), "code");
    QFETCH(QString, phrase);
    QVERIFY2(error.value("message").toString().contains(phrase), qPrintable(error.value("message").toString()));
}

void TestBenchCli::cpuTimeoutEndsTheRun()
{
    if (!m_ortSkip.isEmpty())
        WB_SKIP_MISSING(m_ortSkip);
    const Run r = atcwb({ "bench", wbtest::modelPath("resnet_static.onnx"), "--target", "cpu", "--loops", "1000000",
        "--timeout", "1", "--json", "--no-save" });
    QCOMPARE(r.code, 1);
    const QJsonObject error = r.json().value("error").toObject();
    QCOMPARE(error.value("code").toString(), QStringLiteral("timed_out"));
    QVERIFY2(error.value("message").toString().startsWith("The CPU run did not finish within the 1 s timeout"),
        qPrintable(error.value("message").toString()));
}

WB_TEST_GUILESS_MAIN(TestBenchCli)
#include "tst_benchcli.moc"
