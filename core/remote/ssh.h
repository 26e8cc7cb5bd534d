#pragma once

#include "process/toolinvocation.h"
#include "remote/host.h"
#include "util/result.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace wb {

struct ToolResult;

// Where the app keeps its SSH state, and the tools it runs. Tests point these at a temporary folder.
struct SshPaths {
    QString knownHostsFile; // the app's own known_hosts (never ~/.ssh/known_hosts)
    QString controlDir; // private folder (mode 0700) for ControlMaster sockets
    QString sshProgram = QStringLiteral("ssh");
    QString keyscanProgram = QStringLiteral("ssh-keyscan");
    QString configFile
        = QString(); // empty: ssh's own configuration (~/.ssh/config, /etc/ssh/ssh_config); else `-F FILE`

    // <GenericDataLocation>/atc-workbench/atc-workbench/ssh/known_hosts (the app's data folder, shared by atcwb;
    // XDG_DATA_HOME moves it), and $XDG_RUNTIME_DIR/atc-workbench-ssh (else
    // /tmp/atc-workbench-ssh-<uid>): a socket path must stay under 108 bytes, so not in the data folder.
    static SshPaths defaults();
};

// Timeouts and keep-alives: a dead link is noticed within ServerAliveInterval * ServerAliveCountMax seconds.
struct SshTimeouts {
    int connectTimeoutS = 10;
    int serverAliveIntervalS = 15;
    int serverAliveCountMax = 3;
    int controlPersistS = 60;
};

// A Unix socket path holds at most 107 bytes; ssh names the socket <dir>/<40 hex digits of %C> and creates it as
// that name plus ".<16 random characters>" first.
constexpr int MaxControlDirBytes = 107 - 1 - 40 - 17;

// Creates `dir` (and its parents) and makes it mode 0700; refuses a folder owned by someone else, or one too long
// for a socket path (MaxControlDirBytes). Error "control_dir" says which folder and why.
std::optional<Error> ensurePrivateDir(const QString& dir);

// The options every ssh call shares: BatchMode, strict host key checking against paths.knownHostsFile only,
// multiplexing through paths.controlDir/%C, timeouts, keep-alives, port, and -i with IdentitiesOnly when the host
// names an identity file.
QStringList sshOptions(const Host& host, const SshPaths& paths, const SshTimeouts& timeouts = {});

// `ssh OPTIONS -- DESTINATION REMOTE_COMMAND`. ssh joins its remote words with spaces and hands them to the remote
// user's shell, so remoteCommand must be one shell command line whose user values went through shellQuote():
// build it with remoteCommandLine() or remoteScriptCommand(). timeoutMs 0: no timeout.
ToolInvocation sshInvocation(const Host& host, const SshPaths& paths, const QString& remoteCommand, int timeoutMs = 0,
    const SshTimeouts& timeouts = {});

// argv as one remote command line, every word quoted (shellQuote): `printf '%s\0' ARG…` arrives as that argv.
QString remoteCommandLine(const QStringList& argv);

// A POSIX sh script run remotely with positional parameters ($1…): under bash when the host has it (set_env.sh
// scripts are written for bash), else sh. The script and the arguments are quoted; `name` becomes $0.
QString remoteScriptCommand(
    const QString& script, const QStringList& args, const QString& name = QStringLiteral("atcwb"));

// `ssh -O check|exit …`: asks the multiplexing master for this host whether it runs, or to stop.
ToolInvocation sshControlInvocation(
    const Host& host, const SshPaths& paths, const QString& operation, int timeoutMs = 10000);

// `ssh-keyscan -T SECONDS -p PORT -- HOST`: the keys the host presents (known_hosts lines on stdout).
// `ssh -G [-F FILE] -p PORT -- DESTINATION`: the configuration ssh would use for the host, without connecting.
ToolInvocation sshConfigInvocation(const Host& host, const SshPaths& paths);
// Pure: the "hostname" of `ssh -G`'s output (an alias's HostName, else the name itself); empty when absent.
QString parseSshConfigHostName(const QByteArray& sshGOutput);
// The host as ssh-keyscan and the known_hosts file see it: the destination's host name replaced by `hostName`
// (what `ssh -G` says an alias of ~/.ssh/config stands for), the user kept. Unchanged when hostName is empty.
Host withRealHostName(const Host& host, const QString& hostName);
// Synchronous (for the command line): asks `ssh -G` and returns withRealHostName() of its answer (the host
// unchanged when ssh cannot tell).
Host resolveSshAlias(const Host& host, const SshPaths& paths);

ToolInvocation keyscanInvocation(const Host& host, const SshPaths& paths, int timeoutS = 10);

// How the host appears in known_hosts: "host" for port 22, else "[host]:port".
QString knownHostsName(const Host& host);

// The last COUNT lines of what ssh or a remote command wrote (trimmed, without carriage returns), to quote in a
// message: "" when it wrote nothing.
QString lastLines(const QString& output, int count);
// Those lines, or how the tool ended (describe(result, toolName)) when it wrote nothing.
QString lastLinesOr(const QString& output, int count, const ToolResult& result, const QString& toolName);

} // namespace wb
