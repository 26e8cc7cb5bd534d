// atcwb profile end to end through a real QProcess: the JSON contract, text, CSV export, --against, --model
// mapping with Model Explorer and Netron exports, and clear errors for bad input.
#include "graph/graphdocument.h"
#include "onnx/onnxmodel.h"
#include "testutil.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QString dataPath(const QString& name)
{
    return QStringLiteral(WB_TEST_DATA_DIR "/profile/") + name;
}

wbtest::ProgramRun atcwb(const QStringList& args)
{
    return wbtest::runProgram(QStringLiteral(WB_BIN_DIR "/atcwb"), args);
}

QJsonObject jsonOf(const wbtest::ProgramRun& run)
{
    return QJsonDocument::fromJson(run.out).object();
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TestProfileCli : public QObject {
    Q_OBJECT
private slots:
    void jsonContract();
    void textReport();
    void csvExport();
    void against();
    void mapsOntoModelAndExports();
    void mapsThroughTheOm();
    void badInput_data();
    void badInput();
    void usage();
};

void TestProfileCli::jsonContract()
{
    const auto run = atcwb({ "profile", dataPath("op_summary_current.csv"), "--json" });
    QCOMPARE(run.code, 0);
    const QJsonObject o = jsonOf(run);
    QCOMPARE(o.value("kind").toString(), QStringLiteral("op_summary"));
    QCOMPARE(o.value("rows_skipped").toInt(), 2);
    QCOMPARE(o.value("iterations").toInt(), 3);
    QCOMPARE(o.value("ops").toArray().size(), 5);
    QVERIFY(o.value("unmapped").isArray());
    double percent = 0;
    for (const QJsonValue& op : o.value("ops").toArray())
        percent += op.toObject().value("percent").toDouble();
    QVERIFY(qAbs(percent - 100.0) < 0.01);
    const auto stat = jsonOf(atcwb({ "profile", dataPath("op_statistic.csv"), "--json" }));
    QCOMPARE(stat.value("kind").toString(), QStringLiteral("op_statistic"));
    QVERIFY(stat.value("ops").toArray().isEmpty());
    QCOMPARE(stat.value("by_type").toArray().first().toObject().value("type").toString(), QStringLiteral("Conv2D"));
    const auto kernels = jsonOf(atcwb({ "profile", dataPath("kernel_details.csv"), "--json" }));
    QCOMPARE(kernels.value("kind").toString(), QStringLiteral("kernel_details"));
    QCOMPARE(kernels.value("iterations").toInt(), 2);
}

void TestProfileCli::textReport()
{
    const auto run = atcwb({ "profile", dataPath("op_summary_current.csv"), "--top", "2" });
    QCOMPARE(run.code, 0);
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.contains("op_summary from 1 file(s): 5 op(s), 3 iteration(s) (Infer ID / Step Id)"), qPrintable(out));
    QVERIFY(out.contains("/postprocess/TopK"));
    QVERIFY(out.contains("... 3 more op(s)"));
    QVERIFY(out.contains("2 of 17 row(s) skipped"));
}

void TestProfileCli::csvExport()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath("ops.csv");
    QCOMPARE(atcwb({ "profile", dataPath("op_summary_old.csv"), "--csv", csv }).code, 0);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.at(1).startsWith("Conv_0,Conv2D,AI_CORE,2,102,51,"));
    QVERIFY(lines.at(3).endsWith(",100"));
}

void TestProfileCli::against()
{
    const auto run = atcwb(
        { "profile", dataPath("op_summary_current.csv"), "--against", dataPath("op_summary_old.csv"), "--json" });
    QCOMPARE(run.code, 0);
    const QJsonObject a = jsonOf(run).value("against").toObject();
    QCOMPARE(a.value("new").toInt(), 5);
    QCOMPARE(a.value("vanished").toInt(), 3);
    QCOMPARE(a.value("ops").toArray().size(), 8);
    QVERIFY(a.value("speedup").toDouble() > 0);
    QCOMPARE(a.value("ops").toArray().last().toObject().value("status").toString(), QStringLiteral("vanished"));
    const QString text = QString::fromUtf8(
        atcwb({ "profile", dataPath("op_summary_current.csv"), "--against", dataPath("op_summary_old.csv") }).out);
    QVERIFY2(text.contains("5 new, 3 vanished"), qPrintable(text));
}

