#include "runner.h"

#include "aclerrors.h"
#include "report.h"

#include <algorithm>
#include <csignal>
#include <cstring>

namespace omr {

void Teardown::run(Output& out)
{
    while (!m_steps.empty()) {
        const Step step = std::move(m_steps.back());
        m_steps.pop_back();
        const aclError rc = step.undo();
        if (rc != acl::Success) {
            const AclErrorText text = describeAclError(rc);
            const std::string message = std::string(step.call) + " failed with " + std::to_string(rc) + " " + text.name
                + " while tearing down; the run's results stand. " + text.message;
            Json warning("warning");
            warning.add("call", step.call).add("code", rc).add("name", text.name).add("message", message);
            report(out, warning, message);
        }
    }
}

Runner::Runner(const AclApi& api, const Options& options, Output& out, const std::atomic<int>& stop)
    : m_api(api)
    , m_options(options)
    , m_out(out)
    , m_stop(stop)
{
}

Runner::~Runner()
{
    m_teardown.run(m_out);
}

bool Runner::acl(aclError rc, const char* call)
{
    if (rc == acl::Success)
        return true;
    const AclErrorText text = describeAclError(rc);
    const char* recent = m_api.aclGetRecentErrMsg ? m_api.aclGetRecentErrMsg() : nullptr;
    Json event = errorEvent("acl", text.message);
    event.add("code", rc).add("name", text.name).add("acl_message", recent).add("call", call);
    std::string message
        = std::string(call) + " failed with " + std::to_string(rc) + " " + text.name + ": " + text.message;
    if (recent && *recent)
        message += " AscendCL says: " + std::string(recent);
    return fail(ExitAclFailure, event, message);
}

bool Runner::aclNull(const char* call)
{
    const char* recent = m_api.aclGetRecentErrMsg ? m_api.aclGetRecentErrMsg() : nullptr;
    const std::string text = std::string(call)
        + " returned no object (NULL): AscendCL could not create it, most likely for lack of memory.";
    Json event = errorEvent("acl", text);
    event.null("code").null("name").add("acl_message", recent).add("call", call);
    std::string message = text;
    if (recent && *recent)
        message += " AscendCL says: " + std::string(recent);
    return fail(ExitAclFailure, event, message);
}

bool Runner::fail(int exitCode, const Json& event, const std::string& message)
{
    if (m_exit == 0)
        m_exit = exitCode;
    report(m_out, event, message);
    return false;
}

bool Runner::stopRequested()
{
    if (m_out.broken()) { // the reader went away: stop as SIGPIPE would, but tear down first
        if (m_exit == 0)
            m_exit = ExitSignalBase + SIGPIPE;
        return true;
    }
    const int signal = m_stop.load(std::memory_order_relaxed);
    if (signal == 0)
        return false;
    if (!m_stopReported) {
        m_stopReported = true;
        m_out.event(Json("stopped").add("signal", signalName(signal)));
        if (m_exit == 0)
            m_exit = ExitSignalBase + signal;
    }
    return true;
}

std::size_t Runner::bytesAtBatch(std::size_t fullSize) const
{
    // Sizes of a dynamic-batch model are those of its largest gear; a smaller gear uses the leading part.
    if (m_gears.empty() || m_maxGear == 0 || fullSize % m_maxGear != 0)
        return fullSize;
    return static_cast<std::size_t>(fullSize / m_maxGear * m_batch);
}

int Runner::run()
{
    const bool ready = setUpDevice() && !stopRequested() && loadModel() && describeModel() && chooseBatch()
        && !stopRequested() && prepareInputs() && prepareOutputs() && !stopRequested();
    if (!ready)
        return m_exit;
    const int exit = measure();
    return exit;
}

bool Runner::setUpDevice()
{
    if (!acl(m_api.aclInit(nullptr), "aclInit"))
        return false;
    m_teardown.push("aclFinalize", [this] { return m_api.aclFinalize(); });
    const int32_t device = m_options.device;
    if (!acl(m_api.aclrtSetDevice(device), "aclrtSetDevice"))
        return false;
    m_teardown.push("aclrtResetDevice", [this, device] { return m_api.aclrtResetDevice(device); });
    aclrtContext context = nullptr;
    if (!acl(m_api.aclrtCreateContext(&context, device), "aclrtCreateContext"))
        return false;
    m_teardown.push("aclrtDestroyContext", [this, context] { return m_api.aclrtDestroyContext(context); });
    aclrtStream stream = nullptr;
    if (!acl(m_api.aclrtCreateStream(&stream), "aclrtCreateStream"))
        return false;
    m_teardown.push("aclrtDestroyStream", [this, stream] { return m_api.aclrtDestroyStream(stream); });
    if (!acl(m_api.aclrtGetRunMode(&m_runMode), "aclrtGetRunMode"))
        return false;

    Json event("device");
    event.add("device", m_options.device);
    event.add("soc", m_api.aclrtGetSocName ? m_api.aclrtGetSocName() : nullptr);
    event.add("run_mode", m_runMode == acl::RunModeDevice ? "device" : "host");
    int32_t major = 0;
    int32_t minor = 0;
    int32_t patch = 0;
    if (m_api.aclrtGetVersion && m_api.aclrtGetVersion(&major, &minor, &patch) == acl::Success)
        event.add("acl_version", std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch));
    else
        event.null("acl_version");
    m_out.event(event);
    return true;
}

