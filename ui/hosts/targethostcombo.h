#pragma once

#include "atc/toolkit.h"
#include "remote/host.h"
#include "remote/remotetarget.h"

#include <QList>
#include <QWidget>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;

namespace wb {

class HostConnections;
struct ProbeReport;

// "Convert on: This machine / HOST" above the Convert page's form. Choosing a host probes it (HostConnections,
// asynchronously) and, once the probe is back, offers the host's toolkit (its atc, CANN version, SoCs) for the
// page's checks and preview; the conversion then runs there (ConversionRequest::remote). The choice lasts for the
// session.
class TargetHostCombo : public QWidget {
    Q_OBJECT
public:
    TargetHostCombo(HostConnections* connections, QWidget* parent = nullptr);

    void setHosts(const QList<Host>& hosts); // keeps the chosen host while it is still there
    bool selectHost(const QString& name); // "" for this machine; false when there is no such host
    bool isLocal() const;
    std::optional<Host> currentHost() const;
    // The host's toolkit from its probe (invalid, with the reason in `searched`, while probing or when the host has
    // no atc); meaningless for this machine.
    const AtcToolkit& hostToolkit() const { return m_toolkit; }
    bool isReady() const; // this machine, or the host's probe is back with an atc
    std::shared_ptr<const RemoteTarget> remoteTarget() const; // null for this machine
    QString statusText() const;

signals:
    // The selection changed, or the chosen host's probe came back: the page's toolkit changes with it.
    void targetChanged();

private:
    void onChosen();
    void showLocalStatus();
    void onProbed(const QString& name, const ProbeReport& report);

    HostConnections* m_connections;
    QComboBox* m_combo;
    QLabel* m_status;
    QList<Host> m_hosts;
    AtcToolkit m_toolkit;
    bool m_ready = true;
};

} // namespace wb
