#pragma once

// The app's connections to its remote hosts for one session (README "Remote hosts over SSH", "In the app"): the
// probes (HostProbe, asynchronous), each host's last probe report, host key checks and trust, and a connection
// state per host in use (connecting, connected, lost) for the status bar. Conversions and runs on a host report
// what they saw through reportConnected() / reportLost(). Nothing here waits on the network on the calling thread.
#include "remote/hostkeys.h"
#include "remote/probe.h"
#include "remote/remotetarget.h"
#include "util/result.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <optional>

namespace wb {

class HostProbe;

class HostConnections : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostConnections)
public:
    enum class State { Unknown, Connecting, Connected, Lost };

    explicit HostConnections(QObject* parent = nullptr); // SshPaths::defaults()
    ~HostConnections() override;

    void setPaths(const SshPaths& paths) { m_paths = paths; } // tests: a temporary known_hosts and socket folder
    const SshPaths& paths() const { return m_paths; }
    RemoteTarget target(const Host& host) const;

    // Probes `host`: probeStep() per step, then probed() once, always from the event loop. While a probe of the
    // same host runs, that one answers; a probe of an edited host of that name is cancelled first.
    void probe(const Host& host);
    bool isProbing(const QString& name) const;
    bool isBusy() const; // any probe or key check running
    const ProbeReport* lastReport(const QString& name) const;

    // Asks the host for its keys (ssh-keyscan, on a worker) and compares them with the app's known_hosts;
    // hostKeyChecked() follows.
    void checkHostKey(const Host& host);
    // Trusts the key with `fingerprint` among those the host's last checkHostKey() saw: exactly the key whose
    // fingerprint the user was shown. Refused for a changed key (Error "host_key_changed") or a fingerprint not
    // seen ("fingerprint_mismatch").
    std::optional<Error> trustKey(const Host& host, const QString& fingerprint);

    State state(const QString& name) const;
    QString stateDetail(const QString& name) const;
    QStringList hostsInUse() const; // every host with a state, in the order first used
    void reportConnecting(const QString& name, const QString& detail);
    void reportConnected(const QString& name, const QString& detail);
    void reportLost(const QString& name, const QString& detail);
    void forget(const QString& name); // a removed host

    static QString stateName(State state); // "connecting", "connected", "lost" (translated)

signals:
    void probeStep(const QString& host, const wb::ProbeStep& step);
    void probed(const QString& host, const wb::ProbeReport& report);
    void hostKeyChecked(const QString& host, const wb::HostKeyVerdict& verdict);
    void stateChanged(const QString& host, wb::HostConnections::State state, const QString& detail);

private:
    void setState(const QString& name, State state, const QString& detail);

    struct Entry {
        State state = State::Unknown;
        QString detail;
        std::optional<ProbeReport> report;
        QList<HostKey> presented; // the last key check's
        HostKeyVerdict verdict;
        bool keyChecked = false;
    };
    SshPaths m_paths;
    QHash<QString, Entry> m_entries;
    QStringList m_order;
    QHash<QString, QPointer<HostProbe>> m_probes;
    QHash<QString, Host> m_probeHosts; // what each running probe probes
    int m_keyChecks = 0;
};

} // namespace wb

Q_DECLARE_METATYPE(wb::HostKeyVerdict)
