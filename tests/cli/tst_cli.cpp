// atcwb end to end through a real QProcess: exit codes, the inspect JSON contract, errors.
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void exitCodes_data();
    void exitCodes();
    void inspectJsonContract();
    void inspectErrorsAsJson_data();
    void inspectErrorsAsJson();
    void inspectText();
    void cliHasNoGuiDependency();
    void inspectWithInputShape();
    void fixShapesAndExtract();
    void simplifyCommand();
    void surgeryErrors_data();
    void surgeryErrors();
    void graphJsonAndExport();
    void graphErrors_data();
    void graphErrors();

private:
    using Run = wbtest::ProgramRun;
    QTemporaryDir m_tmp;
    static Run atcwb(const QStringList& args) { return wbtest::runAtcwb(args); }
};

void TestCli::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("stdoutHas");
    QTest::addColumn<QString>("stderrHas");
    QTest::newRow("version") << QStringList { "--version" } << 0 << "atcwb 0."
                             << "";
    QTest::newRow("help") << QStringList { "--help" } << 0 << "inspect MODEL"
                          << "";
    QTest::newRow("inspect help") << QStringList { "inspect", "--help" } << 0 << "atcwb inspect MODEL"
                                  << "";
    QTest::newRow("no command") << QStringList {} << 2 << ""
                                << "Usage: atcwb";
    QTest::newRow("unknown command") << QStringList { "frobnicate" } << 2 << ""
                                     << "unknown command 'frobnicate'";
    QTest::newRow("inspect without model") << QStringList { "inspect" } << 2 << ""
                                           << "missing MODEL";
    QTest::newRow("inspect unknown option") << QStringList { "inspect", "x.onnx", "--bogus" } << 2 << ""
                                            << "bogus";
    QTest::newRow("inspect two models") << QStringList { "inspect", "a.onnx", "b.onnx" } << 2 << ""
                                        << "expected one MODEL";
    QTest::newRow("inspect missing file") << QStringList { "inspect", "/nonexistent/m.onnx" } << 1 << ""
                                          << "does not exist";
}

void TestCli::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, stdoutHas);
    QFETCH(QString, stderrHas);
    const Run r = atcwb(args);
    QCOMPARE(r.code, code);
    QVERIFY2(QString::fromUtf8(r.out).contains(stdoutHas), r.out.constData());
    QVERIFY2(QString::fromUtf8(r.err).contains(stderrHas), r.err.constData());
}

void TestCli::inspectJsonContract()
{
    const QString path = wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx"));
    const Run r = atcwb({ QStringLiteral("inspect"), path, QStringLiteral("--json") });
    QCOMPARE(r.code, 0);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject o = doc.object();
    for (const char* key : { "path", "ir_version", "producer", "opsets", "inputs", "outputs", "node_count",
             "node_count_total", "op_types", "initializer_count", "initializer_bytes", "warnings" })
        QVERIFY2(o.contains(QLatin1String(key)), key);
    QCOMPARE(o.value(QStringLiteral("path")).toString(), path);
    QCOMPARE(o.value(QStringLiteral("ir_version")).toInt(), 7);
    QCOMPARE(o.value(QStringLiteral("producer")).toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("atc-workbench-modelgen"));
    const QJsonObject opset = o.value(QStringLiteral("opsets")).toArray().first().toObject();
    QCOMPARE(opset.value(QStringLiteral("domain")).toString(), QString());
    QCOMPARE(opset.value(QStringLiteral("version")).toInt(), 13);
    const QJsonObject input = o.value(QStringLiteral("inputs")).toArray().first().toObject();
    QCOMPARE(input.value(QStringLiteral("name")).toString(), QStringLiteral("input"));
    QCOMPARE(input.value(QStringLiteral("dtype")).toString(), QStringLiteral("float32"));
    QCOMPARE(input.value(QStringLiteral("shape")).toArray(), (QJsonArray { QStringLiteral("batch"), 3, 224, 224 }));
    QCOMPARE(input.value(QStringLiteral("dynamic")).toBool(), true);
    QVERIFY(o.value(QStringLiteral("op_types")).toObject().value(QStringLiteral("Conv")).toInt() > 0);
    QVERIFY(o.value(QStringLiteral("initializer_bytes")).toInteger() > 0);
    QVERIFY(r.err.isEmpty() || !r.err.contains("error"));
}

