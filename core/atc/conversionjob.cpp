#include "atc/conversionjob_p.h"

#include "atc/conversionrecipe.h"
#include "atc/conversiontext.h"
#include "logging/logging.h"
#include "onnx/externaldatafiles.h"
#include "process/toolrunner.h"
#include "remote/remotetool.h"
#include "version.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>

namespace wb {

namespace {

const QString kStagingLog = QStringLiteral("atc.log");

// rename(2): atomic, and replaces `to` (the staging folder is inside the output folder: same file system).
bool renameReplacing(const QString& from, const QString& to, QString* why)
{
    if (std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0)
        return true;
    *why = QStringLiteral("cannot move %1 to %2: %3").arg(from, to, QString::fromLocal8Bit(std::strerror(errno)));
    return false;
}

// The device and inode of a folder that is no symlink, nullopt otherwise (lstat: a symlink is not followed).
std::optional<std::pair<quint64, quint64>> folderIdentity(const QString& path)
{
    struct stat st { };
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISDIR(st.st_mode))
        return std::nullopt;
    return std::make_pair(quint64(st.st_dev), quint64(st.st_ino));
}

} // namespace

ConversionJobRun::ConversionJobRun(
    const ConversionJob& job, const AtcToolkit& toolkit, const QString& modelSha256, int timeoutSec, QObject* parent)
    : QObject(parent)
    , m_job(job)
    , m_toolkit(toolkit)
    , m_timeoutSec(timeoutSec)
    , m_toolkitVersion(toolkit.version)
    , m_modelSha256(modelSha256)
    , m_runner(new ToolRunner(this))
{
    m_outcome.omPath = job.omPath;
    m_outcome.batch = job.batch;
    connect(
        m_runner, &ToolRunner::linesReceived, this, [this](ToolChannel, const QStringList& lines) { onLines(lines); });
    connect(m_runner, &ToolRunner::finished, this, &ConversionJobRun::onFinished);
}

ConversionJobRun::~ConversionJobRun()
{
    if (m_done)
        return;
    disconnect(m_runner, nullptr, this, nullptr);
    delete m_runner; // kills the process group and waits for it
    m_runner = nullptr;
    if (m_remote) {
        disconnect(m_remote, nullptr, this, nullptr);
        delete m_remote; // kills the local ssh and sends a stop to the host
        m_remote = nullptr;
    }
    keepFailedLog();
    removeStaging();
}

void ConversionJobRun::start()
{
    const QString folder = QFileInfo(m_job.omPath).absolutePath();
    QString problem;
    if (!QDir().mkpath(folder)) {
        problem = englishText(conversiontext::kNoOutputFolder).arg(folder);
    } else {
        // mkdtemp(3): a new folder with a random name, never an entry someone placed there (a symlink included).
        QTemporaryDir staging(QDir(folder).filePath(QStringLiteral(".atcwb-staging-%1-XXXXXX").arg(m_job.name)));
        staging.setAutoRemove(false); // removeStaging() removes it, after checking it is still the same folder
        const auto identity = staging.isValid() ? folderIdentity(staging.path()) : std::nullopt;
        if (!identity) {
            problem = englishText(conversiontext::kNoStaging).arg(folder, staging.errorString());
        } else {
            m_staging = staging.path();
            m_stagingDevice = identity->first;
            m_stagingInode = identity->second;
        }
    }
    if (problem.isEmpty()) {
        AtcOptions staged = withAbsolutePaths(m_job.options); // ATC runs in the staging folder: relative paths move
        staged.output = QDir(m_staging).filePath(m_job.name);
        staged.workDir = m_staging; // fusion_result.json and kernel_meta/ land here, not beside the OMs
        m_invocation = buildInvocation(staged, m_toolkit);
        m_invocation.timeoutMs = m_timeoutSec > 0 ? m_timeoutSec * 1000 : 0;
        m_log.setFileName(QDir(m_staging).filePath(kStagingLog));
        if (!m_log.open(QIODevice::WriteOnly | QIODevice::Truncate))
            problem = englishText(conversiontext::kNoLog).arg(m_log.fileName(), m_log.errorString());
    }
    if (!problem.isEmpty()) {
        removeStaging();
        m_outcome.result.kind = ToolResult::Kind::FailedToStart;
        m_outcome.result.errorString = problem;
        m_outcome.failure = problem;
        m_outcome.verdict = atcVerdictName(AtcVerdict::Incomplete);
        log::atc()->warn("{}", problem);
        complete();
        return;
    }
    if (m_remoteTarget) {
        // ATC runs in a run folder on the host; what it writes for this OM comes back into the staging folder.
        RemoteToolOptions options;
        options.folders
            = { { m_staging, QStringLiteral("."), { m_job.name + QLatin1Char('_'), m_job.name + QLatin1Char('.') } } };
        const AtcOptions absolute = withAbsolutePaths(m_job.options);
        // --debug_dir: a folder in the run folder whose files come back into the local one; --op_compiler_cache_dir:
        // the host's own cache in its work folder (op_compiler_cache/), kept for the next run, not fetched.
        if (!absolute.debugDir.isEmpty())
            options.folders.append({ absolute.debugDir, QStringLiteral("debug_dir"), {} });
        if (!absolute.opCompilerCacheDir.isEmpty())
            options.folders.append({ absolute.opCompilerCacheDir, QStringLiteral("../../op_compiler_cache"), {} });
        // An ONNX model's external-data files go up beside it, keeping their paths relative to it.
        if (absolute.model.endsWith(QLatin1String(".onnx"), Qt::CaseInsensitive)) {
            const Result<QStringList> external = onnxExternalDataFiles(absolute.model);
            if (external.ok() && !external.value().isEmpty())
                options.companions.insert(QDir::cleanPath(absolute.model), external.value());
        }
        options.timeoutMs = m_invocation.timeoutMs;
        m_remote = new RemoteToolRun(*m_remoteTarget, m_invocation, options, this);
        connect(m_remote, &RemoteToolRun::linesReceived, this,
            [this](ToolChannel, const QStringList& lines) { onLines(lines); });
        connect(m_remote, &RemoteToolRun::progress, this, &ConversionJobRun::progress);
        connect(m_remote, &RemoteToolRun::finished, this, &ConversionJobRun::onFinished);
        log::atc()->info("Converting {} on {}", m_job.omPath, m_remoteTarget->host.name);
        m_remote->start();
        emit started(m_remote->commandLine());
        return;
    }
    log::atc()->info("Converting {} in {}", m_job.omPath, m_staging);
    m_runner->start(m_invocation);
    emit started(renderCommandLine(m_invocation));
}

