// TensorTableModel and OpTypeModel under QAbstractItemModelTester, with their semantic roles.
#include "models/optypemodel.h"
#include "models/tensortablemodel.h"
#include "onnx/onnxmodel.h"
#include "testutil.h"

#include <QAbstractItemModelTester>

using namespace wb;

class TestTensorTableModel : public QObject {
    Q_OBJECT
private slots:
    void rowsAndRoles_data();
    void rowsAndRoles();
    void resetAndClear();
    void opHistogram();
};

void TestTensorTableModel::rowsAndRoles_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("isInput");
    QTest::addColumn<QString>("shapeText");
    QTest::addColumn<QVariantList>("dynamicDims");
    QTest::newRow("static input") << "resnet_static.onnx" << 0 << "input" << true << "[1, 3, 224, 224]"
                                  << QVariantList {};
    QTest::newRow("static output") << "resnet_static.onnx" << 1 << "logits" << false << "[1, 1000]" << QVariantList {};
    QTest::newRow("batch input") << "resnet_dynamic_batch.onnx" << 0 << "input" << true << "[batch, 3, 224, 224]"
                                 << QVariantList { 0 };
    QTest::newRow("unnamed input") << "resnet_unnamed_dim.onnx" << 0 << "input" << true << "[?, 3, 224, 224]"
                                   << QVariantList { 0 };
    QTest::newRow("second input") << "two_inputs.onnx" << 1 << "input_tensor_B" << true << "[1, 10]" << QVariantList {};
    QTest::newRow("nms output") << "detector_nms.onnx" << 1 << "selected_indices" << false << "[num_selected, 3]"
                                << QVariantList { 0 };
}

void TestTensorTableModel::rowsAndRoles()
{
    QFETCH(QString, model);
    QFETCH(int, row);
    QFETCH(QString, name);
    QFETCH(bool, isInput);
    QFETCH(QString, shapeText);
    QFETCH(QVariantList, dynamicDims);

    const auto loaded = OnnxModel::load(wbtest::modelPath(model));
    QVERIFY(loaded.ok());
    TensorTableModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setSummary(loaded.value()->summary());
    const ModelSummary& s = loaded.value()->summary();
    QCOMPARE(m.rowCount(), int(s.inputs.size() + s.outputs.size()));
    QCOMPARE(m.inputCount(), int(s.inputs.size()));
    QCOMPARE(m.columnCount(), int(TensorTableModel::ColumnCount));

    const QModelIndex nameIndex = m.index(row, TensorTableModel::NameColumn);
    const QModelIndex shapeIndex = m.index(row, TensorTableModel::ShapeColumn);
    QCOMPARE(nameIndex.data().toString(), name);
    QCOMPARE(m.rowForTensor(name), row);
    QCOMPARE(nameIndex.data(TensorTableModel::IsInputRole).toBool(), isInput);
    QCOMPARE(m.index(row, TensorTableModel::KindColumn).data().toString(), isInput ? "Input" : "Output");
    QCOMPARE(shapeIndex.data().toString(), shapeText);
    QCOMPARE(shapeIndex.data(TensorTableModel::DynamicDimsRole).toList(), dynamicDims);
    QCOMPARE(shapeIndex.data(TensorTableModel::DynamicRole).toBool(), !dynamicDims.isEmpty());
    QCOMPARE(shapeIndex.data(TensorTableModel::DimsRole).toStringList().join(QStringLiteral(", ")),
        shapeText.mid(1, shapeText.size() - 2));
    // Only dynamic inputs get the ATC tooltip.
    QCOMPARE(shapeIndex.data(Qt::ToolTipRole).toString().contains(QStringLiteral("ATC needs a static shape")),
        isInput && !dynamicDims.isEmpty());
}

void TestTensorTableModel::resetAndClear()
{
    TensorTableModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto a = OnnxModel::load(wbtest::modelPath(QStringLiteral("two_inputs.onnx")));
    const auto b = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_static.onnx")));
    QVERIFY(a.ok() && b.ok());
    QSignalSpy resets(&m, &QAbstractItemModel::modelReset);
    m.setSummary(a.value()->summary());
    QCOMPARE(m.rowCount(), 3);
    m.setSummary(b.value()->summary());
    QCOMPARE(m.rowCount(), 2);
    m.clear();
    QCOMPARE(m.rowCount(), 0);
    QCOMPARE(m.rowForTensor(QStringLiteral("input")), -1);
    QCOMPARE(resets.count(), 3);
}

void TestTensorTableModel::opHistogram()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("custom_domain.onnx")));
    QVERIFY(loaded.ok());
    OpTypeModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setSummary(loaded.value()->summary());
    const ModelSummary& s = loaded.value()->summary();
    QCOMPARE(m.rowCount(), int(s.opTypes.size()));
    int previous = INT_MAX;
    bool sawCustom = false;
    for (int r = 0; r < m.rowCount(); ++r) {
        const int count = m.index(r, OpTypeModel::CountColumn).data().toInt();
        QVERIFY(count <= previous); // most frequent first
        previous = count;
        const QString op = m.index(r, OpTypeModel::OpColumn).data().toString();
        QCOMPARE(count, s.opTypes.value(op));
        const bool custom = m.index(r, OpTypeModel::OpColumn).data(OpTypeModel::CustomDomainRole).toBool();
        QCOMPARE(custom, op.startsWith(QStringLiteral("com.example::")));
        sawCustom = sawCustom || custom;
    }
    QVERIFY(sawCustom);
}

QTEST_GUILESS_MAIN(TestTensorTableModel)
#include "tst_tensortablemodel.moc"