void TestProfileCli::mapsOntoModelAndExports()
{
    const QString model = wbtest::modelPath("two_inputs.onnx");
    auto loaded = wb::OnnxModel::load(model);
    QVERIFY(loaded.ok());
    const auto doc = wb::graph::GraphDocument::build(*loaded.value());
    QStringList names;
    for (const auto& n : doc->nodes()) {
        if (n.kind == wb::graph::Node::Kind::Operator)
            names.append(n.name);
    }
    QVERIFY(names.size() >= 4);
    // A profile whose ops partly map: three real node names, an inserted TransData and a renamed fused op.
    QByteArray csv = "# source: written from msprof's op_summary header for this test\n"
                     "Op Name,OP Type,Task Type,Task Duration(us)\n";
    csv += names.at(0).toUtf8() + ",Conv2D,AI_CORE,50\n";
    csv += names.at(1).toUtf8() + ",BNInference,AI_CORE,20\n";
    csv += names.last().toUtf8() + ",MatMulV2,AI_CORE,10\n";
    csv += "trans_TransData_7,TransData,AI_VECTOR_CORE,15\n";
    csv += "fused_head_42,Custom,AI_CPU,5\n";
    QTemporaryDir dir;
    writeFile(dir.filePath("PROF_9/mindstudio_profiler_output/op_summary_1.csv"), csv);
    const QString nodeData = dir.filePath("node_data.json");
    const QString netron = dir.filePath("annotated.onnx");
    const auto run = atcwb(
        { "profile", dir.filePath("PROF_9"), "--model", model, "--json", "--node-data", nodeData, "--netron", netron });
    QVERIFY2(run.code == 0, qPrintable(run.all()));
    const QJsonObject o = jsonOf(run);
    QCOMPARE(o.value("unmapped").toArray().size(), 2);
    QCOMPARE(o.value("unmapped").toArray().at(0).toString(), QStringLiteral("trans_TransData_7"));
    QCOMPARE(o.value("nodes").toArray().size(), 3);
    QCOMPARE(o.value("nodes").toArray().at(0).toObject().value("node").toString(), names.at(0));
    QCOMPARE(o.value("nodes").toArray().at(0).toObject().value("percent").toDouble(), 50.0);
    QCOMPARE(o.value("ops").toArray().at(0).toObject().value("onnx_nodes").toArray().at(0).toString(), names.at(0));
    // Model Explorer node data: results keyed by the nodes' first outputs.
    QFile f(nodeData);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject me = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(me.value("results").toObject().size(), 3);
    const QString firstOutput = doc->nodes().at(doc->indexOf(names.at(0))).outputs.constFirst().tensor;
    QCOMPARE(me.value("results").toObject().value(firstOutput).toObject().value("value").toDouble(), 50.0);
    // Netron copy: a valid ONNX model with the time in the node's doc_string.
    auto annotated = wb::OnnxModel::load(netron);
    QVERIFY2(annotated.ok(), qPrintable(annotated.ok() ? QString() : annotated.error().message));
    QFile raw(netron);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray bytes = raw.readAll();
    QVERIFY(bytes.contains("NPU time: 50.000 us per iteration (50.00 % of profiled op time)"));
    QVERIFY(bytes.contains("npu_time_us"));
    // The text lists the unmapped ops, never drops them.
    const QString text = QString::fromUtf8(atcwb({ "profile", dir.filePath("PROF_9"), "--model", model }).out);
    QVERIFY2(text.contains("unmapped: fused_head_42"), qPrintable(text));
}

