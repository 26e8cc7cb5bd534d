#include "hostprobe.h"

#include "process/toolresulttext.h"
#include "process/toolrunner.h"
#include "remote/hostkeys.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QTcpSocket>

namespace wb {

namespace {

// The context of the probe's messages and fixes in translations/*.ts: written in the UI's language (the Hosts
// settings show them as the probe goes; atcwb installs no translator, so `atcwb hosts test` prints English).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(HostProbe)
};

constexpr qsizetype kMaxOutputBytes = 4 * 1024 * 1024;

} // namespace

HostProbe::HostProbe(const Host& host, const SshPaths& paths, QObject* parent)
    : QObject(parent)
    , m_host(host)
    , m_paths(paths)
    , m_runner(new ToolRunner(this))
{
    qRegisterMetaType<wb::ProbeStep>();
    qRegisterMetaType<wb::ProbeReport>();
    m_report.host = host.name;
    m_stepTimer.setSingleShot(true);
    connect(m_runner, &ToolRunner::bytesReceived, this, [this](ToolChannel channel, const QByteArray& bytes) {
        QByteArray& sink = channel == ToolChannel::StdOut ? m_out : m_err;
        if (sink.size() < kMaxOutputBytes)
            sink += bytes.left(kMaxOutputBytes - sink.size());
    });
}

HostProbe::~HostProbe()
{
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
}

bool HostProbe::start()
{
    if (m_running || m_done)
        return false;
    m_running = true;
    QTimer::singleShot(0, this, &HostProbe::resolve);
    return true;
}

void HostProbe::cancel()
{
    if (!m_running)
        return;
    if (m_runner->isRunning()) {
        disconnect(m_runner, &ToolRunner::finished, this, nullptr);
        m_runner->cancel();
    }
    finish(Tr::tr("Not checked: the probe was cancelled."));
}

void HostProbe::record(const ProbeStep& step)
{
    m_report.steps.append(step);
    emit stepFinished(step);
}

void HostProbe::fail(const ProbeStep& step)
{
    record(step);
    finish(Tr::tr("Not checked: %1 failed.").arg(probeStepShownTitle(step.id)));
}

void HostProbe::finish(const QString& skippedWhy)
{
    if (!m_running)
        return;
    m_running = false;
    m_done = true;
    m_stepTimer.stop();
    m_stepTimer.disconnect();
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    for (const QString& id : probeStepIds()) {
        if (!m_report.step(id))
            record({ id, ProbeStatus::Skipped, skippedWhy, {} });
    }
    // Always from the event loop, never from inside the caller of cancel().
    QTimer::singleShot(0, this, [this] { emit finished(m_report); });
}

void HostProbe::resolve()
{
    if (!m_running) // cancelled before the event loop got here
        return;
    m_keyHost = m_host;
    const QString name = m_host.hostName();
    const QHostAddress literal(name);
    if (!literal.isNull()) {
        m_address = literal.toString();
        record({ QStringLiteral("resolve"), ProbeStatus::Ok, Tr::tr("%1 is an address.").arg(name), {} });
        connectTcp();
        return;
    }
    // A name may be an alias of the ssh configuration (Host board / HostName 192.168.1.2): ssh -G says what it
    // stands for, without connecting.
    m_out.clear();
    m_err.clear();
    connect(
        m_runner, &ToolRunner::finished, this,
        [this, name](const ToolResult& result) {
            const QString real = result.ok() ? parseSshConfigHostName(m_out) : QString();
            if (real.isEmpty() || real.compare(name, Qt::CaseInsensitive) == 0)
                return lookUp(name, QString());
            m_keyHost = withRealHostName(m_host, real);
            lookUp(real, name);
        },
        Qt::SingleShotConnection);
    m_runner->start(sshConfigInvocation(m_host, m_paths));
}

