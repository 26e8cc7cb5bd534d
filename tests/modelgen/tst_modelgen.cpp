// Tests for the models written by tools/modelgen (wb_modelgen). The models directory comes from the
// compile definition WB_TEST_MODELS_DIR.

#include <QtTest>

#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#ifndef WB_TEST_MODELS_DIR
#error "WB_TEST_MODELS_DIR must be defined (directory written by wb_modelgen)"
#endif

using namespace Qt::StringLiterals;

namespace {

QString modelPath(const QString& name)
{
    return QStringLiteral(WB_TEST_MODELS_DIR) + QLatin1Char('/') + name;
}

QByteArray readBytes(const QString& name)
{
    QFile file(modelPath(name));
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

bool loadModel(const QString& name, onnx::ModelProto& model)
{
    std::ifstream in(modelPath(name).toStdString(), std::ios::binary);
    return in && model.ParseFromIstream(&in);
}

// The way onnx's own LoadProtoFromPath reads: CodedInputStream + ParseFromCodedStream. That call stops
// quietly at a stray end-group tag, so only ConsumedEntireMessage() tells a complete parse apart.
bool codedParse(const QString& name, onnx::ModelProto& model, bool& consumedAll)
{
    std::ifstream in(modelPath(name).toStdString(), std::ios::binary);
    google::protobuf::io::IstreamInputStream zeroCopy(&in);
    google::protobuf::io::CodedInputStream coded(&zeroCopy);
    coded.SetTotalBytesLimit(INT_MAX);
    const bool ok = model.ParseFromCodedStream(&coded);
    consumedAll = coded.ConsumedEntireMessage();
    return ok;
}

// Runs fn and returns the exception message, or an empty string if nothing was thrown.
QString errorOf(const std::function<void()>& fn)
{
    try {
        fn();
    } catch (const std::exception& e) {
        const QString msg = QString::fromStdString(e.what());
        return msg.isEmpty() ? QStringLiteral("<exception without message>") : msg;
    }
    return QString();
}

QString dimText(const onnx::TensorShapeProto::Dimension& dim)
{
    if (dim.has_dim_value())
        return QString::number(dim.dim_value());
    if (dim.has_dim_param())
        return QString::fromStdString(dim.dim_param());
    return QStringLiteral("?"); // neither set: unknown dimension
}

// "name:FLOAT[1,3,224,224]; ..." for graph inputs (initializers excluded) or outputs.
QString describe(
    const google::protobuf::RepeatedPtrField<onnx::ValueInfoProto>& infos, const std::set<std::string>& skip = {})
{
    QStringList parts;
    for (const auto& info : infos) {
        if (skip.count(info.name()))
            continue;
        const auto& tt = info.type().tensor_type();
        QStringList dims;
        for (const auto& d : tt.shape().dim())
            dims << dimText(d);
        parts << QStringLiteral("%1:%2[%3]")
                     .arg(QString::fromStdString(info.name()),
                         QString::fromStdString(onnx::TensorProto_DataType_Name(tt.elem_type())), dims.join(u','));
    }
    return parts.join(QStringLiteral("; "));
}

std::set<std::string> initializerNames(const onnx::GraphProto& graph)
{
    std::set<std::string> names;
    for (const auto& init : graph.initializer())
        names.insert(init.name());
    return names;
}

int64_t defaultOpset(const onnx::ModelProto& model)
{
    for (const auto& op : model.opset_import())
        if (op.domain().empty() || op.domain() == "ai.onnx")
            return op.version();
    return -1;
}

const onnx::AttributeProto* findAttr(const onnx::NodeProto& node, const std::string& name)
{
    for (const auto& attr : node.attribute())
        if (attr.name() == name)
            return &attr;
    return nullptr;
}

std::vector<float> floatsOf(const std::string& raw)
{
    std::vector<float> values(raw.size() / 4);
    std::memcpy(values.data(), raw.data(), values.size() * 4);
    return values;
}

// Kahn's algorithm, stable with respect to the stored order.
void topoSort(onnx::GraphProto& graph)
{
    std::set<std::string> known = initializerNames(graph);
    for (const auto& in : graph.input())
        known.insert(in.name());
    std::vector<onnx::NodeProto> pending(graph.node().begin(), graph.node().end());
    graph.clear_node();
    bool progress = true;
    while (!pending.empty() && progress) {
        progress = false;
        for (auto it = pending.begin(); it != pending.end(); ++it) {
            const bool ready = std::all_of(it->input().begin(), it->input().end(),
                [&](const std::string& n) { return n.empty() || known.count(n); });
            if (!ready)
                continue;
            known.insert(it->output().begin(), it->output().end());
            *graph.add_node() = *it;
            pending.erase(it);
            progress = true;
            break;
        }
    }
}

const QStringList kValidModels = {
    u"resnet_static.onnx"_s,
    u"resnet_dynamic_batch.onnx"_s,
    u"resnet_unnamed_dim.onnx"_s,
    u"two_inputs.onnx"_s,
    u"detector_nms.onnx"_s,
    u"if_subgraph.onnx"_s,
    u"external_data.onnx"_s,
    u"ir3_initializers_as_inputs.onnx"_s,
    u"custom_domain.onnx"_s,
    u"fold_reshape.onnx"_s,
    u"fold_resize.onnx"_s,
    u"fold_pad.onnx"_s,
    u"fold_constantofshape.onnx"_s,
    u"fold_expand.onnx"_s,
    u"fold_range.onnx"_s,
    u"yolo_like.onnx"_s,
    u"flat_input.onnx"_s,
    u"nonzero.onnx"_s,
    u"fold_too_large.onnx"_s,
    u"reshape_impossible.onnx"_s,
    u"topk_declared.onnx"_s,
    u"nonzero_mid.onnx"_s,
    u"paddle_rec.onnx"_s,
};

} // namespace

class TestModelGen : public QObject {
    Q_OBJECT

private slots:
    void checkerAccepts_data();
    void checkerAccepts();
    void checkerRejects_data();
    void checkerRejects();
    void opset19OnlyIrVersionIsRejected();
    void unsortedNodesPassAfterTopologicalSort();
    void inputsAndOutputs_data();
    void inputsAndOutputs();
    void nodeContent_data();
    void nodeContent();
    void shapeInferenceAgreesWithDeclaredOutputs_data();
    void shapeInferenceAgreesWithDeclaredOutputs();
    void resnetHasProjectionShortcut();
    void weightsArePseudoRandomAndShared();
    void ifNodeHasTwoSubgraphs();
    void externalDataIsFullyExternal();
    void externalDataMissingSideFileIsReported();
    void ir3InitializersAreAlsoInputs();
    void customDomainOp();
    void detectorNms();
    void badFilesDoNotParse_data();
    void badFilesDoNotParse();
    void codedStreamParse_data();
    void codedStreamParse();
    void emptyFileParsesAsEmptyModel();
    void truncatedIsPrefixOfResnet();
    void pngIsARealPng();
};

void TestModelGen::checkerAccepts_data()
{
    QTest::addColumn<QString>("file");
    for (const QString& f : kValidModels)
        QTest::newRow(qPrintable(f)) << f;
}

void TestModelGen::checkerAccepts()
{
    QFETCH(QString, file);
    QVERIFY2(QFile::exists(modelPath(file)), qPrintable(modelPath(file)));
    const QString err = errorOf([&] { onnx::checker::check_model(modelPath(file).toStdString()); });
    QVERIFY2(err.isEmpty(), qPrintable(err));
}

void TestModelGen::checkerRejects_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("phrase");
    QTest::addColumn<QString>("detail");
    const QString topo = QStringLiteral("Nodes in a graph must be topologically sorted");
    QTest::newRow("unsorted") << "unsorted_nodes.onnx" << topo << "'/flatten/Flatten_output_0'";
    QTest::newRow("dangling") << "dangling_input.onnx" << topo << "'/missing/Constant_output_0'";
    QTest::newRow("cycle") << "cycle.onnx" << topo << "'/b/Relu_output_0'";
    QTest::newRow("duplicate") << "duplicate_output.onnx"
                               << "Graph must be in single static assignment (SSA) form"
                               << "'/merge/shared_output_0'";
    QTest::newRow("opset19") << "opset19.onnx"
                             << "Your model ir_version is higher than the checker's"
                             << "";
    const QString noIr = QStringLiteral("The model does not have an ir_version set properly");
    QTest::newRow("empty") << "empty.onnx" << noIr << "";
    // text and PNG get past the checker's parser (see codedStreamParse) and fail only on content.
    QTest::newRow("text") << "text.onnx" << noIr << "";
    QTest::newRow("png") << "not_a_model.png" << noIr << "";
    QTest::newRow("corrupt") << "corrupt.onnx"
                             << "Unable to parse proto from file"
                             << "corrupt.onnx";
    QTest::newRow("truncated") << "truncated.onnx"
                               << "Unable to parse proto from file"
                               << "truncated.onnx";
}

