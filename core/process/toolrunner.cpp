#include "toolrunner.h"

#include "logging/logging.h"
#include "process/processgroup_p.h"
#include "process/runningtools.h"

#include <QFileInfo>
#include <QProcess>

#include <algorithm>
#include <csignal>
#include <unistd.h>

namespace wb {

namespace {

// After SIGKILL the kernel ends the process at once unless it sits in an uninterruptible wait.
constexpr int KillWaitMs = 5000;

std::string toolName(const ToolInvocation& invocation)
{
    return QFileInfo(invocation.program).fileName().toStdString();
}

} // namespace

ToolRunner::ToolRunner(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<wb::ToolChannel>();
    qRegisterMetaType<wb::ToolResult>();
    m_timeoutTimer.setSingleShot(true);
    m_graceTimer.setSingleShot(true);
    m_idleTimer.setSingleShot(true);
    connect(&m_timeoutTimer, &QTimer::timeout, this, [this] { stop(StopReason::Timeout); });
    connect(&m_graceTimer, &QTimer::timeout, this, [this] { sendSignal(SIGKILL); });
    connect(&m_idleTimer, &QTimer::timeout, this, &ToolRunner::onIdle);
}

ToolRunner::~ToolRunner()
{
    RunningTools::remove(this);
    if (m_process) {
        disconnect(m_process, nullptr, this, nullptr); // nothing is delivered from a dying runner
        if (m_process->state() != QProcess::NotRunning) {
            log::run()->warn(
                "Killing {} (pid {}): its runner is being destroyed", toolName(m_invocation), m_process->processId());
            sendSignal(SIGKILL);
            m_process->waitForFinished(KillWaitMs);
        }
    }
    killStragglers();
}

qint64 ToolRunner::processId() const
{
    return m_process ? m_process->processId() : 0;
}

qint64 ToolRunner::elapsedMs() const
{
    return m_running && m_clock.isValid() ? m_clock.elapsed() : 0;
}

bool ToolRunner::start(const ToolInvocation& invocation)
{
    if (m_running)
        return false;
    m_invocation = invocation;
    m_stopReason = StopReason::None;
    m_startError.clear();
    m_pgid = 0;
    ++m_runId;
    for (auto& splitter : m_splitters)
        splitter = LineSplitter(m_maxLineBytes);
    for (auto& since : m_partialSince)
        since.invalidate();

    auto* process = new QProcess(this);
    m_process = process;
    process->setProgram(invocation.program);
    process->setArguments(invocation.arguments);
    if (!invocation.environment.isEmpty())
        process->setProcessEnvironment(invocation.environment);
    if (!invocation.workingDirectory.isEmpty())
        process->setWorkingDirectory(invocation.workingDirectory);
    process->setStandardInputFile(QProcess::nullDevice());
    process->setProcessChannelMode(QProcess::SeparateChannels);
    const qint64 parentPid = ::getpid();
    process->setChildProcessModifier([parentPid] { procgroup::setupChild(parentPid); });

    connect(process, &QProcess::started, this, &ToolRunner::onStarted);
    connect(process, &QProcess::readyReadStandardOutput, this, [this] { onReadyRead(ToolChannel::StdOut); });
    connect(process, &QProcess::readyReadStandardError, this, [this] { onReadyRead(ToolChannel::StdErr); });
    connect(process, &QProcess::finished, this,
        [this](int code, QProcess::ExitStatus status) { onFinished(code, static_cast<int>(status)); });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return; // Crashed comes with finished(); nothing else applies to a process we only read from
        // Qt says "execve: No such file or directory" or "chdir: …": name what it was about.
        QString reason = process->errorString();
        if (reason.startsWith(QLatin1String("chdir:")))
            reason += QStringLiteral(" (working directory %1)").arg(m_invocation.workingDirectory);
        else if (!m_invocation.program.isEmpty())
            reason += QStringLiteral(" (program %1)").arg(m_invocation.program);
        onStartFailed(reason);
    });

    m_running = true;
    m_clock.start();
    RunningTools::add(this);
    log::run()->info("Starting {}", shellQuote(invocation.argv()));
    process->start();
    if (m_running && invocation.timeoutMs > 0)
        m_timeoutTimer.start(invocation.timeoutMs);
    return true;
}

void ToolRunner::onStarted()
{
    const qint64 pid = m_process->processId();
    // The child made itself a group leader before exec; if that failed we signal the single process instead.
    m_pgid = procgroup::groupOf(pid) == pid ? pid : 0;
    log::run()->info("{} started, pid {}", toolName(m_invocation), pid);
    emit started(pid);
}

void ToolRunner::onStartFailed(const QString& errorString)
{
    // QProcess may report this from inside start(); finished() must only come from the event loop.
    m_startError = errorString;
    ToolResult result;
    result.kind = ToolResult::Kind::FailedToStart;
    result.errorString = errorString;
    const quint64 runId = m_runId;
    QMetaObject::invokeMethod(
        this,
        [this, result, runId]() mutable {
            if (runId == m_runId && m_running)
                complete(std::move(result));
        },
        Qt::QueuedConnection);
}

void ToolRunner::onReadyRead(ToolChannel channel)
{
    if (!m_process)
        return;
    feed(channel,
        channel == ToolChannel::StdOut ? m_process->readAllStandardOutput() : m_process->readAllStandardError());
}

