#pragma once

#include "opprofile.h"
#include "profilemap.h"

namespace wb {

// The profile as text for a terminal: a summary line, the top `top` ops (0: all) with time per iteration, % and
// cumulative %, time by op type, skipped rows and warnings, the mapping's unmapped ops, and the comparison's rows.
QString profileToText(const OpProfile& profile, const ProfileMapping* mapping = nullptr,
    const ProfileComparison* comparison = nullptr, int top = 25);

} // namespace wb
