// Simplify: folding, Identity and dead nodes removed, shapes stored, external data kept, the checker passes, and
// with ONNX Runtime the outputs proved equal (or the copy refused).
#include "onnx/onnxmodel.h"
#include "onnx/simplify.h"
#include "ortrequired.h"
#include "reference/ortruntime.h"
#include "testutil.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTemporaryDir>

#include <limits>

using namespace wb;

namespace {

onnx::ModelProto readProto(const QString& path)
{
    onnx::ModelProto m;
    QFile f(path);
    if (f.open(QIODevice::ReadOnly))
        m.ParseFromString(f.readAll().toStdString());
    return m;
}

bool writeProto(const onnx::ModelProto& m, const QString& path)
{
    QFile f(path);
    const std::string bytes = m.SerializeAsString();
    return f.open(QIODevice::WriteOnly) && f.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size());
}

QByteArray sha(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

bool ortAvailable()
{
    return wbtest::ortMissingReason().isEmpty();
}

} // namespace

class TestSimplify : public QObject {
    Q_OBJECT
private slots:
    void simplifies_data();
    void simplifies();
    void externalDataStaysExternal();
    void growthIsNotFolded();
    void subgraphsSurvive();
    void identityAndDeadNodesGo();
    void refusesToOverwrite();
    void differentOutputsAreNotKept();
    void jsonContract();

private:
    QTemporaryDir m_dir;
};

void TestSimplify::simplifies_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("maxNodes"); // at most this many nodes after
    QTest::addColumn<QString>("output");
    QTest::newRow("yolov8-style") << "yolo_like.onnx"
                                  << "images:1,3,320,320" << 40 << "[1, 7, 2000]";
    QTest::newRow("positions") << "fold_range.onnx"
                               << "input_ids:1,32;attention_mask:1,32" << 5 << "[1, 32, 16]";
    QTest::newRow("computed pads") << "fold_pad.onnx"
                                   << "x:1,3,100,60" << 2 << "[1, 4, 128, 64]";
    QTest::newRow("torch view") << "fold_reshape.onnx"
                                << "x:1,3,64,64" << 4 << "[1, 8192]";
    QTest::newRow("resize sizes") << "fold_resize.onnx"
                                  << "x:1,3,40,30" << 2 << "[1, 8, 80, 60]";
    QTest::newRow("static cnn unchanged") << "resnet_static.onnx"
                                          << "" << 39 << "[1, 1000]";
}

void TestSimplify::simplifies()
{
    QFETCH(QString, model);
    QFETCH(QString, spec);
    QFETCH(int, maxNodes);
    QFETCH(QString, output);
    const auto source = OnnxModel::load(wbtest::modelPath(model));
    QVERIFY(source.ok());
    const QByteArray before = sha(source.value()->summary().path);
    SimplifyOptions options;
    if (!spec.isEmpty())
        options.inputShapes = parseInputShapeSpec(spec).value();
    const QString out = m_dir.filePath(QStringLiteral("simple_") + model);
    const auto result = simplifyModel(*source.value(), options, out);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const SimplifyResult& r = result.value();
    QCOMPARE(sha(source.value()->summary().path), before);
    QVERIFY(r.nodesAfter <= maxNodes);
    QCOMPARE(r.nodesAfter, r.written.summary.nodeCount);
    QCOMPARE(r.nodesBefore, source.value()->summary().nodeCount);
    // Each folded node is gone, unless it made a graph output (then a Constant carries its value).
    QVERIFY(r.nodesAfter >= r.nodesBefore - r.folded - r.removedIdentity - r.removedDead);
    QVERIFY(r.nodesAfter <= r.nodesBefore - r.removedIdentity - r.removedDead);
    QCOMPARE(r.written.summary.outputs.first().shapeText(), output);
    QVERIFY(r.written.stillDynamic.isEmpty());
    QVERIFY(r.written.unknownShapes.isEmpty());
    // No shape arithmetic is left: nothing reads a Shape at run time any more.
    QVERIFY(!r.written.summary.opTypes.contains(QStringLiteral("Shape")));
    const onnx::ModelProto written = readProto(out);
    for (const auto& vi : written.graph().value_info()) {
        for (const auto& d : vi.type().tensor_type().shape().dim())
            QVERIFY2(d.has_dim_value(), vi.name().c_str());
    }
    QCOMPARE(written.opset_import_size(), readProto(source.value()->summary().path).opset_import_size());
    QCOMPARE(written.opset_import(0).version(), readProto(source.value()->summary().path).opset_import(0).version());
    try {
        onnx::checker::check_model(written);
    } catch (const std::exception& e) {
        QFAIL(e.what());
    }
    if (!ortAvailable()) {
        QVERIFY(!r.comparison.ran);
        QVERIFY(r.comparison.summary().startsWith(QStringLiteral("not compared")));
        return;
    }
    QVERIFY2(r.comparison.ran, qPrintable(r.comparison.reason));
    QVERIFY(r.comparison.maxAbsError <= 1e-5);
    for (const TensorAccuracy& a : r.comparison.outputs)
        QVERIFY2(a.pass, qPrintable(a.name));
}

