#include "remotefiles.h"

#include "atc/conversionrecipe.h"
#include "logging/logging.h"
#include "process/toolrunner.h"
#include "remote/remotetext.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace wb {

namespace {

constexpr qsizetype kMaxErrBytes = 64 * 1024;

// Asks the host, for each (path, sha256) pair, whether the work folder already holds those bytes there.
QString checkScript()
{
    return remoteTildeFunction() + QStringLiteral(R"SH(_wb_wd=$(_wb_x "$1"); shift
printf '@@atcwb:workdir %s\n' "$_wb_wd"
while [ $# -ge 2 ]; do
  _wb_f="$_wb_wd/$1"; _wb_h=
  [ -f "$_wb_f" ] && _wb_h=$(sha256sum <"$_wb_f" 2>/dev/null | cut -c1-64)
  if [ "$_wb_h" = "$2" ]; then echo have; else echo need; fi
  shift 2
done
)SH");
}

// Receives one file on stdin: into a temporary file beside the target, checked, then renamed over it.
QString receiveScript()
{
    return remoteTildeFunction() + QStringLiteral(R"SH(_wb_f="$(_wb_x "$1")/$2"; _wb_d=$(dirname "$_wb_f")
mkdir -p "$_wb_d" || exit 3
_wb_t=$(mktemp "$_wb_d/.upload-XXXXXX") || exit 3
if ! cat >"$_wb_t"; then rm -f "$_wb_t"; exit 4; fi
_wb_h=$(sha256sum <"$_wb_t" | cut -c1-64)
if [ "$_wb_h" != "$3" ]; then rm -f "$_wb_t"; echo "the upload arrived with sha256 $_wb_h, not $3" >&2; exit 5; fi
chmod 644 "$_wb_t" 2>/dev/null
mv -f "$_wb_t" "$_wb_f" || { rm -f "$_wb_t"; exit 6; }
)SH");
}

QString sendScript()
{
    return QStringLiteral("exec cat -- \"$1\"\n");
}

} // namespace

QString remoteTildeFunction()
{
    return QStringLiteral("_wb_x() { case $1 in \"~\") printf '%s\\n' \"$HOME\";; \"~/\"*) printf '%s/%s\\n' "
                          "\"$HOME\" \"${1#\"~/\"}\";; *) printf '%s\\n' \"$1\";; esac; }\n");
}

QString remoteScriptPrelude()
{
    return remoteTildeFunction() + QStringLiteral(R"SH(_wb_wd=$(_wb_x "$1"); _wb_n=$2; shift 2
_wb_env=
while [ "$_wb_n" -gt 0 ]; do
  _wb_p=$(_wb_x "$1"); shift; _wb_n=$((_wb_n - 1))
  if [ -z "$_wb_env" ] && [ -f "$_wb_p" ]; then _wb_env=$_wb_p; fi
done
)SH");
}

QString remoteInputPath(const QString& sha256, const QString& fileName)
{
    return QStringLiteral("inputs/%1/%2").arg(sha256, fileName);
}

QString explainRemoteWriteFailure(const Host& host, const QString& what, const QString& stderrText)
{
    const QString said = stderrText.trimmed().isEmpty() ? QString() : QStringLiteral(" (%1)").arg(stderrText.trimmed());
    const QString folder = host.effectiveWorkDir();
    if (stderrText.contains(QLatin1String("No space left on device"))
        || stderrText.contains(QLatin1String("Disk quota")))
        return englishText(remotetext::kWorkFolderFull).arg(what, folder, host.name, said, host.destination);
    if (stderrText.contains(QLatin1String("Read-only file system")))
        return englishText(remotetext::kWorkFolderReadOnly).arg(what, folder, host.name, said, host.destination);
    const QString err = stderrText.trimmed();
    if (stderrText.contains(QLatin1String("Permission denied")))
        return err.isEmpty()
            ? englishText(remotetext::kWorkFolderNotWritable).arg(what, folder, host.name, host.destination)
            : englishText(remotetext::kWorkFolderNotWritableSaid).arg(what, folder, host.name, host.destination, err);
    return err.isEmpty() ? englishText(remotetext::kFailedOn).arg(what, host.name)
                         : englishText(remotetext::kFailedOnSaid).arg(what, host.name, err);
}

// ---------------------------------------------------------------------------------------------------------------
// RemoteUpload

RemoteUpload::RemoteUpload(const RemoteTarget& target, QObject* parent)
    : QObject(parent)
    , m_target(target)
    , m_runner(new ToolRunner(this))
{
    connect(m_runner, &ToolRunner::bytesReceived, this, [this](ToolChannel channel, const QByteArray& bytes) {
        QByteArray& sink = channel == ToolChannel::StdOut ? m_out : m_err;
        if (sink.size() < kMaxErrBytes)
            sink += bytes.left(kMaxErrBytes - sink.size());
    });
}

RemoteUpload::~RemoteUpload()
{
    if (m_hashing) {
        m_hashing->disconnect(this);
        m_hashing->waitForFinished();
    }
}

bool RemoteUpload::start(const QList<UploadFile>& files)
{
    if (m_running)
        return false;
    m_running = true;
    m_cancelled = false;
    m_files = files;
    m_bytesSent = 0;
    m_hashing = new QFutureWatcher<Error>(this);
    connect(m_hashing, &QFutureWatcher<Error>::finished, this, &RemoteUpload::onHashed);
    QList<UploadFile>* list = &m_files; // the worker fills sha256 and size; nothing else touches m_files meanwhile
    m_hashing->setFuture(QtConcurrent::run([list]() -> Error {
        for (UploadFile& f : *list) {
            const QFileInfo info(f.localPath);
            if (!info.isFile())
                return { QStringLiteral("unreadable"),
                    QStringLiteral("Cannot upload %1: it is not a readable file.").arg(f.localPath), {} };
            f.size = info.size();
            if (!f.sha256.isEmpty())
                continue;
            const Result<QString> sha = sha256File(f.localPath);
            if (!sha.ok())
                return sha.error();
            f.sha256 = sha.value();
        }
        for (UploadFile& f : *list) {
            f.remotePath.replace(QLatin1String("{sha256}"), f.sha256);
            for (qsizetype i = 0; i < list->size(); ++i)
                f.remotePath.replace(QStringLiteral("{sha256@%1}").arg(i), list->at(i).sha256);
        }
        return {};
    }));
    return true;
}

void RemoteUpload::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_runner->isRunning())
        m_runner->cancel(); // only this side: a half-sent file stays a temporary file on the host
}

