// core/remote against a real sshd on 127.0.0.1 (tests/remote/sshdfixture.h): the probe end to end and each way it
// fails, host keys (unknown, wrong fingerprint, changed), the quoting property test and ControlMaster reuse.
#include "process/toolcapture.h"
#include "remote/hostkeys.h"
#include "remote/hostprobe.h"
#include "sshdfixture.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSysInfo>
#include <QtTest>

using namespace wb;

namespace {

constexpr int kProbeTimeoutMs = 60000;

} // namespace

class TestRemoteSsh : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void fingerprintMatchesSshKeygen();
    void unknownKeyRefusedUntilTrusted();
    void probeOkEndToEnd();
    void wrongUserKey();
    void unreachablePort();
    void unresolvableName();
    void aliasInSshConfigResolves();
    void missingEnvironmentScript();
    void quotingArrivesByteForByte();
    void controlMasterIsReused();
    void probeIsAsynchronousAndCancels();
    void cliHostsVerbs();
    void changedHostKeyRefused(); // last: it replaces the host key
    void cleanupTestCase();

private:
    struct Cli {
        int exitCode = -1;
        QJsonObject json;
        QByteArray out;
        QByteArray err;
    };
    Cli atcwb(const QStringList& args);
    SshPaths cliPaths() const;

    ProbeReport probe(const Host& host, QList<ProbeStep>* live = nullptr);
    QString trust();
    QByteArray runRemote(const QString& command, ToolResult* result = nullptr);

    wbtest::SshdFixture m_sshd;
};

