#pragma once

// The NPU benchmark tools as values: where each is found, the exact command line it gets, and how its output and
// ending become a BenchResult. Pure (file-system look-ups aside); BenchRun wires them to a ToolRunner.
#include "parsing/runnerreport.h"
#include "process/toolinvocation.h"
#include "process/toolresult.h"
#include "run/bench.h"
#include "run/omrunnerparser.h"

namespace wb {

struct BenchTool {
    enum class Flavour {
        OmRunner, // om-runner --model ...
        Msame, // msame --model ...
        AisBench, // an ais_bench command (or a wrapper) taking `python3 -m ais_bench`'s options
        AisBenchPython, // python3 -m ais_bench ...
        Msit, // msit benchmark --om-model ... (also `ait benchmark`)
    };
    Flavour flavour = Flavour::OmRunner;
    QString program; // absolute path
    QStringList prefix; // arguments before the options: {"-m", "ais_bench"} or {"benchmark"}
    QString source; // "tool path", "next to the application", "PATH"
};

// Where to look. appDir: the application's folder (om-runner is installed next to atcwb); path: a PATH value
// (empty: the process's own).
struct BenchToolSearch {
    QString toolPath;
    QString appDir;
    QString path;
};

// Finds the tool for an NPU runner:
// - om-runner: the tool path, else <appDir>/om-runner, else om-runner on PATH;
// - msame: the tool path, else msame on PATH;
// - ais-bench: the tool path (by its name: msit/ait -> `benchmark` subcommand, python* -> `-m ais_bench`, else
//   the ais_bench options directly), else ais_bench on PATH, msit on PATH, python3 on PATH with `-m ais_bench`.
// Errors: tool_missing, with what to install and how to point at the tool; bad_request for OnnxRuntime/Auto.
Result<BenchTool> locateBenchTool(BenchRequest::Runner runner, const BenchToolSearch& search);

// The exact command line (see docs/readme/bench.md): counts, device, input data, batch and `outputDir` (msame and
// ais_bench always get one: they need it, and ais_bench's *_summary.json there has every iteration's time). The
// request's environment and timeout are carried over.
ToolInvocation benchInvocation(const BenchRequest& request, const BenchTool& tool, const QString& outputDir);

// How a tool run ended, as BenchRun saw it.
struct BenchToolEnd {
    ToolResult result;
    QStringList lastLines; // the last lines the tool printed (both channels), for error messages
    bool cancelRequested = false;
};

// The parts of the result every runner fills the same way (runner, target, model, loops, command, recipe, ...).
BenchResult benchResultSkeleton(const BenchRequest& request);

// Turn a finished run's parsed output into the result. `result` comes from benchResultSkeleton.
void finishOmRunner(
    BenchResult* result, const BenchRequest& request, const OmRunnerReport& report, const BenchToolEnd& end);
void finishMsame(BenchResult* result, const BenchRequest& request, const RunnerReport& report, const BenchToolEnd& end);
// summaryTimesMs: npu_compute_time_list from ais_bench's *_summary.json (empty when there was none).
void finishAisBench(BenchResult* result, const BenchRequest& request, const RunnerReport& report,
    const QList<double>& summaryTimesMs, const BenchToolEnd& end);

// Reads npu_compute_time_list from the newest *_summary.json under `dir` modified at or after `notBefore`.
QList<double> readAisBenchSummaryTimes(const QString& dir, const QDateTime& notBefore);

// Fills stats and throughput from result->iterationsMs (batch * 1000 / mean). False when there are none.
bool fillStatsFromIterations(BenchResult* result);

} // namespace wb
