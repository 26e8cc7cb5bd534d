#pragma once

// The translation context "AtcChecks" of the checks' findings (validate*, atccheck, opcheck,
// atcprecheck): a file that includes this writes Tr::tr("…"). Core translates with Qt
// Core alone (translations/*.ts).
#include <QCoreApplication>

namespace wb {
namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(AtcChecks)
};
} // namespace
} // namespace wb
