// The two child processes discovery needs, and the per-toolkit cache. These are short, bounded probes run
// synchronously with an argv and a timeout; long-running ATC jobs go through core/process's ToolRunner.
#include "toolkit.h"

#include "logging/logging.h"

#include "process/toolcapture.h"
#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QMutex>

#include <QProcess>
#include <QStandardPaths>

#include <atomic>

namespace wb {

namespace {

std::atomic<int> g_probes { 0 };

struct Cache {
    QMutex mutex;
    QHash<QString, AtcToolkit> toolkits;
};

Cache& cache()
{
    static Cache instance;
    return instance;
}

struct ProbeOutput {
    bool ok = false;
    QByteArray out;
    QString why;
};

ProbeOutput runProbe(const QString& program, const QStringList& args, const QProcessEnvironment& env, int timeoutMs,
    QProcess::ProcessChannelMode channels)
{
    ++g_probes;
    ToolInvocation invocation; // through ToolRunner, the one owner of child processes
    invocation.program = program;
    invocation.arguments = args;
    invocation.environment = env;
    invocation.timeoutMs = timeoutMs;
    const ToolCapture capture = runToCompletion(invocation);
    switch (capture.result.kind) {
    case ToolResult::Kind::FailedToStart:
        return { false, {}, QStringLiteral("%1 could not be started: %2").arg(program, capture.result.errorString) };
    case ToolResult::Kind::TimedOut:
        return { false, {}, QStringLiteral("%1 did not finish within %2 s").arg(program).arg(timeoutMs / 1000.0) };
    case ToolResult::Kind::Crashed:
        return { false, {}, QStringLiteral("%1 crashed").arg(program) };
    default:
        break; // a non-zero exit still printed what we want (atc --help exits non-zero on some releases)
    }
    return { true, channels == QProcess::MergedChannels ? capture.out + capture.err : capture.out, {} };
}

// Sources set_env.sh in a subshell and returns the environment it leaves. The script path is an argument ($1),
// never part of the command text, so no quoting can go wrong.
std::optional<QProcessEnvironment> captureEnvironment(
    const QString& script, const QProcessEnvironment& base, int timeoutMs, QString* why)
{
    QString bash = QStandardPaths::findExecutable(QStringLiteral("bash"));
    if (bash.isEmpty())
        bash = QStringLiteral("/bin/bash");
    const ProbeOutput r = runProbe(bash,
        { QStringLiteral("-c"), QStringLiteral("source \"$1\" >/dev/null 2>&1; env -0"), QStringLiteral("_"), script },
        base, timeoutMs, QProcess::SeparateChannels);
    if (!r.ok) {
        *why = r.why;
        return std::nullopt;
    }
    QProcessEnvironment env = parseEnvDump(r.out);
    env.remove(QStringLiteral("_")); // bash's own "last argument" variable
    if (env.isEmpty()) {
        *why = QStringLiteral("sourcing %1 printed no environment").arg(script);
        return std::nullopt;
    }
    return env;
}

} // namespace

AtcToolkit discoverToolkit(const ToolkitSearch& search)
{
    AtcToolkit toolkit;
    const auto location = locateToolkit(search, &toolkit.searched);
    if (!location) {
        log::atc()->info("No ATC toolkit found; looked in {}", toolkit.searched.join(QStringLiteral(", ")));
        return toolkit;
    }
    const QString key = location->atcPath + QLatin1Char('|')
        + QString::number(QFileInfo(location->atcPath).lastModified().toMSecsSinceEpoch());
    {
        QMutexLocker lock(&cache().mutex);
        const auto it = cache().toolkits.constFind(key);
        if (it != cache().toolkits.cend()) {
            AtcToolkit cached = *it;
            cached.source = location->source;
            cached.searched = toolkit.searched;
            return cached;
        }
    }
    toolkit.atcPath = location->atcPath;
    toolkit.home = location->home;
    toolkit.source = location->source;
    const ToolkitVersion version = readToolkitVersion(toolkit.home);
    toolkit.version = version.version;
    toolkit.versionFile = version.file;
    if (toolkit.version.isEmpty())
        toolkit.notes.append(QStringLiteral("No version file found under %1.").arg(toolkit.home));
    toolkit.socVersions = readSocVersions(toolkit.home);
    if (toolkit.socVersions.isEmpty())
        toolkit.notes.append(QStringLiteral("No <arch>-linux/data/platform_config/*.ini under %1; the built-in SoC "
                                            "list is used.")
                                 .arg(toolkit.home));
    toolkit.environment = search.environment;
    toolkit.setEnvScript = findSetEnvScript(toolkit.home);
    if (toolkit.setEnvScript.isEmpty()) {
        toolkit.notes.append(
            QStringLiteral("No set_env.sh found next to %1; atc runs with the app's environment.").arg(toolkit.home));
    } else {
        QString why;
        if (auto env = captureEnvironment(toolkit.setEnvScript, search.environment, search.probeTimeoutMs, &why))
            toolkit.environment = *env;
        else
            toolkit.notes.append(
                QStringLiteral("Could not capture the environment of %1: %2.").arg(toolkit.setEnvScript, why));
    }
    const ProbeOutput help = runProbe(toolkit.atcPath, { QStringLiteral("--help") }, toolkit.environment,
        search.probeTimeoutMs, QProcess::MergedChannels);
    if (help.ok)
        toolkit.flags = parseAtcHelp(QString::fromLocal8Bit(help.out));
    if (toolkit.flags.isEmpty())
        toolkit.notes.append(help.ok
                ? QStringLiteral("`atc --help` listed no flags; every flag is offered.")
                : QStringLiteral("`atc --help` failed (%1); every flag is offered.").arg(help.why));
    log::atc()->info("ATC toolkit: {}", toolkitStatus(toolkit));
    for (const QString& n : toolkit.notes)
        log::atc()->warn("{}", n);
    QMutexLocker lock(&cache().mutex);
    cache().toolkits.insert(key, toolkit);
    return toolkit;
}

void clearToolkitCache()
{
    QMutexLocker lock(&cache().mutex);
    cache().toolkits.clear();
}

int toolkitProbeCount()
{
    return g_probes.load();
}

} // namespace wb
