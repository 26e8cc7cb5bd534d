// Shape inference after fixing inputs: every tensor's shape, what stays dynamic, errors; and folding of shape
// arithmetic, checked against what ONNX 1.12's own inference leaves open on the same models.
#include "onnx/shapeinference.h"
#include "testutil.h"

#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <QFile>
#include <QTemporaryDir>

#include <variant>

using namespace wb;

class TestShapeInference : public QObject {
    Q_OBJECT
private slots:
    void outputs_data();
    void outputs();
    void errors_data();
    void errors();
    void everyTensorListed();
    void unsortedGraphIsSortedFirst();
    void sourceModelUntouched();
    void dynamicOrigins();
    void folding_data();
    void folding();
    void foldedValuesAreShown();
    void dataDependentStaysDynamic_data();
    void dataDependentStaysDynamic();
    void customDomainIsUnknownNotDynamic();
    void unfixedInputIsNamed();
    void cycleIsAClearError();
    void impossibleReshapeIsReported();
    void foldingOverTheCapIsUnknownWithReason();
    void dataDecidesOverAnOpenInput();
    void inputShorterThanKernelIsTooSmall();
};

namespace {

// Tensors ONNX's own InferShapes (data propagation on) leaves without a static shape, on the model file with its
// inputs fixed: what this project's inference had before folding.
int onnxAloneLeavesOpen(const QString& file, const QList<InputShapeSpec>& specs)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray bytes = in.readAll();
    onnx::ModelProto model;
    if (!model.ParseFromArray(bytes.constData(), int(bytes.size())))
        return -1;
    auto* g = model.mutable_graph();
    for (auto& vi : *g->mutable_input()) {
        for (const InputShapeSpec& spec : specs) {
            if (spec.name.toStdString() != vi.name())
                continue;
            auto* shape = vi.mutable_type()->mutable_tensor_type()->mutable_shape();
            shape->clear_dim();
            for (const ShapeSpecDim& d : spec.dims)
                shape->add_dim()->set_dim_value(d.min);
        }
    }
    g->clear_value_info();
    for (auto& out : *g->mutable_output())
        out.mutable_type()->mutable_tensor_type()->clear_shape();
    try {
        onnx::ShapeInferenceOptions options { false, 0, true };
        onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(), options);
    } catch (const std::exception&) {
        return -1;
    }
    std::map<std::string, const onnx::TypeProto*> types;
    for (const auto& vi : g->value_info())
        types[vi.name()] = &vi.type();
    for (const auto& vi : g->output())
        types[vi.name()] = &vi.type();
    int open = 0;
    for (const auto& node : g->node()) {
        for (const auto& out : node.output()) {
            const auto it = types.find(out);
            bool known = it != types.end() && it->second->tensor_type().has_shape();
            if (known) {
                for (const auto& d : it->second->tensor_type().shape().dim())
                    known = known && d.has_dim_value();
            }
            open += known ? 0 : 1;
        }
    }
    return open;
}

} // namespace

void TestShapeInference::outputs_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("outputs");
    QTest::addColumn<int>("stillDynamic");
    QTest::newRow("batch 4") << "resnet_dynamic_batch.onnx"
                             << "input:4,3,224,224" << QStringList { "[4, 1000]" } << 0;
    QTest::newRow("batch 8 unnamed") << "resnet_unnamed_dim.onnx"
                                     << "input:8,3,224,224" << QStringList { "[8, 1000]" } << 0;
    QTest::newRow("not fixed stays dynamic") << "resnet_dynamic_batch.onnx"
                                             << "" << QStringList { "[batch, 1000]" } << 30;
    QTest::newRow("two inputs") << "two_inputs.onnx"
                                << "input_tensor_A:1,3,224,224;input_tensor_B:1,10" << QStringList { "[1, 20]" } << 0;
    // NMS output size depends on the data, not on shapes: it stays dynamic whatever the input.
    QTest::newRow("nms") << "detector_nms.onnx"
                         << "images:1,3,320,320" << QStringList { "[?, 3]", "[1, 400, 4]", "[1, 8, 400]" } << 1;
    QTest::newRow("static model, no spec") << "resnet_static.onnx"
                                           << "" << QStringList { "[1, 1000]" } << 0;
}