void ConversionJobRun::cancel()
{
    if (m_remote)
        m_remote->cancel();
    else
        m_runner->cancel();
}

bool ConversionJobRun::shutdown(int waitMs)
{
    if (m_remote)
        return m_remote->shutdown(waitMs);
    return m_runner->shutdown(waitMs);
}

void ConversionJobRun::shutdownWithin(const QList<QPointer<ConversionJobRun>>& runs, int waitMs)
{
    QElapsedTimer clock;
    clock.start();
    for (const QPointer<ConversionJobRun>& run : runs) {
        if (ConversionJobRun* r = run.data(); r && !r->isDone())
            r->shutdown(std::max(0, waitMs - int(clock.elapsed())));
    }
}

void ConversionJobRun::onLines(const QStringList& lines)
{
    QByteArray bytes;
    for (const QString& line : lines) {
        bytes += line.toUtf8();
        bytes += '\n';
    }
    m_log.write(bytes);
    for (const QString& line : lines) {
        emit lineReceived(line);
        addEvents(m_parser.feed(line));
        if (m_parser.stage() != m_stage) {
            m_stage = m_parser.stage();
            emit stageChanged(atcStageName(m_stage));
        }
    }
}

void ConversionJobRun::addEvents(const QList<AtcEvent>& events)
{
    for (const AtcEvent& event : events) {
        if (isAtcProblem(event))
            m_outcome.events.append(event);
        emit eventParsed(event);
    }
}

void ConversionJobRun::onFinished(const ToolResult& result)
{
    addEvents(m_parser.finish());
    m_log.close();
    m_outcome.result = result;
    m_outcome.durationMs = result.durationMs;
    m_outcome.verdict = atcVerdictName(m_parser.verdict());
    const QString stagedOm = QDir(m_staging).filePath(m_job.name + QStringLiteral(".om"));
    QString omProblem;
    bool ok = false;
    if (result.ok()) {
        if (!QFileInfo::exists(stagedOm))
            omProblem = englishText(conversiontext::kNoOm).arg(stagedOm);
        else if (looksLikeOm(stagedOm, &omProblem))
            ok = promote(&omProblem);
        else
            omProblem = englishText(conversiontext::kNotAnOm).arg(omProblem);
    }
    m_outcome.ok = ok;
    if (!ok) {
        m_outcome.failure = m_remote && !m_remote->failure().isEmpty()
            ? m_remote->failure()
            : classifyFailure(result, m_outcome.events, omProblem);
        keepFailedLog();
    }
    removeStaging();
    if (ok)
        log::atc()->info("Converted {} in {} ms", m_job.omPath, result.durationMs);
    else
        log::atc()->warn("Conversion to {} failed: {}", m_job.omPath, m_outcome.failure);
    complete();
}

