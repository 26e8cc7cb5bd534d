#include "atc/conversion.h"

#include "atc/conversionjob_p.h"
#include "atc/conversionrecipe.h"
#include "atc/conversiontext.h"
#include "logging/logging.h"
#include "process/toolrunner.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QPointer>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace wb {

ConversionQueue::ConversionQueue(QObject* parent)
    : QObject(parent)
{
}

ConversionQueue::~ConversionQueue()
{
    // Running jobs die with their ConversionJobRun (process group killed, staging removed); nothing is emitted.
    for (Slot& slot : m_jobs) {
        delete slot.run;
        slot.run = nullptr;
    }
}

void ConversionQueue::start(const ConversionRequest& request)
{
    if (m_running) {
        log::atc()->warn("A conversion is still running; the new request is ignored.");
        return;
    }
    m_jobs.clear();
    m_request = request;
    m_modelSha256.clear();
    m_cancelled = false;
    m_running = true;
    const quint64 generation = ++m_generation;

    Result<QList<ConversionJob>> planned = planConversionJobs(request);
    if (!planned.ok()) {
        Slot slot;
        slot.outcome.failure = planned.error().message;
        slot.outcome.verdict = atcVerdictName(AtcVerdict::Incomplete);
        slot.outcome.result.kind = ToolResult::Kind::FailedToStart;
        slot.outcome.result.errorString = planned.error().message;
        slot.state = State::Running; // finishes from the event loop, like every job
        m_jobs.append(slot);
        emit jobQueued(0, QString(), -1);
        QTimer::singleShot(0, this, [this, generation] {
            if (generation == m_generation && m_running)
                jobDone(0, m_jobs.first().outcome);
        });
        return;
    }
    for (const ConversionJob& job : planned.value()) {
        Slot slot;
        slot.job = job;
        slot.outcome.omPath = job.omPath;
        slot.outcome.batch = job.batch;
        m_jobs.append(slot);
    }
    for (int i = 0; i < jobCount(); ++i)
        emit jobQueued(i, m_jobs.at(i).job.omPath, m_jobs.at(i).job.batch);

    // The recipe needs the model's sha256; hashing a large model must not block the GUI thread.
    m_hashing = true;
    const QString model = m_jobs.first().job.options.model;
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        onModelHashed(generation, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([model] {
        if (model.isEmpty())
            return QString();
        const Result<QString> sha = sha256File(model);
        if (!sha.ok())
            log::atc()->warn("{}", sha.error().message);
        return sha.ok() ? sha.value() : QString();
    }));
}

void ConversionQueue::onModelHashed(quint64 generation, const QString& sha256)
{
    if (generation != m_generation || !m_running)
        return;
    m_hashing = false;
    m_modelSha256 = sha256;
    schedule();
}

void ConversionQueue::schedule()
{
    if (m_scheduling || m_hashing || !m_running)
        return;
    m_scheduling = true;
    const int parallelism = std::max(1, m_request.parallelism);
    for (int i = 0; i < jobCount() && !m_cancelled; ++i) {
        const int running = int(
            std::count_if(m_jobs.cbegin(), m_jobs.cend(), [](const Slot& s) { return s.state == State::Running; }));
        if (running >= parallelism)
            break;
        if (m_jobs.at(i).state != State::Queued)
            continue;
        const ConversionJob job = m_jobs.at(i).job;
        QString why;
        if (!m_request.force && recipeUnchanged(job, m_request.toolkit.version, m_modelSha256, &why)) {
            ConversionOutcome outcome = m_jobs.at(i).outcome;
            outcome.ok = true;
            outcome.skippedUnchanged = true;
            outcome.verdict = atcVerdictName(AtcVerdict::Success);
            outcome.recipePath = recipePathFor(job.omPath);
            if (QFileInfo::exists(logPathFor(job.omPath)))
                outcome.logPath = logPathFor(job.omPath);
            log::atc()->info("{} is up to date (recipe unchanged); not rebuilt", job.omPath);
            m_jobs[i].state = State::Done;
            m_jobs[i].outcome = outcome;
            emit jobFinished(i, outcome);
            continue;
        }
        if (!why.isEmpty())
            log::atc()->debug("Building {}: {}", job.omPath, why);
        auto* run = new ConversionJobRun(job, m_request.toolkit, m_modelSha256, m_request.timeoutSec, this);
        run->setRemote(m_request.remote);
        m_jobs[i].run = run;
        m_jobs[i].state = State::Running;
        connect(
            run, &ConversionJobRun::started, this, [this, i](const QString& command) { emit jobStarted(i, command); });
        connect(
            run, &ConversionJobRun::lineReceived, this, [this, i](const QString& line) { emit lineReceived(i, line); });
        connect(run, &ConversionJobRun::progress, this,
            [this, i](const QString& message) { emit jobProgress(i, message); });
        connect(run, &ConversionJobRun::eventParsed, this,
            [this, i](const AtcEvent& event) { emit eventParsed(i, event); });
        connect(run, &ConversionJobRun::stageChanged, this,
            [this, i](const QString& stage) { emit stageChanged(i, stage); });
        connect(run, &ConversionJobRun::finished, this,
            [this, i](const ConversionOutcome& outcome) { jobDone(i, outcome); });
        run->start();
    }
    m_scheduling = false;
    finishIfDone();
}