void TestShapeInference::outputs()
{
    QFETCH(QString, model);
    QFETCH(QString, spec);
    QFETCH(QStringList, outputs);
    QFETCH(int, stillDynamic);
    const auto loaded = OnnxModel::load(wbtest::modelPath(model));
    QVERIFY(loaded.ok());
    QList<InputShapeSpec> specs;
    if (!spec.isEmpty())
        specs = parseInputShapeSpec(spec).value();
    const auto result = inferShapes(*loaded.value(), specs);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QStringList shapes;
    for (const TensorInfo& t : result.value().outputs)
        shapes.append(t.shapeText());
    QCOMPARE(shapes, outputs);
    if (stillDynamic == 0)
        QVERIFY2(result.value().stillDynamic.isEmpty(), qPrintable(result.value().stillDynamic.join(',')));
    else if (stillDynamic == 1)
        QCOMPARE(result.value().stillDynamic.size(), 1);
    else
        QVERIFY(result.value().stillDynamic.size() >= stillDynamic);
}

void TestShapeInference::errors_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("unknown name") << "image:1,3,224,224"
                                  << "unknown_input"
                                  << "Its inputs are: input.";
    QTest::newRow("rank") << "input:1,3,224"
                          << "rank_mismatch"
                          << "has 4 dimensions, but 3 were given";
    QTest::newRow("dynamic") << "input:-1,3,224,224"
                             << "not_static"
                             << "must be a fixed size";
    QTest::newRow("range") << "input:1~4,3,224,224"
                           << "not_static"
                           << "must be a fixed size";
}

void TestShapeInference::errors()
{
    QFETCH(QString, spec);
    QFETCH(QString, code);
    QFETCH(QString, phrase);
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    QVERIFY(loaded.ok());
    const auto result = inferShapes(*loaded.value(), parseInputShapeSpec(spec).value());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, code);
    QVERIFY2(result.error().message.contains(phrase), qPrintable(result.error().message));
}

void TestShapeInference::everyTensorListed()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    QVERIFY(loaded.ok());
    const auto result = inferShapes(*loaded.value(), parseInputShapeSpec(QStringLiteral("input:2,3,224,224")).value());
    QVERIFY(result.ok());
    // One input plus one tensor per node output (every node here has exactly one output).
    QCOMPARE(result.value().tensors.size(), 1 + loaded.value()->summary().nodeCount);
    QCOMPARE(result.value().tensors.first().shapeText(), QStringLiteral("[2, 3, 224, 224]"));
    for (const TensorInfo& t : result.value().tensors) {
        QVERIFY2(!t.isDynamic(), qPrintable(t.name));
        QCOMPARE(t.shape->first().value, 2); // the batch flows through every tensor
        QCOMPARE(t.dtype, QStringLiteral("float32"));
    }
}

void TestShapeInference::unsortedGraphIsSortedFirst()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("unsorted_nodes.onnx")));
    QVERIFY(loaded.ok());
    const auto result = inferShapes(*loaded.value(), {});
    QVERIFY(result.ok());
    QVERIFY2(result.value().stillDynamic.isEmpty(), qPrintable(result.value().stillDynamic.join(',')));
    QCOMPARE(result.value().outputs.first().shapeText(), QStringLiteral("[1, 10]"));
}

void TestShapeInference::sourceModelUntouched()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    QVERIFY(loaded.ok());
    QVERIFY(inferShapes(*loaded.value(), parseInputShapeSpec(QStringLiteral("input:4,3,224,224")).value()).ok());
    QCOMPARE(loaded.value()->summary().inputs.first().shapeText(), QStringLiteral("[batch, 3, 224, 224]"));
    const auto again = inferShapes(*loaded.value(), {});
    QVERIFY(again.ok());
    QCOMPARE(again.value().inputs.first().shapeText(), QStringLiteral("[batch, 3, 224, 224]"));
}

void TestShapeInference::dynamicOrigins()
{
    const auto nms = OnnxModel::load(wbtest::modelPath(QStringLiteral("detector_nms.onnx")));
    QVERIFY(nms.ok());
    const auto result = inferShapes(*nms.value(), {});
    QVERIFY(result.ok());
    QCOMPARE(result.value().origins.size(), 1);
    QVERIFY2(
        result.value().origins.first().message.contains(QStringLiteral("(NonMaxSuppression) makes 'selected_indices'")),
        qPrintable(result.value().origins.first().message));
    // A dynamic input is not an origin: nothing in the graph turned it dynamic.
    const auto batch = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    const auto unfixed = inferShapes(*batch.value(), {});
    QVERIFY(unfixed.ok());
    QVERIFY(unfixed.value().origins.isEmpty());
}

