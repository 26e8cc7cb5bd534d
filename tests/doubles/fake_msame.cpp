// fake_msame: a stand-in for Huawei's msame (github.com/Ascend/tools msame/) for the bench tests. TEST DOUBLE ONLY —
// never installed, never shipped, never linked into the application.
//
// Prints msame's console output (shared/reference/runners.md §1.3; the lines of the recorded sample
// tests/data/runners/msame_02_loop10_full_lifecycle.log) for the requested --loop: one "[INFO] model execute
// success" + "Inference time: <t>ms" per loop, the times taken in turn from the sample (65.768, 65.495, ...), then
// "Inference average time: %f ms" and, for more than one loop, "... without first time". Writes
// <output>/<timestamp>/<model>_output_0.bin. Option checks behave like msame's: a --model without ".om", a --loop
// outside 1..100 or an unknown option print an [ERROR] line and exit 0 (sic). Every line is flushed.
//
// Environment:
//   FAKE_MSAME_FAIL      load          "[ERROR] load model from file failed, model file is ...", exit 1
//                        create_output the msame_05 sample's failure (EH0001 + [ERROR] lines), exit 1
//                        execute       "[ERROR] execute model failed, modelId is 1" after 2 loops, exit 1
//                        crash         abort() after 2 loops
//   FAKE_MSAME_DELAY_MS  pause before each loop (for cancel tests)
//   FAKE_MSAME_ARGS      a file to which the argv is written, one argument a line
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

const double kSampleTimes[] = { 65.768, 65.495, 65.494, 65.435, 65.544, 65.56, 65.554, 65.517, 65.522, 65.56 };

std::string env(const char* name)
{
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

void line(const std::string& text)
{
    std::fputs(text.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void info(const std::string& text)
{
    line("[INFO] " + text);
}

void teardown(int device)
{
    info("end to destroy stream");
    info("end to destroy context");
    info("end to reset device is " + std::to_string(device));
    info("end to finalize acl");
}

// cout's default formatting of a double: 6 significant digits, no trailing zeros ("65.56", "105.42").
std::string coutDouble(double v)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return buffer;
}

std::string baseName(const std::string& path)
{
    std::string name = path.substr(path.find_last_of('/') + 1);
    const auto dot = name.rfind(".om");
    return dot == std::string::npos ? name : name.substr(0, dot);
}

} // namespace

int main(int argc, char** argv)
{
    if (const std::string file = env("FAKE_MSAME_ARGS"); !file.empty()) {
        if (FILE* f = std::fopen(file.c_str(), "w")) {
            for (int i = 0; i < argc; ++i)
                std::fprintf(f, "%s\n", argv[i]);
            std::fclose(f);
        }
    }
    std::string model, output, input;
    int loop = 1, device = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string key = argv[i];
        const std::string value = i + 1 < argc ? argv[i + 1] : "";
        if (key == "--help") {
            line("msame --model MODEL --output DIR [--loop N] [--device N] [--input FILES] [--outfmt TXT|BIN]");
            return 0;
        }
        if (key == "--model")
            model = value;
        else if (key == "--output")
            output = value;
        else if (key == "--input")
            input = value;
        else if (key == "--loop")
            loop = std::atoi(value.c_str());
        else if (key == "--device")
            device = std::atoi(value.c_str());
        else if (key != "--outfmt" && key != "--debug" && key != "--dymBatch") {
            line("[ERROR] unknown paramenter");
            line("[ERROR] Execute sample failed");
            return 0;
        }
        ++i;
    }
    if (model.find(".om") == std::string::npos) {
        line("[ERROR] input model file type is not .om , please check your model type!");
        return 0;
    }
    if (loop < 1 || loop > 100) {
        line("[ERROR] loop must in 1 to 100");
        return 0;
    }
    const std::string fail = env("FAKE_MSAME_FAIL");
    const int delayMs = std::atoi(env("FAKE_MSAME_DELAY_MS").c_str());

    info("acl init success");
    info("open device " + std::to_string(device) + " success");
    info("create context success");
    info("create stream success");
    info("get run mode success");
    if (fail == "load") {
        line("[ERROR] load model from file failed, model file is " + model);
        line("[ERROR] Sample process failed");
        teardown(device);
        return 1;
    }
    info("load model " + model + " success");
    info("create model description success");
    info("get input dynamic gear count success");
    if (fail == "create_output") {
        line("EH0001: Value [0] for [size] is invalid. Reason: size must be greater than zero.");
        line("");
        line("[ERROR] can't malloc buffer, size is 0, create output failed");
        line("[ERROR] create model output failed");
        info("unload model success, model Id is 1");
        line("[ERROR] Sample process failed");
        teardown(device);
        return 1;
    }
    info("create model output success");
    const std::string dir = output + "/20211128_191144_" + std::to_string(getpid());
    ::mkdir(output.c_str(), 0755);
    ::mkdir(dir.c_str(), 0755);
    line(dir);
    if (!input.empty())
        info("start to process file:" + input.substr(0, input.find(',')));

    double sum = 0;
    for (int i = 0; i < loop; ++i) {
        if (delayMs > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        if (i == 2 && fail == "crash")
            std::abort();
        if (i == 2 && fail == "execute") {
            line("[ERROR] execute model failed, modelId is 1");
            line("[ERROR] Sample process failed");
            teardown(device);
            return 1;
        }
        const double t = kSampleTimes[i % (sizeof kSampleTimes / sizeof kSampleTimes[0])];
        sum += t;
        info("model execute success");
        line("Inference time: " + coutDouble(t) + "ms");
    }
    if (FILE* f = std::fopen((dir + "/" + baseName(model) + "_output_0.bin").c_str(), "wb")) {
        const float zero[4] = {};
        std::fwrite(zero, sizeof zero, 1, f);
        std::fclose(f);
    }
    info("get max dynamic batch size success");
    info("output data success");
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, "Inference average time: %f ms", sum / loop);
    line(buffer);
    if (loop > 1) {
        std::snprintf(buffer, sizeof buffer, "Inference average time without first time: %f ms",
            (sum - kSampleTimes[0]) / (loop - 1));
        line(buffer);
    }
    info("destroy model input success.");
    info("unload model success, model Id is 1");
    info("pid: " + std::to_string(getpid()) + " Execute sample success");
    teardown(device);
    return 0;
}
