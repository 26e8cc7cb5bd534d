#pragma once

// A real OpenSSH server for the remote tests: /usr/sbin/sshd on 127.0.0.1 on a free port, as the current user,
// with a throw-away host key and user key in a temporary folder, run through ToolRunner and stopped at the end.
// The "remote host" is this machine; its environment script (env.sh in the folder) puts test doubles on PATH:
// fake_atc as atc with a toolkit folder (version file, SoC list), npu-smi replaying a recorded table, msame.
#include "process/toolcapture.h"
#include "process/toolrunner.h"
#include "remote/host.h"
#include "remote/hostkeys.h"
#include "remote/remotetarget.h"
#include "remote/ssh.h"

#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <pwd.h>
#include <unistd.h>

namespace wbtest {

class SshdFixture {
public:
    static constexpr int StartTimeoutMs = 15000;

    // Empty when everything is ready, else why not (the test then fails with it).
    QString setUp()
    {
        if (!m_dir.isValid())
            return QStringLiteral("no temporary folder");
        if (!QFileInfo(QStringLiteral("/usr/sbin/sshd")).isExecutable())
            return QStringLiteral("/usr/sbin/sshd is missing: run scripts/install-deps.sh (openssh-server)");
        QDir().mkpath(QStringLiteral("/run/sshd")); // sshd's privilege separation folder
        for (const char* name : { "hostkey", "userkey", "otherkey" }) {
            if (const QString e = keygen(path(QLatin1String(name))); !e.isEmpty())
                return e;
        }
        QFile::copy(path("userkey.pub"), path("authorized_keys"));
        m_port = freePort();
        writeFile("sshd_config",
            QStringLiteral("ListenAddress 127.0.0.1\nPort %1\nHostKey %2\nAuthorizedKeysFile %3\n"
                           "PermitRootLogin prohibit-password\nPasswordAuthentication no\n"
                           "KbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\nPidFile none\nLogLevel INFO\n")
                .arg(m_port)
                .arg(path("hostkey"), path("authorized_keys"))
                .toUtf8());
        writeEnvironment();
        return start();
    }

    ~SshdFixture()
    {
        exitMaster();
        stop();
    }