void ConversionQueue::jobDone(int index, const ConversionOutcome& outcome)
{
    Slot& slot = m_jobs[index];
    if (slot.state == State::Done)
        return;
    slot.state = State::Done;
    slot.outcome = outcome;
    if (slot.run) {
        slot.run->disconnect(this);
        slot.run->deleteLater();
        slot.run = nullptr;
    }
    emit jobFinished(index, outcome);
    // Someone stopped this job (cancel(), shutdown(), RunningTools::shutdownAll when quitting): stop the rest too.
    if (outcome.result.kind == ToolResult::Kind::Cancelled && !m_cancelled)
        dropQueued();
    schedule();
    finishIfDone();
}

void ConversionQueue::dropQueued()
{
    m_cancelled = true;
    for (int i = 0; i < jobCount(); ++i) {
        if (m_jobs.at(i).state != State::Queued)
            continue;
        ConversionOutcome& outcome = m_jobs[i].outcome;
        outcome.result.kind = ToolResult::Kind::Cancelled;
        outcome.verdict = atcVerdictName(AtcVerdict::Incomplete);
        outcome.failure = englishText(conversiontext::kCancelledBeforeStart);
        m_jobs[i].state = State::Done;
        emit jobFinished(i, outcome);
    }
}

void ConversionQueue::finishIfDone()
{
    if (!m_running || m_scheduling)
        return;
    const bool pending
        = std::any_of(m_jobs.cbegin(), m_jobs.cend(), [](const Slot& s) { return s.state != State::Done; });
    if (pending)
        return;
    m_running = false;
    m_hashing = false;
    const bool allOk = std::all_of(m_jobs.cbegin(), m_jobs.cend(), [](const Slot& s) { return s.outcome.ok; });
    emit finished(allOk);
}

void ConversionQueue::cancel()
{
    if (!m_running)
        return;
    dropQueued();
    for (const Slot& slot : std::as_const(m_jobs)) {
        if (slot.run)
            slot.run->cancel();
    }
    finishIfDone();
}

bool ConversionQueue::shutdown(int waitMs)
{
    if (!m_running)
        return true;
    dropQueued();
    QList<QPointer<ConversionJobRun>> runs;
    for (const Slot& slot : std::as_const(m_jobs)) {
        if (slot.run) {
            runs.append(slot.run);
            slot.run->cancel(); // SIGTERM to every group first, so the grace periods overlap
        }
    }
    ConversionJobRun::shutdownWithin(runs, waitMs);
    for (int i = 0; i < jobCount(); ++i) { // a request that could not be planned: deliver its failure now
        if (m_jobs.at(i).state == State::Running && !m_jobs.at(i).run)
            jobDone(i, m_jobs.at(i).outcome);
    }
    finishIfDone();
    return !m_running;
}

QList<ConversionOutcome> ConversionQueue::outcomes() const
{
    QList<ConversionOutcome> list;
    for (const Slot& slot : m_jobs)
        list.append(slot.outcome);
    return list;
}

QList<ConversionJob> ConversionQueue::jobs() const
{
    QList<ConversionJob> list;
    for (const Slot& slot : m_jobs)
        list.append(slot.job);
    return list;
}

} // namespace wb
