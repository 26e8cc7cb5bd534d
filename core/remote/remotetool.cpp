#include "remotetool.h"

#include "logging/logging.h"
#include "process/toolcapture.h"
#include "process/toolrunner.h"
#include "remote/remotefiles.h"
#include "remote/remotetext.h"
#include "util/units.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QSet>

namespace wb {

namespace {

// The context of the texts a run on a host shows as it goes (progress, notes) in translations/*.ts: written in the
// UI's language (atcwb installs no translator, so it prints English).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RemoteRun)
};

const QString kMarker = QStringLiteral("@@atcwb:");
constexpr int kStopGraceTenths = 50; // 5 s, like a local run's kill grace
constexpr int kErrTailLines = 5;

} // namespace

QList<ShownText> remoteFailureTexts()
{
    using namespace remotetext;
    return { kSshNotStarted, kDidNotStartSaid, kDidNotStart, kConnectionLost, kNotFound, kWrongArchitecture,
        kCannotExecute, kWorkFolderFull, kWorkFolderReadOnly, kWorkFolderNotWritableSaid, kWorkFolderNotWritable,
        kFailedOnSaid, kFailedOn, kMakingRunFolder, kUploadingTo };
}

QString remoteRunScript()
{
    return remoteScriptPrelude()
        + QStringLiteral(
            R"SH(if ! mkdir -p "$_wb_wd/runs" || ! _wb_st=$(mktemp -d "$_wb_wd/runs/run-XXXXXX") || ! cd "$_wb_st"; then
  printf '@@atcwb:error staging %s\n' "$_wb_wd/runs"; exit 120
fi
printf '@@atcwb:staging %s\n' "$_wb_st"
_wb_n=$1; shift
while [ "$_wb_n" -gt 0 ]; do mkdir -p -- "$1"; shift; _wb_n=$((_wb_n - 1)); done
if [ -n "$_wb_env" ]; then
  . "$_wb_env" >"$_wb_st/.atcwb-env.log" 2>&1 || printf '@@atcwb:error env %s\n' "$_wb_env"
else
  printf '@@atcwb:error noenv\n'
fi
_wb_pg=$(ps -o pgid= -p $$ 2>/dev/null | tr -d ' '); [ -n "$_wb_pg" ] || _wb_pg=$$
printf '@@atcwb:pid %s %s\n' "$$" "$_wb_pg"
"$@"
_wb_rc=$?
printf '@@atcwb:exit %s\n' "$_wb_rc"
find . -type f ! -name '.atcwb-*' 2>/dev/null | while IFS= read -r _wb_f; do
  printf '@@atcwb:file %s %s\n' "$(wc -c <"$_wb_f" | tr -d ' ')" "${_wb_f#./}"
done
printf '@@atcwb:end\n'
)SH");
}

QStringList remoteRunArgs(const Host& host, const QStringList& folders, const QStringList& argv)
{
    const QStringList env = host.envScriptCandidates();
    return QStringList { host.effectiveWorkDir(), QString::number(env.size()) } + env
        + QStringList { QString::number(folders.size()) } + folders + argv;
}

QString remoteStopScript()
{
    return remoteTildeFunction() + QStringLiteral(R"SH(_wb_pg=$1; _wb_st=$2; _wb_wd=$(_wb_x "$3"); _wb_n=$4
if [ -n "$_wb_pg" ] && [ "$_wb_pg" -gt 1 ] 2>/dev/null; then
  kill -TERM -"$_wb_pg" 2>/dev/null
  _wb_i=0
  while kill -0 -"$_wb_pg" 2>/dev/null; do
    if [ "$_wb_i" -ge "$_wb_n" ]; then kill -KILL -"$_wb_pg" 2>/dev/null; break; fi
    sleep 0.1 2>/dev/null || sleep 1
    _wb_i=$((_wb_i + 1))
  done
fi
case $_wb_st in "$_wb_wd"/runs/run-*) rm -rf -- "$_wb_st";; esac
exit 0
)SH");
}

