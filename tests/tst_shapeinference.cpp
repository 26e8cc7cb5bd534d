// Shape inference after fixing inputs: every tensor's shape, what stays dynamic, errors.
#include "onnx/shapeinference.h"
#include "testutil.h"

using namespace wb;

class TestShapeInference : public QObject {
    Q_OBJECT
private slots:
    void outputs_data();
    void outputs();
    void errors_data();
    void errors();
    void everyTensorListed();
    void unsortedGraphIsSortedFirst();
    void sourceModelUntouched();
    void dynamicOrigins();
};

void TestShapeInference::outputs_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("outputs");
    QTest::addColumn<int>("stillDynamic");
    QTest::newRow("batch 4") << "resnet_dynamic_batch.onnx" << "input:4,3,224,224" << QStringList { "[4, 1000]" } << 0;
    QTest::newRow("batch 8 unnamed") << "resnet_unnamed_dim.onnx" << "input:8,3,224,224" << QStringList { "[8, 1000]" }
                                     << 0;
    QTest::newRow("not fixed stays dynamic") << "resnet_dynamic_batch.onnx" << "" << QStringList { "[batch, 1000]" }
                                             << 30;
    QTest::newRow("two inputs") << "two_inputs.onnx" << "input_tensor_A:1,3,224,224;input_tensor_B:1,10"
                                << QStringList { "[1, 20]" } << 0;
    // NMS output size depends on the data, not on shapes: it stays dynamic whatever the input.
    QTest::newRow("nms") << "detector_nms.onnx" << "images:1,3,320,320"
                         << QStringList { "[unk__0, 3]", "[1, 400, 4]", "[1, 8, 400]" } << 1;
    QTest::newRow("static model, no spec") << "resnet_static.onnx" << "" << QStringList { "[1, 1000]" } << 0;
}

void TestShapeInference::outputs()
{
    QFETCH(QString, model);
    QFETCH(QString, spec);
    QFETCH(QStringList, outputs);
    QFETCH(int, stillDynamic);
    const auto loaded = OnnxModel::load(wbtest::modelPath(model));
    QVERIFY(loaded.ok());
    QList<InputShapeSpec> specs;
    if (!spec.isEmpty())
        specs = parseInputShapeSpec(spec).value();
    const auto result = inferShapes(*loaded.value(), specs);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QStringList shapes;
    for (const TensorInfo& t : result.value().outputs)
        shapes.append(t.shapeText());
    QCOMPARE(shapes, outputs);
    if (stillDynamic == 0)
        QVERIFY2(result.value().stillDynamic.isEmpty(), qPrintable(result.value().stillDynamic.join(',')));
    else if (stillDynamic == 1)
        QCOMPARE(result.value().stillDynamic.size(), 1);
    else
        QVERIFY(result.value().stillDynamic.size() >= stillDynamic);
}

void TestShapeInference::errors_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("unknown name") << "image:1,3,224,224" << "unknown_input" << "Its inputs are: input.";
    QTest::newRow("rank") << "input:1,3,224" << "rank_mismatch" << "has 4 dimensions, but 3 were given";
    QTest::newRow("dynamic") << "input:-1,3,224,224" << "not_static" << "must be a fixed size";
    QTest::newRow("range") << "input:1~4,3,224,224" << "not_static" << "must be a fixed size";
}

void TestShapeInference::errors()
{
    QFETCH(QString, spec);
    QFETCH(QString, code);
    QFETCH(QString, phrase);
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    QVERIFY(loaded.ok());
    const auto result = inferShapes(*loaded.value(), parseInputShapeSpec(spec).value());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, code);
    QVERIFY2(result.error().message.contains(phrase), qPrintable(result.error().message));
}

void TestShapeInference::everyTensorListed()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    QVERIFY(loaded.ok());
    const auto result = inferShapes(*loaded.value(), parseInputShapeSpec(QStringLiteral("input:2,3,224,224")).value());
    QVERIFY(result.ok());
    // One input plus one tensor per node output (every node here has exactly one output).
    QCOMPARE(result.value().tensors.size(), 1 + loaded.value()->summary().nodeCount);
    QCOMPARE(result.value().tensors.first().shapeText(), QStringLiteral("[2, 3, 224, 224]"));
    for (const TensorInfo& t : result.value().tensors) {
        QVERIFY2(!t.isDynamic(), qPrintable(t.name));
        QCOMPARE(t.shape->first().value, 2); // the batch flows through every tensor
        QCOMPARE(t.dtype, QStringLiteral("float32"));
    }
}

void TestShapeInference::unsortedGraphIsSortedFirst()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("unsorted_nodes.onnx")));
    QVERIFY(loaded.ok());
    const auto result = inferShapes(*loaded.value(), {});
    QVERIFY(result.ok());
    QVERIFY2(result.value().stillDynamic.isEmpty(), qPrintable(result.value().stillDynamic.join(',')));
    QCOMPARE(result.value().outputs.first().shapeText(), QStringLiteral("[1, 10]"));
}

void TestShapeInference::sourceModelUntouched()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    QVERIFY(loaded.ok());
    QVERIFY(inferShapes(*loaded.value(), parseInputShapeSpec(QStringLiteral("input:4,3,224,224")).value()).ok());
    QCOMPARE(loaded.value()->summary().inputs.first().shapeText(), QStringLiteral("[batch, 3, 224, 224]"));
    const auto again = inferShapes(*loaded.value(), {});
    QVERIFY(again.ok());
    QCOMPARE(again.value().inputs.first().shapeText(), QStringLiteral("[batch, 3, 224, 224]"));
}

void TestShapeInference::dynamicOrigins()
{
    const auto nms = OnnxModel::load(wbtest::modelPath(QStringLiteral("detector_nms.onnx")));
    QVERIFY(nms.ok());
    const auto result = inferShapes(*nms.value(), {});
    QVERIFY(result.ok());
    QCOMPARE(result.value().dynamicOrigins.size(), 1);
    QVERIFY2(result.value().dynamicOrigins.first().contains(QStringLiteral("(NonMaxSuppression) makes 'selected_indices'")),
        qPrintable(result.value().dynamicOrigins.first()));
    // A dynamic input is not an origin: nothing in the graph turned it dynamic.
    const auto batch = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    const auto unfixed = inferShapes(*batch.value(), {});
    QVERIFY(unfixed.ok());
    QVERIFY(unfixed.value().dynamicOrigins.isEmpty());
}

QTEST_APPLESS_MAIN(TestShapeInference)
#include "tst_shapeinference.moc"
