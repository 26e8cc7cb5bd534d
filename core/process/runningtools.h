#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace wb {

class ToolRunner;

struct RunningTool {
    QString program;
    QStringList arguments;
    qint64 pid = 0; // 0 while still starting
    qint64 elapsedMs = 0;
};

// Every ToolRunner with a run in progress, so that quitting can ask "stop the conversion and quit?" and then
// leave no process behind. Thread-safe.
class RunningTools {
public:
    RunningTools() = delete;

    static int count();
    static QList<RunningTool> snapshot();

    // Stops everything for quitting. Runners living in the calling thread are all sent SIGTERM at once, then
    // share a wait of up to waitMs before SIGKILL (each emits finished(Cancelled)); runners of other threads are
    // asked to cancel() through their event loop. True when nothing is left running afterwards.
    static bool shutdownAll(int waitMs);
    // The first half of shutdownAll without the wait: SIGTERM to every runner now (SIGKILL follows after each one's
    // grace period, from its own timer). Returns at once; count() drops as they end.
    static void cancelAll();

private:
    friend class ToolRunner;
    static void add(ToolRunner* runner);
    static void remove(ToolRunner* runner);
};

} // namespace wb
