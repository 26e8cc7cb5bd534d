#include "host.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace wb {

QString Host::hostName() const
{
    QString rest = destination.mid(destination.lastIndexOf(QLatin1Char('@')) + 1);
    if (rest.startsWith(QLatin1Char('[')) && rest.endsWith(QLatin1Char(']')))
        rest = rest.mid(1, rest.size() - 2);
    return rest;
}

QString Host::userName() const
{
    const qsizetype at = destination.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : destination.left(at);
}

QString Host::effectiveWorkDir() const
{
    return workDir.isEmpty() ? defaultWorkDir() : workDir;
}

QStringList Host::envScriptCandidates() const
{
    return envScript.isEmpty() ? defaultEnvScripts() : QStringList { envScript };
}

QStringList defaultEnvScripts()
{
    return { QStringLiteral("/usr/local/Ascend/ascend-toolkit/set_env.sh"),
        QStringLiteral("/usr/local/Ascend/nnrt/set_env.sh"), QStringLiteral("~/Ascend/ascend-toolkit/set_env.sh") };
}

QString defaultWorkDir()
{
    return QStringLiteral("~/.cache/atc-workbench");
}

std::optional<Error> validateHost(const Host& host)
{
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!namePattern.match(host.name).hasMatch()) {
        return Error { QStringLiteral("bad_host_name"),
            QStringLiteral("'%1' is not a usable host name: use 1 to 64 letters, digits, '.', '_' or '-', starting "
                           "with a letter or digit.")
                .arg(host.name),
            {} };
    }
    const QString& d = host.destination;
    bool clean = !d.isEmpty() && !d.startsWith(QLatin1Char('-')) && d.count(QLatin1Char('@')) <= 1
        && !host.hostName().isEmpty() && !host.hostName().startsWith(QLatin1Char('-'));
    for (const QChar c : d)
        clean = clean && !c.isSpace() && c.unicode() >= 0x20 && c != QLatin1Char('\'') && c != QLatin1Char('"');
    if (!clean) {
        return Error { QStringLiteral("bad_destination"),
            QStringLiteral("Host %1: '%2' is not an SSH destination; give USER@HOST or HOST (no spaces or quotes, "
                           "not starting with '-').")
                .arg(host.name, d),
            {} };
    }
    if (host.port < 1 || host.port > 65535) {
        return Error { QStringLiteral("bad_port"),
            QStringLiteral("Host %1: port %2 is out of range; give 1 to 65535 (SSH's is 22).")
                .arg(host.name)
                .arg(host.port),
            {} };
    }
    if (!host.identityFile.isEmpty() && !QFileInfo(host.identityFile).isReadable()) {
        return Error { QStringLiteral("identity_missing"),
            QStringLiteral("Host %1: the identity file %2 cannot be read; give the private key file (ssh -i) or leave "
                           "it out to use ssh-agent and your default keys.")
                .arg(host.name, host.identityFile),
            {} };
    }
    return std::nullopt;
}

} // namespace wb
