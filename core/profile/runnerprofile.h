#pragma once

#include "opprofile.h"

#include <QStringView>

#include <optional>

namespace wb {

// Collects om-runner --profile records from its stdout lines: {"event":"op","name","type","count","total_us",
// "min_us","median_us","max_us"} per op, then {"event":"op_profile","ops","records","unreadable","iterations",
// "op_us_per_iteration","host_us_per_iteration"} (README, om-runner protocol). Other lines are ignored. Pure.
class RunnerProfileCollector {
public:
    // True when `line` was one of the profile's events.
    bool feed(QStringView line);
    // The profile once the "op_profile" line arrived.
    std::optional<OpProfile> profile() const;

private:
    OpProfile m_profile;
    bool m_complete = false;
};

} // namespace wb