void TestProfileCli::mapsThroughTheOm()
{
    const QString om = QStringLiteral(WB_TEST_DATA_DIR "/om/two_inputs_310p3.json");
    const QString profile = dataPath("op_summary_two_inputs.csv");
    // With the OM: a fused Conv2D's time splits over its Conv, BatchNormalization and Relu; inserted ops stay unmapped.
    const auto run
        = atcwb({ "profile", profile, "--om", om, "--model", wbtest::modelPath("two_inputs.onnx"), "--json" });
    QVERIFY2(run.code == 0, qPrintable(run.all()));
    const QJsonObject o = jsonOf(run);
    QCOMPARE(o.value("mapped_through").toString(), QStringLiteral("om"));
    QCOMPARE(o.value("unmapped").toArray().size(), 5); // trans_Cast_0, trans_TransData_1/2, trans_Cast_3/4
    QHash<QString, double> percent;
    for (const QJsonValue& n : o.value("nodes").toArray())
        percent.insert(n.toObject().value("node").toString(), n.toObject().value("percent").toDouble());
    QCOMPARE(percent.value("/image/stage1/conv/Conv"), 15.0); // 90 us of 200, over three nodes
    QCOMPARE(percent.value("/image/stage1/bn/BatchNormalization"), 15.0);
    QCOMPARE(percent.value("/image/stage1/relu/Relu"), 15.0);
    QCOMPARE(percent.value("/fusion/concat/Concat"), 9.0);
    // Without the OM, by name: only the first node of each fused group gets the time.
    const QJsonObject byName
        = jsonOf(atcwb({ "profile", profile, "--model", wbtest::modelPath("two_inputs.onnx"), "--json" }));
    QCOMPARE(byName.value("mapped_through").toString(), QStringLiteral("name"));
    QCOMPARE(byName.value("nodes").toArray().at(0).toObject().value("percent").toDouble(), 45.0);
    // The OM alone (no ONNX file): its origins stand for the graph.
    const QJsonObject omOnly = jsonOf(atcwb({ "profile", profile, "--om", om, "--json" }));
    QCOMPARE(omOnly.value("nodes").toArray().size(), 9);
    // A broken OM JSON: a clear error.
    QTemporaryDir dir;
    writeFile(dir.filePath("broken.json"), "{\"graph\": [");
    const auto broken = atcwb({ "profile", profile, "--om", dir.filePath("broken.json"), "--json" });
    QCOMPARE(broken.code, 1);
    QVERIFY(!jsonOf(broken).value("error").toObject().value("message").toString().isEmpty());
}

void TestProfileCli::badInput_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing column") << dataPath("missing_column.csv") << "missing_column"
                                    << "Task Duration(us)";
    QTest::newRow("not a profile") << dataPath("not_a_profile.csv") << "not_profile_csv"
                                   << "not an msprof";
    QTest::newRow("PNG") << "png"
                         << "binary_file"
                         << "binary";
    QTest::newRow("empty PROF folder") << "prof"
                                       << "no_profile"
                                       << "no profile results";
    QTest::newRow("missing") << "/nonexistent/PROF_1"
                             << "not_found"
                             << "does not exist";
}

void TestProfileCli::badInput()
{
    QFETCH(QString, what);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    QString path = what;
    if (what == "png") {
        path = dir.filePath("model.png");
        writeFile(path, QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20));
    } else if (what == "prof") {
        path = dir.filePath("PROF_000001");
        writeFile(path + "/device_0/data/aicore.data.0.slice_0", "raw");
    }
    const auto json = atcwb({ "profile", path, "--json" });
    QCOMPARE(json.code, 1);
    const QJsonObject error = jsonOf(json).value("error").toObject();
    QCOMPARE(error.value("code").toString(), code);
    QVERIFY2(error.value("message").toString().contains(mentions), qPrintable(json.all()));
    const auto text = atcwb({ "profile", path });
    QCOMPARE(text.code, 1);
    QVERIFY2(QString::fromUtf8(text.err).contains(mentions), qPrintable(text.all()));
}

void TestProfileCli::usage()
{
    QCOMPARE(atcwb({ "profile" }).code, 2);
    QCOMPARE(atcwb({ "profile", dataPath("op_statistic.csv"), "--node-data", "x.json" }).code, 2);
    QCOMPARE(atcwb({ "profile", dataPath("op_statistic.csv"), "--top", "-1" }).code, 2);
    const auto help = atcwb({ "profile", "--help" });
    QCOMPARE(help.code, 0);
    QVERIFY(help.out.contains("--against"));
}

WB_TEST_GUILESS_MAIN(TestProfileCli)
#include "tst_profilecli.moc"