void TestRemoteSsh::initTestCase()
{
    const QString why = m_sshd.setUp();
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestRemoteSsh::init()
{
    m_sshd.exitMaster(); // each test logs in afresh
}

ProbeReport TestRemoteSsh::probe(const Host& host, QList<ProbeStep>* live)
{
    HostProbe probe(host, m_sshd.paths());
    SshTimeouts t;
    t.connectTimeoutS = 5;
    probe.setTimeouts(t);
    QSignalSpy finished(&probe, &HostProbe::finished);
    QSignalSpy steps(&probe, &HostProbe::stepFinished);
    if (!probe.start())
        return {};
    if (!finished.wait(kProbeTimeoutMs) && finished.isEmpty())
        return {};
    if (live) {
        for (const QList<QVariant>& s : steps)
            live->append(s.at(0).value<ProbeStep>());
    }
    return finished.first().at(0).value<ProbeReport>();
}

QString TestRemoteSsh::trust()
{
    return m_sshd.trustHost();
}

QByteArray TestRemoteSsh::runRemote(const QString& command, ToolResult* result)
{
    ToolRunner runner;
    QByteArray out;
    QObject::connect(&runner, &ToolRunner::bytesReceived, [&out](ToolChannel c, const QByteArray& b) {
        if (c == ToolChannel::StdOut)
            out += b;
    });
    QSignalSpy finished(&runner, &ToolRunner::finished);
    ensurePrivateDir(m_sshd.paths().controlDir);
    runner.start(sshInvocation(m_sshd.host(), m_sshd.paths(), command, 30000));
    finished.wait(40000);
    if (result && !finished.isEmpty())
        *result = finished.first().at(0).value<ToolResult>();
    return out;
}

void TestRemoteSsh::fingerprintMatchesSshKeygen()
{
    QFile pub(m_sshd.path("hostkey.pub"));
    QVERIFY(pub.open(QIODevice::ReadOnly));
    const QList<HostKey> keys = parseHostKeys("127.0.0.1 " + pub.readAll()); // a .pub line has no hosts field
    QCOMPARE(keys.size(), 1);
    QVERIFY(m_sshd.hostKeyFingerprint().startsWith("SHA256:"));
    QCOMPARE(keys.first().fingerprint(), m_sshd.hostKeyFingerprint());
}

void TestRemoteSsh::unknownKeyRefusedUntilTrusted()
{
    QFile::remove(m_sshd.paths().knownHostsFile);
    QList<ProbeStep> live;
    const ProbeReport before = probe(m_sshd.host(), &live);
    QCOMPARE(before.verdict(), QStringLiteral("failed"));
    QCOMPARE(before.step("resolve")->status, ProbeStatus::Ok);
    QCOMPARE(before.step("tcp")->status, ProbeStatus::Ok);
    const ProbeStep* key = before.step("host_key");
    QCOMPARE(key->status, ProbeStatus::Failed);
    QVERIFY2(key->message.contains(m_sshd.hostKeyFingerprint()), qPrintable(key->message));
    QVERIFY2(key->fix.contains("atcwb hosts trust loopback --fingerprint " + m_sshd.hostKeyFingerprint()),
        qPrintable(key->fix));
    QCOMPARE(before.step("auth")->status, ProbeStatus::Skipped);
    QCOMPARE(live.size(), probeStepIds().size()); // one stepFinished per step, in order
    QCOMPARE(live.at(2).id, QStringLiteral("host_key"));
    QVERIFY(!before.remoteRan);
    // ssh itself refuses too (strict checking against the app's file), it does not ask.
    ToolResult r;
    runRemote("true", &r);
    QCOMPARE(r.kind, ToolResult::Kind::NonZeroExit);
    QCOMPARE(r.exitCode, 255);

    const QString why = trust();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const ProbeReport after = probe(m_sshd.host());
    QCOMPARE(after.step("host_key")->status, ProbeStatus::Ok);
    QCOMPARE(after.step("auth")->status, ProbeStatus::Ok);
}

void TestRemoteSsh::probeOkEndToEnd()
{
    if (!QFileInfo::exists(m_sshd.paths().knownHostsFile))
        QVERIFY(trust().isEmpty());
    QList<ProbeStep> live;
    const ProbeReport r = probe(m_sshd.host(), &live);
    for (const ProbeStep& s : r.steps)
        QVERIFY2(s.status == ProbeStatus::Ok, qPrintable(s.id + ": " + s.message + " / " + s.fix));
    QCOMPARE(r.verdict(), QStringLiteral("ok"));
    QVERIFY(r.canConvert() && r.canRun());
    QCOMPARE(live.size(), r.steps.size());
    const ProbeFacts& f = r.facts;
    QVERIFY(f.complete);
    QCOMPARE(f.envScript, m_sshd.path("env.sh"));
    ToolInvocation uname;
    uname.program = "uname";
    uname.arguments = QStringList { "-m" };
    QCOMPARE(f.arch, QString::fromUtf8(runToCompletion(uname).out).trimmed());
    QVERIFY2(f.libc.startsWith("glibc 2."), qPrintable(f.libc));
    QCOMPARE(f.atcPath, m_sshd.path("bin/atc"));
    QCOMPARE(f.toolkitVersion, QStringLiteral("8.0.0"));
    QCOMPARE(f.socVersions, (QStringList { "Ascend310B1", "Ascend910B3" }));
    QVERIFY(f.npus);
    QFile table(WB_TEST_DATA_DIR "/runners/npu_smi_03_310B1_devkit.txt");
    QVERIFY(table.open(QIODevice::ReadOnly));
    QCOMPARE(f.npus->devices.size(), parseNpuSmiInfo(table.readAll()).value().devices.size());
    QCOMPARE(f.runners.value("msame"), m_sshd.path("bin/msame"));
    QCOMPARE(f.workDir, m_sshd.path("work dir"));
    QVERIFY(!f.workDirExists);
    QVERIFY(f.freeBytes > 0);
}

void TestRemoteSsh::wrongUserKey()
{
    if (!QFileInfo::exists(m_sshd.paths().knownHostsFile))
        QVERIFY(trust().isEmpty());
    Host h = m_sshd.host();
    h.identityFile = m_sshd.path("otherkey");
    const ProbeReport r = probe(h);
    QCOMPARE(r.step("host_key")->status, ProbeStatus::Ok);
    const ProbeStep* auth = r.step("auth");
    QCOMPARE(auth->status, ProbeStatus::Failed);
    QVERIFY2(auth->message.contains("refused the login"), qPrintable(auth->message));
    QVERIFY(auth->fix.contains("ssh-copy-id"));
    QCOMPARE(r.step("env_script")->status, ProbeStatus::Skipped);
    QCOMPARE(r.verdict(), QStringLiteral("failed"));
}

void TestRemoteSsh::unreachablePort()
{
    Host h = m_sshd.host();
    h.port = wbtest::SshdFixture::freePort(); // nothing listens there
    const ProbeReport r = probe(h);
    QCOMPARE(r.step("resolve")->status, ProbeStatus::Ok);
    const ProbeStep* tcp = r.step("tcp");
    QCOMPARE(tcp->status, ProbeStatus::Failed);
    QVERIFY2(tcp->message.contains(QString::number(h.port)), qPrintable(tcp->message));
    QVERIFY(!tcp->fix.isEmpty());
    QCOMPARE(r.step("host_key")->status, ProbeStatus::Skipped);
}

void TestRemoteSsh::unresolvableName()
{
    Host h = m_sshd.host();
    h.destination = "someone@nonexistent.invalid";
    const ProbeReport r = probe(h);
    const ProbeStep* resolve = r.step("resolve");
    QCOMPARE(resolve->status, ProbeStatus::Failed);
    QVERIFY2(resolve->message.contains("nonexistent.invalid"), qPrintable(resolve->message));
    QCOMPARE(r.step("tcp")->status, ProbeStatus::Skipped);
    QCOMPARE(r.verdict(), QStringLiteral("failed"));
}

// A destination whose host is an alias of the ssh configuration (Host wb-test-board / HostName 127.0.0.1; the
// configuration given with -F): the probe resolves it through `ssh -G`, checks the key of its HostName and logs in.
void TestRemoteSsh::aliasInSshConfigResolves()
{
    if (!QFileInfo::exists(m_sshd.paths().knownHostsFile))
        QVERIFY(trust().isEmpty());
    const QString config = m_sshd.path("ssh_config");
    {
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# source: written from ssh_config(5)\nHost wb-test-board\n    HostName 127.0.0.1\n");
    }
    Host h = m_sshd.host();
    h.destination = wbtest::SshdFixture::userName() + "@wb-test-board";
    SshPaths paths = m_sshd.paths();
    paths.configFile = config;
    HostProbe probe(h, paths);
    QSignalSpy finished(&probe, &HostProbe::finished);
    QVERIFY(probe.start());
    QVERIFY(finished.wait(kProbeTimeoutMs));
    const ProbeReport r = finished.first().at(0).value<ProbeReport>();
    const ProbeStep* resolve = r.step("resolve");
    QCOMPARE(resolve->status, ProbeStatus::Ok);
    QVERIFY2(resolve->message.contains("wb-test-board (an alias in the ssh configuration for 127.0.0.1)"),
        qPrintable(resolve->message));
    for (const ProbeStep& s : r.steps)
        QVERIFY2(s.status == ProbeStatus::Ok, qPrintable(s.id + ": " + s.message + " / " + s.fix));
    QCOMPARE(parseSshConfigHostName("user root\nhostname 10.0.0.7\nport 22\n"), QStringLiteral("10.0.0.7"));
    QCOMPARE(knownHostsName(withRealHostName(h, "127.0.0.1")), knownHostsName(m_sshd.host()));
}

void TestRemoteSsh::missingEnvironmentScript()
{
    if (!QFileInfo::exists(m_sshd.paths().knownHostsFile))
        QVERIFY(trust().isEmpty());
    Host h = m_sshd.host();
    h.envScript = m_sshd.path("no such dir/set_env.sh");
    const ProbeReport r = probe(h);
    QCOMPARE(r.step("auth")->status, ProbeStatus::Ok);
    const ProbeStep* env = r.step("env_script");
    QCOMPARE(env->status, ProbeStatus::Failed);
    QVERIFY2(env->message.contains(h.envScript), qPrintable(env->message));
    QVERIFY2(env->fix.contains("--env-script"), qPrintable(env->fix));
    QCOMPARE(r.step("toolkit")->status, ProbeStatus::Failed); // no env script: no atc on PATH
    QCOMPARE(r.verdict(), QStringLiteral("failed"));
}

void TestRemoteSsh::quotingArrivesByteForByte()
{
    if (!QFileInfo::exists(m_sshd.paths().knownHostsFile))
        QVERIFY(trust().isEmpty());
    const QString pwned = m_sshd.path("wb-pwned"); // what an injected command would create
    QList<QStringList> cases {
        { "" },
        { "", "", "" },
        { "a b", "  leading and trailing  " },
        { "it's", "\"double\"", "'", "''", "\\", "\\'" },
        { "$(touch " + pwned + ")", "`touch " + pwned + "`", "${HOME}", "$HOME", "$1", "$@" },
        { "a;touch " + pwned, "a|b", "a&&b", "a&", "<x", ">y", "2>&1" },
        { "line1\nline2", "\n", "tab\there", "\r\n" },
        { "模型.onnx", "é", "😀", "~", "~/x", "*", "?", "[a]", "{a,b}", "#not a comment", "!x", "=x", "a=b" },
        { "-n", "-e", "--", "%s", "%%" },
    };
    // Generated cases: seeded, so a failure can be replayed with WB_QUOTE_SEED.
    const quint32 seed = qEnvironmentVariableIsSet("WB_QUOTE_SEED")
        ? quint32(qEnvironmentVariableIntValue("WB_QUOTE_SEED"))
        : QRandomGenerator::global()->generate();
    qInfo("quoting seed %u", seed);
    QRandomGenerator rng(seed);
    const QString alphabet = QString::fromUtf8(" \t\n'\"\\$`;|&()<>*?[]{}~#!=%-.,:/@abcXYZ019éß模😀");
    const QList<uint> codepoints = alphabet.toUcs4();
    for (int c = 0; c < 40; ++c) {
        QStringList argv;
        const int n = rng.bounded(1, 8);
        for (int i = 0; i < n; ++i) {
            QList<uint> word;
            const int len = rng.bounded(0, 14);
            for (int k = 0; k < len; ++k)
                word.append(codepoints.at(rng.bounded(int(codepoints.size()))));
            argv.append(QString::fromUcs4(reinterpret_cast<const char32_t*>(word.constData()), word.size()));
        }
        cases.append(argv);
    }
    QFile::remove(pwned);
    for (const QStringList& argv : cases) {
        QByteArray expected;
        for (const QString& a : argv)
            expected += a.toUtf8() + '\0';
        // A plain command line: printf '%s\0' ARGS…
        ToolResult r;
        const QByteArray got = runRemote(remoteCommandLine(QStringList { "printf", "%s\\0" } + argv), &r);
        QVERIFY2(r.ok(), qPrintable(describe(r, "ssh")));
        QCOMPARE(got, expected);
        // A script with positional parameters, the way the probe runs.
        const QByteArray viaScript = runRemote(remoteScriptCommand("printf '%s\\0' \"$@\"", argv), &r);
        QVERIFY2(r.ok(), qPrintable(describe(r, "ssh")));
        QCOMPARE(viaScript, expected);
    }
    QVERIFY(!QFileInfo::exists(pwned));
}

void TestRemoteSsh::controlMasterIsReused()
{
    if (!QFileInfo::exists(m_sshd.paths().knownHostsFile))
        QVERIFY(trust().isEmpty());
    const int loginsBefore = m_sshd.acceptedLogins();
    ToolResult r;
    QCOMPARE(runRemote("echo one", &r), QByteArray("one\n"));
    QVERIFY(r.ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_sshd.acceptedLogins(), loginsBefore + 1, 10000);
    const qint64 firstMs = r.durationMs;
    QCOMPARE(runRemote("echo two", &r), QByteArray("two\n"));
    QVERIFY(r.ok());
    qInfo("first command (login) %lld ms, second (through the master) %lld ms", firstMs, r.durationMs);
    // The socket folder is private and holds the master's socket; the master says it runs.
    const QFileInfo ctl(m_sshd.paths().controlDir);
    QCOMPARE(ctl.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::ExeOther),
        QFileDevice::Permissions());
    QCOMPARE(QDir(ctl.filePath()).entryList(QDir::System | QDir::NoDotAndDotDot).size(), 1);
    const ToolCapture check = runToCompletion(sshControlInvocation(m_sshd.host(), m_sshd.paths(), "check"));
    QVERIFY2(check.result.ok(), check.err.constData());
    QVERIFY2(check.err.contains("Master running"), check.err.constData());
    // The second command did not log in again.
    QCOMPARE(m_sshd.acceptedLogins(), loginsBefore + 1);
}

