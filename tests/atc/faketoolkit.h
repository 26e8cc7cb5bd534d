#pragma once

// Test data, never shipped: a fake CANN toolkit tree following shared/reference/atc.md §3.2, built in a temporary
// folder. bin/atc is a small shell script that logs each run to <home>/probe.log and prints a canned `--help`.
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

namespace faketk {

struct Spec {
    QString layout = QStringLiteral("classic"); // classic: Ascend/ascend-toolkit/{set_env.sh,8.0.0,latest->8.0.0}
                                                // cann:    Ascend/{cann-8.5.0,cann->cann-8.5.0}, set_env.sh inside
                                                // old:     Ascend/ascend-toolkit/latest/atc/bin/atc (CANN <= 5)
    QString version = QStringLiteral("8.0.0");
    QStringList socs { QStringLiteral("Ascend310P3"), QStringLiteral("Ascend910B3") };
    QStringList helpFlags { QStringLiteral("mode"), QStringLiteral("model"), QStringLiteral("framework"),
        QStringLiteral("output"), QStringLiteral("soc_version"), QStringLiteral("input_shape"),
        QStringLiteral("input_format"), QStringLiteral("dynamic_batch_size"), QStringLiteral("out_nodes"),
        QStringLiteral("precision_mode"), QStringLiteral("log") };
    bool hangOnHelp = false;
    bool withSetEnv = true;
};

inline QString shq(const QString& s)
{
    QString q = s;
    q.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

inline bool writeFile(const QString& path, const QString& text, bool executable = false)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(text.toUtf8());
    f.close();
    if (executable)
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    return true;
}

inline QString atcScript(const Spec& spec)
{
    QString help = QStringLiteral("usage: atc <args>\n===== Basic Functionality =====\n[General]\n");
    for (const QString& flag : spec.helpFlags)
        help += QStringLiteral("  --%1    Description of %1.\n").arg(flag, -24);
    return QStringLiteral(
        "#!/bin/sh\n"
        "# Fake atc (test data): logs each run, prints a canned --help.\n"
        "echo \"$*\" >> \"$(dirname \"$0\")/%1probe.log\"\n"
        "echo \"ATC start working now, please wait for a moment.\"\n"
        "case \"$1\" in\n"
        "  --help|--h|-h)\n"
        "    %2\n"
        "    cat <<'EOF'\n%3EOF\n"
        "    exit 0;;\n"
        "esac\n"
        "echo \"ATC run failed, Please check the detail log, Try 'atc --help' for more information\"\n"
        "exit 255\n")
        .arg(spec.layout == QLatin1String("old") ? QStringLiteral("../../") : QStringLiteral("../"),
            spec.hangOnHelp ? QStringLiteral("exec sleep 30") : QStringLiteral(":"), help);
}

inline QString setEnvScript(const QString& home)
{
    return QStringLiteral(
        "# Fake set_env.sh (test data), exports as in atc.md 3.2\n"
        "export ASCEND_TOOLKIT_HOME=%1\n"
        "export ASCEND_HOME_PATH=\"${ASCEND_TOOLKIT_HOME}\"\n"
        "export ASCEND_OPP_PATH=\"${ASCEND_TOOLKIT_HOME}/opp\"\n"
        "export ASCEND_AICPU_PATH=\"${ASCEND_TOOLKIT_HOME}\"\n"
        "export TOOLCHAIN_HOME=\"${ASCEND_TOOLKIT_HOME}/toolkit\"\n"
        "export "
        "LD_LIBRARY_PATH=\"${ASCEND_TOOLKIT_HOME}/lib64:${ASCEND_TOOLKIT_HOME}/lib64/plugin/"
        "opskernel:${LD_LIBRARY_PATH}\"\n"
        "export PYTHONPATH=\"${ASCEND_TOOLKIT_HOME}/python/site-packages:${PYTHONPATH}\"\n"
        "export PATH=\"${ASCEND_TOOLKIT_HOME}/bin:${ASCEND_TOOLKIT_HOME}/compiler/ccec_compiler/bin:${PATH}\"\n"
        "echo 'set_env.sh chatter on stdout'\n")
        .arg(shq(home));
}

// Builds the tree under `root` and returns the toolkit folder discovery should report (…/latest, …/cann), or ""
// when something could not be written.
inline QString make(const QString& root, const Spec& spec = {})
{
    const QDir base(root);
    QString versioned, home, setEnv;
    if (spec.layout == QLatin1String("cann")) {
        versioned = base.filePath(QStringLiteral("Ascend/cann-%1").arg(spec.version));
        home = base.filePath(QStringLiteral("Ascend/cann"));
        setEnv = versioned + QStringLiteral("/set_env.sh");
    } else {
        versioned = base.filePath(QStringLiteral("Ascend/ascend-toolkit/%1").arg(spec.version));
        home = base.filePath(QStringLiteral("Ascend/ascend-toolkit/latest"));
        setEnv = base.filePath(QStringLiteral("Ascend/ascend-toolkit/set_env.sh"));
    }
    const QString atc = versioned
        + (spec.layout == QLatin1String("old") ? QStringLiteral("/atc/bin/atc") : QStringLiteral("/bin/atc"));
    bool ok = writeFile(atc, atcScript(spec), true);
    if (spec.layout == QLatin1String("cann")) {
        ok = ok
            && writeFile(versioned + QStringLiteral("/x86_64-linux/ascend_ops_install.info"),
                QStringLiteral("package_name=Ascend-cann-ops\nversion=%1\n").arg(spec.version));
    } else if (spec.layout == QLatin1String("classic")) {
        ok = ok
            && writeFile(versioned + QStringLiteral("/x86_64-linux/ascend_toolkit_install.info"),
                QStringLiteral("package_name=Ascend-cann-toolkit\nversion=%1\narch=x86_64\n").arg(spec.version));
        ok = ok
            && writeFile(versioned + QStringLiteral("/version.cfg"),
                QStringLiteral("toolkit_running_version=[7.6.0.1.220:%1]\n").arg(spec.version));
        ok = ok
            && writeFile(versioned + QStringLiteral("/compiler/version.info"), QStringLiteral("Version=7.6.0.1.220\n"));
    }
    for (const QString& soc : spec.socs)
        ok = ok
            && writeFile(versioned + QStringLiteral("/x86_64-linux/data/platform_config/%1.ini").arg(soc),
                QStringLiteral("[version]\nSoC_version=%1\n").arg(soc));
    if (spec.withSetEnv)
        ok = ok && writeFile(setEnv, setEnvScript(home));
    ok = ok && QFile::link(QFileInfo(versioned).fileName(), home); // relative, like the installer's `latest`
    return ok ? home : QString();
}

inline int probeRuns(const QString& home)
{
    QFile log(QDir(home).filePath(QStringLiteral("probe.log")));
    if (!log.open(QIODevice::ReadOnly))
        return 0;
    return int(log.readAll().count('\n'));
}

} // namespace faketk
