#include "hostssettings.h"

#include "hostconnections.h"
#include "icons.h"
#include "remote/ssh.h"
#include "settings/settings.h"
#include "theme.h"
#include "widgets/pathfield.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace wb {

namespace {
theme::Tone toneOf(ProbeStatus status)
{
    return status == ProbeStatus::Ok    ? theme::Tone::Success
        : status == ProbeStatus::Failed ? theme::Tone::Error
                                        : theme::Tone::Info;
}

QString statusWord(ProbeStatus status)
{
    return status == ProbeStatus::Ok    ? HostsSettings::tr("ok")
        : status == ProbeStatus::Failed ? HostsSettings::tr("failed")
                                        : HostsSettings::tr("skipped");
}

QString describeHost(const Host& h)
{
    return h.port == Host::DefaultPort ? QStringLiteral("%1 — %2").arg(h.name, h.destination)
                                       : QStringLiteral("%1 — %2, port %3").arg(h.name, h.destination).arg(h.port);
}
} // namespace

HostEditDialog::HostEditDialog(const Host& host, const QStringList& taken, QWidget* parent)
    : QDialog(parent)
    , m_taken(taken)
    , m_name(new QLineEdit(host.name, this))
    , m_destination(new QLineEdit(host.destination, this))
    , m_port(new QSpinBox(this))
    , m_identity(new QLineEdit(host.identityFile, this))
    , m_envScript(new QLineEdit(host.envScript, this))
    , m_workDir(new QLineEdit(host.workDir, this))
    , m_error(new QLabel(this))
{
    setWindowTitle(host.name.isEmpty() ? tr("Add Host") : tr("Edit Host %1").arg(host.name));
    setObjectName(QStringLiteral("hostEditDialog"));
    auto* form = new QFormLayout(this);
    m_name->setObjectName(QStringLiteral("hostName"));
    m_name->setPlaceholderText(tr("board (letters, digits, '.', '_', '-')"));
    m_destination->setObjectName(QStringLiteral("hostDestination"));
    m_destination->setPlaceholderText(QStringLiteral("HwHiAiUser@192.168.1.2"));
    m_port->setObjectName(QStringLiteral("hostPort"));
    m_port->setRange(0, 65535); // 0 reaches validateHost, which says why it is refused
    m_port->setValue(host.port);
    m_identity->setObjectName(QStringLiteral("hostIdentity"));
    m_identity->setPlaceholderText(tr("empty: ssh-agent and your default keys"));
    m_envScript->setObjectName(QStringLiteral("hostEnvScript"));
    m_envScript->setPlaceholderText(defaultEnvScripts().first());
    m_envScript->setToolTip(
        tr("Empty: the first that exists of %1").arg(defaultEnvScripts().join(QStringLiteral(", "))));
    m_workDir->setObjectName(QStringLiteral("hostWorkDir"));
    m_workDir->setPlaceholderText(defaultWorkDir());
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("SSH destination:"), m_destination);
    form->addRow(tr("Port:"), m_port);
    form->addRow(tr("Identity file:"),
        withBrowseButton(
            m_identity,
            [this](const QString& current) { return QFileDialog::getOpenFileName(this, tr("Identity File"), current); },
            this));
    form->addRow(tr("Environment script on the host:"), m_envScript);
    form->addRow(tr("Work folder on the host:"), m_workDir);
    auto* note = new QLabel(tr("Keys only: ATC Workbench never asks for or stores a password (ssh runs with "
                               "BatchMode=yes)."),
        this);
    note->setWordWrap(true);
    form->addRow(note);
    m_error->setObjectName(QStringLiteral("hostError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(theme::text(theme::Tone::Error).name()));
    m_error->hide();
    form->addRow(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &HostEditDialog::tryAccept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, height());
}

Host HostEditDialog::host() const
{
    Host h;
    h.name = m_name->text().trimmed();
    h.destination = m_destination->text().trimmed();
    h.port = m_port->value();
    h.identityFile = m_identity->text().trimmed();
    h.envScript = m_envScript->text().trimmed();
    h.workDir = m_workDir->text().trimmed();
    return h;
}

QString HostEditDialog::error() const
{
    return m_error->isVisible() || !m_error->isHidden() ? m_error->text() : QString();
}

bool HostEditDialog::tryAccept()
{
    const Host h = host();
    QString why;
    if (m_taken.contains(h.name))
        why = tr("There is already a host named %1: choose another name, or edit that host.").arg(h.name);
    else if (const auto error = validateHost(h))
        why = error->message;
    m_error->setText(why);
    m_error->setVisible(!why.isEmpty());
    if (!why.isEmpty())
        return false;
    accept();
    return true;
}

HostsSettings::HostsSettings(Settings& settings, HostConnections* connections, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_connections(connections)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("Add…"), this))
    , m_edit(new QPushButton(tr("Edit…"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_test(new QPushButton(tr("Test Connection"), this))
    , m_testTitle(new QLabel(this))
    , m_steps(new QTreeWidget(this))
    , m_verdict(new QLabel(this))
    , m_key(new QLabel(this))
    , m_trust(new QPushButton(tr("Trust This Key"), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("hostsSettings"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Machines reached over SSH, to convert where the CANN toolkit is and to run where the "
                                "NPU is. Changes here are saved at once."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* top = new QHBoxLayout;
    m_list->setObjectName(QStringLiteral("hostList"));
    m_list->setMaximumHeight(110);
    top->addWidget(m_list, 1);
    auto* buttons = new QVBoxLayout;
    m_add->setObjectName(QStringLiteral("hostAdd"));
    m_edit->setObjectName(QStringLiteral("hostEdit"));
    m_remove->setObjectName(QStringLiteral("hostRemove"));
    m_test->setObjectName(QStringLiteral("hostTest"));
    for (QPushButton* b : { m_add, m_edit, m_remove, m_test })
        buttons->addWidget(b);
    buttons->addStretch(1);
    top->addLayout(buttons);
    layout->addLayout(top);
    m_error->setObjectName(QStringLiteral("hostsError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(theme::text(theme::Tone::Error).name()));
    m_error->hide();
    layout->addWidget(m_error);
    m_testTitle->setObjectName(QStringLiteral("probeTitle"));
    layout->addWidget(m_testTitle);
    m_steps->setObjectName(QStringLiteral("probeSteps"));
    m_steps->setColumnCount(2);
    m_steps->setHeaderLabels({ tr("Step"), tr("Result") });
    m_steps->setRootIsDecorated(false);
    m_steps->setWordWrap(true);
    m_steps->setUniformRowHeights(false);
    m_steps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_steps->header()->setStretchLastSection(true);
    layout->addWidget(m_steps, 1);
    m_verdict->setObjectName(QStringLiteral("probeVerdict"));
    m_verdict->setWordWrap(true);
    layout->addWidget(m_verdict);
    auto* keyRow = new QHBoxLayout;
    m_key->setObjectName(QStringLiteral("hostKeyText"));
    m_key->setWordWrap(true);
    m_key->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_key->hide();
    m_trust->setObjectName(QStringLiteral("trustKey"));
    m_trust->hide();
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_trust, 0, Qt::AlignTop);
    layout->addLayout(keyRow);

    connect(m_add, &QPushButton::clicked, this, [this] { editHost(true); });
    connect(m_edit, &QPushButton::clicked, this, [this] { editHost(false); });
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this] { editHost(false); });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const QString name = currentHost();
        if (!name.isEmpty()
            && QMessageBox::question(this, tr("Remove Host"), tr("Remove the host %1 from the list?").arg(name))
                == QMessageBox::Yes)
            removeHost(name);
    });
    connect(m_test, &QPushButton::clicked, this, &HostsSettings::testConnection);
    connect(m_trust, &QPushButton::clicked, this, &HostsSettings::trustShownKey);
    connect(m_list, &QListWidget::currentRowChanged, this, &HostsSettings::updateButtons);
    connect(m_connections, &HostConnections::probeStep, this, [this](const QString& name, const ProbeStep& step) {
        if (name == m_testing)
            showStep(step);
    });
    connect(m_connections, &HostConnections::probed, this, &HostsSettings::onProbed);
    connect(m_connections, &HostConnections::hostKeyChecked, this, &HostsSettings::onKeyChecked);
    reload();
}

void HostsSettings::reload()
{
    const QString current = currentHost();
    m_list->clear();
    for (const Host& h : m_settings.hosts()) {
        auto* item = new QListWidgetItem(describeHost(h), m_list);
        item->setData(Qt::UserRole, h.name);
    }
    if (m_list->count() == 0) {
        auto* item
            = new QListWidgetItem(tr("No hosts yet: Add… one (user@host, a key in ssh-agent or a key file)."), m_list);
        item->setFlags(Qt::NoItemFlags);
    }
    selectHost(current);
    if (m_list->currentRow() < 0 && m_list->count() > 0 && !m_list->item(0)->data(Qt::UserRole).isNull())
        m_list->setCurrentRow(0);
    updateButtons();
}

QString HostsSettings::currentHost() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void HostsSettings::selectHost(const QString& name)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (!name.isEmpty() && m_list->item(i)->data(Qt::UserRole).toString() == name)
            m_list->setCurrentRow(i);
    }
}