void TestCli::inspectErrorsAsJson_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("code");
    QTest::newRow("corrupt") << "corrupt.onnx"
                             << "parse_error";
    QTest::newRow("truncated") << "truncated.onnx"
                               << "parse_error";
    QTest::newRow("empty") << "empty.onnx"
                           << "empty";
    QTest::newRow("png") << "not_a_model.png"
                         << "not_onnx";
    QTest::newRow("dangling") << "dangling_input.onnx"
                              << "invalid_graph";
}

void TestCli::inspectErrorsAsJson()
{
    QFETCH(QString, file);
    QFETCH(QString, code);
    const Run r = atcwb({ QStringLiteral("inspect"), wbtest::modelPath(file), QStringLiteral("--json") });
    QCOMPARE(r.code, 1);
    const QJsonObject err = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(err.value(QStringLiteral("code")).toString(), code);
    QVERIFY(err.value(QStringLiteral("message")).toString().contains(file));
}

void TestCli::inspectText()
{
    const Run r = atcwb({ QStringLiteral("inspect"), wbtest::modelPath(QStringLiteral("two_inputs.onnx")) });
    QCOMPARE(r.code, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY(out.contains(QStringLiteral("input_tensor_A")));
    QVERIFY(out.contains(QStringLiteral("[1, 10]")));
    QVERIFY(!out.contains(QStringLiteral("<- dynamic")));
    const Run d = atcwb({ QStringLiteral("inspect"), wbtest::modelPath(QStringLiteral("resnet_unnamed_dim.onnx")) });
    QVERIFY(QString::fromUtf8(d.out).contains(QStringLiteral("[?, 3, 224, 224]   <- dynamic")));
}

void TestCli::cliHasNoGuiDependency()
{
    // wb_core (and so atcwb) must run on a headless server: no Qt Gui or Widgets in its closure.
    QProcess ldd;
    ldd.start(QStringLiteral("ldd"), { QStringLiteral(WB_BIN_DIR "/atcwb") });
    QVERIFY(ldd.waitForFinished(30000));
    const QByteArray libs = ldd.readAllStandardOutput();
    QVERIFY2(libs.contains("libQt6Core"), libs.constData());
    QVERIFY2(!libs.contains("libQt6Gui"), libs.constData());
    QVERIFY2(!libs.contains("libQt6Widgets"), libs.constData());
}

void TestCli::inspectWithInputShape()
{
    const Run r = atcwb({ QStringLiteral("inspect"), wbtest::modelPath(QStringLiteral("detector_nms.onnx")),
        QStringLiteral("--input-shape"), QStringLiteral("images:1,3,320,320"), QStringLiteral("--json") });
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const QJsonArray tensors = o.value(QStringLiteral("tensors")).toArray();
    QCOMPARE(tensors.size(), 18); // the input and one tensor per node output
    for (const QJsonValue& t : tensors) {
        const QJsonObject tensor = t.toObject();
        const QString name = tensor.value(QStringLiteral("name")).toString();
        QVERIFY(tensor.contains(QStringLiteral("shape")));
        if (name == QLatin1String("boxes")) {
            QCOMPARE(tensor.value(QStringLiteral("shape")).toArray(), (QJsonArray { 1, 400, 4 }));
            QCOMPARE(tensor.value(QStringLiteral("status")).toString(), QStringLiteral("static"));
            QVERIFY(!tensor.contains(QStringLiteral("origin")));
        } else if (name == QLatin1String("selected_indices")) {
            QCOMPARE(tensor.value(QStringLiteral("status")).toString(), QStringLiteral("data_dependent"));
            QCOMPARE(
                tensor.value(QStringLiteral("origin")).toString(), QStringLiteral("/postprocess/NonMaxSuppression"));
        } else if (name == QLatin1String("/head/box/Constant_output_0")) {
            QCOMPARE(tensor.value(QStringLiteral("folded")).toBool(), true);
            QCOMPARE(tensor.value(QStringLiteral("value")).toString(), QStringLiteral("[1, 4, 400]"));
        }
    }
    QCOMPARE(o.value(QStringLiteral("still_dynamic")).toArray(), QJsonArray { QStringLiteral("selected_indices") });
    QCOMPARE(o.value(QStringLiteral("unknown_shapes")).toArray(), QJsonArray {});
    QCOMPARE(o.value(QStringLiteral("folded_nodes")).toInt(), 2);
    const QJsonArray origins = o.value(QStringLiteral("origins")).toArray();
    QCOMPARE(origins.size(), 1);
    QCOMPARE(origins.first().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("data_dependent"));
    QCOMPARE(
        origins.first().toObject().value(QStringLiteral("op_type")).toString(), QStringLiteral("NonMaxSuppression"));

    // A YOLOv8-style export: shape arithmetic everywhere, nothing dynamic once the input is fixed.
    const Run yolo = atcwb({ QStringLiteral("inspect"), wbtest::modelPath(QStringLiteral("yolo_like.onnx")),
        QStringLiteral("--input-shape"), QStringLiteral("images:1,3,640,640"), QStringLiteral("--json") });
    QCOMPARE(yolo.code, 0);
    const QJsonObject y = QJsonDocument::fromJson(yolo.out).object();
    QCOMPARE(y.value(QStringLiteral("still_dynamic")).toArray().size(), 0);
    QCOMPARE(y.value(QStringLiteral("unknown_shapes")).toArray().size(), 0);
    QVERIFY(y.value(QStringLiteral("folded_nodes")).toInt() > 80);
    QCOMPARE(y.value(QStringLiteral("outputs")).toArray().first().toObject().value(QStringLiteral("shape")).toArray(),
        (QJsonArray { 1, 7, 8000 }));

    const Run fixed = atcwb({ QStringLiteral("inspect"), wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")),
        QStringLiteral("--input-shape"), QStringLiteral("input:4,3,224,224"), QStringLiteral("--json") });
    const QJsonObject f = QJsonDocument::fromJson(fixed.out).object();
    QCOMPARE(f.value(QStringLiteral("inputs")).toArray().first().toObject().value(QStringLiteral("shape")).toArray(),
        (QJsonArray { 4, 3, 224, 224 }));
    QCOMPARE(f.value(QStringLiteral("still_dynamic")).toArray().size(), 0);
}

void TestCli::fixShapesAndExtract()
{
    QTemporaryDir dir;
    const QString fixedPath = dir.filePath(QStringLiteral("b8.onnx"));
    const Run fix = atcwb(
        { QStringLiteral("fix-shapes"), wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")), fixedPath,
            QStringLiteral("--input-shape"), QStringLiteral("input:8,3,224,224"), QStringLiteral("--json") });
    QCOMPARE(fix.code, 0);
    const QJsonObject f = QJsonDocument::fromJson(fix.out).object();
    QCOMPARE(f.value(QStringLiteral("path")).toString(), fixedPath);
    QCOMPARE(f.value(QStringLiteral("outputs")).toArray().first().toObject().value(QStringLiteral("shape")).toArray(),
        (QJsonArray { 8, 1000 }));
    // The copy inspects as static.
    const Run again = atcwb({ QStringLiteral("inspect"), fixedPath, QStringLiteral("--json") });
    QCOMPARE(QJsonDocument::fromJson(again.out)
                 .object()
                 .value(QStringLiteral("inputs"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("dynamic"))
                 .toBool(),
        false);

    const QString headPath = dir.filePath(QStringLiteral("head.onnx"));
    const Run cut = atcwb({ QStringLiteral("extract"), wbtest::modelPath(QStringLiteral("detector_nms.onnx")), headPath,
        QStringLiteral("--outputs"), QStringLiteral("boxes,scores") });
    QCOMPARE(cut.code, 0);
    QVERIFY(QString::fromUtf8(cut.out).contains(QStringLiteral("Wrote ")));
    const Run head = atcwb({ QStringLiteral("inspect"), headPath, QStringLiteral("--json") });
    const QJsonObject ops = QJsonDocument::fromJson(head.out).object().value(QStringLiteral("op_types")).toObject();
    QVERIFY(!ops.contains(QStringLiteral("NonMaxSuppression")));
    QVERIFY(ops.contains(QStringLiteral("Conv")));
}

void TestCli::simplifyCommand()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("simple.onnx"));
    const Run r = atcwb({ QStringLiteral("simplify"), wbtest::modelPath(QStringLiteral("yolo_like.onnx")), out,
        QStringLiteral("--input-shape"), QStringLiteral("images:1,3,320,320"), QStringLiteral("--json") });
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("path")).toString(), QFileInfo(out).absoluteFilePath());
    QCOMPARE(o.value(QStringLiteral("nodes_before")).toInt(), 141);
    QVERIFY(o.value(QStringLiteral("nodes_after")).toInt() < 40);
    QVERIFY(o.value(QStringLiteral("folded")).toInt() > 100);
    QVERIFY(o.contains(QStringLiteral("comparison")));
    const Run text = atcwb({ QStringLiteral("simplify"), wbtest::modelPath(QStringLiteral("yolo_like.onnx")),
        dir.filePath(QStringLiteral("text.onnx")), QStringLiteral("--input-shape"),
        QStringLiteral("images:1,3,320,320") });
    QCOMPARE(text.code, 0);
    QVERIFY2(text.out.contains("141 -> "), text.out.constData());
    QVERIFY2(text.out.contains("Compared with the original on ONNX Runtime: "), text.out.constData());
    const Run same = atcwb({ QStringLiteral("simplify"), wbtest::modelPath(QStringLiteral("yolo_like.onnx")),
        wbtest::modelPath(QStringLiteral("yolo_like.onnx")), QStringLiteral("--json") });
    QCOMPARE(same.code, 1);
    QCOMPARE(QJsonDocument::fromJson(same.out)
                 .object()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
        QStringLiteral("would_overwrite"));
    const Run badSeed = atcwb({ QStringLiteral("simplify"), QStringLiteral("a.onnx"), QStringLiteral("b.onnx"),
        QStringLiteral("--seed"), QStringLiteral("x") });
    QCOMPARE(badSeed.code, 2);
}

