// Replays a fuzz target's corpus in the ordinary build (no clang, no libFuzzer): every file under the corpus
// folder (which must hold at least one) and under the crashers folder (inputs that once crashed; may be absent)
// goes through LLVMFuzzerTestOneInput. A crash, an AddressSanitizer report (asan preset) or a hang fails the test;
// UBSan aborts only in the fuzz build.
//   <replay>               the folders compiled in (WB_FUZZ_CORPUS, WB_FUZZ_CRASHERS)
//   <replay> PATH...       those files or folders instead (a crasher being minimised, say)
#include "fuzztarget.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> filesUnder(const fs::path& root)
{
    std::vector<fs::path> files;
    if (fs::is_regular_file(root)) {
        files.push_back(root);
    } else if (fs::is_directory(root)) {
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            if (entry.is_regular_file() && entry.path().filename().string().front() != '.')
                files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

// Returns how many files it replayed.
std::size_t replay(const fs::path& root)
{
    std::size_t count = 0;
    for (const fs::path& file : filesUnder(root)) {
        std::ifstream in(file, std::ios::binary);
        const std::vector<char> content { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
        std::printf("replay %s (%zu bytes)\n", file.c_str(), content.size());
        std::fflush(stdout);
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(content.data()), content.size());
        ++count;
    }
    return count;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 1) {
        std::size_t count = 0;
        for (int i = 1; i < argc; ++i)
            count += replay(argv[i]);
        std::printf("%zu inputs replayed\n", count);
        return count > 0 ? 0 : 1;
    }
    const std::size_t corpus = replay(WB_FUZZ_CORPUS);
    if (corpus == 0) {
        std::fprintf(stderr, "FAIL: no corpus files under %s\n", WB_FUZZ_CORPUS);
        return 1;
    }
    const std::size_t crashers = replay(WB_FUZZ_CRASHERS);
    std::printf("%zu corpus files and %zu crashers replayed\n", corpus, crashers);
    return 0;
}
