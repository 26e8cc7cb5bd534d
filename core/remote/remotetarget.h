#pragma once

#include "remote/host.h"
#include "remote/ssh.h"

namespace wb {

// Where a remote job runs: the host, the app's SSH state (known hosts, multiplexing sockets) and the timeouts.
struct RemoteTarget {
    Host host;
    SshPaths paths;
    SshTimeouts timeouts;
};

} // namespace wb
