// Remote hosts in the app (README "Remote hosts over SSH", "In the app"), driven through the widgets against a real
// sshd on 127.0.0.1 (tests/remote/sshdfixture.h): Settings > Hosts (add with validation, Test Connection's verdict
// per step, an unknown key trusted, a changed key refused), Convert on the loopback host (the OM comes back here),
// the host's NPU among the Run page's targets and a run on it (chart and history), and the connection indicator.
// Every wait is on a signal or a condition (QSignalSpy, QTRY_*), never a sleep.
#include "atc/conversion.h"
#include "atc/conversionrecipe.h"
#include "atc/toolkitcontroller.h"
#include "charts/latencycharts.h"
#include "conversion/conversiontest.h"
#include "dialogs/settingsdialog.h"
#include "hosts/connectionindicator.h"
#include "hosts/hostconnections.h"
#include "hosts/hostssettings.h"
#include "hosts/targethostcombo.h"
#include "mainwindow.h"
#include "omfile.h"
#include "pages/conversionpage.h"
#include "pages/convertpage.h"
#include "pages/runpage.h"
#include "readmeshot.h"
#include "settings/settings.h"
#include "sshdfixture.h"
#include "testutil.h"

#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace wb;

namespace {
constexpr int kProbeTimeoutMs = 60000;
constexpr int kRunTimeoutMs = 120000;

// The rows of the step list that are steps (not the "What to do" row under a failure): id -> the row.
QMap<QString, QTreeWidgetItem*> stepRows(QTreeWidget* tree)
{
    QMap<QString, QTreeWidgetItem*> rows;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = tree->topLevelItem(i);
        const QString id = item->data(0, Qt::UserRole).toString();
        if (!id.endsWith(QLatin1String(".fix")))
            rows.insert(id, item);
    }
    return rows;
}
} // namespace

class TestRemoteGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void addHostValidates();
    void testConnectionTrustsAnUnknownKey();
    void convertOnTheHost();
    void runOnTheHostsNpu();
    void changedKeyIsRefused(); // last: it gives the host a new key

private:
    Host boardHost() const;
    SettingsDialog* openHosts();

    wbtest::SshdFixture m_sshd;
    QTemporaryDir m_dir;
    Settings* m_settings = nullptr;
    MainWindow* m_window = nullptr;
    QString m_envScript;
};

void TestRemoteGui::initTestCase()
{
    const QString why = m_sshd.setUp();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    // The board's set_env.sh: the fixture's (fake atc and its toolkit folder, npu-smi), then om-runner on PATH and the
    // fake AscendCL through ASCEND_HOME_PATH (om-runner looks there after ASCEND_TOOLKIT_HOME/lib64), as the board's
    // 310B1 taking 1.5 ms per inference.
    m_envScript = m_sshd.path("env-board.sh");
    QFile f(m_envScript);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral("# a test board's set_env.sh\n. '%1'\nexport PATH='%2':$PATH\nexport ASCEND_HOME_PATH='%3'\n"
                           "export FAKE_ACL_SOC=Ascend310B1 FAKE_ACL_EXEC_US_PER_BATCH=1500\n")
                .arg(m_sshd.path("env.sh"), QFileInfo(QStringLiteral(WB_OM_RUNNER)).absolutePath(),
                    QStringLiteral(WB_FAKE_ACL_TOOLKIT))
                .toUtf8());
    f.close();
    m_settings = new Settings(m_dir.filePath(QStringLiteral("s.ini")));
    m_window = new MainWindow(*m_settings);
    m_window->hostConnections()->setPaths(m_sshd.paths()); // a known_hosts of its own: the key is unknown
    m_window->resize(1280, 800);
    m_window->runPage()->setHistoryFolder(m_dir.filePath(QStringLiteral("runs")));
    m_window->show();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 30000); // the local toolkit and NPU discovery
}

void TestRemoteGui::cleanupTestCase()
{
    if (m_window)
        m_window->setQuitConfirmation([](const QStringList&) { return true; });
    delete m_window;
    delete m_settings;
}

Host TestRemoteGui::boardHost() const
{
    Host h = m_sshd.host();
    h.envScript = m_envScript;
    return h;
}