void TestSimplify::externalDataStaysExternal()
{
    const auto source = OnnxModel::load(wbtest::modelPath(QStringLiteral("external_data.onnx")));
    QVERIFY(source.ok());
    const QString out = m_dir.filePath(QStringLiteral("external_simple.onnx"));
    const auto result = simplifyModel(*source.value(), {}, out);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().written.dataPath, out + QStringLiteral(".data"));
    QVERIFY(QFileInfo(result.value().written.dataPath).size() > 500000);
    QVERIFY(QFileInfo(out).size() < 100000); // the weights did not move into the model file
    QCOMPARE(result.value().written.summary.externalTensorCount, source.value()->summary().externalTensorCount);
}

void TestSimplify::growthIsNotFolded()
{
    // Expand of a [1,4,1,1] bias to the input's shape, Tile of a row: folding them would store the big result.
    const auto source = OnnxModel::load(wbtest::modelPath(QStringLiteral("fold_expand.onnx")));
    QVERIFY(source.ok());
    SimplifyOptions options;
    options.inputShapes = parseInputShapeSpec(QStringLiteral("x:1,4,256,256")).value();
    const auto result = simplifyModel(*source.value(), options, m_dir.filePath(QStringLiteral("expand.onnx")));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QVERIFY(result.value().written.summary.opTypes.contains(QStringLiteral("Expand")));
    QVERIFY(result.value().initializerBytesAfter < 64 * 1024);
    QVERIFY(!result.value().written.summary.opTypes.contains(QStringLiteral("Shape")));
}

void TestSimplify::subgraphsSurvive()
{
    const auto source = OnnxModel::load(wbtest::modelPath(QStringLiteral("if_subgraph.onnx")));
    QVERIFY(source.ok());
    const auto result = simplifyModel(*source.value(), {}, m_dir.filePath(QStringLiteral("if.onnx")));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().written.summary.subgraphCount, 2);
    QCOMPARE(result.value().written.summary.nodeCountTotal, source.value()->summary().nodeCountTotal);
}

void TestSimplify::identityAndDeadNodesGo()
{
    // resnet_static plus an Identity on the way and a branch nothing reads.
    onnx::ModelProto m = readProto(wbtest::modelPath(QStringLiteral("resnet_static.onnx")));
    auto* g = m.mutable_graph();
    const std::string logits = g->output(0).name();
    for (auto& node : *g->mutable_node()) {
        for (auto& o : *node.mutable_output()) {
            if (o == logits)
                o = "pre_identity";
        }
    }
    auto* identity = g->add_node();
    identity->set_op_type("Identity");
    identity->add_input("pre_identity");
    identity->add_output("after_identity");
    auto* relu = g->add_node();
    relu->set_op_type("Relu");
    relu->add_input("after_identity");
    relu->add_output(logits);
    auto* dead = g->add_node();
    dead->set_op_type("Sigmoid");
    dead->add_input("pre_identity");
    dead->add_output("unused");
    const QString path = m_dir.filePath(QStringLiteral("with_identity.onnx"));
    QVERIFY(writeProto(m, path));
    const auto source = OnnxModel::load(path);
    QVERIFY(source.ok());
    const auto result = simplifyModel(*source.value(), {}, m_dir.filePath(QStringLiteral("without_identity.onnx")));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().removedIdentity, 1);
    QCOMPARE(result.value().removedDead, 1);
    QVERIFY(!result.value().written.summary.opTypes.contains(QStringLiteral("Identity")));
    QVERIFY(!result.value().written.summary.opTypes.contains(QStringLiteral("Sigmoid")));
}