void TestRemoteSsh::probeIsAsynchronousAndCancels()
{
    if (!QFileInfo::exists(m_sshd.paths().knownHostsFile))
        QVERIFY(trust().isEmpty());
    HostProbe probe(m_sshd.host(), m_sshd.paths());
    QSignalSpy steps(&probe, &HostProbe::stepFinished);
    QSignalSpy finished(&probe, &HostProbe::finished);
    QVERIFY(probe.start());
    QVERIFY(!probe.start()); // one run per object
    QVERIFY(probe.isRunning());
    QCOMPARE(steps.size(), 0); // nothing happens inside start(): the caller's thread never waits on the network
    QCOMPARE(finished.size(), 0);
    // Cancel once the host key is being looked at (ssh-keyscan running) or later.
    QTRY_VERIFY_WITH_TIMEOUT(steps.size() >= 2, kProbeTimeoutMs);
    probe.cancel();
    QVERIFY(!probe.isRunning());
    QCOMPARE(finished.size(), 0); // still from the event loop
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    const ProbeReport r = finished.first().at(0).value<ProbeReport>();
    QCOMPARE(r.steps.size(), probeStepIds().size());
    QCOMPARE(r.steps.last().status, ProbeStatus::Skipped);
    QVERIFY2(r.steps.last().message.contains("cancelled"), qPrintable(r.steps.last().message));
    QCOMPARE(steps.size(), probeStepIds().size());
}

