// fake_msprof: msprof's command line for collecting an application's profile, for the bench tests. Never
// installed. `fake_msprof --output=DIR --application="PROGRAM ARGS"` runs the application through /bin/sh (its
// stdout and stderr pass through, as msprof's do), then writes what msprof exports:
//   DIR/PROF_000001_20261207120000000_FAKEPROF/mindstudio_profiler_output/op_summary_20261207120000.csv
// with the current header, FAKE_MSPROF_ITERATIONS (default 2) Infer IDs and the ops of FAKE_MSPROF_OPS
// ("name:type:task_type:us,...", default conv1:Conv2D:AI_CORE:110,relu1:Relu:AI_VECTOR_CORE:9,
// cast1:Cast:AI_CPU:40). FAKE_MSPROF_NO_EXPORT=1 writes only the raw device_0/data folder (no CSV), as an msprof
// that collected but did not export. Exits with the application's status; 1 with a usage message otherwise.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

bool makeDirs(const std::string& path)
{
    std::string at;
    for (size_t i = 0; i <= path.size(); ++i) {
        if (i == path.size() || path[i] == '/') {
            if (!at.empty())
                ::mkdir(at.c_str(), 0755);
        }
        if (i < path.size())
            at.push_back(path[i]);
    }
    struct stat info { };
    return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        const size_t at = text.find(separator, start);
        parts.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos)
            return parts;
        start = at + 1;
    }
}

} // namespace

int main(int argc, char** argv)
{
    std::string output;
    std::string application;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind("--output=", 0) == 0)
            output = a.substr(9);
        else if (a.rfind("--application=", 0) == 0)
            application = a.substr(14);
    }
    if (output.empty() || application.empty()) {
        std::fprintf(stderr, "[ERROR] fake_msprof: --output=DIR and --application=\"APP ARGS\" are required\n");
        return 1;
    }
    std::printf("[INFO] Start profiling....\n");
    std::fflush(stdout);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::execl("/bin/sh", "sh", "-c", application.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 1;

    const std::string prof = output + "/PROF_000001_20261207120000000_FAKEPROF";
    if (!makeDirs(prof + "/device_0/data")) {
        std::fprintf(stderr, "[ERROR] fake_msprof: cannot create %s\n", prof.c_str());
        return 1;
    }
    const char* noExport = std::getenv("FAKE_MSPROF_NO_EXPORT");
    if (!(noExport && std::string(noExport) == "1")) {
        const std::string dir = prof + "/mindstudio_profiler_output";
        makeDirs(dir);
        const char* opsEnv = std::getenv("FAKE_MSPROF_OPS");
        const std::string ops
            = opsEnv && *opsEnv ? opsEnv : "conv1:Conv2D:AI_CORE:110,relu1:Relu:AI_VECTOR_CORE:9,cast1:Cast:AI_CPU:40";
        const char* itEnv = std::getenv("FAKE_MSPROF_ITERATIONS");
        const int iterations = itEnv ? std::atoi(itEnv) : 2;
        std::FILE* f = std::fopen((dir + "/op_summary_20261207120000.csv").c_str(), "w");
        if (!f)
            return 1;
        std::fprintf(f,
            "Device_id,Model Name,Model ID,Task ID,Stream ID,Infer ID,Op Name,OP Type,OP State,Task Type,"
            "Task Start Time(us),Task Duration(us),Task Wait Time(us),Block Dim,Mix Block Dim\n");
        int task = 1;
        for (int it = 1; it <= iterations; ++it) {
            for (const std::string& op : split(ops, ',')) {
                const std::vector<std::string> f4 = split(op, ':');
                if (f4.size() != 4)
                    continue;
                std::fprintf(f, "0,model,1,%d,2,%d,%s,%s,static,%s,%d.000\t,%s,0.1\t,8,0\n", task, it, f4[0].c_str(),
                    f4[1].c_str(), f4[2].c_str(), 1000 + task, f4[3].c_str());
                ++task;
            }
        }
        std::fclose(f);
    }
    std::printf("[INFO] Process profiling data complete. Data is saved in %s\n", prof.c_str());
    return code;
}
