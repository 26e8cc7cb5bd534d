#include "ortruntime.h"

#include "logging/logging.h"
#include "ortapi_p.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <mutex>

#ifdef WB_HAVE_ORT_HEADERS
#include <dlfcn.h>
#endif

namespace wb {

namespace {

constexpr char kLibName[] = "libonnxruntime.so.1";

struct Candidate {
    QString source; // setting, ORT_LIB, app, system
    QString path; // a file path, or the bare library name for "system"
    bool explicitChoice = false;
};

QString resolveChoice(const QString& path)
{
    const QFileInfo info(path);
    return info.isDir() ? QDir(path).filePath(QLatin1String(kLibName)) : path;
}

QString executableDir()
{
    if (QCoreApplication::instance())
        return QCoreApplication::applicationDirPath();
    return QFileInfo(QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath()).absolutePath();
}

QList<Candidate> candidates(const OrtLoadOptions& options)
{
    if (!options.explicitPath.isEmpty())
        return { { QStringLiteral("setting"), resolveChoice(options.explicitPath), true } };
    const QString env = options.useEnvironment ? qEnvironmentVariable("ORT_LIB") : QString();
    if (!env.isEmpty())
        return { { QStringLiteral("ORT_LIB"), resolveChoice(env), true } };
    QList<Candidate> out;
    QStringList dirs = options.appLibDirs;
    if (dirs.isEmpty()) {
        const QDir exe(executableDir());
        dirs = { QDir::cleanPath(exe.filePath(QStringLiteral("../lib"))),
            QDir::cleanPath(exe.filePath(QStringLiteral("../lib/atc-workbench"))) };
    }
    for (const QString& dir : std::as_const(dirs))
        out.append({ QStringLiteral("app"), QDir(dir).filePath(QLatin1String(kLibName)) });
    if (options.searchSystem)
        out.append({ QStringLiteral("system"), QLatin1String(kLibName) });
    return out;
}

QString describe(const Candidate& c)
{
    return c.source + QLatin1Char(':') + QDir::toNativeSeparators(c.path);
}

} // namespace

QStringList onnxRuntimeCandidates(const OrtLoadOptions& options)
{
    QStringList out;
    for (const Candidate& c : candidates(options))
        out.append(describe(c));
    return out;
}

#ifndef WB_HAVE_ORT_HEADERS

bool onnxRuntimeBuiltIn()
{
    return false;
}

Result<OrtRuntimeInfo> loadOnnxRuntime(const OrtLoadOptions&)
{
    return Error { QStringLiteral("ort_not_built"),
        QStringLiteral("ONNX Runtime support was not built in: run scripts/fetch-ort.sh and reconfigure"), {} };
}

std::optional<OrtRuntimeInfo> loadedOnnxRuntime()
{
    return std::nullopt;
}

#else

namespace {

// Oldest OrtApi table accepted: everything the runner calls exists since well before ORT 1.16.
constexpr uint32_t kMinApiVersion = 16;

std::mutex g_mutex;
std::optional<OrtRuntimeInfo> g_info; // guarded by g_mutex; set once
std::atomic<const OrtApi*> g_api { nullptr };

struct Loaded {
    const OrtApi* api = nullptr;
    OrtRuntimeInfo info;
};

// dlopen + dlsym(OrtGetApiBase) + GetApi. On failure returns nullopt and sets `why`; the library is unloaded.
std::optional<Loaded> tryLoad(const Candidate& c, QString* why)
{
    const bool byName = c.source == QLatin1String("system");
    if (!byName && !QFileInfo(c.path).isFile()) {
        *why = QFileInfo::exists(c.path) ? QStringLiteral("not a file") : QStringLiteral("no such file");
        return std::nullopt;
    }
    dlerror();
    void* handle = dlopen(QFile::encodeName(c.path).constData(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* err = dlerror();
        *why = err ? QString::fromLocal8Bit(err) : QStringLiteral("dlopen failed");
        return std::nullopt;
    }
    void* sym = dlsym(handle, "OrtGetApiBase");
    if (!sym) {
        dlclose(handle);
        *why = QStringLiteral("not an ONNX Runtime library (no OrtGetApiBase symbol)");
        return std::nullopt;
    }
    using GetApiBaseFn = decltype(&OrtGetApiBase);
    const OrtApiBase* base = reinterpret_cast<GetApiBaseFn>(sym)();
    const QString version = base ? QString::fromLatin1(base->GetVersionString()) : QString();
    const OrtApi* api = nullptr;
    uint32_t apiVersion = ORT_API_VERSION;
    for (; base && apiVersion >= kMinApiVersion; --apiVersion) {
        if ((api = base->GetApi(apiVersion)))
            break;
    }
    if (!api) {
        dlclose(handle);
        *why = QStringLiteral("ONNX Runtime %1 is too old: it offers none of the API versions %2..%3")
                   .arg(version.isEmpty() ? QStringLiteral("?") : version)
                   .arg(kMinApiVersion)
                   .arg(ORT_API_VERSION);
        return std::nullopt;
    }
    Dl_info dl {};
    QString path = c.path;
    if (dladdr(sym, &dl) && dl.dli_fname)
        path = QFileInfo(QFile::decodeName(dl.dli_fname)).absoluteFilePath();
    return Loaded { api, { path, version, int(apiVersion), c.source, {} } };
}

void ortLog(void*, OrtLoggingLevel severity, const char* category, const char*, const char* where, const char* msg)
{
    const auto level = severity >= ORT_LOGGING_LEVEL_ERROR ? spdlog::level::err
        : severity == ORT_LOGGING_LEVEL_WARNING            ? spdlog::level::warn
                                                           : spdlog::level::debug;
    log::run()->log(level, "onnxruntime [{}] {} ({})", category ? category : "", msg ? msg : "", where ? where : "");
}

} // namespace

bool onnxRuntimeBuiltIn()
{
    return true;
}

Result<OrtRuntimeInfo> loadOnnxRuntime(const OrtLoadOptions& options)
{
    const QList<Candidate> list = candidates(options);
    std::lock_guard lock(g_mutex);
    if (g_info) {
        const Candidate& first = list.value(0);
        if (!first.explicitChoice)
            return *g_info;
        const QFileInfo wanted(first.path);
        if (wanted.isFile() && wanted.canonicalFilePath() == QFileInfo(g_info->path).canonicalFilePath())
            return *g_info;
        if (wanted.isFile())
            return Error { QStringLiteral("ort_already_loaded"),
                QStringLiteral("ONNX Runtime %1 is already loaded from %2; restart the application to use %3")
                    .arg(g_info->version, QDir::toNativeSeparators(g_info->path), describe(first)),
                {} };
        // A wrong explicit path is reported as such below, even when another copy is loaded.
    }

    QStringList tried;
    for (const Candidate& c : list) {
        QString why;
        std::optional<Loaded> loaded = tryLoad(c, &why);
        if (!loaded) {
            tried.append(QStringLiteral("%1 (%2)").arg(describe(c), why));
            continue;
        }
        loaded->info.tried = tried;
        g_api.store(loaded->api);
        g_info = loaded->info;
        log::run()->info("Loaded ONNX Runtime {} (API {}) from {} [{}]", g_info->version, g_info->apiVersion,
            g_info->path, g_info->source);
        return *g_info;
    }

    QString message;
    if (list.value(0).explicitChoice) {
        const bool setting = list.value(0).source == QLatin1String("setting");
        message = QStringLiteral("ONNX Runtime could not be loaded from %1: %2. %3")
                      .arg(setting ? QStringLiteral("the ONNX Runtime library setting") : QStringLiteral("ORT_LIB"),
                          tried.value(0),
                          setting ? QStringLiteral("Fix or clear the setting to use the bundled or system copy.")
                                  : QStringLiteral("Fix or unset ORT_LIB to use the bundled or system copy."));
    } else {
        message = QStringLiteral("ONNX Runtime (%1) was not found. Tried: %2. Run scripts/fetch-ort.sh and rebuild, "
                                 "point ORT_LIB at a libonnxruntime.so.1, or install ONNX Runtime on the system.")
                      .arg(QLatin1String(kLibName), tried.join(QLatin1String("; ")));
    }
    log::run()->warn("{}", message);
    return Error { QStringLiteral("ort_not_found"), message, tried.join(QLatin1Char('\n')) };
}

std::optional<OrtRuntimeInfo> loadedOnnxRuntime()
{
    std::lock_guard lock(g_mutex);
    return g_info;
}

namespace ort {

const OrtApi* api()
{
    return g_api.load();
}

Result<OrtEnv*> env()
{
    static std::mutex envMutex;
    static OrtEnv* instance = nullptr;
    std::lock_guard lock(envMutex);
    if (instance)
        return instance;
    if (!api())
        return Error { QStringLiteral("ort_not_loaded"), QStringLiteral("ONNX Runtime is not loaded"), {} };
    OrtEnv* created = nullptr;
    if (auto err
        = check(api()->CreateEnvWithCustomLogger(ortLog, nullptr, ORT_LOGGING_LEVEL_WARNING, "atc-workbench", &created),
            QStringLiteral("ort_env_failed"), QStringLiteral("Cannot create the ONNX Runtime environment")))
        return *err;
    instance = created;
    return instance;
}

std::optional<Error> check(OrtStatus* status, const QString& code, const QString& what)
{
    if (!status)
        return std::nullopt;
    const QString msg = QString::fromUtf8(api()->GetErrorMessage(status));
    api()->ReleaseStatus(status);
    return Error { code, QStringLiteral("%1: %2").arg(what, msg), {} };
}

} // namespace ort

#endif // WB_HAVE_ORT_HEADERS

} // namespace wb