void TestCli::surgeryErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("errorCode");
    const QString m = wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx"));
    const QString x = m_tmp.filePath(QStringLiteral("x.onnx")); // never written: every row fails first
    QTest::newRow("fix: no spec") << QStringList { "fix-shapes", m, x, "--json" } << 2 << "usage";
    QTest::newRow("fix: bad spec") << QStringList { "fix-shapes", m, x, "--input-shape", "input:1,a", "--json" } << 2
                                   << "usage";
    QTest::newRow("fix: one path") << QStringList { "fix-shapes", m, "--input-shape", "input:1,3,224,224", "--json" }
                                   << 2 << "usage";
    QTest::newRow("fix: unknown input") << QStringList { "fix-shapes", m, x, "--input-shape", "x:1", "--json" } << 1
                                        << "unknown_input";
    QTest::newRow("fix: overwrite") << QStringList { "fix-shapes", m, m, "--input-shape", "input:1,3,224,224",
        "--json" } << 1 << "would_overwrite";
    QTest::newRow("extract: no outputs") << QStringList { "extract", m, x, "--json" } << 2 << "usage";
    QTest::newRow("extract: unknown") << QStringList { "extract", m, x, "--outputs", "nope", "--json" } << 1
                                      << "unknown_tensor";
    QTest::newRow("extract: corrupt model") << QStringList { "extract", wbtest::modelPath("corrupt.onnx"), x,
        "--outputs", "a", "--json" } << 1 << "parse_error";
}