void TestShapeInference::folding_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("outputs");
    QTest::newRow("torch view(n, -1)") << "fold_reshape.onnx"
                                       << "x:1,3,64,64" << QStringList { "[1, 8192]" };
    QTest::newRow("resize sizes from shape") << "fold_resize.onnx"
                                             << "x:1,3,40,30" << QStringList { "[1, 8, 80, 60]" };
    QTest::newRow("computed pads") << "fold_pad.onnx"
                                   << "x:1,3,100,60" << QStringList { "[1, 4, 128, 64]" };
    QTest::newRow("constantofshape") << "fold_constantofshape.onnx"
                                     << "x:1,8,50" << QStringList { "[1, 8, 50]", "[1, 25]" };
    QTest::newRow("expand and tile") << "fold_expand.onnx"
                                     << "x:1,4,20,10" << QStringList { "[1, 4, 20, 10]", "[1, 60]" };
    QTest::newRow("range positions") << "fold_range.onnx"
                                     << "input_ids:1,32;attention_mask:1,32" << QStringList { "[1, 32, 16]" };
    QTest::newRow("yolov8-style head") << "yolo_like.onnx"
                                       << "images:1,3,640,640" << QStringList { "[1, 7, 8000]" };
    QTest::newRow("paddle2onnx recogniser") << "paddle_rec.onnx"
                                            << "x:1,3,48,320" << QStringList { "[1, 80, 97]" };
    QTest::newRow("yolov8-style batch 4") << "yolo_like.onnx"
                                          << "images:4,3,320,320" << QStringList { "[4, 7, 2000]" };
}

void TestShapeInference::folding()
{
    QFETCH(QString, model);
    QFETCH(QString, spec);
    QFETCH(QStringList, outputs);
    const auto loaded = OnnxModel::load(wbtest::modelPath(model));
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    const QList<InputShapeSpec> specs = parseInputShapeSpec(spec).value();
    // The gap this folding closes: ONNX alone leaves tensors open on every one of these models.
    QVERIFY(onnxAloneLeavesOpen(wbtest::modelPath(model), specs) > 0);
    const auto result = inferShapes(*loaded.value(), specs);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const InferenceResult& r = result.value();
    QStringList shapes;
    for (const TensorInfo& t : r.outputs)
        shapes.append(t.shapeText());
    QCOMPARE(shapes, outputs);
    QVERIFY2(r.stillDynamic.isEmpty(), qPrintable(r.stillDynamic.join(QLatin1Char(','))));
    QVERIFY2(r.unknownShapes.isEmpty(), qPrintable(r.unknownShapes.join(QLatin1Char(','))));
    QVERIFY2(r.origins.isEmpty(), qPrintable(r.origins.isEmpty() ? QString() : r.origins.first().message));
    QVERIFY(r.warnings.isEmpty());
    QVERIFY(r.foldedNodes > 0);
    QCOMPARE(r.facts.size(), r.tensors.size());
    for (const TensorInfo& t : r.tensors)
        QVERIFY2(!t.isDynamic(), qPrintable(t.name + QLatin1Char(' ') + t.shapeText()));
}

void TestShapeInference::foldedValuesAreShown()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("fold_reshape.onnx")));
    QVERIFY(loaded.ok());
    const auto result = inferShapes(*loaded.value(), parseInputShapeSpec(QStringLiteral("x:1,3,64,64")).value());
    QVERIFY(result.ok());
    const ShapeFact* target = result.value().fact(QStringLiteral("/flatten/Concat_output_0"));
    QVERIFY(target);
    QVERIFY(target->folded);
    QCOMPARE(target->value, QStringLiteral("[1, -1]"));
    const ShapeFact* dims = result.value().fact(QStringLiteral("/flatten/Shape_output_0"));
    QVERIFY(dims);
    QCOMPARE(dims->value, QStringLiteral("[1, 8, 32, 32]"));
    const ShapeFact* conv = result.value().fact(QStringLiteral("/features/conv/Conv_output_0"));
    QVERIFY(conv);
    QVERIFY(!conv->folded); // computed from the input's data: not a constant
}

void TestShapeInference::dataDependentStaysDynamic_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<QString>("origin");
    QTest::addColumn<QString>("reads");
    QTest::newRow("nms") << "detector_nms.onnx"
                         << "images:1,3,320,320"
                         << "selected_indices"
                         << "/postprocess/NonMaxSuppression"
                         << "'boxes', 'scores'";
    QTest::newRow("nonzero") << "nonzero.onnx"
                             << "scores:1,16"
                             << "indices"
                             << "/select/NonZero"
                             << "'/select/Greater_output_0'";
}

