#pragma once

#include "remote/host.h"
#include "remote/probe.h"
#include "remote/ssh.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QTcpSocket;

namespace wb {

class ToolRunner;
struct ToolResult;

// Probes one host, step by step (probe.h), asynchronously: name lookup (QHostInfo), TCP connect (QTcpSocket), the
// presented host key (ssh-keyscan) against the app's known_hosts, then one ssh call running probeScript(). Child
// processes go through ToolRunner. Emits stepFinished() per step and finished() once, always from the event loop.
// The first failing step ends the network part; the steps after it are reported as skipped.
class HostProbe : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostProbe)
public:
    HostProbe(const Host& host, const SshPaths& paths, QObject* parent = nullptr);
    ~HostProbe() override;

    void setTimeouts(const SshTimeouts& timeouts) { m_timeouts = timeouts; }
    // Budget for the remote script (sourcing, npu-smi, df), after the connection is up.
    void setRemoteTimeoutMs(int ms) { m_remoteTimeoutMs = ms; }

    // False when already started. finished() follows, always asynchronously.
    bool start();
    // Stops what runs; the steps not done are reported as skipped ("cancelled") and finished() follows.
    void cancel();
    bool isRunning() const { return m_running; }
    const ProbeReport& report() const { return m_report; }

signals:
    void stepFinished(const wb::ProbeStep& step);
    void finished(const wb::ProbeReport& report);

private:
    void resolve();
    void lookUp(const QString& name, const QString& alias);
    void connectTcp();
    void scanHostKey();
    void runRemote();
    void onKeyscanFinished(const ToolResult& result);
    void onRemoteFinished(const ToolResult& result);
    void record(const ProbeStep& step);
    void fail(const ProbeStep& step);
    void finish(const QString& skippedWhy);

    Host m_host;
    Host m_keyHost; // m_host with an ~/.ssh/config alias replaced by its HostName (ssh -G): keyscan, known_hosts
    SshPaths m_paths;
    SshTimeouts m_timeouts;
    int m_remoteTimeoutMs = 60000;
    ProbeReport m_report;
    ToolRunner* m_runner = nullptr;
    QPointer<QTcpSocket> m_socket;
    QTimer m_stepTimer;
    QString m_address; // resolved
    int m_lookupId = -1;
    QByteArray m_out;
    QByteArray m_err;
    bool m_running = false;
    bool m_done = false;
};

} // namespace wb

Q_DECLARE_METATYPE(wb::ProbeStep)
Q_DECLARE_METATYPE(wb::ProbeReport)
