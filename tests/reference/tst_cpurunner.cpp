// runOnCpu against the generated models: shapes and dtypes, determinism, the saved test_data_set folder, every
// input error, cancellation, and the resnet_static latency on 2 threads. Skips (with the reason) without ORT.
#include "reference/tensorfile.h"
#include "reftestutil.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace wb;

namespace {

CpuRunOptions options(const QString& model, const QString& shapes = {})
{
    CpuRunOptions o;
    o.modelPath = wbtest::modelPath(model);
    if (!shapes.isEmpty())
        o.inputShapes = parseInputShapeSpec(shapes).value();
    o.warmup = 0;
    o.iterations = 1;
    o.intraOpThreads = 2;
    o.seed = 7;
    return o;
}

QString why(const Result<CpuRunResult>& r)
{
    return r.ok() ? QString() : r.error().code + QStringLiteral(": ") + r.error().message;
}

} // namespace

class TestCpuRunner : public QObject {
    Q_OBJECT

    QString m_skip;

private slots:
    void initTestCase() { m_skip = wbtest::ortMissingReason(); }
    void init()
    {
        if (!m_skip.isEmpty()
            && QString::fromLatin1(QTest::currentTestFunction()) != QLatin1String("unavailableRuntime"))
            WB_SKIP_MISSING(m_skip);
    }

    void unavailableRuntime()
    {
        CpuRunOptions o = options(QStringLiteral("resnet_static.onnx"));
        o.runtime.explicitPath = QStringLiteral("/nonexistent/libonnxruntime.so.1");
        auto r = runOnCpu(o);
        QVERIFY(!r.ok());
        if (!onnxRuntimeBuiltIn())
            QCOMPARE(r.error().code, QStringLiteral("ort_not_built"));
        else if (!loadedOnnxRuntime())
            QCOMPARE(r.error().code, QStringLiteral("ort_not_found"));
        else // already loaded from the bundled copy: a wrong setting is still named
            QVERIFY2(
                r.error().message.contains(QStringLiteral("/nonexistent/libonnxruntime.so.1")), qPrintable(why(r)));
    }

    void resnetStatic()
    {
        CpuRunOptions o = options(QStringLiteral("resnet_static.onnx"));
        o.warmup = 1;
        o.iterations = 3;
        QList<CpuRunProgress> seen;
        CpuRunControl control;
        control.progress = [&](const CpuRunProgress& p) { seen.append(p); };
        auto r = runOnCpu(o, control);
        QVERIFY2(r.ok(), qPrintable(why(r)));
        const CpuRunResult& res = r.value();
        QCOMPARE(res.inputs.size(), 1);
        QCOMPARE(res.inputs[0].name, QStringLiteral("input"));
        QCOMPARE(res.inputs[0].shape, (QList<qint64> { 1, 3, 224, 224 }));
        QCOMPARE(res.outputs.size(), 1);
        QCOMPARE(res.outputs[0].name, QStringLiteral("logits"));
        QCOMPARE(res.outputs[0].dtype(), QStringLiteral("float32"));
        QCOMPARE(res.outputs[0].shape, (QList<qint64> { 1, 1000 }));
        QCOMPARE(res.outputs[0].data.size(), 4000);
        QCOMPARE(res.warmupMs.size(), 1);
        QCOMPARE(res.iterationMs.size(), 3);
        QVERIFY(std::all_of(res.iterationMs.begin(), res.iterationMs.end(), [](double ms) { return ms > 0.0; }));
        QVERIFY(res.sessionMs > 0.0);
        QCOMPARE(seen.size(), 4);
        QVERIFY(seen[0].warmup && seen[0].iteration == 1 && seen[0].count == 1);
        QVERIFY(!seen[3].warmup && seen[3].iteration == 3 && seen[3].count == 3);
        QCOMPARE(seen[3].ms, res.iterationMs[2]);
        QVERIFY(res.savedFiles.isEmpty());
        QVERIFY(!res.runtime.version.isEmpty());
    }

    void deterministicForSeed()
    {
        auto a = runOnCpu(options(QStringLiteral("resnet_static.onnx")));
        auto b = runOnCpu(options(QStringLiteral("resnet_static.onnx")));
        CpuRunOptions other = options(QStringLiteral("resnet_static.onnx"));
        other.seed = 8;
        auto c = runOnCpu(other);
        QVERIFY2(a.ok() && b.ok() && c.ok(), qPrintable(why(a) + why(b) + why(c)));
        QCOMPARE(a.value().inputs[0].data, b.value().inputs[0].data);
        QCOMPARE(a.value().outputs[0].data, b.value().outputs[0].data);
        QVERIFY(a.value().inputs[0].data != c.value().inputs[0].data);
        QVERIFY(a.value().outputs[0].data != c.value().outputs[0].data);
    }

