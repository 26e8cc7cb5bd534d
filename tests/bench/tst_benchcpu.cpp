// BenchRun on the CPU with ONNX Runtime, on the generated models: live iterations, statistics, batch and
// throughput from the input shape, dynamic dims defaulted to 1, saved outputs, errors, cancel, timeout, and
// destroying a running BenchRun. Skips with the loader's reason when ONNX Runtime is not available.
#include "benchtestutil.h"
#include "ortrequired.h"
#include "reference/ortruntime.h"
#include "testutil.h"

#include <onnx/onnx_pb.h>

#include <QTemporaryDir>

using namespace wb;

namespace {

BenchRequest cpuRequest(const QString& model, int loops = 20)
{
    BenchRequest r;
    r.model = wbtest::modelPath(model);
    r.loops = loops;
    r.warmup = 2;
    r.threads = 2;
    return r;
}

} // namespace

class TestBenchCpu : public QObject {
    Q_OBJECT

    QString m_skip;

private slots:
    void initTestCase();
    void init();
    void resnetStatic();
    void dynamicBatchGiven();
    void dynamicBatchDefaulted();
    void explicitBatch();
    void savesOutputs();
    void runtimeErrors_data();
    void runtimeErrors();
    void ortErrorExplained();
    void invalidRequest();
    void secondStartRefused();
    void cancelMidRun();
    void timeout();
    void timeoutEndsAStuckWorker();
    void destroyedWhileRunning();
};

void TestBenchCpu::initTestCase()
{
    m_skip = wbtest::ortMissingReason();
}

void TestBenchCpu::init()
{
    if (!m_skip.isEmpty() && QLatin1String(QTest::currentTestFunction()) != QLatin1String("invalidRequest"))
        WB_SKIP_MISSING(m_skip);
}

void TestBenchCpu::resnetStatic()
{
    BENCH_RUN(run, rec, cpuRequest("resnet_static.onnx"), 120000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.runner, QStringLiteral("onnxruntime"));
    QCOMPARE(r.target, QStringLiteral("cpu"));
    QCOMPARE(r.model, wbtest::modelPath("resnet_static.onnx"));
    QCOMPARE(r.iterationsMs.size(), 20);
    QCOMPARE(r.stats.count, 20);
    const QString live = benchtest::iterationsProblem(rec.data, r);
    QVERIFY2(live.isEmpty(), qPrintable(live)); // warm-up runs are not signalled
    const QString stats = benchtest::statsProblem(r);
    QVERIFY2(stats.isEmpty(), qPrintable(stats));
    QCOMPARE(r.batch, 1);
    QVERIFY(r.stats.min > 0 && r.stats.min <= r.stats.median && r.stats.median <= r.stats.max);
    QCOMPARE(r.device, QStringLiteral("CPU (ONNX Runtime %1, 2 threads)").arg(loadedOnnxRuntime()->version));
    QVERIFY2(r.toolkit.startsWith("ONNX Runtime " + loadedOnnxRuntime()->version + " ("), qPrintable(r.toolkit));
    QVERIFY(r.started.isValid());
    QVERIFY(r.durationMs >= qint64(r.stats.mean * 20));
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join('\n')));
    QVERIFY(r.command.isEmpty());
    QCOMPARE(r.recipe.value("loops").toInt(), 20);
    QVERIFY(rec.data.started.first().contains("resnet_static.onnx on the CPU with onnxruntime"));
    qInfo("resnet_static on 2 threads: mean %.3f ms, median %.3f ms, p99 %.3f ms, %.1f samples/s", r.stats.mean,
        r.stats.median, r.stats.p99, r.throughput);
}

void TestBenchCpu::dynamicBatchGiven()
{
    BenchRequest request = cpuRequest("resnet_dynamic_batch.onnx", 10);
    request.inputShapes = parseInputShapeSpec("input:4,3,224,224").value();
    BENCH_RUN(run, rec, request, 120000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.batch, 4);
    QCOMPARE(r.throughput, 4000.0 / r.stats.mean);
    const QString stats = benchtest::statsProblem(r);
    QVERIFY2(stats.isEmpty(), qPrintable(stats));
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join('\n')));
    QCOMPARE(r.recipe.value("input_shape").toString(), QStringLiteral("input:4,3,224,224"));
}

