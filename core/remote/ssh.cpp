#include "ssh.h"

#include "process/toolcapture.h"
#include "process/toolresult.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <sys/stat.h>
#include <unistd.h>

namespace wb {

SshPaths SshPaths::defaults()
{
    SshPaths paths;
    paths.knownHostsFile = QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
                               .filePath(QStringLiteral("atc-workbench/atc-workbench/ssh/known_hosts"));
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    paths.controlDir = !runtime.isEmpty() && QFileInfo(runtime).isDir()
        ? QDir(runtime).filePath(QStringLiteral("atc-workbench-ssh"))
        : QStringLiteral("/tmp/atc-workbench-ssh-%1").arg(::getuid());
    return paths;
}

std::optional<Error> ensurePrivateDir(const QString& dir)
{
    if (QFile::encodeName(QDir::cleanPath(dir)).size() > MaxControlDirBytes) {
        return Error { QStringLiteral("control_dir"),
            QStringLiteral("The SSH socket folder %1 is too long for a socket path (at most %2 bytes: ssh adds a "
                           "40-character name and a temporary suffix, and a socket path ends at 107 bytes); set "
                           "XDG_RUNTIME_DIR to a shorter folder.")
                .arg(dir)
                .arg(MaxControlDirBytes),
            {} };
    }
    if (!QDir().mkpath(dir)) {
        return Error { QStringLiteral("control_dir"),
            QStringLiteral("Cannot create the SSH socket folder %1; check that its parent is writable.").arg(dir), {} };
    }
    const QByteArray path = QFile::encodeName(dir);
    struct stat st { };
    if (::lstat(path.constData(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        return Error { QStringLiteral("control_dir"),
            QStringLiteral("The SSH socket folder %1 is not a folder; remove it and try again.").arg(dir), {} };
    }
    if (st.st_uid != ::getuid()) {
        return Error { QStringLiteral("control_dir"),
            QStringLiteral("The SSH socket folder %1 belongs to another user (uid %2); refusing to use it. Remove it "
                           "or set XDG_RUNTIME_DIR to a folder of your own.")
                .arg(dir)
                .arg(st.st_uid),
            {} };
    }
    if ((st.st_mode & 07777) != 0700 && ::chmod(path.constData(), 0700) != 0) {
        return Error { QStringLiteral("control_dir"),
            QStringLiteral("Cannot make the SSH socket folder %1 private (mode 0700).").arg(dir), {} };
    }
    return std::nullopt;
}

QStringList sshOptions(const Host& host, const SshPaths& paths, const SshTimeouts& timeouts)
{
    const auto o = [](const QString& option) { return QStringList { QStringLiteral("-o"), option }; };
    QStringList args;
    if (!paths.configFile.isEmpty())
        args << QStringLiteral("-F") << paths.configFile;
    args << o(QStringLiteral("BatchMode=yes")) << o(QStringLiteral("StrictHostKeyChecking=yes"))
         << o(QStringLiteral("UserKnownHostsFile=") + paths.knownHostsFile)
         << o(QStringLiteral("GlobalKnownHostsFile=/dev/null")) << o(QStringLiteral("UpdateHostKeys=no"))
         << o(QStringLiteral("ControlMaster=auto"))
         << o(QStringLiteral("ControlPath=") + QDir(paths.controlDir).filePath(QStringLiteral("%C")))
         << o(QStringLiteral("ControlPersist=%1").arg(timeouts.controlPersistS))
         << o(QStringLiteral("ConnectTimeout=%1").arg(timeouts.connectTimeoutS))
         << o(QStringLiteral("ServerAliveInterval=%1").arg(timeouts.serverAliveIntervalS))
         << o(QStringLiteral("ServerAliveCountMax=%1").arg(timeouts.serverAliveCountMax)) << QStringLiteral("-p")
         << QString::number(host.port);
    if (!host.identityFile.isEmpty())
        args << o(QStringLiteral("IdentitiesOnly=yes")) << QStringLiteral("-i") << host.identityFile;
    return args;
}

ToolInvocation sshInvocation(
    const Host& host, const SshPaths& paths, const QString& remoteCommand, int timeoutMs, const SshTimeouts& timeouts)
{
    ToolInvocation invocation;
    invocation.program = paths.sshProgram;
    invocation.arguments = sshOptions(host, paths, timeouts);
    invocation.arguments << QStringLiteral("--") << host.destination << remoteCommand;
    invocation.timeoutMs = timeoutMs;
    return invocation;
}

QString remoteCommandLine(const QStringList& argv)
{
    return shellQuote(argv);
}

QString remoteScriptCommand(const QString& script, const QStringList& args, const QString& name)
{
    QString quotedArgs = shellQuote(name);
    for (const QString& a : args)
        quotedArgs += QLatin1Char(' ') + shellQuote(a);
    // Runs in the user's login shell (any POSIX shell): picks bash when present, passes the script in a variable.
    return QStringLiteral("S=%1; if command -v bash >/dev/null 2>&1; then exec bash -c \"$S\" %2; "
                          "else exec sh -c \"$S\" %2; fi")
        .arg(shellQuote(script), quotedArgs);
}

ToolInvocation sshControlInvocation(const Host& host, const SshPaths& paths, const QString& operation, int timeoutMs)
{
    ToolInvocation invocation;
    invocation.program = paths.sshProgram;
    invocation.arguments = sshOptions(host, paths);
    invocation.arguments << QStringLiteral("-O") << operation << QStringLiteral("--") << host.destination;
    invocation.timeoutMs = timeoutMs;
    return invocation;
}

ToolInvocation keyscanInvocation(const Host& host, const SshPaths& paths, int timeoutS)
{
    ToolInvocation invocation;
    invocation.program = paths.keyscanProgram;
    invocation.arguments = QStringList { QStringLiteral("-T"), QString::number(timeoutS), QStringLiteral("-p"),
        QString::number(host.port), QStringLiteral("--"), host.hostName() };
    invocation.timeoutMs = (timeoutS + 5) * 1000;
    return invocation;
}

ToolInvocation sshConfigInvocation(const Host& host, const SshPaths& paths)
{
    ToolInvocation invocation;
    invocation.program = paths.sshProgram;
    if (!paths.configFile.isEmpty())
        invocation.arguments << QStringLiteral("-F") << paths.configFile;
    invocation.arguments << QStringLiteral("-G") << QStringLiteral("-p") << QString::number(host.port)
                         << QStringLiteral("--") << host.destination;
    invocation.timeoutMs = 10000;
    return invocation;
}

QString parseSshConfigHostName(const QByteArray& sshGOutput)
{
    for (const QByteArray& line : sshGOutput.split('\n')) {
        if (line.startsWith("hostname "))
            return QString::fromUtf8(line.mid(9).trimmed());
    }
    return {};
}

Host withRealHostName(const Host& host, const QString& hostName)
{
    if (hostName.isEmpty() || hostName == host.hostName())
        return host;
    Host real = host;
    const QString user = host.userName();
    real.destination = user.isEmpty() ? hostName : user + QLatin1Char('@') + hostName;
    return real;
}

Host resolveSshAlias(const Host& host, const SshPaths& paths)
{
    const ToolCapture c = runToCompletion(sshConfigInvocation(host, paths));
    return c.result.ok() ? withRealHostName(host, parseSshConfigHostName(c.out)) : host;
}

QString knownHostsName(const Host& host)
{
    return host.port == Host::DefaultPort ? host.hostName()
                                          : QStringLiteral("[%1]:%2").arg(host.hostName()).arg(host.port);
}

QString lastLines(const QString& output, int count)
{
    return output.trimmed().section(QLatin1Char('\n'), -count).remove(QLatin1Char('\r'));
}

QString lastLinesOr(const QString& output, int count, const ToolResult& result, const QString& toolName)
{
    const QString said = lastLines(output, count);
    return said.isEmpty() ? describe(result, toolName) : said;
}

} // namespace wb