void TestModelGen::checkerRejects()
{
    QFETCH(QString, file);
    QFETCH(QString, phrase);
    QFETCH(QString, detail);
    QVERIFY2(QFile::exists(modelPath(file)), qPrintable(modelPath(file)));
    const QString err = errorOf([&] { onnx::checker::check_model(modelPath(file).toStdString()); });
    QVERIFY2(!err.isEmpty(), "checker unexpectedly accepted the model");
    QVERIFY2(err.contains(phrase), qPrintable(err));
    QVERIFY2(err.contains(detail), qPrintable(err));
}

void TestModelGen::opset19OnlyIrVersionIsRejected()
{
    onnx::ModelProto model;
    QVERIFY(loadModel(u"opset19.onnx"_s, model));
    QCOMPARE(model.ir_version(), int64_t(9));
    QCOMPARE(defaultOpset(model), int64_t(19));
    // onnx 1.12 knows IR <= 8 but does not reject the opset itself: with IR 8 the model passes.
    model.set_ir_version(8);
    const QString err = errorOf([&] { onnx::checker::check_model(model); });
    QVERIFY2(err.isEmpty(), qPrintable(err));
}

void TestModelGen::unsortedNodesPassAfterTopologicalSort()
{
    onnx::ModelProto model;
    QVERIFY(loadModel(u"unsorted_nodes.onnx"_s, model));
    QCOMPARE(model.graph().node(0).op_type(), std::string("Gemm")); // stored last-first
    topoSort(*model.mutable_graph());
    QCOMPARE(model.graph().node_size(), 5);
    QCOMPARE(model.graph().node(0).op_type(), std::string("Conv"));
    const QString err = errorOf([&] { onnx::checker::check_model(model); });
    QVERIFY2(err.isEmpty(), qPrintable(err));
}