void RemoteUpload::onHashed()
{
    const Error error = m_hashing->result();
    m_hashing->deleteLater();
    m_hashing = nullptr;
    if (m_cancelled)
        return finish({ QStringLiteral("cancelled"), QStringLiteral("The upload was cancelled."), {} });
    if (!error.code.isEmpty())
        return finish(error);
    check();
}

void RemoteUpload::check()
{
    if (const auto error = ensurePrivateDir(m_target.paths.controlDir))
        return finish(*error);
    QStringList args { m_target.host.effectiveWorkDir() };
    for (const UploadFile& f : std::as_const(m_files))
        args << f.remotePath << f.sha256;
    m_out.clear();
    m_err.clear();
    connect(m_runner, &ToolRunner::finished, this, &RemoteUpload::onChecked, Qt::SingleShotConnection);
    m_runner->start(sshInvocation(m_target.host, m_target.paths,
        remoteScriptCommand(checkScript(), args, QStringLiteral("atcwb-check")), 0, m_target.timeouts));
}

void RemoteUpload::onChecked(const ToolResult& result)
{
    if (m_cancelled)
        return finish({ QStringLiteral("cancelled"), QStringLiteral("The upload was cancelled."), {} });
    QStringList answers;
    for (const QString& line : QString::fromUtf8(m_out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1String("@@atcwb:workdir ")))
            m_workDir = line.mid(16);
        else if (line == QLatin1String("have") || line == QLatin1String("need"))
            answers << line;
    }
    if (!result.ok() || answers.size() != m_files.size()) {
        return finish({ QStringLiteral("upload_check"),
            QStringLiteral("Could not ask %1 which files it already has (%2)%3")
                .arg(m_target.host.name, describe(result, QStringLiteral("ssh")),
                    m_err.isEmpty() ? QStringLiteral(".")
                                    : QStringLiteral(": ") + lastLines(QString::fromUtf8(m_err), 3)),
            {} });
    }
    m_toSend.clear();
    for (int i = 0; i < m_files.size(); ++i) {
        if (answers.at(i) == QLatin1String("need"))
            m_toSend << i;
        else
            log::app()->info(
                "{} is already on {} ({})", m_files.at(i).localPath, m_target.host.name, m_files.at(i).remotePath);
    }
    sendNext();
}

void RemoteUpload::sendNext()
{
    if (m_toSend.isEmpty())
        return finish({});
    m_current = m_toSend.takeFirst();
    const UploadFile& f = m_files.at(m_current);
    const ToolInvocation ssh = sshInvocation(m_target.host, m_target.paths,
        remoteScriptCommand(
            receiveScript(), { m_target.host.effectiveWorkDir(), f.remotePath, f.sha256 }, QStringLiteral("atcwb-put")),
        0, m_target.timeouts);
    // ToolRunner gives a tool /dev/null as stdin: a local sh redirects the file into ssh (argv, no quoting).
    ToolInvocation upload;
    upload.program = QStringLiteral("/bin/sh");
    upload.arguments = QStringList { QStringLiteral("-c"), QStringLiteral("f=$1; shift; exec \"$@\" <\"$f\""),
        QStringLiteral("atcwb-upload"), f.localPath, ssh.program }
        + ssh.arguments;
    m_out.clear();
    m_err.clear();
    emit sending(f.localPath, f.size);
    log::app()->info("Uploading {} ({} bytes) to {}:{}", f.localPath, f.size, m_target.host.name, f.remotePath);
    connect(m_runner, &ToolRunner::finished, this, &RemoteUpload::onSent, Qt::SingleShotConnection);
    m_runner->start(upload);
}

