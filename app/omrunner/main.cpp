// om-runner: runs an Ascend offline model through AscendCL, loaded at run time, and reports one JSON object per
// line on stdout (README.md describes the protocol). Plain C++17 and libdl, so the same source
// builds on a development host and on an edge board.
#include "acllib.h"
#include "bundlerun.h"
#include "options.h"
#include "output.h"
#include "report.h"
#include "runner.h"

#include "run/omfileheader.h"

#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <new>
#include <sys/stat.h>
#include <unistd.h>

#ifndef OMR_VERSION
#define OMR_VERSION "0"
#endif

namespace {

using namespace omr;
namespace om = wb::om;

constexpr int Protocol = 1; // bump when an event or field changes meaning

std::atomic<int> g_stopSignal { 0 };
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void onStopSignal(int signal)
{
    g_stopSignal.store(signal, std::memory_order_relaxed);
}

void installSignalHandlers()
{
    struct sigaction action { };
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: a blocking call returns early so the run can stop
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN); // a closed stdout shows up as EPIPE and stops the run cleanly
}

int usageError(Output& out, const std::string& message)
{
    report(out, errorEvent("usage", message), message);
    return ExitUsage;
}

// Checks the OM header before AscendCL sees the file; fills `header` on success.
bool checkModelFile(Output& out, const std::string& path, om::FileHeader& header)
{
    const auto refuse = [&](const char* reason, const std::string& message) {
        Json event = errorEvent("model_file", message);
        event.add("file", path).add("reason", reason);
        report(out, event, message);
        return false;
    };
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT)
            return refuse("not_found", path + " does not exist. Check the path, or convert the model with ATC first.");
        return refuse("unreadable", path + " cannot be opened: " + std::strerror(error) + ".");
    }
    struct stat info { };
    unsigned char start[om::BytesToParse] = {};
    ssize_t got = 0;
    const bool statOk = ::fstat(fd, &info) == 0;
    const bool folder = statOk && S_ISDIR(info.st_mode);
    if (statOk && !folder) {
        do
            got = ::read(fd, start, sizeof start);
        while (got < 0 && errno == EINTR);
    }
    const int readError = errno;
    ::close(fd);
    if (folder)
        return refuse("unreadable", path + " is a folder, not an OM file.");
    if (!statOk || got < 0)
        return refuse("unreadable", path + " cannot be read: " + std::strerror(readError) + ".");
    header = om::parseFileHeader(start, static_cast<std::size_t>(got), static_cast<std::uint64_t>(info.st_size));
    if (header.valid)
        return true;
    static const char* const Reasons[]
        = { "", "empty", "too_short", "not_om", "bad_headsize", "no_model_data", "truncated", "trailing_bytes" };
    return refuse(Reasons[static_cast<int>(header.error)], path + " " + header.message);
}

// Input files and the output folder, before the (slow) model load.
bool checkFiles(Output& out, const Options& options)
{
    for (const std::string& item : options.inputs) {
        if (item == "zeros" || item == "random" || ::access(item.c_str(), R_OK) == 0)
            continue;
        const std::string message = "input file " + item + " cannot be read: " + std::strerror(errno)
            + ". --input takes zeros, random, or one file per model input separated by commas.";
        Json event = errorEvent("input_file", message);
        event.add("file", item);
        report(out, event, message);
        return false;
    }
    if (options.outputDir.empty())
        return true;
    if (::mkdir(options.outputDir.c_str(), 0755) != 0 && errno != EEXIST) {
        const std::string message
            = "cannot create the output folder " + options.outputDir + ": " + std::strerror(errno) + ".";
        report(out, errorEvent("output_file", message).add("file", options.outputDir), message);
        return false;
    }
    struct stat info { };
    if (::stat(options.outputDir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)
        || ::access(options.outputDir.c_str(), W_OK) != 0) {
        const std::string message = "the output folder " + options.outputDir + " is not a writable folder.";
        report(out, errorEvent("output_file", message).add("file", options.outputDir), message);
        return false;
    }
    return true;
}