SettingsDialog* TestRemoteGui::openHosts()
{
    auto* dialog = new SettingsDialog(*m_settings, m_window->hostConnections(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog->hosts(), &HostsSettings::hostsChanged, m_window, &MainWindow::reloadHosts);
    dialog->showHosts();
    dialog->show();
    return dialog;
}

void TestRemoteGui::addHostValidates()
{
    // The editor refuses what validateHost refuses, with its message, and stays open.
    Host bad = boardHost();
    bad.destination = QStringLiteral("-oProxyCommand=touch /tmp/x");
    HostEditDialog editor(bad, { QStringLiteral("taken") });
    QVERIFY(!editor.tryAccept());
    QVERIFY2(editor.error().contains(QLatin1String("destination")), qPrintable(editor.error()));
    Host taken = boardHost();
    taken.name = QStringLiteral("taken");
    HostEditDialog again(taken, { QStringLiteral("taken") });
    QVERIFY(!again.tryAccept());
    QVERIFY2(again.error().contains(QLatin1String("already")), qPrintable(again.error()));
    HostEditDialog good(boardHost(), { QStringLiteral("taken") });
    QVERIFY2(good.tryAccept(), qPrintable(good.error()));
    QCOMPARE(good.host(), boardHost());

    SettingsDialog* dialog = openHosts();
    HostsSettings* hosts = dialog->hosts();
    Host port = boardHost();
    port.port = 0;
    QVERIFY(!hosts->saveHost(port));
    QVERIFY2(hosts->lastError().contains(QLatin1String("port")), qPrintable(hosts->lastError()));
    QVERIFY(m_settings->hosts().isEmpty());
    QVERIFY(hosts->saveHost(good.host()));
    QCOMPARE(m_settings->hosts(), QList<Host> { boardHost() });
    QCOMPARE(hosts->currentHost(), QStringLiteral("loopback"));
    auto* list = hosts->findChild<QListWidget*>(QStringLiteral("hostList"));
    QVERIFY(list && list->count() == 1 && list->item(0)->text().contains(QLatin1String("127.0.0.1")));
    // The window's Convert on offers it.
    auto* combo = m_window->convertOn()->findChild<QComboBox*>(QStringLiteral("convertOn"));
    QVERIFY(combo && combo->findData(QStringLiteral("loopback")) > 0);
    dialog->close();
}

void TestRemoteGui::testConnectionTrustsAnUnknownKey()
{
    SettingsDialog* dialog = openHosts();
    HostsSettings* hosts = dialog->hosts();
    hosts->selectHost(QStringLiteral("loopback"));
    QSignalSpy finished(hosts, &HostsSettings::testFinished);
    hosts->findChild<QPushButton*>(QStringLiteral("hostTest"))->click();
    // The indicator says it is connecting while the probe runs (the GUI thread is free meanwhile).
    QCOMPARE(m_window->hostConnections()->state(QStringLiteral("loopback")), HostConnections::State::Connecting);
    QVERIFY(m_window->connectionIndicator()->text(QStringLiteral("loopback")).contains(QLatin1String("connecting")));
    QVERIFY(finished.wait(kProbeTimeoutMs));
    // Unknown key: the first three steps pass, the host key fails, the rest are skipped; the fingerprint is shown
    // with Trust This Key.
    QMap<QString, QTreeWidgetItem*> rows = stepRows(hosts->steps());
    QCOMPARE(rows.size(), 10);
    for (const char* id : { "resolve", "tcp" })
        QVERIFY2(rows.value(QLatin1String(id))->toolTip(0) == QLatin1String("ok"), id);
    QCOMPARE(rows.value(QStringLiteral("host_key"))->toolTip(0), QStringLiteral("failed"));
    QCOMPARE(rows.value(QStringLiteral("disk"))->toolTip(0), QStringLiteral("skipped"));
    QVERIFY(!rows.value(QStringLiteral("host_key"))->icon(0).isNull());
    const QString fingerprint = m_sshd.hostKeyFingerprint();
    QVERIFY(fingerprint.startsWith(QLatin1String("SHA256:")));
    QVERIFY2(hosts->keyText().contains(fingerprint), qPrintable(hosts->keyText()));
    QVERIFY(hosts->trustButton()->isVisible());
    QCOMPARE(m_window->hostConnections()->state(QStringLiteral("loopback")), HostConnections::State::Lost);
    QVERIFY(wbtest::readmeShot(dialog, QStringLiteral("settings-hosts-unknown-key.png")));

    // Trust This Key: the key is in the app's known_hosts and the test runs again, through to the end.
    finished.clear();
    hosts->trustButton()->click();
    QVERIFY(finished.wait(kProbeTimeoutMs));
    QFile known(m_sshd.paths().knownHostsFile);
    QVERIFY(known.open(QIODevice::ReadOnly));
    QVERIFY(known.readAll().contains(QByteArray("[127.0.0.1]:") + QByteArray::number(m_sshd.port())));
    rows = stepRows(hosts->steps());
    QCOMPARE(rows.size(), 10);
    for (const char* id :
        { "resolve", "tcp", "host_key", "auth", "env_script", "platform", "toolkit", "npus", "runners" })
        QVERIFY2(rows.value(QLatin1String(id))->toolTip(0) == QLatin1String("ok"),
            qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(id), rows.value(QLatin1String(id))->text(1))));
    QVERIFY(rows.value(QStringLiteral("host_key"))->text(1).contains(fingerprint));
    QVERIFY(!hosts->trustButton()->isVisible());
    QVERIFY2(hosts->verdictText().startsWith(QLatin1String("Verdict:")), qPrintable(hosts->verdictText()));
    QCOMPARE(m_window->hostConnections()->state(QStringLiteral("loopback")), HostConnections::State::Connected);
    QVERIFY(m_window->connectionIndicator()->text(QStringLiteral("loopback")).contains(QLatin1String("connected")));
    QVERIFY(m_window->connectionIndicator()->toolTip(QStringLiteral("loopback")).contains(QLatin1String("x86_64"))
        || m_window->connectionIndicator()->toolTip(QStringLiteral("loopback")).contains(QLatin1String("aarch64")));
    QVERIFY(wbtest::readmeShot(dialog, QStringLiteral("settings-hosts.png")));
    dialog->close();
}

