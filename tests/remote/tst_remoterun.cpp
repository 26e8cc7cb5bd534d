// Running on a host (BenchRun with a remote target, `atcwb bench --on`) against a real sshd on 127.0.0.1
// (tests/remote/sshdfixture.h): om-runner and the fake AscendCL (tests/omrunner) play the board's runner and
// driver, put on the "remote" PATH by the host's environment script.
#include "omfile.h"
#include "process/toolcapture.h"
#include "remote/hostkeys.h"
#include "remote/omrunnerhost.h"
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
    void cliShipsOmRunnerWhenPathHasNone();
    void cliBuildsOmRunnerForAnotherArchitecture();
    void cliFallsBackWithoutCompiler();
    void cliMsameOnHost();
    void cliAisBenchOnHost();

private:
    QString envScript(const QString& name, const QString& exports);
    // A board without om-runner on its PATH: the fake AscendCL as its toolkit, PATH = DIRS then (unless
    // replacePath) the usual PATH.
    QString boardScript(const QString& name, const QStringList& dirs, bool replacePath = false);
    // A folder of executables: each NAME -> TARGET as a symbolic link, or as a script when TARGET starts "#!".
    QString binDir(const QString& name, const QMap<QString, QString>& entries);
    // A folder with every program of /usr/bin and /bin but the C++ compilers (a host without one).
    QString binDirWithoutCompiler();
    // A board with the msame and ais_bench doubles on its PATH (in *runners); its environment script.
    QString runnersBoard(QString* runners);
    // atcwb with the settings of SETTINGS, the host "loopback" added with ENV_SCRIPT and trusted.
    ToolCapture atcwbOn(
        const QString& settings, const QString& envScript, const QStringList& args, int timeoutMs = kRunTimeoutMs);
    ToolCapture atcwbWith(const QString& settings, const QStringList& args, int timeoutMs);
    void endMaster(const QString& settings);
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

QString TestRemoteRun::boardScript(const QString& name, const QStringList& dirs, bool replacePath)
{
    const QString path = m_sshd.path(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QStringLiteral("# a test board's set_env.sh: no om-runner on PATH\nexport PATH='%1'%2\nexport "
                           "ASCEND_TOOLKIT_HOME='%3'\n")
                .arg(dirs.join("':'"), replacePath ? QString() : QStringLiteral(":$PATH"),
                    QStringLiteral(WB_FAKE_ACL_TOOLKIT))
                .toUtf8());
    return path;
}

QString TestRemoteRun::binDir(const QString& name, const QMap<QString, QString>& entries)
{
    const QString dir = m_sshd.path(name);
    QDir().mkpath(dir);
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        const QString file = dir + "/" + it.key();
        QFile::remove(file);
        if (it.value().startsWith("#!")) {
            QFile f(file);
            if (f.open(QIODevice::WriteOnly))
                f.write(it.value().toUtf8());
            f.close();
            f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
        } else {
            QFile::link(it.value(), file);
        }
    }
    return dir;
}

QString TestRemoteRun::binDirWithoutCompiler()
{
    QMap<QString, QString> entries;
    static const QStringList compilers { "g++", "c++", "clang++", "cc", "gcc", "clang" };
    for (const QString& from : { QStringLiteral("/bin"), QStringLiteral("/usr/bin") }) {
        for (const QFileInfo& info : QDir(from).entryInfoList(QDir::Files | QDir::System)) {
            if (!compilers.contains(info.fileName()) && !entries.contains(info.fileName()))
                entries.insert(info.fileName(), info.absoluteFilePath());
        }
    }
    return binDir("bin-no-compiler", entries);
}

QString TestRemoteRun::runnersBoard(QString* runners)
{
    *runners = binDir("bin-runners",
        { { "msame", QStringLiteral(WB_FAKE_MSAME) }, { "ais_bench", QStringLiteral(WB_FAKE_AIS_BENCH) } });
    return boardScript("env-runners.sh", { *runners });
}

