// The `atc --mode=1` JSON reader on the fixture (tests/data/om/README.md says what it is written from), attribute
// forms in _data rows, the inspect JSON contract, and bad input.
#include "om/ommodel.h"
#include "omtestutil.h"
#include "testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace wb;

namespace {

QString fixture(const QString& name)
{
    return QStringLiteral(WB_TEST_DATA_DIR "/om/") + name;
}

} // namespace

class TestOmJson : public QObject {
    Q_OBJECT

private:
    omtest::Scratch m_dir;

    QString write(const QString& name, const QByteArray& bytes) { return m_dir.write(name, bytes); }

private slots:
    void fixtureModel()
    {
        const Result<OmModel> read = readOmFile(fixture(QStringLiteral("two_inputs_310p3.json")));
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
        const OmModel& m = read.value();
        QCOMPARE(m.source, OmModel::Source::AtcJson);
        QCOMPARE(m.name, QStringLiteral("two_inputs_310p3"));
        QCOMPARE(m.socVersion, QStringLiteral("Ascend310P3"));
        QCOMPARE(m.atcVersion, QStringLiteral("7.6.0.1.220"));
        QCOMPARE(m.oppVersion, QStringLiteral("8.0.0.alpha001"));
        QCOMPARE(m.frameworkType, QStringLiteral("Onnx"));
        QCOMPARE(m.memorySize, qint64(24123392));
        QCOMPARE(m.streamNum, qint64(1));
        QCOMPARE(m.outNodes, QStringList { QStringLiteral("/head/fc/Gemm:0") });
        // CEscape undone: the quotes around --input_shape's value are plain quotes again.
        QVERIFY(m.atcCmdline->contains(QStringLiteral("--input_shape=\"input_tensor_A")));
        QCOMPARE(m.sourceModelFromCmdline(), QStringLiteral("two_inputs.onnx"));
        QCOMPARE(m.inputShapeFromCmdline(), QStringLiteral("input_tensor_A:1,3,224,224;input_tensor_B:1,10"));

        QCOMPARE(m.ops.size(), 16);
        QCOMPARE(m.ops.first().type, QStringLiteral("Data"));
        QCOMPARE(m.ops.last().type, QStringLiteral("NetOutput"));
        const OmOp& conv = m.ops.at(m.indexOfOp(QStringLiteral("/image/stage1/conv/Conv")));
        QCOMPARE(conv.type, QStringLiteral("Conv2D"));
        QCOMPARE(conv.engine, OmEngine::AiCore);
        QCOMPARE(conv.onnxNodes.size(), 3);
        QCOMPARE(conv.passes,
            (QStringList { QStringLiteral("ConvBatchnormFusionPass"), QStringLiteral("TbeConvElemwiseFusionPass") }));
        QCOMPARE(conv.blockDim, qint64(8));
        QCOMPARE(conv.inputDescs.first().dtype, QStringLiteral("FLOAT16"));
        QCOMPARE(conv.inputDescs.first().format, QStringLiteral("NC1HWC0"));
        QCOMPARE(conv.outputDescs.first().shape, (QList<qint64> { 1, 1, 112, 112, 16 }));
        const OmOp& concat = m.ops.at(m.indexOfOp(QStringLiteral("/fusion/concat/Concat")));
        QCOMPARE(concat.engine, OmEngine::AiCpu);
        QCOMPARE(concat.kernelLib, QStringLiteral("aicpu_ascend_kernel"));
        QVERIFY(!concat.blockDim);

        QCOMPARE(m.inputs.size(), 2);
        QCOMPARE(m.inputs.at(0).name, QStringLiteral("input_tensor_A"));
        QCOMPARE(m.inputs.at(0).shape, (QList<qint64> { 1, 3, 224, 224 }));
        QCOMPARE(m.inputs.at(1).format, QStringLiteral("ND"));
        QCOMPARE(m.outputs.size(), 1);
        QCOMPARE(m.outputs.at(0).name, QStringLiteral("memcpy_addr_async_0:0"));
        QCOMPARE(m.outputs.at(0).dtype, QStringLiteral("FLOAT"));

        const auto counts = m.engineCounts();
        QCOMPARE(counts[std::size_t(OmEngine::AiCore)], 10);
        QCOMPARE(counts[std::size_t(OmEngine::AiCpu)], 1);
        QCOMPARE(counts[std::size_t(OmEngine::GeLocal)], 4);
        QCOMPARE(counts[std::size_t(OmEngine::Rts)], 1);
        QCOMPARE(counts[std::size_t(OmEngine::Other)], 0);
    }