void TestRemoteGui::convertOnTheHost()
{
    const QString model = m_dir.filePath(QStringLiteral("resnet_static.onnx"));
    QVERIFY(QFile::copy(wbtest::modelPath(QStringLiteral("resnet_static.onnx")), model));
    QSignalSpy loaded(m_window, &MainWindow::loadFinished);
    m_window->openModel(model);
    QVERIFY(loaded.wait(30000));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 30000);
    QVERIFY(m_window->showPage(QStringLiteral("convert")));
    ConvertPage* page = m_window->convertPage();
    TargetHostCombo* on = m_window->convertOn();
    QVERIFY(on->isVisible());
    QVERIFY(on->selectHost(QStringLiteral("loopback")));
    QVERIFY(!on->isReady()); // probing: the page does not wait for it
    QTRY_VERIFY_WITH_TIMEOUT(on->isReady(), kProbeTimeoutMs);
    // The page checks against the host's toolkit: its atc, its SoCs.
    QCOMPARE(page->toolkit().atcPath, m_sshd.path("bin/atc"));
    QCOMPARE(page->toolkit().version, QStringLiteral("8.0.0"));
    QVERIFY(page->toolkit().socVersions.contains(QStringLiteral("Ascend310B1")));
    QVERIFY2(on->statusText().contains(QLatin1String("loopback")), qPrintable(on->statusText()));
    QSignalSpy checked(page, &ConvertPage::checked);
    page->setField(QStringLiteral("soc_version"), QStringLiteral("Ascend310B1"));
    page->setField(QStringLiteral("output"), QStringLiteral("resnet_on_host"));
    QVERIFY(checked.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(!page->isChecking(), 20000);
    QVERIFY2(page->canRun(), qPrintable(page->runBlockedReason()));
    // ATC's own pre-check runs with this machine's toolkit only: off while converting on a host, and says why.
    auto* precheck = page->findChild<QPushButton*>(QStringLiteral("precheckButton"));
    QVERIFY(precheck);
    QVERIFY(!precheck->isEnabled());
    QVERIFY2(precheck->toolTip().contains(QLatin1String("This machine")), qPrintable(precheck->toolTip()));
    QVERIFY(wbtest::readmeShot(m_window, QStringLiteral("convert-on-host.png")));

    QSignalSpy done(m_window->conversionPage(), &ConversionPage::finished);
    QSignalSpy uploading(m_window->conversionPage()->queue(), &ConversionQueue::jobProgress);
    emit page->runRequested(page->options(), page->batchVariants());
    QCOMPARE(m_window->hostConnections()->state(QStringLiteral("loopback")), HostConnections::State::Connecting);
    QVERIFY(done.wait(kRunTimeoutMs));
    QVERIFY2(done.first().first().toBool(),
        qPrintable(m_window->conversionPage()->jobStatuses().join('\n') + '\n'
            + m_window->conversionPage()->logText().right(2000)));
    // What went up before ATC started was said (the ATC Run page's status line shows it), with its size.
    QVERIFY(!uploading.isEmpty());
    QVERIFY2(uploading.first().at(1).toString().startsWith(QLatin1String("Uploading resnet_static.onnx (")),
        qPrintable(uploading.first().at(1).toString()));
    QVERIFY2(uploading.first().at(1).toString().endsWith(QLatin1String(" KiB) to loopback")),
        qPrintable(uploading.first().at(1).toString()));
    const QString om = m_dir.filePath(QStringLiteral("resnet_on_host.om"));
    QVERIFY(QFileInfo::exists(om)); // came back into the local output folder
    QVERIFY(QFileInfo::exists(recipePathFor(om)));
    // ATC ran there, its output went through the same parser into the same page.
    QVERIFY(m_window->conversionPage()->logText().contains(QStringLiteral("ATC run success")));
    const QString sha = wbtest::sha256Of(model);
    QVERIFY(QFileInfo::exists(QDir(m_sshd.host().workDir).filePath("inputs/" + sha + "/resnet_static.onnx")));
    QCOMPARE(m_window->hostConnections()->state(QStringLiteral("loopback")), HostConnections::State::Connected);
    // Back to this machine: the local toolkit again.
    QVERIFY(on->selectHost(QString()));
    QVERIFY(on->isLocal());
    QCOMPARE(page->toolkit().atcPath, m_window->toolkit()->toolkit().atcPath);
    QVERIFY(!precheck->toolTip().contains(QLatin1String("This machine")));
}

