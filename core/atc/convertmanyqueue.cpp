#include "atc/convertmanyqueue.h"

#include "atc/conversionjob_p.h"
#include "atc/conversionrecipe.h"
#include "atc/conversiontext.h"
#include "logging/logging.h"
#include "process/toolrunner.h"

#include <QFileInfo>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace wb {

BatchQueue::BatchQueue(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<wb::BatchJobResult>();
}

BatchQueue::~BatchQueue()
{
    for (Slot& slot : m_slots) {
        delete slot.run;
        slot.run = nullptr;
    }
}

int BatchQueue::runningCount() const
{
    return int(
        std::count_if(m_slots.cbegin(), m_slots.cend(), [](const Slot& s) { return s.state == State::Running; }));
}

qint64 BatchQueue::elapsedMs(int i) const
{
    const Slot& slot = m_slots.at(i);
    return slot.state == State::Running && slot.clock.isValid() ? slot.clock.elapsed() : slot.result.durationMs;
}

QList<BatchJobResult> BatchQueue::results() const
{
    QList<BatchJobResult> list;
    for (const Slot& slot : m_slots)
        list.append(slot.result);
    return list;
}

void BatchQueue::start(const QList<BatchJob>& jobs, const QList<BatchModelRow>& rows, const AtcToolkit& toolkit,
    const BatchRunSettings& settings)
{
    if (m_running) {
        log::atc()->warn("A batch is still running; the new one is ignored.");
        return;
    }
    for (Slot& slot : m_slots)
        delete slot.run;
    m_slots.clear();
    m_sha.clear();
    for (const BatchModelRow& row : rows)
        m_sha.append(row.sha256);
    m_toolkit = toolkit;
    m_settings = settings;
    for (const BatchJob& job : jobs) {
        Slot slot;
        slot.job = job;
        slot.result = batchJobRecord(job, rows.value(job.row).path);
        slot.memoryMiB
            = settings.memoryPerJobMiB > 0 ? settings.memoryPerJobMiB : estimateJobMemoryMiB(rows.value(job.row).size);
        slot.state = job.skipReason.isEmpty() ? State::Queued : State::Done;
        m_slots.append(slot);
    }
    m_emitSkipped = true;
    m_budgetMiB = settings.memoryBudgetMiB;
    if (m_budgetMiB < 0) {
        const qint64 available = availableMemoryMiB();
        m_budgetMiB = available > 0 ? available * 8 / 10 : 0; // 0: no memory bound known
    }
    begin();
}

void BatchQueue::begin()
{
    m_running = true;
    m_cancelled = false;
    // The bound this run allows: the setting, and what the budget holds of the largest queued job.
    qint64 largest = 0;
    for (const Slot& s : std::as_const(m_slots)) {
        if (s.state == State::Queued)
            largest = std::max(largest, s.memoryMiB);
    }
    m_bound = std::max(1, m_settings.jobs);
    if (m_budgetMiB > 0 && largest > 0)
        m_bound = std::clamp(int(m_budgetMiB / largest), 1, m_bound);
    log::atc()->info("Convert many: {} jobs, at most {} at once (setting {}, memory budget {} MiB)", jobCount(),
        m_bound, m_settings.jobs, m_budgetMiB);
    m_peak = 0;
    // Skipped jobs finish first (on start(), not on a retry), from the event loop like every job.
    const bool emitSkipped = std::exchange(m_emitSkipped, false);
    QTimer::singleShot(0, this, [this, emitSkipped] {
        for (int i = 0; i < jobCount() && emitSkipped; ++i) {
            if (m_slots.at(i).state == State::Done && m_slots.at(i).result.result == QLatin1String("skipped"))
                emit jobFinished(i, m_slots.at(i).result);
        }
        schedule();
        finishIfDone();
    });
}

