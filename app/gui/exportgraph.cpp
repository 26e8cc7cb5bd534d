#include "exportgraph.h"

#include "graph/graphscene.h"
#include "imagefile.h"
#include "onnx/shapeinference.h"

#include <QImage>

#include <cstdio>

namespace wb {

int exportGraphImage(const GraphExportOptions& o)
{
    const auto model = OnnxModel::load(o.model);
    if (!model.ok()) {
        std::fprintf(stderr, "atc-workbench: %s\n", qPrintable(model.error().message));
        return 1;
    }
    QList<InputShapeSpec> specs;
    if (!o.inputShape.isEmpty()) {
        const auto parsed = parseInputShapeSpec(o.inputShape);
        if (!parsed.ok()) {
            std::fprintf(stderr, "atc-workbench: %s\n", qPrintable(parsed.error().message));
            return 2;
        }
        specs = parsed.value();
    }
    QHash<QString, TensorInfo> tensors;
    if (const auto inferred = inferShapes(*model.value(), specs); inferred.ok()) {
        for (const TensorInfo& t : inferred.value().tensors)
            tensors.insert(t.name, t);
    }
    auto doc = graph::GraphDocument::build(*model.value(), tensors);
    graph::LayoutOptions options;
    if (o.leftToRight)
        options.direction = graph::LayoutOptions::Direction::LeftToRight;
    GraphScene scene;
    scene.set(doc, graph::layoutDocument(*doc, graph::CollapseState::atDepth(*doc, o.collapseDepth), options));
    const QImage image = renderScene(scene, 1.0, {});
    if (const Result<bool> written = savePngAtomically(image, o.output); !written.ok()) {
        std::fprintf(stderr, "atc-workbench: %s\n", qPrintable(written.error().message));
        return 1;
    }
    std::printf("%s\n", qPrintable(o.output));
    return 0;
}

} // namespace wb
