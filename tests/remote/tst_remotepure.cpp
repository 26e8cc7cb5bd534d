// core/remote's pure parts: host validation, the ssh argv, host keys and fingerprints, the probe's parser.
#include "remote/host.h"
#include "remote/hostkeys.h"
#include "remote/omrunnerhost.h"
#include "remote/probe.h"
#include "remote/ssh.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

using namespace wb;

Q_DECLARE_METATYPE(wb::Host)
Q_DECLARE_METATYPE(wb::HostKey)

namespace {

// Keys made with `ssh-keygen -t TYPE`; the fingerprints are what `ssh-keygen -lf KEY.pub` printed for them.
const char kEd25519[] = "AAAAC3NzaC1lZDI1NTE5AAAAIOe+dz6tVMT6TtTwcQjpZqaHXr8fH/iu9mgWaLTUeUJq";
const char kEd25519Fp[] = "SHA256:7XgPLE3s81gwO+0WTkJLNVJaw+fyP4Mw6ldD2v8UFwY";
const char kEcdsa[]
    = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBJK5BIdbuKQp7XfZ8oxZrF9sAOZUQe6o7SqsJyF+gS6jjjIO3X"
      "wticQ7debebHllEki8Bi/HYDnZjTwEMAC/p3o=";
const char kEcdsaFp[] = "SHA256:pBNLlZrujP0oLszZkBD5vxD4dK2rvSkBEqwklAVNCYw";
const char kRsa[]
    = "AAAAB3NzaC1yc2EAAAADAQABAAABgQDPWPCu7eEWsRBKdgaB+R7G08Y7vgZVPzXus58Nh5sCfjrNdoVf4iaWLo+Naf5AXpySVcL6j1"
      "NvmZ7J24daaUXB3QX0Wg3ZIGZrNFnqTWwO0kTsw8FvXajwg8vMOcBIvvlTW095jbDqkhZlMDoPXkqc9zQwt5DfSfc6ASopvPcv35ZUCo"
      "2Xgp08R7XGdVZRr90UPSkDs7pRPmbS32GYCtVbV7sYh8qmM390C/h/TCiwtuyIM+SXpDKC0Sqaxynpw54ilAZfww13dCEB8lGqbI13O1"
      "zmzP7SrJny/7lH4P1iQRfx92JVh3P0W153DzY5INa/yp5PXFFs/aJFl6Q7C56VirtLRWfffhdCtAdq4iGLJJDwq0kfOusN0AQffZMgdD"
      "mClUt07DOMD1xYNNOKu4nGBdmx8E38w15++eDxcT50MUr5Q4tzAio3PJISe6wDC/aErcYNqUFcMPbzto2fHQf8oMCPTPMiyLZYeAVgvZSC"
      "Fl2Ws1/bmloATAuDP0ux+Kk=";
const char kRsaFp[] = "SHA256:Eigq1Aw3LmJcxWaShGpj60Cj4TMZOpIiwQKWKfZPSz8";
// `ssh-keygen -H` of "[127.0.0.1]:2222 ssh-ed25519 <kEd25519>".
const char kHashedName[] = "|1|om6dAKwZSxPIKORfXt/L6aAP+ZY=|qpsAGY2And5OdKn5iNNCeDt4Ths=";

Host makeHost(const QString& name, const QString& destination, int port = 22, const QString& identity = {},
    const QString& envScript = {}, const QString& workDir = {})
{
    return Host { name, destination, port, identity, envScript, workDir };
}

HostKey key(const QString& hosts, const QString& type, const QString& blob)
{
    return { hosts, type, blob, hosts + ' ' + type + ' ' + blob };
}

QByteArray readData(const QString& rel)
{
    QFile f(QStringLiteral(WB_TEST_DATA_DIR "/") + rel);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A probe output as probeScript() prints it: "\n@@atcwb:NAME\n" before each section's content.
QByteArray sections(const QList<QPair<QByteArray, QByteArray>>& parts)
{
    QByteArray out;
    for (const auto& [name, content] : parts)
        out += "\n@@atcwb:" + name + "\n" + content;
    return out;
}

} // namespace

class TestRemotePure : public QObject {
    Q_OBJECT
private slots:
    void validate_data();
    void validate();
    void sshArgv_data();
    void sshArgv();
    void keyscanArgv();
    void privateDir();
    void fingerprint_data();
    void fingerprint();
    void parseKeys();
    void hostsField_data();
    void hostsField();
    void checkKey_data();
    void checkKey();
    void appendKnownHost();
    void libc_data();
    void libc();
    void df_data();
    void df();
    void sectionsSplit_data();
    void sectionsSplit();
    void probeFacts();
    void probeVerdicts_data();
    void probeVerdicts();
    void probeJson();
    void elfFacts();
    void elfFactsBadInput();
    void pickShipped_data();
    void pickShipped();
    void portableSources();
};

void TestRemotePure::validate_data()
{
    QTest::addColumn<Host>("host");
    QTest::addColumn<QString>("code"); // empty: valid
    QTest::newRow("plain") << makeHost("board", "HwHiAiUser@192.168.1.2") << "";
    QTest::newRow("no user") << makeHost("b-1.x_y", "lab.example") << "";
    QTest::newRow("ipv6") << makeHost("v6", "me@[fe80::1]") << "";
    QTest::newRow("empty name") << makeHost("", "a@b") << "bad_host_name";
    QTest::newRow("name with space") << makeHost("my board", "a@b") << "bad_host_name";
    QTest::newRow("option injection") << makeHost("x", "-oProxyCommand=id") << "bad_destination";
    QTest::newRow("host part is an option") << makeHost("x", "a@-oProxyCommand=id") << "bad_destination";
    QTest::newRow("space") << makeHost("x", "a b@c") << "bad_destination";
    QTest::newRow("quote") << makeHost("x", "a'@c") << "bad_destination";
    QTest::newRow("newline") << makeHost("x", "a@c\nd") << "bad_destination";
    QTest::newRow("two @") << makeHost("x", "a@b@c") << "bad_destination";
    QTest::newRow("no host") << makeHost("x", "a@") << "bad_destination";
    QTest::newRow("port 0") << makeHost("x", "a@b", 0) << "bad_port";
    QTest::newRow("port too big") << makeHost("x", "a@b", 65536) << "bad_port";
    QTest::newRow("identity missing") << makeHost("x", "a@b", 22, "/nonexistent/id_ed25519") << "identity_missing";
}

void TestRemotePure::validate()
{
    QFETCH(Host, host);
    QFETCH(QString, code);
    const auto error = validateHost(host);
    QCOMPARE(error ? error->code : QString(), code);
    if (error)
        QVERIFY2(error->message.contains(host.name.isEmpty() ? QString("''") : host.name) || code == "bad_host_name",
            qPrintable(error->message));
}

void TestRemotePure::sshArgv_data()
{
    QTest::addColumn<Host>("host");
    QTest::addColumn<QStringList>("expected");
    const QStringList common { "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o",
        "UserKnownHostsFile=/d/known_hosts", "-o", "GlobalKnownHostsFile=/dev/null", "-o", "UpdateHostKeys=no", "-o",
        "ControlMaster=auto", "-o", "ControlPath=/run/c/%C", "-o", "ControlPersist=60", "-o", "ConnectTimeout=10", "-o",
        "ServerAliveInterval=15", "-o", "ServerAliveCountMax=3" };
    QTest::newRow("defaults") << makeHost("b", "u@h")
                              << common + QStringList { "-p", "22", "--", "u@h", "printf '%s\\0' 'a b'" };
    QTest::newRow("port and identity") << makeHost("b", "u@h", 2222, "/k/id key")
                                       << common
            + QStringList { "-p", "2222", "-o", "IdentitiesOnly=yes", "-i", "/k/id key", "--", "u@h",
                  "printf '%s\\0' 'a b'" };
    QTest::newRow("env and work dir do not reach ssh") << makeHost("b", "h", 22, "", "/x/set_env.sh",
        "/w") << common + QStringList { "-p", "22", "--", "h", "printf '%s\\0' 'a b'" };
}

void TestRemotePure::sshArgv()
{
    QFETCH(Host, host);
    QFETCH(QStringList, expected);
    SshPaths paths;
    paths.knownHostsFile = "/d/known_hosts";
    paths.controlDir = "/run/c";
    const ToolInvocation inv = sshInvocation(host, paths, remoteCommandLine({ "printf", "%s\\0", "a b" }), 5000);
    QCOMPARE(inv.program, QStringLiteral("ssh"));
    QCOMPARE(inv.arguments, expected);
    QCOMPARE(inv.timeoutMs, 5000);
    QVERIFY(!inv.arguments.contains("StrictHostKeyChecking=no"));
    QVERIFY(!inv.arguments.contains("StrictHostKeyChecking=accept-new"));
    // -O check / exit share the options and name the same destination.
    const ToolInvocation check = sshControlInvocation(host, paths, "check");
    QCOMPARE(check.arguments.mid(0, check.arguments.indexOf("-O")), sshOptions(host, paths));
    QCOMPARE(
        check.arguments.mid(check.arguments.indexOf("-O")), (QStringList { "-O", "check", "--", host.destination }));
}

void TestRemotePure::keyscanArgv()
{
    SshPaths paths;
    const Host host = makeHost("b", "me@[fe80::1]", 2200);
    const ToolInvocation inv = keyscanInvocation(host, paths, 7);
    QCOMPARE(inv.program, QStringLiteral("ssh-keyscan"));
    QCOMPARE(inv.arguments, (QStringList { "-T", "7", "-p", "2200", "--", "fe80::1" }));
    QVERIFY(inv.timeoutMs > 7000);
    QCOMPARE(knownHostsName(host), QStringLiteral("[fe80::1]:2200"));
    QCOMPARE(knownHostsName(makeHost("b", "u@h")), QStringLiteral("h"));
}

void TestRemotePure::privateDir()
{
    QTemporaryDir tmp(QDir::tempPath() + "/wbp-XXXXXX");
    const QString dir = tmp.filePath("a/ctl");
    QVERIFY(!ensurePrivateDir(dir));
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    QCOMPARE(QFileInfo(dir).permissions() & others, QFileDevice::Permissions());
    QVERIFY(QFileInfo(dir).permissions().testFlag(QFileDevice::WriteOwner));
    QVERIFY(QFile::setPermissions(dir, QFileInfo(dir).permissions() | QFileDevice::ReadOther | QFileDevice::ExeOther));
    QVERIFY(!ensurePrivateDir(dir)); // made private again
    QCOMPARE(QFileInfo(dir).permissions() & others, QFileDevice::Permissions());
    const QString tooLong = tmp.filePath(QString(MaxControlDirBytes, 'x'));
    const auto error = ensurePrivateDir(tooLong);
    QVERIFY(error);
    QCOMPARE(error->code, QStringLiteral("control_dir"));
    QVERIFY(error->message.contains("XDG_RUNTIME_DIR"));
    QVERIFY(!QFileInfo::exists(tooLong)); // refused before anything was created
    QFile file(tmp.filePath("file"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(ensurePrivateDir(tmp.filePath("file")));
}

void TestRemotePure::fingerprint_data()
{
    QTest::addColumn<QString>("blob");
    QTest::addColumn<QString>("fingerprint");
    QTest::newRow("ed25519") << kEd25519 << kEd25519Fp;
    QTest::newRow("ecdsa") << kEcdsa << kEcdsaFp;
    QTest::newRow("rsa") << kRsa << kRsaFp;
    QTest::newRow("not base64") << "not*base64!"
                                << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestRemotePure::fingerprint()
{
    QFETCH(QString, blob);
    QFETCH(QString, fingerprint);
    QCOMPARE(sha256Fingerprint(blob), fingerprint);
}

void TestRemotePure::parseKeys()
{
    const QByteArray text = QByteArray("# 127.0.0.1:22 SSH-2.0-OpenSSH_9.2p1\n\n[127.0.0.1]:2222 ssh-ed25519 ")
        + kEd25519 + "\n@revoked * ssh-rsa " + kRsa + "\nbroken-line\n" + "h1,h2 ecdsa-sha2-nistp256 " + kEcdsa
        + " a comment\r\n";
    const QList<HostKey> keys = parseHostKeys(text);
    QCOMPARE(keys.size(), 2);
    QCOMPARE(keys.at(0).hosts, QStringLiteral("[127.0.0.1]:2222"));
    QCOMPARE(keys.at(0).type, QStringLiteral("ssh-ed25519"));
    QCOMPARE(keys.at(0).fingerprint(), QString(kEd25519Fp));
    QCOMPARE(keys.at(1).hosts, QStringLiteral("h1,h2"));
    QCOMPARE(keys.at(1).fingerprint(), QString(kEcdsaFp));
    QCOMPARE(keyWithFingerprint(keys, kEcdsaFp)->type, QStringLiteral("ecdsa-sha2-nistp256"));
    QVERIFY(!keyWithFingerprint(keys, kRsaFp));
    QVERIFY(!keyWithFingerprint(keys, ""));
}

void TestRemotePure::hostsField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("matches");
    QTest::newRow("plain") << "h"
                           << "h" << true;
    QTest::newRow("case") << "Board.Local"
                          << "board.local" << true;
    QTest::newRow("list") << "a,h,b"
                          << "h" << true;
    QTest::newRow("port needs brackets") << "h"
                                         << "[h]:2222" << false;
    QTest::newRow("bracketed") << "[127.0.0.1]:2222"
                               << "[127.0.0.1]:2222" << true;
    QTest::newRow("other port") << "[127.0.0.1]:2222"
                                << "[127.0.0.1]:2223" << false;
    QTest::newRow("hashed") << kHashedName << "[127.0.0.1]:2222" << true;
    QTest::newRow("hashed other") << kHashedName << "[127.0.0.1]:2223" << false;
    QTest::newRow("hashed broken") << "|1|abc"
                                   << "h" << false;
}

void TestRemotePure::hostsField()
{
    QFETCH(QString, field);
    QFETCH(QString, name);
    QFETCH(bool, matches);
    QCOMPARE(hostsFieldMatches(field, name), matches);
}

void TestRemotePure::checkKey_data()
{
    QTest::addColumn<QList<HostKey>>("presented");
    QTest::addColumn<QList<HostKey>>("stored");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("presentedFp");
    QTest::addColumn<QString>("storedFp");
    const QString n = "[h]:2222";
    const QList<HostKey> all { key(n, "ssh-rsa", kRsa), key(n, "ecdsa-sha2-nistp256", kEcdsa),
        key(n, "ssh-ed25519", kEd25519) };
    using K = HostKeyVerdict::Kind;
    QTest::newRow("nothing stored: unknown, ed25519 shown")
        << all << QList<HostKey>() << int(K::Unknown) << kEd25519Fp << "";
    QTest::newRow("only another host stored")
        << all << QList<HostKey> { key("[h]:22", "ssh-ed25519", kEd25519) } << int(K::Unknown) << kEd25519Fp << "";
    QTest::newRow("one type stored is enough")
        << all << QList<HostKey> { key(n, "ssh-rsa", kRsa) } << int(K::Trusted) << kRsaFp << "";
    QTest::newRow("hashed entry") << all << QList<HostKey> { key(kHashedName, "ssh-ed25519", kEd25519) }
                                  << int(K::Unknown) << kEd25519Fp << ""; // hashed for [127.0.0.1]:2222, not [h]
    QTest::newRow("changed, same type compared")
        << QList<HostKey> { key(n, "ssh-ed25519", kEd25519), key(n, "ssh-rsa", kRsa) }
        << QList<HostKey> { key(n, "ssh-rsa", kEcdsa /* a different blob stored under rsa */) } << int(K::Changed)
        << kRsaFp << kEcdsaFp;
    QTest::newRow("changed, type gone") << QList<HostKey> { key(n, "ssh-ed25519", kEd25519) }
                                        << QList<HostKey> { key(n, "ecdsa-sha2-nistp256", kEcdsa) } << int(K::Changed)
                                        << kEd25519Fp << kEcdsaFp;
    QTest::newRow("no keys presented") << QList<HostKey>() << all << int(K::NoKeys) << ""
                                       << "";
}

void TestRemotePure::checkKey()
{
    QFETCH(QList<HostKey>, presented);
    QFETCH(QList<HostKey>, stored);
    QFETCH(int, kind);
    QFETCH(QString, presentedFp);
    QFETCH(QString, storedFp);
    const HostKeyVerdict v = checkHostKey(presented, stored, "[h]:2222");
    QCOMPARE(int(v.kind), kind);
    QCOMPARE(v.presentedFingerprint, presentedFp);
    QCOMPARE(v.storedFingerprint, storedFp);
}

void TestRemotePure::appendKnownHost()
{
    QTemporaryDir dir;
    const QString file = dir.filePath("sub/known_hosts");
    QVERIFY(!wb::appendKnownHost(file, "[h]:2222", key("x", "ssh-ed25519", kEd25519)));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadWrite | QIODevice::Append));
    f.write("h ssh-rsa AAAA"); // a last line without its newline
    f.close();
    QVERIFY(!wb::appendKnownHost(file, "h2", key("x", "ecdsa-sha2-nistp256", kEcdsa)));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<HostKey> keys = parseHostKeys(f.readAll());
    QCOMPARE(keys.size(), 3);
    QCOMPARE(keys.at(0).hosts, QStringLiteral("[h]:2222"));
    QCOMPARE(keys.at(2).hosts, QStringLiteral("h2"));
    QCOMPARE(keys.at(2).fingerprint(), QString(kEcdsaFp));
    QCOMPARE(f.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    QCOMPARE(wb::appendKnownHost("/proc/nope/known_hosts", "h", keys.at(0))->code, QStringLiteral("known_hosts"));
}

void TestRemotePure::libc_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("libc");
    QTest::newRow("getconf") << "glibc 2.36"
                             << "glibc 2.36";
    QTest::newRow("ldd debian") << "ldd (Debian GLIBC 2.36-9+deb12u4) 2.36"
                                << "glibc 2.36";
    QTest::newRow("ldd ubuntu 18.04") << "ldd (Ubuntu GLIBC 2.27-3ubuntu1.6) 2.27"
                                      << "glibc 2.27";
    QTest::newRow("ldd gnu libc") << "ldd (GNU libc) 2.17"
                                  << "glibc 2.17";
    QTest::newRow("musl") << "musl libc (aarch64)"
                          << "musl";
    QTest::newRow("unknown kept") << "something else"
                                  << "something else";
}

void TestRemotePure::libc()
{
    QFETCH(QString, line);
    QFETCH(QString, libc);
    QCOMPARE(parseLibcVersion(line), libc);
}

void TestRemotePure::df_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<qint64>("bytes");
    QTest::newRow("debian") << QByteArray("Filesystem     1024-blocks      Used Available Capacity Mounted on\n"
                                          "/dev/sda1        102626232  52000000  45377976      54% /\n")
                            << qint64(45377976) * 1024;
    QTest::newRow("spaces in names") << QByteArray("Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                                                   "my fs 100 40 60 40% /mnt/a b\n")
                                     << qint64(60) * 1024;
    QTest::newRow("error") << QByteArray("df: /x: No such file or directory\n") << qint64(-1);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
}

void TestRemotePure::df()
{
    QFETCH(QByteArray, output);
    QFETCH(qint64, bytes);
    QCOMPARE(parseDfAvailableBytes(output), bytes);
}

void TestRemotePure::sectionsSplit_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QByteArray>("arch"); // exactly what the command printed
    QTest::addColumn<QString>("last");
    QTest::newRow("two") << sections({ { "arch", "aarch64\n" }, { "end", "" } }) << QStringList { "arch", "end" }
                         << QByteArray("aarch64\n") << "end";
    QTest::newRow("content without newline")
        << sections({ { "env_output", "no newline" }, { "arch", "x86_64\n" } }) << QStringList { "arch", "env_output" }
        << QByteArray("x86_64\n") << "arch";
    QTest::newRow("motd before") << QByteArray("Welcome!\n") + sections({ { "arch", "x86_64\n\n" } })
                                 << QStringList { "arch" } << QByteArray("x86_64\n\n") << "arch";
    QTest::newRow("marker text inside a line is content")
        << sections({ { "env_output", "echo @@atcwb:arch\n" }, { "arch", "riscv64\n" } })
        << QStringList { "arch", "env_output" } << QByteArray("riscv64\n") << "arch";
    QTest::newRow("nothing") << QByteArray("sh: 1: bash: not found\n") << QStringList() << QByteArray() << "";
}

