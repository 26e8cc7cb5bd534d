#include "settingsdialog.h"

#include "hosts/hostconnections.h"
#include "hosts/hostssettings.h"
#include "settings/settings.h"
#include "widgets/pathfield.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace wb {

SettingsDialog::SettingsDialog(Settings& settings, QWidget* parent)
    : SettingsDialog(settings, nullptr, parent)
{
}

SettingsDialog::SettingsDialog(Settings& settings, HostConnections* connections, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_atc(new QLineEdit(settings.atcPath(), this))
    , m_home(new QLineEdit(settings.toolkitHome(), this))
    , m_verbose(new QCheckBox(tr("Debug messages in the log"), this))
    , m_language(new QComboBox(this))
{
    setWindowTitle(tr("Settings"));
    auto* outer = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("settingsTabs"));
    outer->addWidget(m_tabs);
    auto* general = new QWidget(m_tabs);
    auto* form = new QFormLayout(general);
    auto* intro = new QLabel(tr("Leave both empty to find ATC on PATH, through ASCEND_TOOLKIT_HOME / ASCEND_HOME_PATH, "
                                "or in the default install folders (/usr/local/Ascend/ascend-toolkit/latest, "
                                "/usr/local/Ascend/cann)."),
        this);
    intro->setWordWrap(true);
    form->addRow(intro);
    auto row = [this](QLineEdit* edit, bool folder) {
        return withBrowseButton(
            edit,
            [this, folder](const QString& current) {
                return folder ? QFileDialog::getExistingDirectory(this, tr("Toolkit Folder"), current)
                              : QFileDialog::getOpenFileName(this, tr("atc Program"), current);
            },
            this);
    };
    m_atc->setPlaceholderText(QStringLiteral("/usr/local/Ascend/ascend-toolkit/latest/bin/atc"));
    m_home->setPlaceholderText(QStringLiteral("/usr/local/Ascend/ascend-toolkit/latest"));
    form->addRow(tr("atc program:"), row(m_atc, false));
    form->addRow(tr("Toolkit folder:"), row(m_home, true));
    m_verbose->setChecked(settings.verboseLogging());
    form->addRow(QString(), m_verbose);
    // Language names in their own language, so anyone can find theirs.
    m_language->setObjectName(QStringLiteral("uiLanguage"));
    m_language->addItem(tr("Automatic (system language)"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings.uiLanguage())));
    m_language->setToolTip(tr("Takes effect the next time ATC Workbench starts."));
    form->addRow(tr("Language:"), m_language);
    m_tabs->addTab(general, tr("Toolkit"));
    // Hosts are saved as they change (not on OK): a trusted key is in known_hosts at once too.
    m_hosts = new HostsSettings(settings, connections ? connections : new HostConnections(this), m_tabs);
    m_tabs->addTab(m_hosts, tr("Hosts"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    outer->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Wide enough for the Hosts tab, and at least as high as the size hint: over the main window (which lends its
    // font) a hint-sized dialog came out a line short, its intro cut at the top.
    ensurePolished();
    resize(840, qMax(600, qMax(sizeHint().height(), form->totalHeightForWidth(800))));
}

void SettingsDialog::showHosts()
{
    m_tabs->setCurrentWidget(m_hosts);
}

void SettingsDialog::apply()
{
    m_settings.setAtcPath(m_atc->text().trimmed());
    m_settings.setToolkitHome(m_home->text().trimmed());
    m_settings.setVerboseLogging(m_verbose->isChecked());
    m_settings.setUiLanguage(m_language->currentData().toString());
    m_settings.sync();
}

} // namespace wb