void TestCli::surgeryErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, errorCode);
    const Run r = atcwb(args);
    QCOMPARE(r.code, code);
    QCOMPARE(QJsonDocument::fromJson(r.out)
                 .object()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
        errorCode);
}

void TestCli::graphJsonAndExport()
{
    const Run r = atcwb(
        { QStringLiteral("graph"), wbtest::modelPath(QStringLiteral("detector_nms.onnx")), QStringLiteral("--json") });
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    for (const char* key : { "nodes", "edges", "layers", "crossings", "width", "height", "layout_ms" })
        QVERIFY2(o.value(QLatin1String(key)).isDouble(), key);
    QCOMPARE(o.value(QStringLiteral("nodes")).toInt(), 15); // 17 nodes less 2 folded Constants
    QCOMPARE(o.value(QStringLiteral("folded_constants")).toInt(), 2);
    QCOMPARE(o.value(QStringLiteral("edges")).toInt(), 19);
    QVERIFY(o.value(QStringLiteral("layers")).toInt() >= 10);

    const Run collapsed = atcwb({ QStringLiteral("graph"), wbtest::modelPath(QStringLiteral("resnet_static.onnx")),
        QStringLiteral("--collapse-depth"), QStringLiteral("0"), QStringLiteral("--json") });
    const QJsonObject c = QJsonDocument::fromJson(collapsed.out).object();
    QVERIFY(c.value(QStringLiteral("scope_boxes")).toInt() > 0);
    QVERIFY(c.value(QStringLiteral("nodes")).toInt() < 39);

    QTemporaryDir dir;
    const QString svg = dir.filePath(QStringLiteral("g.svg"));
    QCOMPARE(atcwb({ QStringLiteral("graph"), wbtest::modelPath(QStringLiteral("two_inputs.onnx")),
                       QStringLiteral("--export"), svg })
                 .code,
        0);
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().startsWith("<?xml"));
    // PNG goes through atc-workbench next to atcwb (atcwb links no GUI library).
    const QString png = dir.filePath(QStringLiteral("g.png"));
    const Run p = atcwb({ QStringLiteral("graph"), wbtest::modelPath(QStringLiteral("two_inputs.onnx")),
        QStringLiteral("--direction"), QStringLiteral("LR"), QStringLiteral("--export"), png });
    QCOMPARE(p.code, 0);
    QFile pf(png);
    QVERIFY(pf.open(QIODevice::ReadOnly));
    QVERIFY(pf.read(8) == QByteArray("\x89PNG\r\n\x1a\n", 8));
}

void TestCli::graphErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    const QString m = wbtest::modelPath(QStringLiteral("resnet_static.onnx"));
    QTest::newRow("no model") << QStringList { "graph", "--json" } << 2;
    QTest::newRow("bad depth") << QStringList { "graph", m, "--collapse-depth", "x", "--json" } << 2;
    QTest::newRow("bad direction") << QStringList { "graph", m, "--direction", "up", "--json" } << 2;
    QTest::newRow("bad export type") << QStringList { "graph", m, "--export", m_tmp.filePath("g.jpg"), "--json" } << 2;
    QTest::newRow("corrupt model") << QStringList { "graph", wbtest::modelPath("corrupt.onnx"), "--json" } << 1;
    QTest::newRow("unwritable export") << QStringList { "graph", m, "--export", "/nonexistent/dir/g.svg", "--json" }
                                       << 1;
}

void TestCli::graphErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    const Run r = atcwb(args);
    QCOMPARE(r.code, code);
    QVERIFY(!QJsonDocument::fromJson(r.out)
                 .object()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .isEmpty());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