void TestRemotePure::sectionsSplit()
{
    QFETCH(QByteArray, output);
    QFETCH(QStringList, names);
    QFETCH(QByteArray, arch);
    QFETCH(QString, last);
    QString lastSection;
    const QMap<QString, QByteArray> s = splitProbeSections(output, &lastSection);
    QCOMPARE(s.keys(), names);
    QCOMPARE(s.value("arch"), arch);
    QCOMPARE(lastSection, last);
}

void TestRemotePure::probeFacts()
{
    const QByteArray npuSmi = readData("runners/npu_smi_03_310B1_devkit.txt");
    QVERIFY(!npuSmi.isEmpty());
    const QByteArray out = sections({ { "env_searched", "/usr/local/Ascend/ascend-toolkit/set_env.sh\n" },
        { "env_script", "/usr/local/Ascend/ascend-toolkit/set_env.sh\n" }, { "env_status", "0\n" },
        { "env_output", "" }, { "arch", "aarch64\n" }, { "libc", "ldd (Ubuntu GLIBC 2.27-3ubuntu1.6) 2.27\n" },
        { "atc", "/usr/local/Ascend/ascend-toolkit/latest/bin/atc\n" },
        { "toolkit_home", "/usr/local/Ascend/ascend-toolkit/latest\n" },
        { "toolkit_real", "/usr/local/Ascend/ascend-toolkit/7.0.0\n" },
        { "version_file",
            "/usr/local/Ascend/ascend-toolkit/latest/aarch64-linux/"
            "ascend_toolkit_install.info\npackage_name=Ascend-cann-"
            "toolkit\nversion=7.0.0\ninnerversion=V100R001C15SPC001B228\n" },
        { "socs", "Ascend310B1\nAscend310B4\n" }, { "npu_smi_path", "/usr/local/sbin/npu-smi\n" },
        { "npu_smi_status", "0\n" }, { "npu_smi", npuSmi },
        { "runners", "msame /usr/local/bin/msame\nais_bench /home/u/.local/bin/ais_bench\n" },
        { "workdir", "/home/HwHiAiUser/.cache/atc-workbench\n" }, { "workdir_exists", "no\n" },
        { "df",
            "Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/mmcblk0p2 30000000 10000000 20000000 34% "
            "/\n" },
        { "end", "" } });
    const ProbeFacts f = parseProbeOutput(out);
    QVERIFY(f.complete);
    QCOMPARE(f.envScript, QStringLiteral("/usr/local/Ascend/ascend-toolkit/set_env.sh"));
    QCOMPARE(f.envStatus, std::optional<int>(0));
    QCOMPARE(f.arch, QStringLiteral("aarch64"));
    QCOMPARE(f.libc, QStringLiteral("glibc 2.27"));
    QCOMPARE(f.toolkitVersion, QStringLiteral("7.0.0"));
    QCOMPARE(f.socVersions, (QStringList { "Ascend310B1", "Ascend310B4" }));
    QVERIFY(f.npus);
    const Result<NpuSmiInfo> direct = parseNpuSmiInfo(npuSmi); // the same parser, the same answer
    QCOMPARE(f.npus->devices.size(), direct.value().devices.size());
    QCOMPARE(f.npus->devices.first().chipName, direct.value().devices.first().chipName);
    QCOMPARE(f.runners.keys(), (QStringList { "ais_bench", "msame" }));
    QCOMPARE(f.workDir, QStringLiteral("/home/HwHiAiUser/.cache/atc-workbench"));
    QVERIFY(!f.workDirExists);
    QCOMPARE(f.freeBytes, qint64(20000000) * 1024);

    ProbeReport report;
    report.host = "board";
    report.steps = remoteProbeSteps(makeHost("board", "HwHiAiUser@b"), f);
    QCOMPARE(report.steps.size(), 6);
    for (const ProbeStep& s : report.steps)
        QVERIFY2(s.status == ProbeStatus::Ok, qPrintable(s.id + ": " + s.message));
    QVERIFY(report.step("disk")->message.contains("created on first use"));
    QVERIFY(report.step("toolkit")->message.contains("CANN 7.0.0"));
}

