#pragma once

#include "remote/host.h"
#include "remote/hostkeys.h"
#include "remote/probe.h"

#include <QDialog>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace wb {

class HostConnections;
class Settings;

// Add or edit one host: name, destination, port, identity file, environment script, work folder. OK checks the
// host with validateHost() and keeps the dialog open with the reason while it fails.
class HostEditDialog : public QDialog {
    Q_OBJECT
public:
    // `taken`: names of the other hosts (a new host may not reuse one).
    HostEditDialog(const Host& host, const QStringList& taken, QWidget* parent = nullptr);
    Host host() const;
    QString error() const; // why OK was refused, "" when it was not
    bool tryAccept(); // what OK does: validate, then accept

private:
    QStringList m_taken;
    QLineEdit* m_name;
    QLineEdit* m_destination;
    QSpinBox* m_port;
    QLineEdit* m_identity;
    QLineEdit* m_envScript;
    QLineEdit* m_workDir;
    QLabel* m_error;
};

// Tools > Settings > Hosts: the hosts of the settings (saved as they change), Test Connection with the probe's
// verdict per step, and the host key: an unknown key shows its fingerprint and Trust This Key, a changed key both
// fingerprints and how to remove the old one (no trust button).
class HostsSettings : public QWidget {
    Q_OBJECT
public:
    HostsSettings(Settings& settings, HostConnections* connections, QWidget* parent = nullptr);

    void reload(); // the list from the settings
    QString currentHost() const;
    void selectHost(const QString& name);
    // What the buttons do, for tests and the screenshot: Add/Edit open HostEditDialog.
    bool saveHost(const Host& host, const QString& replacing = {}); // validated; false (and why) when refused
    bool removeHost(const QString& name);
    void testConnection(); // the selected host
    bool trustShownKey(); // Trust This Key
    bool isTesting() const;

    QTreeWidget* steps() const { return m_steps; }
    QString verdictText() const;
    QString keyText() const;
    QPushButton* trustButton() const { return m_trust; }
    QString lastError() const { return m_lastError; }

signals:
    void hostsChanged();
    void testFinished(const wb::ProbeReport& report);

private:
    void editHost(bool add);
    void showStep(const ProbeStep& step);
    void onProbed(const QString& name, const ProbeReport& report);
    void onKeyChecked(const QString& name, const HostKeyVerdict& verdict);
    void updateButtons();
    void showError(const QString& message);

    Settings& m_settings;
    HostConnections* m_connections;
    QListWidget* m_list;
    QPushButton* m_add;
    QPushButton* m_edit;
    QPushButton* m_remove;
    QPushButton* m_test;
    QLabel* m_testTitle;
    QTreeWidget* m_steps;
    QLabel* m_verdict;
    QLabel* m_key;
    QPushButton* m_trust;
    QLabel* m_error;
    QString m_testing; // the host under test ("" when none)
    QString m_shownFingerprint; // the unknown key shown with Trust This Key
    QString m_lastError;
};

} // namespace wb
