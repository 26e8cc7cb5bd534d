// OnnxModel::load on every generated model and every kind of bad input.
#include "onnx/onnxmodel.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace wb;

namespace {
QString model(const char* name)
{
    return QStringLiteral(WB_TEST_MODELS_DIR "/") + QLatin1String(name);
}

QString dims(const TensorInfo& t)
{
    return t.shapeText();
}
} // namespace

class TestOnnxModel : public QObject {
    Q_OBJECT
private slots:
    void badInput_data();
    void badInput();
    void missingExternalData();
    void truncatedExternalData();
    void externalDataSymlinkOutOfTheFolder();
    void externalDataSymlinkInsideTheFolder();
    void tensors_data();
    void tensors();
    void counts();
    void irThreeSkipsInitializerInputs();
    void subgraphsAndControlFlow();
    void customDomain();
    void unsortedNodesIsAWarning();
    void externalDataSummary();
    void opset19();
};

void TestOnnxModel::badInput_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("missing") << model("no_such_model.onnx") << "not_found"
                             << "does not exist";
    QTest::newRow("directory") << QStringLiteral(WB_TEST_MODELS_DIR) << "not_a_file"
                               << "not a regular file";
    QTest::newRow("empty") << model("empty.onnx") << "empty"
                           << "empty (0 bytes)";
    QTest::newRow("png") << model("not_a_model.png") << "not_onnx"
                         << "PNG image";
    QTest::newRow("text") << model("text.onnx") << "not_onnx"
                          << "text file";
    QTest::newRow("corrupt") << model("corrupt.onnx") << "parse_error"
                             << "truncated or corrupt";
    QTest::newRow("truncated") << model("truncated.onnx") << "parse_error"
                               << "truncated or corrupt";
    QTest::newRow("dangling input") << model("dangling_input.onnx") << "invalid_graph"
                                    << "which no node, input or initializer provides";
    QTest::newRow("duplicate output") << model("duplicate_output.onnx") << "invalid_graph"
                                      << "is produced by both node";
}

void TestOnnxModel::badInput()
{
    QFETCH(QString, path);
    QFETCH(QString, code);
    QFETCH(QString, phrase);
    const auto result = OnnxModel::load(path);
    QVERIFY2(!result.ok(), qPrintable(path));
    QCOMPARE(result.error().code, code);
    QVERIFY2(result.error().message.contains(phrase), qPrintable(result.error().message));
    // Every message names the file it is about.
    QVERIFY2(result.error().message.contains(QDir::toNativeSeparators(path)), qPrintable(result.error().message));
}

void TestOnnxModel::missingExternalData()
{
    QTemporaryDir dir;
    QVERIFY(QFile::copy(model("external_data.onnx"), dir.filePath(QStringLiteral("external_data.onnx"))));
    const auto result = OnnxModel::load(dir.filePath(QStringLiteral("external_data.onnx")));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("missing_external_data"));
    QVERIFY2(
        result.error().message.contains(QStringLiteral("external_data.onnx.data")), qPrintable(result.error().message));
    QVERIFY(result.error().message.contains(QStringLiteral("missing or unreadable")));
}

void TestOnnxModel::truncatedExternalData()
{
    QTemporaryDir dir;
    QVERIFY(QFile::copy(model("external_data.onnx"), dir.filePath(QStringLiteral("external_data.onnx"))));
    QFile src(model("external_data.onnx.data"));
    QVERIFY(src.open(QIODevice::ReadOnly));
    QFile dst(dir.filePath(QStringLiteral("external_data.onnx.data")));
    QVERIFY(dst.open(QIODevice::WriteOnly));
    dst.write(src.read(src.size() / 2));
    dst.close();
    const auto result = OnnxModel::load(dir.filePath(QStringLiteral("external_data.onnx")));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("missing_external_data"));
    QVERIFY2(result.error().message.contains(QStringLiteral("truncated")), qPrintable(result.error().message));
}