void RemoteUpload::onSent(const ToolResult& result)
{
    if (m_cancelled)
        return finish({ QStringLiteral("cancelled"), QStringLiteral("The upload was cancelled."), {} });
    UploadFile& f = m_files[m_current];
    if (!result.ok()) {
        return finish({ QStringLiteral("upload_failed"),
            explainRemoteWriteFailure(m_target.host,
                englishText(remotetext::kUploadingTo).arg(QFileInfo(f.localPath).fileName(), f.remotePath),
                lastLinesOr(QString::fromUtf8(m_err), 3, result, QStringLiteral("ssh"))),
            {} });
    }
    f.sent = true;
    m_bytesSent += f.size;
    sendNext();
}

void RemoteUpload::finish(const Error& error)
{
    m_running = false;
    emit finished(error.code.isEmpty(), error);
}

// ---------------------------------------------------------------------------------------------------------------
// RemoteFetch

RemoteFetch::RemoteFetch(const RemoteTarget& target, QObject* parent)
    : QObject(parent)
    , m_target(target)
    , m_runner(new ToolRunner(this))
{
    connect(m_runner, &ToolRunner::bytesReceived, this, [this](ToolChannel channel, const QByteArray& bytes) {
        if (channel == ToolChannel::StdErr) {
            if (m_err.size() < kMaxErrBytes)
                m_err += bytes.left(kMaxErrBytes - m_err.size());
            return;
        }
        if (m_file.write(bytes) != bytes.size())
            m_writeFailed = true;
        m_bytes += bytes.size();
    });
}

RemoteFetch::~RemoteFetch() = default;

bool RemoteFetch::start(const QList<FetchFile>& files)
{
    if (m_running)
        return false;
    m_running = true;
    m_files = files;
    m_current = -1;
    QTimer::singleShot(0, this, &RemoteFetch::fetchNext);
    return true;
}

void RemoteFetch::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_runner->isRunning())
        m_runner->cancel();
}

void RemoteFetch::fetchNext()
{
    if (m_cancelled)
        return finish({ QStringLiteral("cancelled"), QStringLiteral("The download was cancelled."), {} });
    if (++m_current >= m_files.size())
        return finish({});
    const FetchFile& f = m_files.at(m_current);
    m_file.setFileName(f.localPath);
    m_writeFailed = false;
    m_err.clear();
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return finish({ QStringLiteral("fetch_failed"),
            QStringLiteral("Cannot write %1: %2.").arg(f.localPath, m_file.errorString()), {} });
    }
    connect(m_runner, &ToolRunner::finished, this, &RemoteFetch::onFetched, Qt::SingleShotConnection);
    m_runner->start(sshInvocation(m_target.host, m_target.paths,
        remoteScriptCommand(sendScript(), { f.remotePath }, QStringLiteral("atcwb-get")), 0, m_target.timeouts));
}

void RemoteFetch::onFetched(const ToolResult& result)
{
    m_file.close();
    const FetchFile& f = m_files.at(m_current);
    if (m_cancelled) {
        QFile::remove(f.localPath);
        return finish({ QStringLiteral("cancelled"), QStringLiteral("The download was cancelled."), {} });
    }
    QString problem;
    if (!result.ok())
        problem = lastLinesOr(QString::fromUtf8(m_err), 3, result, QStringLiteral("ssh"));
    else if (m_writeFailed)
        problem = QStringLiteral("writing %1 failed (is the local disk full?)").arg(f.localPath);
    else if (!f.sha256.isEmpty()) {
        const Result<QString> sha = sha256File(f.localPath);
        if (!sha.ok() || sha.value() != f.sha256)
            problem = QStringLiteral("the copy's sha256 %1 differs from the host's %2")
                          .arg(sha.ok() ? sha.value() : sha.error().message, f.sha256);
    }
    if (!problem.isEmpty()) {
        QFile::remove(f.localPath);
        return finish({ QStringLiteral("fetch_failed"),
            QStringLiteral("Fetching %1 from %2 failed: %3.").arg(f.remotePath, m_target.host.name, problem), {} });
    }
    fetchNext();
}

void RemoteFetch::finish(const Error& error)
{
    m_running = false;
    emit finished(error.code.isEmpty(), error);
}

} // namespace wb
