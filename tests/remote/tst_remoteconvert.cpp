// Converting on a host (core/remote/remotefiles, core/remote/remoteatc, ConversionQueue with a remote target,
// `atcwb convert --on`) against a real sshd on 127.0.0.1 (tests/remote/sshdfixture.h). The "host" is this machine:
// its environment script puts the fake atc (tests/doubles) on PATH, so the remote processes can be checked here.
#include "atc/conversion.h"
#include "atc/conversionrecipe.h"
#include "conversion/conversiontest.h"
#include "parsing/npusmi.h"
#include "process/toolcapture.h"
#include "remote/hostkeys.h"
#include "remote/remotefiles.h"
#include "remote/remotetool.h"
#include "sshdfixture.h"
#include "testutil.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

#include <cerrno>
#include <csignal>
#include <sys/mount.h>

using namespace wb;

namespace {

constexpr int kRunTimeoutMs = 60000;

// The live (not zombie) processes of a process group, from /proc.
QList<qint64> groupMembers(qint64 pgid)
{
    QList<qint64> members;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        const qsizetype paren = text.lastIndexOf(')');
        if (paren < 0)
            continue;
        // after ") ": state ppid pgrp ...
        const QList<QByteArray> fields = text.mid(paren + 2).split(' ');
        if (fields.size() > 2 && fields.at(2).toLongLong() == pgid && fields.at(0) != "Z" && fields.at(0) != "X")
            members << pid;
    }
    return members;
}

UploadFile uploadOf(const QString& file)
{
    UploadFile u;
    u.localPath = file;
    u.remotePath = remoteInputPath("{sha256}", QFileInfo(file).fileName());
    return u;
}

qint64 parentOf(qint64 pid, QString* comm)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const qsizetype open = text.indexOf('(');
    const qsizetype paren = text.lastIndexOf(')');
    if (open < 0 || paren < 0)
        return 0;
    *comm = QString::fromUtf8(text.mid(open + 1, paren - open - 1));
    return text.mid(paren + 2).split(' ').value(1).toLongLong();
}

} // namespace

class TestRemoteConvert : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void runMarkers_data();
    void runMarkers();
    void secondUploadSendsNothing();
    void convertEndToEnd();
    void externalDataAndOptionFilesGoUp();
    void failedConversionKeepsTheLocalOm();
    void cancelLeavesNoRemoteProcess();
    void wrongArchitectureExplained();
    void uploadIntoFullWorkFolder();
    void uploadIntoReadOnlyWorkFolder();
    void cliConvertOn();
    void cliInterruptStopsTheRemoteAtc();
    void lostLinkSaysAtcMayStillRun(); // last but one: it kills sshd (and starts it again)
    void cleanupTestCase();

private:
    ConversionRequest request(const QString& outputDir, const QString& name, const QString& envScript = {});
    AtcInvocation stagedInvocation(const QString& staging, const QString& name) const;
    static RemoteToolOptions options(const QString& staging, const QString& name);
    bool mountTmpfs(const QString& dir, const QString& options);

    wbtest::SshdFixture m_sshd;
    QStringList m_mounts;
};

void TestRemoteConvert::initTestCase()
{
    const QString why = m_sshd.setUp();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString untrusted = m_sshd.trustHost();
    QVERIFY2(untrusted.isEmpty(), qPrintable(untrusted));
}

void TestRemoteConvert::init()
{
    m_sshd.exitMaster();
}

ConversionRequest TestRemoteConvert::request(const QString& outputDir, const QString& name, const QString& envScript)
{
    ConversionRequest r;
    r.options.model = wbtest::modelPath("resnet_static.onnx");
    r.options.socVersion = QStringLiteral("Ascend310B1");
    r.options.output = QDir(outputDir).filePath(name);
    r.toolkit.atcPath = m_sshd.path("bin/atc"); // as the probe finds it
    r.toolkit.version = QStringLiteral("8.0.0");
    r.toolkit.source = QStringLiteral("host loopback");
    r.remote = std::make_shared<RemoteTarget>(m_sshd.target(envScript));
    return r;
}

