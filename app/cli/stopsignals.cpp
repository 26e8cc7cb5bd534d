#include "stopsignals.h"

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace wb::cli {

namespace {

int g_signalPipe[2] = { -1, -1 };

extern "C" void onStopSignal(int sig)
{
    const unsigned char byte = static_cast<unsigned char>(sig);
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
}

} // namespace

StopSignals::StopSignals()
{
    if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    struct sigaction action { };
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int sig : { SIGINT, SIGTERM, SIGHUP })
        ::sigaction(sig, &action, nullptr);
    m_notifier = std::make_unique<QSocketNotifier>(g_signalPipe[0], QSocketNotifier::Read);
}

StopSignals::~StopSignals()
{
    for (int sig : { SIGINT, SIGTERM, SIGHUP })
        ::signal(sig, SIG_DFL);
    m_notifier.reset();
    for (int& fd : g_signalPipe) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
}

int StopSignals::take()
{
    unsigned char byte = 0;
    return ::read(g_signalPipe[0], &byte, 1) == 1 ? int(byte) : 0;
}

} // namespace wb::cli
