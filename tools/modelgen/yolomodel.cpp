// A detector exported the way Ultralytics YOLOv8 exports with dynamic=True: every reshape, grid and stride is
// computed from Shape at run time. With the input fixed everything is static; ONNX 1.12 alone cannot tell.
#include "models.h"

#include "shapeops.h"

namespace modelgen {

namespace {

constexpr int32_t kFloat = onnx::TensorProto::FLOAT;
constexpr int32_t kInt64 = onnx::TensorProto::INT64;
constexpr int64_t kClasses = 3;

struct Level {
    std::string predictions; // [b, 4 + classes, h*w]
    std::string grid; // [2, h*w] cell centres
    std::string strides; // [h*w] the level's stride
};

Level detectLevel(
    GraphBuilder& b, Ops& o, const std::string& scope, const std::string& feature, int64_t channels, float stride)
{
    const std::string box = b.conv(scope + "/cv2", feature, channels, 4, 1, 1, true);
    const std::string cls = b.conv(scope + "/cv3", feature, channels, kClasses, 1, 1, true);
    std::string cat = o.node("Concat", scope + "/cat", { box, cls });
    setAttr(o.last(), "axis", int64_t(1));
    const std::string catShape = o.shape(scope + "/view", cat);
    const std::string target = o.concat0(scope + "/view",
        { o.unsqueeze0(scope + "/view/n", o.dim(scope + "/view/n", catShape, 0)),
            o.ints(scope + "/view/no", { 4 + kClasses }), o.ints(scope + "/view/rest", { -1 }) });
    Level level;
    level.predictions = o.node("Reshape", scope + "/view", { cat, target });

    const std::string s = o.shape(scope + "/anchors", feature);
    const std::string h = o.dim(scope + "/anchors/h", s, 2);
    const std::string w = o.dim(scope + "/anchors/w", s, 3);
    auto centres = [&](const std::string& sub, const std::string& extent) {
        const std::string r = o.node("Range", scope + sub,
            { o.ints(scope + sub + "/start", { 0 }, true), extent, o.ints(scope + sub + "/delta", { 1 }, true) });
        return o.node(
            "Add", scope + sub + "/offset", { o.cast(scope + sub, r, kFloat), o.real(scope + sub + "/half", 0.5f) });
    };
    const std::string sx = centres("/sx", w), sy = centres("/sy", h);
    const std::string hw = o.concat0(
        scope + "/anchors/hw", { o.unsqueeze0(scope + "/anchors/h", h), o.unsqueeze0(scope + "/anchors/w", w) });
    const std::string gx = o.node("Expand", scope + "/gx", { o.unsqueeze0(scope + "/gx", sx), hw });
    const std::string gy = o.node(
        "Expand", scope + "/gy", { o.node("Unsqueeze", scope + "/gy", { sy, o.ints(scope + "/gy/axes", { 1 }) }), hw });
    const std::string gxf = o.node("Reshape", scope + "/gx/flat", { gx, o.ints(scope + "/gx/flat/shape", { -1 }) });
    const std::string gyf = o.node("Reshape", scope + "/gy/flat", { gy, o.ints(scope + "/gy/flat/shape", { -1 }) });
    level.grid
        = o.concat0(scope + "/grid", { o.unsqueeze0(scope + "/grid/x", gxf), o.unsqueeze0(scope + "/grid/y", gyf) });
    const std::string cells = o.unsqueeze0(scope + "/cells", o.node("Mul", scope + "/cells", { h, w }));
    level.strides = o.constantOfShape(scope + "/stride", cells, kFloat, floatsToRaw({ stride }));
    return level;
}

} // namespace

onnx::ModelProto buildYoloLike()
{
    onnx::ModelProto model;
    initModel(model, 8, 17, "main_graph",
        "Two-level anchor-free detector exported like Ultralytics YOLOv8 with dynamic=True (batch, height and "
        "width symbolic; grids, strides and reshapes computed from Shape).");
    model.set_producer_name("pytorch");
    model.set_producer_version("2.1.0");
    addMetadata(model, "description", "atc-workbench generated YOLOv8-style detector");
    addMetadata(model, "stride", "16");
    addMetadata(model, "task", "detect");
    addMetadata(model, "batch", "1");
    addMetadata(model, "imgsz", "[640, 640]");
    addMetadata(model, "names", "{0: 'person', 1: 'bicycle', 2: 'car'}");
    GraphBuilder b(model.mutable_graph(), 0x7010F00D);
    Ops o(b);
    b.addInput("images", kFloat, { "batch", 3, "height", "width" });
    std::string x = "images";
    const int64_t widths[] = { 3, 8, 16, 16, 16 };
    std::string p3, p4;
    for (int i = 0; i < 4; ++i) { // /2, /4, /8 (P3), /16 (P4)
        const std::string scope = "/model." + std::to_string(i);
        x = b.conv(scope + "/conv", x, widths[i], widths[i + 1], 3, 2, true);
        x = o.node("Mul", scope + "/act", { x, o.node("Sigmoid", scope + "/act", { x }) }); // SiLU
        if (i == 2)
            p3 = x;
    }
    p4 = x;
    const Level l3 = detectLevel(b, o, "/model.22/l3", p3, 16, 8.0f);
    const Level l4 = detectLevel(b, o, "/model.22/l4", p4, 16, 16.0f);
    std::string all = o.node("Concat", "/model.22/cat", { l3.predictions, l4.predictions });
    setAttr(o.last(), "axis", int64_t(2));
    std::string anchors = o.node("Concat", "/model.22/anchors", { l3.grid, l4.grid });
    setAttr(o.last(), "axis", int64_t(1));
    const std::string strides = o.concat0("/model.22/strides", { l3.strides, l4.strides });

    auto* split = b.addNode("Split", "/model.22/Split", { all, o.ints("/model.22/split", { 4, kClasses }) },
        { "/model.22/Split_output_0", "/model.22/Split_output_1" });
    setAttr(split, "axis", int64_t(1));
    const std::string box = "/model.22/Split_output_0", cls = "/model.22/Split_output_1";
    auto half = [&](const std::string& scope, int64_t from) {
        return o.node("Slice", scope,
            { box, o.ints(scope + "/starts", { from }), o.ints(scope + "/ends", { from + 2 }),
                o.ints(scope + "/axes", { 1 }) });
    };
    const std::string lt = half("/model.22/dfl/lt", 0), rb = half("/model.22/dfl/rb", 2);
    const std::string x1y1 = o.node("Sub", "/model.22/x1y1", { anchors, lt });
    const std::string x2y2 = o.node("Add", "/model.22/x2y2", { anchors, rb });
    const std::string centre = o.node(
        "Div", "/model.22/c_xy", { o.node("Add", "/model.22/c_xy", { x1y1, x2y2 }), o.real("/model.22/two", 2.0f) });
    const std::string wh = o.node("Sub", "/model.22/wh", { x2y2, x1y1 });
    std::string dbox = o.node("Concat", "/model.22/dbox", { centre, wh });
    setAttr(o.last(), "axis", int64_t(1));
    dbox = o.node("Mul", "/model.22/dbox", { dbox, strides });
    o.node("Concat", "/model.22/out", { dbox, o.node("Sigmoid", "/model.22/cls", { cls }) });
    setAttr(o.last(), "axis", int64_t(1));
    o.last()->set_output(0, "output0");
    b.addOutput("output0", kFloat, { "batch", 4 + kClasses, "anchors" });
    return model;
}

} // namespace modelgen
