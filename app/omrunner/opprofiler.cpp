#include "opprofiler.h"

#include "aclerrors.h"
#include "report.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace omr {

namespace {

constexpr int PollMs = 100;
constexpr int QuietPollsAfterUnsubscribe = 20; // 2 s without data or EOF after unsubscribing: give up waiting

} // namespace

OpProfiler::OpProfiler(const AclApi& api, Output& out)
    : m_api(api)
    , m_out(out)
{
}

OpProfiler::~OpProfiler()
{
    stop();
}

void OpProfiler::warn(const std::string& message, const char* call, aclError rc)
{
    Json warning("warning");
    if (call)
        warning.add("call", call).add("code", rc).add("name", describeAclError(rc).name);
    omr::report(m_out, warning.add("message", message), message);
}

bool OpProfiler::start(std::uint32_t modelId)
{
    if (!m_api.aclprofModelSubscribe || !m_api.aclprofModelUnSubscribe || !m_api.aclprofCreateSubscribeConfig
        || !m_api.aclprofDestroySubscribeConfig || !m_api.aclprofGetOpDescSize || !m_api.aclprofGetOpNum
        || !m_api.aclprofGetOpNameLen || !m_api.aclprofGetOpName || !m_api.aclprofGetOpDuration) {
        warn("--profile: neither libascendcl.so nor libmsprofiler.so beside it has the model subscription calls "
             "(aclprofModelSubscribe, aclprofGetOpDuration, ...); running without an op profile. Use a CANN toolkit "
             "that ships them, or run under msprof.",
            nullptr, 0);
        return false;
    }
    if (const aclError rc = m_api.aclprofGetOpDescSize(&m_descSize); rc != acl::Success || m_descSize == 0) {
        warn("--profile: aclprofGetOpDescSize failed; running without an op profile.", "aclprofGetOpDescSize", rc);
        return false;
    }
    if (::pipe2(m_pipe, O_CLOEXEC) != 0) {
        warn(std::string("--profile: cannot create a pipe: ") + std::strerror(errno), nullptr, 0);
        return false;
    }
    m_config = m_api.aclprofCreateSubscribeConfig(1, acl::AicoreNone, &m_pipe[1]);
    if (!m_config) {
        warn("--profile: aclprofCreateSubscribeConfig returned NULL; running without an op profile.", nullptr, 0);
        ::close(m_pipe[0]);
        ::close(m_pipe[1]);
        m_pipe[0] = m_pipe[1] = -1;
        return false;
    }
    if (const aclError rc = m_api.aclprofModelSubscribe(modelId, m_config); rc != acl::Success) {
        warn("--profile: aclprofModelSubscribe failed; running without an op profile.", "aclprofModelSubscribe", rc);
        m_api.aclprofDestroySubscribeConfig(m_config);
        m_config = nullptr;
        ::close(m_pipe[0]);
        ::close(m_pipe[1]);
        m_pipe[0] = m_pipe[1] = -1;
        return false;
    }
    m_modelId = modelId;
    m_running = true;
    m_reader = std::thread([this] { readLoop(); });
    return true;
}

void OpProfiler::stop()
{
    if (!m_running)
        return;
    m_running = false;
    // After this AscendCL sends what is left and closes the write end (its documented behaviour).
    if (const aclError rc = m_api.aclprofModelUnSubscribe(m_modelId); rc != acl::Success)
        warn("--profile: aclprofModelUnSubscribe failed; the op profile may miss the last records.",
            "aclprofModelUnSubscribe", rc);
    m_unsubscribed.store(true);
    m_reader.join();
    ::close(m_pipe[0]);
    m_pipe[0] = -1;
    m_api.aclprofDestroySubscribeConfig(m_config);
    m_config = nullptr;
}