void TestRemotePure::probeVerdicts_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QString>("failedStep"); // the first remote step that fails; empty: none
    QTest::addColumn<QString>("needle"); // in its message
    QTest::addColumn<QString>("verdict"); // with the network steps ok
    const QByteArray tail = sections({ { "arch", "x86_64\n" }, { "libc", "glibc 2.36\n" }, { "atc", "/x/bin/atc\n" },
        { "npu_smi_path", "" }, { "runners", "msame /x/msame\n" }, { "workdir", "/w\n" }, { "workdir_exists", "yes\n" },
        { "df", "Filesystem 1024-blocks Used Available Capacity Mounted on\nfs 9000000 1 8000000 1% /\n" },
        { "end", "" } });
    QTest::newRow("no env script") << sections({ { "env_searched", "/a/set_env.sh\n/root/Ascend/set_env.sh\n" },
                                          { "env_script", "" } })
            + tail << "env_script"
                                   << "/a/set_env.sh, /root/Ascend/set_env.sh"
                                   << "failed";
    QTest::newRow("env script fails") << sections({ { "env_searched", "/e.sh\n" }, { "env_script", "/e.sh\n" },
                                             { "env_status", "2\n" }, { "env_output", "/e.sh: 3: oops: not found\n" } })
            + tail << "env_script"
                                      << "oops: not found"
                                      << "failed";
    QTest::newRow("no npu-smi: partial") << sections({ { "env_searched", "/e.sh\n" }, { "env_script", "/e.sh\n" },
                                                { "env_status", "0\n" } })
            + tail << "npus"
                                         << "No npu-smi"
                                         << "partial";
    QTest::newRow("npu-smi fails") << sections(
        { { "env_searched", "/e.sh\n" }, { "env_script", "/e.sh\n" }, { "env_status", "0\n" }, { "arch", "x86_64\n" },
            { "atc", "/x/atc\n" }, { "npu_smi_path", "/s/npu-smi\n" }, { "npu_smi_status", "1\n" },
            { "npu_smi", "dcmi model initialized failed, because the device is used. ret is -8020\n" },
            { "runners", "msame /m\n" }, { "df", "F 1 U A C M\nfs 9000000 1 8000000 1% /\n" } })
                                   << "npus"
                                   << "ret is -8020"
                                   << "partial";
    QTest::newRow("script stopped early (set_env.sh called exit)")
        << sections({ { "env_searched", "/e.sh\n" }, { "env_script", "/e.sh\n" } }) << "env_script"
        << "exit status unknown"
        << "failed";
    QTest::newRow("tiny disk") << sections(
        { { "env_searched", "/e.sh\n" }, { "env_script", "/e.sh\n" }, { "env_status", "0\n" }, { "arch", "x86_64\n" },
            { "atc", "/x/atc\n" }, { "runners", "msame /m\n" }, { "df", "F 1 U A C M\nfs 9000 1 1000 99% /\n" } })
                               << "npus"
                               << "No npu-smi"
                               << "failed";
}

