#pragma once

// Runs the jobs of a batch (convertmany.h) with the conversion queue's job machinery (ConversionJobRun: staging
// folder, OM moved into place on success, recipe and log beside it; the recipe cache skips unchanged OMs), at most
// `jobs` at once and at most what the memory budget holds (estimateJobMemoryMiB per job, or the setting).
#include "atc/convertmany.h"
#include "atc/convertmanyreport.h"
#include "atc/toolkit.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>

namespace wb {

class ConversionJobRun;

struct BatchRunSettings {
    int jobs = 2; // at most this many ATC processes at once (values below 1 count as 1)
    qint64 memoryBudgetMiB = -1; // memory the jobs may use together; -1: 80 % of MemAvailable when the run starts
    qint64 memoryPerJobMiB = 0; // 0: estimateJobMemoryMiB(model size)
    int timeoutSec = 0;
    bool force = false; // rebuild even unchanged OMs
    bool writeResults = true; // <name>.result.json beside each OM (what --collect reads)
};

// Lives on a thread with an event loop (the GUI thread) and is used only from it. Every job ends with exactly one
// jobFinished (skipped jobs at start(), in order); finished() follows the last.
class BatchQueue : public QObject {
    Q_OBJECT
public:
    explicit BatchQueue(QObject* parent = nullptr);
    ~BatchQueue() override; // running jobs are killed (process group) and their staging removed; nothing is emitted

    // Takes the jobs (of `rows`: their sizes and sha256 are used) and starts them. Ignored while running.
    void start(const QList<BatchJob>& jobs, const QList<BatchModelRow>& rows, const AtcToolkit& toolkit,
        const BatchRunSettings& settings);
    // Queues the jobs that failed or were cancelled again (not the skipped ones); starts them. False when none.
    bool retryFailed();
    void cancelAll(); // running jobs stopped (process group, grace period, SIGKILL), queued ones dropped
    bool shutdown(int waitMs); // synchronous cancelAll for quitting: returns once every process is gone

    bool isRunning() const { return m_running; }
    int jobCount() const { return int(m_slots.size()); }
    int runningCount() const;
    int parallelBound() const { return m_bound; } // jobs at once this run allows (the setting and the memory)
    int peakRunning() const { return m_peak; }
    const BatchJob& job(int i) const { return m_slots.at(i).job; }
    BatchJobResult result(int i) const { return m_slots.at(i).result; }
    QList<BatchJobResult> results() const;
    QString stage(int i) const { return m_slots.at(i).stage; }
    qint64 elapsedMs(int i) const; // running: so far; done: the run's time

signals:
    void jobStarted(int job);
    void stageChanged(int job, const QString& stage);
    void jobFinished(int job, const wb::BatchJobResult& result);
    void finished();

private:
    enum class State { Queued, Running, Done };
    struct Slot {
        BatchJob job;
        BatchJobResult result;
        State state = State::Queued;
        QString stage;
        qint64 memoryMiB = 0;
        QElapsedTimer clock;
        ConversionJobRun* run = nullptr;
    };
    void schedule();
    void jobDone(int index, const ConversionOutcome& outcome);
    void finishSlot(int index, const BatchJobResult& result);
    void finishIfDone();
    void begin();

    QList<Slot> m_slots;
    QStringList m_sha;
    AtcToolkit m_toolkit;
    BatchRunSettings m_settings;
    qint64 m_budgetMiB = 0;
    int m_bound = 1;
    int m_peak = 0;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_scheduling = false;
    bool m_emitSkipped = false;
};

} // namespace wb
