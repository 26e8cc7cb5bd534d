// The `inspect --json` contract, checked field by field and against golden files.
#include "onnx/onnxmodel.h"
#include "onnx/summaryjson.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace wb;

class TestSummaryJson : public QObject {
    Q_OBJECT
private slots:
    void golden_data();
    void golden();
    void shapeEncoding_data();
    void shapeEncoding();
    void error();
};

void TestSummaryJson::golden_data()
{
    QTest::addColumn<QString>("model");
    for (const char* name : { "resnet_static", "resnet_dynamic_batch", "resnet_unnamed_dim", "two_inputs",
             "detector_nms", "if_subgraph", "custom_domain", "ir3_initializers_as_inputs", "opset19" })
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestSummaryJson::golden()
{
    QFETCH(QString, model);
    const auto result = OnnxModel::load(wbtest::modelPath(model + QStringLiteral(".onnx")));
    QVERIFY(result.ok());
    QJsonObject json = summaryToJson(result.value()->summary());
    QCOMPARE(json.value(QStringLiteral("path")).toString(), result.value()->summary().path);
    json.insert(QStringLiteral("path"), model + QStringLiteral(".onnx")); // the build folder differs per machine
    QString why;
    QVERIFY2(wbtest::compareGolden(QJsonDocument(json).toJson(QJsonDocument::Indented),
                 QStringLiteral(WB_TEST_DATA_DIR "/golden/inspect/") + model + QStringLiteral(".json"), &why),
        qPrintable(why));
}

void TestSummaryJson::shapeEncoding_data()
{
    QTest::addColumn<QList<Dim>>("dims");
    QTest::addColumn<bool>("rankKnown");
    QTest::addColumn<QByteArray>("expectedShape");
    QTest::addColumn<bool>("dynamic");
    QTest::newRow("static") << QList<Dim> { Dim::fixed(1), Dim::fixed(3) } << true << QByteArray("[1,3]") << false;
    QTest::newRow("symbolic") << QList<Dim> { Dim::symbolic("batch"), Dim::fixed(3) } << true
                              << QByteArray("[\"batch\",3]") << true;
    QTest::newRow("unknown dim") << QList<Dim> { Dim::unknown(), Dim::fixed(10) } << true << QByteArray("[null,10]")
                                 << true;
    QTest::newRow("minus one") << QList<Dim> { Dim::fixed(-1), Dim::fixed(10) } << true << QByteArray("[-1,10]")
                               << true;
    QTest::newRow("scalar") << QList<Dim> {} << true << QByteArray("[]") << false;
    QTest::newRow("unknown rank") << QList<Dim> {} << false << QByteArray("null") << true;
}

void TestSummaryJson::shapeEncoding()
{
    QFETCH(QList<Dim>, dims);
    QFETCH(bool, rankKnown);
    QFETCH(QByteArray, expectedShape);
    QFETCH(bool, dynamic);
    TensorInfo t;
    t.name = QStringLiteral("x");
    t.dtype = QStringLiteral("float32");
    if (rankKnown)
        t.shape = dims;
    const QJsonObject json = tensorToJson(t);
    const QJsonValue shape = json.value(QStringLiteral("shape"));
    const QByteArray encoded = shape.isArray() ? QJsonDocument(shape.toArray()).toJson(QJsonDocument::Compact)
                                               : QByteArray(shape.isNull() ? "null" : "?");
    QCOMPARE(encoded, expectedShape);
    QCOMPARE(json.value(QStringLiteral("dynamic")).toBool(), dynamic);
    QCOMPARE(json.value(QStringLiteral("dtype")).toString(), QStringLiteral("float32"));
}

void TestSummaryJson::error()
{
    const QJsonObject json = errorToJson({ QStringLiteral("not_onnx"), QStringLiteral("x.png: not ONNX"), {} });
    const QJsonObject inner = json.value(QStringLiteral("error")).toObject();
    QCOMPARE(inner.value(QStringLiteral("code")).toString(), QStringLiteral("not_onnx"));
    QCOMPARE(inner.value(QStringLiteral("message")).toString(), QStringLiteral("x.png: not ONNX"));
    QVERIFY(!inner.contains(QStringLiteral("detail")));
}

QTEST_APPLESS_MAIN(TestSummaryJson)
#include "tst_summaryjson.moc"
