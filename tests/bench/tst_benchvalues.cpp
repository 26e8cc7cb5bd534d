// Bench values without running anything: names and targets, request checks, the recipe, and result JSON both
// ways. The tools' look-up, command lines and outcomes: tst_benchtoolvalues.cpp.
#include "run/benchtools.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace wb;
using Runner = BenchRequest::Runner;

class TestBenchValues : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void names();
    void targets_data();
    void targets();
    void validation_data();
    void validation();
    void recipe();
    void jsonRoundTrip();
    void jsonRejects();

private:
    QTemporaryDir m_dir;
    QString m_om;
    QString m_onnx;
};

void TestBenchValues::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_om = m_dir.filePath("model.om");
    m_onnx = m_dir.filePath("model.onnx");
    for (const QString& path : { m_om, m_onnx }) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
    }
}

void TestBenchValues::names()
{
    for (Runner r : { Runner::Auto, Runner::OnnxRuntime, Runner::OmRunner, Runner::AisBench, Runner::Msame })
        QCOMPARE(benchRunnerFromName(benchRunnerName(r)), std::optional<Runner>(r));
    QCOMPARE(benchRunnerFromName("ais_bench"), std::optional<Runner>(Runner::AisBench));
    QCOMPARE(benchRunnerFromName("ORT"), std::optional<Runner>(Runner::OnnxRuntime));
    QVERIFY(!benchRunnerFromName("trtexec"));
    QCOMPARE(benchRunnerName(Runner::AisBench), QStringLiteral("ais-bench"));
    BenchRequest r;
    QCOMPARE(effectiveRunner(r), Runner::OnnxRuntime);
    r.target = BenchRequest::Target::Npu;
    QCOMPARE(effectiveRunner(r), Runner::OmRunner);
    r.runner = Runner::Msame;
    QCOMPARE(effectiveRunner(r), Runner::Msame);
    QCOMPARE(defaultTargetFor("a/b.OM"), BenchRequest::Target::Npu);
    QCOMPARE(defaultTargetFor("a/b.onnx"), BenchRequest::Target::Cpu);
}

void TestBenchValues::targets_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("cpu") << "cpu" << true << "cpu";
    QTest::newRow("npu") << "npu" << true << "npu:0";
    QTest::newRow("npu:3") << "NPU:3" << true << "npu:3";
    QTest::newRow("npu:255") << "npu:255" << true << "npu:255";
    QTest::newRow("npu:256") << "npu:256" << false << "";
    QTest::newRow("npu:-1") << "npu:-1" << false << "";
    QTest::newRow("npu:x") << "npu:x" << false << "";
    QTest::newRow("gpu") << "gpu" << false << "";
}

void TestBenchValues::targets()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    BenchRequest::Target target = BenchRequest::Target::Cpu;
    int device = -1;
    QCOMPARE(parseBenchTarget(text, &target, &device), ok);
    if (ok)
        QTEST(benchTargetName(target, device), "canonical");
}

void TestBenchValues::validation_data()
{
    QTest::addColumn<QString>("model"); // "om", "onnx", or a path
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("runner");
    QTest::addColumn<int>("loops");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("code"); // "" = valid
    QTest::addColumn<QString>("phrase");
    QTest::newRow("cpu onnx") << "onnx"
                              << "cpu"
                              << "auto" << 10 << "zeros"
                              << ""
                              << "";
    QTest::newRow("npu om") << "om"
                            << "npu:1"
                            << "auto" << 10 << "random"
                            << ""
                            << "";
    QTest::newRow("msame 100 loops") << "om"
                                     << "npu"
                                     << "msame" << 100 << "zeros"
                                     << ""
                                     << "";
    QTest::newRow("missing model") << "/nonexistent/m.onnx"
                                   << "cpu"
                                   << "auto" << 10 << "zeros"
                                   << "not_found"
                                   << "/nonexistent/m.onnx does not exist";
    QTest::newRow("empty model") << ""
                                 << "cpu"
                                 << "auto" << 10 << "zeros"
                                 << "bad_request"
                                 << "No model";
    QTest::newRow("folder") << "/"
                            << "cpu"
                            << "auto" << 10 << "zeros"
                            << "not_found"
                            << "is not a file";
    QTest::newRow("om on cpu") << "om"
                               << "cpu"
                               << "auto" << 10 << "zeros"
                               << "bad_request"
                               << "offline model (.om)";
    QTest::newRow("onnx on npu") << "onnx"
                                 << "npu"
                                 << "auto" << 10 << "zeros"
                                 << "bad_request"
                                 << "Convert it";
    QTest::newRow("msame on cpu") << "onnx"
                                  << "cpu"
                                  << "msame" << 10 << "zeros"
                                  << "bad_request"
                                  << "not on the CPU";
    QTest::newRow("ort on npu") << "om"
                                << "npu"
                                << "onnxruntime" << 10 << "zeros"
                                << "bad_request"
                                << "CPU only";
    QTest::newRow("zero loops") << "onnx"
                                << "cpu"
                                << "auto" << 0 << "zeros"
                                << "bad_request"
                                << "At least one loop";
    QTest::newRow("msame 101 loops") << "om"
                                     << "npu"
                                     << "msame" << 101 << "zeros"
                                     << "bad_request"
                                     << "1 to 100";
    QTest::newRow("msame random") << "om"
                                  << "npu"
                                  << "msame" << 5 << "random"
                                  << "bad_request"
                                  << "random";
    QTest::newRow("missing input file") << "om"
                                        << "npu"
                                        << "auto" << 5 << "/nonexistent/in.bin"
                                        << "not_found"
                                        << "Input file /nonexistent/in.bin does not exist";
    QTest::newRow("empty input") << "om"
                                 << "npu"
                                 << "auto" << 5 << " "
                                 << "bad_request"
                                 << "No input data";
}