// The location check refused "../" but followed a symlink beside the model out of its folder: the weights file a
// model names must, once symlinks are resolved, be inside the model's folder.
void TestOnnxModel::externalDataSymlinkOutOfTheFolder()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("model")) && QDir(dir.path()).mkpath(QStringLiteral("elsewhere")));
    const QString modelPath = dir.filePath(QStringLiteral("model/external_data.onnx"));
    const QString outside = dir.filePath(QStringLiteral("elsewhere/secret.bin"));
    QVERIFY(QFile::copy(model("external_data.onnx"), modelPath));
    QVERIFY(QFile::copy(model("external_data.onnx.data"), outside));
    QVERIFY(QFile::link(outside, dir.filePath(QStringLiteral("model/external_data.onnx.data"))));
    const auto result = OnnxModel::load(modelPath);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("missing_external_data"));
    QVERIFY2(result.error().message.contains(QStringLiteral("outside the model's folder"))
            && result.error().message.contains(QStringLiteral("external_data.onnx.data")),
        qPrintable(result.error().message));
}

// A symlink that stays inside the folder (and a model folder reached through a symlink) is fine.
void TestOnnxModel::externalDataSymlinkInsideTheFolder()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("model/weights")));
    QVERIFY(QFile::copy(model("external_data.onnx"), dir.filePath(QStringLiteral("model/external_data.onnx"))));
    QVERIFY(QFile::copy(model("external_data.onnx.data"), dir.filePath(QStringLiteral("model/weights/w.bin"))));
    QVERIFY(
        QFile::link(QStringLiteral("weights/w.bin"), dir.filePath(QStringLiteral("model/external_data.onnx.data"))));
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("model")), dir.filePath(QStringLiteral("linked"))));
    for (const char* folder : { "model", "linked" }) {
        const auto result
            = OnnxModel::load(dir.filePath(QLatin1String(folder) + QStringLiteral("/external_data.onnx")));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    }
}

void TestOnnxModel::tensors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("inputs"); // "name dtype shape dynamic"
    QTest::addColumn<QStringList>("outputs");
    QTest::newRow("static") << model("resnet_static.onnx") << QStringList { "input float32 [1, 3, 224, 224] static" }
                            << QStringList { "logits float32 [1, 1000] static" };
    QTest::newRow("symbolic batch") << model("resnet_dynamic_batch.onnx")
                                    << QStringList { "input float32 [batch, 3, 224, 224] dynamic" }
                                    << QStringList { "logits float32 [batch, 1000] dynamic" };
    QTest::newRow("unnamed dim") << model("resnet_unnamed_dim.onnx")
                                 << QStringList { "input float32 [?, 3, 224, 224] dynamic" }
                                 << QStringList { "logits float32 [?, 1000] dynamic" };
    QTest::newRow("two inputs") << model("two_inputs.onnx")
                                << QStringList { "input_tensor_A float32 [1, 3, 224, 224] static",
                                       "input_tensor_B float32 [1, 10] static" }
                                << QStringList { "scores float32 [1, 20] static" };
    QTest::newRow("if subgraph") << model("if_subgraph.onnx")
                                 << QStringList { "cond bool [] static", "x float32 [1, 16] static" }
                                 << QStringList { "y float32 [1, 16] static" };
}

void TestOnnxModel::tensors()
{
    QFETCH(QString, path);
    QFETCH(QStringList, inputs);
    QFETCH(QStringList, outputs);
    const auto result = OnnxModel::load(path);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const ModelSummary& s = result.value()->summary();
    auto describe = [](const QList<TensorInfo>& list) {
        QStringList out;
        for (const TensorInfo& t : list)
            out.append(
                QStringLiteral("%1 %2 %3 %4").arg(t.name, t.dtype, dims(t), t.isDynamic() ? "dynamic" : "static"));
        return out;
    };
    QCOMPARE(describe(s.inputs), inputs);
    QCOMPARE(describe(s.outputs), outputs);
}