void TestRemotePure::probeVerdicts()
{
    QFETCH(QByteArray, output);
    QFETCH(QString, failedStep);
    QFETCH(QString, needle);
    QFETCH(QString, verdict);
    ProbeReport report;
    report.host = "h";
    for (const char* id : { "resolve", "tcp", "host_key", "auth" })
        report.steps.append({ QString::fromLatin1(id), ProbeStatus::Ok, "fine", {} });
    report.steps += remoteProbeSteps(makeHost("h", "u@h"), parseProbeOutput(output));
    QCOMPARE(report.steps.size(), probeStepIds().size());
    const ProbeStep* first = nullptr;
    for (const ProbeStep& s : report.steps) {
        if (!first && s.status == ProbeStatus::Failed)
            first = &s;
        if (s.status == ProbeStatus::Failed)
            QVERIFY2(!s.fix.isEmpty(), qPrintable(s.id + " failed without a fix"));
    }
    QVERIFY(first);
    QCOMPARE(first->id, failedStep);
    QVERIFY2(first->message.contains(needle), qPrintable(first->message));
    QCOMPARE(report.verdict(), verdict);
}

void TestRemotePure::probeJson()
{
    ProbeReport report;
    report.host = "board";
    report.steps = { { "resolve", ProbeStatus::Ok, "b is 10.0.0.2.", {} },
        { "tcp", ProbeStatus::Failed, "Cannot connect to 10.0.0.2 port 22: Connection refused.", "Check sshd." } };
    for (const QString& id : probeStepIds().mid(2))
        report.steps.append({ id, ProbeStatus::Skipped, "Not checked: TCP connects failed.", {} });
    const QJsonObject json = probeReportToJson(report);
    QCOMPARE(json.value("host").toString(), QStringLiteral("board"));
    QCOMPARE(json.value("verdict").toString(), QStringLiteral("failed"));
    const QJsonArray steps = json.value("steps").toArray();
    QCOMPARE(steps.size(), probeStepIds().size());
    QCOMPARE(steps.at(1).toObject().value("step").toString(), QStringLiteral("tcp"));
    QCOMPARE(steps.at(1).toObject().value("status").toString(), QStringLiteral("failed"));
    QCOMPARE(steps.at(1).toObject().value("fix").toString(), QStringLiteral("Check sshd."));
    QCOMPARE(steps.at(2).toObject().value("status").toString(), QStringLiteral("skipped"));
    for (const char* key : { "arch", "libc", "toolkit", "npus", "runners", "free_bytes", "can_convert", "can_run" })
        QVERIFY2(json.contains(key), key);
    QVERIFY(json.value("free_bytes").isNull());
    QVERIFY(json.value("toolkit").isNull());
    QVERIFY(probeReportToText(report).contains("[failed] TCP connects: Cannot connect"));
}

