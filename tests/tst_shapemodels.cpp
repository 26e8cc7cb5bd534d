// InputShapeModel (editable static shapes) and TensorShapeModel under QAbstractItemModelTester.
#include "models/inputshapemodel.h"
#include "models/tensorshapemodel.h"
#include "onnx/onnxmodel.h"
#include "onnx/shapeinference.h"
#include "testutil.h"

#include <QAbstractItemModelTester>

using namespace wb;

class TestShapeModels : public QObject {
    Q_OBJECT
private slots:
    void prefill_data();
    void prefill();
    void editing_data();
    void editing();
    void onlyStaticShapeIsEditable();
    void tensorShapes();
};

void TestShapeModels::prefill_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("prefilled");
    QTest::newRow("static") << "resnet_static.onnx" << "input:1,3,224,224" << false;
    QTest::newRow("symbolic batch proposed as 1") << "resnet_dynamic_batch.onnx" << "input:1,3,224,224" << true;
    QTest::newRow("unnamed dim proposed as 1") << "resnet_unnamed_dim.onnx" << "input:1,3,224,224" << true;
    QTest::newRow("two inputs") << "two_inputs.onnx" << "input_tensor_A:1,3,224,224;input_tensor_B:1,10" << false;
    QTest::newRow("scalar") << "if_subgraph.onnx" << "cond:;x:1,16" << false;
}

void TestShapeModels::prefill()
{
    QFETCH(QString, model);
    QFETCH(QString, spec);
    QFETCH(bool, prefilled);
    const auto loaded = OnnxModel::load(wbtest::modelPath(model));
    QVERIFY(loaded.ok());
    InputShapeModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setInputs(loaded.value()->summary().inputs);
    QCOMPARE(m.specText(), spec);
    QVERIFY(m.specs().ok());
    QCOMPARE(formatInputShapeSpec(m.specs().value()), spec);
    QCOMPARE(m.index(0, InputShapeModel::StaticShapeColumn).data(InputShapeModel::PrefilledRole).toBool(), prefilled);
}

void TestShapeModels::editing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("good") << "8,3,224,224" << "";
    QTest::newRow("spaces") << " 4, 3, 224, 224 " << "";
    QTest::newRow("rank") << "8,3,224" << "has 4 dimensions; 3 given";
    QTest::newRow("float") << "8,3.5,224,224" << "float number is unsupported";
    QTest::newRow("dynamic") << "-1,3,224,224" << "Use fixed sizes";
    QTest::newRow("letters") << "b,3,224,224" << "is not a digit";
}

void TestShapeModels::editing()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    QVERIFY(loaded.ok());
    InputShapeModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setInputs(loaded.value()->summary().inputs);
    QSignalSpy changed(&m, &InputShapeModel::specsChanged);
    const QModelIndex cell = m.index(0, InputShapeModel::StaticShapeColumn);
    QVERIFY(m.setData(cell, text));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(cell.data(InputShapeModel::PrefilledRole).toBool(), false);
    const QString actual = cell.data(InputShapeModel::ErrorRole).toString();
    if (error.isEmpty()) {
        QVERIFY2(actual.isEmpty(), qPrintable(actual));
        QVERIFY(m.specs().ok());
        QCOMPARE(m.specText(), QStringLiteral("input:") + text.simplified().remove(QLatin1Char(' ')));
    } else {
        QVERIFY2(actual.contains(error), qPrintable(actual));
        QVERIFY(!m.specs().ok());
        QCOMPARE(m.specText(), QString()); // rows with errors are left out of the preview
    }
}

void TestShapeModels::onlyStaticShapeIsEditable()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("two_inputs.onnx")));
    QVERIFY(loaded.ok());
    InputShapeModel m;
    m.setInputs(loaded.value()->summary().inputs);
    for (int c = 0; c < m.columnCount(); ++c) {
        const bool editable = m.flags(m.index(0, c)).testFlag(Qt::ItemIsEditable);
        QCOMPARE(editable, c == InputShapeModel::StaticShapeColumn);
        if (!editable)
            QVERIFY(!m.setData(m.index(0, c), QStringLiteral("x")));
    }
}

void TestShapeModels::tensorShapes()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("detector_nms.onnx")));
    QVERIFY(loaded.ok());
    const auto inferred = inferShapes(*loaded.value(), {});
    QVERIFY(inferred.ok());
    TensorShapeModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setTensors(inferred.value().tensors);
    QCOMPARE(m.rowCount(), int(inferred.value().tensors.size()));
    int dynamicRows = 0;
    for (int r = 0; r < m.rowCount(); ++r) {
        const bool dynamic = m.index(r, TensorShapeModel::ShapeColumn).data(DynamicRole).toBool();
        dynamicRows += dynamic ? 1 : 0;
        if (dynamic)
            QCOMPARE(m.index(r, 0).data(TensorShapeModel::TensorNameRole).toString(), QStringLiteral("selected_indices"));
    }
    QCOMPARE(dynamicRows, 1);
    m.clear();
    QCOMPARE(m.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestShapeModels)
#include "tst_shapemodels.moc"