// atcwb keeps its SSH state in the app's data folder (XDG_DATA_HOME here) and its hosts in --settings FILE.
TestRemoteSsh::Cli TestRemoteSsh::atcwb(const QStringList& args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", m_sshd.path("xdg-data"));
    QDir().mkpath(m_sshd.path("xdg-run"));
    QFile::setPermissions(
        m_sshd.path("xdg-run"), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    env.insert("XDG_RUNTIME_DIR", m_sshd.path("xdg-run"));
    const wbtest::ProgramRun run
        = wbtest::runAtcwb(QStringList { "--settings", m_sshd.path("cli.ini") } + args, env, {}, kProbeTimeoutMs);
    Cli cli;
    cli.exitCode = run.code >= 0 ? run.code : -1;
    cli.out = run.out;
    cli.err = run.err;
    cli.json = run.json();
    return cli;
}

SshPaths TestRemoteSsh::cliPaths() const
{
    SshPaths p;
    p.knownHostsFile = m_sshd.path("xdg-data/atc-workbench/atc-workbench/ssh/known_hosts");
    p.controlDir = m_sshd.path("xdg-run/atc-workbench-ssh");
    return p;
}

void TestRemoteSsh::cliHostsVerbs()
{
    const Host h = m_sshd.host();
    const QString fp = m_sshd.hostKeyFingerprint();
    Cli r = atcwb({ "hosts", "add", h.name, "--destination", h.destination, "--port", QString::number(h.port),
        "--identity", h.identityFile, "--env-script", h.envScript, "--work-dir", h.workDir, "--json" });
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json.value("name").toString(), h.name);
    QVERIFY(QFileInfo::exists(m_sshd.path("cli.ini"))); // --settings is honoured
    r = atcwb({ "hosts", "list", "--json" });
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json.value("hosts").toArray().size(), 1);
    QCOMPARE(r.json.value("hosts").toArray().first().toObject().value("port").toInt(), h.port);

    // Unknown key: the probe says so and names the fingerprint; nothing is trusted by itself.
    r = atcwb({ "hosts", "probe", h.name, "--json" });
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.json.value("host").toString(), h.name);
    QCOMPARE(r.json.value("verdict").toString(), QStringLiteral("failed"));
    const QJsonObject keyStep = r.json.value("steps").toArray().at(2).toObject();
    QCOMPARE(keyStep.value("step").toString(), QStringLiteral("host_key"));
    QCOMPARE(keyStep.value("status").toString(), QStringLiteral("failed"));
    QVERIFY(keyStep.value("message").toString().contains(fp));

    // A wrong fingerprint is refused, naming both.
    const QString wrong = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    r = atcwb({ "hosts", "trust", h.name, "--fingerprint", wrong, "--json" });
    QCOMPARE(r.exitCode, 1);
    const QJsonObject error = r.json.value("error").toObject();
    QCOMPARE(error.value("code").toString(), QStringLiteral("fingerprint_mismatch"));
    QVERIFY2(error.value("message").toString().contains(fp) && error.value("message").toString().contains(wrong),
        qPrintable(error.value("message").toString()));
    QVERIFY(!QFileInfo::exists(cliPaths().knownHostsFile));

    r = atcwb({ "hosts", "trust", h.name, "--fingerprint", fp, "--json" });
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json.value("fingerprint").toString(), fp);
    QCOMPARE(r.json.value("known_hosts").toString(), cliPaths().knownHostsFile);

    r = atcwb({ "hosts", "probe", h.name, "--json" });
    QVERIFY2(r.exitCode == 0, r.out.constData());
    QCOMPARE(r.json.value("verdict").toString(), QStringLiteral("ok"));
    QCOMPARE(r.json.value("steps").toArray().size(), probeStepIds().size());
    for (const QJsonValue& s : r.json.value("steps").toArray())
        QCOMPARE(s.toObject().value("status").toString(), QStringLiteral("ok"));
    QVERIFY(r.json.value("free_bytes").toDouble() > 0);
    QVERIFY(!r.json.value("npus").toArray().isEmpty());
    QCOMPARE(r.json.value("runners").toObject().value("msame").toString(), m_sshd.path("bin/msame"));
    QCOMPARE(r.json.value("toolkit").toObject().value("version").toString(), QStringLiteral("8.0.0"));
    QVERIFY(r.json.value("arch").isString() && r.json.value("libc").toString().startsWith("glibc"));

    r = atcwb({ "hosts", "probe", h.name }); // text: one line per step
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("[ok] Host key trusted") && r.out.contains("Verdict: ok"), r.out.constData());

    r = atcwb({ "hosts", "remove", h.name });
    QCOMPARE(r.exitCode, 0);
    r = atcwb({ "hosts", "remove", h.name, "--json" });
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.json.value("error").toObject().value("code").toString(), QStringLiteral("unknown_host"));
    r = atcwb({ "hosts", "add", "bad", "--destination", "-oProxyCommand=touch " + m_sshd.path("wb-pwned"), "--json" });
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.json.value("error").toObject().value("code").toString(), QStringLiteral("bad_destination"));
    r = atcwb({ "hosts", "trust", h.name });
    QCOMPARE(r.exitCode, 2); // no --fingerprint: usage
}

