#include "modelsummary.h"

namespace wb {

QString Dim::toString() const
{
    switch (kind) {
    case Kind::Static:
        return QString::number(value);
    case Kind::Symbolic:
        return symbol;
    case Kind::Unknown:
        break;
    }
    return QStringLiteral("?");
}

bool TensorInfo::isDynamic() const
{
    return !dynamicDimIndexes().isEmpty() || !shape.has_value();
}

QList<int> TensorInfo::dynamicDimIndexes() const
{
    QList<int> result;
    if (!shape)
        return result;
    for (int i = 0; i < shape->size(); ++i) {
        if (shape->at(i).isDynamic())
            result.append(i);
    }
    return result;
}

QString TensorInfo::shapeText() const
{
    if (!shape)
        return QStringLiteral("unknown rank");
    QStringList parts;
    parts.reserve(shape->size());
    for (const Dim& d : *shape)
        parts.append(d.toString());
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

std::optional<qint64> ModelSummary::defaultOpset() const
{
    for (const OpsetInfo& o : opsets) {
        if (o.domain.isEmpty() || o.domain == QLatin1String("ai.onnx"))
            return o.version;
    }
    return std::nullopt;
}

bool ModelSummary::hasDynamicInputs() const
{
    for (const TensorInfo& t : inputs) {
        if (t.isDynamic())
            return true;
    }
    return false;
}

} // namespace wb
