// planConversionJobs / planConversion: output names, the batch rule, the dynamic-batch job and planning errors.
// Nothing runs; the models come from the build's generated set.
#include "atc/conversion.h"
#include "testutil.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace wb;

class TestConversionPlan : public QObject {
    Q_OBJECT
private slots:
    void singleJobDefaultName();
    void batchRule_data();
    void batchRule();
    void dynamicBatch();
    void customNameAndDuplicates();
    void planConversionMatchesJobs();
    void errors_data();
    void errors();

private:
    static ConversionRequest request(const QString& model, const QString& inputShape = {})
    {
        ConversionRequest r;
        r.options.model = wbtest::modelPath(model);
        r.options.socVersion = QStringLiteral("Ascend310P3");
        r.options.inputShape = inputShape;
        r.toolkit.atcPath = QStringLiteral("/opt/fake/bin/atc");
        return r;
    }
    static QString argValue(const AtcInvocation& inv, const QString& flag)
    {
        const QString prefix = QStringLiteral("--%1=").arg(flag);
        for (const QString& a : inv.arguments) {
            if (a.startsWith(prefix))
                return a.mid(prefix.size());
        }
        return QStringLiteral("<unset>");
    }
};

void TestConversionPlan::singleJobDefaultName()
{
    const auto jobs = planConversionJobs(request("resnet_static.onnx"));
    QVERIFY(jobs.ok());
    QCOMPARE(jobs.value().size(), 1);
    const ConversionJob& job = jobs.value().first();
    const QString expected = QStringLiteral(WB_TEST_MODELS_DIR "/resnet_static_Ascend310P3");
    QCOMPARE(job.name, QStringLiteral("resnet_static_Ascend310P3"));
    QCOMPARE(job.omPath, expected + ".om");
    QCOMPARE(job.batch, -1);
    QCOMPARE(argValue(job.invocation, "output"), expected);
    QCOMPARE(argValue(job.invocation, "model"), wbtest::modelPath("resnet_static.onnx"));
    QCOMPARE(argValue(job.invocation, "input_shape"), QStringLiteral("<unset>"));
    QCOMPARE(job.invocation.program, QStringLiteral("/opt/fake/bin/atc"));
}

void TestConversionPlan::batchRule_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("expectedB4"); // --input_shape of the batch-4 variant
    // The model's dynamic first dim decides; the spec is not needed when the other dims are static.
    QTest::newRow("dynamic model, no spec") << "resnet_dynamic_batch.onnx"
                                            << ""
                                            << "input:4,3,224,224";
    QTest::newRow("dynamic model, spec") << "resnet_dynamic_batch.onnx"
                                         << "input:1,3,224,224"
                                         << "input:4,3,224,224";
    QTest::newRow("unnamed dim") << "resnet_unnamed_dim.onnx"
                                 << ""
                                 << "input:4,3,224,224";
    // Static model: every input whose first dim equals the first input's.
    QTest::newRow("static model, no spec") << "resnet_static.onnx"
                                           << ""
                                           << "input:4,3,224,224";
    QTest::newRow("two static inputs") << "two_inputs.onnx"
                                       << "input_tensor_A:1,3,224,224;input_tensor_B:1,10"
                                       << "input_tensor_A:4,3,224,224;input_tensor_B:4,10";
    QTest::newRow("two inputs, one listed") << "two_inputs.onnx"
                                            << "input_tensor_A:1,3,224,224"
                                            << "input_tensor_A:4,3,224,224;input_tensor_B:4,10";
    // Model unreadable: the spec alone; inputs whose first dim differs from the first input's stay as they are.
    QTest::newRow("spec only") << "does_not_exist.onnx"
                               << "a:2,3;b:2,5;c:7;s:"
                               << "a:4,3;b:4,5;c:7;s:";
}

void TestConversionPlan::batchRule()
{
    QFETCH(QString, model);
    QFETCH(QString, spec);
    QFETCH(QString, expectedB4);
    ConversionRequest r = request(model, spec);
    r.batches = { 1, 4, 8 };
    const auto jobs = planConversionJobs(r);
    QVERIFY2(jobs.ok(), qPrintable(jobs.ok() ? QString() : jobs.error().message));
    QCOMPARE(jobs.value().size(), 3);
    const QString base = QFileInfo(model).completeBaseName() + "_Ascend310P3";
    QStringList names;
    for (const ConversionJob& j : jobs.value())
        names.append(j.name);
    QCOMPARE(names, (QStringList { base + "_b1", base + "_b4", base + "_b8" }));
    QCOMPARE(jobs.value().at(1).batch, 4);
    QCOMPARE(jobs.value().at(1).options.inputShape, expectedB4);
    QCOMPARE(argValue(jobs.value().at(1).invocation, "input_shape"), expectedB4);
    QCOMPARE(argValue(jobs.value().at(1).invocation, "output"),
        QFileInfo(r.options.model).absolutePath() + "/" + base + "_b4");
    QVERIFY(jobs.value().at(2).options.inputShape.contains(QStringLiteral(":8,")));
}

