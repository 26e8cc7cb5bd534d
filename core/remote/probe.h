#pragma once

#include "parsing/npusmi.h"
#include "remote/host.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace wb {

// One step of a host probe, in the order they run: resolve, tcp, host_key, auth, env_script, platform, toolkit,
// npus, runners, disk. Skipped: not checked because an earlier step failed (or the probe was cancelled).
enum class ProbeStatus { Ok, Failed, Skipped };
QString probeStatusCode(ProbeStatus status); // "ok", "failed", "skipped"

struct ProbeStep {
    QString id;
    ProbeStatus status = ProbeStatus::Skipped;
    QString message; // what was found, one sentence
    QString fix; // what to do about a failure; empty when ok
};

QStringList probeStepIds();
QString probeStepTitle(const QString& id); // "Name resolves", "TCP connects", ...
QString probeStepShownTitle(const QString& id); // the same in the UI's language (the GUI shows it)

// What the remote part of the probe found.
struct ProbeFacts {
    QStringList envSearched; // the scripts looked for, with ~ expanded by the host
    QString envScript; // the one sourced; empty when none exists
    std::optional<int> envStatus; // its exit status when sourced
    QString envOutput; // the last lines it printed
    QString arch; // uname -m
    QString libc; // "glibc 2.36", "musl", or the raw first line
    QString atcPath;
    QString toolkitHome;
    QString toolkitVersion;
    QStringList socVersions;
    QString npuSmiPath;
    std::optional<int> npuSmiStatus;
    QByteArray npuSmiOutput;
    std::optional<NpuSmiInfo> npus; // parsed; empty when npu-smi is missing or its output did not parse
    QString npuSmiError; // why npus is empty
    QMap<QString, QString> runners; // found runner -> its path (om-runner, ais_bench, msit, msame)
    QString workDir; // expanded
    bool workDirExists = false;
    qint64 freeBytes = -1; // in the work folder (or its nearest existing parent); -1 unknown
    bool complete = false; // the script ran to its end
    QString lastSection; // the last section it printed
};

// The script run on the host by `sh`/`bash -c SCRIPT atcwb-probe WORKDIR ENV_CANDIDATE…`: it looks for and sources
// the environment script, then prints sections "@@atcwb:NAME" each followed by its content.
QString probeScript();
QStringList probeScriptArgs(const Host& host); // WORKDIR, then the env script candidates

// Pure: the sections of the script's output, in order (name -> content without the marker lines).
QMap<QString, QByteArray> splitProbeSections(const QByteArray& output, QString* lastSection = nullptr);
// Pure: the facts in the script's output (npu-smi's table through parseNpuSmiInfo, toolkit version files through
// parseToolkitVersionFile).
ProbeFacts parseProbeOutput(const QByteArray& output);
// Pure: the verdicts of the remote steps (env_script … disk) from the facts.
QList<ProbeStep> remoteProbeSteps(const Host& host, const ProbeFacts& facts);
// "libc" from `getconf GNU_LIBC_VERSION` or the first line of `ldd --version`.
QString parseLibcVersion(const QString& line);
// Available bytes from `df -Pk` output; -1 when it does not parse.
qint64 parseDfAvailableBytes(const QByteArray& dfOutput);

// A finished probe. verdict(): "ok" (every step ok), "partial" (connection, environment, platform and disk ok, but
// no toolkit, no NPU or no runner: the host can do part of the job), "failed" (any other step failed).
struct ProbeReport {
    QString host;
    QList<ProbeStep> steps;
    ProbeFacts facts;
    bool remoteRan = false; // facts come from the host

    QString verdict() const;
    bool canConvert() const; // toolkit ok
    bool canRun() const; // npus and runners ok
    const ProbeStep* step(const QString& id) const;
};

// The documented contract of `atcwb hosts probe NAME --json`: {"host", "steps": [{"step", "status", "message",
// "fix"}], "verdict", "can_convert", "can_run", "arch", "libc", "env_script", "toolkit": {...}|null, "npus": [...],
// "runners": {...}, "work_dir", "free_bytes"}.
QJsonObject probeReportToJson(const ProbeReport& report);
// Plain text: one line per step ("[ok] TCP connects: …"), the fix indented under a failure, then the verdict.
QString probeReportToText(const ProbeReport& report);

} // namespace wb