// Resolves `name` (for an alias: its HostName, `alias` the name as written).
void HostProbe::lookUp(const QString& name, const QString& alias)
{
    if (!m_running)
        return;
    const QString said
        = alias.isEmpty() ? name : Tr::tr("%1 (an alias in the ssh configuration for %2)").arg(alias, name);
    const QHostAddress literal(name);
    if (!literal.isNull()) {
        m_address = literal.toString();
        record({ QStringLiteral("resolve"), ProbeStatus::Ok, Tr::tr("%1 is an address.").arg(said), {} });
        connectTcp();
        return;
    }
    const int timeoutMs = m_timeouts.connectTimeoutS * 1000;
    m_stepTimer.disconnect();
    connect(&m_stepTimer, &QTimer::timeout, this, [this, said, name, timeoutMs] {
        fail({ QStringLiteral("resolve"), ProbeStatus::Failed,
            Tr::tr("%1 did not resolve within %2 s.").arg(said).arg(timeoutMs / 1000),
            Tr::tr("Check the name and this machine's DNS (getent hosts %1), or use the address.").arg(name) });
    });
    m_stepTimer.start(timeoutMs);
    m_lookupId = QHostInfo::lookupHost(name, this, [this, name, said](const QHostInfo& info) {
        m_lookupId = -1;
        if (!m_running)
            return;
        m_stepTimer.stop();
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            fail({ QStringLiteral("resolve"), ProbeStatus::Failed,
                Tr::tr("%1 does not resolve: %2.").arg(said, info.errorString()),
                Tr::tr("Check the spelling of %1 in the destination (or its HostName in ~/.ssh/config), this "
                       "machine's DNS or /etc/hosts (getent hosts %1), or use the host's address.")
                    .arg(name) });
            return;
        }
        m_address = info.addresses().constFirst().toString();
        record({ QStringLiteral("resolve"), ProbeStatus::Ok, Tr::tr("%1 is %2.").arg(said, m_address), {} });
        connectTcp();
    });
}

void HostProbe::connectTcp()
{
    auto* socket = new QTcpSocket(this);
    m_socket = socket;
    const QString target = Tr::tr("%1 port %2").arg(m_address).arg(m_host.port);
    const QString fix = Tr::tr("Check that sshd runs on %1 and listens on port %2, and that no firewall is in "
                               "the way (try: ssh -p %2 %3).")
                            .arg(m_host.hostName())
                            .arg(m_host.port)
                            .arg(m_host.destination);
    m_stepTimer.disconnect();
    connect(&m_stepTimer, &QTimer::timeout, this, [this, target, fix] {
        fail({ QStringLiteral("tcp"), ProbeStatus::Failed,
            Tr::tr("No answer from %1 within %2 s.").arg(target).arg(m_timeouts.connectTimeoutS), fix });
    });
    connect(socket, &QTcpSocket::connected, this, [this, socket, target] {
        m_stepTimer.stop();
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
        record({ QStringLiteral("tcp"), ProbeStatus::Ok, Tr::tr("Connected to %1.").arg(target), {} });
        scanHostKey();
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket, target, fix](QAbstractSocket::SocketError) {
        if (!m_running)
            return;
        m_stepTimer.stop();
        const QString why = socket->errorString();
        socket->deleteLater();
        fail({ QStringLiteral("tcp"), ProbeStatus::Failed, Tr::tr("Cannot connect to %1: %2.").arg(target, why), fix });
    });
    m_stepTimer.start(m_timeouts.connectTimeoutS * 1000);
    socket->connectToHost(QHostAddress(m_address), static_cast<quint16>(m_host.port));
}

void HostProbe::scanHostKey()
{
    m_out.clear();
    m_err.clear();
    connect(m_runner, &ToolRunner::finished, this, &HostProbe::onKeyscanFinished, Qt::SingleShotConnection);
    m_runner->start(keyscanInvocation(m_keyHost, m_paths, m_timeouts.connectTimeoutS));
}

void HostProbe::onKeyscanFinished(const ToolResult& result)
{
    const QString id = QStringLiteral("host_key");
    if (result.kind == ToolResult::Kind::FailedToStart) {
        fail({ id, ProbeStatus::Failed,
            Tr::tr("%1 could not be started: %2.").arg(m_paths.keyscanProgram, result.errorString),
            Tr::tr("Install the OpenSSH client (Debian: apt install openssh-client).") });
        return;
    }
    const QList<HostKey> presented = parseHostKeys(m_out);
    QFile known(m_paths.knownHostsFile);
    const QByteArray stored = known.open(QIODevice::ReadOnly) ? known.readAll() : QByteArray();
    const QString knownName = knownHostsName(m_keyHost);
    const HostKeyVerdict v = checkHostKey(presented, parseHostKeys(stored), knownName);
    switch (v.kind) {
    case HostKeyVerdict::Kind::Trusted:
        record({ id, ProbeStatus::Ok, Tr::tr("%1 %2 is trusted.").arg(v.presentedType, v.presentedFingerprint), {} });
        runRemote();
        return;
    case HostKeyVerdict::Kind::Unknown:
        fail({ id, ProbeStatus::Failed,
            Tr::tr("%1 presents a key not yet trusted: %2 %3.").arg(knownName, v.presentedType, v.presentedFingerprint),
            Tr::tr("Compare it with the host's own (on the host: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub); "
                   "if it is the same, trust it: atcwb hosts trust %1 --fingerprint %2")
                .arg(m_host.name, v.presentedFingerprint) });
        return;
    case HostKeyVerdict::Kind::Changed:
        fail({ id, ProbeStatus::Failed,
            Tr::tr("WARNING: the host key of %1 has changed: trusted %2 %3, presented now %4 %5. Someone may be "
                   "intercepting the connection, or the host was reinstalled.")
                .arg(knownName, v.storedType, v.storedFingerprint, v.presentedType, v.presentedFingerprint),
            Tr::tr("Ask the host's owner whether its key changed. Only if it did, remove the old key "
                   "(ssh-keygen -R '%1' -f %2) and trust the new one.")
                .arg(knownName, m_paths.knownHostsFile) });
        return;
    case HostKeyVerdict::Kind::NoKeys:
        break;
    }
    // ssh-keyscan's own words, else how it ended (in the UI's language: the probe's messages are).
    const QString said = lastLines(QString::fromUtf8(m_err), 2);
    fail({ id, ProbeStatus::Failed,
        Tr::tr("%1 presented no SSH host key (ssh-keyscan: %2).")
            .arg(knownName,
                said.isEmpty() ? shownToolResultText(describe(result, QStringLiteral("ssh-keyscan"))) : said),
        Tr::tr("Check that port %1 of %2 is an SSH server.").arg(m_host.port).arg(m_host.hostName()) });
}