void TestRemoteGui::runOnTheHostsNpu()
{
    const QString om = m_dir.filePath(QStringLiteral("board.om"));
    QVERIFY(wbtest::writeOm(om));
    RunPage* page = m_window->runPage();
    page->addOmCandidates({ om });
    QVERIFY(m_window->showPage(QStringLiteral("run")));
    // Refresh asks the hosts for their NPUs; the probe's npu-smi table (a 310B1 dev kit) lists NPU 0.
    page->findChild<QPushButton*>(QStringLiteral("refreshTargets"))->click();
    const QString target = QStringLiteral("host:loopback:npu:0");
    auto* targets = page->findChild<QComboBox*>(QStringLiteral("runTarget"));
    QTRY_VERIFY_WITH_TIMEOUT(targets->findData(target) > 0, kProbeTimeoutMs);
    QVERIFY2(targets->itemText(targets->findData(target)).contains(QLatin1String("310B")),
        qPrintable(targets->itemText(targets->findData(target))));
    QVERIFY(page->selectTarget(target));
    page->findChild<QSpinBox*>(QStringLiteral("runLoops"))->setValue(15);
    page->findChild<QSpinBox*>(QStringLiteral("runWarmup"))->setValue(1);
    const QString outputs = m_dir.filePath(QStringLiteral("outputs")); // for Tools > Compare Outputs
    page->findChild<QLineEdit*>(QStringLiteral("runOutputDir"))->setText(outputs);
    const BenchRequest request = page->request();
    QVERIFY(request.remote);
    QCOMPARE(request.remote->host.name, QStringLiteral("loopback"));
    QVERIFY2(request.toolPath.isEmpty(), qPrintable(request.toolPath)); // chosen when the run starts, as bench --on
    QSignalSpy done(page, &RunPage::runFinished);
    QSignalSpy uploading(page->benchRun(), &BenchRun::progress);
    page->run();
    QVERIFY(done.wait(kRunTimeoutMs));
    // The OM going up was said on the Run page before the first warm-up.
    QStringList said;
    for (const QList<QVariant>& signal : std::as_const(uploading))
        said.append(signal.first().toString());
    QVERIFY2(said.join('\n').contains(QLatin1String("Uploading board.om (")), qPrintable(said.join('\n')));
    QVERIFY2(done.first().first().toBool(), qPrintable(page->lastResult().errorCode + ": " + page->lastResult().error));
    QCOMPARE(page->lastResult().iterationsMs.size(), 15);
    QCOMPARE(page->charts()->sampleCount(), 15);
    // The om-runner of this build, shipped to the host's work folder (runners/<sha256>/om-runner), not the host's own.
    QVERIFY(!page->lastResult().command.isEmpty());
    QVERIFY2(page->lastResult().command.first().contains(QLatin1String("/runners/")),
        qPrintable(page->lastResult().command.join(QLatin1Char(' '))));
    QVERIFY2(page->lastResult().host.startsWith(QLatin1String("loopback (")), qPrintable(page->lastResult().host));
    QVERIFY2(page->lastResult().device.startsWith(QLatin1String("Ascend310B1")), qPrintable(page->lastResult().device));
    // The outputs om-runner wrote on the host came back here, for Compare Outputs.
    QVERIFY(!page->lastResult().outputFiles.isEmpty());
    for (const QString& file : page->lastResult().outputFiles)
        QVERIFY2(file.startsWith(outputs + QLatin1Char('/')) && QFileInfo(file).size() > 0, qPrintable(file));
    // The history entry names the host.
    auto* history = page->findChild<QListWidget*>(QStringLiteral("runHistory"));
    QTRY_VERIFY_WITH_TIMEOUT(history->count() == 1, 20000);
    QVERIFY2(history->item(0)->text().contains(QLatin1String("loopback npu:0")), qPrintable(history->item(0)->text()));
    QCOMPARE(m_window->hostConnections()->state(QStringLiteral("loopback")), HostConnections::State::Connected);
    QVERIFY(wbtest::readmeShot(m_window, QStringLiteral("run-on-host.png")));
}

