#include "roles.h"

#include "onnx/modelsummary.h"

namespace wb {

std::optional<QVariant> shapeRoleData(const TensorInfo& t, int role)
{
    switch (role) {
    case DynamicRole:
        return t.isDynamic();
    case DynamicDimsRole: {
        QVariantList dims;
        for (int i : t.dynamicDimIndexes())
            dims.append(i);
        return dims;
    }
    case DimsRole: {
        QStringList dims;
        if (t.shape) {
            for (const Dim& d : *t.shape)
                dims.append(d.toString());
        }
        return dims;
    }
    default:
        return std::nullopt;
    }
}

} // namespace wb