void HostProbe::runRemote()
{
    if (const auto error = ensurePrivateDir(m_paths.controlDir)) {
        fail({ QStringLiteral("auth"), ProbeStatus::Failed, error->message,
            Tr::tr("Fix the folder's owner or mode, or remove it.") });
        return;
    }
    m_out.clear();
    m_err.clear();
    connect(m_runner, &ToolRunner::finished, this, &HostProbe::onRemoteFinished, Qt::SingleShotConnection);
    const QString command = remoteScriptCommand(probeScript(), probeScriptArgs(m_host), QStringLiteral("atcwb-probe"));
    m_runner->start(
        sshInvocation(m_host, m_paths, command, m_remoteTimeoutMs + m_timeouts.connectTimeoutS * 1000, m_timeouts));
}

void HostProbe::onRemoteFinished(const ToolResult& result)
{
    const QString id = QStringLiteral("auth");
    const ProbeFacts facts = parseProbeOutput(m_out);
    const bool scriptStarted = splitProbeSections(m_out).contains(QStringLiteral("env_searched"));
    if (!scriptStarted) {
        const QString err = lastLines(QString::fromUtf8(m_err), 3);
        if (result.kind == ToolResult::Kind::FailedToStart) {
            fail({ id, ProbeStatus::Failed,
                Tr::tr("%1 could not be started: %2.").arg(m_paths.sshProgram, result.errorString),
                Tr::tr("Install the OpenSSH client (Debian: apt install openssh-client).") });
        } else if (err.contains(QLatin1String("Permission denied"))) {
            fail({ id, ProbeStatus::Failed, Tr::tr("%1 refused the login: %2").arg(m_host.destination, err),
                Tr::tr("Install your public key on the host (ssh-copy-id -p %1 %2), load it into ssh-agent, "
                       "or name the private key with --identity; passwords are never asked (BatchMode).")
                    .arg(m_host.port)
                    .arg(m_host.destination) });
        } else if (err.contains(QLatin1String("Host key verification failed"))) {
            fail({ id, ProbeStatus::Failed, Tr::tr("ssh refused the host key: %1").arg(err),
                Tr::tr("Probe again: the key may have changed between the checks.") });
        } else {
            fail({ id, ProbeStatus::Failed,
                Tr::tr("ssh to %1 failed (%2)%3")
                    .arg(m_host.destination, shownToolResultText(describe(result, QStringLiteral("ssh"))),
                        err.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + err),
                Tr::tr("Try it by hand: ssh -p %1 %2 true").arg(m_host.port).arg(m_host.destination) });
        }
        return;
    }
    record({ id, ProbeStatus::Ok, Tr::tr("Logged in as %1.").arg(m_host.destination), {} });
    m_report.facts = facts;
    m_report.remoteRan = true;
    QList<ProbeStep> steps = remoteProbeSteps(m_host, facts);
    if (!facts.complete && result.kind == ToolResult::Kind::TimedOut) {
        for (ProbeStep& s : steps) {
            if (s.status == ProbeStatus::Failed)
                s.message += Tr::tr(" (the probe timed out after %1 s)").arg(m_remoteTimeoutMs / 1000);
        }
    }
    for (const ProbeStep& s : steps)
        record(s);
    finish(QString());
}

} // namespace wb