std::optional<RunMarker> parseRunMarker(const QString& line)
{
    const qsizetype at = line.indexOf(kMarker);
    if (at < 0)
        return std::nullopt;
    RunMarker m;
    m.before = line.left(at);
    const QString rest = line.mid(at + kMarker.size());
    m.name = rest.section(QLatin1Char(' '), 0, 0);
    const QString tail = rest.section(QLatin1Char(' '), 1);
    if (m.name == QLatin1String("file"))
        m.fields = QStringList { tail.section(QLatin1Char(' '), 0, 0), tail.section(QLatin1Char(' '), 1) };
    else if (m.name == QLatin1String("staging") || m.name == QLatin1String("error"))
        m.fields = QStringList { tail };
    else
        m.fields = tail.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    static const QStringList known { QStringLiteral("staging"), QStringLiteral("pid"), QStringLiteral("exit"),
        QStringLiteral("file"), QStringLiteral("end"), QStringLiteral("error") };
    if (!known.contains(m.name))
        return std::nullopt;
    return m;
}

RemoteToolRun::RemoteToolRun(
    const RemoteTarget& target, const ToolInvocation& local, const RemoteToolOptions& options, QObject* parent)
    : QObject(parent)
    , m_target(target)
    , m_local(local)
    , m_options(options)
    , m_runner(new ToolRunner(this))
    , m_helper(new ToolRunner(this))
{
    for (RemoteFolder& f : m_options.folders)
        f.local = QDir::cleanPath(f.local);
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] { stopRemote(Stop::Timeout); });
    connect(m_runner, &ToolRunner::linesReceived, this, &RemoteToolRun::onLines);
    m_remoteArgv = QStringList { m_local.program };
    for (const QString& arg : std::as_const(m_local.arguments))
        m_remoteArgv << mapValue(arg, nullptr);
}

RemoteToolRun::~RemoteToolRun()
{
    if (!m_running)
        return;
    disconnect(m_runner, nullptr, this, nullptr);
    disconnect(m_helper, nullptr, this, nullptr);
    if (m_pgid > 1 && m_runner->isRunning() && !m_stopSent) {
        // Not waited for: the app is going away. The stop runs on after us (it only talks to the host).
        const ToolInvocation stop = stopInvocation(kStopGraceTenths);
        QProcess::startDetached(stop.program, stop.arguments);
    }
}

// One argument on the host: "--flag=VALUE" or a bare VALUE, where VALUE may be a comma-separated list. A path in a
// mapped folder becomes the path in the run folder; an existing local file becomes its place in the work folder
// (without uploads, before they are hashed, "<sha256>" stands for the hash: onUploaded maps the argv again).
QString RemoteToolRun::mapValue(const QString& arg, QList<UploadFile>* uploads) const
{
    if (m_options.verbatim.contains(arg))
        return arg;
    qsizetype eq = -1;
    if (arg.startsWith(QLatin1String("--")))
        eq = arg.indexOf(QLatin1Char('='));
    if (arg.startsWith(QLatin1String("-")) && eq < 0)
        return arg;
    QStringList parts = arg.mid(eq + 1).split(QLatin1Char(','));
    bool changed = false;
    for (QString& part : parts) {
        if (!part.startsWith(QLatin1Char('/')))
            continue;
        const QString clean = QDir::cleanPath(part);
        bool mapped = false;
        for (const RemoteFolder& f : m_options.folders) {
            if (clean == f.local) {
                part = f.remote;
                mapped = true;
            } else if (clean.startsWith(f.local + QLatin1Char('/'))) {
                const QString rest = clean.mid(f.local.size() + 1);
                part = f.remote == QLatin1String(".") ? rest : f.remote + QLatin1Char('/') + rest;
                mapped = true;
            }
            if (mapped)
                break;
        }
        if (!mapped && QFileInfo(clean).isFile()) {
            // The run folder is WORKDIR/runs/run-XXXXXX; before the upload the place shows "<sha256>".
            QString sha = QStringLiteral("<sha256>");
            for (const UploadFile& u : uploads ? *uploads : QList<UploadFile>()) {
                if (u.localPath == clean)
                    sha = u.sha256;
            }
            part = QStringLiteral("../../") + remoteInputPath(sha, QFileInfo(clean).fileName());
            mapped = true;
        }
        changed = changed || mapped;
    }
    if (!changed)
        return arg;
    return arg.left(eq + 1) + parts.join(QLatin1Char(','));
}

