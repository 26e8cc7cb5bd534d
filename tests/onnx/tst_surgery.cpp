// fix-shapes and extract: results checked by the ONNX checker, weights intact, the source never touched.
#include "onnx/onnxmodel.h"
#include "onnx/surgery.h"
#include "testutil.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <QCryptographicHash>
#include <QSet>
#include <QTemporaryDir>

using namespace wb;

namespace {

QByteArray sha(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result();
}

OnnxModelPtr load(const QString& name)
{
    auto r = OnnxModel::load(wbtest::modelPath(name));
    return r.ok() ? r.value() : nullptr;
}

// name -> the tensor's bytes, read from raw_data or from its external file.
QMap<QString, QByteArray> weights(const QString& modelPath)
{
    onnx::ModelProto m;
    QFile f(modelPath);
    f.open(QIODevice::ReadOnly);
    m.ParseFromString(f.readAll().toStdString());
    QMap<QString, QByteArray> out;
    for (const auto& t : m.graph().initializer()) {
        if (t.data_location() != onnx::TensorProto_DataLocation_EXTERNAL) {
            out.insert(QString::fromStdString(t.name()), QByteArray::fromStdString(t.raw_data()));
            continue;
        }
        QString location;
        qint64 offset = 0, length = 0;
        for (const auto& kv : t.external_data()) {
            if (kv.key() == "location")
                location = QString::fromStdString(kv.value());
            if (kv.key() == "offset")
                offset = std::stoll(kv.value());
            if (kv.key() == "length")
                length = std::stoll(kv.value());
        }
        QFile data(QFileInfo(modelPath).dir().filePath(location));
        data.open(QIODevice::ReadOnly);
        data.seek(offset);
        out.insert(QString::fromStdString(t.name()), data.read(length));
    }
    return out;
}

QString checkerVerdict(const QString& path)
{
    try {
        onnx::checker::check_model(path.toStdString());
    } catch (const std::exception& e) {
        return QString::fromLocal8Bit(e.what());
    }
    return QStringLiteral("ok");
}

} // namespace

class TestSurgery : public QObject {
    Q_OBJECT
private slots:
    void fixShapes_data();
    void fixShapes();
    void fixShapesKeepsExternalData();
    void refusesToOverwriteSource();
    void unknownShapesAreLeftOut();
    void checkerRefusingTheSourceTooStillWrites();
    void externalConstantValuesMoveWithTheCopy();
    void badExternalNumbers_data();
    void badExternalNumbers();
    void errorsWriteNothing_data();
    void errorsWriteNothing();
    void extractDropsNms();
    void extractFromInnerTensor();
    void extractErrors_data();
    void extractErrors();

private:
    QTemporaryDir m_dir;
};

void TestSurgery::fixShapes_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("inputs");
    QTest::addColumn<QStringList>("outputs");
    QTest::newRow("batch 8") << "resnet_dynamic_batch.onnx"
                             << "input:8,3,224,224" << QStringList { "[8, 3, 224, 224]" }
                             << QStringList { "[8, 1000]" };
    QTest::newRow("unnamed") << "resnet_unnamed_dim.onnx"
                             << "input:1,3,224,224" << QStringList { "[1, 3, 224, 224]" }
                             << QStringList { "[1, 1000]" };
    QTest::newRow("two inputs") << "two_inputs.onnx"
                                << "input_tensor_B:1,10" << QStringList { "[1, 3, 224, 224]", "[1, 10]" }
                                << QStringList { "[1, 20]" };
    // The checker rejects unsorted graphs; the copy is written sorted, so it passes.
    QTest::newRow("unsorted") << "unsorted_nodes.onnx"
                              << "input:1,3,32,32" << QStringList { "[1, 3, 32, 32]" } << QStringList { "[1, 10]" };
    // Shapes that only folding finds: every value_info of the copy is static.
    QTest::newRow("yolov8-style") << "yolo_like.onnx"
                                  << "images:1,3,640,640" << QStringList { "[1, 3, 640, 640]" }
                                  << QStringList { "[1, 7, 8000]" };
    QTest::newRow("resize sizes") << "fold_resize.onnx"
                                  << "x:1,3,40,30" << QStringList { "[1, 3, 40, 30]" }
                                  << QStringList { "[1, 8, 80, 60]" };
    QTest::newRow("range") << "fold_range.onnx"
                           << "input_ids:1,32;attention_mask:1,32" << QStringList { "[1, 32]", "[1, 32]" }
                           << QStringList { "[1, 32, 16]" };
}