void TestSimplify::refusesToOverwrite()
{
    const auto source = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_static.onnx")));
    QVERIFY(source.ok());
    const auto result = simplifyModel(*source.value(), {}, source.value()->summary().path);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("would_overwrite"));
}

void TestSimplify::differentOutputsAreNotKept()
{
    // Cast of a NaN to int64 is undefined in ONNX: the evaluator folds it to 0, ONNX Runtime gives INT64_MIN. The
    // comparison sees the difference, and the copy is deleted.
    WB_REQUIRE_ORT(); // without it nothing can be proved equal or unequal
    onnx::ModelProto m;
    m.set_ir_version(7);
    m.add_opset_import()->set_version(13);
    auto* g = m.mutable_graph();
    g->set_name("nan_cast");
    auto* x = g->add_input();
    x->set_name("x");
    x->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::INT64);
    x->mutable_type()->mutable_tensor_type()->mutable_shape()->add_dim()->set_dim_value(1);
    auto* nan = g->add_initializer();
    nan->set_name("nan");
    nan->set_data_type(onnx::TensorProto::FLOAT);
    nan->add_dims(1);
    nan->add_float_data(std::numeric_limits<float>::quiet_NaN());
    auto* cast = g->add_node();
    cast->set_op_type("Cast");
    cast->add_input("nan");
    cast->add_output("as_int");
    auto* to = cast->add_attribute();
    to->set_name("to");
    to->set_type(onnx::AttributeProto::INT);
    to->set_i(onnx::TensorProto::INT64);
    auto* add = g->add_node();
    add->set_op_type("Add");
    add->add_input("x");
    add->add_input("as_int");
    add->add_output("y");
    auto* y = g->add_output();
    y->set_name("y");
    y->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::INT64);
    y->mutable_type()->mutable_tensor_type()->mutable_shape()->add_dim()->set_dim_value(1);
    const QString path = m_dir.filePath(QStringLiteral("nan_cast.onnx"));
    QVERIFY(writeProto(m, path));
    const auto source = OnnxModel::load(path);
    QVERIFY(source.ok());
    const QString out = m_dir.filePath(QStringLiteral("nan_cast_simple.onnx"));
    const auto result = simplifyModel(*source.value(), {}, out);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("not_equal"));
    QVERIFY2(result.error().message.contains(QStringLiteral("output(s) 'y'")), qPrintable(result.error().message));
    QVERIFY(!QFileInfo::exists(out));
}

void TestSimplify::jsonContract()
{
    const auto source = OnnxModel::load(wbtest::modelPath(QStringLiteral("fold_pad.onnx")));
    QVERIFY(source.ok());
    SimplifyOptions options;
    options.inputShapes = parseInputShapeSpec(QStringLiteral("x:1,3,100,60")).value();
    const auto result = simplifyModel(*source.value(), options, m_dir.filePath(QStringLiteral("json.onnx")));
    QVERIFY(result.ok());
    const QJsonObject json = simplifyResultToJson(result.value());
    for (const char* key :
        { "path", "data_path", "nodes_before", "nodes_after", "folded", "removed", "removed_identity", "removed_dead",
            "initializers_before", "initializers_after", "initializer_bytes_before", "initializer_bytes_after",
            "inputs", "outputs", "still_dynamic", "unknown_shapes", "warnings", "comparison" })
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QCOMPARE(json.value(QStringLiteral("nodes_before")).toInt(), 21);
    QCOMPARE(json.value(QStringLiteral("nodes_after")).toInt(), 2);
    QCOMPARE(json.value(QStringLiteral("folded")).toInt(), 19);
    const QJsonObject comparison = json.value(QStringLiteral("comparison")).toObject();
    QCOMPARE(comparison.value(QStringLiteral("ran")).toBool(), ortAvailable());
    if (ortAvailable()) {
        QCOMPARE(comparison.value(QStringLiteral("identical")).toBool(), true);
        QCOMPARE(comparison.value(QStringLiteral("max_abs_error")).toDouble(), 0.0);
        QCOMPARE(comparison.value(QStringLiteral("outputs")).toArray().size(), 1);
    } else {
        QVERIFY(!comparison.value(QStringLiteral("reason")).toString().isEmpty());
    }
}

WB_TEST_GUILESS_MAIN(TestSimplify)
#include "tst_simplify.moc"
