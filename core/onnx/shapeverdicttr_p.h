#pragma once

// The translation context "ShapeVerdict" of the shape verdicts, the dim hints, shape inference's
// reasons and the proposed cut: a file that includes this writes Tr::tr("…"). Core translates with Qt
// Core alone (translations/*.ts).
#include <QCoreApplication>

namespace wb {
namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ShapeVerdict)
};
} // namespace
} // namespace wb