namespace {
// The reference for readElfBinaryFacts: the newest GLIBC_ version among `readelf -V`'s version needs.
QString readelfGlibcFloor(const QString& binary)
{
    QProcess p;
    p.start(QStringLiteral("readelf"), { QStringLiteral("-V"), binary });
    if (!p.waitForFinished(30000))
        return QStringLiteral("readelf did not finish");
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    const int needs = int(text.indexOf(QStringLiteral(".gnu.version_r")));
    QString floor;
    static const QRegularExpression re(QStringLiteral("Name: GLIBC_(\\d+(\\.\\d+)+)"));
    for (auto it = re.globalMatch(text.mid(needs)); it.hasNext();) {
        const QString v = it.next().captured(1);
        if (floor.isEmpty() || compareVersions(v, floor) > 0)
            floor = v;
    }
    return floor;
}
} // namespace

// The machine and glibc floor of the real om-runner builds, against readelf.
void TestRemotePure::elfFacts()
{
    QStringList binaries { QStringLiteral(WB_OM_RUNNER) };
#ifdef WB_OM_RUNNER_AARCH64
    binaries << QStringLiteral(WB_OM_RUNNER_AARCH64);
#endif
    for (const QString& binary : binaries) {
        QFile f(binary);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(binary));
        const auto facts = readElfBinaryFacts(f.readAll());
        QVERIFY(facts);
        const QString floor = readelfGlibcFloor(binary);
        QVERIFY2(!floor.isEmpty(), qPrintable(binary));
        QCOMPARE(facts->glibcFloor, floor);
        if (binary.contains(QStringLiteral("aarch64"))) {
            QCOMPARE(facts->machine, QStringLiteral("aarch64"));
            QVERIFY(compareVersions(facts->glibcFloor, QStringLiteral("2.17")) <= 0);
        } else {
            QCOMPARE(facts->machine, normaliseMachine(QSysInfo::currentCpuArchitecture()));
        }
    }
    const QList<ShippedOmRunner> shipped = shippedOmRunners(QFileInfo(QStringLiteral(WB_OM_RUNNER)).absolutePath());
    QVERIFY(!shipped.isEmpty());
    QCOMPARE(shipped.first().path, QFileInfo(QStringLiteral(WB_OM_RUNNER)).absoluteFilePath());