ToolCapture TestRemoteRun::atcwbWith(const QString& settings, const QStringList& args, int timeoutMs)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", m_sshd.path(settings + "-data"));
    QDir().mkpath(m_sshd.path(settings + "-run"));
    QFile::setPermissions(
        m_sshd.path(settings + "-run"), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    env.insert("XDG_RUNTIME_DIR", m_sshd.path(settings + "-run"));
    env.insert("WB_RUN_HISTORY", m_dir.filePath(settings + "-history"));
    ToolInvocation inv;
    inv.program = WB_BIN_DIR "/atcwb";
    inv.arguments = QStringList { "--settings", m_sshd.path(settings + ".ini") } + args;
    inv.environment = env;
    inv.timeoutMs = timeoutMs;
    return runToCompletion(inv);
}

ToolCapture TestRemoteRun::atcwbOn(
    const QString& settings, const QString& envScript, const QStringList& args, int timeoutMs)
{
    const Host h = m_sshd.host();
    ToolCapture c = atcwbWith(settings,
        { "hosts", "add", h.name, "--destination", h.destination, "--port", QString::number(h.port), "--identity",
            h.identityFile, "--env-script", envScript, "--work-dir", h.workDir },
        kRunTimeoutMs);
    if (!c.result.ok())
        return c;
    c = atcwbWith(settings, { "hosts", "trust", h.name, "--fingerprint", m_sshd.hostKeyFingerprint() }, kRunTimeoutMs);
    if (!c.result.ok())
        return c;
    return atcwbWith(settings, args, timeoutMs);
}

void TestRemoteRun::endMaster(const QString& settings)
{
    runToCompletion(sshControlInvocation(m_sshd.host(),
        SshPaths { m_sshd.path(settings + "-data/atc-workbench/atc-workbench/ssh/known_hosts"),
            m_sshd.path(settings + "-run/atc-workbench-ssh") },
        "exit"));
}

// No om-runner on the host's PATH: this build's om-runner (the host is x86_64 with this machine's glibc) is
// uploaded content-addressed into runners/<sha256>/ and runs there; a second run uploads nothing.
void TestRemoteRun::cliShipsOmRunnerWhenPathHasNone()
{
    const QString script = boardScript("env-no-runner.sh", {});
    const QString sha = [] {
        QFile f(QStringLiteral(WB_OM_RUNNER));
        return f.open(QIODevice::ReadOnly)
            ? QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex())
            : QString();
    }();
    const QString remote = m_sshd.host().workDir + "/runners/" + sha + "/om-runner";
    QFile::remove(remote);
    ToolCapture c = atcwbOn("ship", script, { "bench", m_om, "--on", "loopback", "--loops", "4", "--json" });
    QVERIFY2(c.result.ok(), (c.out + c.err).constData());
    QJsonObject o = QJsonDocument::fromJson(c.out).object();
    QCOMPARE(o.value("runner").toString(), QStringLiteral("om-runner"));
    QCOMPARE(o.value("runner_source").toString(), QStringLiteral("shipped"));
    QCOMPARE(o.value("iterations_ms").toArray().size(), 4);
    QCOMPARE(o.value("command").toArray().first().toString(), remote);
    QVERIFY2(c.err.contains("Uploading om-runner"), c.err.constData());
    QVERIFY(QFileInfo(remote).isExecutable());
    const QDateTime written = QFileInfo(remote).lastModified();

    c = atcwbWith("ship", { "bench", m_om, "--on", "loopback", "--loops", "2", "--json" }, kRunTimeoutMs);
    QVERIFY2(c.result.ok(), (c.out + c.err).constData());
    o = QJsonDocument::fromJson(c.out).object();
    QCOMPARE(o.value("runner_source").toString(), QStringLiteral("shipped"));
    QVERIFY2(!c.err.contains("Uploading"), c.err.constData()); // neither om-runner nor the OM went up again
    QCOMPARE(QFileInfo(remote).lastModified(), written);
    endMaster("ship");
}

