#pragma once

// SIGINT/SIGTERM/SIGHUP for commands that run ATC: ATC runs in a process group of its own, so a terminal's Ctrl+C
// reaches only atcwb. The handler writes the signal to a pipe; the event loop reads it and stops the queue
// (self-pipe trick). One StopSignals at a time.
#include <QSocketNotifier>

#include <memory>

namespace wb::cli {

class StopSignals {
public:
    StopSignals();
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;
    QSocketNotifier* notifier() const { return m_notifier.get(); }
    static int take(); // the signal that arrived, 0 if none

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace wb::cli