AtcInvocation TestRemoteConvert::stagedInvocation(const QString& staging, const QString& name) const
{
    AtcOptions o;
    o.model = wbtest::modelPath("resnet_static.onnx");
    o.socVersion = QStringLiteral("Ascend310B1");
    o.output = QDir(staging).filePath(name);
    o.workDir = staging;
    AtcToolkit toolkit;
    toolkit.atcPath = m_sshd.path("bin/atc");
    return buildInvocation(o, toolkit);
}

RemoteToolOptions TestRemoteConvert::options(const QString& staging, const QString& name)
{
    RemoteToolOptions o;
    o.folders = { { staging, ".", { name + "_", name + "." } } };
    return o;
}

bool TestRemoteConvert::mountTmpfs(const QString& dir, const QString& options)
{
    QDir().mkpath(dir);
    const bool readOnly = options.startsWith("ro,");
    if (::mount("tmpfs", QFile::encodeName(dir).constData(), "tmpfs", readOnly ? MS_RDONLY : 0,
            options.mid(readOnly ? 3 : 0).toUtf8().constData())
        != 0)
        return false;
    m_mounts << dir;
    return true;
}

void TestRemoteConvert::runMarkers_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<QString>("before");
    QTest::newRow("pid") << "@@atcwb:pid 123 120"
                         << "pid" << QStringList { "123", "120" } << "";
    QTest::newRow("exit") << "@@atcwb:exit 0"
                          << "exit" << QStringList { "0" } << "";
    QTest::newRow("glued to dots") << "....@@atcwb:exit 1"
                                   << "exit" << QStringList { "1" } << "....";
    QTest::newRow("staging with spaces") << "@@atcwb:staging /home/u/work dir/runs/atc-Ab12"
                                         << "staging" << QStringList { "/home/u/work dir/runs/atc-Ab12" } << "";
    QTest::newRow("file") << "@@atcwb:file 2048 out/m 1.bin"
                          << "file" << QStringList { "2048", "out/m 1.bin" } << "";
}

void TestRemoteConvert::runMarkers()
{
    QFETCH(QString, line);
    const auto m = parseRunMarker(line);
    QVERIFY(m);
    QTEST(m->name, "name");
    QTEST(m->fields, "fields");
    QTEST(m->before, "before");
    QVERIFY(!parseRunMarker("ATC start working now, please wait for a moment."));
    QVERIFY(!parseRunMarker("@@atcwb:unknown 1"));
}

void TestRemoteConvert::secondUploadSendsNothing()
{
    QTemporaryDir local;
    const QString file = local.filePath("weights with spaces.bin");
    QByteArray bytes(300 * 1024, '\0');
    for (int i = 0; i < bytes.size(); ++i)
        bytes[i] = char(i * 7 % 251);
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    const QString sha = wbtest::sha256Of(file);
    const QList<UploadFile> files { uploadOf(file) };
    const QString remote = QDir(m_sshd.host().workDir).filePath("inputs/" + sha + "/weights with spaces.bin");

    RemoteUpload first(m_sshd.target());
    QSignalSpy firstDone(&first, &RemoteUpload::finished);
    QVERIFY(first.start(files));
    QVERIFY(firstDone.wait(kRunTimeoutMs));
    QVERIFY2(firstDone.first().at(0).toBool(), qPrintable(firstDone.first().at(1).value<Error>().message));
    QCOMPARE(first.files().first().sha256, sha);
    QVERIFY(first.files().first().sent);
    QCOMPARE(first.bytesSent(), qint64(bytes.size()));
    QCOMPARE(wbtest::sha256Of(remote), sha);
    QCOMPARE(first.remoteWorkDir(), m_sshd.host().workDir);
    const QDateTime written = QFileInfo(remote).lastModified();

    RemoteUpload second(m_sshd.target());
    QSignalSpy secondDone(&second, &RemoteUpload::finished);
    QSignalSpy sending(&second, &RemoteUpload::sending);
    QVERIFY(second.start(files));
    QVERIFY(secondDone.wait(kRunTimeoutMs));
    QVERIFY(secondDone.first().at(0).toBool());
    QVERIFY(!second.files().first().sent);
    QCOMPARE(second.bytesSent(), qint64(0));
    QCOMPARE(sending.size(), 0);
    QCOMPARE(QFileInfo(remote).lastModified(), written); // not rewritten

    // Other bytes under the same name are sent again (the path is content addressed).
    bytes[0] = 'x';
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    RemoteUpload third(m_sshd.target());
    QSignalSpy thirdDone(&third, &RemoteUpload::finished);
    QVERIFY(third.start(files));
    QVERIFY(thirdDone.wait(kRunTimeoutMs));
    QVERIFY(third.files().first().sent);
    QVERIFY(third.files().first().sha256 != sha);
}