    QString start()
    {
        m_log.clear();
        m_sshd = std::make_unique<wb::ToolRunner>();
        m_sshd->setIdleFlushMs(10);
        QObject::connect(m_sshd.get(), &wb::ToolRunner::linesReceived,
            [this](wb::ToolChannel, const QStringList& lines) { m_log += lines; });
        wb::ToolInvocation sshd;
        sshd.program = QStringLiteral("/usr/sbin/sshd");
        sshd.arguments
            = QStringList { QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"), path("sshd_config") };
        sshd.killGraceMs = 2000;
        m_sshd->start(sshd);
        const bool up = QTest::qWaitFor([this] { return listening() || !m_sshd->isRunning(); }, StartTimeoutMs);
        if (!up || !listening())
            return QStringLiteral("sshd did not start: ") + m_log.join(QLatin1Char('\n'));
        return {};
    }

    void stop()
    {
        if (m_sshd && m_sshd->isRunning()) {
            m_sshd->cancel();
            if (!QTest::qWaitFor([this] { return !m_sshd->isRunning(); }, StartTimeoutMs))
                qWarning("sshd did not stop within %d ms", StartTimeoutMs);
        }
    }

    // Restarts sshd on the same port with a new host key (a reinstalled host, or a man in the middle).
    QString rotateHostKey()
    {
        stop();
        QFile::remove(path("hostkey"));
        QFile::remove(path("hostkey.pub"));
        if (const QString e = keygen(path("hostkey")); !e.isEmpty())
            return e;
        return start();
    }

    bool listening() const
    {
        for (const QString& l : m_log) {
            if (l.contains(QLatin1String("Server listening on")))
                return true;
        }
        return false;
    }

    int acceptedLogins() const
    {
        int n = 0;
        for (const QString& l : m_log)
            n += l.contains(QLatin1String("Accepted publickey")) ? 1 : 0;
        return n;
    }
    const QStringList& log() const { return m_log; }

    QString path(const QString& name) const { return m_dir.filePath(name); }
    int port() const { return m_port; }

    wb::Host host() const
    {
        wb::Host h;
        h.name = QStringLiteral("loopback");
        h.destination = userName() + QStringLiteral("@127.0.0.1");
        h.port = m_port;
        h.identityFile = path("userkey");
        h.envScript = path("env.sh");
        h.workDir = path("work dir");
        return h;
    }

    wb::SshPaths paths() const
    {
        wb::SshPaths p;
        p.knownHostsFile = path("state/known_hosts");
        p.controlDir = path("ctl");
        return p;
    }

    // The fingerprint `ssh-keygen -lf hostkey.pub` prints: the reference for sha256Fingerprint().
    QString hostKeyFingerprint() const
    {
        wb::ToolInvocation inv;
        inv.program = QStringLiteral("ssh-keygen");
        inv.arguments = QStringList { QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"),
            QStringLiteral("-f"), path("hostkey.pub") };
        const wb::ToolCapture c = wb::runToCompletion(inv);
        return QString::fromUtf8(c.out).section(QLatin1Char(' '), 1, 1);
    }

    // Trusts the host as the app does (ssh-keyscan, the key with hostKeyFingerprint(), into paths()'s
    // known_hosts): empty when done, else why not.
    QString trustHost() const
    {
        const wb::ToolCapture scan = wb::runToCompletion(wb::keyscanInvocation(host(), paths(), 5));
        const auto key = wb::keyWithFingerprint(wb::parseHostKeys(scan.out), hostKeyFingerprint());
        if (!key)
            return QStringLiteral("the host did not present its key: ") + QString::fromUtf8(scan.err);
        if (const auto e = wb::appendKnownHost(paths().knownHostsFile, wb::knownHostsName(host()), *key))
            return e->message;
        return {};
    }

    // An environment script `name` for the host: env.sh (the doubles on PATH), then `lines` (more exports, e.g.
    // FAKE_ATC_* for the fake atc). Its path; empty when it cannot be written.
    QString envScript(const QString& name, const QString& lines = {}) const
    {
        QFile f(path(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(QStringLiteral("# a test host's set_env.sh\n. '%1'\n%2\n").arg(path("env.sh"), lines).toUtf8());
        return f.fileName();
    }

    // host() as a target (with `envScript` instead of env.sh when given), 5 s to connect.
    wb::RemoteTarget target(const QString& envScript = {}) const
    {
        wb::RemoteTarget t;
        t.host = host();
        if (!envScript.isEmpty())
            t.host.envScript = envScript;
        t.paths = paths();
        t.timeouts.connectTimeoutS = 5;
        return t;
    }

    // Ends the multiplexing master, so the next ssh call logs in afresh.
    void exitMaster() const
    {
        if (!QFileInfo::exists(path("ctl")))
            return;
        wb::runToCompletion(wb::sshControlInvocation(host(), paths(), QStringLiteral("exit")));
    }

    static QString userName()
    {
        const passwd* pw = ::getpwuid(::getuid());
        return pw ? QString::fromLocal8Bit(pw->pw_name) : qEnvironmentVariable("USER");
    }

    static int freePort()
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        return server.serverPort();
    }

private:
    static QString keygen(const QString& file)
    {
        wb::ToolInvocation inv;
        inv.program = QStringLiteral("ssh-keygen");
        inv.arguments = QStringList { QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
            QStringLiteral("-N"), QString(), QStringLiteral("-C"), QString(), QStringLiteral("-f"), file };
        const wb::ToolCapture c = wb::runToCompletion(inv);
        return c.result.ok() ? QString() : QStringLiteral("ssh-keygen failed: ") + QString::fromUtf8(c.err);
    }

    void writeFile(const QString& name, const QByteArray& content, bool executable = false) const
    {
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        if (executable)
            f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    }

    void writeEnvironment() const
    {
        QDir(m_dir.path()).mkpath(QStringLiteral("bin"));
        QDir(m_dir.path()).mkpath(QStringLiteral("toolkit/x86_64-linux/data/platform_config"));
        QFile::link(QStringLiteral(WB_FAKE_ATC), path("bin/atc"));
        writeFile("bin/npu-smi",
            QStringLiteral("#!/bin/sh\n# test double: replays a recorded `npu-smi info`\ncat %1\n")
                .arg(QStringLiteral(WB_TEST_DATA_DIR "/runners/npu_smi_03_310B1_devkit.txt"))
                .toUtf8(),
            true);
        writeFile("bin/msame", "#!/bin/sh\necho msame test double\n", true);
        writeFile(
            "toolkit/x86_64-linux/ascend_toolkit_install.info", "package_name=Ascend-cann-toolkit\nversion=8.0.0\n");
        writeFile("toolkit/x86_64-linux/data/platform_config/Ascend310B1.ini", "[version]\n");
        writeFile("toolkit/x86_64-linux/data/platform_config/Ascend910B3.ini", "[version]\n");
        writeFile("env.sh",
            QStringLiteral("# the test host's set_env.sh\nexport ASCEND_TOOLKIT_HOME='%1'\nexport PATH='%2':$PATH\n")
                .arg(path("toolkit"), path("bin"))
                .toUtf8());
    }

    QTemporaryDir m_dir { QDir::tempPath() + QStringLiteral("/wbssh-XXXXXX") };
    std::unique_ptr<wb::ToolRunner> m_sshd;
    QStringList m_log;
    int m_port = 0;
};

} // namespace wbtest
