#pragma once

// om-runner on a host (README "Remote hosts over SSH", "om-runner on a host"): the om-runner a bench run on a host
// uses. In order: a shipped om-runner of this app's version that fits the host (its `uname -m` and C library, read
// from the binary's ELF header and glibc version needs), uploaded content-addressed into the work folder
// (runners/<sha256>/om-runner) and checked to start there; else the om-runner on the host's PATH; else om-runner
// built on the host from its sources (embedded in the app, uploaded into omrunner-src/<hash>/ and compiled with the
// host's g++, c++ or clang++; the binary is cached as runners/built-<hash>/om-runner); else nothing, and the caller
// falls back to the host's ais_bench or msame with the reason.
#include "remote/probe.h"
#include "remote/remotetarget.h"
#include "util/result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QTemporaryDir;

namespace wb {

class RemoteUpload;
class ToolRunner;
struct ToolResult;
struct UploadFile;

// What a binary is built for: its ELF machine ("x86_64", "aarch64", "arm", "riscv64", "em-N" for others) and the
// newest GLIBC_x.y among its version needs (empty: none). Pure; nullopt when the bytes are not an ELF file.
struct ElfBinaryFacts {
    QString machine;
    QString glibcFloor;
};
std::optional<ElfBinaryFacts> readElfBinaryFacts(const QByteArray& bytes);

// "x86_64" for amd64/x86_64, "aarch64" for aarch64/arm64; else the name as given.
QString normaliseMachine(const QString& unameM);
// -1, 0, 1 comparing dotted versions ("2.17" < "2.27").
int compareVersions(const QString& a, const QString& b);

// A shipped om-runner: where it is here and what it is built for.
struct ShippedOmRunner {
    QString path;
    ElfBinaryFacts facts;
};

// The om-runners this install ships, found from the folder of the running program: APPDIR/om-runner (this
// machine's build), and the aarch64 build at APPDIR/../aarch64/om-runner (build tree) or
// APPDIR/../lib/atc-workbench/aarch64/om-runner (installed). Only existing ELF files are returned.
QList<ShippedOmRunner> shippedOmRunners(const QString& appDir);

// Pure: the shipped om-runner that fits a host of this `uname -m` and C library ("glibc 2.27"), or nullopt with why
// none does in *why ("no shipped om-runner is built for riscv64 (shipped: x86_64, aarch64)").
std::optional<ShippedOmRunner> pickShippedOmRunner(
    const QList<ShippedOmRunner>& shipped, const QString& arch, const QString& libc, QString* why);

// The om-runner sources that build it anywhere (plain C++17 with libdl and threads): app/omrunner's files and the
// four Qt-free headers of core it includes, embedded in the app (app/omrunner/portable-sources.cmake is the one
// list). Names relative to the source folder: "main.cpp", "run/omfileheader.h", ...
QStringList omRunnerSourceNames();
QByteArray omRunnerSource(const QString& name);
// sha256 over the names and contents: the key of a host's cached build.
QString omRunnerSourceHash();

// The remote half: sources the environment script, then `shipped REL` (chmod the uploaded binary, check that it
// starts: `--version`) or `build SRC_REL OUT_REL VERSION` (the cached binary, else the first of $CXX, g++, c++,
// clang++ compiles the sources with up to nproc jobs). Marker lines: "@@atcwb:ready PATH", "@@atcwb:unfit WHY",
// "@@atcwb:cached PATH", "@@atcwb:compiler PATH VERSION", "@@atcwb:built PATH", "@@atcwb:nocompiler",
// "@@atcwb:buildfailed".
QString omRunnerPrepareScript();

struct OmRunnerOnHostResult {
    enum class Source { None, Shipped, HostPath, BuiltOnHost };
    Source source = Source::None;
    QString path; // on the host
    QString compiler; // BuiltOnHost: "/usr/bin/g++ (g++ (Debian 12.2.0-14) 12.2.0)"
    bool cached = false; // BuiltOnHost: an earlier build was reused
    QStringList notes; // why a better source was not used, one sentence each (for warnings)
    Error error; // Source::None: why no om-runner can run there (code no_om_runner, or cancelled)
};
// "shipped", "host-path", "built-on-host"; empty for None.
QString omRunnerSourceName(OmRunnerOnHostResult::Source source);

struct BenchRequest;

// Whether a bench run on a host must find or make its om-runner first (OmRunnerOnHost): the runner is om-runner
// and no tool path names one.
bool needsOmRunnerOnHost(const BenchRequest& request);

// The runner of a bench run on a host when no tool path names one — one decision for `atcwb bench --on` and the Run
// page: ais_bench (or msit) and msame as the probe found them on the host's PATH; om-runner as OmRunnerOnHost found
// it (`prepared`), else the host's ais_bench (or msit), else msame, with the reason. Fills request->toolPath (and
// request->runner when it falls back), *source ("shipped", "built-on-host", "host-path") and *notes (sentences for
// the result's warnings; a fallback's reason is the last). Errors: cancelled, no_om_runner.
std::optional<Error> applyRemoteRunnerChoice(BenchRequest* request, const ProbeFacts& facts, const QString& host,
    const OmRunnerOnHostResult* prepared, QString* source, QStringList* notes);

// Finds or makes the om-runner for a bench run on the host (see the top of this file). finished() follows start()
// exactly once, always from the event loop; progress() says what happens ("Uploading om-runner (x86_64) to board",
// "Building om-runner on board with g++ …").
class OmRunnerOnHost : public QObject {
    Q_OBJECT
public:
    OmRunnerOnHost(const RemoteTarget& target, const ProbeFacts& facts, const QString& appDir, const QString& version,
        QObject* parent = nullptr);
    ~OmRunnerOnHost() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    const OmRunnerOnHostResult& result() const { return m_result; }
    qint64 bytesUploaded() const { return m_bytesUploaded; }
    int filesUploaded() const { return m_filesUploaded; }

signals:
    void progress(const QString& message);
    void finished(const wb::OmRunnerOnHostResult& result);

private:
    void tryShipped();
    void tryShippedUploaded();
    void tryHostPath();
    void tryBuild();
    void tryBuildUploaded();
    void onBuildLines(const QStringList& lines);
    void prepare(const QStringList& args, void (OmRunnerOnHost::*next)(const ToolResult&));
    void onShippedChecked(const ToolResult& result);
    void onBuilt(const ToolResult& result);
    void upload(const QList<UploadFile>& files, void (OmRunnerOnHost::*next)());
    void finish();

    RemoteTarget m_target;
    ProbeFacts m_facts;
    QString m_appDir;
    QString m_version;
    OmRunnerOnHostResult m_result;
    RemoteUpload* m_upload = nullptr;
    ToolRunner* m_runner = nullptr;
    std::unique_ptr<QTemporaryDir> m_sources;
    QString m_uploadedPath; // relative to the work folder
    QString m_shippedMachine;
    QStringList m_markers;
    QStringList m_errTail;
    qint64 m_bytesUploaded = 0;
    int m_filesUploaded = 0;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace wb