void TestRemoteConvert::convertEndToEnd()
{
    QTemporaryDir out;
    ConversionQueue queue;
    wbtest::QueueRecorder recorder(&queue);
    QSignalSpy done(&queue, &ConversionQueue::finished);
    QSignalSpy jobFinished(&queue, &ConversionQueue::jobFinished);
    QSignalSpy started(&queue, &ConversionQueue::jobStarted);
    queue.start(request(out.path(), "resnet_310b1"));
    QVERIFY(done.wait(kRunTimeoutMs));
    const ConversionOutcome o = jobFinished.first().at(1).value<ConversionOutcome>();
    QVERIFY2(o.ok, qPrintable(o.failure + "\n" + recorder.lines.value(0).join('\n')));
    QCOMPARE(o.verdict, QStringLiteral("success"));
    const QString om = out.filePath("resnet_310b1.om");
    QCOMPARE(o.omPath, om);
    QVERIFY(looksLikeOm(om));
    QVERIFY(QFileInfo::exists(recipePathFor(om)));
    QVERIFY(QFileInfo::exists(logPathFor(om)));
    // The started command is the one that ran on the host: the model in the work folder, the output relative.
    const QString command = started.first().at(1).toString();
    QVERIFY2(command.startsWith("[on loopback] ") && command.contains("inputs/")
            && command.contains("--output=resnet_310b1"),
        qPrintable(command));
    // ATC's own lines came through the parser, as for a local run; no marker reached the log.
    const QStringList lines = recorder.lines.value(0);
    QVERIFY2(lines.filter("ATC run success").size() == 1, qPrintable(lines.join('\n')));
    QVERIFY(lines.filter("@@atcwb").isEmpty());
    QVERIFY(!recorder.stages.value(0).isEmpty()); // the parser saw ATC's stages
    const QByteArray log = [&] {
        QFile f(logPathFor(om));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QVERIFY(log.contains("ATC run success"));
    QVERIFY(!log.contains("@@atcwb"));
    // The recipe says which toolkit made it; the model is cached in the work folder; the run folder is gone.
    const Result<ConversionRecipe> recipe = loadConversionRecipe(recipePathFor(om));
    QVERIFY(recipe.ok());
    QCOMPARE(recipe.value().toolkitVersion, QStringLiteral("8.0.0"));
    const QString sha = wbtest::sha256Of(wbtest::modelPath("resnet_static.onnx"));
    QVERIFY(QFileInfo::exists(QDir(m_sshd.host().workDir).filePath("inputs/" + sha + "/resnet_static.onnx")));
    QCOMPARE(QDir(QDir(m_sshd.host().workDir).filePath("runs")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
        QStringList());
    QCOMPARE(wbtest::stagingLeft(out.path()), QStringList());
}

// A model with external data (tools/modelgen's external_data.onnx + external_data.onnx.data), an AIPP config,
// --debug_dir and --op_compiler_cache_dir: an atc on the host that looks before it runs the fake atc finds the data
// file beside the model and the AIPP config in the work folder; what it writes into --debug_dir comes back, and the
// compiler cache stays in the host's work folder.
void TestRemoteConvert::externalDataAndOptionFilesGoUp()
{
    QTemporaryDir out;
    const QString aipp = out.filePath("aipp.cfg");
    {
        QFile f(aipp);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("aipp_op {\n  aipp_mode: static\n  input_format: RGB888_U8\n}\n");
    }
    const QString seen = m_sshd.path("atc-seen.txt");
    const QString atc = m_sshd.path("atc-looks");
    {
        QFile f(atc);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("#!/bin/sh\n# test double: says what a conversion on the host finds, then runs the fake "
                               "atc\nfor a in \"$@\"; do case $a in\n"
                               "  --model=*) m=${a#--model=};; --insert_op_conf=*) c=${a#--insert_op_conf=};;\n"
                               "  --debug_dir=*) d=${a#--debug_dir=};; --op_compiler_cache_dir=*) "
                               "k=${a#--op_compiler_cache_dir=};;\nesac; done\n"
                               "{ echo \"model $m\"; [ -f \"$(dirname \"$m\")/external_data.onnx.data\" ] && echo "
                               "\"data beside the model\"\n  [ -f \"$c\" ] && echo \"aipp $c $(head -n 1 \"$c\")\"\n"
                               "  echo \"debug $d\"; echo \"cache $k\"; } >'%1'\n"
                               "mkdir -p \"$d\" && echo dumped >\"$d/dump.txt\"\n"
                               "mkdir -p \"$k\" && echo cached >\"$k/kernel.o\"\n"
                               "exec '%2' \"$@\"\n")
                    .arg(seen, QStringLiteral(WB_FAKE_ATC))
                    .toUtf8());
        f.close();
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    }
    ConversionRequest r = request(out.path(), "external");
    r.options.model = wbtest::modelPath("external_data.onnx");
    r.options.insertOpConf = aipp;
    r.options.debugDir = out.filePath("debug");
    r.options.opCompilerCacheDir = out.filePath("opcache");
    r.toolkit.atcPath = atc;
    ConversionQueue queue;
    wbtest::QueueRecorder recorder(&queue);
    QSignalSpy done(&queue, &ConversionQueue::finished);
    QSignalSpy jobFinished(&queue, &ConversionQueue::jobFinished);
    queue.start(r);
    QVERIFY(done.wait(kRunTimeoutMs));
    const ConversionOutcome o = jobFinished.first().at(1).value<ConversionOutcome>();
    QVERIFY2(o.ok, qPrintable(o.failure + "\n" + recorder.lines.value(0).join('\n')));
    QFile f(seen);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    const QString sha = wbtest::sha256Of(wbtest::modelPath("external_data.onnx"));
    QCOMPARE(lines.value(0), "model ../../inputs/" + sha + "/external_data.onnx");
    QCOMPARE(lines.value(1), QStringLiteral("data beside the model"));
    QCOMPARE(lines.value(2),
        "aipp ../../inputs/" + wbtest::sha256Of(aipp) + "/aipp.cfg aipp_op {"); // uploaded, the path rewritten
    QCOMPARE(lines.value(3), QStringLiteral("debug debug_dir")); // a folder of the run folder ...
    QCOMPARE(lines.value(4), QStringLiteral("cache ../../op_compiler_cache")); // the host's own cache
    const QString work = m_sshd.host().workDir;
    QVERIFY(QFileInfo::exists(work + "/inputs/" + sha + "/external_data.onnx.data"));
    QCOMPARE(wbtest::sha256Of(work + "/inputs/" + sha + "/external_data.onnx.data"),
        wbtest::sha256Of(wbtest::modelPath("external_data.onnx.data")));
    QFile dump(out.filePath("debug/dump.txt")); // ... whose files came back
    QVERIFY(dump.open(QIODevice::ReadOnly));
    QCOMPARE(dump.readAll(), QByteArray("dumped\n"));
    QVERIFY(QFileInfo::exists(work + "/op_compiler_cache/kernel.o"));
    QVERIFY(!QFileInfo::exists(out.filePath("opcache/kernel.o")));
}

void TestRemoteConvert::failedConversionKeepsTheLocalOm()
{
    QTemporaryDir out;
    const QString om = out.filePath("keep.om");
    const QByteArray good("a good OM from before");
    {
        QFile f(om);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(good);
    }
    ConversionQueue queue;
    QSignalSpy done(&queue, &ConversionQueue::finished);
    QSignalSpy jobFinished(&queue, &ConversionQueue::jobFinished);
    ConversionRequest r
        = request(out.path(), "keep", m_sshd.envScript("env-unsupported.sh", "export FAKE_ATC_UNSUPPORTED_OPS=Conv"));
    r.force = true;
    queue.start(r);
    QVERIFY(done.wait(kRunTimeoutMs));
    const ConversionOutcome o = jobFinished.first().at(1).value<ConversionOutcome>();
    QVERIFY(!o.ok);
    QVERIFY2(o.failure.contains("E19010"), qPrintable(o.failure)); // ATC's own error, through the parser
    QCOMPARE(wbtest::readAll(om), good);
    QVERIFY(QFileInfo::exists(failedLogPathFor(om)));
}

void TestRemoteConvert::cancelLeavesNoRemoteProcess()
{
    QTemporaryDir staging;
    RemoteToolRun run(m_sshd.target(m_sshd.envScript("env-fork.sh", "export FAKE_ATC_MODE=fork")),
        stagedInvocation(staging.path(), "cancelled"), options(staging.path(), "cancelled"));
    QStringList lines;
    connect(&run, &RemoteToolRun::linesReceived, this, [&lines](ToolChannel, const QStringList& l) { lines += l; });
    QSignalSpy remoteStarted(&run, &RemoteToolRun::remoteStarted);
    QSignalSpy finished(&run, &RemoteToolRun::finished);
    run.start();
    QVERIFY(remoteStarted.wait(kRunTimeoutMs));
    const qint64 pgid = run.remoteProcessGroup();
    QVERIFY(pgid > 1);
    // The fake's worker (forked, same group) is up: it must die with the group.
    QTRY_VERIFY_WITH_TIMEOUT(lines.filter("worker pid ").size() == 1, kRunTimeoutMs);
    const qint64 worker = lines.filter("worker pid ").first().mid(11).toLongLong();
    QVERIFY(groupMembers(pgid).contains(worker));
    const QString remoteStaging = run.remoteStaging();
    QVERIFY(QFileInfo(remoteStaging).isDir());

    run.cancel();
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(finished.first().at(0).value<ToolResult>().kind, ToolResult::Kind::Cancelled);
    QCOMPARE(groupMembers(pgid), QList<qint64>()); // nothing of ATC is left on the host
    QVERIFY(!QFileInfo::exists(remoteStaging));
}

void TestRemoteConvert::wrongArchitectureExplained()
{
    // An ELF header for a machine this host cannot run (as an x86-64 atc is on an aarch64 board): ENOEXEC.
    const QString bin = m_sshd.path("foreign-bin");
    QDir().mkpath(bin);
    QByteArray elf(64, '\0');
    elf.replace(0, 4,
        "\x7f"
        "ELF");
    elf[4] = 2; // 64-bit
    elf[5] = 1; // little endian
    elf[6] = 1;
    elf[16] = 2; // ET_EXEC
    const quint16 machine = 53; // EM_68HC12: no kernel and no qemu binfmt handler runs it
    elf[18] = char(machine & 0xff);
    elf[19] = char(machine >> 8);
    elf[20] = 1;
    {
        QFile f(bin + "/atc");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(elf);
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    }
    QTemporaryDir out;
    ConversionQueue queue;
    QSignalSpy done(&queue, &ConversionQueue::finished);
    QSignalSpy jobFinished(&queue, &ConversionQueue::jobFinished);
    ConversionRequest r
        = request(out.path(), "foreign", m_sshd.envScript("env-foreign.sh", "PATH='" + bin + "':$PATH"));
    r.toolkit.atcPath = bin + "/atc";
    queue.start(r);
    QVERIFY(done.wait(kRunTimeoutMs));
    const ConversionOutcome o = jobFinished.first().at(1).value<ConversionOutcome>();
    QVERIFY(!o.ok);
    QCOMPARE(o.result.exitCode, 126);
    QVERIFY2(o.failure.contains("Exec format error") && o.failure.contains("another processor architecture"),
        qPrintable(o.failure));
}

void TestRemoteConvert::uploadIntoFullWorkFolder()
{
    const QString work = m_sshd.path("full work");
    if (!mountTmpfs(work, "size=64k"))
        WB_SKIP_MISSING("mounting a small tmpfs needs root (CAP_SYS_ADMIN)");
    QTemporaryDir local;
    const QString file = local.filePath("big.onnx");
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(512 * 1024, 'w'));
    }
    RemoteTarget t = m_sshd.target();
    t.host.workDir = work;
    RemoteUpload upload(t);
    QSignalSpy done(&upload, &RemoteUpload::finished);
    QVERIFY(upload.start({ uploadOf(file) }));
    QVERIFY(done.wait(kRunTimeoutMs));
    QVERIFY(!done.first().at(0).toBool());
    const Error e = done.first().at(1).value<Error>();
    QCOMPARE(e.code, QStringLiteral("upload_failed"));
    QVERIFY2(e.message.contains("is full") && e.message.contains("--work-dir"), qPrintable(e.message));
    // Nothing half-written is left that a later check could take for the file.
    QDirIterator it(work, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    QVERIFY2(!it.hasNext(), qPrintable(it.hasNext() ? it.next() : QString()));
}

