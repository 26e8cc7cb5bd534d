#pragma once

#include "onnx/shapespec.h"
#include "util/result.h"

#include <QList>
#include <QString>

// Parsers and formatters for ATC's list-valued flags (shared/reference/atc.md §2.2, §2.3). --input_shape has its
// own in onnx/shapespec.h. Parsers check syntax only (what ATC's argv parser refuses); ranges, counts and the
// model are validate()'s business. Errors carry code "bad_syntax" and a sentence naming the flag, the entry and
// what is wrong, with the ATC error code it would cause.

namespace wb {

// --dynamic_batch_size="1,2,4,8": digits and commas only.
Result<QList<qint64>> parseDynamicBatchSize(const QString& text);
QString formatDynamicBatchSize(const QList<qint64>& sizes);

// --dynamic_image_size="224,224;448,448": one "height,width" pair per profile.
struct ImageSize {
    qint64 height = 0;
    qint64 width = 0;
    bool operator==(const ImageSize&) const = default;
};
Result<QList<ImageSize>> parseDynamicImageSize(const QString& text);
QString formatDynamicImageSize(const QList<ImageSize>& sizes);

// --dynamic_dims="1,224;2,448": one value per -1 of --input_shape per profile.
Result<QList<QList<qint64>>> parseDynamicDims(const QString& text);
QString formatDynamicDims(const QList<QList<qint64>>& profiles);

// --input_shape_range="a:[1~8,3,224,224];b:[1~8,10]" or by position "[1~8,3,224,224],[1~8,10]". A dim is a value,
// -1 (any size), or lo~hi (hi may be -1: no upper bound). Names are split from the '[' at the last ":[".
struct InputShapeRange {
    QString name; // empty when given by position
    QList<ShapeSpecDim> dims;
    bool operator==(const InputShapeRange&) const = default;
};
Result<QList<InputShapeRange>> parseInputShapeRange(const QString& text);
QString formatInputShapeRange(const QList<InputShapeRange>& ranges);

// --out_nodes="node:0;node:1;node2:0": node name and output index, split at the last ':'.
struct OutNode {
    QString node;
    int index = -1; // -1: no ":index" was written
    bool operator==(const OutNode&) const = default;
};
Result<QList<OutNode>> parseOutNodes(const QString& text);
QString formatOutNodes(const QList<OutNode>& nodes);

} // namespace wb