void TestBenchValues::validation()
{
    QFETCH(QString, model);
    QFETCH(QString, target);
    QFETCH(QString, runner);
    QFETCH(int, loops);
    QFETCH(QString, input);
    QFETCH(QString, code);
    BenchRequest r;
    r.model = model == "om" ? m_om : model == "onnx" ? m_onnx : model;
    QVERIFY(parseBenchTarget(target, &r.target, &r.device));
    r.runner = *benchRunnerFromName(runner);
    r.loops = loops;
    r.inputData = input;
    const auto error = validateBenchRequest(r);
    if (code.isEmpty()) {
        QVERIFY2(!error, error ? qPrintable(error->message) : "");
        return;
    }
    QVERIFY(error);
    QCOMPARE(error->code, code);
    QFETCH(QString, phrase);
    QVERIFY2(error->message.contains(phrase), qPrintable(error->message));
}

void TestBenchValues::recipe()
{
    BenchRequest r;
    r.model = m_onnx;
    r.inputShapes = parseInputShapeSpec("input:4,3,224,224").value();
    r.loops = 7;
    r.threads = 2;
    const QJsonObject o = benchRecipe(r);
    QCOMPARE(o.value("runner").toString(), QStringLiteral("onnxruntime"));
    QCOMPARE(o.value("target").toString(), QStringLiteral("cpu"));
    QCOMPARE(o.value("model").toString(), m_onnx);
    QCOMPARE(o.value("input_shape").toString(), QStringLiteral("input:4,3,224,224"));
    QCOMPARE(o.value("loops").toInt(), 7);
    QCOMPARE(o.value("warmup").toInt(), 5);
    QCOMPARE(o.value("threads").toInt(), 2);
    QCOMPARE(o.value("input_data").toString(), QStringLiteral("zeros"));
}

void TestBenchValues::jsonRoundTrip()
{
    BenchRequest request;
    request.model = m_om;
    request.target = BenchRequest::Target::Npu;
    request.device = 3;
    BenchResult r = benchResultSkeleton(request);
    r.ok = true;
    r.iterationsMs = { 2.0, 4.0, 3.0 };
    r.batch = 2;
    QVERIFY(fillStatsFromIterations(&r));
    QCOMPARE(r.throughput, 2 * 1000.0 / 3.0);
    r.started = QDateTime::fromString("2025-01-02T03:04:05.678+01:00", Qt::ISODateWithMs);
    r.device = "Ascend310P3 #3";
    r.command = QStringList { "om-runner", "--model", m_om };
    r.warnings = QStringList { "w1" };
    const QJsonObject o = benchResultToJson(r);
    // The contract's keys and types.
    for (const char* key : { "runner", "target", "model", "device" })
        QVERIFY2(o.value(key).isString(), key);
    QCOMPARE(o.value("iterations").toInt(), 3);
    QCOMPARE(o.value("target").toString(), QStringLiteral("npu:3"));
    QCOMPARE(o.value("iterations_ms").toArray().size(), 3);
    const QJsonObject latency = o.value("latency_ms").toObject();
    QCOMPARE(latency.keys(), (QStringList { "max", "mean", "median", "min", "p90", "p95", "p99", "stddev" }));
    QCOMPARE(latency.value("median").toDouble(), 3.0);
    QVERIFY(o.value("warnings").isArray());

    const auto back = benchResultFromJson(o);
    QVERIFY(back.ok());
    const BenchResult& b = back.value();
    QCOMPARE(b.ok, true);
    QCOMPARE(b.iterationsMs, r.iterationsMs);
    QCOMPARE(b.stats.count, 3);
    QCOMPARE(b.stats.p95, r.stats.p95);
    QCOMPARE(b.stats.stddev, r.stats.stddev);
    QCOMPARE(b.throughput, r.throughput);
    QCOMPARE(b.started, r.started);
    QCOMPARE(b.command, r.command);
    QCOMPARE(b.warnings, r.warnings);
    QCOMPARE(b.recipe, r.recipe);
    QCOMPARE(b.batch, 2);
    QCOMPARE(benchResultToJson(b), o);

    // Unknown figures (NaN) are null and come back as NaN.
    BenchResult partial = benchResultSkeleton(request);
    partial.stats.mean = 2.5;
    const QJsonObject p = benchResultToJson(partial);
    QVERIFY(p.value("latency_ms").toObject().value("p90").isNull());
    QVERIFY(p.value("throughput").isNull());
    QVERIFY(std::isnan(benchResultFromJson(p).value().stats.p90));
    QCOMPARE(benchResultFromJson(p).value().stats.mean, 2.5);
}

void TestBenchValues::jsonRejects()
{
    QCOMPARE(benchResultFromJson(QJsonObject {}).error().code, QStringLiteral("bad_run_file"));
    QJsonObject o = benchResultToJson(BenchResult {});
    o.insert("iterations_ms", "many");
    o.insert("warnings", 3);
    const auto r = benchResultFromJson(o);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains("iterations_ms") && r.error().message.contains("warnings"),
        qPrintable(r.error().message));
}

QTEST_APPLESS_MAIN(TestBenchValues)
#include "tst_benchvalues.moc"