void TestSurgery::fixShapes()
{
    QFETCH(QString, model);
    QFETCH(QString, spec);
    QFETCH(QStringList, inputs);
    QFETCH(QStringList, outputs);
    const OnnxModelPtr source = load(model);
    QVERIFY(source);
    const QByteArray before = sha(source->summary().path);
    const QString out = m_dir.filePath(QStringLiteral("static_") + model);
    const auto result = writeStaticCopy(*source, parseInputShapeSpec(spec).value(), out);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(sha(source->summary().path), before);
    QCOMPARE(checkerVerdict(out), QStringLiteral("ok"));
    QStringList in, outShapes;
    for (const TensorInfo& t : result.value().summary.inputs)
        in.append(t.shapeText());
    for (const TensorInfo& t : result.value().summary.outputs)
        outShapes.append(t.shapeText());
    QCOMPARE(in, inputs);
    QCOMPARE(outShapes, outputs);
    QVERIFY(result.value().stillDynamic.isEmpty());
    QVERIFY(result.value().unknownShapes.isEmpty());
    QVERIFY(result.value().dataPath.isEmpty());
    QCOMPARE(weights(out), weights(source->summary().path)); // weights survive byte for byte
    // Every node output has a static value_info: what ATC and other tools read without inferring again.
    onnx::ModelProto written;
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(written.ParseFromString(file.readAll().toStdString()));
    QSet<QString> described;
    for (const auto& vi : written.graph().value_info()) {
        QVERIFY2(vi.type().tensor_type().has_shape(), vi.name().c_str());
        for (const auto& d : vi.type().tensor_type().shape().dim())
            QVERIFY2(d.has_dim_value(), vi.name().c_str());
        described.insert(QString::fromStdString(vi.name()));
    }
    for (const auto& vi : written.graph().output())
        described.insert(QString::fromStdString(vi.name()));
    for (const auto& node : written.graph().node()) {
        for (const auto& o : node.output())
            QVERIFY2(described.contains(QString::fromStdString(o)), o.c_str());
    }
}

void TestSurgery::unknownShapesAreLeftOut()
{
    // A custom op has no shape function: its output gets no value_info (a type without a shape is what the checker
    // refuses), and the graph output keeps the shape the model declares.
    const OnnxModelPtr source = load(QStringLiteral("custom_domain.onnx"));
    QVERIFY(source);
    const QString out = m_dir.filePath(QStringLiteral("custom_static.onnx"));
    const auto result = writeStaticCopy(*source, {}, out);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().unknownShapes, QStringList { QStringLiteral("/act/MyCustomOp_output_0") });
    QVERIFY(result.value().stillDynamic.isEmpty());
    QCOMPARE(result.value().summary.outputs.first().shapeText(), QStringLiteral("[1, 16]"));
}

namespace {

// x [2, 64] + c, where c is a Constant whose value lives in an external file `data` beside the model.
onnx::ModelProto constantWithExternalValue(const std::string& data, const std::string& offset)
{
    onnx::ModelProto m;
    m.set_ir_version(7);
    m.add_opset_import()->set_version(13);
    auto* g = m.mutable_graph();
    g->set_name("cext");
    auto* x = g->add_input();
    x->set_name("x");
    x->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    for (const int64_t d : { 2, 64 })
        x->mutable_type()->mutable_tensor_type()->mutable_shape()->add_dim()->set_dim_value(d);
    auto* c = g->add_node();
    c->set_op_type("Constant");
    c->add_output("c");
    auto* a = c->add_attribute();
    a->set_name("value");
    a->set_type(onnx::AttributeProto::TENSOR);
    auto* t = a->mutable_t();
    t->set_name("c");
    t->set_data_type(onnx::TensorProto::FLOAT);
    t->add_dims(64);
    t->set_data_location(onnx::TensorProto_DataLocation_EXTERNAL);
    for (const auto& [key, value] :
        { std::pair<std::string, std::string> { "location", data }, { "offset", offset }, { "length", "256" } }) {
        auto* kv = t->add_external_data();
        kv->set_key(key);
        kv->set_value(value);
    }
    auto* add = g->add_node();
    add->set_op_type("Add");
    add->add_input("x");
    add->add_input("c");
    add->add_output("y");
    auto* y = g->add_output();
    y->set_name("y");
    y->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    return m;
}

} // namespace

