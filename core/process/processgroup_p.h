#pragma once

// Process-group plumbing for ToolRunner (POSIX). Internal to core/process.
#include <QtGlobal>

namespace wb::procgroup {

// Runs in the child between fork and exec (async-signal-safe calls only): makes the child the leader of a new
// process group, so the tool and every worker it forks can be signalled together, and on Linux asks the
// kernel to SIGKILL it should the thread that started it die (the application crashing or being killed).
void setupChild(qint64 parentPid);

// Sends `sig` to every process in group `pgid`; false when there is no such group.
bool signalGroup(qint64 pgid, int sig);

// Sends `sig` to the single process `pid`; false when there is no such process.
bool signalProcess(qint64 pid, int sig);

// True while any process, zombies included, still belongs to group `pgid`.
bool groupExists(qint64 pgid);

// The process group of `pid`, or 0 when that cannot be read.
qint64 groupOf(qint64 pid);

} // namespace wb::procgroup