void TestRemoteGui::changedKeyIsRefused()
{
    const QString oldFingerprint = m_sshd.hostKeyFingerprint();
    const QString why = m_sshd.rotateHostKey();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    m_sshd.exitMaster();
    const QString newFingerprint = m_sshd.hostKeyFingerprint();
    QVERIFY(oldFingerprint != newFingerprint);
    SettingsDialog* dialog = openHosts();
    HostsSettings* hosts = dialog->hosts();
    hosts->selectHost(QStringLiteral("loopback"));
    QSignalSpy finished(hosts, &HostsSettings::testFinished);
    hosts->testConnection();
    QVERIFY(finished.wait(kProbeTimeoutMs));
    // Both fingerprints, how to remove the old key, and no way to trust the new one from here.
    const QString text = hosts->keyText();
    QVERIFY2(text.contains(oldFingerprint) && text.contains(newFingerprint), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("ssh-keygen -R")), qPrintable(text));
    QVERIFY(!hosts->trustButton()->isVisible());
    QVERIFY(!hosts->trustShownKey());
    QVERIFY(m_window->hostConnections()->trustKey(boardHost(), newFingerprint).has_value());
    QCOMPARE(stepRows(hosts->steps()).value(QStringLiteral("host_key"))->toolTip(0), QStringLiteral("failed"));
    QCOMPARE(m_window->hostConnections()->state(QStringLiteral("loopback")), HostConnections::State::Lost);
    QVERIFY(m_window->connectionIndicator()->text(QStringLiteral("loopback")).contains(QLatin1String("lost")));
    QVERIFY2(m_window->connectionIndicator()->toolTip(QStringLiteral("loopback")).contains(QLatin1String("Host key")),
        qPrintable(m_window->connectionIndicator()->toolTip(QStringLiteral("loopback"))));
    // A host that no longer lets us in offers no NPU on the Run page.
    QCOMPARE(m_window->runPage()
                 ->findChild<QComboBox*>(QStringLiteral("runTarget"))
                 ->findData(QStringLiteral("host:loopback:npu:0")),
        -1);
    QVERIFY(wbtest::readmeShot(dialog, QStringLiteral("settings-hosts-changed-key.png")));
    dialog->close();
}

WB_TEST_MAIN(TestRemoteGui)
#include "tst_remotegui.moc"