void TestBenchCpu::dynamicBatchDefaulted()
{
    // The README's run path: the sample model, no shapes given.
    BENCH_RUN(run, rec, cpuRequest("resnet_dynamic_batch.onnx", 5), 120000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.batch, 1);
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY2(
        r.warnings.first().contains("Input 'input' has dynamic dims [batch, 3, 224, 224]; it ran as input:1,3,224,224"),
        qPrintable(r.warnings.first()));
}

void TestBenchCpu::explicitBatch()
{
    BenchRequest request = cpuRequest("resnet_static.onnx", 5);
    request.batch = 8; // the caller knows better: used for the throughput
    BENCH_RUN(run, rec, request, 120000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.batch, 8);
    QCOMPARE(r.throughput, 8000.0 / r.stats.mean);
}

void TestBenchCpu::savesOutputs()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    BenchRequest request = cpuRequest("resnet_static.onnx", 2);
    request.outputDir = dir.filePath("out");
    request.inputData = QStringLiteral("random");
    BENCH_RUN(run, rec, request, 120000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.outputFiles, (QStringList { dir.filePath("out/input_0.pb"), dir.filePath("out/output_0.pb") }));
    for (const QString& f : r.outputFiles)
        QVERIFY(QFileInfo(f).size() > 0);

    // Those inputs fed back as files (a test_data_set folder) run too.
    BenchRequest again = cpuRequest("resnet_static.onnx", 1);
    again.inputData = dir.filePath("out");
    BENCH_RUN(run2, rec2, again, 120000);
    QVERIFY2(rec2.data.finished.first().ok, qPrintable(rec2.data.finished.first().error));
}

void TestBenchCpu::runtimeErrors_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("shape");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("unknown input") << "resnet_static.onnx"
                                   << "images:1,3,224,224"
                                   << "unknown_input"
                                   << "no input named 'images'";
    QTest::newRow("wrong rank") << "resnet_dynamic_batch.onnx"
                                << "input:1,3"
                                << "rank_mismatch"
                                << "input";
    QTest::newRow("not a model") << "not_a_model.png"
                                 << ""
                                 << "ort_session_failed"
                                 << "";
    // The element count wrapped around 64 bits: a too-small buffer was filled (SIGSEGV).
    QTest::newRow("shape overflows") << "resnet_dynamic_batch.onnx"
                                     << "input:10814766452120987,3,224,224"
                                     << "too_large"
                                     << "Input 'input' with shape [10814766452120987, 3, 224, 224]";
    // The allocation threw on the worker: nothing reported it and the run never finished.
    QTest::newRow("out of memory") << "resnet_dynamic_batch.onnx"
                                   << "input:99999999999,3,224,224"
                                   << "out_of_memory"
                                   << "Input 'input' with shape [99999999999, 3, 224, 224] needs";
}

