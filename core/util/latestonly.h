#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace wb {

// Runs work on the thread pool and delivers only the newest submission's result, on this object's thread.
// An older job still running when a new one is submitted finishes in the background and is dropped.
class LatestOnlyRunner : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatestOnlyRunner)
public:
    using QObject::QObject;

    template <typename R> void submit(std::function<R()> work, std::function<void(const R&)> deliver)
    {
        const quint64 generation = ++m_generation;
        if (m_running++ == 0)
            emit busyChanged(true);
        auto* watcher = new QFutureWatcher<R>(this);
        connect(watcher, &QFutureWatcher<R>::finished, this, [this, watcher, generation, deliver] {
            watcher->deleteLater();
            const bool current = generation == m_generation;
            if (current)
                deliver(watcher->result());
            if (--m_running == 0)
                emit busyChanged(false);
        });
        watcher->setFuture(QtConcurrent::run(std::move(work)));
    }

    bool isBusy() const { return m_running > 0; }
    // Drops whatever is running: its result will not be delivered.
    void discard() { ++m_generation; }

signals:
    void busyChanged(bool busy);

private:
    quint64 m_generation = 0;
    int m_running = 0;
};

} // namespace wb