void TestModelGen::inputsAndOutputs_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("irVersion");
    QTest::addColumn<int>("opset");
    QTest::addColumn<QString>("inputs");
    QTest::addColumn<QString>("outputs");
    const QString resIn = u"input:FLOAT[1,3,224,224]"_s;
    const QString resOut = u"logits:FLOAT[1,1000]"_s;
    QTest::newRow("static") << "resnet_static.onnx" << 7 << 13 << resIn << resOut;
    QTest::newRow("dynamic") << "resnet_dynamic_batch.onnx" << 7 << 13 << "input:FLOAT[batch,3,224,224]"
                             << "logits:FLOAT[batch,1000]";
    QTest::newRow("unnamed") << "resnet_unnamed_dim.onnx" << 7 << 13 << "input:FLOAT[?,3,224,224]"
                             << "logits:FLOAT[?,1000]";
    QTest::newRow("external") << "external_data.onnx" << 7 << 13 << resIn << resOut;
    QTest::newRow("two_inputs") << "two_inputs.onnx" << 7 << 13
                                << "input_tensor_A:FLOAT[1,3,224,224]; input_tensor_B:FLOAT[1,10]"
                                << "scores:FLOAT[1,20]";
    QTest::newRow("detector") << "detector_nms.onnx" << 6 << 11 << "images:FLOAT[1,3,320,320]"
                              << "selected_indices:INT64[num_selected,3]; boxes:FLOAT[1,400,4]; "
                                 "scores:FLOAT[1,8,400]";
    QTest::newRow("opset19") << "opset19.onnx" << 9 << 19 << "input:FLOAT[1,3,32,32]"
                             << "output:FLOAT[1,10]";
    QTest::newRow("if") << "if_subgraph.onnx" << 7 << 13 << "cond:BOOL[]; x:FLOAT[1,16]"
                        << "y:FLOAT[1,16]";
    QTest::newRow("ir3") << "ir3_initializers_as_inputs.onnx" << 3 << 8 << "data:FLOAT[1,3,32,32]"
                         << "prob:FLOAT[1,10]";
    QTest::newRow("unsorted") << "unsorted_nodes.onnx" << 7 << 13 << "input:FLOAT[1,3,32,32]"
                              << "output:FLOAT[1,10]";
    QTest::newRow("custom") << "custom_domain.onnx" << 7 << 13 << "x:FLOAT[1,16]"
                            << "y:FLOAT[1,16]";
}

