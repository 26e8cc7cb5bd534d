#pragma once

#include <Qt>

namespace wb {

// Roles shared by every model that shows tensor shapes, so one delegate can draw them all.
enum ShapeRoles {
    DynamicRole = Qt::UserRole + 1, // bool: some dimension is not static (or the rank is unknown)
    DynamicDimsRole, // QVariantList of int: indexes of dynamic dimensions
    DimsRole, // QStringList: each dimension as text ("1", "batch", "?")
    FirstCustomRole = Qt::UserRole + 16,
};

} // namespace wb

#include <QVariant>

#include <optional>

namespace wb {

struct TensorInfo;

// DynamicRole, DynamicDimsRole and DimsRole for one tensor; nullopt for any other role.
std::optional<QVariant> shapeRoleData(const TensorInfo& tensor, int role);

} // namespace wb