void TestShapeInference::dataDependentStaysDynamic()
{
    QFETCH(QString, model);
    QFETCH(QString, spec);
    QFETCH(QString, tensor);
    QFETCH(QString, origin);
    QFETCH(QString, reads);
    const auto loaded = OnnxModel::load(wbtest::modelPath(model));
    QVERIFY(loaded.ok());
    const auto result = inferShapes(*loaded.value(), parseInputShapeSpec(spec).value());
    QVERIFY(result.ok());
    const InferenceResult& r = result.value();
    QVERIFY2(r.stillDynamic.contains(tensor), qPrintable(r.stillDynamic.join(QLatin1Char(','))));
    const ShapeFact* f = r.fact(tensor);
    QVERIFY(f);
    QCOMPARE(f->status, ShapeStatus::DataDependent);
    QCOMPARE(f->origin, origin);
    QVERIFY(!r.origins.isEmpty());
    QCOMPARE(r.origins.first().node, origin);
    QCOMPARE(r.origins.first().status, ShapeStatus::DataDependent);
    QVERIFY2(r.origins.first().message.contains(reads), qPrintable(r.origins.first().message));
    QCOMPARE(r.origins.size(), 1);
    QVERIFY(r.unknownShapes.isEmpty());
}

void TestShapeInference::customDomainIsUnknownNotDynamic()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("custom_domain.onnx")));
    QVERIFY(loaded.ok());
    const auto result = inferShapes(*loaded.value(), {});
    QVERIFY(result.ok());
    const InferenceResult& r = result.value();
    QVERIFY2(r.stillDynamic.isEmpty(), qPrintable(r.stillDynamic.join(QLatin1Char(','))));
    QCOMPARE(r.unknownShapes, (QStringList { QStringLiteral("/act/MyCustomOp_output_0"), QStringLiteral("y") }));
    QCOMPARE(r.fact(QStringLiteral("y"))->status, ShapeStatus::Unknown);
    QCOMPARE(r.fact(QStringLiteral("y"))->origin, QStringLiteral("/act/MyCustomOp"));
    QCOMPARE(r.origins.size(), 1);
    QCOMPARE(r.origins.first().opType, QStringLiteral("com.example::MyCustomOp"));
    QVERIFY2(r.origins.first().message.contains(QStringLiteral("no shape function here")),
        qPrintable(r.origins.first().message));
    QCOMPARE(r.origins.first().status, ShapeStatus::Unknown);
}

void TestShapeInference::unfixedInputIsNamed()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("yolo_like.onnx")));
    QVERIFY(loaded.ok());
    const auto result = inferShapes(*loaded.value(), {});
    QVERIFY(result.ok());
    const InferenceResult& r = result.value();
    QVERIFY(!r.stillDynamic.isEmpty());
    QVERIFY(r.unknownShapes.isEmpty());
    QVERIFY(r.origins.isEmpty()); // nothing in the graph turns shapes dynamic: the input does
    for (const ShapeFact& f : r.facts) {
        if (f.status != ShapeStatus::Static) {
            QCOMPARE(f.status, ShapeStatus::FollowsInput);
            QCOMPARE(f.origin, QStringLiteral("images"));
        }
    }
}

void TestShapeInference::cycleIsAClearError()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("cycle.onnx")));
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    const auto result = inferShapes(*loaded.value(), {});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("cycle"));
    QVERIFY2(result.error().message.contains(QStringLiteral("/a/Add (Add), /b/Relu (Relu)")),
        qPrintable(result.error().message));
}

void TestShapeInference::impossibleReshapeIsReported()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("reshape_impossible.onnx")));
    QVERIFY(loaded.ok());
    const auto result = inferShapes(*loaded.value(), {});
    QVERIFY(result.ok());
    const InferenceResult& r = result.value();
    QCOMPARE(r.origins.size(), 1);
    QCOMPARE(r.origins.first().status, ShapeStatus::Invalid);
    QCOMPARE(r.origins.first().node, QStringLiteral("/reshape/Reshape"));
    QVERIFY2(
        r.origins.first().message.contains(QStringLiteral("cannot reshape [2, 3] (6 elements) to [4, 2] (8 elements)")),
        qPrintable(r.origins.first().message));
    QVERIFY(!r.warnings.isEmpty());
    QCOMPARE(r.fact(QStringLiteral("y"))->status, ShapeStatus::Invalid); // whatever type ONNX gave it
}

