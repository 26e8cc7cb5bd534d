// MainWindow: remote hosts (README "Remote hosts over SSH", "In the app"): Convert on, the hosts' NPUs among the
// Run page's targets, and the connection indicator, all driven by HostConnections' signals.
#include "mainwindow.h"

#include "atc/toolkitcontroller.h"
#include "hosts/connectionindicator.h"
#include "hosts/hostconnections.h"
#include "hosts/targethostcombo.h"
#include "pages/conversionpage.h"
#include "pages/convertpage.h"
#include "pages/runpage.h"
#include "run/benchtext.h"
#include "settings/settings.h"

#include <QFileInfo>
#include <QStackedWidget>
#include <QStatusBar>

namespace wb {

void MainWindow::connectHosts()
{
    m_hosts = new HostConnections(this);
    m_convertOn = new TargetHostCombo(m_hosts, m_convertPage);
    m_convertPage->setTargetSelector(m_convertOn);
    m_convertOn->setHosts(m_settings.hosts());
    m_connectionIndicator = new ConnectionIndicator(m_hosts, this);
    statusBar()->addPermanentWidget(m_connectionIndicator);

    // Convert on: the page checks and previews against the toolkit of the machine ATC will run on.
    connect(m_convertOn, &TargetHostCombo::targetChanged, this, [this] {
        m_convertPage->setToolkit(m_convertOn->isLocal() ? m_toolkit->toolkit() : m_convertOn->hostToolkit());
        const std::optional<Host> host = m_convertOn->currentHost();
        m_convertPage->setConvertHost(m_convertOn->isLocal() || !host ? QString() : host->name);
    });
    // Every probe that comes back (Test Connection, Convert on, the Run page) refreshes that host's NPU targets.
    connect(m_hosts, &HostConnections::probed, this, [this](const QString& name, const ProbeReport& report) {
        const std::optional<Host> host = m_settings.host(name);
        if (!host)
            return;
        const bool npus = report.facts.npus && report.step(QStringLiteral("npus"))
            && report.step(QStringLiteral("npus"))->status == ProbeStatus::Ok;
        m_runPage->setHostDevices(
            name, m_hosts->target(*host), report.facts, npus ? report.facts.npus->devices : QList<NpuDevice> {});
    });
    connect(m_hosts, &HostConnections::stateChanged, this, [this](const QString& name, HostConnections::State state) {
        if (state == HostConnections::State::Unknown) // removed
            m_runPage->setHostDevices(name, {}, {}, {});
    });
    connect(m_pages, &QStackedWidget::currentChanged, this, [this] {
        if (m_pages->currentWidget() == m_runPage && !m_hostTargetsAsked)
            refreshHostTargets();
    });
    connect(m_runPage, &RunPage::hostsRefreshRequested, this, &MainWindow::refreshHostTargets);

    // Runs and conversions on a host tell the indicator what became of the link.
    connect(m_runPage, &RunPage::runStarted, this, [this](const BenchRequest& r) {
        m_runHost = r.remote ? r.remote->host.name : QString();
        if (!m_runHost.isEmpty())
            m_hosts->reportConnecting(m_runHost, tr("Running %1 on %2…").arg(QFileInfo(r.model).fileName(), m_runHost));
    });
    connect(m_runPage, &RunPage::runFinished, this, [this](bool ok) {
        if (m_runHost.isEmpty())
            return;
        const BenchResult& r = m_runPage->lastResult();
        if (r.errorCode == QLatin1String("connection_lost"))
            m_hosts->reportLost(m_runHost, r.error);
        else
            m_hosts->reportConnected(m_runHost,
                ok ? tr("The run on %1 finished.").arg(m_runHost)
                   : tr("The run on %1 ended: %2").arg(m_runHost, shownBenchText(r.error)));
        m_runHost.clear();
    });
    connect(m_conversionPage, &ConversionPage::finished, this, [this](bool ok) {
        if (m_conversionHost.isEmpty())
            return;
        QString lost;
        for (const ConversionOutcome& o : m_conversionPage->queue()->outcomes()) {
            if (o.failure.contains(QLatin1String("may still be running")))
                lost = o.failure;
        }
        if (!lost.isEmpty())
            m_hosts->reportLost(m_conversionHost, lost);
        else
            m_hosts->reportConnected(m_conversionHost,
                ok ? tr("The conversion on %1 finished.").arg(m_conversionHost)
                   : tr("The conversion on %1 failed (see the ATC Run page).").arg(m_conversionHost));
        m_conversionHost.clear();
    });
}

void MainWindow::startConversionOn(const std::shared_ptr<const RemoteTarget>& remote)
{
    m_conversionHost = remote ? remote->host.name : QString();
    if (remote)
        m_hosts->reportConnecting(m_conversionHost, tr("Converting on %1…").arg(m_conversionHost));
}

void MainWindow::refreshHostTargets()
{
    m_hostTargetsAsked = true;
    for (const Host& host : m_settings.hosts())
        m_hosts->probe(host); // probed(): the host's NPUs join the targets
}

void MainWindow::reloadHosts()
{
    m_convertOn->setHosts(m_settings.hosts());
    if (m_hostTargetsAsked)
        refreshHostTargets();
}

} // namespace wb