void TestBenchCpu::runtimeErrors()
{
    QFETCH(QString, model);
    QFETCH(QString, shape);
    QFETCH(QString, code);
    BenchRequest request = cpuRequest(model, 3);
    if (!shape.isEmpty())
        request.inputShapes = parseInputShapeSpec(shape).value();
    BENCH_RUN(run, rec, request, 120000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY(!r.ok);
    QCOMPARE(r.errorCode, code);
    QFETCH(QString, phrase);
    QVERIFY2(r.error.contains(phrase) && r.error.endsWith('.'), qPrintable(r.error));
    QVERIFY(rec.data.iterations.isEmpty());
    QCOMPARE(r.stats.count, 0);
}

void TestBenchCpu::ortErrorExplained()
{
    // short_signal_conv.onnx (tools/modelgen): y = Conv(x [1, 1, L], a 5-wide kernel, no padding) runs for L >= 5
    // and fails in ONNX Runtime below.
    // ONNX Runtime's own words say what broke, not why: the error adds the node, the shapes used, and that an open
    // dim ran as 1 (the case in which a 1 is most often the reason).
    BenchRequest request = cpuRequest(QStringLiteral("short_signal_conv.onnx"), 2);
    BENCH_RUN(run, rec, request, 120000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY(!r.ok);
    QCOMPARE(r.errorCode, QStringLiteral("ort_run_failed"));
    QVERIFY2(r.error.contains(QStringLiteral("Node that failed: '/conv' (Conv).")), qPrintable(r.error));
    QVERIFY2(r.error.contains(QStringLiteral("Input shapes used: x:1,1,1.")), qPrintable(r.error));
    QVERIFY2(
        r.error.contains(QStringLiteral("The dynamic dims of 'x' were not given and ran as 1")), qPrintable(r.error));
    // Given a size that works, the same model runs.
    request.inputShapes = parseInputShapeSpec(QStringLiteral("x:1,1,16")).value();
    BENCH_RUN(run2, rec2, request, 120000);
    QVERIFY2(rec2.data.finished.first().ok, qPrintable(rec2.data.finished.first().error));
}

void TestBenchCpu::invalidRequest()
{
    // Refused before anything runs, still through started() and finished(); works without ONNX Runtime too.
    BenchRequest request = cpuRequest("resnet_static.onnx");
    request.loops = 0;
    BENCH_RUN(run, rec, request, 10000);
    QCOMPARE(rec.data.finished.first().errorCode, QStringLiteral("bad_request"));
    QCOMPARE(rec.data.finished.first().error, QStringLiteral("At least one loop is needed (got 0)."));
    request.model = wbtest::modelPath("nope.onnx");
    request.loops = 1;
    BENCH_RUN(run2, rec2, request, 10000);
    QCOMPARE(rec2.data.finished.first().errorCode, QStringLiteral("not_found"));
}

void TestBenchCpu::secondStartRefused()
{
    BenchRun run;
    benchtest::Recorder rec(&run);
    QVERIFY(run.start(cpuRequest("resnet_static.onnx", 3)));
    QVERIFY(!run.start(cpuRequest("resnet_static.onnx", 3)));
    QTRY_COMPARE_WITH_TIMEOUT(rec.data.finished.size(), 1, 120000);
    QVERIFY(rec.data.finished.first().ok);
    QCOMPARE(rec.data.started.size(), 1);
    QVERIFY(run.start(cpuRequest("resnet_static.onnx", 2))); // free again
    QTRY_COMPARE_WITH_TIMEOUT(rec.data.finished.size(), 2, 120000);
    QCOMPARE(rec.data.finished.last().iterationsMs.size(), 2);
}

void TestBenchCpu::cancelMidRun()
{
    BenchRun run;
    benchtest::Recorder rec(&run);
    QVERIFY(run.start(cpuRequest("resnet_static.onnx", 100000)));
    QTRY_VERIFY_WITH_TIMEOUT(rec.data.iterations.size() >= 2, 120000);
    run.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(rec.data.finished.size(), 1, 60000);
    const BenchResult& r = rec.data.finished.first();
    QVERIFY(!r.ok);
    QCOMPARE(r.errorCode, QStringLiteral("cancelled"));
    QVERIFY(r.iterationsMs.size() >= 2 && r.iterationsMs.size() < 100000);
    QCOMPARE(
        r.error, QStringLiteral("The run was cancelled after %1 of 100000 iterations.").arg(r.iterationsMs.size()));
    const QString live = benchtest::iterationsProblem(rec.data, r);
    QVERIFY2(live.isEmpty(), qPrintable(live)); // what ran is kept and summarised
    const QString stats = benchtest::statsProblem(r);
    QVERIFY2(stats.isEmpty(), qPrintable(stats));
}

void TestBenchCpu::timeout()
{
    BenchRequest request = cpuRequest("resnet_static.onnx", 1000000);
    request.timeoutSec = 1;
    BENCH_RUN(run, rec, request, 120000);
    const BenchResult& r = rec.data.finished.first();
    QCOMPARE(r.errorCode, QStringLiteral("timed_out"));
    QVERIFY2(r.error.startsWith("The CPU run did not finish within the 1 s timeout"), qPrintable(r.error));
    QVERIFY(r.durationMs >= 1000);
}

namespace {

// y = x + trips: a Loop of `trips` iterations adding 1, so one ONNX Runtime Run takes as long as wanted.
QByteArray loopModel(qint64 trips)
{
    onnx::ModelProto m;
    m.set_ir_version(7);
    m.add_opset_import()->set_version(13);
    onnx::GraphProto* g = m.mutable_graph();
    g->set_name("slow_loop");
    const auto tensorType = [](onnx::ValueInfoProto* v, const char* name, int type, bool scalar) {
        v->set_name(name);
        auto* t = v->mutable_type()->mutable_tensor_type();
        t->set_elem_type(type);
        auto* shape = t->mutable_shape();
        if (!scalar)
            shape->add_dim()->set_dim_value(1);
    };
    tensorType(g->add_input(), "x", onnx::TensorProto::FLOAT, false);
    tensorType(g->add_output(), "y", onnx::TensorProto::FLOAT, false);
    onnx::TensorProto* count = g->add_initializer();
    count->set_name("trips");
    count->set_data_type(onnx::TensorProto::INT64);
    count->add_int64_data(trips);
    onnx::TensorProto* cond = g->add_initializer();
    cond->set_name("go");
    cond->set_data_type(onnx::TensorProto::BOOL);
    cond->add_int32_data(1);
    onnx::NodeProto* loop = g->add_node();
    loop->set_op_type("Loop");
    loop->add_input("trips");
    loop->add_input("go");
    loop->add_input("x");
    loop->add_output("y");
    onnx::AttributeProto* body = loop->add_attribute();
    body->set_name("body");
    body->set_type(onnx::AttributeProto::GRAPH);
    onnx::GraphProto* b = body->mutable_g();
    b->set_name("body");
    tensorType(b->add_input(), "i", onnx::TensorProto::INT64, true);
    tensorType(b->add_input(), "c_in", onnx::TensorProto::BOOL, true);
    tensorType(b->add_input(), "v_in", onnx::TensorProto::FLOAT, false);
    tensorType(b->add_output(), "c_out", onnx::TensorProto::BOOL, true);
    tensorType(b->add_output(), "v_out", onnx::TensorProto::FLOAT, false);
    onnx::TensorProto* one = b->add_initializer();
    one->set_name("one");
    one->set_data_type(onnx::TensorProto::FLOAT);
    one->add_dims(1);
    one->add_float_data(1.0f);
    onnx::NodeProto* keep = b->add_node();
    keep->set_op_type("Identity");
    keep->add_input("c_in");
    keep->add_output("c_out");
    onnx::NodeProto* add = b->add_node();
    add->set_op_type("Add");
    add->add_input("v_in");
    add->add_input("one");
    add->add_output("v_out");
    return QByteArray::fromStdString(m.SerializeAsString());
}

} // namespace

void TestBenchCpu::timeoutEndsAStuckWorker()
{
    // One ONNX Runtime Run far longer than the timeout: no cancel flag is looked at inside it. The timeout must
    // end the run on time all the same; before, the run ended only when the worker next looked (never, when the
    // worker had thrown).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&](const QString& name, qint64 trips) {
        const QString path = dir.filePath(name);
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(loopModel(trips)) > 0 ? path : QString();
    };
    // Calibrate: how long 100000 trips take here, then a Run of about 8 s.
    BenchRequest probe = cpuRequest("resnet_static.onnx", 1);
    probe.model = write("probe.onnx", 100000);
    probe.warmup = 0;
    BENCH_RUN(calibration, calibrated, probe, 120000);
    const BenchResult& c = calibrated.data.finished.first();
    QVERIFY2(c.ok, qPrintable(c.error));
    const double msPerTrip = qMax(c.stats.mean, 1.0) / 100000.0;
    const qint64 trips = qMin<qint64>(qint64(8000.0 / msPerTrip), qint64(1) << 40);
    qInfo("Loop: %.3f us per trip; %lld trips for about 8 s", msPerTrip * 1000.0, static_cast<long long>(trips));

    BenchRequest request = cpuRequest("resnet_static.onnx", 3);
    request.model = write("slow.onnx", trips);
    request.warmup = 0;
    request.timeoutSec = 1;
    BENCH_RUN(run, rec, request, 60000);
    const BenchResult& r = rec.data.finished.first();
    QCOMPARE(r.errorCode, QStringLiteral("timed_out"));
    QVERIFY2(r.error.startsWith("The CPU run did not finish within the 1 s timeout; it was stopped after 0 of 3"),
        qPrintable(r.error));
    QVERIFY(r.durationMs >= 1000);
    QVERIFY2(r.durationMs < 4000, qPrintable(QString::number(r.durationMs))); // not after the 8 s Run
    // The BenchRun's destructor then waits for the worker to finish its Run and see the cancel flag.
}

void TestBenchCpu::destroyedWhileRunning()
{
    auto* run = new BenchRun;
    benchtest::Recorder rec(run);
    QVERIFY(run->start(cpuRequest("resnet_static.onnx", 100000)));
    QTRY_VERIFY_WITH_TIMEOUT(!rec.data.iterations.isEmpty(), 120000);
    delete run; // cancels and waits for the worker
    const qsizetype seen = rec.data.iterations.size();
    QCoreApplication::processEvents();
    QCOMPARE(rec.data.iterations.size(), seen); // nothing arrives from the dead run
    QVERIFY(rec.data.finished.isEmpty());
}

WB_TEST_GUILESS_MAIN(TestBenchCpu)
#include "tst_benchcpu.moc"
