// Runner: input buffers and how they are filled (zeros, random values, files).
#include "report.h"
#include "runner.h"

namespace omr {

namespace {

bool isKeyword(const std::string& spec)
{
    return spec == "zeros" || spec == "random";
}

} // namespace

bool Runner::prepareInputs()
{
    if (!createDataset(m_input, "aclmdlCreateDataset"))
        return false;
    std::vector<std::size_t> dataInputs; // every input but ascend_mbatch_shape_data
    for (std::size_t i = 0; i < m_inputs.size(); ++i) {
        if (m_gears.empty() || i != m_dynamicIndex)
            dataInputs.push_back(i);
    }
    std::vector<std::string> specs = m_options.inputs;
    if (specs.size() == 1 && isKeyword(specs[0]))
        specs.assign(dataInputs.size(), specs[0]);
    if (specs.size() != dataInputs.size()) {
        std::string list;
        for (std::size_t i : dataInputs)
            list += (list.empty() ? "" : ", ") + ("'" + m_inputs[i].name + "' (" + tensorText(m_inputs[i]) + ")");
        const std::string message = "--input lists " + std::to_string(specs.size()) + " items, but " + m_options.model
            + " has " + std::to_string(dataInputs.size()) + " data inputs: " + list
            + ". Give one file (or zeros/random) per input, in this order, separated by commas.";
        return fail(ExitUsage, errorEvent("usage", message), message);
    }
    for (std::size_t i = 0; i < m_inputs.size(); ++i) {
        if (m_inputs[i].size == 0) {
            const std::string message = "input " + std::to_string(i) + " '" + m_inputs[i].name + "' of "
                + m_options.model + " has size 0: its shape is only known at run time, which om-runner does not "
                + "support. Convert the model with static shapes or batch gears.";
            return fail(ExitUsage, errorEvent("unsupported", message), message);
        }
        if (!addBuffer(m_input, m_inputs[i].size, m_inputMemory))
            return false;
        // Everything starts as zeros (as msame does), the batch-shape input included.
        if (!acl(m_api.aclrtMemset(m_inputMemory[i], m_inputs[i].size, 0, m_inputs[i].size), "aclrtMemset"))
            return false;
    }
    for (std::size_t k = 0; k < dataInputs.size(); ++k) {
        if (!fillInput(dataInputs[k], specs[k], k))
            return false;
    }
    if (!m_gears.empty()
        && !acl(
            m_api.aclmdlSetDynamicBatchSize(m_modelId, m_input, m_dynamicIndex, m_batch), "aclmdlSetDynamicBatchSize"))
        return false;
    return true;
}

bool Runner::fillInput(std::size_t index, const std::string& spec, std::size_t dataIndex)
{
    const TensorInfo& tensor = m_inputs[index];
    const std::size_t bytes = bytesAtBatch(tensor.size);
    if (spec == "zeros")
        return true;
    std::vector<unsigned char> data;
    if (spec == "random") {
        data.resize(bytes);
        fillRandom(data.data(), data.size(), tensor.dtype, m_options.seed, dataIndex);
    } else {
        const std::string what = "input file " + spec + " (for input " + std::to_string(index) + " '" + tensor.name
            + "', " + tensorText(tensor) + ")";
        std::string error;
        std::uint64_t fileBytes = 0;
        // The size is checked before the file is read: a huge file is refused without allocating anything.
        if (!readFileOfSize(spec, bytes, data, fileBytes, error) && !error.empty()) {
            const std::string message = what + " cannot be read: " + error + ".";
            Json event = errorEvent("input_file", message);
            event.add("file", spec).add("input", static_cast<std::uint64_t>(index));
            return fail(ExitUsage, event, message);
        }
        if (fileBytes != bytes) {
            const std::string message = what + " has " + std::to_string(fileBytes) + " bytes, but the input takes "
                + std::to_string(bytes) + " bytes at batch " + std::to_string(m_batch)
                + ". Write the tensor's raw bytes in that shape and type (numpy: array.astype(dtype).tofile(path)).";
            Json event = errorEvent("input_file", message);
            event.add("file", spec).add("input", static_cast<std::uint64_t>(index));
            event.add("file_bytes", fileBytes).add("expected_bytes", static_cast<std::uint64_t>(bytes));
            return fail(ExitUsage, event, message);
        }
    }
    return acl(m_api.aclrtMemcpy(m_inputMemory[index], tensor.size, data.data(), data.size(), acl::MemcpyHostToDevice),
        "aclrtMemcpy");
}

} // namespace omr