void BatchQueue::schedule()
{
    if (m_scheduling || !m_running || m_cancelled)
        return;
    m_scheduling = true;
    for (int i = 0; i < jobCount() && !m_cancelled; ++i) {
        if (m_slots.at(i).state != State::Queued)
            continue;
        // The memory the running jobs hold plus this one's must fit the budget (one job always may run).
        qint64 held = 0;
        int running = 0;
        for (const Slot& s : std::as_const(m_slots)) {
            if (s.state == State::Running) {
                held += s.memoryMiB;
                ++running;
            }
        }
        if (running >= m_bound || (running > 0 && m_budgetMiB > 0 && held + m_slots.at(i).memoryMiB > m_budgetMiB))
            break;
        const ConversionJob job = m_slots.at(i).job.job;
        const QString sha = m_sha.value(m_slots.at(i).job.row);
        QString why;
        if (!m_settings.force && recipeUnchanged(job, m_toolkit.version, sha, &why)) {
            ConversionOutcome outcome;
            outcome.omPath = job.omPath;
            outcome.batch = job.batch;
            outcome.ok = true;
            outcome.skippedUnchanged = true;
            outcome.verdict = atcVerdictName(AtcVerdict::Success);
            outcome.recipePath = recipePathFor(job.omPath);
            if (QFileInfo::exists(logPathFor(job.omPath)))
                outcome.logPath = logPathFor(job.omPath);
            m_slots[i].state = State::Running; // jobDone moves it to Done
            jobDone(i, outcome);
            continue;
        }
        auto* run = new ConversionJobRun(job, m_toolkit, sha, m_settings.timeoutSec, this);
        Slot& slot = m_slots[i];
        slot.run = run;
        slot.state = State::Running;
        slot.stage = atcStageName(AtcStage::NotStarted);
        slot.clock.start();
        slot.result.result = QStringLiteral("running");
        m_peak = std::max(m_peak, running + 1);
        connect(run, &ConversionJobRun::stageChanged, this, [this, i](const QString& stage) {
            m_slots[i].stage = stage;
            emit stageChanged(i, stage);
        });
        connect(run, &ConversionJobRun::finished, this,
            [this, i](const ConversionOutcome& outcome) { jobDone(i, outcome); });
        emit jobStarted(i);
        run->start();
    }
    m_scheduling = false;
    finishIfDone();
}

void BatchQueue::jobDone(int index, const ConversionOutcome& outcome)
{
    Slot& slot = m_slots[index];
    if (slot.state == State::Done)
        return;
    if (slot.run) {
        slot.run->disconnect(this);
        slot.run->deleteLater();
        slot.run = nullptr;
    }
    BatchJobResult result = batchJobResult(slot.job, slot.result.modelPath, outcome);
    if (!outcome.skippedUnchanged && slot.clock.isValid() && result.durationMs <= 0)
        result.durationMs = slot.clock.elapsed();
    finishSlot(index, result);
    schedule();
    finishIfDone();
}

void BatchQueue::finishSlot(int index, const BatchJobResult& result)
{
    Slot& slot = m_slots[index];
    slot.state = State::Done;
    slot.result = result;
    slot.stage = result.result;
    if (m_settings.writeResults && result.result != QLatin1String("skipped")) {
        if (const Result<bool> ok = writeBatchJobResult(result, resultPathFor(result.omPath)); !ok.ok())
            log::atc()->warn("{}", ok.error().message);
    }
    emit jobFinished(index, result);
}

void BatchQueue::finishIfDone()
{
    if (!m_running || m_scheduling)
        return;
    if (std::any_of(m_slots.cbegin(), m_slots.cend(), [](const Slot& s) { return s.state != State::Done; }))
        return;
    m_running = false;
    emit finished();
}

bool BatchQueue::retryFailed()
{
    if (m_running)
        return false;
    bool any = false;
    for (Slot& slot : m_slots) {
        const QString& r = slot.result.result;
        if (r != QLatin1String("failed") && r != QLatin1String("cancelled"))
            continue;
        slot.state = State::Queued;
        slot.result = batchJobRecord(slot.job, slot.result.modelPath);
        slot.stage.clear();
        slot.clock.invalidate();
        any = true;
    }
    if (!any)
        return false;
    // Only queued jobs run; the others keep their results and are not reported again.
    m_running = true;
    m_cancelled = false;
    begin();
    return true;
}

void BatchQueue::cancelAll()
{
    if (!m_running)
        return;
    m_cancelled = true;
    for (int i = 0; i < jobCount(); ++i) {
        if (m_slots.at(i).state != State::Queued)
            continue;
        BatchJobResult r = m_slots.at(i).result;
        r.result = QStringLiteral("cancelled");
        r.problem = englishText(conversiontext::kCancelledBeforeStart);
        r.fix = englishText(conversiontext::kRetryFailed);
        finishSlot(i, r);
    }
    for (const Slot& slot : std::as_const(m_slots)) {
        if (slot.run)
            slot.run->cancel();
    }
    finishIfDone();
}

bool BatchQueue::shutdown(int waitMs)
{
    if (!m_running)
        return true;
    cancelAll();
    QList<QPointer<ConversionJobRun>> runs;
    for (const Slot& slot : std::as_const(m_slots)) {
        if (slot.run)
            runs.append(slot.run);
    }
    ConversionJobRun::shutdownWithin(runs, waitMs);
    finishIfDone();
    return !m_running;
}

} // namespace wb