void TestRemoteSsh::cleanupTestCase()
{
    runToCompletion(sshControlInvocation(m_sshd.host(), cliPaths(), "exit"));
}

void TestRemoteSsh::changedHostKeyRefused()
{
    if (!QFileInfo::exists(m_sshd.paths().knownHostsFile))
        QVERIFY(trust().isEmpty());
    const QString oldFp = m_sshd.hostKeyFingerprint();
    const QString why = m_sshd.rotateHostKey();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString newFp = m_sshd.hostKeyFingerprint();
    QVERIFY(oldFp != newFp);
    const ProbeReport r = probe(m_sshd.host());
    const ProbeStep* key = r.step("host_key");
    QCOMPARE(key->status, ProbeStatus::Failed);
    QVERIFY2(key->message.contains("changed") && key->message.contains(oldFp) && key->message.contains(newFp),
        qPrintable(key->message));
    QVERIFY(key->fix.contains("ssh-keygen -R"));
    QCOMPARE(r.step("auth")->status, ProbeStatus::Skipped);
    // ssh refuses it as well (the master of an earlier test was ended by init()).
    ToolResult result;
    runRemote("true", &result);
    QCOMPARE(result.exitCode, 255);

    // atcwb hosts trust refuses the new key, naming both (its known_hosts holds the old one from cliHostsVerbs).
    const Host h = m_sshd.host();
    QCOMPARE(atcwb({ "hosts", "add", h.name, "--destination", h.destination, "--port", QString::number(h.port),
                       "--identity", h.identityFile })
                 .exitCode,
        0);
    const Cli cli = atcwb({ "hosts", "trust", h.name, "--fingerprint", newFp, "--json" });
    QCOMPARE(cli.exitCode, 1);
    const QJsonObject error = cli.json.value("error").toObject();
    QCOMPARE(error.value("code").toString(), QStringLiteral("host_key_changed"));
    QVERIFY2(error.value("message").toString().contains(oldFp) && error.value("message").toString().contains(newFp),
        qPrintable(error.value("message").toString()));
}

QTEST_GUILESS_MAIN(TestRemoteSsh)
#include "tst_remotessh.moc"