// Moves what ATC wrote for this output (<name>.om last, as the commit point; also <name>_original.om and the like)
// out of the staging folder, then writes the recipe and keeps the log beside the OM.
bool ConversionJobRun::promote(QString* problem)
{
    const QDir staging(m_staging);
    const QDir folder = QFileInfo(m_job.omPath).absoluteDir();
    const QString omFile = m_job.name + QStringLiteral(".om");
    const QStringList entries = staging.entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        const bool belongs
            = entry.startsWith(m_job.name + QLatin1Char('_')) || entry.startsWith(m_job.name + QLatin1Char('.'));
        if (!belongs || entry == omFile || entry == kStagingLog)
            continue;
        QString why;
        if (!renameReplacing(staging.filePath(entry), folder.filePath(entry), &why))
            log::atc()->warn("{}", why);
    }
    QString why;
    if (!renameReplacing(staging.filePath(omFile), m_job.omPath, &why)) {
        *problem = englishText(conversiontext::kNotMoved).arg(why);
        return false;
    }
    ConversionRecipe recipe;
    recipe.options = m_job.options;
    recipe.argv = m_job.invocation.argv();
    recipe.toolkitVersion = m_toolkitVersion;
    recipe.modelSha256 = m_modelSha256;
    recipe.batch = m_job.batch;
    recipe.created = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    recipe.workbenchVersion = QStringLiteral(WB_VERSION);
    recipe.durationMs = m_outcome.durationMs;
    const QString recipePath = recipePathFor(m_job.omPath);
    const Result<bool> saved = saveConversionRecipe(recipe, recipePath);
    if (saved.ok()) // the OM is in place either way; without a recipe it is only rebuilt next time
        m_outcome.recipePath = recipePath;
    else
        log::atc()->warn("{}", saved.error().message);
    m_outcome.logPath = logPathFor(m_job.omPath);
    if (!renameReplacing(m_log.fileName(), m_outcome.logPath, &why)) {
        log::atc()->warn("{}", why);
        m_outcome.logPath.clear();
    }
    QFile::remove(failedLogPathFor(m_job.omPath)); // an older failure's log no longer applies
    return true;
}

void ConversionJobRun::keepFailedLog()
{
    if (m_log.isOpen())
        m_log.close();
    if (m_log.fileName().isEmpty() || !QFileInfo::exists(m_log.fileName()))
        return;
    const QString target = failedLogPathFor(m_job.omPath);
    QString why;
    if (renameReplacing(m_log.fileName(), target, &why))
        m_outcome.logPath = target;
    else
        log::atc()->warn("{}", why);
}

// Removes the staging folder only while it is still the folder start() made: a symlink or another folder put in its
// place (e.g. by someone else with write access to a shared output folder) is left alone. Inside it, symlinks are
// removed, never followed (QDir::removeRecursively).
void ConversionJobRun::removeStaging()
{
    if (m_staging.isEmpty())
        return;
    const auto identity = folderIdentity(m_staging);
    if (!identity || identity->first != m_stagingDevice || identity->second != m_stagingInode) {
        log::atc()->warn("Not removing {}: it is no longer the staging folder this run created", m_staging);
    } else if (!QDir(m_staging).removeRecursively()) {
        log::atc()->warn("Could not remove the staging folder {}", m_staging);
    }
    m_staging.clear();
}

void ConversionJobRun::complete()
{
    m_done = true;
    emit finished(m_outcome);
}

QString classifyFailure(const ToolResult& result, const QList<AtcEvent>& events, const QString& omProblem)
{
    using Kind = ToolResult::Kind;
    const QString seconds = QString::number(static_cast<double>(result.durationMs) / 1000.0, 'f', 1);
    if (result.kind == Kind::FailedToStart)
        return englishText(conversiontext::kNotStarted).arg(result.errorString);
    if (result.kind == Kind::TimedOut)
        return englishText(conversiontext::kTimedOut).arg(seconds);
    if (result.kind == Kind::Cancelled)
        return englishText(conversiontext::kCancelled).arg(seconds);
    if (result.killedLikelyOom)
        return englishText(conversiontext::kOutOfMemory)
            .arg(result.kind == Kind::Crashed ? QStringLiteral("SIGKILL") : QStringLiteral("exit 137"));
    if (result.kind == Kind::Crashed)
        return describe(result, QStringLiteral("ATC"));
    // ATC ended on its own: its first error says why (plog [ERROR] lines only when there is nothing else; the
    // "ATC run failed" status sentence never: it says nothing about the cause).
    const AtcEvent* first = nullptr;
    for (const AtcEvent& e : events) {
        if (e.severity != Severity::Error || e.kind == AtcEventKind::Status)
            continue;
        if (e.kind != AtcEventKind::Plog) {
            first = &e;
            break;
        }
        if (!first)
            first = &e;
    }
    if (first) {
        // No hint here: the CLI and the GUI word it differently (AtcEvent::cliHint / hint) and show it themselves.
        return first->code.isEmpty() ? first->message : QStringLiteral("%1: %2").arg(first->code, first->message);
    }
    if (result.kind == Kind::NonZeroExit)
        return englishText(conversiontext::kExitNoError).arg(result.exitCode);
    return omProblem.isEmpty() ? englishText(conversiontext::kNoOmProduced) : omProblem;
}

} // namespace wb
