// Planning conversion jobs: output names, batch variants (the batch rule) and the dynamic-batch job.
#include "atc/conversion.h"

#include "atc/conversionrecipe.h"
#include "atc/omname.h"
#include "onnx/shapespec.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace wb {

namespace {

Error badRequest(const QString& message)
{
    return Error { QStringLiteral("bad_request"), message, {} };
}

// The model's inputs (empty when the model cannot be read: the rule then goes by the spec alone).
QList<TensorInfo> modelInputs(const ConversionRequest& request)
{
    if (request.model)
        return request.model->summary().inputs;
    if (request.options.model.isEmpty())
        return {};
    const Result<OnnxModelPtr> loaded = OnnxModel::load(request.options.model);
    return loaded.ok() ? loaded.value()->summary().inputs : QList<TensorInfo> {};
}

const TensorInfo* findInput(const QList<TensorInfo>& inputs, const QString& name)
{
    for (const TensorInfo& t : inputs) {
        if (t.name == name)
            return &t;
    }
    return nullptr;
}

bool firstDimDynamic(const TensorInfo* input)
{
    return input && input->shape && !input->shape->isEmpty() && input->shape->first().isDynamic();
}

// The model's static shape of `input` as spec dims, nullopt when a dim other than the first is not static.
std::optional<QList<ShapeSpecDim>> staticTail(const TensorInfo& input)
{
    if (!input.shape || input.shape->isEmpty())
        return std::nullopt;
    QList<ShapeSpecDim> dims { ShapeSpecDim::fixed(1) };
    for (qsizetype i = 1; i < input.shape->size(); ++i) {
        const Dim& d = input.shape->at(i);
        if (d.isDynamic())
            return std::nullopt;
        dims.append(ShapeSpecDim::fixed(d.value));
    }
    return dims;
}

// The inputs whose first dim is the batch, with their shapes: the spec's entries (in order) and batched model
// inputs the spec leaves out. `batched[i]` says whether shapes[i] is one.
struct BatchLayout {
    QList<InputShapeSpec> shapes;
    QList<bool> batched;
};

Result<BatchLayout> batchLayout(const QString& inputShape, const QList<TensorInfo>& inputs)
{
    BatchLayout layout;
    if (!inputShape.trimmed().isEmpty()) {
        Result<QList<InputShapeSpec>> parsed = parseInputShapeSpec(inputShape);
        if (!parsed.ok())
            return badRequest(QStringLiteral("--input_shape cannot be read: %1").arg(parsed.error().message));
        layout.shapes = std::move(parsed).value();
    }
    bool modelHasDynamicBatch = false;
    for (const TensorInfo& t : inputs)
        modelHasDynamicBatch = modelHasDynamicBatch || firstDimDynamic(&t);
    // Inputs the spec leaves out, in model order, when their other dims are static.
    for (const TensorInfo& t : inputs) {
        const bool listed = std::any_of(
            layout.shapes.cbegin(), layout.shapes.cend(), [&t](const InputShapeSpec& s) { return s.name == t.name; });
        if (listed || (modelHasDynamicBatch && !firstDimDynamic(&t)))
            continue;
        if (std::optional<QList<ShapeSpecDim>> dims = staticTail(t)) {
            if (!firstDimDynamic(&t))
                (*dims)[0] = ShapeSpecDim::fixed(t.shape->first().value);
            layout.shapes.append(InputShapeSpec { t.name, *dims });
        }
    }
    std::optional<ShapeSpecDim> reference;
    for (const InputShapeSpec& s : layout.shapes) {
        if (!s.dims.isEmpty()) {
            reference = s.dims.first();
            break;
        }
    }
    bool any = false;
    for (const InputShapeSpec& s : layout.shapes) {
        const TensorInfo* input = findInput(inputs, s.name);
        const bool isBatched = !s.dims.isEmpty()
            && (modelHasDynamicBatch ? firstDimDynamic(input) : (reference && s.dims.first() == *reference));
        layout.batched.append(isBatched);
        any = any || isBatched;
    }
    if (!any)
        return badRequest(inputs.isEmpty() && layout.shapes.isEmpty()
                ? QStringLiteral(
                    "Batch variants need the input shapes: give --input_shape (the model could not be read).")
                : QStringLiteral(
                    "No input has a batch dimension to vary (an input with a first dim in --input_shape, or "
                    "a model input whose other dims are static). Give the inputs' shapes with --input_shape."));
    return layout;
}

QString withFirstDim(BatchLayout layout, const ShapeSpecDim& dim)
{
    for (qsizetype i = 0; i < layout.shapes.size(); ++i) {
        if (layout.batched.at(i))
            layout.shapes[i].dims[0] = dim;
    }
    return formatInputShapeSpec(layout.shapes);
}

ConversionJob makeJob(
    AtcOptions options, const QString& folder, const QString& name, qint64 batch, const AtcToolkit& toolkit)
{
    ConversionJob job;
    options.output = QDir(folder).filePath(name);
    job.options = options;
    job.invocation = buildInvocation(options, toolkit);
    job.name = name;
    job.omPath = options.output + QStringLiteral(".om");
    job.batch = batch;
    return job;
}

} // namespace

