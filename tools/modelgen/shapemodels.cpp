// Models whose shapes come from shape arithmetic, the way PyTorch, paddle2onnx and Ultralytics export them: with
// every input fixed they are fully static, but ONNX 1.12's shape inference alone cannot see it. Plus the ones
// that must stay dynamic (data-dependent) and the ones that must fail clearly.
#include "models.h"

#include "builder.h"
#include "shapeops.h"

namespace modelgen {

namespace {

constexpr int32_t kFloat = onnx::TensorProto::FLOAT;
constexpr int32_t kInt64 = onnx::TensorProto::INT64;

} // namespace

onnx::ModelProto buildFoldReshape()
{
    onnx::ModelProto model;
    initModel(model, 7, 13, "fold_reshape", "torch x.view(x.size(0), -1) after a conv: Shape/Gather/Concat/Reshape.");
    GraphBuilder b(model.mutable_graph(), 0xF01D0001);
    Ops o(b);
    b.addInput("x", kFloat, { 1, 3, "height", "width" });
    std::string y = b.unary("Relu", "/features/relu", b.conv("/features/conv", "x", 3, 8, 3, 2, true));
    y = o.flattenView("/flatten", y);
    o.node("Sigmoid", "/head", { y });
    b.graph()->mutable_node(b.graph()->node_size() - 1)->set_output(0, "features");
    b.addOutput("features", kFloat, { 1, "Sigmoidfeatures_dim_1" });
    return model;
}

onnx::ModelProto buildFoldResize()
{
    onnx::ModelProto model;
    initModel(model, 7, 13, "fold_resize", "Upsample x2 with Resize sizes computed from Shape, as torch exports it.");
    GraphBuilder b(model.mutable_graph(), 0xF01D0002);
    Ops o(b);
    b.addInput("x", kFloat, { 1, 3, "height", "width" });
    const std::string y = b.conv("/neck/conv", "x", 3, 8, 3, 1, true);
    const std::string s = o.shape("/neck/up", y);
    const std::string nc
        = o.node("Slice", "/neck/up/nc", { s, o.ints("/neck/up/nc/starts", { 0 }), o.ints("/neck/up/nc/ends", { 2 }) });
    std::string hw
        = o.node("Slice", "/neck/up/hw", { s, o.ints("/neck/up/hw/starts", { 2 }), o.ints("/neck/up/hw/ends", { 4 }) });
    hw = o.cast("/neck/up/tofloat", hw, kFloat);
    hw = o.node("Mul", "/neck/up/scale", { hw, o.real("/neck/up/factor", 2.0f) });
    hw = o.cast("/neck/up/toint", o.node("Floor", "/neck/up/floor", { hw }), kInt64);
    const std::string sizes = o.concat0("/neck/up/sizes", { nc, hw });
    o.node("Resize", "/neck/up/resize", { y, "", "", sizes });
    auto* mode = o.last()->add_attribute();
    mode->set_name("mode");
    mode->set_type(onnx::AttributeProto::STRING);
    mode->set_s("nearest");
    o.last()->set_output(0, "upsampled");
    b.addOutput("upsampled", kFloat, { 1, 8, "Resizeupsampled_dim_2", "Resizeupsampled_dim_3" });
    return model;
}

onnx::ModelProto buildFoldPad()
{
    onnx::ModelProto model;
    initModel(model, 7, 13, "fold_pad", "Pads H and W up to a multiple of 32 with pads computed from Shape.");
    GraphBuilder b(model.mutable_graph(), 0xF01D0003);
    Ops o(b);
    b.addInput("x", kFloat, { 1, 3, "height", "width" });
    const std::string s = o.shape("/pad", "x");
    std::vector<std::string> ends;
    for (int64_t axis : { 2, 3 }) {
        const std::string scope = "/pad/axis" + std::to_string(axis);
        const std::string d = o.dim(scope, s, axis);
        const std::string thirtyTwo = o.ints(scope + "/m", { 32 }, true);
        std::string p = o.node("Mod", scope + "/rem", { d, thirtyTwo });
        p = o.node("Sub", scope + "/missing", { thirtyTwo, p });
        p = o.node("Mod", scope + "/wrap", { p, thirtyTwo });
        ends.push_back(o.unsqueeze0(scope, p));
    }
    const std::string pads = o.concat0("/pad/pads", { o.ints("/pad/begin", { 0, 0, 0, 0, 0, 0 }), ends[0], ends[1] });
    const std::string padded = o.node("Pad", "/pad", { "x", pads });
    b.conv("/body/conv", padded, 3, 4, 3, 1, true);
    b.graph()->mutable_node(b.graph()->node_size() - 1)->set_output(0, "y");
    b.addOutput("y", kFloat, { 1, 4, "Convy_dim_2", "Convy_dim_3" });
    return model;
}

onnx::ModelProto buildFoldConstantOfShape()
{
    onnx::ModelProto model;
    initModel(model, 7, 13, "fold_constantofshape", "ConstantOfShape of Shape(x) and of a computed shape (a mask).");
    GraphBuilder b(model.mutable_graph(), 0xF01D0004);
    Ops o(b);
    b.addInput("x", kFloat, { 1, "channels", "length" });
    const std::string s = o.shape("/ones", "x");
    const std::string ones = o.constantOfShape("/ones", s, kFloat, floatsToRaw({ 1.0f }));
    o.node("Mul", "/scaled", { "x", ones });
    o.last()->set_output(0, "scaled");
    // A mask at half the length, computed the way torch exports length // 2 on a traced size.
    std::string half = o.cast("/mask/l/tofloat", o.dim("/mask/l", s, 2), kFloat);
    half = o.node("Div", "/mask/l/half", { half, o.real("/mask/l/two", 2.0f) });
    half = o.cast("/mask/l/toint", o.node("Floor", "/mask/l/floor", { half }), kInt64);
    const std::string maskShape
        = o.concat0("/mask/shape", { o.unsqueeze0("/mask/n", o.dim("/mask/n", s, 0)), o.unsqueeze0("/mask/l", half) });
    o.node("ConstantOfShape", "/mask", { maskShape });
    o.last()->set_output(0, "mask");
    b.addOutput("scaled", kFloat, { 1, "channels", "length" });
    b.addOutput("mask", kFloat, { "ConstantOfShapemask_dim_0", "ConstantOfShapemask_dim_1" });
    return model;
}

onnx::ModelProto buildFoldExpand()
{
    onnx::ModelProto model;
    initModel(model, 7, 13, "fold_expand", "Expand and Tile to shapes computed from Shape(x).");
    GraphBuilder b(model.mutable_graph(), 0xF01D0005);
    Ops o(b);
    b.addInput("x", kFloat, { 1, 4, "height", "width" });
    const std::string s = o.shape("/bias", "x");
    const std::string bias = b.addFloats("bias", { 1, 4, 1, 1 }, { 0.1f, 0.2f, 0.3f, 0.4f });
    const std::string expanded = o.node("Expand", "/bias", { bias, s });
    o.node("Add", "/biased", { "x", expanded });
    o.last()->set_output(0, "biased");
    const std::string reps
        = o.concat0("/tile/reps", { o.ints("/tile/one", { 1 }), o.unsqueeze0("/tile/h", o.dim("/tile/h", s, 2)) });
    o.node("Tile", "/tile", { b.addFloats("row", { 1, 3 }, { 1.0f, 2.0f, 3.0f }), reps });
    o.last()->set_output(0, "tiled");
    b.addOutput("biased", kFloat, { 1, 4, "height", "width" });
    b.addOutput("tiled", kFloat, { 1, "Tiletiled_dim_1" });
    return model;
}

onnx::ModelProto buildFoldRange()
{
    onnx::ModelProto model;
    initModel(model, 7, 13, "fold_range",
        "Transformer embeddings as Hugging Face exports them: positions from Range(0, seq) expanded to the ids.");
    GraphBuilder b(model.mutable_graph(), 0xF01D0006);
    Ops o(b);
    b.addInput("input_ids", kInt64, { 1, "sequence" });
    b.addInput("attention_mask", kInt64, { 1, "sequence" });
    const std::string s = o.shape("/embeddings", "input_ids");
    const std::string length = o.dim("/embeddings/length", s, 1);
    const std::string positions = o.node("Range", "/embeddings/positions",
        { o.ints("/embeddings/start", { 0 }, true), length, o.ints("/embeddings/delta", { 1 }, true) });
    const std::string expanded
        = o.node("Expand", "/embeddings/positions", { o.unsqueeze0("/embeddings/positions", positions), s });
    const std::string words = o.node(
        "Gather", "/embeddings/words", { b.addRandomFloat("embeddings.word", { 100, 16 }, 0.1f), "input_ids" });
    const std::string places = o.node(
        "Gather", "/embeddings/places", { b.addRandomFloat("embeddings.position", { 512, 16 }, 0.1f), expanded });
    const std::string sum = o.node("Add", "/embeddings", { words, places });
    std::string mask = o.cast("/mask", "attention_mask", kFloat);
    mask = o.node("Unsqueeze", "/mask", { mask, o.ints("/mask/axes", { 2 }) });
    o.node("Mul", "/masked", { sum, mask });
    o.last()->set_output(0, "hidden");
    b.addOutput("hidden", kFloat, { 1, "sequence", 16 });
    return model;
}

onnx::ModelProto buildNonZero()
{
    onnx::ModelProto model;
    initModel(model, 7, 13, "nonzero", "Indices of positive scores: NonZero makes the output size data-dependent.");
    GraphBuilder b(model.mutable_graph(), 0xF01D0007);
    Ops o(b);
    b.addInput("scores", kFloat, { 1, 16 });
    const std::string positive = o.node("Greater", "/select", { "scores", b.addFloats("threshold", {}, { 0.0f }) });
    const std::string nz = o.node("NonZero", "/select", { positive });
    o.node("Transpose", "/select", { nz });
    setAttr(o.last(), "perm", std::vector<int64_t> { 1, 0 });
    o.last()->set_output(0, "indices");
    b.addOutput("indices", kInt64, { "count", 2 });
    return model;
}

onnx::ModelProto buildTopKDeclared()
{
    onnx::ModelProto model;
    initModel(model, 7, 13, "topk_declared",
        "TopK whose k is counted from the data (always 10 for finite scores); the output is declared [1, 10].");
    GraphBuilder b(model.mutable_graph(), 0xF01D000C);
    Ops o(b);
    b.addInput("scores", kFloat, { 1, 10 });
    const std::string finite = o.node("Greater", "/count", { "scores", b.addFloats("lowest", {}, { -3.0e38f }) });
    std::string k = o.node("ReduceSum", "/count", { o.cast("/count", finite, kInt64) });
    setAttr(o.last(), "keepdims", int64_t(1));
    k = o.node("Reshape", "/count/k", { k, o.ints("/count/k/shape", { 1 }) });
    auto* topk = b.addNode("TopK", "/top/TopK", { "scores", k }, { "values", "indices" });
    setAttr(topk, "axis", int64_t(1));
    b.addOutput("values", kFloat, { 1, 10 });
    b.addOutput("indices", kInt64, { 1, 10 });
    return model;
}

onnx::ModelProto buildNonZeroMidNetwork()
{
    onnx::ModelProto model;
    initModel(
        model, 7, 13, "nonzero_mid", "NonZero picks rows that a MatMul then projects: data dependence mid-network.");
    GraphBuilder b(model.mutable_graph(), 0xF01D000D);
    Ops o(b);
    b.addInput("scores", kFloat, { 64 });
    b.addInput("features", kFloat, { 64, 32 });
    const std::string positive = o.node("Greater", "/pick", { "scores", b.addFloats("threshold", {}, { 0.0f }) });
    const std::string rows
        = o.node("Squeeze", "/pick", { o.node("NonZero", "/pick", { positive }), o.ints("/pick/axes", { 0 }) });
    const std::string picked = o.node("Gather", "/pick", { "features", rows });
    o.node("MatMul", "/project", { picked, b.addRandomFloat("project.weight", { 32, 16 }, 0.2f) });
    o.last()->set_output(0, "projected");
    b.addOutput("projected", kFloat, { "picked", 16 });
    return model;
}

onnx::ModelProto buildFoldTooLarge()
{
    onnx::ModelProto model;
    initModel(model, 7, 13, "fold_too_large",
        "A Reshape target computed from a 10^10-element ConstantOfShape: folding it would exceed any cap.");
    GraphBuilder b(model.mutable_graph(), 0xF01D0008);
    Ops o(b);
    b.addInput("x", kFloat, { 1, "n" });
    const std::string big
        = o.constantOfShape("/huge", o.ints("/huge/shape", { 100000, 100000 }), kInt64, int64sToRaw({ 1 }));
    const std::string one = o.node("ReduceMax", "/huge", { big });
    setAttr(o.last(), "keepdims", int64_t(0));
    const std::string target = o.concat0("/target", { o.unsqueeze0("/target", one), o.ints("/target/rest", { -1 }) });
    o.node("Reshape", "/reshape", { "x", target });
    o.last()->set_output(0, "y");
    b.addOutput("y", kFloat, { "Reshapey_dim_0", "Reshapey_dim_1" });
    return model;
}

onnx::ModelProto buildCycle()
{
    onnx::ModelProto model;
    initModel(model, 7, 13, "cycle", "Broken on purpose: /a/Add and /b/Relu read each other's output.");
    GraphBuilder b(model.mutable_graph(), 0xF01D0009);
    b.addInput("x", kFloat, { 1, 4 });
    b.addNode("Add", "/a/Add", { "x", "/b/Relu_output_0" }, { "/a/Add_output_0" });
    b.addNode("Relu", "/b/Relu", { "/a/Add_output_0" }, { "/b/Relu_output_0" });
    b.addNode("Identity", "/out/Identity", { "/a/Add_output_0" }, { "y" });
    b.addOutput("y", kFloat, { 1, 4 });
    return model;
}

onnx::ModelProto buildReshapeImpossible()
{
    onnx::ModelProto model;
    initModel(model, 7, 13, "reshape_impossible", "Broken on purpose: reshapes 6 elements to [4, 2].");
    GraphBuilder b(model.mutable_graph(), 0xF01D000A);
    Ops o(b);
    b.addInput("x", kFloat, { 2, 3 });
    o.node("Reshape", "/reshape", { "x", o.ints("/reshape/shape", { 4, 2 }) });
    o.last()->set_output(0, "y");
    b.addOutput("y", kFloat, { 4, 2 });
    return model;
}

onnx::ModelProto buildPaddleRec()
{
    onnx::ModelProto model;
    initModel(model, 7, 13, "paddle_rec",
        "Text recogniser exported the way paddle2onnx does: p2o.DynamicDimension names, Shape -> Cast -> Slice -> "
        "Concat -> Reshape before the classifier.");
    model.set_producer_name("PaddlePaddle");
    GraphBuilder b(model.mutable_graph(), 0xF01D000E);
    Ops o(b);
    b.addInput("x", kFloat, { "p2o.DynamicDimension.0", 3, 48, "p2o.DynamicDimension.1" });
    std::string y = b.unary("Relu", "/backbone/relu1", b.conv("/backbone/conv1", "x", 3, 8, 3, 2, true)); // 8x24xW/2
    y = b.unary("Relu", "/backbone/relu2", b.conv("/backbone/conv2", y, 8, 8, 3, 2, true)); // 8x12xW/4
    const std::string s = o.cast("/neck/shape", o.shape("/neck", y), onnx::TensorProto::INT32);
    const std::string n
        = o.node("Slice", "/neck/n", { s, o.ints("/neck/n/starts", { 0 }), o.ints("/neck/n/ends", { 1 }) });
    const std::string w
        = o.node("Slice", "/neck/w", { s, o.ints("/neck/w/starts", { 3 }), o.ints("/neck/w/ends", { 4 }) });
    auto int32s = [&](const std::string& scope, int32_t v) {
        const std::string out = GraphBuilder::outputName(scope, "Constant");
        auto* attr = b.addNode("Constant", scope + "/Constant", {}, { out })->add_attribute();
        attr->set_name("value");
        attr->set_type(onnx::AttributeProto::TENSOR);
        attr->mutable_t()->set_data_type(onnx::TensorProto::INT32);
        attr->mutable_t()->add_dims(1);
        attr->mutable_t()->add_int32_data(v);
        return out;
    };
    const std::string target
        = o.cast("/neck/target", o.concat0("/neck/target", { n, int32s("/neck/c", 96), w }), kInt64);
    y = o.node("Reshape", "/neck", { y, target }); // [N, 96, W/4]
    y = o.node("Transpose", "/neck", { y });
    setAttr(o.last(), "perm", std::vector<int64_t> { 0, 2, 1 });
    y = o.node("MatMul", "/head/fc", { y, b.addRandomFloat("head.fc.weight", { 96, 97 }, 0.1f) });
    o.node("Softmax", "/head", { y });
    setAttr(o.last(), "axis", int64_t(2));
    o.last()->set_output(0, "softmax_0.tmp_0");
    b.addOutput("softmax_0.tmp_0", kFloat, { "p2o.DynamicDimension.2", "p2o.DynamicDimension.3", 97 });
    return model;
}

onnx::ModelProto buildFlatInput()
{
    onnx::ModelProto model;
    initModel(model, 7, 13, "flat_input",
        "Input of unknown dims reshaped to a constant [1, 1, 28, 28]: the Reshape pins it.");
    GraphBuilder b(model.mutable_graph(), 0xF01D000B);
    Ops o(b);
    b.addInput("pixels", kFloat, { Dim::unknown(), Dim::unknown() });
    const std::string image = o.node("Reshape", "/image", { "pixels", o.ints("/image/shape", { 1, 1, 28, 28 }) });
    std::string x = b.unary("Relu", "/conv/relu", b.conv("/conv", image, 1, 4, 3, 2, true)); // 4x14x14
    x = b.flatten("/flatten", x);
    b.gemm("/fc", x, 4 * 14 * 14, 10);
    b.graph()->mutable_node(b.graph()->node_size() - 1)->set_output(0, "logits");
    b.addOutput("logits", kFloat, { 1, 10 });
    return model;
}

onnx::ModelProto buildShortSignalConv()
{
    onnx::ModelProto model;
    initModel(model, 7, 13, "short_signal",
        "A 5-wide Conv without padding over a 1-D signal of length L: L < 5 is an input too small for it.");
    GraphBuilder b(model.mutable_graph(), 0xF01D000B);
    b.addInput("x", kFloat, { 1, 1, "L" });
    const std::string w = b.addFloats("w", { 1, 1, 5 }, std::vector<float>(5, 0.2f));
    b.addNode("Conv", "/conv", { "x", w }, { "y" });
    // The output's type only: its length is what shape inference works out (or cannot).
    auto* y = model.mutable_graph()->add_output();
    y->set_name("y");
    y->mutable_type()->mutable_tensor_type()->set_elem_type(kFloat);
    return model;
}

} // namespace modelgen