void RemoteToolRun::start()
{
    m_running = true;
    QList<UploadFile> files;
    QSet<QString> seen;
    for (const QString& arg : std::as_const(m_local.arguments)) {
        const qsizetype eq = arg.startsWith(QLatin1String("--")) ? arg.indexOf(QLatin1Char('=')) : -1;
        if ((arg.startsWith(QLatin1Char('-')) && eq < 0) || m_options.verbatim.contains(arg))
            continue;
        for (const QString& part : arg.mid(eq + 1).split(QLatin1Char(','))) {
            const QString clean = QDir::cleanPath(part);
            bool inFolder = false;
            for (const RemoteFolder& f : std::as_const(m_options.folders))
                inFolder = inFolder || clean == f.local || clean.startsWith(f.local + QLatin1Char('/'));
            const QFileInfo local(clean);
            if (inFolder || !local.isAbsolute() || !local.isFile() || seen.contains(clean))
                continue;
            seen.insert(clean);
            UploadFile u;
            u.localPath = clean;
            u.remotePath = remoteInputPath(QStringLiteral("{sha256}"), local.fileName());
            const qsizetype main = files.size();
            files << u;
            for (const QString& rel : m_options.companions.value(clean)) {
                UploadFile c;
                c.localPath = QDir(local.absolutePath()).filePath(rel);
                c.remotePath = remoteInputPath(QStringLiteral("{sha256@%1}").arg(main), rel);
                files << c;
            }
        }
    }
    m_upload = new RemoteUpload(m_target, this);
    connect(m_upload, &RemoteUpload::sending, this, [this](const QString& path, qint64 bytes) {
        emit progress(
            Tr::tr("Uploading %1 (%2) to %3").arg(QFileInfo(path).fileName(), formatBytes(bytes), m_target.host.name));
    });
    connect(m_upload, &RemoteUpload::finished, this, &RemoteToolRun::onUploaded);
    m_upload->start(files);
}

void RemoteToolRun::onUploaded(bool ok, const Error& error)
{
    if (m_stop != Stop::None) {
        m_result.kind = m_stop == Stop::Cancel ? ToolResult::Kind::Cancelled : ToolResult::Kind::TimedOut;
        return complete();
    }
    if (!ok) {
        m_failure = error.message;
        m_result.kind = ToolResult::Kind::FailedToStart;
        m_result.errorString = error.message;
        return complete();
    }
    QList<UploadFile> uploads = m_upload->files();
    m_remoteArgv = QStringList { m_local.program };
    for (const QString& arg : std::as_const(m_local.arguments))
        m_remoteArgv << mapValue(arg, &uploads);
    runRemote();
}

QString RemoteToolRun::commandLine() const
{
    return QStringLiteral("[on %1] %2").arg(m_target.host.name, shellQuote(m_remoteArgv));
}

