// Running on a host (BenchRun with a remote target, `atcwb bench --on`) against a real sshd on 127.0.0.1
// (tests/remote/sshdfixture.h): om-runner and the fake AscendCL (tests/omrunner) play the board's runner and
// driver, put on the "remote" PATH by the host's environment script.
#include "omfile.h"
#include "process/toolcapture.h"
#include "remote/hostkeys.h"
#include "remote/remotetarget.h"
#include "run/bench.h"
#include "run/runhistory.h"
#include "sshdfixture.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using namespace wb;

namespace {

constexpr int kRunTimeoutMs = 90000;

} // namespace

class TestRemoteRun : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void benchOnHostStreamsIterations();
    void secondRunUploadsNothing();
    void cancelStopsTheRemoteRun();
    void wrongArchitectureExplained();
    void cliBenchOnRecordsTheHost();

private:
    QString envScript(const QString& name, const QString& exports);
    BenchRequest request(const QString& envScript, int loops);
    struct Ran {
        QList<QPair<int, double>> iterations;
        BenchResult result;
    };
    Ran run(const BenchRequest& request);

    wbtest::SshdFixture m_sshd;
    QTemporaryDir m_dir;
    QString m_om;
};

void TestRemoteRun::initTestCase()
{
    const QString why = m_sshd.setUp();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString untrusted = m_sshd.trustHost();
    QVERIFY2(untrusted.isEmpty(), qPrintable(untrusted));
    m_om = m_dir.filePath("fake resnet.om");
    QVERIFY(wbtest::writeOm(m_om));
}

void TestRemoteRun::init()
{
    m_sshd.exitMaster();
}

// The board's set_env.sh: the fixture's, then om-runner on PATH and the fake AscendCL as the toolkit.
QString TestRemoteRun::envScript(const QString& name, const QString& exports)
{
    return m_sshd.envScript(name,
        QStringLiteral("export PATH='%1':$PATH\nexport ASCEND_TOOLKIT_HOME='%2'\n%3")
            .arg(QFileInfo(QStringLiteral(WB_OM_RUNNER)).absolutePath(), QStringLiteral(WB_FAKE_ACL_TOOLKIT), exports));
}

BenchRequest TestRemoteRun::request(const QString& envScript, int loops)
{
    BenchRequest r;
    r.model = m_om;
    r.target = BenchRequest::Target::Npu;
    r.runner = BenchRequest::Runner::OmRunner;
    r.loops = loops;
    r.warmup = 2;
    r.toolPath = QStringLiteral(WB_OM_RUNNER); // as the probe finds it on the host
    r.remote = std::make_shared<RemoteTarget>(m_sshd.target(envScript));
    return r;
}

TestRemoteRun::Ran TestRemoteRun::run(const BenchRequest& request)
{
    Ran ran;
    BenchRun bench;
    connect(&bench, &BenchRun::iteration, this, [&ran](int i, double ms) { ran.iterations.append({ i, ms }); });
    QSignalSpy finished(&bench, &BenchRun::finished);
    if (!bench.start(request))
        return ran;
    if (finished.wait(kRunTimeoutMs))
        ran.result = finished.first().at(0).value<BenchResult>();
    return ran;
}

void TestRemoteRun::benchOnHostStreamsIterations()
{
    QTemporaryDir out;
    BenchRequest r = request(envScript("env-board.sh", {}), 12);
    r.outputDir = out.path();
    const Ran ran = run(r);
    QVERIFY2(ran.result.ok, qPrintable(ran.result.errorCode + ": " + ran.result.error));
    QCOMPARE(ran.result.runner, QStringLiteral("om-runner"));
    QCOMPARE(ran.iterations.size(), 12); // streamed through the om-runner parser, one event per iteration
    QCOMPARE(ran.result.iterationsMs.size(), 12);
    for (int i = 0; i < ran.iterations.size(); ++i) {
        QCOMPARE(ran.iterations.at(i).first, i);
        QCOMPARE(ran.iterations.at(i).second, ran.result.iterationsMs.at(i));
    }
    QVERIFY2(ran.result.host.startsWith("loopback ("), qPrintable(ran.result.host));
    QVERIFY(ran.result.device.contains("#0"));
    // The command is the one that ran there: the OM from the work folder, outputs into the run folder.
    const QString command = ran.result.command.join(' ');
    QVERIFY2(command.contains("inputs/") && command.contains("--output-dir out"), qPrintable(command));
    // The outputs came back into the local output folder.
    QVERIFY(!ran.result.outputFiles.isEmpty());
    for (const QString& file : ran.result.outputFiles) {
        QVERIFY2(file.startsWith(out.path() + "/"), qPrintable(file));
        QVERIFY2(QFileInfo(file).isFile() && QFileInfo(file).size() > 0, qPrintable(file));
    }
    QCOMPARE(QDir(m_sshd.host().workDir + "/runs").entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
        QStringList()); // the run folder is gone
}

void TestRemoteRun::secondRunUploadsNothing()
{
    const QString script = envScript("env-board.sh", {});
    const QString sha = [&] {
        QFile f(m_om);
        return f.open(QIODevice::ReadOnly)
            ? QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex())
            : QString();
    }();
    const QString remote = m_sshd.host().workDir + "/inputs/" + sha + "/fake resnet.om";
    QVERIFY(run(request(script, 2)).result.ok);
    QVERIFY(QFileInfo::exists(remote));
    const QDateTime written = QFileInfo(remote).lastModified();
    QVERIFY(run(request(script, 2)).result.ok);
    QCOMPARE(QFileInfo(remote).lastModified(), written); // found by its sha256, not sent again
}