void TestConversionPlan::dynamicBatch()
{
    ConversionRequest r = request("resnet_dynamic_batch.onnx", "input:1,3,224,224");
    r.batches = { 1, 4, 8 };
    r.dynamicBatch = true;
    const auto jobs = planConversionJobs(r);
    QVERIFY(jobs.ok());
    QCOMPARE(jobs.value().size(), 1);
    const ConversionJob& job = jobs.value().first();
    QCOMPARE(job.name, QStringLiteral("resnet_dynamic_batch_Ascend310P3_dyn"));
    QCOMPARE(job.batch, -1);
    QCOMPARE(argValue(job.invocation, "input_shape"), QStringLiteral("input:-1,3,224,224"));
    QCOMPARE(argValue(job.invocation, "dynamic_batch_size"), QStringLiteral("1,4,8"));
}

void TestConversionPlan::customNameAndDuplicates()
{
    QTemporaryDir dir;
    ConversionRequest r = request("resnet_dynamic_batch.onnx");
    r.options.output = dir.filePath("out/prod");
    r.batches = { 4, 1, 4 };
    const auto jobs = planConversionJobs(r);
    QVERIFY(jobs.ok());
    QCOMPARE(jobs.value().size(), 2); // 4 once, order kept
    QCOMPARE(jobs.value().at(0).omPath, dir.filePath("out/prod_b4.om"));
    QCOMPARE(jobs.value().at(1).omPath, dir.filePath("out/prod_b1.om"));
}

void TestConversionPlan::planConversionMatchesJobs()
{
    ConversionRequest r = request("resnet_dynamic_batch.onnx");
    r.batches = { 2, 3 };
    QStringList oms;
    const QList<AtcInvocation> invocations = planConversion(r, &oms);
    QCOMPARE(invocations.size(), 2);
    QCOMPARE(oms.size(), 2);
    QVERIFY(oms.at(1).endsWith("resnet_dynamic_batch_Ascend310P3_b3.om"));
    QCOMPARE(argValue(invocations.at(1), "input_shape"), QStringLiteral("input:3,3,224,224"));
    r.batches = { 0 };
    QVERIFY(planConversion(r, &oms).isEmpty());
    QVERIFY(oms.isEmpty());
}

void TestConversionPlan::errors_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("profile"); // a dynamic_* flag set in the options, "" for none
    QTest::addColumn<QList<qint64>>("batches");
    QTest::addColumn<QString>("messageHas");
    QTest::newRow("batch 0") << "resnet_static.onnx"
                             << ""
                             << "" << QList<qint64> { 1, 0 } << "Batch size 0";
    QTest::newRow("bad spec") << "resnet_static.onnx"
                              << "input:1.5,3"
                              << "" << QList<qint64> { 2 } << "--input_shape";
    QTest::newRow("only scalars") << "does_not_exist.onnx"
                                  << "a:;b:"
                                  << "" << QList<qint64> { 2 } << "No input has a batch";
    QTest::newRow("no spec, no model") << "does_not_exist.onnx"
                                       << ""
                                       << "" << QList<qint64> { 2 } << "give --input_shape";
    QTest::newRow("with dynamic_dims") << "resnet_static.onnx"
                                       << ""
                                       << "dynamic_dims" << QList<qint64> { 2 } << "--dynamic_dims";
}

void TestConversionPlan::errors()
{
    QFETCH(QString, model);
    QFETCH(QString, spec);
    QFETCH(QString, profile);
    QFETCH(QList<qint64>, batches);
    QFETCH(QString, messageHas);
    ConversionRequest r = request(model, spec);
    r.batches = batches;
    if (!profile.isEmpty())
        QVERIFY(setAtcFlagValue(r.options, profile, "1,2;2,4"));
    const auto jobs = planConversionJobs(r);
    QVERIFY(!jobs.ok());
    QCOMPARE(jobs.error().code, QStringLiteral("bad_request"));
    QVERIFY2(jobs.error().message.contains(messageHas), qPrintable(jobs.error().message));
}

QTEST_APPLESS_MAIN(TestConversionPlan)
#include "tst_conversionplan.moc"