void RemoteToolRun::runRemote()
{
    emit progress(Tr::tr("Running %1 on %2").arg(m_options.toolName, m_target.host.name));
    QStringList folders;
    for (const RemoteFolder& f : std::as_const(m_options.folders)) {
        if (f.remote != QLatin1String("."))
            folders << f.remote;
    }
    connect(m_runner, &ToolRunner::finished, this, &RemoteToolRun::onRunFinished, Qt::SingleShotConnection);
    const ToolInvocation run = sshInvocation(m_target.host, m_target.paths,
        remoteScriptCommand(
            remoteRunScript(), remoteRunArgs(m_target.host, folders, m_remoteArgv), QStringLiteral("atcwb-run")),
        0, m_target.timeouts);
    log::app()->info("On {}: {}", m_target.host.name, shellQuote(m_remoteArgv));
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_runner->start(run);
    if (m_options.timeoutMs > 0)
        m_timeout.start(m_options.timeoutMs);
}

void RemoteToolRun::onLines(ToolChannel channel, const QStringList& lines)
{
    QStringList own;
    for (const QString& line : lines) {
        const auto marker = channel == ToolChannel::StdOut ? parseRunMarker(line) : std::nullopt;
        if (!marker) {
            own << line;
            if (channel == ToolChannel::StdErr) {
                m_errTail << line;
                if (m_errTail.size() > kErrTailLines)
                    m_errTail.removeFirst();
            }
            continue;
        }
        if (!marker->before.isEmpty())
            own << marker->before;
        if (!own.isEmpty()) {
            emit linesReceived(channel, own);
            own.clear();
        }
        onMarker(*marker);
    }
    if (!own.isEmpty())
        emit linesReceived(channel, own);
}

void RemoteToolRun::onMarker(const RunMarker& marker)
{
    if (marker.name == QLatin1String("staging")) {
        m_remoteStaging = marker.fields.value(0);
    } else if (marker.name == QLatin1String("pid")) {
        m_pid = marker.fields.value(0).toLongLong();
        m_pgid = marker.fields.value(1).toLongLong();
        emit remoteStarted(m_pid, m_pgid);
        if (m_stop != Stop::None && !m_stopSent) // stopped before the pid was known
            stopRemote(m_stop);
    } else if (marker.name == QLatin1String("exit")) {
        bool ok = false;
        const int code = marker.fields.value(0).toInt(&ok);
        if (ok)
            m_exitCode = code;
    } else if (marker.name == QLatin1String("file")) {
        m_remoteFiles << RemoteFile { marker.fields.value(0).toLongLong(), marker.fields.value(1) };
    } else if (marker.name == QLatin1String("error")) {
        const QString what = marker.fields.value(0);
        if (what.startsWith(QLatin1String("staging "))) {
            m_failure = explainRemoteWriteFailure(m_target.host,
                englishText(remotetext::kMakingRunFolder).arg(what.mid(8)), m_errTail.join(QLatin1Char('\n')));
        } else if (what.startsWith(QLatin1String("env "))) {
            log::app()->warn(
                "On {}: sourcing {} returned non-zero", m_target.host.name.toStdString(), what.mid(4).toStdString());
        } else if (what == QLatin1String("noenv")) {
            log::app()->warn("On {}: none of the environment scripts exists ({})", m_target.host.name,
                m_target.host.envScriptCandidates().join(QStringLiteral(", ")));
        }
    }
}