void TestRemoteRun::cancelStopsTheRemoteRun()
{
    BenchRun bench;
    QList<double> iterations;
    connect(&bench, &BenchRun::iteration, this, [&](int, double ms) {
        iterations << ms;
        if (iterations.size() == 2)
            bench.cancel();
    });
    QSignalSpy finished(&bench, &BenchRun::finished);
    QVERIFY(bench.start(request(envScript("env-slow.sh", "export FAKE_ACL_EXEC_US_PER_BATCH=200000"), 1000)));
    QVERIFY(finished.wait(kRunTimeoutMs));
    const BenchResult r = finished.first().at(0).value<BenchResult>();
    QVERIFY(!r.ok);
    QCOMPARE(r.errorCode, QStringLiteral("cancelled"));
    QVERIFY(iterations.size() >= 2 && iterations.size() < 1000);
    // Nothing of om-runner is left on the host (this machine).
    ToolInvocation pgrep;
    pgrep.program = "pgrep";
    pgrep.arguments = QStringList { "-f", "--", "om-runner --model ../../inputs/" };
    QTRY_COMPARE_WITH_TIMEOUT(runToCompletion(pgrep).out, QByteArray(), 10000);
}

void TestRemoteRun::wrongArchitectureExplained()
{
    const QString bin = m_sshd.path("foreign-runner");
    QDir().mkpath(bin);
    QByteArray elf(64, '\0');
    elf.replace(0, 4,
        "\x7f"
        "ELF");
    elf[4] = 2;
    elf[5] = 1;
    elf[6] = 1;
    elf[16] = 2;
    const quint16 machine = 53; // EM_68HC12: no kernel and no qemu binfmt handler runs it
    elf[18] = char(machine & 0xff);
    elf[19] = char(machine >> 8);
    {
        QFile f(bin + "/om-runner");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(elf);
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    }
    BenchRequest r = request(envScript("env-board.sh", {}), 3);
    r.toolPath = bin + "/om-runner";
    const Ran ran = run(r);
    QVERIFY(!ran.result.ok);
    QCOMPARE(ran.result.errorCode, QStringLiteral("wrong_architecture"));
    QVERIFY2(ran.result.error.contains("Exec format error") && ran.result.error.contains("another processor"),
        qPrintable(ran.result.error));
}

void TestRemoteRun::cliBenchOnRecordsTheHost()
{
    const Host h = m_sshd.host();
    const QString settings = m_sshd.path("cli-run.ini");
    const QString history = m_dir.filePath("history");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", m_sshd.path("xdg-data-run"));
    QDir().mkpath(m_sshd.path("xdg-run-run"));
    QFile::setPermissions(
        m_sshd.path("xdg-run-run"), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    env.insert("XDG_RUNTIME_DIR", m_sshd.path("xdg-run-run"));
    env.insert("WB_RUN_HISTORY", history);
    const auto atcwb = [&](const QStringList& args) {
        ToolInvocation inv;
        inv.program = WB_BIN_DIR "/atcwb";
        inv.arguments = QStringList { "--settings", settings } + args;
        inv.environment = env;
        inv.timeoutMs = kRunTimeoutMs;
        return runToCompletion(inv);
    };
    ToolCapture c = atcwb({ "hosts", "add", h.name, "--destination", h.destination, "--port", QString::number(h.port),
        "--identity", h.identityFile, "--env-script", envScript("env-board.sh", {}), "--work-dir", h.workDir });
    QVERIFY2(c.result.ok(), c.err.constData());
    c = atcwb({ "hosts", "trust", h.name, "--fingerprint", m_sshd.hostKeyFingerprint() });
    QVERIFY2(c.result.ok(), c.err.constData());

    // The probe finds om-runner on the host's PATH; the run is the local contract, its host named.
    c = atcwb({ "bench", m_om, "--on", h.name, "--loops", "5", "--warmup", "1", "--json" });
    QVERIFY2(c.result.ok(), (c.out + c.err).constData());
    const QJsonObject o = QJsonDocument::fromJson(c.out).object();
    QCOMPARE(o.value("remote_host").toString(), h.name);
    QCOMPARE(o.value("runner").toString(), QStringLiteral("om-runner"));
    QCOMPARE(o.value("iterations_ms").toArray().size(), 5);
    QVERIFY(o.value("host").toString().startsWith(h.name + " ("));
    const QList<RunHistoryEntry> entries = RunHistory(history).entries();
    QCOMPARE(entries.size(), 1);
    QVERIFY(entries.first().result.host.startsWith(h.name + " ("));

    // A .onnx cannot run on a host's NPU.
    c = atcwb({ "bench", wbtest::modelPath("resnet_static.onnx"), "--on", h.name, "--json" });
    QCOMPARE(c.result.exitCode, 2);
    runToCompletion(sshControlInvocation(h,
        SshPaths { m_sshd.path("xdg-data-run/atc-workbench/atc-workbench/ssh/known_hosts"),
            m_sshd.path("xdg-run-run/atc-workbench-ssh") },
        "exit"));
}

WB_TEST_GUILESS_MAIN(TestRemoteRun)
#include "tst_remoterun.moc"
