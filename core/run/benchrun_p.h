#pragma once

// BenchRun's state (private to core/run): the request, the CPU worker and the tool being run with its parser.
#include "parsing/aisbench.h"
#include "parsing/msame.h"
#include "process/toolrunner.h"
#include "profile/runnerprofile.h"
#include "remote/remotetool.h"
#include "run/bench.h"
#include "run/benchtools.h"
#include "run/omrunnerparser.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QPointer>
#include <QTemporaryDir>
#include <QTimer>

#include <atomic>
#include <memory>

namespace wb {

struct BenchRun::Private {
    BenchRequest m_request;
    BenchResult m_result; // the skeleton while running
    quint64 m_runId = 0;
    bool m_running = false;
    bool m_cancelRequested = false;
    QString m_appDir;
    QElapsedTimer m_clock;
    QTimer m_budget; // the request's time budget, from the first timed iteration
    bool m_budgetReached = false;

    // ONNX Runtime
    QList<QFuture<void>> m_workers; // the current run's worker, and any that outlived their run's timeout
    std::shared_ptr<std::atomic_bool> m_cpuCancel;
    QTimer m_cpuTimeout;
    bool m_cpuTimedOut = false;
    QVector<double> m_liveMs;

    // tools
    QPointer<ToolRunner> m_tool;
    QPointer<RemoteToolRun> m_remote; // instead of m_tool when the request names a host
    BenchTool::Flavour m_flavour = BenchTool::Flavour::OmRunner;
    std::unique_ptr<QTemporaryDir> m_scratch; // output folder for msame / ais_bench when none was asked for
    QString m_toolOutputDir;
    std::unique_ptr<QTemporaryDir> m_msprofScratch; // msprof's output when BenchRequest::msprofOutputDir is empty
    QString m_msprofDir; // where msprof writes PROF_*; empty when not under msprof
    OmRunnerParser m_omParser;
    RunnerProfileCollector m_opProfile; // om-runner --profile records
    MsameParser m_msameParser;
    AisBenchParser m_aisParser;
    QStringList m_lastLines;
};

} // namespace wb