void RemoteToolRun::onRunFinished(const ToolResult& result)
{
    m_timeout.stop();
    const qint64 duration = QDateTime::currentMSecsSinceEpoch() - m_startedMs;
    if (m_stop != Stop::None) {
        m_result = result;
        m_result.kind = m_stop == Stop::Cancel ? ToolResult::Kind::Cancelled : ToolResult::Kind::TimedOut;
        m_result.durationMs = duration;
        if (!m_helper->isRunning())
            complete();
        return;
    }
    const QString err = m_errTail.join(QLatin1Char('\n')).trimmed();
    const QString host = m_target.host.name;
    const QString tool = m_options.toolName;
    if (!m_exitCode) {
        m_result = result;
        m_result.durationMs = duration;
        if (result.kind == ToolResult::Kind::FailedToStart) {
            m_failure = englishText(remotetext::kSshNotStarted).arg(m_target.paths.sshProgram, result.errorString);
        } else if (!m_failure.isEmpty()) {
            // the script said why (no run folder)
        } else if (m_pid == 0) {
            m_failure = err.isEmpty()
                ? englishText(remotetext::kDidNotStart).arg(tool, host, describe(result, QStringLiteral("ssh")))
                : englishText(remotetext::kDidNotStartSaid)
                      .arg(tool, host, describe(result, QStringLiteral("ssh")), err);
        } else {
            m_failure = englishText(remotetext::kConnectionLost)
                            .arg(host, tool, err.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(err))
                            .arg(m_pid)
                            .arg(m_pgid)
                            .arg(m_target.host.port)
                            .arg(m_target.host.destination);
        }
        if (m_result.kind == ToolResult::Kind::Finished)
            m_result.kind = ToolResult::Kind::NonZeroExit;
        log::app()->warn("{}", m_failure);
        return complete();
    }
    m_result = ToolResult {};
    m_result.durationMs = duration;
    m_result.exitCode = *m_exitCode;
    if (*m_exitCode != 0) {
        m_result.kind = ToolResult::Kind::NonZeroExit;
        m_result.killedLikelyOom = *m_exitCode == 137;
        const QString program = m_remoteArgv.value(0);
        if (*m_exitCode == 127 && err.contains(program))
            m_failure = englishText(remotetext::kNotFound).arg(program, host, err);
        else if (*m_exitCode == 126 && err.contains(QLatin1String("Exec format error")))
            m_failure = englishText(remotetext::kWrongArchitecture).arg(program, host);
        else if (*m_exitCode == 126)
            m_failure = englishText(remotetext::kCannotExecute).arg(program, host, err);
    }
    if (*m_exitCode == 0 || m_options.fetchOnFailure)
        return fetch();
    cleanUp();
}

void RemoteToolRun::fetch()
{
    QList<FetchFile> files;
    for (const RemoteFile& f : std::as_const(m_remoteFiles)) {
        if (f.path.contains(QLatin1String("..")) || f.path.startsWith(QLatin1Char('/')))
            continue;
        for (const RemoteFolder& folder : std::as_const(m_options.folders)) {
            QString rest;
            if (folder.remote == QLatin1String(".")) {
                if (f.path.contains(QLatin1Char('/')))
                    continue; // only the run folder's own files, not kernel_meta/ and the like
                rest = f.path;
            } else if (f.path.startsWith(folder.remote + QLatin1Char('/'))) {
                rest = f.path.mid(folder.remote.size() + 1);
            } else {
                continue;
            }
            bool wanted = folder.fetchPrefixes.isEmpty();
            for (const QString& prefix : folder.fetchPrefixes)
                wanted = wanted || rest.startsWith(prefix);
            if (!wanted)
                continue;
            const QString local = QDir(folder.local).filePath(rest);
            QDir().mkpath(QFileInfo(local).absolutePath());
            files << FetchFile { m_remoteStaging + QLatin1Char('/') + f.path, local, {}, f.size };
            break;
        }
    }
    if (files.isEmpty())
        return cleanUp();
    qint64 total = 0;
    for (const FetchFile& f : std::as_const(files))
        total += f.size;
    emit progress(
        Tr::tr("Fetching %1 file(s) (%2) from %3").arg(files.size()).arg(formatBytes(total), m_target.host.name));
    m_fetch = new RemoteFetch(m_target, this);
    connect(m_fetch, &RemoteFetch::finished, this, &RemoteToolRun::onFetched);
    for (const FetchFile& f : std::as_const(files))
        m_fetched << f.localPath;
    m_fetch->start(files);
}

void RemoteToolRun::onFetched(bool ok, const Error& error)
{
    if (m_stop != Stop::None) {
        m_result.kind = m_stop == Stop::Cancel ? ToolResult::Kind::Cancelled : ToolResult::Kind::TimedOut;
        return cleanUp();
    }
    if (!ok) {
        m_failure = error.message;
        m_fetched.clear();
        if (m_result.kind == ToolResult::Kind::Finished)
            m_result.kind = ToolResult::Kind::NonZeroExit;
    }
    cleanUp();
}

