#pragma once

#include "util/result.h"

#include <QList>
#include <QString>

namespace wb {

// One dimension as written in ATC's --input_shape: a value (static, or -1 / -2 for dynamic) or a range lo~hi.
struct ShapeSpecDim {
    qint64 min = 0;
    qint64 max = 0;

    static ShapeSpecDim fixed(qint64 v) { return { v, v }; }
    bool isStatic() const { return min == max && min >= 0; }
    bool isRange() const { return min != max; }
    QString toString() const;
    bool operator==(const ShapeSpecDim& o) const { return min == o.min && max == o.max; }
};

struct InputShapeSpec {
    QString name;
    QList<ShapeSpecDim> dims; // empty: a scalar ("name:")
    bool isStatic() const;
    bool operator==(const InputShapeSpec& o) const { return name == o.name && dims == o.dims; }
};

// Parses ATC's --input_shape syntax: "a:1,3,224,224;b:1,10", a scalar as "name:", dims -1/-2 and lo~hi ranges.
// The name/value split is at the last ':' as in ATC, so "input:0:1,3" names the tensor "input:0".
// Errors (code "bad_shape_spec") say which entry and what is wrong, with ATC's own wording where it has one.
Result<QList<InputShapeSpec>> parseInputShapeSpec(const QString& text);
QString formatInputShapeSpec(const QList<InputShapeSpec>& shapes);

} // namespace wb