Result<QList<ConversionJob>> planConversionJobs(const ConversionRequest& request)
{
    // Absolute paths: ATC runs in the staging folder, and recipes compare paths as text.
    AtcOptions options = withAbsolutePaths(request.options, QDir::currentPath());
    if (options.output.isEmpty())
        options.output = defaultOmPath(options.model, options.socVersion);
    const QFileInfo output(options.output);
    const QString folder = output.absolutePath();
    const QString name = output.fileName();
    if (request.batches.isEmpty())
        return QList<ConversionJob> { makeJob(options, folder, name, -1, request.toolkit) };

    QList<qint64> batches;
    for (qint64 b : request.batches) {
        if (b < 1)
            return badRequest(
                QStringLiteral("Batch size %1 is invalid: batch sizes are whole numbers of at least 1.").arg(b));
        if (!batches.contains(b))
            batches.append(b);
    }
    const bool otherProfile = !options.dynamicImageSize.isEmpty() || !options.dynamicDims.isEmpty()
        || !options.inputShapeRange.isEmpty() || (!request.dynamicBatch && !options.dynamicBatchSize.isEmpty());
    if (otherProfile)
        return badRequest(
            QStringLiteral("Batch variants set the batch dimension themselves; clear --dynamic_batch_size, "
                           "--dynamic_image_size, --dynamic_dims and --input_shape_range first."));
    Result<BatchLayout> layout = batchLayout(options.inputShape, modelInputs(request));
    if (!layout.ok())
        return layout.error();

    QList<ConversionJob> jobs;
    if (request.dynamicBatch) {
        options.inputShape = withFirstDim(layout.value(), ShapeSpecDim::fixed(-1));
        QStringList sizes;
        for (qint64 b : batches)
            sizes.append(QString::number(b));
        options.dynamicBatchSize = sizes.join(QLatin1Char(','));
        jobs.append(makeJob(options, folder, name + QStringLiteral("_dyn"), -1, request.toolkit));
        return jobs;
    }
    for (qint64 b : batches) {
        AtcOptions variant = options;
        variant.inputShape = withFirstDim(layout.value(), ShapeSpecDim::fixed(b));
        jobs.append(makeJob(variant, folder, name + QStringLiteral("_b%1").arg(b), b, request.toolkit));
    }
    return jobs;
}

QList<AtcInvocation> planConversion(const ConversionRequest& request, QStringList* omPaths)
{
    QList<AtcInvocation> invocations;
    if (omPaths)
        omPaths->clear();
    const Result<QList<ConversionJob>> jobs = planConversionJobs(request);
    if (!jobs.ok())
        return invocations;
    for (const ConversionJob& job : jobs.value()) {
        invocations.append(job.invocation);
        if (omPaths)
            omPaths->append(job.omPath);
    }
    return invocations;
}

} // namespace wb