void TestSurgery::externalConstantValuesMoveWithTheCopy()
{
    // A Constant's external value is relocated like an initializer's, so the copy reads back from another folder.
    QDir(m_dir.path()).mkpath(QStringLiteral("src"));
    QDir(m_dir.path()).mkpath(QStringLiteral("elsewhere"));
    const QString model = m_dir.filePath(QStringLiteral("src/cext.onnx"));
    QFile data(m_dir.filePath(QStringLiteral("src/cext.bin")));
    QVERIFY(data.open(QIODevice::WriteOnly));
    data.write(QByteArray(256, '\x01'));
    data.close();
    QFile f(model);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(constantWithExternalValue("cext.bin", "0").SerializeAsString()));
    f.close();
    const auto source = OnnxModel::load(model);
    QVERIFY2(source.ok(), qPrintable(source.ok() ? QString() : source.error().message));
    const QString out = m_dir.filePath(QStringLiteral("elsewhere/cext_static.onnx"));
    const auto result = writeStaticCopy(*source.value(), {}, out);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().dataPath, out + QStringLiteral(".data"));
    QCOMPARE(QFileInfo(out + QStringLiteral(".data")).size(), 256);
    QCOMPARE(result.value().summary.outputs.first().shapeText(), QStringLiteral("[2, 64]"));

    // A damaged offset is an error naming the tensor, not a crash, and leaves nothing behind.
    const QString bad = m_dir.filePath(QStringLiteral("src/cext_bad.onnx"));
    QFile b(bad);
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.write(QByteArray::fromStdString(constantWithExternalValue("cext.bin", "abc").SerializeAsString()));
    b.close();
    const auto damaged = OnnxModel::load(bad);
    if (!damaged.ok())
        return; // the loader refusing it is as good
    const QString badOut = m_dir.filePath(QStringLiteral("elsewhere/cext_bad_static.onnx"));
    const auto refused = writeStaticCopy(*damaged.value(), {}, badOut);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(QStringLiteral("'c'")), qPrintable(refused.error().message));
    QVERIFY(!QFileInfo::exists(badOut));
    QVERIFY(!QFileInfo::exists(badOut + QStringLiteral(".data")));
}

// x [2, 64] + w, where the initializer w keeps its 256 bytes at `location` (a file beside the model, or the
// loader's own in-file marker) and the external-data entry `key` is `value`.
onnx::ModelProto externalInitializerModel(const std::string& location, const std::string& key, const std::string& value)
{
    onnx::ModelProto m = constantWithExternalValue(location, "0");
    onnx::GraphProto* g = m.mutable_graph();
    onnx::TensorProto w = g->node(0).attribute(0).t();
    w.set_name("w");
    bool found = false;
    for (auto& kv : *w.mutable_external_data()) {
        if (kv.key() == key) {
            kv.set_value(value);
            found = true;
        }
    }
    if (!found) {
        auto* kv = w.add_external_data();
        kv->set_key(key);
        kv->set_value(value);
    }
    *g->add_initializer() = w;
    g->mutable_node()->DeleteSubrange(0, 1); // the Constant goes; Add reads the initializer
    g->mutable_node(0)->set_input(1, "w");
    // A large unused weight, so that the loader leaves its data in the file and restores it when writing.
    onnx::TensorProto* big = g->add_initializer();
    big->set_name("big");
    big->set_data_type(onnx::TensorProto::FLOAT);
    big->add_dims(65536);
    big->set_raw_data(std::string(65536 * 4, '\x02'));
    return m;
}