bool Runner::loadModel()
{
    if (!acl(m_api.aclmdlLoadFromFile(m_options.model.c_str(), &m_modelId), "aclmdlLoadFromFile"))
        return false;
    const uint32_t id = m_modelId;
    m_teardown.push("aclmdlUnload", [this, id] { return m_api.aclmdlUnload(id); });
    m_desc = m_api.aclmdlCreateDesc();
    if (!m_desc)
        return aclNull("aclmdlCreateDesc");
    m_teardown.push("aclmdlDestroyDesc", [this] { return m_api.aclmdlDestroyDesc(m_desc); });
    return acl(m_api.aclmdlGetDesc(m_desc, m_modelId), "aclmdlGetDesc");
}

bool Runner::describeModel()
{
    const auto describe = [this](bool input, std::size_t index, TensorInfo& tensor) {
        const char* name
            = input ? m_api.aclmdlGetInputNameByIndex(m_desc, index) : m_api.aclmdlGetOutputNameByIndex(m_desc, index);
        tensor.name = name ? name : "";
        tensor.size
            = input ? m_api.aclmdlGetInputSizeByIndex(m_desc, index) : m_api.aclmdlGetOutputSizeByIndex(m_desc, index);
        tensor.dtype
            = input ? m_api.aclmdlGetInputDataType(m_desc, index) : m_api.aclmdlGetOutputDataType(m_desc, index);
        tensor.format = input ? m_api.aclmdlGetInputFormat(m_desc, index) : m_api.aclmdlGetOutputFormat(m_desc, index);
        aclmdlIODims dims {};
        const aclError rc
            = input ? m_api.aclmdlGetInputDims(m_desc, index, &dims) : m_api.aclmdlGetOutputDims(m_desc, index, &dims);
        if (!acl(rc, input ? "aclmdlGetInputDims" : "aclmdlGetOutputDims"))
            return false;
        const std::size_t count = std::min<std::size_t>(dims.dimCount, 128);
        tensor.dims.assign(dims.dims, dims.dims + count);
        return true;
    };
    m_inputs.resize(m_api.aclmdlGetNumInputs(m_desc));
    for (std::size_t i = 0; i < m_inputs.size(); ++i) {
        if (!describe(true, i, m_inputs[i]))
            return false;
    }
    m_outputs.resize(m_api.aclmdlGetNumOutputs(m_desc));
    for (std::size_t i = 0; i < m_outputs.size(); ++i) {
        if (!describe(false, i, m_outputs[i]))
            return false;
    }

    aclmdlBatch batch {};
    if (const aclError rc = m_api.aclmdlGetDynamicBatch(m_desc, &batch); rc == acl::Success) {
        const std::size_t count = std::min<std::size_t>(batch.batchCount, 128);
        m_gears.assign(batch.batch, batch.batch + count);
    } else {
        const std::string message = "aclmdlGetDynamicBatch failed with " + std::to_string(rc)
            + "; running the model as one without batch gears.";
        Json warning("warning");
        warning.add("call", "aclmdlGetDynamicBatch").add("code", rc).add("name", describeAclError(rc).name);
        report(m_out, warning.add("message", message), message);
    }
    if (!m_gears.empty()) {
        m_maxGear = *std::max_element(m_gears.begin(), m_gears.end());
        if (!acl(m_api.aclmdlGetInputIndexByName(m_desc, acl::DynamicTensorName, &m_dynamicIndex),
                "aclmdlGetInputIndexByName"))
            return false;
    }

    std::string inputs = "[";
    for (std::size_t i = 0; i < m_inputs.size(); ++i)
        inputs += (i ? "," : "") + tensorJson(i, m_inputs[i]);
    std::string outputs = "[";
    for (std::size_t i = 0; i < m_outputs.size(); ++i)
        outputs += (i ? "," : "") + tensorJson(i, m_outputs[i]);
    std::string gears = "[";
    for (std::size_t i = 0; i < m_gears.size(); ++i)
        gears += (i ? "," : "") + std::to_string(m_gears[i]);
    m_modelEvent.add("model_id", static_cast<std::uint64_t>(m_modelId)).raw("inputs", inputs + "]");
    m_modelEvent.raw("outputs", outputs + "]").raw("dynamic_batch", gears + "]");
    if (!m_gears.empty())
        m_modelEvent.add("dynamic_input", static_cast<std::uint64_t>(m_dynamicIndex));
    else
        m_modelEvent.null("dynamic_input");
    return true; // chooseBatch() adds the batch and writes the event
}