bool HostsSettings::saveHost(const Host& host, const QString& replacing)
{
    if (const auto error = validateHost(host)) {
        showError(error->message);
        return false;
    }
    if (!replacing.isEmpty() && replacing != host.name) {
        m_settings.removeHost(replacing);
        m_connections->forget(replacing);
    }
    m_settings.setHost(host);
    m_settings.sync();
    showError({});
    reload();
    selectHost(host.name);
    emit hostsChanged();
    return true;
}

bool HostsSettings::removeHost(const QString& name)
{
    if (!m_settings.removeHost(name))
        return false;
    m_settings.sync();
    m_connections->forget(name);
    reload();
    emit hostsChanged();
    return true;
}

void HostsSettings::editHost(bool add)
{
    const QString name = add ? QString() : currentHost();
    if (!add && name.isEmpty())
        return;
    Host host;
    if (!add)
        host = m_settings.host(name).value_or(Host {});
    QStringList taken;
    for (const Host& h : m_settings.hosts()) {
        if (h.name != name)
            taken << h.name;
    }
    HostEditDialog dialog(host, taken, this);
    if (dialog.exec() == QDialog::Accepted)
        saveHost(dialog.host(), name);
}

void HostsSettings::testConnection()
{
    const std::optional<Host> host = m_settings.host(currentHost());
    if (!host)
        return;
    m_testing = host->name;
    m_shownFingerprint.clear();
    m_steps->clear();
    m_key->hide();
    m_trust->hide();
    m_verdict->clear();
    m_testTitle->setText(tr("Testing %1 (%2)…").arg(host->name, host->destination));
    m_connections->probe(*host);
    updateButtons();
}

