#include "hostconnections.h"

#include "process/toolcapture.h"
#include "remote/hostprobe.h"
#include "remote/ssh.h"

#include <QCoreApplication>
#include <QFile>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace wb {

namespace {
// The steps that make a connection: when these pass, the host is reachable and lets us in.
bool connectionOk(const ProbeReport& report)
{
    for (const char* id : { "resolve", "tcp", "host_key", "auth" }) {
        const ProbeStep* step = report.step(QLatin1String(id));
        if (!step || step->status != ProbeStatus::Ok)
            return false;
    }
    return true;
}

QString firstFailure(const ProbeReport& report)
{
    for (const ProbeStep& step : report.steps) {
        if (step.status == ProbeStatus::Failed)
            return QStringLiteral("%1: %2").arg(probeStepShownTitle(step.id), step.message);
    }
    return {};
}
} // namespace

HostConnections::HostConnections(QObject* parent)
    : QObject(parent)
    , m_paths(SshPaths::defaults())
{
    qRegisterMetaType<wb::ProbeStep>();
    qRegisterMetaType<wb::ProbeReport>();
    qRegisterMetaType<wb::HostKeyVerdict>();
}

HostConnections::~HostConnections() = default; // the probes are children: destroying them stops their processes

RemoteTarget HostConnections::target(const Host& host) const
{
    RemoteTarget t;
    t.host = host;
    t.paths = m_paths;
    return t;
}

void HostConnections::probe(const Host& host)
{
    // The same host probed again while its probe runs (Convert on, the Run page's targets, Test Connection): one
    // probe answers them all. An edited host is probed anew.
    if (isProbing(host.name) && m_probeHosts.value(host.name) == host)
        return;
    if (QPointer<HostProbe> running = m_probes.take(host.name)) {
        running->disconnect(this);
        running->cancel();
        running->deleteLater();
    }
    auto* probe = new HostProbe(host, m_paths, this);
    m_probes.insert(host.name, probe);
    m_probeHosts.insert(host.name, host);
    const QString name = host.name;
    connect(probe, &HostProbe::stepFinished, this, [this, name](const ProbeStep& step) { emit probeStep(name, step); });
    connect(probe, &HostProbe::finished, this, [this, name, probe](const ProbeReport& report) {
        if (m_probes.value(name) == probe)
            m_probes.remove(name);
        probe->deleteLater();
        m_entries[name].report = report;
        if (connectionOk(report))
            setState(name, State::Connected,
                tr("%1: %2, %3; probe verdict: %4")
                    .arg(name, report.facts.arch.isEmpty() ? tr("architecture unknown") : report.facts.arch,
                        report.facts.libc.isEmpty() ? tr("C library unknown") : report.facts.libc, report.verdict()));
        else
            setState(name, State::Lost, firstFailure(report));
        emit probed(name, report);
    });
    setState(name, State::Connecting, tr("Testing the connection to %1 (%2)…").arg(name, host.destination));
    probe->start();
}

bool HostConnections::isProbing(const QString& name) const
{
    return !m_probes.value(name).isNull();
}

bool HostConnections::isBusy() const
{
    for (const QPointer<HostProbe>& p : m_probes) {
        if (p)
            return true;
    }
    return m_keyChecks > 0;
}

const ProbeReport* HostConnections::lastReport(const QString& name) const
{
    const auto it = m_entries.constFind(name);
    return it != m_entries.cend() && it->report ? &*it->report : nullptr;
}

void HostConnections::checkHostKey(const Host& host)
{
    struct Seen {
        QList<HostKey> presented;
        HostKeyVerdict verdict;
    };
    const ToolInvocation scan = keyscanInvocation(host, m_paths);
    const QString knownHosts = m_paths.knownHostsFile;
    const QString knownName = knownHostsName(host);
    const QString name = host.name;
    ++m_keyChecks;
    auto* watcher = new QFutureWatcher<Seen>(this);
    connect(watcher, &QFutureWatcher<Seen>::finished, this, [this, watcher, name] {
        --m_keyChecks;
        const Seen seen = watcher->result();
        watcher->deleteLater();
        Entry& e = m_entries[name];
        e.presented = seen.presented;
        e.verdict = seen.verdict;
        e.keyChecked = true;
        emit hostKeyChecked(name, seen.verdict);
    });
    // runToCompletion blocks its thread while ssh-keyscan runs: a worker's, never the GUI thread.
    watcher->setFuture(QtConcurrent::run([scan, knownHosts, knownName] {
        Seen seen;
        seen.presented = parseHostKeys(runToCompletion(scan).out);
        QFile known(knownHosts);
        const QByteArray stored = known.open(QIODevice::ReadOnly) ? known.readAll() : QByteArray();
        seen.verdict = wb::checkHostKey(seen.presented, parseHostKeys(stored), knownName);
        return seen;
    }));
}

std::optional<Error> HostConnections::trustKey(const Host& host, const QString& fingerprint)
{
    const Entry e = m_entries.value(host.name);
    if (e.keyChecked && e.verdict.kind == HostKeyVerdict::Kind::Changed)
        return Error { QStringLiteral("host_key_changed"),
            tr("Refused: the host key of %1 has changed (trusted %2, presented now %3).")
                .arg(host.name, e.verdict.storedFingerprint, e.verdict.presentedFingerprint),
            {} };
    const std::optional<HostKey> key = keyWithFingerprint(e.presented, fingerprint);
    if (!key)
        return Error { QStringLiteral("fingerprint_mismatch"),
            tr("Refused: %1 did not present a key with the fingerprint %2.").arg(host.name, fingerprint), {} };
    return appendKnownHost(m_paths.knownHostsFile, knownHostsName(host), *key);
}

HostConnections::State HostConnections::state(const QString& name) const
{
    return m_entries.value(name).state;
}

QString HostConnections::stateDetail(const QString& name) const
{
    return m_entries.value(name).detail;
}

QStringList HostConnections::hostsInUse() const
{
    return m_order;
}

void HostConnections::reportConnecting(const QString& name, const QString& detail)
{
    setState(name, State::Connecting, detail);
}

void HostConnections::reportConnected(const QString& name, const QString& detail)
{
    setState(name, State::Connected, detail);
}

void HostConnections::reportLost(const QString& name, const QString& detail)
{
    setState(name, State::Lost, detail);
}

void HostConnections::forget(const QString& name)
{
    if (QPointer<HostProbe> running = m_probes.take(name)) {
        running->disconnect(this);
        running->cancel();
        running->deleteLater();
    }
    m_entries.remove(name);
    if (m_order.removeAll(name) > 0)
        emit stateChanged(name, State::Unknown, QString());
}

QString HostConnections::stateName(State state)
{
    switch (state) {
    case State::Connecting:
        return tr("connecting");
    case State::Connected:
        return tr("connected");
    case State::Lost:
        return tr("lost");
    case State::Unknown:
        break;
    }
    return tr("not used yet");
}

void HostConnections::setState(const QString& name, State state, const QString& detail)
{
    Entry& e = m_entries[name];
    e.state = state;
    e.detail = detail;
    if (!m_order.contains(name))
        m_order.append(name);
    emit stateChanged(name, state, detail);
}

} // namespace wb
