#pragma once

// --profile: per-op durations of the timed loop through AscendCL's model subscription (acl_prof.h):
// aclprofCreateSubscribeConfig(1, ACL_AICORE_NONE, &pipe write end) + aclprofModelSubscribe before the loop; a
// reader thread takes the op records from the pipe (aclprofGetOpNum / GetOpName / GetOpType / GetOpDuration, as
// the documentation asks, off the main thread); aclprofModelUnSubscribe after the loop, after which AscendCL
// closes the write end. Then one "op" line per op and an "op_profile" line (README, om-runner protocol).

#include "acl.h"
#include "output.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace omr {

class OpProfiler {
public:
    OpProfiler(const AclApi& api, Output& out);
    ~OpProfiler(); // stops a subscription still running
    OpProfiler(const OpProfiler&) = delete;
    OpProfiler& operator=(const OpProfiler&) = delete;

    // Subscribes `modelId`. On failure writes a warning event (the run goes on without an op profile).
    bool start(std::uint32_t modelId);
    // Unsubscribes and waits for the reader to drain the pipe.
    void stop();
    // The "op" lines (largest total first) and the "op_profile" line for `iterations` timed iterations.
    void report(std::int64_t iterations, double meanIterationMs);

private:
    struct Op {
        std::string type;
        std::vector<std::uint64_t> ns;
        std::uint64_t total = 0;
    };
    void warn(const std::string& message, const char* call, aclError rc);
    void readLoop();
    void take(const char* data, std::size_t size);
    std::string text(const char* data, std::size_t size, std::uint32_t index, bool name);

    const AclApi& m_api;
    Output& m_out;
    std::uint32_t m_modelId = 0;
    bool m_running = false;
    aclprofSubscribeConfig* m_config = nullptr;
    int m_pipe[2] = { -1, -1 };
    std::thread m_reader;
    std::atomic<bool> m_unsubscribed { false };
    std::size_t m_descSize = 0;
    std::vector<char> m_pending;
    // Filled by the reader thread only; read after it was joined.
    std::map<std::string, Op> m_ops;
    std::uint64_t m_records = 0;
    std::uint64_t m_unreadable = 0; // records whose name or duration could not be read
};

} // namespace omr