void TestSurgery::badExternalNumbers_data()
{
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    // A file beside the model: the loader's check refuses the model, naming the tensor and the entry (it read
    // "abc" as 0 before, and the summary's std::stoll threw on the length).
    QTest::newRow("file, length abc") << "w.bin"
                                      << "length"
                                      << "abc";
    QTest::newRow("file, length 20 digits") << "w.bin"
                                            << "length"
                                            << "99999999999999999999";
    QTest::newRow("file, offset abc") << "w.bin"
                                      << "offset"
                                      << "abc";
    QTest::newRow("file, offset 20 digits") << "w.bin"
                                            << "offset"
                                            << "99999999999999999999";
    QTest::newRow("file, offset negative") << "w.bin"
                                           << "offset"
                                           << "-5";
    QTest::newRow("file, length with a space") << "w.bin"
                                               << "length"
                                               << " 256";
    // The loader's in-file marker (wirestrip_p.h) in the file itself: the model loads, and writing the copy read
    // the numbers with std::stoll, which aborted fix-shapes, extract and Save Static Copy.
    QTest::newRow("in-file, offset abc") << "__wb_inline__"
                                         << "offset"
                                         << "abc";
    QTest::newRow("in-file, offset 20 digits") << "__wb_inline__"
                                               << "offset"
                                               << "99999999999999999999";
    QTest::newRow("in-file, message length abc") << "__wb_inline__"
                                                 << "wb_message_length"
                                                 << "abc";
    QTest::newRow("in-file, length 20 digits") << "__wb_inline__"
                                               << "length"
                                               << "99999999999999999999";
}

void TestSurgery::badExternalNumbers()
{
    QFETCH(QString, location);
    QFETCH(QString, key);
    QFETCH(QString, value);
    const QString dir = m_dir.filePath(QStringLiteral("badext-") + QString::number(qHash(location + key + value)));
    QVERIFY(QDir().mkpath(dir));
    QFile data(dir + QStringLiteral("/w.bin"));
    QVERIFY(data.open(QIODevice::WriteOnly));
    data.write(QByteArray(256, '\x01'));
    data.close();
    const QString model = dir + QStringLiteral("/m.onnx");
    QFile f(model);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(
        externalInitializerModel(location.toStdString(), key.toStdString(), value.toStdString()).SerializeAsString()));
    f.close();

    const QString expected
        = QStringLiteral("Tensor 'w' has an external-data %1 '%2', which is not a byte count").arg(key, value);
    const auto source = OnnxModel::load(model);
    if (location == QLatin1String("w.bin")) {
        QVERIFY(!source.ok());
        QCOMPARE(source.error().code, QStringLiteral("missing_external_data"));
        QVERIFY2(source.error().message.contains(expected), qPrintable(source.error().message));
        return;
    }
    QVERIFY2(source.ok(), qPrintable(source.ok() ? QString() : source.error().message));

    const QString fixed = dir + QStringLiteral("/fixed.onnx");
    const auto fix = writeStaticCopy(*source.value(), parseInputShapeSpec(QStringLiteral("x:2,64")).value(), fixed);
    QVERIFY(!fix.ok());
    QVERIFY2(fix.error().message.contains(expected), qPrintable(fix.error().message));
    QVERIFY(!QFileInfo::exists(fixed));
    QVERIFY(!QFileInfo::exists(fixed + QStringLiteral(".data")));

    const QString cut = dir + QStringLiteral("/cut.onnx");
    const auto extracted = extractSubModel(*source.value(), {}, { QStringLiteral("y") }, cut);
    QVERIFY(!extracted.ok());
    QVERIFY2(extracted.error().message.contains(expected), qPrintable(extracted.error().message));
    QVERIFY(!QFileInfo::exists(cut));
}