    // The contract of `atcwb inspect --json`: kind, null where the OM does not say, every op in file order.
    void contract()
    {
        const Result<OmModel> read = readOmFile(fixture(QStringLiteral("two_inputs_310p3.json")));
        QVERIFY(read.ok());
        const QJsonObject json = omModelToJson(read.value());
        QCOMPARE(json.value(QStringLiteral("kind")).toString(), QStringLiteral("om"));
        for (const char* key : { "name", "soc_version", "atc_version", "framework_type", "atc_cmdline", "inputs",
                 "outputs", "ops", "engines" })
            QVERIFY2(json.contains(QLatin1String(key)), key);
        const QJsonArray ops = json.value(QStringLiteral("ops")).toArray();
        QCOMPARE(ops.size(), 16);
        QCOMPARE(ops.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("input_tensor_A"));
        QCOMPARE(ops.at(2).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("Const"));
        QCOMPARE(ops.at(15).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("NetOutput"));
        const QJsonObject concat = ops.at(10).toObject();
        QCOMPARE(concat.value(QStringLiteral("engine")).toString(), QStringLiteral("ai_cpu"));
        QCOMPARE(concat.value(QStringLiteral("onnx_nodes")).toArray().first().toString(),
            QStringLiteral("/fusion/concat/Concat"));
        QVERIFY(concat.value(QStringLiteral("block_dim")).isNull());
        const QJsonObject engines = json.value(QStringLiteral("engines")).toObject();
        QCOMPARE(engines.value(QStringLiteral("ai_core")).toInt(), 10);
        QCOMPARE(engines.value(QStringLiteral("ai_cpu")).toInt(), 1);
        QCOMPARE(engines.value(QStringLiteral("ge_local")).toInt(), 4);
        QCOMPARE(engines.value(QStringLiteral("rts")).toInt(), 1);
        QCOMPARE(engines.value(QStringLiteral("other")).toInt(), 0);
    }

    // Attribute forms as Pb2Json writes them.
    void attributes_data()
    {
        QTest::addColumn<QByteArray>("attr");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("s") << QByteArray(R"({"key": "soc_version", "value": {"s": "Ascend910B3"}})") << "soc"
                           << "Ascend910B3";
        QTest::newRow("s with octal escape") << QByteArray(R"({"key": "soc_version", "value": {"s": "A\\303\\251"}})")
                                             << "soc" << QString::fromUtf8("A\xc3\xa9");
        QTest::newRow("i as number") << QByteArray(R"({"key": "memory_size", "value": {"i": 1024}})") << "memory"
                                     << "1024";
        QTest::newRow("i as string (64-bit)")
            << QByteArray(R"({"key": "memory_size", "value": {"i": "8589934592"}})") << "memory"
            << "8589934592";
        QTest::newRow("framework as int")
            << QByteArray(R"({"key": "framework_type", "value": {"i": 3}})") << "framework"
            << "TensorFlow";
        QTest::newRow("empty list") << QByteArray(
            R"({"key": "attr_model_out_nodes_name", "value": {"list": {"val_type": "VT_LIST_STRING"}}})")
                                    << "out"
                                    << "";
        QTest::newRow("absent") << QByteArray(R"({"key": "other", "value": {"b": true}})") << "soc"
                                << "(null)";
    }

