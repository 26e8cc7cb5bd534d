#pragma once

#include "process/linesplitter.h"
#include "process/toolinvocation.h"
#include "process/toolresult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <array>
#include <atomic>

class QProcess;

namespace wb {

// Runs one external tool at a time and is the only owner of a QProcess in the application.
//
// - argv without a shell; stdin is /dev/null; the tool runs in a process group of its own (with the workers it
//   forks), and on Linux dies with the application if the application is killed.
// - stdout and stderr are split into lines (LineSplitter) and delivered in batches, per channel. An unfinished
//   line (ATC's progress dots) is delivered once no bytes came for idleFlushMs, or once it has been growing for
//   maxPartialAgeMs; whatever follows it then starts a new line.
// - Every accepted start() ends with exactly one finished(ToolResult), always from the event loop (never from
//   inside start()).
// - cancel() and the timeout send SIGTERM to the whole group, then SIGKILL after killGraceMs. When the tool
//   exits, whatever of its group is still alive is SIGKILLed: no orphaned workers.
// - Destroying a running ToolRunner SIGKILLs the group and waits for it, without emitting anything. Call
//   shutdown() first to give the tool its grace period and get finished(Cancelled).
//
// Lives on a thread with an event loop (normally the GUI thread) and is used only from that thread.
class ToolRunner : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToolRunner)
public:
    static constexpr int DefaultIdleFlushMs = 200;
    static constexpr int DefaultMaxPartialAgeMs = 1000;

    explicit ToolRunner(QObject* parent = nullptr);
    ~ToolRunner() override;

    // False when a run is still going (nothing happens then); otherwise finished() will follow.
    bool start(const ToolInvocation& invocation);
    // From start() until finished() has been emitted.
    bool isRunning() const { return m_running; }
    // The tool's pid (= its process group), 0 before it started and after it ended.
    qint64 processId() const;
    const ToolInvocation& invocation() const { return m_invocation; }
    qint64 elapsedMs() const;

    // Asynchronous: SIGTERM to the group, SIGKILL after killGraceMs; finished(Cancelled) follows. A second
    // cancel() sends SIGKILL at once.
    void cancel();
    // Synchronous, for quitting: SIGTERM to the group, wait up to waitMs (capped by killGraceMs), then SIGKILL and
    // wait until it is gone. finished(Cancelled) is emitted before this returns. True when nothing is left running.
    bool shutdown(int waitMs);

    void setIdleFlushMs(int ms) { m_idleFlushMs = ms; }
    void setMaxPartialAgeMs(int ms) { m_maxPartialAgeMs = ms; }
    void setMaxLineBytes(qsizetype bytes) { m_maxLineBytes = bytes; }

signals:
    void started(qint64 pid);
    // The bytes as read, before they are split into lines (for output that is not text, such as `env -0`).
    void bytesReceived(wb::ToolChannel channel, const QByteArray& bytes);
    // Lines without their line ends, in order within a channel.
    void linesReceived(wb::ToolChannel channel, const QStringList& lines);
    void finished(const wb::ToolResult& result);

private:
    enum class StopReason { None, Cancel, Timeout };

    void onStarted();
    void onReadyRead(ToolChannel channel);
    void onFinished(int exitCode, int exitStatus);
    void onStartFailed(const QString& errorString);
    void onIdle();
    void feed(ToolChannel channel, const QByteArray& data);
    void flushPartial(ToolChannel channel);
    void stop(StopReason reason);
    void sendSignal(int sig);
    void killStragglers();
    void complete(ToolResult result);

    static int index(ToolChannel channel) { return channel == ToolChannel::StdOut ? 0 : 1; }

    ToolInvocation m_invocation;
    QPointer<QProcess> m_process;
    std::array<LineSplitter, 2> m_splitters;
    std::array<QElapsedTimer, 2> m_partialSince;
    QTimer m_timeoutTimer;
    QTimer m_graceTimer;
    QTimer m_idleTimer;
    QElapsedTimer m_clock;
    StopReason m_stopReason = StopReason::None;
    QString m_startError;
    std::atomic<qint64> m_pgid { 0 }; // read by RunningTools from other threads
    quint64 m_runId = 0;
    bool m_running = false;
    int m_idleFlushMs = DefaultIdleFlushMs;
    int m_maxPartialAgeMs = DefaultMaxPartialAgeMs;
    qsizetype m_maxLineBytes = LineSplitter::DefaultMaxLineBytes;

    friend class RunningTools;
};

} // namespace wb