void TestSurgery::checkerRefusingTheSourceTooStillWrites()
{
    // A graph output declared with a type but no shape fails the checker in the source already ("Field 'shape'
    // of 'type' is required but missing", naming neither tensor nor node). The copy is written, and the warning
    // names the output and the node that makes it.
    onnx::ModelProto model;
    QFile in(wbtest::modelPath(QStringLiteral("custom_domain.onnx")));
    QVERIFY(in.open(QIODevice::ReadOnly));
    QVERIFY(model.ParseFromString(in.readAll().toStdString()));
    for (auto& node : *model.mutable_graph()->mutable_node()) {
        if (node.op_type() == "Sigmoid") { // no shape function now: the output's shape cannot be inferred
            node.set_op_type("MyOtherOp");
            node.set_domain("com.example");
        }
    }
    model.mutable_graph()->mutable_output(0)->mutable_type()->mutable_tensor_type()->clear_shape();
    const QString sourcePath = m_dir.filePath(QStringLiteral("unshaped_output.onnx"));
    QFile src(sourcePath);
    QVERIFY(src.open(QIODevice::WriteOnly));
    src.write(QByteArray::fromStdString(model.SerializeAsString()));
    src.close();
    QVERIFY(checkerVerdict(sourcePath).contains(QStringLiteral("Field 'shape' of 'type' is required but missing")));
    const auto source = OnnxModel::load(sourcePath);
    QVERIFY(source.ok());
    const QString out = m_dir.filePath(QStringLiteral("unshaped_static.onnx"));
    const auto result = writeStaticCopy(*source.value(), {}, out);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QVERIFY(QFileInfo::exists(out));
    const QString warnings = result.value().warnings.join(QLatin1Char('\n'));
    QVERIFY2(warnings.contains(QStringLiteral("rejects the source model too")), qPrintable(warnings));
    QVERIFY2(warnings.contains(QStringLiteral("graph output 'y' (made by node '/head/Sigmoid' (MyOtherOp))")),
        qPrintable(warnings));
}

void TestSurgery::fixShapesKeepsExternalData()
{
    const OnnxModelPtr source = load(QStringLiteral("external_data.onnx"));
    QVERIFY(source);
    QTemporaryDir elsewhere; // another folder: the side file must come along
    const QString out = elsewhere.filePath(QStringLiteral("fixed.onnx"));
    const auto result = writeStaticCopy(*source, parseInputShapeSpec(QStringLiteral("input:1,3,224,224")).value(), out);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().dataPath, out + QStringLiteral(".data"));
    QVERIFY(QFileInfo::exists(out + QStringLiteral(".data")));
    QCOMPARE(checkerVerdict(out), QStringLiteral("ok")); // the path overload checks the side file too
    QCOMPARE(result.value().summary.externalTensorCount, source->summary().externalTensorCount);
    const auto w = weights(out);
    QCOMPARE(w.size(), source->summary().initializerCount);
    QCOMPARE(w, weights(source->summary().path));
    QCOMPARE(w, weights(wbtest::modelPath(QStringLiteral("resnet_static.onnx"))));
}

void TestSurgery::refusesToOverwriteSource()
{
    const OnnxModelPtr source = load(QStringLiteral("resnet_static.onnx"));
    QVERIFY(source);
    const QByteArray before = sha(source->summary().path);
    const auto same = writeStaticCopy(*source, {}, source->summary().path);
    QVERIFY(!same.ok());
    QCOMPARE(same.error().code, QStringLiteral("would_overwrite"));
    const QString link = m_dir.filePath(QStringLiteral("link.onnx"));
    QVERIFY(QFile::link(source->summary().path, link));
    const auto viaLink = extractSubModel(*source, {}, { QStringLiteral("logits") }, link);
    QVERIFY(!viaLink.ok());
    QCOMPARE(viaLink.error().code, QStringLiteral("would_overwrite"));
    QCOMPARE(sha(source->summary().path), before);
}

void TestSurgery::errorsWriteNothing_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown input") << "resnet_dynamic_batch.onnx"
                                   << "x:1,3,224,224"
                                   << "a.onnx"
                                   << "unknown_input";
    QTest::newRow("rank") << "resnet_dynamic_batch.onnx"
                          << "input:1,3"
                          << "b.onnx"
                          << "rank_mismatch";
    QTest::newRow("missing folder") << "resnet_dynamic_batch.onnx"
                                    << "input:1,3,224,224"
                                    << "no/such/dir/c.onnx"
                                    << "not_writable";
    QTest::newRow("cycle") << "cycle.onnx"
                           << "x:1,4"
                           << "d.onnx"
                           << "cycle";
}

