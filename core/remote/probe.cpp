#include "probe.h"

#include "atc/toolkit.h"
#include "parsing/parsingjson.h"
#include "process/toolinvocation.h"
#include "util/units.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace wb {

namespace {

// The context of the probe's messages and fixes in translations/*.ts: written in the UI's language (the Hosts
// settings show them as the probe goes; atcwb installs no translator, so `atcwb hosts test` prints English).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(HostProbe)
};

constexpr qint64 kMinFreeBytes = 512LL * 1024 * 1024; // below this, ATC's temporary files and an OM may not fit

const char kMarker[] = "@@atcwb:";

QString text(const QByteArray& bytes)
{
    return QString::fromUtf8(bytes).trimmed();
}

ProbeStep ok(const QString& id, const QString& message)
{
    return { id, ProbeStatus::Ok, message, {} };
}

ProbeStep failed(const QString& id, const QString& message, const QString& fix)
{
    return { id, ProbeStatus::Failed, message, fix };
}

} // namespace

QString probeStatusCode(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::Ok:
        return QStringLiteral("ok");
    case ProbeStatus::Failed:
        return QStringLiteral("failed");
    case ProbeStatus::Skipped:
        break;
    }
    return QStringLiteral("skipped");
}

QStringList probeStepIds()
{
    return { QStringLiteral("resolve"), QStringLiteral("tcp"), QStringLiteral("host_key"), QStringLiteral("auth"),
        QStringLiteral("env_script"), QStringLiteral("platform"), QStringLiteral("toolkit"), QStringLiteral("npus"),
        QStringLiteral("runners"), QStringLiteral("disk") };
}

namespace {
// The steps' titles, in English (atcwb, the JSON) and in the context ProbeStep of translations/*.ts.
const char* probeStepSource(const QString& id)
{
    static const QMap<QString, const char*> titles {
        { QStringLiteral("resolve"), QT_TRANSLATE_NOOP("ProbeStep", "Name resolves") },
        { QStringLiteral("tcp"), QT_TRANSLATE_NOOP("ProbeStep", "TCP connects") },
        { QStringLiteral("host_key"), QT_TRANSLATE_NOOP("ProbeStep", "Host key trusted") },
        { QStringLiteral("auth"), QT_TRANSLATE_NOOP("ProbeStep", "Authentication") },
        { QStringLiteral("env_script"), QT_TRANSLATE_NOOP("ProbeStep", "Environment script") },
        { QStringLiteral("platform"), QT_TRANSLATE_NOOP("ProbeStep", "Architecture and C library") },
        { QStringLiteral("toolkit"), QT_TRANSLATE_NOOP("ProbeStep", "Toolkit (atc)") },
        { QStringLiteral("npus"), QT_TRANSLATE_NOOP("ProbeStep", "NPUs") },
        { QStringLiteral("runners"), QT_TRANSLATE_NOOP("ProbeStep", "Runners") },
        { QStringLiteral("disk"), QT_TRANSLATE_NOOP("ProbeStep", "Free disk in the work folder") },
    };
    return titles.value(id, nullptr);
}
} // namespace

QString probeStepTitle(const QString& id)
{
    const char* source = probeStepSource(id);
    return source ? QString::fromUtf8(source) : id;
}

QString probeStepShownTitle(const QString& id)
{
    const char* source = probeStepSource(id);
    return source ? QCoreApplication::translate("ProbeStep", source) : id;
}

// The remote half. POSIX sh (runs under bash when present); every user value arrives as a positional parameter,
// never inside the script text. `x` expands a leading ~ the way the shell would have, had it not been quoted.
QString probeScript()
{
    return QStringLiteral(R"SH(_wb_wd=$1; shift
_wb_x() {
  case $1 in "~") printf '%s\n' "$HOME";; "~/"*) printf '%s/%s\n' "$HOME" "${1#"~/"}";; *) printf '%s\n' "$1";; esac
}
_wb_m() { printf '\n@@atcwb:%s\n' "$1"; }
_wb_t=; command -v timeout >/dev/null 2>&1 && _wb_t="timeout 20"
_wb_log=$(mktemp 2>/dev/null || echo "/tmp/atcwb-probe.$$")
_wb_m env_searched
_wb_env=
for _wb_c in "$@"; do
  _wb_p=$(_wb_x "$_wb_c"); printf '%s\n' "$_wb_p"
  if [ -z "$_wb_env" ] && [ -f "$_wb_p" ]; then _wb_env=$_wb_p; fi