#ifdef WB_OM_RUNNER_AARCH64
    QCOMPARE(shipped.size(), 2);
    QCOMPARE(shipped.at(1).facts.machine, QStringLiteral("aarch64"));
#endif
}

// Not ELF, or cut short anywhere: no crash, no invented facts.
void TestRemotePure::elfFactsBadInput()
{
    QVERIFY(!readElfBinaryFacts(QByteArray()));
    QVERIFY(!readElfBinaryFacts("#!/bin/sh\necho hello\n"));
    QFile f(QStringLiteral(WB_OM_RUNNER));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray whole = f.readAll();
    for (qsizetype size :
        { qsizetype(4), qsizetype(20), qsizetype(64), qsizetype(4096), whole.size() / 2, whole.size() - 1 }) {
        const auto facts = readElfBinaryFacts(whole.left(size));
        if (facts) // the header is there: the machine is; the version needs only with the section table
            QCOMPARE(facts->machine, normaliseMachine(QSysInfo::currentCpuArchitecture()));
    }
    QByteArray scrambled = whole;
    for (qsizetype i = 64; i < scrambled.size(); i += 97)
        scrambled[i] = char(0xff);
    (void)readElfBinaryFacts(scrambled); // must not crash or hang
}

void TestRemotePure::pickShipped_data()
{
    QTest::addColumn<QString>("arch");
    QTest::addColumn<QString>("libc");
    QTest::addColumn<bool>("empty");
    QTest::addColumn<QString>("picked"); // machine, or empty
    QTest::addColumn<QString>("why");
    QTest::newRow("x86_64 new glibc") << "x86_64"
                                      << "glibc 2.36" << false << "x86_64"
                                      << "";
    QTest::newRow("x86_64 floor exactly") << "x86_64"
                                          << "glibc 2.34" << false << "x86_64"
                                          << "";
    QTest::newRow("x86_64 old glibc") << "x86_64"
                                      << "glibc 2.31" << false << ""
                                      << "needs glibc 2.34 or later, and the host has glibc 2.31";
    QTest::newRow("Atlas 200 DK") << "aarch64"
                                  << "glibc 2.27" << false << "aarch64"
                                  << "";
    QTest::newRow("arm64 spelling") << "arm64"
                                    << "glibc 2.17" << false << "aarch64"
                                    << "";
    QTest::newRow("aarch64 older than the floor") << "aarch64"
                                                  << "glibc 2.16" << false << ""
                                                  << "needs glibc 2.17 or later, and the host has glibc 2.16";
    QTest::newRow("riscv64") << "riscv64"
                             << "glibc 2.36" << false << ""
                             << "no shipped om-runner is built for riscv64 (shipped: x86_64, aarch64)";
    QTest::newRow("musl") << "x86_64"
                          << "musl" << false << ""
                          << "the host's C library is musl";
    QTest::newRow("nothing shipped") << "x86_64"
                                     << "glibc 2.36" << true << ""
                                     << "this installation ships no om-runner binary";
}