void TestRemoteConvert::uploadIntoReadOnlyWorkFolder()
{
    const QString work = m_sshd.path("ro work");
    if (!mountTmpfs(work, "ro,size=64k"))
        WB_SKIP_MISSING("mounting a read-only tmpfs needs root (CAP_SYS_ADMIN)");
    QTemporaryDir out;
    ConversionQueue queue;
    QSignalSpy done(&queue, &ConversionQueue::finished);
    QSignalSpy jobFinished(&queue, &ConversionQueue::jobFinished);
    ConversionRequest r = request(out.path(), "ro");
    auto t = std::make_shared<RemoteTarget>(*r.remote);
    t->host.workDir = work;
    r.remote = t;
    queue.start(r);
    QVERIFY(done.wait(kRunTimeoutMs));
    const ConversionOutcome o = jobFinished.first().at(1).value<ConversionOutcome>();
    QVERIFY(!o.ok);
    QVERIFY2(o.failure.contains("read-only file system") && o.failure.contains(work), qPrintable(o.failure));
    QCOMPARE(wbtest::stagingLeft(out.path()), QStringList());
}

void TestRemoteConvert::cliConvertOn()
{
    const Host h = m_sshd.host();
    QTemporaryDir out;
    const QString settings = m_sshd.path("cli-convert.ini");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", m_sshd.path("xdg-data"));
    QDir().mkpath(m_sshd.path("xdg-run"));
    QFile::setPermissions(
        m_sshd.path("xdg-run"), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    env.insert("XDG_RUNTIME_DIR", m_sshd.path("xdg-run"));
    const auto atcwb = [&](const QStringList& args) {
        ToolInvocation inv;
        inv.program = WB_BIN_DIR "/atcwb";
        inv.arguments = QStringList { "--settings", settings } + args;
        inv.environment = env;
        inv.timeoutMs = kRunTimeoutMs * 2;
        return runToCompletion(inv);
    };
    ToolCapture c = atcwb({ "hosts", "add", h.name, "--destination", h.destination, "--port", QString::number(h.port),
        "--identity", h.identityFile, "--env-script", h.envScript, "--work-dir", h.workDir });
    QVERIFY2(c.result.ok(), c.err.constData());
    c = atcwb({ "hosts", "trust", h.name, "--fingerprint", m_sshd.hostKeyFingerprint() });
    QVERIFY2(c.result.ok(), c.err.constData());

    c = atcwb({ "convert", wbtest::modelPath("resnet_static.onnx"), "--on", h.name, "--soc", "Ascend310B1", "--output",
        out.path(), "--name", "cli", "--json" });
    QVERIFY2(c.result.ok(), (c.out + c.err).constData());
    QList<QJsonObject> events;
    for (const QByteArray& line : c.out.split('\n')) {
        if (!line.trimmed().isEmpty())
            events << QJsonDocument::fromJson(line).object();
    }
    QVERIFY(!events.isEmpty());
    for (const QJsonObject& e : events)
        QCOMPARE(e.value("host").toString(), h.name); // the local contract plus "host"
    const QJsonObject result = events.last();
    QCOMPARE(result.value("event").toString(), QStringLiteral("result"));
    QVERIFY(result.value("ok").toBool());
    QCOMPARE(result.value("oms").toArray().first().toString(), out.filePath("cli.om"));
    QVERIFY(looksLikeOm(out.filePath("cli.om")));

    // devices --on: the host's npu-smi table through the same parser, plus "host".
    c = atcwb({ "devices", "--on", h.name, "--json" });
    QVERIFY2(c.result.ok(), (c.out + c.err).constData());
    const QJsonObject devices = QJsonDocument::fromJson(c.out).object();
    QCOMPARE(devices.value("host").toString(), h.name);
    QFile table(WB_TEST_DATA_DIR "/runners/npu_smi_03_310B1_devkit.txt");
    QVERIFY(table.open(QIODevice::ReadOnly));
    QCOMPARE(devices.value("devices").toArray().size(), parseNpuSmiInfo(table.readAll()).value().devices.size());

    // An unknown host is refused with the usual error object.
    c = atcwb(
        { "convert", wbtest::modelPath("resnet_static.onnx"), "--on", "nosuchhost", "--soc", "Ascend310B1", "--json" });
    QCOMPARE(c.result.exitCode, 1);
    QVERIFY2(c.out.contains("unknown_host"), c.out.constData());
    runToCompletion(sshControlInvocation(h,
        SshPaths { m_sshd.path("xdg-data/atc-workbench/atc-workbench/ssh/known_hosts"),
            m_sshd.path("xdg-run/atc-workbench-ssh") },
        "exit"));
}

// Ctrl+C on `atcwb convert --on`: the queue's shutdown stops ATC's process group on the host before atcwb exits.
void TestRemoteConvert::cliInterruptStopsTheRemoteAtc()
{
    const Host h = m_sshd.host();
    QTemporaryDir out;
    const QString settings = m_sshd.path("cli-interrupt.ini");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", m_sshd.path("xdg-data-int"));
    QDir().mkpath(m_sshd.path("xdg-run-int"));
    QFile::setPermissions(
        m_sshd.path("xdg-run-int"), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    env.insert("XDG_RUNTIME_DIR", m_sshd.path("xdg-run-int"));
    const auto atcwb = [&](const QStringList& args) {
        ToolInvocation inv;
        inv.program = WB_BIN_DIR "/atcwb";
        inv.arguments = QStringList { "--settings", settings } + args;
        inv.environment = env;
        inv.timeoutMs = kRunTimeoutMs;
        return inv;
    };
    const QString script = m_sshd.envScript("env-cli-hang.sh", "export FAKE_ATC_MODE=fork");
    ToolCapture c = runToCompletion(atcwb({ "hosts", "add", h.name, "--destination", h.destination, "--port",
        QString::number(h.port), "--identity", h.identityFile, "--env-script", script, "--work-dir", h.workDir }));
    QVERIFY2(c.result.ok(), c.err.constData());
    c = runToCompletion(atcwb({ "hosts", "trust", h.name, "--fingerprint", m_sshd.hostKeyFingerprint() }));
    QVERIFY2(c.result.ok(), c.err.constData());

    ToolRunner convert;
    QStringList lines;
    connect(&convert, &ToolRunner::linesReceived, this, [&lines](ToolChannel, const QStringList& l) { lines += l; });
    QSignalSpy done(&convert, &ToolRunner::finished);
    convert.start(atcwb({ "convert", wbtest::modelPath("resnet_static.onnx"), "--on", h.name, "--soc", "Ascend310B1",
        "--output", out.path(), "--name", "interrupted", "--lines" }));
    // The fake prints its forked worker's pid once it runs on the host.
    QTRY_VERIFY_WITH_TIMEOUT(!lines.filter("worker pid ").isEmpty() || !done.isEmpty(), kRunTimeoutMs);
    QVERIFY2(done.isEmpty(), qPrintable(lines.join('\n')));
    const qint64 worker = lines.filter("worker pid ").first().section("worker pid ", 1).trimmed().toLongLong();
    QVERIFY(worker > 0);
    QFile stat(QStringLiteral("/proc/%1/stat").arg(worker));
    QVERIFY(stat.open(QIODevice::ReadOnly));
    const qint64 pgid = stat.readAll().split(')').last().split(' ').value(3).toLongLong();
    QVERIFY(pgid > 1);
    QVERIFY(!groupMembers(pgid).isEmpty());

    ::kill(pid_t(convert.processId()), SIGINT);
    QVERIFY(done.wait(kRunTimeoutMs) || !done.isEmpty());
    QCOMPARE(done.first().at(0).value<ToolResult>().exitCode, 130);
    QCOMPARE(groupMembers(pgid), QList<qint64>()); // nothing of ATC's group is left on the host
    QVERIFY(!QFileInfo::exists(out.filePath("interrupted.om")));
    runToCompletion(sshControlInvocation(h,
        SshPaths { m_sshd.path("xdg-data-int/atc-workbench/atc-workbench/ssh/known_hosts"),
            m_sshd.path("xdg-run-int/atc-workbench-ssh") },
        "exit"));
}

void TestRemoteConvert::lostLinkSaysAtcMayStillRun()
{
    QTemporaryDir staging;
    RemoteToolRun run(m_sshd.target(m_sshd.envScript("env-hang.sh", "export FAKE_ATC_MODE=hang")),
        stagedInvocation(staging.path(), "lost"), options(staging.path(), "lost"));
    QSignalSpy remoteStarted(&run, &RemoteToolRun::remoteStarted);
    QSignalSpy finished(&run, &RemoteToolRun::finished);
    run.start();
    QVERIFY(remoteStarted.wait(kRunTimeoutMs));
    const qint64 pid = run.remotePid();
    const qint64 pgid = run.remoteProcessGroup();
    // Kill the sshd processes serving this session (the remote shell's ancestors), then sshd itself.
    QList<qint64> serving;
    QString comm;
    for (qint64 p = parentOf(pid, &comm); p > 1; p = parentOf(p, &comm)) {
        QString parentComm;
        parentOf(p, &parentComm);
        if (!parentComm.startsWith("sshd"))
            break;
        serving << p;
    }
    QVERIFY(!serving.isEmpty());
    for (qint64 p : serving)
        ::kill(pid_t(p), SIGKILL);
    m_sshd.stop(); // runs the event loop: the run may end meanwhile
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kRunTimeoutMs);
    const ToolResult r = finished.first().at(0).value<ToolResult>();
    QVERIFY(!r.ok());
    QVERIFY2(run.failure().contains("ATC may still be running on loopback")
            && run.failure().contains(QString::number(pid))
            && run.failure().contains("connection to loopback was lost"),
        qPrintable(run.failure()));
    // Whether ATC outlives the link depends on timing: its next write to the dropped link may end it with SIGPIPE.
    // Hence "may": the message names the pid and process group either way, and whatever survived is stopped here.
    const QList<qint64> left = groupMembers(pgid);
    for (qint64 p : left)
        ::kill(pid_t(p), SIGKILL);
    ::kill(pid_t(-pgid), SIGKILL);
    if (left.isEmpty())
        qInfo("the remote ATC ended with the link this time (SIGPIPE); the message still had to say it may run");
    const QString why = m_sshd.start();
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestRemoteConvert::cleanupTestCase()
{
    for (const QString& dir : std::as_const(m_mounts))
        ::umount2(QFile::encodeName(dir).constData(), MNT_DETACH);
}

WB_TEST_GUILESS_MAIN(TestRemoteConvert)
#include "tst_remoteconvert.moc"