void TestModelGen::inputsAndOutputs()
{
    QFETCH(QString, file);
    QFETCH(int, irVersion);
    QFETCH(int, opset);
    QFETCH(QString, inputs);
    QFETCH(QString, outputs);
    onnx::ModelProto model;
    QVERIFY(loadModel(file, model));
    QCOMPARE(model.ir_version(), int64_t(irVersion));
    QCOMPARE(defaultOpset(model), int64_t(opset));
    QCOMPARE(model.producer_name(), std::string("atc-workbench-modelgen"));
    QCOMPARE(model.producer_version(), std::string("1.0"));
    QVERIFY(!model.doc_string().empty());
    QCOMPARE(describe(model.graph().input(), initializerNames(model.graph())), inputs);
    QCOMPARE(describe(model.graph().output()), outputs);
    // "?" must really mean "neither dim_value nor dim_param", not a dim_param spelled "?".
    for (const auto& info : model.graph().input())
        for (const auto& d : info.type().tensor_type().shape().dim())
            QVERIFY(!d.has_dim_param() || d.dim_param() != "?");
}

void TestModelGen::nodeContent_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("minNodes");
    QTest::addColumn<QStringList>("ops");
    const QStringList resnetOps = { u"Conv"_s, u"BatchNormalization"_s, u"Relu"_s, u"MaxPool"_s, u"Add"_s,
        u"GlobalAveragePool"_s, u"Flatten"_s, u"Gemm"_s };
    QTest::newRow("static") << "resnet_static.onnx" << 30 << resnetOps;
    QTest::newRow("dynamic") << "resnet_dynamic_batch.onnx" << 30 << resnetOps;
    QTest::newRow("unnamed") << "resnet_unnamed_dim.onnx" << 30 << resnetOps;
    QTest::newRow("external") << "external_data.onnx" << 30 << resnetOps;
    QTest::newRow("two_inputs") << "two_inputs.onnx" << 8
                                << QStringList { u"Conv"_s, u"Concat"_s, u"GlobalAveragePool"_s, u"Gemm"_s };
    QTest::newRow("detector") << "detector_nms.onnx" << 12
                              << QStringList { u"Conv"_s, u"Reshape"_s, u"Transpose"_s, u"Sigmoid"_s, u"Constant"_s,
                                     u"NonMaxSuppression"_s };
    QTest::newRow("if") << "if_subgraph.onnx" << 2 << QStringList { u"Gemm"_s, u"If"_s };
    QTest::newRow("custom") << "custom_domain.onnx" << 3 << QStringList { u"Gemm"_s, u"MyCustomOp"_s, u"Sigmoid"_s };
}

void TestModelGen::nodeContent()
{
    QFETCH(QString, file);
    QFETCH(int, minNodes);
    QFETCH(QStringList, ops);
    onnx::ModelProto model;
    QVERIFY(loadModel(file, model));
    QVERIFY2(model.graph().node_size() >= minNodes, qPrintable(QString::number(model.graph().node_size())));
    QSet<QString> present, names;
    for (const auto& node : model.graph().node()) {
        present.insert(QString::fromStdString(node.op_type()));
        const QString name = QString::fromStdString(node.name());
        QVERIFY2(name.startsWith(u'/') && name.count(u'/') >= 2, qPrintable(name)); // scoped: /scope/Op
        QVERIFY2(!names.contains(name), qPrintable(u"duplicate node name "_s + name));
        names.insert(name);
    }
    for (const QString& op : ops)
        QVERIFY2(present.contains(op), qPrintable(u"missing op "_s + op));
}

void TestModelGen::shapeInferenceAgreesWithDeclaredOutputs_data()
{
    checkerAccepts_data();
}

