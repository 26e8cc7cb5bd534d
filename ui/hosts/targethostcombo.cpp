#include "targethostcombo.h"

#include "hostconnections.h"
#include "remote/probe.h"
#include "theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace wb {

TargetHostCombo::TargetHostCombo(HostConnections* connections, QWidget* parent)
    : QWidget(parent)
    , m_connections(connections)
    , m_combo(new QComboBox(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("convertOnRow"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("Convert on:"), this);
    label->setBuddy(m_combo);
    row->addWidget(label);
    m_combo->setObjectName(QStringLiteral("convertOn"));
    m_combo->setToolTip(tr("Where ATC runs: this machine, or a host of Tools > Settings > Hosts (the model and the "
                           "files the options name are uploaded; the OM, recipe and log come back here)."));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    row->addWidget(m_combo);
    m_status->setObjectName(QStringLiteral("convertOnStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(m_status, 1);
    m_combo->addItem(tr("This machine"), QString());
    showLocalStatus();
    connect(m_combo, &QComboBox::currentIndexChanged, this, &TargetHostCombo::onChosen);
    connect(m_connections, &HostConnections::probed, this, &TargetHostCombo::onProbed);
}

void TargetHostCombo::setHosts(const QList<Host>& hosts)
{
    const QString chosen = m_combo->currentData().toString();
    const std::optional<Host> before = currentHost();
    m_hosts = hosts;
    m_combo->blockSignals(true);
    m_combo->clear();
    m_combo->addItem(tr("This machine"), QString());
    for (const Host& h : hosts)
        m_combo->addItem(tr("%1 (%2)").arg(h.name, h.destination), h.name);
    m_combo->setCurrentIndex(std::max(0, m_combo->findData(chosen)));
    m_combo->blockSignals(false);
    // The chosen host was removed or edited: choose again (this machine, or the host as it is now).
    if (currentHost() != before)
        onChosen();
    else if (isLocal())
        showLocalStatus();
}

void TargetHostCombo::showLocalStatus()
{
    m_status->setText(
        m_hosts.isEmpty() ? tr("Add hosts in Tools > Settings > Hosts to convert on another machine.") : QString());
    m_status->setStyleSheet(QString());
}

bool TargetHostCombo::selectHost(const QString& name)
{
    const int index = m_combo->findData(name);
    if (index < 0)
        return false;
    if (index == m_combo->currentIndex())
        onChosen(); // again: probe anew
    else
        m_combo->setCurrentIndex(index);
    return true;
}

bool TargetHostCombo::isLocal() const
{
    return m_combo->currentData().toString().isEmpty();
}

std::optional<Host> TargetHostCombo::currentHost() const
{
    const QString name = m_combo->currentData().toString();
    for (const Host& h : m_hosts) {
        if (h.name == name)
            return h;
    }
    return std::nullopt;
}

bool TargetHostCombo::isReady() const
{
    return isLocal() || (m_ready && m_toolkit.isValid());
}

std::shared_ptr<const RemoteTarget> TargetHostCombo::remoteTarget() const
{
    const std::optional<Host> host = currentHost();
    if (!host)
        return nullptr;
    return std::make_shared<RemoteTarget>(m_connections->target(*host));
}

QString TargetHostCombo::statusText() const
{
    return m_status->text();
}

void TargetHostCombo::onChosen()
{
    m_toolkit = AtcToolkit {};
    const std::optional<Host> host = currentHost();
    if (!host) {
        m_ready = true;
        showLocalStatus();
        emit targetChanged();
        return;
    }
    m_ready = false;
    m_toolkit.source = tr("host %1").arg(host->name);
    m_toolkit.searched = { tr("host %1 (being probed)").arg(host->name) };
    m_status->setText(tr("Connecting to %1 (%2) and looking for its toolkit…").arg(host->name, host->destination));
    m_status->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(theme::text(theme::Tone::Info).name()));
    m_connections->probe(*host);
    emit targetChanged();
}

void TargetHostCombo::onProbed(const QString& name, const ProbeReport& report)
{
    const std::optional<Host> host = currentHost();
    if (!host || host->name != name)
        return;
    m_ready = true;
    const ProbeFacts& f = report.facts;
    // As `atcwb convert --on` takes it: the probe's atc, toolkit folder, version, SoCs and environment script.
    m_toolkit = AtcToolkit {};
    m_toolkit.source = tr("host %1").arg(name);
    const ProbeStep* failed = nullptr;
    for (const ProbeStep& step : report.steps) {
        if (!failed && step.status == ProbeStatus::Failed
            && QStringList { QStringLiteral("resolve"), QStringLiteral("tcp"), QStringLiteral("host_key"),
                QStringLiteral("auth"), QStringLiteral("env_script"), QStringLiteral("platform"),
                QStringLiteral("toolkit") }
                   .contains(step.id))
            failed = &step;
    }
    if (!failed && !f.atcPath.isEmpty()) {
        m_toolkit.atcPath = f.atcPath;
        m_toolkit.home = f.toolkitHome;
        m_toolkit.version = f.toolkitVersion;
        m_toolkit.socVersions = f.socVersions;
        m_toolkit.setEnvScript = f.envScript;
        m_status->setText(
            tr("ATC runs on %1: CANN %2, %3, %4.")
                .arg(name, f.toolkitVersion.isEmpty() ? tr("(version unknown)") : f.toolkitVersion, f.arch, f.libc));
        m_status->setStyleSheet(QString());
    } else {
        const QString why = failed
            ? QStringLiteral("%1: %2 %3").arg(probeStepShownTitle(failed->id), failed->message, failed->fix)
            : tr("the probe found no atc");
        m_toolkit.searched = { tr("host %1 — %2").arg(name, why) };
        m_status->setText(tr("%1 cannot convert: %2").arg(name, why));
        m_status->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(theme::text(theme::Tone::Error).name()));
    }
    emit targetChanged();
}

} // namespace wb