void TestOnnxModel::counts()
{
    const auto result = OnnxModel::load(model("resnet_static.onnx"));
    QVERIFY(result.ok());
    const ModelSummary& s = result.value()->summary();
    QCOMPARE(s.irVersion, 7);
    QCOMPARE(s.producerName, QStringLiteral("atc-workbench-modelgen"));
    QCOMPARE(s.defaultOpset(), std::optional<qint64>(13));
    QCOMPARE(s.nodeCount, s.nodeCountTotal);
    int histogramTotal = 0;
    for (int n : s.opTypes)
        histogramTotal += n;
    QCOMPARE(histogramTotal, s.nodeCountTotal);
    for (const char* op : { "Conv", "BatchNormalization", "Relu", "MaxPool", "Add", "GlobalAveragePool", "Gemm" })
        QVERIFY2(s.opTypes.value(QLatin1String(op)) > 0, op);
    QVERIFY(s.initializerCount > 20);
    // float32 weights: bytes are four per parameter.
    QCOMPARE(s.initializerBytes, s.parameterCount * 4);
    QVERIFY(s.initializerBytes < s.fileSize);
    QVERIFY(s.initializerBytes > s.fileSize * 9 / 10);
    QVERIFY(s.warnings.isEmpty());
    QVERIFY(s.customDomainOps.isEmpty());
    QVERIFY(s.controlFlowOps.isEmpty());
}

void TestOnnxModel::irThreeSkipsInitializerInputs()
{
    const auto result = OnnxModel::load(model("ir3_initializers_as_inputs.onnx"));
    QVERIFY(result.ok());
    const ModelSummary& s = result.value()->summary();
    QCOMPARE(s.irVersion, 3);
    QCOMPARE(s.inputs.size(), 1);
    QCOMPARE(s.inputs.first().name, QStringLiteral("data"));
    QVERIFY(s.initializerCount > 0);
}

void TestOnnxModel::subgraphsAndControlFlow()
{
    const auto result = OnnxModel::load(model("if_subgraph.onnx"));
    QVERIFY(result.ok());
    const ModelSummary& s = result.value()->summary();
    QCOMPARE(s.controlFlowOps, QStringList { QStringLiteral("If") });
    QCOMPARE(s.subgraphCount, 2);
    QVERIFY(s.nodeCountTotal > s.nodeCount);
    QCOMPARE(s.opTypes.value(QStringLiteral("If")), 1);
}

void TestOnnxModel::customDomain()
{
    const auto result = OnnxModel::load(model("custom_domain.onnx"));
    QVERIFY(result.ok());
    const ModelSummary& s = result.value()->summary();
    QCOMPARE(s.customDomainOps, QStringList { QStringLiteral("com.example::MyCustomOp") });
    QCOMPARE(s.opTypes.value(QStringLiteral("com.example::MyCustomOp")), 1);
    bool hasDomain = false;
    for (const OpsetInfo& o : s.opsets)
        hasDomain = hasDomain || (o.domain == QLatin1String("com.example") && o.version == 1);
    QVERIFY(hasDomain);
}

void TestOnnxModel::unsortedNodesIsAWarning()
{
    const auto result = OnnxModel::load(model("unsorted_nodes.onnx"));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const ModelSummary& s = result.value()->summary();
    QCOMPARE(s.warnings.size(), 1);
    QVERIFY2(s.warnings.first().contains(QStringLiteral("not in topological order")), qPrintable(s.warnings.first()));
}

void TestOnnxModel::externalDataSummary()
{
    const auto external = OnnxModel::load(model("external_data.onnx"));
    const auto inline_ = OnnxModel::load(model("resnet_static.onnx"));
    QVERIFY(external.ok() && inline_.ok());
    const ModelSummary& e = external.value()->summary();
    const ModelSummary& i = inline_.value()->summary();
    QCOMPARE(e.externalTensorCount, e.initializerCount);
    QCOMPARE(e.initializerCount, i.initializerCount);
    QCOMPARE(e.initializerBytes, i.initializerBytes);
    QCOMPARE(e.parameterCount, i.parameterCount);
    QVERIFY(e.fileSize < i.fileSize / 10);
}

void TestOnnxModel::opset19()
{
    const auto result = OnnxModel::load(model("opset19.onnx"));
    QVERIFY(result.ok());
    QCOMPARE(result.value()->summary().defaultOpset(), std::optional<qint64>(19));
    QCOMPARE(result.value()->summary().irVersion, 9);
}

QTEST_APPLESS_MAIN(TestOnnxModel)
#include "tst_onnxmodel.moc"