// A host no shipped build fits (uname -m says riscv64): om-runner is built there from its sources with the host's
// g++, cached by the sources' hash, and runs; the second run reuses the build.
void TestRemoteRun::cliBuildsOmRunnerForAnotherArchitecture()
{
    const QString shim = binDir("bin-riscv",
        { { "uname",
            "#!/bin/sh\n# test double: a riscv64 board's uname\nif [ \"$1\" = -m ]; then echo riscv64; else exec "
            "/usr/bin/uname \"$@\"; "
            "fi\n" } });
    const QString script = boardScript("env-riscv.sh", { shim });
    const QString built = m_sshd.host().workDir + "/runners/built-" + omRunnerSourceHash() + "/om-runner";
    QFile::remove(built);
    constexpr int kBuildTimeoutMs = 600000; // a cold build of om-runner on a loaded 2-core machine
    ToolCapture c
        = atcwbOn("build", script, { "bench", m_om, "--on", "loopback", "--loops", "3", "--json" }, kBuildTimeoutMs);
    QVERIFY2(c.result.ok(), (c.out + c.err).constData());
    QVERIFY2(c.err.contains("no shipped om-runner is built for riscv64"), c.err.constData());
    QVERIFY2(c.err.contains("Building om-runner on loopback with g++"), c.err.constData());
    QJsonObject o = QJsonDocument::fromJson(c.out).object();
    QCOMPARE(o.value("runner_source").toString(), QStringLiteral("built-on-host"));
    QCOMPARE(o.value("iterations_ms").toArray().size(), 3);
    QCOMPARE(o.value("command").toArray().first().toString(), built);
    QVERIFY(QFileInfo(built).isExecutable());
    // Every portable source went up, under its name.
    for (const QString& name : omRunnerSourceNames())
        QVERIFY2(QFileInfo::exists(m_sshd.host().workDir + "/omrunner-src/" + omRunnerSourceHash() + "/" + name),
            qPrintable(name));
    const QDateTime builtAt = QFileInfo(built).lastModified();

    c = atcwbWith("build", { "bench", m_om, "--on", "loopback", "--loops", "2", "--json" }, kRunTimeoutMs);
    QVERIFY2(c.result.ok(), (c.out + c.err).constData());
    QVERIFY2(!c.err.contains("Building") && !c.err.contains("Uploading"), c.err.constData());
    o = QJsonDocument::fromJson(c.out).object();
    QCOMPARE(o.value("runner_source").toString(), QStringLiteral("built-on-host"));
    QCOMPARE(QFileInfo(built).lastModified(), builtAt);
    endMaster("build");
}

// riscv64 and no C++ compiler: the host's msame runs instead, and the output says why.
void TestRemoteRun::cliFallsBackWithoutCompiler()
{
    const QString shim = binDir("bin-riscv",
        { { "uname",
            "#!/bin/sh\n# test double: a riscv64 board's uname\nif [ \"$1\" = -m ]; then echo riscv64; else exec "
            "/usr/bin/uname \"$@\"; "
            "fi\n" } });
    const QString runners = binDir("bin-msame", { { "msame", QStringLiteral(WB_FAKE_MSAME) } });
    const QString script = boardScript("env-no-compiler.sh", { shim, runners, binDirWithoutCompiler() }, true);
    // A build an earlier case left on the host would be used (rightly): without it, nothing can build one.
    QDir(m_sshd.host().workDir + "/runners/built-" + omRunnerSourceHash()).removeRecursively();
    ToolCapture c = atcwbOn("nocc", script, { "bench", m_om, "--on", "loopback", "--loops", "3", "--json" });
    QVERIFY2(c.result.ok(), (c.out + c.err).constData());
    const QJsonObject o = QJsonDocument::fromJson(c.out).object();
    QCOMPARE(o.value("runner").toString(), QStringLiteral("msame"));
    QCOMPARE(o.value("runner_source").toString(), QStringLiteral("host-path"));
    QCOMPARE(o.value("iterations_ms").toArray().size(), 3);
    const QString warnings = QJsonDocument(o.value("warnings").toArray()).toJson();
    QVERIFY2(warnings.contains("has no C++ compiler") && warnings.contains("running the host's msame"),
        qPrintable(warnings));
    QVERIFY2(c.err.contains("has no C++ compiler"), c.err.constData());
    endMaster("nocc");
}