void TestRemotePure::pickShipped()
{
    QFETCH(QString, arch);
    QFETCH(QString, libc);
    QFETCH(bool, empty);
    QFETCH(QString, picked);
    QFETCH(QString, why);
    QList<ShippedOmRunner> shipped;
    if (!empty)
        shipped = { { QStringLiteral("/app/bin/om-runner"), { QStringLiteral("x86_64"), QStringLiteral("2.34") } },
            { QStringLiteral("/app/aarch64/om-runner"), { QStringLiteral("aarch64"), QStringLiteral("2.17") } } };
    QString reason;
    const auto chosen = pickShippedOmRunner(shipped, arch, libc, &reason);
    QCOMPARE(chosen ? chosen->facts.machine : QString(), picked);
    if (!why.isEmpty())
        QVERIFY2(reason.contains(why), qPrintable(reason));
}

// The embedded sources are app/omrunner's files and the four core headers they include, byte for byte.
void TestRemotePure::portableSources()
{
    const QStringList names = omRunnerSourceNames();
    const QString root = QFileInfo(QStringLiteral(WB_TEST_DATA_DIR "/../..")).canonicalFilePath();
    QStringList own = QDir(root + QStringLiteral("/app/omrunner")).entryList({ "*.cpp", "*.h" }, QDir::Files);
    for (const QString& name : std::as_const(own))
        QVERIFY2(names.contains(name), qPrintable(name));
    for (const char* header : { "run/dispatchplan.h", "run/omfileheader.h", "util/splitmix64.h", "util/percentile.h" })
        QVERIFY2(names.contains(QLatin1String(header)), header);
    QCOMPARE(names.size(), own.size() + 4);
    for (const QString& name : names) {
        const QString onDisk = QFileInfo::exists(root + QStringLiteral("/app/omrunner/") + name)
            ? root + QStringLiteral("/app/omrunner/") + name
            : root + QStringLiteral("/core/") + name;
        QFile f(onDisk);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(onDisk));
        QVERIFY2(f.readAll() == omRunnerSource(name), qPrintable(name));
    }
    QCOMPARE(omRunnerSourceHash().size(), 64);
}

QTEST_GUILESS_MAIN(TestRemotePure)
#include "tst_remotepure.moc"