void TestShapeInference::dataDecidesOverAnOpenInput()
{
    // Reshape(x [N, 12], s) with s a graph input: the shape depends on s's values whether or not N is fixed, so
    // the verdict is data-dependent, not "follows x" (fixing N would not help).
    onnx::ModelProto m;
    m.set_ir_version(7);
    m.add_opset_import()->set_version(13);
    auto* g = m.mutable_graph();
    g->set_name("reshape_data");
    auto input = [&](const char* name, int type, std::vector<std::variant<int64_t, const char*>> dims) {
        auto* vi = g->add_input();
        vi->set_name(name);
        vi->mutable_type()->mutable_tensor_type()->set_elem_type(type);
        for (const auto& d : dims) {
            auto* dim = vi->mutable_type()->mutable_tensor_type()->mutable_shape()->add_dim();
            if (std::holds_alternative<int64_t>(d))
                dim->set_dim_value(std::get<int64_t>(d));
            else
                dim->set_dim_param(std::get<const char*>(d));
        }
    };
    input("x", onnx::TensorProto::FLOAT, { "N", int64_t(12) });
    input("s", onnx::TensorProto::INT64, { int64_t(2) });
    auto* node = g->add_node();
    node->set_op_type("Reshape");
    node->set_name("/reshape");
    node->add_input("x");
    node->add_input("s");
    node->add_output("y");
    g->add_output()->set_name("y");
    g->mutable_output(0)->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("reshape_data.onnx"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(m.SerializeAsString()));
    f.close();
    const auto loaded = OnnxModel::load(path);
    QVERIFY(loaded.ok());
    for (const QString& spec : { QString(), QStringLiteral("x:4,12") }) {
        const auto result = inferShapes(
            *loaded.value(), spec.isEmpty() ? QList<InputShapeSpec> {} : parseInputShapeSpec(spec).value());
        QVERIFY(result.ok());
        QCOMPARE(result.value().fact(QStringLiteral("y"))->status, ShapeStatus::DataDependent);
        QCOMPARE(result.value().fact(QStringLiteral("y"))->origin, QStringLiteral("/reshape"));
    }
}

void TestShapeInference::foldingOverTheCapIsUnknownWithReason()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("fold_too_large.onnx")));
    QVERIFY(loaded.ok());
    const auto result = inferShapes(*loaded.value(), parseInputShapeSpec(QStringLiteral("x:1,10")).value());
    QVERIFY(result.ok());
    const InferenceResult& r = result.value();
    QVERIFY(r.stillDynamic.isEmpty());
    QVERIFY(r.unknownShapes.contains(QStringLiteral("y")));
    QVERIFY(!r.origins.isEmpty());
    QVERIFY2(r.origins.first().message.contains(QStringLiteral("10000000000 elements, over the folding limit")),
        qPrintable(r.origins.first().message));
}

void TestShapeInference::inputShorterThanKernelIsTooSmall()
{
    // Conv with a 5-wide kernel and no padding over a 1-D signal of length L: L = 3 leaves ONNX computing an output
    // length of -1. That is an input too small for the Conv, not a data-dependent shape.
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("short_signal_conv.onnx")));
    QVERIFY(loaded.ok());

    const auto fine = inferShapes(*loaded.value(), parseInputShapeSpec(QStringLiteral("x:1,1,16")).value());
    QVERIFY(fine.ok());
    QCOMPARE(fine.value().fact(QStringLiteral("y"))->status, ShapeStatus::Static);

    for (const char* spec : { "x:1,1,3", "x:1,1,4" }) {
        const auto result = inferShapes(*loaded.value(), parseInputShapeSpec(QString::fromLatin1(spec)).value());
        QVERIFY(result.ok());
        const InferenceResult& r = result.value();
        QCOMPARE(r.fact(QStringLiteral("y"))->status, ShapeStatus::Invalid);
        QVERIFY(!r.origins.isEmpty());
        QCOMPARE(r.origins.first().node, QStringLiteral("/conv"));
        QVERIFY2(r.origins.first().message.startsWith(QStringLiteral("Input too small for node '/conv' (Conv)")),
            qPrintable(r.origins.first().message));
    }
}

QTEST_APPLESS_MAIN(TestShapeInference)
#include "tst_shapeinference.moc"