// msame on the host (the double as `msame` on its PATH): every iteration, the outputs fetched, the history entry.
void TestRemoteRun::cliMsameOnHost()
{
    QString runners;
    const QString script = runnersBoard(&runners);
    QTemporaryDir out;
    ToolCapture c = atcwbOn("msame", script,
        { "bench", m_om, "--on", "loopback", "--runner", "msame", "--loops", "5", "--output-dir", out.path(),
            "--json" });
    QVERIFY2(c.result.ok(), (c.out + c.err).constData());
    const QJsonObject o = QJsonDocument::fromJson(c.out).object();
    QCOMPARE(o.value("runner").toString(), QStringLiteral("msame"));
    QCOMPARE(o.value("runner_source").toString(), QStringLiteral("host-path"));
    // The host's msame as it is (under the host's stdbuf when it has one), not mistaken for a file to upload.
    const QJsonArray command = o.value("command").toArray();
    QVERIFY(command.contains(QJsonValue(runners + "/msame")));
    QVERIFY2(o.value("toolkit").toString().startsWith(runners + "/msame on loopback"),
        qPrintable(o.value("toolkit").toString()));
    const QJsonArray iterations = o.value("iterations_ms").toArray();
    QCOMPARE(iterations.size(), 5);
    QCOMPARE(iterations.at(0).toDouble(), 65.768); // the double's first recorded time, through msame's parser
    // msame wrote <output>/<timestamp>/<model>_output_0.bin on the host: it came back.
    QDirIterator it(out.path(), { "*_output_0.bin" }, QDir::Files, QDirIterator::Subdirectories);
    QVERIFY2(it.hasNext(), "no output fetched");
    QVERIFY(QFileInfo(it.next()).size() > 0);
    const QList<RunHistoryEntry> entries = RunHistory(m_dir.filePath("msame-history")).entries();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().result.runner, QStringLiteral("msame"));
    QVERIFY(entries.first().result.host.startsWith("loopback ("));
    endMaster("msame");
}

// ais_bench on the host: its summary file comes back and gives every iteration; the history entry names the host.
void TestRemoteRun::cliAisBenchOnHost()
{
    QString runners;
    const QString script = runnersBoard(&runners);
    QTemporaryDir out;
    ToolCapture c = atcwbOn("ais", script,
        { "bench", m_om, "--on", "loopback", "--runner", "ais-bench", "--loops", "6", "--output-dir", out.path(),
            "--json" });
    QVERIFY2(c.result.ok(), (c.out + c.err).constData());
    const QJsonObject o = QJsonDocument::fromJson(c.out).object();
    QCOMPARE(o.value("runner").toString(), QStringLiteral("ais-bench"));
    QCOMPARE(o.value("command").toArray().first().toString(), runners + "/ais_bench");
    const QJsonArray iterations = o.value("iterations_ms").toArray();
    QCOMPARE(iterations.size(), 6);
    for (int i = 0; i < iterations.size(); ++i) // the double's loop i takes 2.4 + 0.013 * ((7 i) mod 11) ms
        QVERIFY2(qAbs(iterations.at(i).toDouble() - (2.4 + 0.013 * ((7 * i) % 11))) < 1e-9,
            qPrintable(QString::number(iterations.at(i).toDouble())));
    QDirIterator it(out.path(), { "*_summary.json" }, QDir::Files, QDirIterator::Subdirectories);
    QVERIFY2(it.hasNext(), "the summary file did not come back");
    const QList<RunHistoryEntry> entries = RunHistory(m_dir.filePath("ais-history")).entries();
    QCOMPARE(entries.size(), 1);
    QVERIFY(entries.first().result.host.startsWith("loopback ("));
    endMaster("ais");
}

WB_TEST_GUILESS_MAIN(TestRemoteRun)
#include "tst_remoterun.moc"
