#include "omrunnerhost.h"

#include "logging/logging.h"
#include "process/toolrunner.h"
#include "remote/remotefiles.h"
#include "run/bench.h"
#include "util/units.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>

#include <cstring>

namespace wb {

namespace {

// The context of the texts a run on a host shows as it goes (progress, notes) in translations/*.ts: written in the
// UI's language (atcwb installs no translator, so it prints English).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RemoteRun)
};

const QString kSourceRoot = QStringLiteral(":/omrunner-src");
const QString kMarker = QStringLiteral("@@atcwb:");
constexpr int kErrTailLines = 20;

template <typename T> std::optional<T> readLe(const QByteArray& bytes, qint64 at)
{
    if (at < 0 || at + qint64(sizeof(T)) > bytes.size())
        return std::nullopt;
    T value = 0;
    for (int i = int(sizeof(T)) - 1; i >= 0; --i)
        value = T((value << 8) | T(quint8(bytes.at(at + i))));
    return value;
}

QString machineName(quint16 machine, bool is64)
{
    switch (machine) {
    case 3:
        return QStringLiteral("i686");
    case 62:
        return QStringLiteral("x86_64");
    case 183:
        return QStringLiteral("aarch64");
    case 40:
        return QStringLiteral("arm");
    case 243:
        return is64 ? QStringLiteral("riscv64") : QStringLiteral("riscv32");
    case 258:
        return QStringLiteral("loongarch64");
    case 21:
        return QStringLiteral("ppc64");
    case 22:
        return QStringLiteral("s390x");
    default:
        return QStringLiteral("em-%1").arg(machine);
    }
}

QString glibcVersionOf(const QString& libc)
{
    static const QRegularExpression re(QStringLiteral("^glibc (\\d+(\\.\\d+)+)"));
    const auto m = re.match(libc);
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace

std::optional<ElfBinaryFacts> readElfBinaryFacts(const QByteArray& bytes)
{
    if (bytes.size() < 52
        || !bytes.startsWith("\x7f"
                             "ELF"))
        return std::nullopt;
    const bool is64 = bytes.at(4) == 2;
    if (bytes.at(5) != 1) // big-endian: no board of ours; the machine is still readable but not worth the code
        return std::nullopt;
    ElfBinaryFacts facts;
    facts.machine = machineName(readLe<quint16>(bytes, 18).value_or(0), is64);
    const qint64 shoff
        = is64 ? qint64(readLe<quint64>(bytes, 0x28).value_or(0)) : readLe<quint32>(bytes, 0x20).value_or(0);
    const int shentsize = readLe<quint16>(bytes, is64 ? 0x3A : 0x2E).value_or(0);
    const int shnum = readLe<quint16>(bytes, is64 ? 0x3C : 0x30).value_or(0);
    if (shoff <= 0 || shentsize <= 0)
        return facts;
    struct Section {
        quint32 type = 0;
        qint64 offset = 0;
        qint64 size = 0;
        quint32 link = 0;
        quint32 info = 0;
    };
    const auto section = [&](int i) -> std::optional<Section> {
        const qint64 at = shoff + qint64(i) * shentsize;
        Section s;
        const auto type = readLe<quint32>(bytes, at + 4);
        if (!type)
            return std::nullopt;
        s.type = *type;
        if (is64) {
            s.offset = qint64(readLe<quint64>(bytes, at + 0x18).value_or(0));
            s.size = qint64(readLe<quint64>(bytes, at + 0x20).value_or(0));
            s.link = readLe<quint32>(bytes, at + 0x28).value_or(0);
            s.info = readLe<quint32>(bytes, at + 0x2C).value_or(0);
        } else {
            s.offset = readLe<quint32>(bytes, at + 0x10).value_or(0);
            s.size = readLe<quint32>(bytes, at + 0x14).value_or(0);
            s.link = readLe<quint32>(bytes, at + 0x18).value_or(0);
            s.info = readLe<quint32>(bytes, at + 0x1C).value_or(0);
        }
        return s;
    };
    constexpr quint32 kVerneed = 0x6ffffffe;
    for (int i = 0; i < shnum; ++i) {
        const auto s = section(i);
        if (!s || s->type != kVerneed)
            continue;
        const auto strtab = section(int(s->link));
        if (!strtab)
            continue;
        const auto name = [&](quint32 offset) {
            const qint64 at = strtab->offset + offset;
            if (at < 0 || at >= bytes.size())
                return QString();
            const char* start = bytes.constData() + at;
            return QString::fromLatin1(start, qsizetype(strnlen(start, size_t(bytes.size() - at))));
        };
        qint64 entry = s->offset;
        for (quint32 n = 0; n < s->info && entry > 0 && entry < bytes.size(); ++n) {
            const quint16 count = readLe<quint16>(bytes, entry + 2).value_or(0);
            qint64 aux = entry + readLe<quint32>(bytes, entry + 8).value_or(0);
            for (quint16 k = 0; k < count && aux < bytes.size(); ++k) {
                const QString version = name(readLe<quint32>(bytes, aux + 8).value_or(0));
                if (version.startsWith(QLatin1String("GLIBC_")) && version.at(6).isDigit()) {
                    const QString v = version.mid(6);
                    if (facts.glibcFloor.isEmpty() || compareVersions(v, facts.glibcFloor) > 0)
                        facts.glibcFloor = v;
                }
                const quint32 next = readLe<quint32>(bytes, aux + 12).value_or(0);
                if (next == 0)
                    break;
                aux += next;
            }
            const quint32 next = readLe<quint32>(bytes, entry + 12).value_or(0);
            if (next == 0)
                break;
            entry += next;
        }
    }
    return facts;
}

QString normaliseMachine(const QString& unameM)
{
    const QString m = unameM.trimmed();
    if (m == QLatin1String("amd64"))
        return QStringLiteral("x86_64");
    if (m == QLatin1String("arm64") || m == QLatin1String("aarch64_be"))
        return QStringLiteral("aarch64");
    return m;
}

int compareVersions(const QString& a, const QString& b)
{
    const QStringList x = a.split(QLatin1Char('.'));
    const QStringList y = b.split(QLatin1Char('.'));
    for (qsizetype i = 0; i < std::max(x.size(), y.size()); ++i) {
        const int p = x.value(i, QStringLiteral("0")).toInt();
        const int q = y.value(i, QStringLiteral("0")).toInt();
        if (p != q)
            return p < q ? -1 : 1;
    }
    return 0;
}

QList<ShippedOmRunner> shippedOmRunners(const QString& appDir)
{
    const QDir dir(appDir);
    QList<ShippedOmRunner> found;
    for (const QString& candidate :
        { dir.filePath(QStringLiteral("om-runner")), dir.filePath(QStringLiteral("../aarch64/om-runner")),
            dir.filePath(QStringLiteral("../lib/atc-workbench/aarch64/om-runner")) }) {
        QFile f(QDir::cleanPath(candidate));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        if (const auto facts = readElfBinaryFacts(f.readAll()))
            found << ShippedOmRunner { f.fileName(), *facts };
    }
    return found;
}

std::optional<ShippedOmRunner> pickShippedOmRunner(
    const QList<ShippedOmRunner>& shipped, const QString& arch, const QString& libc, QString* why)
{
    const QString machine = normaliseMachine(arch);
    QStringList builds;
    const ShippedOmRunner* sameMachine = nullptr;
    for (const ShippedOmRunner& s : shipped) {
        builds << s.facts.machine;
        if (s.facts.machine == machine && !sameMachine)
            sameMachine = &s;
    }
    const auto say = [why](const QString& text) {
        if (why)
            *why = text;
        return std::nullopt;
    };
    if (shipped.isEmpty())
        return say(QStringLiteral("this installation ships no om-runner binary"));
    if (!sameMachine)
        return say(QStringLiteral("no shipped om-runner is built for %1 (shipped: %2)")
                       .arg(machine.isEmpty() ? QStringLiteral("an unknown architecture") : machine,
                           builds.join(QStringLiteral(", "))));
    if (sameMachine->facts.glibcFloor.isEmpty())
        return *sameMachine;
    const QString hostGlibc = glibcVersionOf(libc);
    if (hostGlibc.isEmpty())
        return say(QStringLiteral("the shipped om-runner for %1 needs glibc %2 or later, and the host's C library is "
                                  "%3")
                       .arg(machine, sameMachine->facts.glibcFloor, libc.isEmpty() ? QStringLiteral("unknown") : libc));
    if (compareVersions(hostGlibc, sameMachine->facts.glibcFloor) < 0)
        return say(QStringLiteral("the shipped om-runner for %1 needs glibc %2 or later, and the host has glibc %3")
                       .arg(machine, sameMachine->facts.glibcFloor, hostGlibc));
    return *sameMachine;
}

QStringList omRunnerSourceNames()
{
    QStringList names;
    QDirIterator it(kSourceRoot, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        names << it.next().mid(kSourceRoot.size() + 1);
    names.sort();
    return names;
}

QByteArray omRunnerSource(const QString& name)
{
    QFile f(kSourceRoot + QLatin1Char('/') + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString omRunnerSourceHash()
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString& name : omRunnerSourceNames()) {
        hash.addData(name.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(QCryptographicHash::hash(omRunnerSource(name), QCryptographicHash::Sha256).toHex());
        hash.addData(QByteArrayView("\n", 1));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QString omRunnerPrepareScript()
{
    return remoteScriptPrelude() + QStringLiteral(R"SH(if [ -n "$_wb_env" ]; then . "$_wb_env" >/dev/null 2>&1; fi
_wb_mode=$1; shift
case $_wb_mode in
shipped)
  _wb_b="$_wb_wd/$1"
  chmod 755 "$_wb_b" || exit 3
  if _wb_v=$("$_wb_b" --version 2>&1); then printf '@@atcwb:ready %s\n' "$_wb_b"; exit 0; fi
  printf '@@atcwb:unfit %s\n' "$(printf '%s' "$_wb_v" | head -n 3 | tr '\n' ' ')"
  exit 4;;
build)
  _wb_s="$_wb_wd/$1"; _wb_o="$_wb_wd/$2"; _wb_ver=$3
  if [ -x "$_wb_o" ]; then printf '@@atcwb:cached %s\n' "$_wb_o"; exit 0; fi
  _wb_cc=
  for _wb_c in "${CXX:-}" g++ c++ clang++; do
    if [ -n "$_wb_c" ] && command -v "$_wb_c" >/dev/null 2>&1; then _wb_cc=$_wb_c; break; fi
  done
  if [ -z "$_wb_cc" ]; then printf '@@atcwb:nocompiler\n'; exit 5; fi
  printf '@@atcwb:compiler %s %s\n' "$(command -v "$_wb_cc")" "$("$_wb_cc" --version 2>/dev/null | head -n 1)"
  _wb_j=$(nproc 2>/dev/null || echo 2)
  mkdir -p "$_wb_wd/runners" && _wb_t=$(mktemp -d "$_wb_wd/runners/.build-XXXXXX") || exit 3
  cd "$_wb_s" || exit 3
  if ls ./*.cpp | xargs -P "$_wb_j" -I{} \
      "$_wb_cc" -std=c++17 -O2 -DOMR_VERSION="\"$_wb_ver\"" -I. -c {} -o "$_wb_t/{}.o" \
    && "$_wb_cc" -o "$_wb_t/om-runner" "$_wb_t"/*.o -ldl -pthread \
    && mkdir -p "$(dirname "$_wb_o")" && mv -f "$_wb_t/om-runner" "$_wb_o"; then
    rm -rf "$_wb_t"; printf '@@atcwb:built %s\n' "$_wb_o"; exit 0
  fi
  rm -rf "$_wb_t"; printf '@@atcwb:buildfailed\n'; exit 6;;
esac
exit 2
)SH");
}

QString omRunnerSourceName(OmRunnerOnHostResult::Source source)
{
    switch (source) {
    case OmRunnerOnHostResult::Source::Shipped:
        return QStringLiteral("shipped");
    case OmRunnerOnHostResult::Source::HostPath:
        return QStringLiteral("host-path");
    case OmRunnerOnHostResult::Source::BuiltOnHost:
        return QStringLiteral("built-on-host");
    case OmRunnerOnHostResult::Source::None:
        break;
    }
    return {};
}

bool needsOmRunnerOnHost(const BenchRequest& request)
{
    return request.toolPath.isEmpty() && effectiveRunner(request) == BenchRequest::Runner::OmRunner;
}

std::optional<Error> applyRemoteRunnerChoice(BenchRequest* request, const ProbeFacts& facts, const QString& host,
    const OmRunnerOnHostResult* prepared, QString* source, QStringList* notes)
{
    const auto hostRunner = [&](const QStringList& names) {
        for (const QString& n : names) {
            if (!facts.runners.value(n).isEmpty())
                return facts.runners.value(n);
        }
        return QString();
    };
    const BenchRequest::Runner runner = effectiveRunner(*request);
    if (runner != BenchRequest::Runner::OmRunner || !prepared) {
        if (request->toolPath.isEmpty())
            request->toolPath = runner == BenchRequest::Runner::Msame ? hostRunner({ QStringLiteral("msame") })
                : runner == BenchRequest::Runner::AisBench
                ? hostRunner({ QStringLiteral("ais_bench"), QStringLiteral("msit") })
                : hostRunner({ QStringLiteral("om-runner") });
        *source = QStringLiteral("host-path");
        return std::nullopt;
    }
    const OmRunnerOnHostResult& r = *prepared;
    *notes << r.notes;
    if (r.source != OmRunnerOnHostResult::Source::None) {
        request->toolPath = r.path;
        *source = omRunnerSourceName(r.source);
        if (r.source == OmRunnerOnHostResult::Source::BuiltOnHost)
            *notes << Tr::tr("om-runner was built on %1 from its sources%2 (%3).")
                          .arg(host, r.compiler.isEmpty() ? QString() : Tr::tr(" with %1").arg(r.compiler),
                              r.cached ? Tr::tr("an earlier build, cached by the sources' sha256")
                                       : Tr::tr("cached there for the next run"));
        return std::nullopt;
    }
    if (r.error.code == QLatin1String("cancelled"))
        return r.error;
    // No om-runner can run there: the host's own ais_bench (or msit), else msame.
    const QString ais = hostRunner({ QStringLiteral("ais_bench"), QStringLiteral("msit") });
    const QString msame = hostRunner({ QStringLiteral("msame") });
    if (ais.isEmpty() && msame.isEmpty())
        return Error { QStringLiteral("no_om_runner"),
            Tr::tr("No om-runner can run on %1: %2. Neither ais_bench nor msame is on its PATH either: "
                   "install a C++ compiler (g++) or ais_bench / msame there, or give --tool PATH_ON_HOST.")
                .arg(host, r.error.message),
            {} };
    request->runner = ais.isEmpty() ? BenchRequest::Runner::Msame : BenchRequest::Runner::AisBench;
    request->toolPath = ais.isEmpty() ? msame : ais;
    *source = QStringLiteral("host-path");
    *notes << Tr::tr("No om-runner can run on %1 (%2): running the host's %3 (%4) instead.")
                  .arg(host, r.error.message, QFileInfo(request->toolPath).fileName(), request->toolPath);
    return std::nullopt;
}

OmRunnerOnHost::OmRunnerOnHost(
    const RemoteTarget& target, const ProbeFacts& facts, const QString& appDir, const QString& version, QObject* parent)
    : QObject(parent)
    , m_target(target)
    , m_facts(facts)
    , m_appDir(appDir)
    , m_version(version)
    , m_runner(new ToolRunner(this))
{
    connect(m_runner, &ToolRunner::linesReceived, this, [this](ToolChannel channel, const QStringList& lines) {
        for (const QString& line : lines) {
            if (channel == ToolChannel::StdOut && line.startsWith(kMarker)) {
                m_markers << line.mid(kMarker.size());
                onBuildLines({ m_markers.constLast() });
            } else {
                m_errTail << line;
                if (m_errTail.size() > kErrTailLines)
                    m_errTail.removeFirst();
            }
        }
    });
}

OmRunnerOnHost::~OmRunnerOnHost() = default;

void OmRunnerOnHost::start()
{
    m_running = true;
    m_result = {};
    QTimer::singleShot(0, this, &OmRunnerOnHost::tryShipped);
}

void OmRunnerOnHost::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_upload && m_upload->isRunning())
        m_upload->cancel();
    if (m_runner->isRunning())
        m_runner->cancel();
}

void OmRunnerOnHost::tryShipped()
{
    if (m_cancelled)
        return finish();
    QString why;
    const auto shipped = pickShippedOmRunner(shippedOmRunners(m_appDir), m_facts.arch, m_facts.libc, &why);
    if (!shipped) {
        m_result.notes << Tr::tr("No shipped om-runner fits %1: %2.").arg(m_target.host.name, why);
        emit progress(m_result.notes.constLast());
        return tryHostPath();
    }
    m_shippedMachine = shipped->facts.machine;
    UploadFile file;
    file.localPath = shipped->path;
    file.remotePath = QStringLiteral("runners/{sha256}/om-runner");
    emit progress(QStringLiteral("om-runner: the shipped build for %1 (glibc %2 or later) fits %3")
                      .arg(shipped->facts.machine,
                          shipped->facts.glibcFloor.isEmpty() ? QStringLiteral("any") : shipped->facts.glibcFloor,
                          m_target.host.name));
    upload({ file }, &OmRunnerOnHost::tryShippedUploaded);
}

void OmRunnerOnHost::tryShippedUploaded()
{
    prepare({ QStringLiteral("shipped"), m_uploadedPath }, &OmRunnerOnHost::onShippedChecked);
}

void OmRunnerOnHost::onShippedChecked(const ToolResult& result)
{
    if (m_cancelled)
        return finish();
    for (const QString& m : std::as_const(m_markers)) {
        if (m.startsWith(QLatin1String("ready "))) {
            m_result.source = OmRunnerOnHostResult::Source::Shipped;
            m_result.path = m.mid(6);
            return finish();
        }
    }
    QString why;
    for (const QString& m : std::as_const(m_markers)) {
        if (m.startsWith(QLatin1String("unfit ")))
            why = m.mid(6).trimmed();
    }
    if (why.isEmpty())
        why = lastLinesOr(m_errTail.join(QLatin1Char('\n')), 3, result, QStringLiteral("ssh"));
    m_result.notes << Tr::tr("The shipped om-runner for %1 does not start on %2 (%3).")
                          .arg(m_shippedMachine, m_target.host.name, why);
    emit progress(m_result.notes.constLast());
    tryHostPath();
}

void OmRunnerOnHost::tryHostPath()
{
    if (m_cancelled)
        return finish();
    const QString onPath = m_facts.runners.value(QStringLiteral("om-runner"));
    if (!onPath.isEmpty()) {
        m_result.source = OmRunnerOnHostResult::Source::HostPath;
        m_result.path = onPath;
        return finish();
    }
    tryBuild();
}

void OmRunnerOnHost::tryBuild()
{
    m_sources = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/atcwb-omrunner-src-XXXXXX"));
    const QString hash = omRunnerSourceHash();
    const QStringList names = omRunnerSourceNames();
    QList<UploadFile> files;
    for (const QString& name : names) {
        const QByteArray bytes = omRunnerSource(name);
        const QString local = m_sources->filePath(name);
        QDir().mkpath(QFileInfo(local).absolutePath());
        QFile f(local);
        if (!m_sources->isValid() || !f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
            m_result.error = { QStringLiteral("no_om_runner"),
                Tr::tr("Cannot write om-runner's sources to %1 to build it on %2: %3.")
                    .arg(m_sources->path(), m_target.host.name, f.errorString()),
                {} };
            return finish();
        }
        UploadFile u;
        u.localPath = local;
        u.remotePath = QStringLiteral("omrunner-src/%1/%2").arg(hash, name);
        u.sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        files << u;
    }
    if (names.isEmpty()) {
        m_result.error = { QStringLiteral("no_om_runner"),
            QStringLiteral("om-runner's sources are not in this build of the app, so it cannot be built on %1.")
                .arg(m_target.host.name),
            {} };
        return finish();
    }
    upload(files, &OmRunnerOnHost::tryBuildUploaded);
}

void OmRunnerOnHost::tryBuildUploaded()
{
    m_sources.reset();
    const QString hash = omRunnerSourceHash();
    prepare({ QStringLiteral("build"), QStringLiteral("omrunner-src/%1").arg(hash),
                QStringLiteral("runners/built-%1/om-runner").arg(hash), m_version },
        &OmRunnerOnHost::onBuilt);
}

void OmRunnerOnHost::onBuildLines(const QStringList& lines)
{
    for (const QString& m : lines) {
        if (m.startsWith(QLatin1String("compiler "))) {
            const QString path = m.section(QLatin1Char(' '), 1, 1);
            const QString version = m.section(QLatin1Char(' '), 2);
            m_result.compiler = version.isEmpty() ? path : QStringLiteral("%1 (%2)").arg(path, version);
            emit progress(Tr::tr("Building om-runner on %1 with %2 %3(no shipped build fits it; once per "
                                 "version of om-runner's sources)")
                              .arg(m_target.host.name, QFileInfo(path).fileName(),
                                  version.isEmpty() ? QString() : Tr::tr("(%1) ").arg(version)));
        }
    }
}

void OmRunnerOnHost::onBuilt(const ToolResult& result)
{
    if (m_cancelled)
        return finish();
    for (const QString& m : std::as_const(m_markers)) {
        if (m.startsWith(QLatin1String("built ")) || m.startsWith(QLatin1String("cached "))) {
            m_result.source = OmRunnerOnHostResult::Source::BuiltOnHost;
            m_result.cached = m.startsWith(QLatin1String("cached "));
            m_result.path = m.section(QLatin1Char(' '), 1);
            if (m_result.cached)
                emit progress(
                    Tr::tr("om-runner: using the one built on %1 before (%2)").arg(m_target.host.name, m_result.path));
            return finish();
        }
    }
    QString why;
    if (m_markers.contains(QLatin1String("nocompiler")))
        why = Tr::tr("%1 has no C++ compiler (none of $CXX, g++, c++, clang++ on its PATH after the "
                     "environment script), so om-runner cannot be built there")
                  .arg(m_target.host.name);
    else if (m_markers.contains(QLatin1String("buildfailed")))
        why = Tr::tr("building om-runner on %1 with %2 failed: %3")
                  .arg(m_target.host.name, m_result.compiler, lastLines(m_errTail.join(QLatin1Char('\n')), 5));
    else
        why = Tr::tr("building om-runner on %1 did not run (%2%3)")
                  .arg(m_target.host.name, describe(result, QStringLiteral("ssh")),
                      m_errTail.isEmpty() ? QString()
                                          : QStringLiteral(": ") + lastLines(m_errTail.join(QLatin1Char('\n')), 3));
    m_result.error = { QStringLiteral("no_om_runner"), why, {} };
    finish();
}

void OmRunnerOnHost::upload(const QList<UploadFile>& files, void (OmRunnerOnHost::*next)())
{
    if (m_upload)
        m_upload->deleteLater();
    m_upload = new RemoteUpload(m_target, this);
    auto announced = std::make_shared<bool>(false);
    connect(m_upload, &RemoteUpload::sending, this,
        [this, announced, count = files.size()](const QString& path, qint64 bytes) {
            if (count == 1)
                emit progress(Tr::tr("Uploading %1 (%2) to %3")
                                  .arg(QFileInfo(path).fileName(), formatBytes(bytes), m_target.host.name));
            else if (!*announced) // the sources: once, not per file
                emit progress(Tr::tr("Uploading om-runner's sources to %1").arg(m_target.host.name));
            *announced = true;
        });
    connect(m_upload, &RemoteUpload::finished, this, [this, next](bool ok, const Error& error) {
        for (const UploadFile& f : m_upload->files()) {
            if (f.sent) {
                ++m_filesUploaded;
                m_bytesUploaded += f.size;
            }
        }
        if (m_cancelled)
            return finish();
        if (!ok) {
            m_result.error = { QStringLiteral("no_om_runner"), error.message, {} };
            return finish();
        }
        m_uploadedPath = m_upload->files().value(0).remotePath;
        (this->*next)();
    });
    m_upload->start(files);
}

void OmRunnerOnHost::prepare(const QStringList& args, void (OmRunnerOnHost::*next)(const ToolResult&))
{
    m_markers.clear();
    m_errTail.clear();
    const QStringList env = m_target.host.envScriptCandidates();
    const QStringList all = QStringList { m_target.host.effectiveWorkDir(), QString::number(env.size()) } + env + args;
    connect(
        m_runner, &ToolRunner::finished, this, [this, next](const ToolResult& r) { (this->*next)(r); },
        Qt::SingleShotConnection);
    m_runner->start(sshInvocation(m_target.host, m_target.paths,
        remoteScriptCommand(omRunnerPrepareScript(), all, QStringLiteral("atcwb-omrunner")), 0, m_target.timeouts));
}

void OmRunnerOnHost::finish()
{
    if (!m_running)
        return;
    m_running = false;
    if (m_cancelled) {
        m_result.source = OmRunnerOnHostResult::Source::None;
        m_result.error = { QStringLiteral("cancelled"), QStringLiteral("Cancelled."), {} };
    }
    if (m_result.source != OmRunnerOnHostResult::Source::None)
        log::app()->info(
            "om-runner on {}: {} ({})", m_target.host.name, m_result.path, omRunnerSourceName(m_result.source));
    QTimer::singleShot(0, this, [this] { emit finished(m_result); });
}

} // namespace wb
