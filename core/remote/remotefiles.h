#pragma once

// Files to and from a host's work folder over plain ssh (no sftp/scp needed on the host): uploads are content
// addressed and skipped when the host already holds the same bytes (sha256), downloads are checked against the
// host's sha256. Every user value reaches the remote shell as a positional parameter (remoteScriptCommand).
#include "remote/remotetarget.h"
#include "util/result.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

template <typename T> class QFutureWatcher;

namespace wb {

class ToolRunner;
struct ToolResult;

// The shell function every remote script of this app starts with: `_wb_x PATH` expands a leading ~ the way the
// shell would have, had the path not been quoted.
QString remoteTildeFunction();
// The start of a remote script called as `SCRIPT WORKDIR N ENV_CANDIDATE_1 … ENV_CANDIDATE_N REST…`: the ~ function,
// _wb_wd (the work folder, ~ expanded) and _wb_env (the first candidate that exists; empty when none does), the
// arguments shifted to REST. Sourcing _wb_env is left to the script.
QString remoteScriptPrelude();

// Where an input file lives in the host's work folder: inputs/<sha256>/<file name>. The same bytes always land in
// the same place, so a second upload of them finds them there.
QString remoteInputPath(const QString& sha256, const QString& fileName);

// One sentence for a failed remote write, from what the host printed on stderr: a full disk, a read-only file
// system or a permission problem, each with what to do ("Free space in … or set another work folder …").
QString explainRemoteWriteFailure(const Host& host, const QString& what, const QString& stderrText);

struct UploadFile {
    QString localPath;
    QString remotePath; // relative to the host's work folder; "{sha256}" in it becomes the file's sha256, and
                        // "{sha256@N}" that of the list's file N (a companion file beside its main file)
    QString sha256; // computed by the upload when empty (lowercase hex)
    qint64 size = 0; // filled by the upload
    bool sent = false; // after the upload: false when the host already had these bytes
};

// Uploads files into the host's work folder: hashes them on a worker thread, asks the host in one ssh call which
// it already has (sha256sum of the target), then sends only the others, one ssh call each (`cat` into a temporary
// file beside the target, checked against the sha256, then renamed). finished() follows start() exactly once,
// always from the event loop. Error codes: unreadable, upload_check, upload_failed, cancelled.
class RemoteUpload : public QObject {
    Q_OBJECT
public:
    explicit RemoteUpload(const RemoteTarget& target, QObject* parent = nullptr);
    ~RemoteUpload() override;

    bool start(const QList<UploadFile>& files);
    void cancel();
    bool isRunning() const { return m_running; }
    const QList<UploadFile>& files() const { return m_files; }
    QString remoteWorkDir() const { return m_workDir; } // as the host expanded it; empty before the check
    qint64 bytesSent() const { return m_bytesSent; }

signals:
    void sending(const QString& localPath, qint64 bytes);
    void finished(bool ok, const wb::Error& error);

private:
    void onHashed();
    void check();
    void onChecked(const ToolResult& result);
    void sendNext();
    void onSent(const ToolResult& result);
    void finish(const Error& error);

    RemoteTarget m_target;
    QList<UploadFile> m_files;
    QList<int> m_toSend;
    int m_current = -1;
    ToolRunner* m_runner = nullptr;
    QFutureWatcher<Error>* m_hashing = nullptr;
    QByteArray m_out;
    QByteArray m_err;
    QString m_workDir;
    qint64 m_bytesSent = 0;
    bool m_running = false;
    bool m_cancelled = false;
};

struct FetchFile {
    QString remotePath; // absolute on the host
    QString localPath;
    QString sha256; // what the host said; the local copy must match
    qint64 size = -1;
};

// Downloads files from the host (`cat`, one ssh call each), checking each against its sha256. finished() follows
// start() exactly once, from the event loop. Error codes: fetch_failed, cancelled.
class RemoteFetch : public QObject {
    Q_OBJECT
public:
    explicit RemoteFetch(const RemoteTarget& target, QObject* parent = nullptr);
    ~RemoteFetch() override;

    bool start(const QList<FetchFile>& files);
    void cancel();
    bool isRunning() const { return m_running; }
    qint64 bytesReceived() const { return m_bytes; }

signals:
    void finished(bool ok, const wb::Error& error);

private:
    void fetchNext();
    void onFetched(const ToolResult& result);
    void finish(const Error& error);

    RemoteTarget m_target;
    QList<FetchFile> m_files;
    int m_current = -1;
    ToolRunner* m_runner = nullptr;
    QFile m_file;
    QByteArray m_err;
    qint64 m_bytes = 0;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_writeFailed = false;
};

} // namespace wb
