#include "processgroup_p.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace wb::procgroup {

void setupChild(qint64 parentPid)
{
    ::setpgid(0, 0);
#ifdef Q_OS_LINUX
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // The parent may have died between fork and prctl; then nobody would ever deliver that signal.
    if (static_cast<qint64>(::getppid()) != parentPid)
        ::raise(SIGKILL);
#else
    Q_UNUSED(parentPid);
#endif
}

bool signalGroup(qint64 pgid, int sig)
{
    if (pgid <= 0)
        return false;
    return ::kill(-static_cast<pid_t>(pgid), sig) == 0;
}

bool signalProcess(qint64 pid, int sig)
{
    return pid > 0 && ::kill(static_cast<pid_t>(pid), sig) == 0;
}

bool groupExists(qint64 pgid)
{
    if (pgid <= 0)
        return false;
    return ::kill(-static_cast<pid_t>(pgid), 0) == 0 || errno == EPERM;
}

qint64 groupOf(qint64 pid)
{
    if (pid <= 0)
        return 0;
    const pid_t group = ::getpgid(static_cast<pid_t>(pid));
    return group < 0 ? 0 : group;
}

} // namespace wb::procgroup
