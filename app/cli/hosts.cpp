// atcwb hosts add|list|remove|trust|probe: remote hosts reached over SSH (core/remote), stored in the settings.
#include "commands.h"
#include "process/toolcapture.h"
#include "remote/hostkeys.h"
#include "remote/hostprobe.h"
#include "remote/ssh.h"
#include "settings/settings.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace wb::cli {

namespace {

const char kUsage[] = "Usage: atcwb hosts add NAME --destination USER@HOST [--port N] [--identity FILE] "
                      "[--env-script PATH] [--work-dir DIR]\n"
                      "       atcwb hosts trust NAME --fingerprint SHA256:...\n"
                      "       atcwb hosts list|remove NAME|probe NAME [--json]\n";

QJsonObject hostToJson(const Host& h)
{
    const auto orNull = [](const QString& v) { return v.isEmpty() ? QJsonValue() : QJsonValue(v); };
    return { { QStringLiteral("name"), h.name }, { QStringLiteral("destination"), h.destination },
        { QStringLiteral("port"), h.port }, { QStringLiteral("identity"), orNull(h.identityFile) },
        { QStringLiteral("env_script"), orNull(h.envScript) }, { QStringLiteral("work_dir"), h.effectiveWorkDir() } };
}

Result<Host> findHost(const Settings& settings, const QString& name)
{
    if (const auto h = settings.host(name))
        return *h;
    return Error { QStringLiteral("unknown_host"),
        QStringLiteral("No host named '%1' in %2; add it with: atcwb hosts add %1 --destination USER@HOST")
            .arg(name, settings.fileName()),
        {} };
}

int add(const QStringList& args, bool json)
{
    QCommandLineParser parser;
    const QCommandLineOption destination(
        QStringLiteral("destination"), QStringLiteral("USER@HOST"), QStringLiteral("USER@HOST"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("SSH port (22)."), QStringLiteral("N"));
    const QCommandLineOption identity(
        QStringLiteral("identity"), QStringLiteral("Private key file."), QStringLiteral("FILE"));
    const QCommandLineOption envScript(
        QStringLiteral("env-script"), QStringLiteral("set_env.sh on the host."), QStringLiteral("PATH"));
    const QCommandLineOption workDir(
        QStringLiteral("work-dir"), QStringLiteral("Work folder on the host."), QStringLiteral("DIR"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("JSON output."));
    parser.addOptions({ destination, port, identity, envScript, workDir, jsonOption });
    if (!parser.parse(QStringList { QStringLiteral("atcwb hosts add") } + args))
        return usageError(QStringLiteral("hosts"), parser.errorText(), json);
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("hosts"), QStringLiteral("hosts add takes one NAME"), json);
    if (!parser.isSet(destination))
        return usageError(QStringLiteral("hosts"), QStringLiteral("hosts add needs --destination USER@HOST"), json);
    Host host;
    host.name = parser.positionalArguments().first();
    host.destination = parser.value(destination);
    if (parser.isSet(port)) {
        bool ok = false;
        host.port = parser.value(port).toInt(&ok);
        if (!ok)
            return usageError(
                QStringLiteral("hosts"), QStringLiteral("--port '%1' is not a number").arg(parser.value(port)), json);
    }
    if (parser.isSet(identity))
        host.identityFile = QFileInfo(parser.value(identity)).absoluteFilePath();
    host.envScript = parser.value(envScript);
    host.workDir = parser.value(workDir);
    if (const auto error = validateHost(host))
        return inputError(*error, json);
    Settings settings(appSettingsFile());
    const bool existed = settings.host(host.name).has_value();
    settings.setHost(host);
    settings.sync();
    if (json) {
        QJsonObject out = hostToJson(host);
        out.insert(QStringLiteral("updated"), existed);
        printJson(out);
    } else {
        printText(QStringLiteral("%1 host %2 (%3, port %4). Next: atcwb hosts probe %2\n")
                      .arg(existed ? QStringLiteral("Updated") : QStringLiteral("Added"), host.name, host.destination)
                      .arg(host.port));
    }
    return Ok;
}

int list(bool json)
{
    const Settings settings(appSettingsFile());
    const QList<Host> hosts = settings.hosts();
    if (json) {
        QJsonArray array;
        for (const Host& h : hosts)
            array.append(hostToJson(h));
        printJson({ { QStringLiteral("hosts"), array } });
        return Ok;
    }
    if (hosts.isEmpty())
        printText(QStringLiteral("No hosts. Add one with: atcwb hosts add NAME --destination USER@HOST\n"));
    for (const Host& h : hosts) {
        printText(QStringLiteral("%1\t%2 port %3%4\n")
                      .arg(h.name, h.destination)
                      .arg(h.port)
                      .arg(h.identityFile.isEmpty() ? QString() : QStringLiteral(", key ") + h.identityFile));
    }
    return Ok;
}

int remove(const QString& name, bool json)
{
    Settings settings(appSettingsFile());
    if (!settings.removeHost(name))
        return inputError(findHost(settings, name).error(), json);
    settings.sync();
    json ? printJson({ { QStringLiteral("host"), name }, { QStringLiteral("removed"), true } })
         : printText(QStringLiteral("Removed host %1.\n").arg(name));
    return Ok;
}

int trust(const QString& name, const QString& fingerprint, bool json)
{
    const Result<Host> host = findHost(Settings(appSettingsFile()), name);
    if (!host.ok())
        return inputError(host.error(), json);
    const SshPaths paths = SshPaths::defaults();
    const Host keyHost = resolveSshAlias(host.value(), paths); // an ~/.ssh/config alias: the key of its HostName
    const ToolCapture scan = runToCompletion(keyscanInvocation(keyHost, paths));
    const QList<HostKey> presented = parseHostKeys(scan.out);
    const QString knownName = knownHostsName(keyHost);
    if (presented.isEmpty()) {
        return inputError({ QStringLiteral("no_host_key"),
                              QStringLiteral("%1 (%2) presented no host key; check that it is reachable and runs sshd "
                                             "(atcwb hosts probe %3).")
                                  .arg(knownName, host.value().destination, name),
                              QString::fromUtf8(scan.err).trimmed() },
            json);
    }
    QFile known(paths.knownHostsFile);
    const QByteArray stored = known.open(QIODevice::ReadOnly) ? known.readAll() : QByteArray();
    const HostKeyVerdict verdict = checkHostKey(presented, parseHostKeys(stored), knownName);
    if (verdict.kind == HostKeyVerdict::Kind::Changed) {
        return inputError(
            { QStringLiteral("host_key_changed"),
                QStringLiteral("Refused: the host key of %1 has changed: trusted %2 %3, presented now %4 %5. "
                               "Someone may be intercepting the connection. Only if the host was "
                               "reinstalled, remove the old key (ssh-keygen -R '%1' -f %6) and trust again.")
                    .arg(knownName, verdict.storedType, verdict.storedFingerprint, verdict.presentedType,
                        verdict.presentedFingerprint, paths.knownHostsFile),
                {} },
            json);
    }
    const std::optional<HostKey> key = keyWithFingerprint(presented, fingerprint);
    if (!key) {
        QStringList shown;
        for (const HostKey& k : presented)
            shown << QStringLiteral("%1 %2").arg(k.type, k.fingerprint());
        return inputError({ QStringLiteral("fingerprint_mismatch"),
                              QStringLiteral("Refused: %1 presents %2, not %3. Check the fingerprint on the host "
                                             "(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub).")
                                  .arg(knownName, shown.join(QStringLiteral(", ")), fingerprint),
                              {} },
            json);
    }
    const bool already = verdict.kind == HostKeyVerdict::Kind::Trusted && verdict.presentedFingerprint == fingerprint;
    if (!already) {
        if (const auto error = appendKnownHost(paths.knownHostsFile, knownName, *key))
            return inputError(*error, json);
    }
    if (json) {
        printJson({ { QStringLiteral("host"), name }, { QStringLiteral("fingerprint"), fingerprint },
            { QStringLiteral("key_type"), key->type }, { QStringLiteral("known_hosts"), paths.knownHostsFile },
            { QStringLiteral("already_trusted"), already } });
    } else {
        printText(QStringLiteral("%1 %2 %3 for %4 (%5).\n")
                      .arg(already ? QStringLiteral("Already trusted:") : QStringLiteral("Trusted"), key->type,
                          fingerprint, name, paths.knownHostsFile));
    }
    return Ok;
}

int probe(const QString& name, bool json)
{
    const Result<Host> host = findHost(Settings(appSettingsFile()), name);
    if (!host.ok())
        return inputError(host.error(), json);
    HostProbe probe(host.value(), SshPaths::defaults());
    QEventLoop loop;
    ProbeReport report;
    QObject::connect(&probe, &HostProbe::finished, &loop, [&](const ProbeReport& r) {
        report = r;
        loop.quit();
    });
    if (!json) {
        QObject::connect(&probe, &HostProbe::stepFinished, [](const ProbeStep& s) {
            printText(
                QStringLiteral("  [%1] %2: %3\n").arg(probeStatusCode(s.status), probeStepTitle(s.id), s.message));
            if (s.status == ProbeStatus::Failed && !s.fix.isEmpty())
                printText(QStringLiteral("         fix: %1\n").arg(s.fix));
        });
    }
    probe.start();
    loop.exec();
    if (json) {
        printJson(probeReportToJson(report));
    } else {
        printText(QStringLiteral("Verdict: %1 (convert: %2, run: %3)\n")
                      .arg(report.verdict(), report.canConvert() ? QStringLiteral("yes") : QStringLiteral("no"),
                          report.canRun() ? QStringLiteral("yes") : QStringLiteral("no")));
    }
    return report.verdict() == QLatin1String("failed") ? BadInput : Ok;
}

} // namespace

int runHosts(const QStringList& args)
{
    const bool json = args.contains(QStringLiteral("--json"));
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        printText(QString::fromUtf8(kUsage), args.isEmpty() ? stderr : stdout);
        return args.isEmpty() ? BadUsage : Ok;
    }
    const QString verb = args.first();
    QStringList rest = args.mid(1);
    if (verb == QLatin1String("add"))
        return add(rest, json);
    rest.removeAll(QStringLiteral("--json"));
    if (verb == QLatin1String("list")) {
        if (!rest.isEmpty())
            return usageError(QStringLiteral("hosts"), QStringLiteral("hosts list takes no argument"), json);
        return list(json);
    }
    if (verb == QLatin1String("trust")) {
        QCommandLineParser parser;
        const QCommandLineOption fingerprint(QStringLiteral("fingerprint"),
            QStringLiteral("The key's SHA256 fingerprint."), QStringLiteral("SHA256:..."));
        parser.addOption(fingerprint);
        if (!parser.parse(QStringList { QStringLiteral("atcwb hosts trust") } + rest))
            return usageError(QStringLiteral("hosts"), parser.errorText(), json);
        if (parser.positionalArguments().size() != 1 || !parser.isSet(fingerprint)) {
            return usageError(QStringLiteral("hosts"),
                QStringLiteral("hosts trust takes NAME --fingerprint SHA256:... (the probe prints the fingerprint)"),
                json);
        }
        return trust(parser.positionalArguments().first(), parser.value(fingerprint), json);
    }
    if (verb == QLatin1String("remove") || verb == QLatin1String("probe")) {
        if (rest.size() != 1 || rest.first().startsWith(QLatin1Char('-')))
            return usageError(QStringLiteral("hosts"), QStringLiteral("hosts %1 takes one NAME").arg(verb), json);
        return verb == QLatin1String("remove") ? remove(rest.first(), json) : probe(rest.first(), json);
    }
    return usageError(
        QStringLiteral("hosts"), QStringLiteral("unknown verb '%1' (add, trust, list, remove, probe)").arg(verb), json);
}

namespace {
const bool hostsRegistered = registerCommand({ "hosts",
    "hosts add NAME --destination USER@HOST [--port N] [--identity FILE] [--env-script PATH] [--work-dir DIR] | "
    "trust NAME --fingerprint SHA256:... | list | remove NAME | probe NAME [--json]",
    "Remote hosts reached over SSH (keys only, never passwords; the app's own known_hosts). probe checks step by\n"
    "step: name, TCP, host key, login, environment script, architecture and C library, atc, NPUs, runners, disk.",
    &runHosts, 60 });
} // namespace

} // namespace wb::cli