bool HostsSettings::isTesting() const
{
    return !m_testing.isEmpty() && m_connections->isProbing(m_testing);
}

void HostsSettings::showStep(const ProbeStep& step)
{
    // One row per step, in the order they ran; a failed step's fix in a row of its own below it.
    auto* item = new QTreeWidgetItem(m_steps);
    item->setData(0, Qt::UserRole, step.id);
    item->setIcon(0, icons::verdict(toneOf(step.status)));
    item->setText(0, probeStepShownTitle(step.id));
    item->setText(1, step.message.isEmpty() ? statusWord(step.status) : step.message);
    item->setToolTip(1, step.message);
    item->setToolTip(0, statusWord(step.status));
    if (step.status == ProbeStatus::Failed && !step.fix.isEmpty()) {
        auto* fix = new QTreeWidgetItem(m_steps);
        fix->setData(0, Qt::UserRole, step.id + QStringLiteral(".fix"));
        fix->setText(0, tr("What to do"));
        fix->setText(1, step.fix);
        fix->setToolTip(1, step.fix);
        fix->setForeground(0, theme::text(theme::Tone::Warning));
    }
}

void HostsSettings::onProbed(const QString& name, const ProbeReport& report)
{
    if (name != m_testing)
        return;
    // The whole report, in order: the steps after the first failure arrive only here (as skipped), and a probe
    // already running when Test Connection was pressed answered for it without showing its first steps.
    m_steps->clear();
    for (const ProbeStep& step : report.steps)
        showStep(step);
    const QString verdict = report.verdict();
    m_testTitle->setText(tr("Test of %1").arg(name));
    QString text = verdict == QLatin1String("ok") ? tr("Verdict: ok — %1 can convert and run.").arg(name)
        : verdict == QLatin1String("partial")
        ? tr("Verdict: partial — %1 can %2.")
              .arg(name,
                  report.canConvert()   ? tr("convert (no NPU or no runner)")
                      : report.canRun() ? tr("run (no ATC)")
                                        : tr("be reached, but has no ATC, no NPU or no runner"))
        : tr("Verdict: failed — see the first failed step and what to do.");
    m_verdict->setText(text);
    m_verdict->setStyleSheet(QStringLiteral("QLabel { color: %1; }")
                                 .arg(theme::text(verdict == QLatin1String("ok") ? theme::Tone::Success
                                         : verdict == QLatin1String("partial")   ? theme::Tone::Warning
                                                                                 : theme::Tone::Error)
                                          .name()));
    const ProbeStep* key = report.step(QStringLiteral("host_key"));
    if (key && key->status == ProbeStatus::Failed) {
        if (const std::optional<Host> host = m_settings.host(name)) {
            m_key->setText(tr("Asking %1 for its host key…").arg(name));
            m_key->show();
            m_connections->checkHostKey(*host); // onKeyChecked: Trust This Key, or the changed key's warning
            updateButtons();
            return;
        }
    }
    updateButtons();
    emit testFinished(report);
}