done
_wb_m env_script; printf '%s\n' "$_wb_env"
if [ -n "$_wb_env" ]; then
  . "$_wb_env" >"$_wb_log" 2>&1
  _wb_rc=$?
  _wb_m env_status; echo "$_wb_rc"
  _wb_m env_output; tail -n 20 "$_wb_log"
fi
_wb_m arch; uname -m
_wb_m libc; getconf GNU_LIBC_VERSION 2>/dev/null || ldd --version 2>&1 | head -n 1
_wb_m atc; _wb_a=$(command -v atc 2>/dev/null) && printf '%s\n' "$_wb_a"
_wb_h=${ASCEND_TOOLKIT_HOME:-${ASCEND_HOME_PATH:-}}
if [ -z "$_wb_h" ] && [ -n "$_wb_a" ]; then _wb_h=$(dirname "$(dirname "$_wb_a")"); fi
if [ -n "$_wb_h" ] && [ -d "$_wb_h" ]; then
  _wb_m toolkit_home; printf '%s\n' "$_wb_h"
  _wb_m toolkit_real; readlink -f "$_wb_h" 2>/dev/null
  for _wb_f in "$_wb_h"/*-linux/ascend_toolkit_install.info "$_wb_h"/*-linux/ascend_ops_install.info \
      "$_wb_h/version.cfg" "$_wb_h/compiler/version.info"; do
    if [ -f "$_wb_f" ]; then _wb_m version_file; printf '%s\n' "$_wb_f"; head -c 4096 "$_wb_f"; break; fi
  done
  _wb_m socs
  for _wb_f in "$_wb_h"/*-linux/data/platform_config/*.ini; do [ -f "$_wb_f" ] && basename "$_wb_f" .ini; done
fi
_wb_m npu_smi_path; _wb_n=$(command -v npu-smi 2>/dev/null) && printf '%s\n' "$_wb_n"
if [ -n "$_wb_n" ]; then
  $_wb_t npu-smi info >"$_wb_log" 2>&1
  _wb_rc=$?
  _wb_m npu_smi_status; echo "$_wb_rc"
  _wb_m npu_smi; head -c 262144 "$_wb_log"
fi
_wb_m runners
for _wb_r in om-runner ais_bench msit msame; do
  _wb_p=$(command -v "$_wb_r" 2>/dev/null) && printf '%s %s\n' "$_wb_r" "$_wb_p"
done
_wb_w=$(_wb_x "$_wb_wd")
_wb_m workdir; printf '%s\n' "$_wb_w"
_wb_m workdir_exists; if [ -d "$_wb_w" ]; then echo yes; else echo no; fi
_wb_d=$_wb_w; while [ ! -d "$_wb_d" ]; do _wb_d=$(dirname "$_wb_d"); done
_wb_m df; df -Pk "$_wb_d" 2>&1
rm -f "$_wb_log"
_wb_m end
)SH");
}

QStringList probeScriptArgs(const Host& host)
{
    return QStringList { host.effectiveWorkDir() } + host.envScriptCandidates();
}

QMap<QString, QByteArray> splitProbeSections(const QByteArray& output, QString* lastSection)
{
    QMap<QString, QByteArray> sections;
    QString current;
    QByteArray content;
    bool inSection = false;
    const auto close = [&] {
        if (inSection) {
            if (content.endsWith('\n')) // the blank line m() prints before the next marker
                content.chop(1);
            sections.insert(current, content);
        }
    };
    for (const QByteArray& line : output.split('\n')) {
        if (line.startsWith(kMarker)) {
            close();
            current = QString::fromUtf8(line.mid(qstrlen(kMarker))).trimmed();
            content.clear();
            inSection = true;
            continue;
        }
        if (inSection)
            content += line + '\n';
    }
    if (inSection && content.endsWith('\n'))
        content.chop(1); // split() adds an empty piece after the last '\n'
    if (inSection)
        sections.insert(current, content);
    if (lastSection)
        *lastSection = current;
    return sections;
}

QString parseLibcVersion(const QString& line)
{
    const QString l = line.trimmed();
    static const QRegularExpression getconf(QStringLiteral("^glibc\\s+(\\d+\\.\\d+)"));
    if (const auto m = getconf.match(l); m.hasMatch())
        return QStringLiteral("glibc ") + m.captured(1);
    static const QRegularExpression ldd(
        QStringLiteral("(?:GLIBC|GNU libc|glibc)[^)]*\\)\\s+(\\d+\\.\\d+)"), QRegularExpression::CaseInsensitiveOption);
    if (const auto m = ldd.match(l); m.hasMatch())
        return QStringLiteral("glibc ") + m.captured(1);
    if (l.contains(QLatin1String("musl"), Qt::CaseInsensitive))
        return QStringLiteral("musl");
    return l;
}

qint64 parseDfAvailableBytes(const QByteArray& dfOutput)
{
    // "Filesystem 1024-blocks Used Available Capacity Mounted on" then the numbers; the device name and the mount
    // point may hold spaces, so match the four numbers and the percent sign.
    static const QRegularExpression numbers(QStringLiteral("\\s(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)%\\s"));
    const QList<QByteArray> lines = dfOutput.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const auto m = numbers.match(QString::fromUtf8(lines.at(i)) + QLatin1Char(' '));
        if (m.hasMatch())
            return m.captured(3).toLongLong() * 1024;
    }
    return -1;
}

ProbeFacts parseProbeOutput(const QByteArray& output)
{
    ProbeFacts f;
    const QMap<QString, QByteArray> s = splitProbeSections(output, &f.lastSection);
    f.complete = s.contains(QStringLiteral("end"));
    const auto lines = [&](const char* name) {
        return text(s.value(QLatin1String(name))).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    };
    const auto status = [&](const char* name) -> std::optional<int> {
        bool isInt = false;
        const int v = text(s.value(QLatin1String(name))).toInt(&isInt);
        return s.contains(QLatin1String(name)) && isInt ? std::optional<int>(v) : std::nullopt;
    };
    f.envSearched = lines("env_searched");
    f.envScript = text(s.value(QStringLiteral("env_script")));
    f.envStatus = status("env_status");
    f.envOutput = text(s.value(QStringLiteral("env_output")));
    f.arch = text(s.value(QStringLiteral("arch")));
    f.libc = parseLibcVersion(QString::fromUtf8(s.value(QStringLiteral("libc"))).section(QLatin1Char('\n'), 0, 0));
    f.atcPath = text(s.value(QStringLiteral("atc")));
    f.toolkitHome = text(s.value(QStringLiteral("toolkit_home")));
    if (s.contains(QStringLiteral("version_file"))) {
        const QByteArray v = s.value(QStringLiteral("version_file"));
        const qsizetype nl = v.indexOf('\n');
        const QString file = QString::fromUtf8(nl < 0 ? v : v.left(nl));
        f.toolkitVersion = parseToolkitVersionFile(file, nl < 0 ? QString() : QString::fromUtf8(v.mid(nl + 1)));
    }
    if (f.toolkitVersion.isEmpty())
        f.toolkitVersion = versionFromFolderName(text(s.value(QStringLiteral("toolkit_real"))));
    f.socVersions = lines("socs");
    f.socVersions.sort();
    f.npuSmiPath = text(s.value(QStringLiteral("npu_smi_path")));
    f.npuSmiStatus = status("npu_smi_status");
    f.npuSmiOutput = s.value(QStringLiteral("npu_smi"));
    if (!f.npuSmiPath.isEmpty()) {
        if (f.npuSmiStatus.value_or(-1) != 0) {
            f.npuSmiError = Tr::tr("`npu-smi info` failed (exit status %1): %2")
                                .arg(f.npuSmiStatus ? QString::number(*f.npuSmiStatus) : QStringLiteral("unknown"),
                                    text(f.npuSmiOutput).section(QLatin1Char('\n'), -3));
        } else if (const Result<NpuSmiInfo> info = parseNpuSmiInfo(f.npuSmiOutput); info.ok()) {
            f.npus = info.value();
        } else {
            f.npuSmiError = Tr::tr("`npu-smi info` printed something unexpected: %1").arg(info.error().message);
        }
    }
    for (const QString& line : lines("runners")) {
        const qsizetype space = line.indexOf(QLatin1Char(' '));
        if (space > 0)
            f.runners.insert(line.left(space), line.mid(space + 1));
    }
    f.workDir = text(s.value(QStringLiteral("workdir")));
    f.workDirExists = text(s.value(QStringLiteral("workdir_exists"))) == QLatin1String("yes");
    f.freeBytes = parseDfAvailableBytes(s.value(QStringLiteral("df")));
    return f;
}

QList<ProbeStep> remoteProbeSteps(const Host& host, const ProbeFacts& f)
{
    QList<ProbeStep> steps;
    const QString where = host.name;
    const QString setEnvFix
        = Tr::tr("Install the CANN toolkit or nnrt on %1, or name its set_env.sh: atcwb hosts add %1 --destination %2 "
                 "--env-script PATH (or Tools > Settings > Hosts).")
              .arg(where, host.destination);
    if (f.envScript.isEmpty()) {
        steps << failed(QStringLiteral("env_script"),
            Tr::tr("None of these exists on %1: %2.").arg(where, f.envSearched.join(QStringLiteral(", "))), setEnvFix);
    } else if (f.envStatus.value_or(-1) != 0) {
        steps << failed(QStringLiteral("env_script"),
            Tr::tr("Sourcing %1 on %2 failed (exit status %3)%4")
                .arg(f.envScript, where, f.envStatus ? QString::number(*f.envStatus) : QStringLiteral("unknown"),
                    f.envOutput.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + f.envOutput),
            Tr::tr("Run `. %1` in a shell on %2 and fix what it reports.").arg(shellQuote(f.envScript), where));
    } else {
        steps << ok(QStringLiteral("env_script"), Tr::tr("Sourced %1.").arg(f.envScript));
    }
    if (f.arch.isEmpty()) {
        steps << failed(QStringLiteral("platform"),
            Tr::tr("The probe stopped before `uname -m` (last section: %1).").arg(f.lastSection),
            Tr::tr("Check that the environment script returns normally (it must not call exit)."));
    } else {
        steps << ok(QStringLiteral("platform"),
            Tr::tr("%1, %2.").arg(f.arch, f.libc.isEmpty() ? Tr::tr("C library unknown") : f.libc));
    }
    if (f.atcPath.isEmpty()) {
        steps << failed(QStringLiteral("toolkit"),
            Tr::tr("No atc on PATH on %1 after sourcing the environment script.").arg(where),
            Tr::tr("Install the CANN toolkit on %1 to convert there; running needs only the driver, "
                   "npu-smi and a runner.")
                .arg(where));
    } else {
        steps << ok(QStringLiteral("toolkit"),
            Tr::tr("atc at %1 (CANN %2, %3 SoCs).")
                .arg(f.atcPath, f.toolkitVersion.isEmpty() ? Tr::tr("version unknown") : f.toolkitVersion)
                .arg(f.socVersions.size()));
    }
    if (f.npus) {
        QStringList chips;
        for (const NpuDevice& d : f.npus->devices)
            chips << QStringLiteral("%1 %2").arg(d.npuId).arg(d.chipName);
        steps << ok(QStringLiteral("npus"),
            Tr::tr("%1 NPU chip(s): %2.").arg(f.npus->devices.size()).arg(chips.join(QStringLiteral(", "))));
    } else if (f.npuSmiPath.isEmpty()) {
        steps << failed(QStringLiteral("npus"), Tr::tr("No npu-smi on %1: no NPU driver.").arg(where),
            Tr::tr("Install the Ascend driver on %1 to run there; converting does not need it.").arg(where));
    } else {
        steps << failed(QStringLiteral("npus"), f.npuSmiError,
            Tr::tr("Run `npu-smi info` on %1 and check the driver (dmesg, /var/log/npu).").arg(where));
    }
    if (f.runners.isEmpty()) {
        steps << failed(QStringLiteral("runners"),
            Tr::tr("None of om-runner, ais_bench, msit, msame is on PATH on %1.").arg(where),
            Tr::tr("Install ais_bench (pip, from the msit tools) or msame on %1.").arg(where));
    } else {
        QStringList found;
        for (auto it = f.runners.cbegin(); it != f.runners.cend(); ++it)
            found << QStringLiteral("%1 (%2)").arg(it.key(), it.value());
        steps << ok(QStringLiteral("runners"), Tr::tr("Found %1.").arg(found.join(QStringLiteral(", "))));
    }
    const QString wd = f.workDir.isEmpty() ? host.effectiveWorkDir() : f.workDir;
    if (f.freeBytes < 0) {
        steps << failed(QStringLiteral("disk"), Tr::tr("Could not read the free space of %1 on %2.").arg(wd, where),
            Tr::tr("Check that `df -Pk` works on %1 and that the work folder's parent exists.").arg(where));
    } else if (f.freeBytes < kMinFreeBytes) {
        steps << failed(QStringLiteral("disk"),
            Tr::tr("Only %1 free for %2 on %3.").arg(formatBytes(f.freeBytes), wd, where),
            Tr::tr("Free space there or choose another work folder (--work-dir); ATC needs at least %1.")
                .arg(formatBytes(kMinFreeBytes)));
    } else {
        steps << ok(QStringLiteral("disk"),
            Tr::tr("%1 free for %2%3.")
                .arg(formatBytes(f.freeBytes), wd, f.workDirExists ? QString() : Tr::tr(" (created on first use)")));
    }
    return steps;
}

const ProbeStep* ProbeReport::step(const QString& id) const
{
    for (const ProbeStep& s : steps) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

bool ProbeReport::canConvert() const
{
    const ProbeStep* s = step(QStringLiteral("toolkit"));
    return s && s->status == ProbeStatus::Ok;
}

bool ProbeReport::canRun() const
{
    const ProbeStep* n = step(QStringLiteral("npus"));
    const ProbeStep* r = step(QStringLiteral("runners"));
    return n && r && n->status == ProbeStatus::Ok && r->status == ProbeStatus::Ok;
}

QString ProbeReport::verdict() const
{
    static const QStringList optional { QStringLiteral("toolkit"), QStringLiteral("npus"), QStringLiteral("runners") };
    bool partial = steps.isEmpty();
    for (const ProbeStep& s : steps) {
        if (s.status == ProbeStatus::Ok)
            continue;
        if (!optional.contains(s.id))
            return QStringLiteral("failed");
        partial = true;
    }
    return partial ? QStringLiteral("partial") : QStringLiteral("ok");
}

QJsonObject probeReportToJson(const ProbeReport& report)
{
    QJsonArray steps;
    for (const ProbeStep& s : report.steps) {
        steps.append(
            QJsonObject { { QStringLiteral("step"), s.id }, { QStringLiteral("status"), probeStatusCode(s.status) },
                { QStringLiteral("message"), s.message }, { QStringLiteral("fix"), s.fix } });
    }
    const ProbeFacts& f = report.facts;
    const auto orNull = [](const QString& v) { return v.isEmpty() ? QJsonValue() : QJsonValue(v); };
    QJsonValue toolkit;
    if (!f.atcPath.isEmpty()) {
        toolkit = QJsonObject { { QStringLiteral("atc"), f.atcPath }, { QStringLiteral("home"), orNull(f.toolkitHome) },
            { QStringLiteral("version"), orNull(f.toolkitVersion) },
            { QStringLiteral("soc_versions"), QJsonArray::fromStringList(f.socVersions) } };
    }
    QJsonArray npus;
    if (f.npus)
        npus = npuSmiToJson(*f.npus).value(QStringLiteral("devices")).toArray();
    QJsonObject runners;
    for (auto it = f.runners.cbegin(); it != f.runners.cend(); ++it)
        runners.insert(it.key(), it.value());
    return QJsonObject {
        { QStringLiteral("host"), report.host },
        { QStringLiteral("steps"), steps },
        { QStringLiteral("verdict"), report.verdict() },
        { QStringLiteral("can_convert"), report.canConvert() },
        { QStringLiteral("can_run"), report.canRun() },
        { QStringLiteral("arch"), orNull(f.arch) },
        { QStringLiteral("libc"), orNull(f.libc) },
        { QStringLiteral("env_script"), orNull(f.envScript) },
        { QStringLiteral("toolkit"), toolkit },
        { QStringLiteral("npus"), npus },
        { QStringLiteral("runners"), runners },
        { QStringLiteral("work_dir"), orNull(f.workDir) },
        { QStringLiteral("free_bytes"), f.freeBytes < 0 ? QJsonValue() : QJsonValue(double(f.freeBytes)) },
    };
}

QString probeReportToText(const ProbeReport& report)
{
    QString out = QStringLiteral("Probe of %1:\n").arg(report.host);
    for (const ProbeStep& s : report.steps) {
        out += QStringLiteral("  [%1] %2: %3\n").arg(probeStatusCode(s.status), probeStepTitle(s.id), s.message);
        if (!s.fix.isEmpty() && s.status == ProbeStatus::Failed)
            out += QStringLiteral("         fix: %1\n").arg(s.fix);
    }
    out += QStringLiteral("Verdict: %1 (convert: %2, run: %3)\n")
               .arg(report.verdict(), report.canConvert() ? QStringLiteral("yes") : QStringLiteral("no"),
                   report.canRun() ? QStringLiteral("yes") : QStringLiteral("no"));
    return out;
}

} // namespace wb