    void twoInputs()
    {
        auto r = runOnCpu(options(QStringLiteral("two_inputs.onnx")));
        QVERIFY2(r.ok(), qPrintable(why(r)));
        QCOMPARE(r.value().inputs.size(), 2);
        QCOMPARE(r.value().inputs[0].name, QStringLiteral("input_tensor_A"));
        QCOMPARE(r.value().inputs[1].name, QStringLiteral("input_tensor_B"));
        QCOMPARE(r.value().inputs[1].shape, (QList<qint64> { 1, 10 }));
        QCOMPARE(r.value().outputs[0].name, QStringLiteral("scores"));
        QCOMPARE(r.value().outputs[0].shape, (QList<qint64> { 1, 20 }));
    }

    // With zeros as input every row of a batch of 4 equals the batch-of-1 result.
    void dynamicBatchWithShape()
    {
        CpuRunOptions four = options(QStringLiteral("resnet_dynamic_batch.onnx"), QStringLiteral("input:4,3,224,224"));
        four.fill = InputFill::Zeros;
        CpuRunOptions one = options(QStringLiteral("resnet_dynamic_batch.onnx"), QStringLiteral("input:1,3,224,224"));
        one.fill = InputFill::Zeros;
        auto r4 = runOnCpu(four);
        auto r1 = runOnCpu(one);
        QVERIFY2(r4.ok() && r1.ok(), qPrintable(why(r4) + why(r1)));
        QCOMPARE(r4.value().inputs[0].shape, (QList<qint64> { 4, 3, 224, 224 }));
        QCOMPARE(r4.value().outputs[0].shape, (QList<qint64> { 4, 1000 }));
        const HostTensor& single = r1.value().outputs[0];
        for (int row = 0; row < 4; ++row) {
            HostTensor slice = single;
            slice.data = r4.value().outputs[0].data.mid(row * 4000, 4000);
            const QString diff = reftest::compareTensors(slice, single, 1e-5, 1e-4);
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("row %1: %2").arg(row).arg(diff)));
        }
    }

    void inputErrors_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("shapes");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("dynamic, no shape")
            << "resnet_dynamic_batch.onnx"
            << ""
            << "dynamic_input"
            << "Input 'input' has dynamic dimensions [batch, 3, 224, 224]: give it a static shape, e.g. "
               "\"input:1,3,224,224\"";
        QTest::newRow("unnamed dynamic dim") << "resnet_unnamed_dim.onnx"
                                             << ""
                                             << "dynamic_input"
                                             << "Input 'input' has dynamic dimensions [?, 3, 224, 224]: give it a "
                                                "static shape, e.g. \"input:1,3,224,224\"";
        QTest::newRow("wrong dim") << "resnet_static.onnx"
                                   << "input:1,3,225,224"
                                   << "shape_mismatch"
                                   << "Input 'input': dimension 2 is 224 in the model [1, 3, 224, 224], but the given "
                                      "shape gives 225 [1, 3, 225, 224]";
        QTest::newRow("wrong rank")
            << "resnet_dynamic_batch.onnx"
            << "input:2,3,224"
            << "rank_mismatch"
            << "Input 'input' has rank 4 in the model [batch, 3, 224, 224], but the given shape "
               "has rank 3 [2, 3, 224]";
        QTest::newRow("unknown input") << "two_inputs.onnx"
                                       << "images:1,3,224,224"
                                       << "unknown_input"
                                       << "The model has no input named 'images' (inputs: input_tensor_A, "
                                          "input_tensor_B)";
        QTest::newRow("range") << "resnet_dynamic_batch.onnx"
                               << "input:1~4,3,224,224"
                               << "not_static"
                               << "The shape for input 'input' must be static for a CPU run (no -1, -2 or ranges)";
    }
    void inputErrors()
    {
        QFETCH(QString, model);
        QFETCH(QString, shapes);
        QFETCH(QString, code);
        QFETCH(QString, message);
        auto r = runOnCpu(options(model, shapes));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, code);
        QCOMPARE(r.error().message, message);
    }

    void savesDataSetAndReadsItBack()
    {
        QTemporaryDir dir;
        const QString set = dir.filePath(QStringLiteral("run/test_data_set_0"));
        QVERIFY(QDir().mkpath(set));
        QVERIFY(QFile(set + QStringLiteral("/output_5.pb")).open(QIODevice::WriteOnly)); // stale, must go
        CpuRunOptions o = options(QStringLiteral("two_inputs.onnx"));
        o.outputDir = set;
        auto r = runOnCpu(o);
        QVERIFY2(r.ok(), qPrintable(why(r)));
        QCOMPARE(QDir(set).entryList(QDir::Files),
            (QStringList {
                QStringLiteral("input_0.pb"), QStringLiteral("input_1.pb"), QStringLiteral("output_0.pb") }));
        QCOMPARE(r.value().savedFiles.size(), 3);
        QCOMPARE(r.value().savedFiles[2], set + QStringLiteral("/output_0.pb"));

        // Read with onnx's own TensorProto: name, type, dims and the very bytes returned.
        QFile f(set + QStringLiteral("/output_0.pb"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        onnx::TensorProto proto;
        QVERIFY(proto.ParseFromString(f.readAll().toStdString()));
        QCOMPARE(proto.name(), std::string("scores"));
        QCOMPARE(proto.data_type(), int(onnx::TensorProto::FLOAT));
        QCOMPARE(proto.dims_size(), 2);
        QCOMPARE(proto.dims(1), 20);
        QCOMPARE(QByteArray::fromStdString(proto.raw_data()), r.value().outputs[0].data);
        auto in1 = readTensorFile(set + QStringLiteral("/input_1.pb"));
        QVERIFY(in1.ok());
        QCOMPARE(in1.value(), r.value().inputs[1]);

        // Feeding the saved inputs back gives the saved outputs.
        CpuRunOptions again = options(QStringLiteral("two_inputs.onnx"));
        again.fill = InputFill::Files;
        again.inputFiles = dataSetInputFiles(set).value();
        auto r2 = runOnCpu(again);
        QVERIFY2(r2.ok(), qPrintable(why(r2)));
        QCOMPARE(r2.value().inputs, r.value().inputs);
        QCOMPARE(r2.value().outputs[0].data, r.value().outputs[0].data);
    }

    void badInputFiles()
    {
        QTemporaryDir dir;
        const auto save = [&](const HostTensor& t, const QString& name) {
            const QString path = dir.filePath(name);
            return writeTensorFile(t, path).ok() ? path : QString();
        };
        const QString garbage = dir.filePath(QStringLiteral("garbage.pb"));
        QFile g(garbage);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("\xff\xff\xff\xff garbage");
        g.close();
        const QString ints = save(makeTensor(QString(), 7, { 1, 3, 224, 224 }, InputFill::Zeros, 0), "ints.pb");
        const QString small = save(makeTensor(QString(), 1, { 1, 3, 32, 32 }, InputFill::Zeros, 0), "small.pb");
        const QString good = save(makeTensor(QString(), 1, { 1, 3, 224, 224 }, InputFill::Zeros, 0), "good.pb");
        const QString named
            = save(makeTensor(QStringLiteral("input"), 1, { 1, 3, 224, 224 }, InputFill::Zeros, 0), "n.pb");

        const auto run = [&](const QString& model, const QStringList& files) {
            CpuRunOptions o = options(model);
            o.fill = InputFill::Files;
            o.inputFiles = files;
            return runOnCpu(o);
        };
        const QString resnet = QStringLiteral("resnet_static.onnx");
        QCOMPARE(run(resnet, { garbage }).error().code, QStringLiteral("bad_tensor_file"));
        QCOMPARE(run(resnet, { ints }).error().message,
            QStringLiteral("%1 holds int64 data, but input 'input' is float32").arg(ints));
        QCOMPARE(run(resnet, { small }).error().code, QStringLiteral("shape_mismatch"));
        QCOMPARE(run(resnet, { good, good }).error().code, QStringLiteral("extra_input"));
        QCOMPARE(run(resnet, { dir.filePath(QStringLiteral("none.pb")) }).error().code, QStringLiteral("not_found"));
        QCOMPARE(run(QStringLiteral("two_inputs.onnx"), { good }).error().message,
            QStringLiteral("No input file gives input 'input_tensor_B' (1 file(s) for 2 inputs)"));
        QVERIFY2(run(resnet, { named }).ok(), "a file named after the input feeds it");
        CpuRunOptions noFiles = options(resnet);
        noFiles.fill = InputFill::Files;
        QCOMPARE(runOnCpu(noFiles).error().code, QStringLiteral("bad_options"));
    }

    void modelErrors()
    {
        auto missing = runOnCpu(options(QStringLiteral("no_such_model.onnx")));
        QCOMPARE(missing.error().code, QStringLiteral("not_found"));
        QVERIFY(missing.error().message.endsWith(QStringLiteral("no_such_model.onnx does not exist")));
        auto corrupt = runOnCpu(options(QStringLiteral("corrupt.onnx")));
        QCOMPARE(corrupt.error().code, QStringLiteral("ort_session_failed"));
        QVERIFY2(
            corrupt.error().message.startsWith(QStringLiteral("ONNX Runtime cannot load ")), qPrintable(why(corrupt)));
        CpuRunOptions zero = options(QStringLiteral("resnet_static.onnx"));
        zero.iterations = 0;
        QCOMPARE(runOnCpu(zero).error().message, QStringLiteral("At least one iteration is needed (got 0)"));
    }

    void cancel()
    {
        std::atomic_bool flag { true };
        CpuRunControl control;
        control.cancel = &flag;
        CpuRunOptions o = options(QStringLiteral("resnet_static.onnx"));
        o.warmup = 1;
        o.iterations = 50;
        QCOMPARE(runOnCpu(o, control).error().message,
            QStringLiteral("The CPU run was cancelled after 0 of 50 measured iterations"));

        flag = false;
        int calls = 0;
        control.progress = [&](const CpuRunProgress& p) {
            ++calls;
            if (!p.warmup && p.iteration == 2)
                flag = true; // as the GUI's Stop button would, from another thread
        };
        QTemporaryDir dir;
        o.outputDir = dir.filePath(QStringLiteral("set"));
        auto r = runOnCpu(o, control);
        QCOMPARE(r.error().code, QStringLiteral("cancelled"));
        QCOMPARE(r.error().message, QStringLiteral("The CPU run was cancelled after 2 of 50 measured iterations"));
        QCOMPARE(calls, 3);
        QVERIFY(!QDir(o.outputDir).exists()); // nothing saved for a cancelled run
    }

    void everyDtype_data()
    {
        QTest::addColumn<int>("type");
        for (const auto& [name, type] :
            std::initializer_list<std::pair<const char*, int>> { { "float32", 1 }, { "uint8", 2 }, { "int8", 3 },
                { "int32", 6 }, { "int64", 7 }, { "bool", 9 }, { "float16", 10 }, { "float64", 11 } })
            QTest::newRow(name) << type;
    }
    void everyDtype()
    {
        QFETCH(int, type);
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("identity.onnx"));
        QVERIFY(reftest::writeOneNodeModel(model, "Identity", type, type, { 2, 3, 5 }));
        CpuRunOptions o = options(QString());
        o.modelPath = model;
        o.outputDir = dir.filePath(QStringLiteral("test_data_set_0"));
        auto r = runOnCpu(o);
        QVERIFY2(r.ok(), qPrintable(why(r)));
        const HostTensor& out = r.value().outputs[0];
        QCOMPARE(out.elemType, type);
        QCOMPARE(out.shape, (QList<qint64> { 2, 3, 5 }));
        QCOMPARE(out.data, r.value().inputs[0].data);
        QVERIFY(out.data != QByteArray(out.data.size(), '\0'));
        auto saved = readTensorFile(o.outputDir + QStringLiteral("/output_0.pb"));
        QVERIFY(saved.ok());
        QCOMPARE(saved.value(), out);
    }

    // The number the README quotes: median of 50 runs of resnet_static (1x3x224x224) on 2 threads.
    void latencyResnetStatic()
    {
        CpuRunOptions o = options(QStringLiteral("resnet_static.onnx"));
        o.warmup = 5;
        o.iterations = 50;
        auto r = runOnCpu(o);
        QVERIFY2(r.ok(), qPrintable(why(r)));
        QList<double> ms = r.value().iterationMs;
        QCOMPARE(ms.size(), 50);
        std::sort(ms.begin(), ms.end());
        const double median = (ms[24] + ms[25]) / 2;
        QVERIFY(median > 0.0 && ms.first() <= median && median <= ms.last());
        qInfo("resnet_static 1x3x224x224, ONNX Runtime %s, 2 threads: median %.2f ms, min %.2f ms, max %.2f ms "
              "(50 runs, session %.0f ms)",
            qPrintable(r.value().runtime.version), median, ms.first(), ms.last(), r.value().sessionMs);
    }
};

WB_TEST_GUILESS_MAIN(TestCpuRunner)
#include "tst_cpurunner.moc"