void OpProfiler::readLoop()
{
    std::vector<char> buffer(m_descSize * 256);
    int quiet = 0;
    while (true) {
        pollfd p { m_pipe[0], POLLIN, 0 };
        const int ready = ::poll(&p, 1, PollMs);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0) {
            if (m_unsubscribed.load() && ++quiet >= QuietPollsAfterUnsubscribe)
                break;
            continue;
        }
        quiet = 0;
        const ssize_t got = ::read(m_pipe[0], buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break; // EOF: AscendCL closed the write end after the unsubscription
        m_pending.insert(m_pending.end(), buffer.data(), buffer.data() + got);
        const std::size_t whole = m_pending.size() / m_descSize * m_descSize;
        if (whole > 0) {
            take(m_pending.data(), whole);
            m_pending.erase(m_pending.begin(), m_pending.begin() + static_cast<std::ptrdiff_t>(whole));
        }
    }
}

std::string OpProfiler::text(const char* data, std::size_t size, std::uint32_t index, bool name)
{
    std::size_t length = 0;
    const aclError rc = name ? m_api.aclprofGetOpNameLen(data, size, index, &length)
                             : (m_api.aclprofGetOpTypeLen ? m_api.aclprofGetOpTypeLen(data, size, index, &length) : 1);
    if (rc != acl::Success || length == 0 || length > 4096)
        return {};
    std::string value(length, '\0');
    const aclError got = name
        ? m_api.aclprofGetOpName(data, size, index, value.data(), length)
        : (m_api.aclprofGetOpType ? m_api.aclprofGetOpType(data, size, index, value.data(), length) : 1);
    if (got != acl::Success)
        return {};
    value.resize(std::strlen(value.c_str()));
    return value;
}

void OpProfiler::take(const char* data, std::size_t size)
{
    std::uint32_t count = 0;
    if (m_api.aclprofGetOpNum(data, size, &count) != acl::Success) {
        m_unreadable += size / m_descSize;
        return;
    }
    for (std::uint32_t i = 0; i < count; ++i) {
        std::string name = text(data, size, i, true);
        if (name.empty()) {
            ++m_unreadable;
            continue;
        }
        const std::uint64_t ns = m_api.aclprofGetOpDuration(data, size, i);
        Op& op = m_ops[name];
        if (op.ns.empty())
            op.type = text(data, size, i, false);
        op.ns.push_back(ns);
        op.total += ns;
        ++m_records;
    }
}

void OpProfiler::report(std::int64_t iterations, double meanIterationMs)
{
    std::vector<std::pair<const std::string*, Op*>> order;
    std::uint64_t total = 0;
    for (auto& [name, op] : m_ops) {
        order.emplace_back(&name, &op);
        total += op.total;
    }
    std::stable_sort(
        order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second->total > b.second->total; });
    for (auto& [name, op] : order) {
        std::sort(op->ns.begin(), op->ns.end());
        const std::size_t n = op->ns.size();
        const double median = n % 2 ? double(op->ns[n / 2]) : (double(op->ns[n / 2 - 1]) + double(op->ns[n / 2])) / 2.0;
        Json line("op");
        line.add("name", *name).add("type", op->type).add("count", static_cast<std::uint64_t>(n));
        line.add("total_us", double(op->total) / 1e3, 3).add("min_us", double(op->ns.front()) / 1e3, 3);
        line.add("median_us", median / 1e3, 3).add("max_us", double(op->ns.back()) / 1e3, 3);
        m_out.event(line);
    }
    Json summary("op_profile");
    summary.add("ops", static_cast<std::uint64_t>(m_ops.size())).add("records", m_records);
    summary.add("unreadable", m_unreadable).add("iterations", iterations);
    const double perIterationUs = iterations > 0 ? double(total) / 1e3 / double(iterations) : 0.0;
    summary.add("op_us_per_iteration", perIterationUs, 3);
    if (meanIterationMs > 0)
        summary.add("host_us_per_iteration", std::max(0.0, meanIterationMs * 1e3 - perIterationUs), 3);
    else
        summary.null("host_us_per_iteration");
    m_out.event(summary);
}

} // namespace omr
