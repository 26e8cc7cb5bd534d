#include "runningtools.h"

#include "process/toolrunner.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QThread>

#include <algorithm>

namespace wb {

namespace {

struct Registry {
    QMutex mutex;
    QList<ToolRunner*> runners; // a runner removes itself before it is destroyed
};

Registry& registry()
{
    static Registry instance;
    return instance;
}

} // namespace

void RunningTools::add(ToolRunner* runner)
{
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    if (!r.runners.contains(runner))
        r.runners.append(runner);
}

void RunningTools::remove(ToolRunner* runner)
{
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    r.runners.removeAll(runner);
}

int RunningTools::count()
{
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    return static_cast<int>(r.runners.size());
}

QList<RunningTool> RunningTools::snapshot()
{
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    QList<RunningTool> tools;
    for (ToolRunner* runner : std::as_const(r.runners)) {
        // The invocation and clock are only written by start(), before add(); m_pgid is atomic.
        tools.append(RunningTool { runner->m_invocation.program, runner->m_invocation.arguments, runner->m_pgid.load(),
            runner->m_clock.isValid() ? runner->m_clock.elapsed() : 0 });
    }
    return tools;
}

void RunningTools::cancelAll()
{
    QList<QPointer<ToolRunner>> mine;
    {
        Registry& r = registry();
        const QMutexLocker lock(&r.mutex);
        for (ToolRunner* runner : std::as_const(r.runners)) {
            if (runner->thread() == QThread::currentThread())
                mine.append(runner);
            else
                QMetaObject::invokeMethod(
                    runner, [runner] { runner->cancel(); }, Qt::QueuedConnection);
        }
    }
    for (const QPointer<ToolRunner>& runner : std::as_const(mine)) {
        if (runner)
            runner->cancel();
    }
}

bool RunningTools::shutdownAll(int waitMs)
{
    QList<QPointer<ToolRunner>> mine;
    {
        Registry& r = registry();
        const QMutexLocker lock(&r.mutex);
        for (ToolRunner* runner : std::as_const(r.runners)) {
            if (runner->thread() == QThread::currentThread())
                mine.append(runner);
            else // posted under the lock: the runner cannot be destroyed meanwhile; if it is later, Qt drops the event
                QMetaObject::invokeMethod(
                    runner, [runner] { runner->cancel(); }, Qt::QueuedConnection);
        }
    }
    // SIGTERM to all first, so the grace periods run side by side rather than one after the other.
    for (const QPointer<ToolRunner>& runner : std::as_const(mine)) {
        if (runner)
            runner->cancel();
    }
    QElapsedTimer clock;
    clock.start();
    for (const QPointer<ToolRunner>& runner : std::as_const(mine)) {
        if (runner) // an earlier runner's finished() handler may have deleted this one
            runner->shutdown(std::max(0, waitMs - static_cast<int>(clock.elapsed())));
    }
    return count() == 0;
}

} // namespace wb
