// The models the conformance suites run over, each with the input shapes to fix: the generated test models (with the
// shapes a user would give) and every libonnx-testdata model whose test_data_set_0 fits its declared inputs.
#pragma once

#include "testdata.h"

#include "onnx/onnxmodel.h"

#include <QDir>
#include <QDirIterator>

namespace {

struct ModelCase {
    QString label; // "generated/yolo_like.onnx", "node/test_abs/model.onnx"
    QString path;
    QList<wb::InputShapeSpec> specs;
    QStringList inputFiles; // test data: input_N.pb to feed; empty: seeded random inputs
};

inline QList<ModelCase> generatedCases()
{
    // Model file -> the --input_shape a user would give (empty: the model is static already).
    const std::pair<const char*, const char*> models[] = {
        { "resnet_static.onnx", "" },
        { "resnet_dynamic_batch.onnx", "input:2,3,224,224" },
        { "resnet_unnamed_dim.onnx", "input:1,3,224,224" },
        { "two_inputs.onnx", "" },
        { "detector_nms.onnx", "" },
        { "if_subgraph.onnx", "" },
        { "ir3_initializers_as_inputs.onnx", "" },
        { "unsorted_nodes.onnx", "" },
        { "external_data.onnx", "" },
        { "custom_domain.onnx", "" },
        { "fold_reshape.onnx", "x:1,3,64,64" },
        { "fold_resize.onnx", "x:1,3,40,30" },
        { "fold_pad.onnx", "x:1,3,100,60" },
        { "fold_constantofshape.onnx", "x:1,8,50" },
        { "fold_expand.onnx", "x:1,4,20,10" },
        { "fold_range.onnx", "input_ids:1,32;attention_mask:1,32" },
        { "yolo_like.onnx", "images:1,3,320,320" },
        { "flat_input.onnx", "pixels:1,784" },
        { "paddle_rec.onnx", "x:1,3,48,320" },
        { "nonzero.onnx", "" },
        { "topk_declared.onnx", "" },
        { "nonzero_mid.onnx", "" },
    };
    QList<ModelCase> cases;
    for (const auto& [file, spec] : models) {
        ModelCase c;
        c.label = QStringLiteral("generated/") + QLatin1String(file);
        c.path = QStringLiteral(WB_TEST_MODELS_DIR "/") + QLatin1String(file);
        if (*spec)
            c.specs = wb::parseInputShapeSpec(QLatin1String(spec)).value();
        cases.append(c);
    }
    return cases;
}

// Every libonnx-testdata model, with its inputs fixed to test_data_set_0's. `skipped` receives those that cannot be
// fixed that way (sequence inputs, data that does not fit the declared inputs), with the reason.
inline QList<ModelCase> testDataCases(QStringList* skipped)
{
    QList<ModelCase> cases;
    const QString root = dataRoot();
    QStringList paths;
    QDirIterator it(root, { QStringLiteral("model.onnx") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        paths.append(it.next());
    paths.sort();
    for (const QString& path : paths) {
        const QString rel = QDir(root).relativeFilePath(path);
        const auto model = wb::OnnxModel::load(path);
        if (!model.ok()) {
            skipped->append(rel + QStringLiteral(": does not load"));
            continue;
        }
        ModelCase c;
        c.label = rel;
        c.path = path;
        c.inputFiles
            = pbFiles(QFileInfo(path).absolutePath() + QStringLiteral("/test_data_set_0"), QStringLiteral("input"));
        const QString why = inputSpecs(model.value()->summary(), c.inputFiles, &c.specs);
        if (!why.isEmpty()) {
            skipped->append(rel + QStringLiteral(": ") + why);
            continue;
        }
        cases.append(c);
    }
    return cases;
}

} // namespace