void HostsSettings::onKeyChecked(const QString& name, const HostKeyVerdict& verdict)
{
    if (name != m_testing)
        return;
    const QString known = m_connections->paths().knownHostsFile;
    m_shownFingerprint.clear();
    switch (verdict.kind) {
    case HostKeyVerdict::Kind::Unknown:
        m_shownFingerprint = verdict.presentedFingerprint;
        m_key->setText(tr("%1 presents a host key that is not trusted yet:\n%2 %3\nCompare it with the host's own "
                          "(on the host: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub). Trust it only if they "
                          "are the same.")
                           .arg(name, verdict.presentedType, verdict.presentedFingerprint));
        m_key->setStyleSheet(QStringLiteral("QLabel { %1 padding:6px; }").arg(theme::panel(theme::Tone::Warning)));
        m_trust->show();
        break;
    case HostKeyVerdict::Kind::Changed:
        m_key->setText(
            tr("WARNING: the host key of %1 has changed.\nTrusted: %2 %3\nPresented now: %4 %5\nSomeone may "
               "be intercepting the connection. The app will not connect. Only if the host was "
               "reinstalled, remove the old key (ssh-keygen -R '%6' -f %7), then test again and trust "
               "the new one.")
                .arg(name, verdict.storedType, verdict.storedFingerprint, verdict.presentedType,
                    verdict.presentedFingerprint, knownHostsName(m_settings.host(name).value_or(Host {})), known));
        m_key->setStyleSheet(QStringLiteral("QLabel { %1 padding:6px; }").arg(theme::panel(theme::Tone::Error)));
        m_trust->hide();
        break;
    case HostKeyVerdict::Kind::Trusted:
        m_key->setText(tr("The key %1 presents is trusted now: test again.").arg(name));
        m_key->setStyleSheet(QString());
        m_trust->hide();
        break;
    case HostKeyVerdict::Kind::NoKeys:
        m_key->setText(tr("%1 presented no host key: check that it runs an SSH server on that port.").arg(name));
        m_key->setStyleSheet(QString());
        m_trust->hide();
        break;
    }
    m_key->show();
    updateButtons();
    if (const ProbeReport* report = m_connections->lastReport(name))
        emit testFinished(*report);
}

bool HostsSettings::trustShownKey()
{
    const std::optional<Host> host = m_settings.host(m_testing);
    if (!host || m_shownFingerprint.isEmpty())
        return false;
    if (const auto error = m_connections->trustKey(*host, m_shownFingerprint)) {
        showError(error->message);
        return false;
    }
    showError({});
    selectHost(host->name);
    testConnection(); // again, now with the key trusted
    return true;
}

QString HostsSettings::verdictText() const
{
    return m_verdict->text();
}

QString HostsSettings::keyText() const
{
    return m_key->isHidden() ? QString() : m_key->text();
}

void HostsSettings::updateButtons()
{
    const bool selected = !currentHost().isEmpty();
    m_edit->setEnabled(selected);
    m_remove->setEnabled(selected);
    m_test->setEnabled(selected && !isTesting());
}

void HostsSettings::showError(const QString& message)
{
    m_lastError = message;
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

} // namespace wb
