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
    void otherDynamicDimsNeedAValue_data();
    void otherDynamicDimsNeedAValue();
    void suggestions_data();
    void suggestions();
    void sharedDimNameFollowsTheFirst();
    void tensorShapes();
};

void TestShapeModels::prefill_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("prefilled");
    QTest::newRow("static") << "resnet_static.onnx"
                            << "input:1,3,224,224" << false;
    QTest::newRow("symbolic batch proposed as 1") << "resnet_dynamic_batch.onnx"
                                                  << "input:1,3,224,224" << true;
    QTest::newRow("unnamed dim proposed as 1") << "resnet_unnamed_dim.onnx"
                                               << "input:1,3,224,224" << true;
    QTest::newRow("two inputs") << "two_inputs.onnx"
                                << "input_tensor_A:1,3,224,224;input_tensor_B:1,10" << false;
    QTest::newRow("scalar") << "if_subgraph.onnx"
                            << "cond:;x:1,16" << false;
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

void TestShapeModels::otherDynamicDimsNeedAValue_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QVariantList>("missing");
    QTest::addColumn<QString>("names");
    // A detector [batch, 3, height, width]: the batch is proposed, height and width are asked for, never 1x1.
    QTest::newRow("yolo") << "yolo_like.onnx"
                          << "1,3,?,?" << QVariantList { 2, 3 } << "height (dim 2), width (dim 3)";
    QTest::newRow("sequence") << "fold_range.onnx"
                              << "1,?" << QVariantList { 1 } << "sequence (dim 1)";
    QTest::newRow("unnamed") << "flat_input.onnx"
                             << "1,?" << QVariantList { 1 } << "? (dim 1)";
    QTest::newRow("rank 1 has no batch") << "nonzero_mid.onnx"
                                         << "64" << QVariantList {} << "";
}

void TestShapeModels::otherDynamicDimsNeedAValue()
{
    QFETCH(QString, model);
    QFETCH(QString, cell);
    QFETCH(QVariantList, missing);
    QFETCH(QString, names);
    const auto loaded = OnnxModel::load(wbtest::modelPath(model));
    QVERIFY(loaded.ok());
    InputShapeModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setInputs(loaded.value()->summary().inputs);
    const QModelIndex index = m.index(0, InputShapeModel::StaticShapeColumn);
    QCOMPARE(index.data().toString(), cell);
    QCOMPARE(index.data(InputShapeModel::MissingDimsRole).toList(), missing);
    if (missing.isEmpty()) {
        QVERIFY(index.data(InputShapeModel::ErrorRole).toString().isEmpty());
        return;
    }
    QVERIFY2(index.data(InputShapeModel::ErrorRole).toString().contains(names),
        qPrintable(index.data(InputShapeModel::ErrorRole).toString()));
    QVERIFY(!m.specs().ok());
    QVERIFY(m.specs().error().message.startsWith(QStringLiteral("Input '")));
    QVERIFY(!m.specText().contains(loaded.value()->summary().inputs.first().name + QLatin1Char(':')));
    QVERIFY(m.missingDims().first().contains(names));
}

void TestShapeModels::suggestions_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("after");
    QTest::newRow("ultralytics imgsz") << "yolo_like.onnx"
                                       << "metadata imgsz = [640, 640]"
                                       << "images:1,3,640,640";
    QTest::newRow("reshape pins it") << "flat_input.onnx"
                                     << "Reshape '/image/Reshape' to [1, 1, 28, 28]"
                                     << "pixels:1,784";
}

void TestShapeModels::suggestions()
{
    QFETCH(QString, model);
    QFETCH(QString, reason);
    QFETCH(QString, after);
    const auto loaded = OnnxModel::load(wbtest::modelPath(model));
    QVERIFY(loaded.ok());
    InputShapeModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setInputs(loaded.value()->summary().inputs);
    m.setHints(dimHints(*loaded.value()));
    QVERIFY(!m.specs().ok()); // offered, not applied
    const QString suggestion
        = m.index(0, InputShapeModel::StaticShapeColumn).data(InputShapeModel::SuggestionRole).toString();
    QVERIFY2(suggestion.contains(reason), qPrintable(suggestion));
    QVERIFY(m.index(0, InputShapeModel::StaticShapeColumn).data(Qt::ToolTipRole).toString().contains(reason));
    QSignalSpy changed(&m, &InputShapeModel::specsChanged);
    m.applySuggestions();
    QCOMPARE(changed.count(), 1);
    QVERIFY(m.specs().ok());
    QCOMPARE(m.specText(), after);
    QVERIFY(m.suggestions().isEmpty());
}

void TestShapeModels::sharedDimNameFollowsTheFirst()
{
    // input_ids and attention_mask share 'sequence': sizing one suggests the same for the other.
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("fold_range.onnx")));
    QVERIFY(loaded.ok());
    InputShapeModel m;
    m.setInputs(loaded.value()->summary().inputs);
    m.setHints(dimHints(*loaded.value()));
    QVERIFY(m.suggestions().isEmpty());
    QVERIFY(m.setStaticShape(0, QStringLiteral("1,128")));
    QCOMPARE(m.suggestions().size(), 1);
    QCOMPARE(m.suggestions().first().input, QStringLiteral("attention_mask"));
    QCOMPARE(m.suggestions().first().value, 128);
    QCOMPARE(m.suggestions().first().reason, QStringLiteral("dim 'sequence' is 128 in input 'input_ids'"));
    m.applySuggestions(1);
    QCOMPARE(m.specText(), QStringLiteral("input_ids:1,128;attention_mask:1,128"));
}

void TestShapeModels::editing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("good") << "8,3,224,224"
                          << "";
    QTest::newRow("spaces") << " 4, 3, 224, 224 "
                            << "";
    QTest::newRow("rank") << "8,3,224"
                          << "has 4 dimensions; 3 given";
    QTest::newRow("float") << "8,3.5,224,224"
                           << "float number is unsupported";
    QTest::newRow("dynamic") << "-1,3,224,224"
                             << "Use fixed sizes";
    QTest::newRow("letters") << "b,3,224,224"
                             << "is not a digit";
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
            QCOMPARE(
                m.index(r, 0).data(TensorShapeModel::TensorNameRole).toString(), QStringLiteral("selected_indices"));
    }
    QCOMPARE(dynamicRows, 1);
    m.clear();
    QCOMPARE(m.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestShapeModels)
#include "tst_shapemodels.moc"