void TestModelGen::shapeInferenceAgreesWithDeclaredOutputs()
{
    QFETCH(QString, file);
    onnx::ModelProto model;
    QVERIFY(loadModel(file, model));
    // error_mode 1: node-level inference errors and conflicts with the declared output shapes throw.
    const onnx::ShapeInferenceOptions options { true, 1, true };
    const QString err
        = errorOf([&] { onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(), options); });
    QVERIFY2(err.isEmpty(), qPrintable(err));
    QVERIFY(model.graph().value_info_size() > 0);
}

void TestModelGen::resnetHasProjectionShortcut()
{
    onnx::ModelProto model;
    QVERIFY(loadModel(u"resnet_static.onnx"_s, model));
    int adds = 0, projections = 0;
    for (const auto& node : model.graph().node()) {
        adds += node.op_type() == "Add";
        if (node.op_type() != "Conv")
            continue;
        const auto* kernel = findAttr(node, "kernel_shape");
        const auto* strides = findAttr(node, "strides");
        QVERIFY(kernel && strides && kernel->ints_size() == 2 && strides->ints_size() == 2);
        if (kernel->ints(0) == 1 && strides->ints(0) == 2)
            ++projections;
    }
    QCOMPARE(adds, 4);
    QCOMPARE(projections, 2);
    QCOMPARE(model.graph().node(0).name(), std::string("/stem/conv/Conv"));
}

void TestModelGen::weightsArePseudoRandomAndShared()
{
    onnx::ModelProto stat, dyn;
    QVERIFY(loadModel(u"resnet_static.onnx"_s, stat));
    QVERIFY(loadModel(u"resnet_dynamic_batch.onnx"_s, dyn));
    // Variants are built independently from the same seed: their weights must be byte-identical.
    QCOMPARE(stat.graph().initializer_size(), dyn.graph().initializer_size());
    for (int i = 0; i < stat.graph().initializer_size(); ++i)
        QVERIFY(stat.graph().initializer(i).SerializeAsString() == dyn.graph().initializer(i).SerializeAsString());

    std::set<std::string> seen;
    int convWeights = 0;
    for (const auto& t : stat.graph().initializer()) {
        QCOMPARE(t.data_type(), int(onnx::TensorProto::FLOAT));
        QVERIFY2(seen.insert(t.raw_data()).second, ("same data twice: " + t.name()).c_str());
        if (t.dims_size() != 4)
            continue;
        ++convWeights;
        const std::vector<float> w = floatsOf(t.raw_data());
        const float bound = std::sqrt(6.0f / float(t.dims(1) * t.dims(2) * t.dims(3)));
        double sum = 0;
        for (float v : w) {
            QVERIFY(std::isfinite(v) && std::fabs(v) <= bound);
            sum += v;
        }
        const std::set<float> distinct(w.begin(), w.end());
        QVERIFY2(distinct.size() > w.size() * 9 / 10, t.name().c_str());
        if (w.size() >= 2000)
            QVERIFY2(std::fabs(sum / w.size()) < 0.05 * bound, t.name().c_str());
    }
    QCOMPARE(convWeights, 11); // stem + 4 blocks x 2 + 2 projections
}

void TestModelGen::ifNodeHasTwoSubgraphs()
{
    onnx::ModelProto model;
    QVERIFY(loadModel(u"if_subgraph.onnx"_s, model));
    const onnx::NodeProto* ifNode = nullptr;
    for (const auto& node : model.graph().node())
        if (node.op_type() == "If")
            ifNode = &node;
    QVERIFY(ifNode);
    QCOMPARE(ifNode->input(0), std::string("cond"));
    QCOMPARE(model.graph().input(0).type().tensor_type().shape().dim_size(), 0); // scalar BOOL
    const std::map<std::string, QStringList> expected
        = { { "then_branch", { u"Relu"_s, u"Add"_s } }, { "else_branch", { u"Sigmoid"_s, u"Mul"_s } } };
    int graphs = 0;
    for (const auto& attr : ifNode->attribute()) {
        QCOMPARE(attr.type(), onnx::AttributeProto::GRAPH);
        QVERIFY(expected.count(attr.name()));
        QStringList ops;
        for (const auto& n : attr.g().node())
            ops << QString::fromStdString(n.op_type());
        QCOMPARE(ops, expected.at(attr.name()));
        QCOMPARE(attr.g().output_size(), 1);
        QCOMPARE(attr.g().node(0).input(0), std::string("/encoder/fc/Gemm_output_0")); // outer-scope tensor
        ++graphs;
    }
    QCOMPARE(graphs, 2);
}