void TestSurgery::errorsWriteNothing()
{
    QFETCH(QString, model);
    QFETCH(QString, spec);
    QFETCH(QString, out);
    QFETCH(QString, code);
    const OnnxModelPtr source = load(model);
    QVERIFY(source);
    const QString path = m_dir.filePath(out);
    const auto result = writeStaticCopy(*source, parseInputShapeSpec(spec).value(), path);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, code);
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!QFileInfo::exists(path + QStringLiteral(".data")));
}

void TestSurgery::extractDropsNms()
{
    const OnnxModelPtr source = load(QStringLiteral("detector_nms.onnx"));
    QVERIFY(source);
    const QString out = m_dir.filePath(QStringLiteral("head.onnx"));
    const auto result = extractSubModel(*source, {}, { QStringLiteral("boxes"), QStringLiteral("scores") }, out);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const ModelSummary& s = result.value().summary;
    QVERIFY(!s.opTypes.contains(QStringLiteral("NonMaxSuppression")));
    QCOMPARE(s.nodeCount, source->summary().nodeCount - 1);
    QCOMPARE(s.inputs.size(), 1);
    QCOMPARE(s.inputs.first().name, QStringLiteral("images"));
    QCOMPARE(s.outputs.size(), 2);
    QCOMPARE(s.outputs.at(0).shapeText(), QStringLiteral("[1, 400, 4]"));
    QVERIFY(!s.hasDynamicInputs());
    QCOMPARE(checkerVerdict(out), QStringLiteral("ok"));
    QVERIFY(s.initializerCount < source->summary().initializerCount); // NMS thresholds were dropped
}

void TestSurgery::extractFromInnerTensor()
{
    const OnnxModelPtr source = load(QStringLiteral("resnet_static.onnx"));
    QVERIFY(source);
    const QString out = m_dir.filePath(QStringLiteral("tail.onnx"));
    const auto result
        = extractSubModel(*source, { QStringLiteral("/flatten/Flatten_output_0") }, { QStringLiteral("logits") }, out);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const ModelSummary& s = result.value().summary;
    QCOMPARE(s.nodeCount, 1);
    QCOMPARE(s.opTypes.value(QStringLiteral("Gemm")), 1);
    QCOMPARE(s.inputs.first().name, QStringLiteral("/flatten/Flatten_output_0"));
    QCOMPARE(s.inputs.first().dtype, QStringLiteral("float32"));
    QVERIFY(!s.inputs.first().isDynamic());
    QCOMPARE(s.initializerCount, 2); // Gemm weight and bias only
    QCOMPARE(checkerVerdict(out), QStringLiteral("ok"));
}

void TestSurgery::extractErrors_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QStringList>("inputs");
    QTest::addColumn<QStringList>("outputs");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("unknown output") << "resnet_static.onnx" << QStringList {} << QStringList { "nope" }
                                    << "unknown_tensor"
                                    << "'nope'";
    QTest::newRow("unknown input") << "resnet_static.onnx" << QStringList { "nope" } << QStringList { "logits" }
                                   << "unknown_tensor"
                                   << "'nope'";
    QTest::newRow("missing input") << "two_inputs.onnx" << QStringList { "input_tensor_A" } << QStringList { "scores" }
                                   << "missing_input"
                                   << "'input_tensor_B'";
    QTest::newRow("no outputs") << "resnet_static.onnx" << QStringList {} << QStringList {} << "unknown_tensor"
                                << "at least one output";
}

void TestSurgery::extractErrors()
{
    QFETCH(QString, model);
    QFETCH(QStringList, inputs);
    QFETCH(QStringList, outputs);
    QFETCH(QString, code);
    QFETCH(QString, phrase);
    const OnnxModelPtr source = load(model);
    QVERIFY(source);
    const QString out = m_dir.filePath(QStringLiteral("err.onnx"));
    const auto result = extractSubModel(*source, inputs, outputs, out);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, code);
    QVERIFY2(result.error().message.contains(phrase), qPrintable(result.error().message));
    QVERIFY(!QFileInfo::exists(out));
}

QTEST_APPLESS_MAIN(TestSurgery)
#include "tst_surgery.moc"
