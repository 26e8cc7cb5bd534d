#pragma once

#include "util/result.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace wb {

// A remote machine reached through the system's OpenSSH client, as stored in the settings (Settings::hosts()).
// A value; no password is ever part of it (BatchMode: keys from -i, ssh-agent or the user's default keys).
struct Host {
    static constexpr int DefaultPort = 22;

    QString name; // the user's name for it: letters, digits, '.', '_', '-'
    QString destination; // user@host (or host: the user's ssh config or login name decides the user)
    int port = DefaultPort;
    QString identityFile; // empty: ssh-agent and the user's default keys
    QString envScript; // empty: the first that exists of defaultEnvScripts() on the host
    QString workDir; // empty: defaultWorkDir(); "~/" at its start means the remote home

    // The host name (or address) part of the destination, without "user@" and without IPv6 brackets.
    QString hostName() const;
    // The user part of the destination, empty when none is given.
    QString userName() const;
    QString effectiveWorkDir() const;
    // The environment scripts the host tries in order: envScript alone, or defaultEnvScripts().
    QStringList envScriptCandidates() const;

    friend bool operator==(const Host& a, const Host& b)
    {
        return a.name == b.name && a.destination == b.destination && a.port == b.port
            && a.identityFile == b.identityFile && a.envScript == b.envScript && a.workDir == b.workDir;
    }
};

// /usr/local/Ascend/ascend-toolkit/set_env.sh, /usr/local/Ascend/nnrt/set_env.sh, ~/Ascend/ascend-toolkit/set_env.sh
QStringList defaultEnvScripts();
QString defaultWorkDir(); // ~/.cache/atc-workbench

// Checks a host before it is stored or used: name, destination (no leading '-', no spaces or control characters,
// at most one '@'), port 1..65535, identity file readable when given. Error codes: "bad_host_name",
// "bad_destination", "bad_port", "identity_missing".
std::optional<Error> validateHost(const Host& host);

} // namespace wb