    void attributes()
    {
        QFETCH(QByteArray, attr);
        QFETCH(QString, field);
        QFETCH(QString, expected);
        const QByteArray json = R"({"name": "m", "graph": [{"name": "g", "op": []}], "attr": [)" + attr + "]}";
        const Result<OmModel> read = parseOmJson(json, QStringLiteral("m.json"));
        QVERIFY(read.ok());
        const OmModel& m = read.value();
        QString actual;
        if (field == QLatin1String("soc"))
            actual = m.socVersion.value_or(QStringLiteral("(null)"));
        else if (field == QLatin1String("memory"))
            actual = m.memorySize ? QString::number(*m.memorySize) : QStringLiteral("(null)");
        else if (field == QLatin1String("framework"))
            actual = m.frameworkType.value_or(QStringLiteral("(null)"));
        else if (field == QLatin1String("out"))
            actual = m.outNodes ? m.outNodes->join(QLatin1Char(',')) : QStringLiteral("(null)");
        QCOMPARE(actual, expected);
    }

    void engines_data()
    {
        QTest::addColumn<QString>("lib");
        QTest::addColumn<QString>("engine");
        QTest::newRow("AI Core") << "AIcoreEngine"
                                 << "ai_core";
        QTest::newRow("AI CPU") << "aicpu_ascend_kernel"
                                << "ai_cpu";
        QTest::newRow("AI CPU (TF kernels)") << "aicpu_tf_kernel"
                                             << "ai_cpu";
        QTest::newRow("GE local") << "DNN_VM_GE_LOCAL_OP_STORE"
                                  << "ge_local";
        QTest::newRow("RTS") << "DNN_VM_RTS_OP_STORE"
                             << "rts";
        QTest::newRow("HCCL") << "ops_kernel_info_hccl"
                              << "other";
        QTest::newRow("none") << ""
                              << "other";
    }

    void engines()
    {
        QFETCH(QString, lib);
        QFETCH(QString, engine);
        QCOMPARE(omEngineName(omEngineFromKernelLib(lib)), engine);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("says");
        QFile good(fixture(QStringLiteral("two_inputs_310p3.json")));
        QVERIFY(good.open(QIODevice::ReadOnly));
        const QByteArray json = good.readAll();
        QTest::newRow("truncated") << json.left(json.size() / 2) << "bad_json"
                                   << "cut off";
        QTest::newRow("not JSON") << QByteArray("{ this is not json }") << "bad_json"
                                  << "is not JSON";
        QTest::newRow("JSON, not an OM") << QByteArray(R"({"name": "x", "result": "success", "op": []})")
                                         << "not_om_json"
                                         << "not an OM's model definition";
        QTest::newRow("a JSON list") << QByteArray(R"([1, 2, 3])") << "not_om"
                                     << "neither an OM model";
        QTest::newRow("plain text") << QByteArray("ATC run success\n") << "not_om"
                                    << "neither an OM model";
        QTest::newRow("empty") << QByteArray() << "not_om"
                               << "empty";
    }

    void badInput()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        QFETCH(QString, says);
        const QString why = omtest::refusal(write(QStringLiteral("bad.json"), bytes), code, says);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void pngIsNotAnOm()
    {
        const QString png = wbtest::modelPath(QStringLiteral("not_a_model.png"));
        const Result<OmModel> read = readOmFile(png);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, QStringLiteral("not_om"));
        QVERIFY2(read.error().message.contains(QStringLiteral("PNG image")), qPrintable(read.error().message));
    }

    void missingFile()
    {
        const Result<OmModel> read = readOmFile(m_dir.path(QStringLiteral("nope.om")));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, QStringLiteral("not_found"));
    }
};

WB_TEST_APPLESS_MAIN(TestOmJson)
#include "tst_omjson.moc"
