// Runner: warm-up, the timed loop, the summary and the output files.
#include "opprofiler.h"
#include "report.h"
#include "runner.h"
#include "stats.h"

#include <cstring>

namespace omr {

int Runner::measure()
{
    aclError failed = acl::Success;
    std::int64_t warmedUp = 0;
    for (; warmedUp < m_options.warmup; ++warmedUp) {
        if (m_stop.load(std::memory_order_relaxed) != 0 || m_out.broken())
            break;
        const std::int64_t t0 = steadyNowNs();
        failed = m_api.aclmdlExecute(m_modelId, m_input, m_output);
        const std::int64_t t1 = steadyNowNs();
        if (failed != acl::Success)
            break;
        m_out.timing("warmup", static_cast<std::uint64_t>(warmedUp), t1 - t0);
        m_out.flushIfDue(t1);
    }
    m_out.flush();

    // --profile: the model subscription covers the timed loop only (warm-up is not profiled).
    OpProfiler profiler(m_api, m_out);
    const bool profiling = m_options.profile && failed == acl::Success && profiler.start(m_modelId);

    // The timed loop: only the two clock reads and aclmdlExecute are inside the measured interval; the line is
    // formatted into a preallocated buffer afterwards and written out every 100 ms.
    std::vector<std::int64_t> samples(static_cast<std::size_t>(m_options.loops));
    std::int64_t done = 0;
    const std::int64_t start = steadyNowNs();
    for (; failed == acl::Success && done < m_options.loops; ++done) {
        if (m_stop.load(std::memory_order_relaxed) != 0 || m_out.broken())
            break;
        const std::int64_t t0 = steadyNowNs();
        const aclError rc = m_api.aclmdlExecute(m_modelId, m_input, m_output);
        const std::int64_t t1 = steadyNowNs();
        if (rc != acl::Success) {
            failed = rc;
            break;
        }
        samples[static_cast<std::size_t>(done)] = t1 - t0;
        m_out.timing("iteration", static_cast<std::uint64_t>(done), t1 - t0);
        m_out.flushIfDue(t1);
    }
    const std::int64_t end = steadyNowNs();
    m_out.flush();
    if (profiling)
        profiler.stop();

    if (failed != acl::Success)
        acl(failed, "aclmdlExecute");
    stopRequested(); // reports a signal, or a closed stdout

    const Summary s = summarise(samples, done);
    Json event("summary");
    event.add("iterations", done).add("warmup", warmedUp).add("batch", m_batch);
    event.add("complete", done == m_options.loops);
    const auto stat = [&event, &s](const char* key, double value) {
        if (s.count > 0)
            event.add(key, value, 6);
        else
            event.null(key);
    };
    stat("mean_ms", s.meanMs);
    stat("min_ms", s.minMs);
    stat("max_ms", s.maxMs);
    stat("median_ms", s.medianMs);
    stat("p90_ms", s.p90Ms);
    stat("p95_ms", s.p95Ms);
    stat("p99_ms", s.p99Ms);
    stat("stddev_ms", s.stddevMs);
    if (s.count > 0 && s.meanMs > 0)
        event.add("throughput", static_cast<double>(m_batch) * 1000.0 / s.meanMs, 3);
    else
        event.null("throughput");
    event.add("wall_ms", static_cast<double>(end - start) / 1e6, 6);
    if (profiling)
        profiler.report(done, s.count > 0 ? s.meanMs : 0.0);
    m_out.event(event);

    if (m_exit == 0 && !m_options.outputDir.empty())
        writeOutputs();
    return m_exit;
}

bool Runner::writeOutputs()
{
    for (std::size_t i = 0; i < m_outputs.size(); ++i) {
        const std::size_t bytes = bytesAtBatch(m_outputs[i].size);
        std::vector<unsigned char> data(bytes);
        if (m_runMode == acl::RunModeDevice) {
            // On the board itself device memory is host memory (msame reads it in place).
            std::memcpy(data.data(), m_outputMemory[i], bytes);
        } else if (!acl(m_api.aclrtMemcpy(data.data(), bytes, m_outputMemory[i], bytes, acl::MemcpyDeviceToHost),
                       "aclrtMemcpy")) {
            return false;
        }
        std::string path = m_options.outputDir;
        path.append("/output_").append(std::to_string(i)).append(".bin");
        std::string error;
        if (!writeFileAtomically(path, data.data(), data.size(), error)) {
            std::string message = "cannot write output " + std::to_string(i);
            message.append(" '").append(m_outputs[i].name).append("' to ").append(path).append(": ").append(error);
            message.append(". Check that the folder is writable and has space.");
            Json event = errorEvent("output_file", message);
            event.add("file", path);
            return fail(ExitUsage, event, message);
        }
        Json event("output");
        event.add("index", static_cast<std::uint64_t>(i)).add("name", m_outputs[i].name).add("path", path);
        event.add("bytes", static_cast<std::uint64_t>(bytes));
        m_out.event(event);
    }
    return true;
}

} // namespace omr