// Removes the remote run folder (the uploaded inputs stay: the next run finds them).
void RemoteToolRun::cleanUp()
{
    if (m_remoteStaging.isEmpty())
        return complete();
    connect(
        m_helper, &ToolRunner::finished, this, [this](const ToolResult&) { complete(); }, Qt::SingleShotConnection);
    m_helper->start(stopInvocation(0));
}

ToolInvocation RemoteToolRun::stopInvocation(int graceTenths) const
{
    return sshInvocation(m_target.host, m_target.paths,
        remoteScriptCommand(remoteStopScript(),
            { graceTenths > 0 ? QString::number(m_pgid) : QString(), m_remoteStaging, m_target.host.effectiveWorkDir(),
                QString::number(graceTenths) },
            QStringLiteral("atcwb-stop")),
        30000, m_target.timeouts);
}

void RemoteToolRun::cancel()
{
    stopRemote(Stop::Cancel);
}

void RemoteToolRun::stopRemote(Stop why)
{
    if (!m_running || (m_stop != Stop::None && m_stopSent))
        return;
    m_stop = why;
    if (m_upload && m_upload->isRunning())
        return m_upload->cancel();
    if (m_fetch && m_fetch->isRunning())
        return m_fetch->cancel();
    if (!m_runner->isRunning() || m_helper->isRunning())
        return; // the run is over: its clean-up finishes it
    if (m_pgid <= 1)
        return; // the pid marker has not come yet: onMarker stops the group once it does
    m_stopSent = true;
    log::app()->info("Stopping process group {} on {}", m_pgid, m_target.host.name);
    connect(
        m_helper, &ToolRunner::finished, this,
        [this](const ToolResult&) {
            if (m_runner->isRunning())
                m_runner->cancel(); // the remote group is gone; the local ssh ends with it or now
            else
                complete();
        },
        Qt::SingleShotConnection);
    m_helper->start(stopInvocation(kStopGraceTenths));
}

bool RemoteToolRun::shutdown(int waitMs)
{
    if (!m_running)
        return true;
    if (m_stop == Stop::None)
        m_stop = Stop::Cancel;
    disconnect(m_helper, nullptr, this, nullptr);
    if (m_upload)
        disconnect(m_upload, nullptr, this, nullptr);
    if (m_fetch)
        disconnect(m_fetch, nullptr, this, nullptr);
    if (m_runner->isRunning() && m_pgid > 1) {
        m_stopSent = true;
        m_helper->shutdown(0);
        runToCompletion(stopInvocation(std::max(1, waitMs / 100)));
    }
    if (m_runner->isRunning())
        m_runner->shutdown(std::min(waitMs, 1000)); // emits finished(Cancelled): onRunFinished completes
    if (m_running) {
        m_result.kind = ToolResult::Kind::Cancelled;
        complete();
    }
    return true;
}

qint64 RemoteToolRun::bytesUploaded() const
{
    return m_upload ? m_upload->bytesSent() : 0;
}

int RemoteToolRun::filesUploaded() const
{
    int n = 0;
    if (m_upload) {
        for (const UploadFile& f : m_upload->files())
            n += f.sent ? 1 : 0;
    }
    return n;
}

int RemoteToolRun::filesAlreadyThere() const
{
    return m_upload ? int(m_upload->files().size()) - filesUploaded() : 0;
}

qint64 RemoteToolRun::bytesFetched() const
{
    return m_fetch ? m_fetch->bytesReceived() : 0;
}

void RemoteToolRun::complete()
{
    if (!m_running)
        return;
    m_running = false;
    m_timeout.stop();
    emit finished(m_result);
}

} // namespace wb
