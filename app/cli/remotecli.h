#pragma once

// What `atcwb convert/devices/bench --on HOST` share: the host from the settings, probed before it is used.
#include "remote/probe.h"
#include "remote/remotetarget.h"
#include "util/result.h"

namespace wb::cli {

struct ProbedHost {
    RemoteTarget target;
    ProbeReport report;
};

// Finds NAME in the settings and probes it (asynchronously, in a local event loop). Errors: unknown_host, and
// host_unreachable with the first failed step of the probe (its message and its fix).
Result<ProbedHost> probeHostNamed(const QString& name);

} // namespace wb::cli
