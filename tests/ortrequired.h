#pragma once

// ONNX Runtime for the tests that need it: why it is not usable here (the loader's exact error), and
// WB_REQUIRE_ORT(), which applies the skip policy of testutil.h (a skip reported by ctest outside CI, a failure in CI).
#include "reference/ortruntime.h"
#include "testutil.h"

#include <QString>

namespace wbtest {

// Empty when ONNX Runtime loads (the app's own way: <exe dir>/../lib, $ORT_LIB, the system); else why not.
inline QString ortMissingReason()
{
    const auto r = wb::loadOnnxRuntime();
    if (r.ok())
        return {};
    return QStringLiteral("ONNX Runtime is not available (%1): %2").arg(r.error().code, r.error().message);
}

} // namespace wbtest

// Skips (outside CI) or fails (in CI) the current test function when ONNX Runtime is not usable.
#define WB_REQUIRE_ORT()                                                                                               \
    do {                                                                                                               \
        const QString wbOrtMissing_ = wbtest::ortMissingReason();                                                      \
        if (!wbOrtMissing_.isEmpty())                                                                                  \
            WB_SKIP_MISSING(wbOrtMissing_);                                                                            \
    } while (false)