bool Runner::chooseBatch()
{
    const std::string problem = batchProblem();
    if (problem.empty())
        m_modelEvent.add("batch", m_batch);
    else
        m_modelEvent.null("batch");
    m_out.event(m_modelEvent);
    return problem.empty() || fail(ExitUsage, errorEvent("usage", problem), problem);
}

std::string Runner::batchProblem()
{
    std::string gearList;
    for (std::size_t i = 0; i < m_gears.size(); ++i)
        gearList += (i ? ", " : "") + std::to_string(m_gears[i]);
    if (m_gears.empty()) {
        // A static model: its batch is the leading dimension of its first input.
        const std::int64_t own
            = !m_inputs.empty() && !m_inputs[0].dims.empty() && m_inputs[0].dims[0] > 0 ? m_inputs[0].dims[0] : 1;
        if (m_options.batch != 0 && m_options.batch != own) {
            return "--batch " + std::to_string(m_options.batch) + " cannot be used: " + m_options.model
                + " has no dynamic batch gears (its batch is fixed at " + std::to_string(own)
                + "). Leave out --batch, or convert the model with ATC's --dynamic_batch_size.";
        }
        m_batch = static_cast<std::uint64_t>(own);
        return {};
    }
    if (m_options.batch == 0) {
        m_batch = *std::min_element(m_gears.begin(), m_gears.end());
    } else {
        m_batch = static_cast<std::uint64_t>(m_options.batch);
        if (std::find(m_gears.begin(), m_gears.end(), m_batch) == m_gears.end()) {
            return "--batch " + std::to_string(m_options.batch) + " is not one of the batch gears of " + m_options.model
                + " (" + gearList + "). Pick one of those, or convert the model again with "
                + "the gear in ATC's --dynamic_batch_size.";
        }
    }
    return {};
}

bool Runner::createDataset(aclmdlDataset*& dataset, const char* which)
{
    dataset = m_api.aclmdlCreateDataset();
    if (!dataset)
        return aclNull(which);
    aclmdlDataset* created = dataset;
    m_teardown.push("aclmdlDestroyDataset", [this, created] { return m_api.aclmdlDestroyDataset(created); });
    return true;
}

bool Runner::addBuffer(aclmdlDataset* dataset, std::size_t size, std::vector<void*>& buffers)
{
    void* memory = nullptr;
    if (!acl(m_api.aclrtMalloc(&memory, size, acl::MallocHugeFirst), "aclrtMalloc"))
        return false;
    m_teardown.push("aclrtFree", [this, memory] { return m_api.aclrtFree(memory); });
    buffers.push_back(memory);
    aclDataBuffer* buffer = m_api.aclCreateDataBuffer(memory, size);
    if (!buffer)
        return aclNull("aclCreateDataBuffer");
    m_teardown.push("aclDestroyDataBuffer", [this, buffer] { return m_api.aclDestroyDataBuffer(buffer); });
    return acl(m_api.aclmdlAddDatasetBuffer(dataset, buffer), "aclmdlAddDatasetBuffer");
}

bool Runner::prepareOutputs()
{
    if (!createDataset(m_output, "aclmdlCreateDataset"))
        return false;
    for (std::size_t i = 0; i < m_outputs.size(); ++i) {
        if (m_outputs[i].size == 0) {
            const std::string message = "output " + std::to_string(i) + " '" + m_outputs[i].name + "' of "
                + m_options.model + " has size 0: its shape is only known at run time, which om-runner does not "
                + "support. Convert the model with static shapes or batch gears.";
            return fail(ExitUsage, errorEvent("unsupported", message), message);
        }
        if (!addBuffer(m_output, m_outputs[i].size, m_outputMemory))
            return false;
    }
    return true;
}

} // namespace omr