void TestModelGen::externalDataIsFullyExternal()
{
    onnx::ModelProto ext, stat;
    QVERIFY(loadModel(u"external_data.onnx"_s, ext));
    QVERIFY(loadModel(u"resnet_static.onnx"_s, stat));
    const QByteArray side = readBytes(u"external_data.onnx.data"_s);
    QVERIFY(!side.isEmpty());
    QCOMPARE(ext.graph().initializer_size(), stat.graph().initializer_size());
    qint64 sumLengths = 0, end = 0;
    for (int i = 0; i < ext.graph().initializer_size(); ++i) {
        const auto& t = ext.graph().initializer(i);
        QCOMPARE(t.data_location(), onnx::TensorProto::EXTERNAL);
        QVERIFY(t.raw_data().empty() && t.float_data_size() == 0 && t.int64_data_size() == 0);
        std::map<std::string, std::string> kv;
        for (const auto& e : t.external_data())
            kv[e.key()] = e.value();
        QCOMPARE(kv["location"], std::string("external_data.onnx.data"));
        const qint64 offset = std::stoll(kv.at("offset")), length = std::stoll(kv.at("length"));
        QVERIFY(offset >= end && offset % 4096 == 0); // in order, non-overlapping, aligned
        const std::string& original = stat.graph().initializer(i).raw_data();
        QCOMPARE(length, qint64(original.size()));
        QVERIFY(side.mid(offset, length) == QByteArray(original.data(), int(original.size())));
        sumLengths += length;
        end = offset + length;
    }
    QCOMPARE(qint64(side.size()), end);
    QVERIFY(sumLengths > 500000);
    QVERIFY(QFileInfo(modelPath(u"external_data.onnx"_s)).size() < 32 * 1024);
}

void TestModelGen::externalDataMissingSideFileIsReported()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(u"external_data.onnx"_s);
    QVERIFY(QFile::copy(modelPath(u"external_data.onnx"_s), copy));
    const QString err = errorOf([&] { onnx::checker::check_model(copy.toStdString()); });
    QVERIFY2(err.contains(u"external_data.onnx.data, but it doesn't exist"_s), qPrintable(err));
}

void TestModelGen::ir3InitializersAreAlsoInputs()
{
    onnx::ModelProto model;
    QVERIFY(loadModel(u"ir3_initializers_as_inputs.onnx"_s, model));
    const auto& g = model.graph();
    QVERIFY(g.initializer_size() >= 4);
    QCOMPARE(g.input_size(), g.initializer_size() + 1);
    QCOMPARE(g.input(0).name(), std::string("data"));
    std::map<std::string, int> inputRank;
    for (const auto& in : g.input())
        inputRank[in.name()] = in.type().tensor_type().shape().dim_size();
    for (const auto& init : g.initializer()) {
        QVERIFY2(inputRank.count(init.name()), init.name().c_str());
        QCOMPARE(inputRank[init.name()], init.dims_size());
    }
    // Dropping the initializer inputs breaks an IR 3 model: the checker insists on them.
    model.mutable_graph()->mutable_input()->DeleteSubrange(1, g.input_size() - 1);
    const QString err = errorOf([&] { onnx::checker::check_model(model); });
    QVERIFY2(err.contains(u"initializer but not in graph input"_s), qPrintable(err));
}

void TestModelGen::customDomainOp()
{
    onnx::ModelProto model;
    QVERIFY(loadModel(u"custom_domain.onnx"_s, model));
    bool imported = false;
    for (const auto& op : model.opset_import())
        imported |= op.domain() == "com.example" && op.version() == 1;
    QVERIFY(imported);
    int custom = 0;
    for (const auto& node : model.graph().node()) {
        if (node.domain() != "com.example")
            continue;
        ++custom;
        QCOMPARE(node.op_type(), std::string("MyCustomOp"));
        QVERIFY(onnx::OpSchemaRegistry::Schema(node.op_type(), 1, node.domain()) == nullptr);
    }
    QCOMPARE(custom, 1);
}

