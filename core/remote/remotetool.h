#pragma once

// A tool run on a host (README "Converting on a host", "Running on a host"): it stands in for a local ToolRunner.
// The local files the argv names are uploaded into the host's work folder (remotefiles.h: skipped when the host
// already has the same bytes), the tool runs on the host under the host's environment script in a run folder of its
// own with its output streamed back line by line, the files it wrote into the mapped folders come back, and the run
// ends with a ToolResult as a local run would. ConversionJobRun (ATC) and BenchRun (om-runner, ais_bench, msame)
// use it; their parsers, logs and results stay as they are.
#include "process/toolinvocation.h"
#include "process/toolresult.h"
#include "remote/remotetarget.h"
#include "util/result.h"

#include <QMap>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <optional>

namespace wb {

class ToolRunner;
class RemoteUpload;
class RemoteFetch;
struct UploadFile;

// A local folder the argv names that becomes a folder inside the remote run folder; what the tool writes there
// comes back into the local folder.
struct RemoteFolder {
    QString local; // absolute
    QString remote; // relative to the run folder: "." or a plain name such as "out"
    QStringList fetchPrefixes; // only files whose path (relative to the folder) starts with one of these; empty: all
};

struct RemoteToolOptions {
    QString toolName = QStringLiteral("ATC"); // in messages: "ATC may still be running on HOST"
    QList<RemoteFolder> folders;
    int timeoutMs = 0; // 0: none
    bool fetchOnFailure = false; // also fetch after a non-zero exit (outputs of a failed run)
    QStringList verbatim; // arguments that are the host's own paths (a tool run through a wrapper): never mapped
    // Files that must sit beside a local file the argv names (an ONNX model's external-data files): absolute local
    // path -> paths relative to its folder. They are uploaded into the same inputs/<sha256>/ folder as that file,
    // keeping their relative paths.
    QMap<QString, QStringList> companions;
};

// The remote half of a run: POSIX sh, run under bash when the host has it. Arguments: WORKDIR, the number N of
// environment script candidates, the N candidates, the number M of folders to make in the run folder, the M
// folders, then the argv to run. It makes a run folder WORKDIR/runs/run-XXXXXX, cd's into it, sources the first
// candidate that exists and prints, on stdout, marker lines: "@@atcwb:staging PATH", "@@atcwb:pid PID PGID" before
// the tool starts, "@@atcwb:exit CODE" after it, then "@@atcwb:file SIZE PATH" per file in the run folder (path
// relative to it) and "@@atcwb:end".
QString remoteRunScript();
QStringList remoteRunArgs(const Host& host, const QStringList& folders, const QStringList& argv);
// Stops a remote process group: SIGTERM, up to N tenths of a second for it to go, then SIGKILL; then removes
// STAGING when it is a run folder of the work folder. Arguments: PGID (empty: none), STAGING, WORKDIR, N.
QString remoteStopScript();

// A marker line of remoteRunScript(), or nullopt for a line of the tool's own. A marker glued to the end of the
// tool's last unterminated line is split off: `before` gets that text.
struct RunMarker {
    QString name; // staging, pid, exit, file, end, error
    QStringList fields; // split on single spaces; "file" keeps the path whole as its second field
    QString before;
};
std::optional<RunMarker> parseRunMarker(const QString& line);

class RemoteToolRun : public QObject {
    Q_OBJECT
public:
    RemoteToolRun(const RemoteTarget& target, const ToolInvocation& local, const RemoteToolOptions& options,
        QObject* parent = nullptr);
    // A run still going: the local ssh is killed and a stop of the remote process group is sent, not waited for.
    ~RemoteToolRun() override;

    // Upload, run, fetch, clean up; finished() follows exactly once, always from the event loop.
    void start();
    // Stops the remote process group (SIGTERM, then SIGKILL after 5 s), removes the remote run folder;
    // finished(Cancelled) follows.
    void cancel();
    // Synchronous, for quitting: stops the remote group and waits up to waitMs for it.
    bool shutdown(int waitMs);
    bool isRunning() const { return m_running; }

    // The argv as it runs on the host (paths into the work folder), and as one line for people.
    QStringList remoteArgv() const { return m_remoteArgv; }
    QString commandLine() const;
    // Why the run failed in a way the tool's output cannot tell (upload, lost link, fetch, wrong binary); empty else.
    QString failure() const { return m_failure; }
    qint64 remotePid() const { return m_pid; }
    qint64 remoteProcessGroup() const { return m_pgid; }
    QString remoteStaging() const { return m_remoteStaging; }
    qint64 bytesUploaded() const;
    int filesUploaded() const;
    int filesAlreadyThere() const;
    qint64 bytesFetched() const;
    QStringList fetchedFiles() const { return m_fetched; }

signals:
    void progress(
        const QString& message); // "Uploading model.onnx (12.3 MiB) to board", "Fetching …" (in the UI's language)
    void remoteStarted(qint64 pid, qint64 pgid);
    void linesReceived(wb::ToolChannel channel, const QStringList& lines); // the tool's own lines, markers taken out
    void finished(const wb::ToolResult& result);

private:
    enum class Stop { None, Cancel, Timeout };
    QString mapValue(const QString& value, QList<UploadFile>* uploads) const;
    void onUploaded(bool ok, const Error& error);
    void runRemote();
    void onLines(ToolChannel channel, const QStringList& lines);
    void onMarker(const RunMarker& marker);
    void onRunFinished(const ToolResult& result);
    void fetch();
    void onFetched(bool ok, const Error& error);
    void cleanUp();
    void stopRemote(Stop why);
    ToolInvocation stopInvocation(int graceTenths) const;
    void complete();

    RemoteTarget m_target;
    ToolInvocation m_local;
    RemoteToolOptions m_options;
    QStringList m_remoteArgv;
    RemoteUpload* m_upload = nullptr;
    RemoteFetch* m_fetch = nullptr;
    ToolRunner* m_runner = nullptr; // the run
    ToolRunner* m_helper = nullptr; // stop and clean-up calls
    QTimer m_timeout;
    QStringList m_errTail;
    struct RemoteFile {
        qint64 size = -1;
        QString path; // relative to the run folder
    };
    QList<RemoteFile> m_remoteFiles;
    QStringList m_fetched;
    QString m_remoteStaging;
    QString m_failure;
    ToolResult m_result;
    qint64 m_pid = 0;
    qint64 m_pgid = 0;
    std::optional<int> m_exitCode;
    qint64 m_startedMs = 0;
    Stop m_stop = Stop::None;
    bool m_running = false;
    bool m_stopSent = false;
};

} // namespace wb