int libraryError(Output& out, const AclLibrary& library)
{
    std::string tried = "[";
    std::string list;
    for (const LibraryAttempt& attempt : library.tried) {
        tried += (tried.size() > 1 ? "," : "")
            + ("{\"path\":" + quote(attempt.path) + ",\"error\":" + quote(attempt.error) + "}");
        // dlerror() usually starts with the path already.
        list += "\n  "
            + (attempt.error.rfind(attempt.path, 0) == 0 ? attempt.error : attempt.path + ": " + attempt.error);
    }
    tried += "]";
    if (!library.handle) {
        const std::string message
            = "libascendcl.so (AscendCL) was not found or could not be loaded. Install the "
              "CANN toolkit or nnrt package and source its set_env.sh, or pass --lib PATH. Tried, in order:"
            + list;
        report(out, errorEvent("library", message).raw("tried", tried), message);
        return ExitLibrary;
    }
    std::string missing = "[";
    std::string names;
    for (const std::string& name : library.missing) {
        missing += (missing.size() > 1 ? "," : "") + quote(name);
        names += (names.empty() ? "" : ", ") + name;
    }
    const std::string message = library.path + " lacks " + names + ", which om-runner needs: it is too old a "
        + "CANN release or not AscendCL. Point --lib at the libascendcl.so of a current CANN toolkit or nnrt.";
    report(out, errorEvent("symbol", message).add("library", library.path).raw("missing", missing + "]"), message);
    return ExitLibrary;
}

std::string absolutePath(const std::string& path)
{
    char resolved[PATH_MAX];
    return ::realpath(path.c_str(), resolved) ? std::string(resolved) : path;
}

int runMain(int argc, char** argv)
{
    installSignalHandlers();
    Output out(STDOUT_FILENO);
    Options options;
    std::string error;
    if (!parseOptions(argc, argv, options, error))
        return usageError(out, error);
    if (options.help) {
        std::fputs(usageText(), stdout);
        return ExitOk;
    }
    if (options.version) {
        std::printf("om-runner %s (protocol %d)\n", OMR_VERSION, Protocol);
        return ExitOk;
    }
    if (!options.bundle.empty()) {
        for (const std::string& item : options.inputs) {
            if (item != "zeros" && item != "random")
                return usageError(out, "--bundle takes --input zeros or random, not '" + item + "'");
        }
        const AclLibrary library = openAclLibrary(options.library);
        if (!library.handle || !library.missing.empty())
            return libraryError(out, library);
        return runBundle(library.api, library.path, options, out, g_stopSignal, Protocol, OMR_VERSION);
    }
    om::FileHeader header;
    if (!checkModelFile(out, options.model, header) || !checkFiles(out, options))
        return ExitUsage;
    const AclLibrary library = openAclLibrary(options.library);
    if (!library.handle || !library.missing.empty())
        return libraryError(out, library);

    options.model = absolutePath(options.model);
    std::string omJson = "{\"name\":" + quote(header.name) + ",\"version\":" + quote(om::versionText(header.version))
        + ",\"model_length\":" + std::to_string(header.modelLength) + ",\"partitions\":"
        + std::to_string(header.partitionCount) + ",\"dynamic\":" + (header.dynamic ? "true" : "false") + "}";
    Json start("start");
    start.add("protocol", Protocol).add("version", OMR_VERSION).add("model", options.model);
    start.add("model_bytes", header.fileSize).raw("om", omJson).add("library", library.path);
    start.add("loops", options.loops).add("warmup", options.warmup);
    out.event(start);

    int exit = ExitOk;
    {
        Runner runner(library.api, options, out, g_stopSignal);
        // An exception (std::bad_alloc for a huge buffer) must not skip the teardown: the runner's destructor runs
        // only when the exception is caught here, before main returns.
        try {
            exit = runner.run();
        } catch (const std::exception& e) {
            const std::string message = std::string("the run failed: ") + e.what()
                + (dynamic_cast<const std::bad_alloc*>(&e) ? " (out of memory)." : ".");
            report(out, errorEvent("internal", message), message);
            exit = ExitAclFailure;
        }
    } // teardown, in reverse order
    return exit;
}

} // namespace

int main(int argc, char** argv)
{
    return runMain(argc, argv);
}