void TestModelGen::detectorNms()
{
    onnx::ModelProto model;
    QVERIFY(loadModel(u"detector_nms.onnx"_s, model));
    const auto& g = model.graph();
    const auto& last = g.node(g.node_size() - 1);
    QCOMPARE(last.op_type(), std::string("NonMaxSuppression"));
    QCOMPARE(last.input_size(), 5);
    QCOMPARE(last.output(0), std::string("selected_indices"));
    const auto& dim0 = g.output(0).type().tensor_type().shape().dim(0);
    QVERIFY(dim0.has_dim_param() && !dim0.has_dim_value());
    std::map<std::string, std::string> raw;
    for (const auto& t : g.initializer())
        raw[t.name()] = t.raw_data();
    int64_t maxBoxes = 0;
    QCOMPARE(raw.at(last.input(2)).size(), sizeof(maxBoxes));
    std::memcpy(&maxBoxes, raw.at(last.input(2)).data(), sizeof(maxBoxes));
    QCOMPARE(maxBoxes, int64_t(20));
    QCOMPARE(floatsOf(raw.at(last.input(3))), std::vector<float> { 0.5f });
    QCOMPARE(floatsOf(raw.at(last.input(4))), std::vector<float> { 0.25f });
}

void TestModelGen::badFilesDoNotParse_data()
{
    QTest::addColumn<QString>("file");
    for (const char* f : { "corrupt.onnx", "truncated.onnx", "not_a_model.png", "text.onnx" })
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestModelGen::badFilesDoNotParse()
{
    QFETCH(QString, file);
    const QByteArray bytes = readBytes(file);
    QVERIFY2(!bytes.isEmpty(), qPrintable(file));
    onnx::ModelProto fromString, fromStream;
    QVERIFY(!fromString.ParseFromString(bytes.toStdString()));
    QVERIFY(!loadModel(file, fromStream));
}

void TestModelGen::codedStreamParse_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("parseOk");
    QTest::addColumn<bool>("consumedAll");
    QTest::newRow("valid") << "resnet_static.onnx" << true << true;
    QTest::newRow("empty") << "empty.onnx" << true << true;
    QTest::newRow("corrupt") << "corrupt.onnx" << false << false;
    QTest::newRow("truncated") << "truncated.onnx" << false << false;
    // 'T' (0x54) and the PNG signature both decode to an end-group tag: ParseFromCodedStream returns true!
    QTest::newRow("text") << "text.onnx" << true << false;
    QTest::newRow("png") << "not_a_model.png" << true << false;
}

void TestModelGen::codedStreamParse()
{
    QFETCH(QString, file);
    QFETCH(bool, parseOk);
    QFETCH(bool, consumedAll);
    onnx::ModelProto model;
    bool consumed = false;
    QCOMPARE(codedParse(file, model, consumed), parseOk);
    QCOMPARE(consumed, consumedAll);
}

void TestModelGen::emptyFileParsesAsEmptyModel()
{
    // Protobuf accepts zero bytes as an all-defaults message; the loader must reject it by content.
    QVERIFY(QFile::exists(modelPath(u"empty.onnx"_s)));
    QCOMPARE(QFileInfo(modelPath(u"empty.onnx"_s)).size(), qint64(0));
    onnx::ModelProto model;
    QVERIFY(loadModel(u"empty.onnx"_s, model));
    QVERIFY(!model.has_graph() && model.ir_version() == 0 && model.opset_import_size() == 0);
}

void TestModelGen::truncatedIsPrefixOfResnet()
{
    const QByteArray full = readBytes(u"resnet_static.onnx"_s);
    const QByteArray cut = readBytes(u"truncated.onnx"_s);
    QVERIFY(full.size() > 100000);
    QVERIFY(cut.size() > full.size() / 2 && cut.size() <= full.size() * 6 / 10);
    QVERIFY(full.startsWith(cut));
}

void TestModelGen::pngIsARealPng()
{
    const QByteArray png = readBytes(u"not_a_model.png"_s);
    QVERIFY(png.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)));
    QCOMPARE(png.mid(12, 4), QByteArray("IHDR"));
    QVERIFY(png.endsWith(QByteArray("IEND\xae\x42\x60\x82", 8))); // IEND chunk with its fixed CRC
}

QTEST_APPLESS_MAIN(TestModelGen)
#include "tst_modelgen.moc"