void ToolRunner::feed(ToolChannel channel, const QByteArray& data)
{
    if (data.isEmpty())
        return;
    emit bytesReceived(channel, data);
    const int i = index(channel);
    LineSplitter& splitter = m_splitters[i];
    const QStringList lines = splitter.feed(data);
    if (!lines.isEmpty())
        emit linesReceived(channel, lines);
    if (!splitter.hasPartial()) {
        m_partialSince[i].invalidate();
    } else if (!lines.isEmpty() || !m_partialSince[i].isValid()) {
        m_partialSince[i].start(); // a new unfinished line began in this chunk
    } else if (m_partialSince[i].elapsed() >= m_maxPartialAgeMs) {
        flushPartial(channel); // a line that keeps growing (a steady stream of dots) still shows up
    }
    if (m_splitters[0].hasPartial() || m_splitters[1].hasPartial())
        m_idleTimer.start(m_idleFlushMs);
}

void ToolRunner::flushPartial(ToolChannel channel)
{
    const int i = index(channel);
    m_partialSince[i].invalidate();
    if (const std::optional<QString> line = m_splitters[i].flushPartial())
        emit linesReceived(channel, QStringList { *line });
}

void ToolRunner::onIdle()
{
    flushPartial(ToolChannel::StdOut);
    flushPartial(ToolChannel::StdErr);
}

void ToolRunner::onFinished(int exitCode, int exitStatus)
{
    // Whatever is still buffered, then the unfinished last lines.
    feed(ToolChannel::StdOut, m_process->readAllStandardOutput());
    feed(ToolChannel::StdErr, m_process->readAllStandardError());
    onIdle();
    killStragglers();

    ToolResult result;
    const bool crashed = exitStatus == QProcess::CrashExit;
    // On a crash QProcess reports the terminating signal as the exit code.
    result.signal = crashed ? exitCode : 0;
    result.exitCode = crashed ? 0 : exitCode;
    if (m_stopReason == StopReason::Timeout) {
        result.kind = ToolResult::Kind::TimedOut;
    } else if (m_stopReason == StopReason::Cancel) {
        result.kind = ToolResult::Kind::Cancelled;
    } else if (crashed) {
        result.kind = ToolResult::Kind::Crashed;
        result.killedLikelyOom = result.signal == SIGKILL;
    } else if (exitCode != 0) {
        result.kind = ToolResult::Kind::NonZeroExit;
        result.killedLikelyOom = exitCode == 128 + SIGKILL;
    }
    complete(std::move(result));
}

void ToolRunner::complete(ToolResult result)
{
    result.durationMs = m_clock.elapsed();
    m_timeoutTimer.stop();
    m_graceTimer.stop();
    m_idleTimer.stop();
    if (m_process) {
        disconnect(m_process, nullptr, this, nullptr);
        m_process->deleteLater();
        m_process = nullptr;
    }
    m_running = false;
    m_pgid = 0;
    RunningTools::remove(this);
    const std::string name = toolName(m_invocation);
    if (result.ok())
        log::run()->info("{}", describe(result, QString::fromStdString(name)));
    else
        log::run()->warn("{}", describe(result, QString::fromStdString(name)));
    emit finished(result);
}

void ToolRunner::cancel()
{
    stop(StopReason::Cancel);
}

void ToolRunner::stop(StopReason reason)
{
    if (!m_running || !m_process || m_process->state() == QProcess::NotRunning)
        return;
    if (m_stopReason != StopReason::None) { // asked twice: no more patience
        sendSignal(SIGKILL);
        return;
    }
    m_stopReason = reason;
    m_timeoutTimer.stop();
    log::run()->info("Stopping {} ({})", toolName(m_invocation), reason == StopReason::Timeout ? "timeout" : "cancel");
    sendSignal(SIGTERM);
    m_graceTimer.start(std::max(0, m_invocation.killGraceMs));
}

bool ToolRunner::shutdown(int waitMs)
{
    if (!m_running)
        return true;
    const QPointer<QProcess> process = m_process;
    if (!process || process->state() == QProcess::NotRunning) { // a failed start still queued: deliver it now
        ToolResult result;
        result.kind = ToolResult::Kind::FailedToStart;
        result.errorString = m_startError;
        complete(std::move(result));
        return true;
    }
    if (m_stopReason == StopReason::None)
        m_stopReason = StopReason::Cancel;
    sendSignal(SIGTERM);
    // waitForFinished() delivers the output and finished() through our slots as usual.
    if (!process->waitForFinished(std::clamp(waitMs, 0, std::max(0, m_invocation.killGraceMs)))) {
        if (process && process->state() != QProcess::NotRunning) {
            sendSignal(SIGKILL);
            process->waitForFinished(KillWaitMs);
        }
    }
    return !m_running;
}

void ToolRunner::sendSignal(int sig)
{
    const qint64 pid = processId(); // nonzero only until QProcess has reaped the tool
    if (m_pgid > 0 && procgroup::signalGroup(m_pgid, sig))
        return;
    // Still starting (the group may not exist yet), or the child could not make its own group.
    if (!procgroup::signalGroup(pid, sig))
        procgroup::signalProcess(pid, sig);
}

void ToolRunner::killStragglers()
{
    // Workers the tool forked and left behind; the tool itself has been reaped, so its pid names only the group.
    const qint64 pgid = m_pgid;
    if (pgid > 0 && procgroup::groupExists(pgid)) {
        log::run()->warn("{} left processes behind in group {}; killing them", toolName(m_invocation), pgid);
        procgroup::signalGroup(pgid, SIGKILL);
    }
}

} // namespace wb
