#pragma once

// The AscendCL sequence of one run (shared/reference/runners.md §4.3): initialise, open the device, load the
// model, describe it, prepare inputs and outputs, warm up, time each aclmdlExecute, summarise, write outputs,
// and tear everything down in reverse order on every path.

#include "acl.h"
#include "options.h"
#include "output.h"
#include "tensors.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace omr {

// Undo steps, run last-in first-out exactly once; a failing step becomes a warning event.
class Teardown {
public:
    void push(const char* call, std::function<aclError()> step) { m_steps.push_back({ call, std::move(step) }); }
    void run(Output& out);

private:
    struct Step {
        const char* call;
        std::function<aclError()> undo;
    };
    std::vector<Step> m_steps;
};

class Runner {
public:
    // `stop` holds the number of the signal that asked to stop, or 0.
    Runner(const AclApi& api, const Options& options, Output& out, const std::atomic<int>& stop);
    ~Runner(); // tears down whatever was set up
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    // Runs everything; returns the exit code (see report.h). Teardown happens in the destructor.
    int run();

private:
    bool setUpDevice();
    bool loadModel();
    bool describeModel();
    bool chooseBatch(); // writes the model event, with the batch that will run
    std::string batchProblem(); // sets m_batch; a usage message when --batch does not fit the model
    bool createDataset(aclmdlDataset*& dataset, const char* which);
    bool addBuffer(aclmdlDataset* dataset, std::size_t size, std::vector<void*>& buffers);
    bool prepareInputs();
    bool fillInput(std::size_t index, const std::string& spec, std::size_t dataIndex);
    bool prepareOutputs();
    int measure();
    bool writeOutputs();

    bool acl(aclError rc, const char* call); // true on success; else reports and sets the exit code
    bool aclNull(const char* call); // a create call returned NULL (it has no error code)
    bool fail(int exitCode, const Json& event, const std::string& message);
    bool stopRequested();
    std::size_t bytesAtBatch(std::size_t fullSize) const;

    const AclApi& m_api;
    const Options& m_options;
    Output& m_out;
    const std::atomic<int>& m_stop;
    Teardown m_teardown;
    int m_exit = 0;
    bool m_stopReported = false;

    std::int32_t m_runMode = 1;
    std::uint32_t m_modelId = 0;
    aclmdlDesc* m_desc = nullptr;
    aclmdlDataset* m_input = nullptr;
    aclmdlDataset* m_output = nullptr;
    Json m_modelEvent { "model" };
    std::vector<TensorInfo> m_inputs;
    std::vector<TensorInfo> m_outputs;
    std::vector<void*> m_inputMemory;
    std::vector<void*> m_outputMemory;
    std::vector<std::uint64_t> m_gears; // dynamic batch gears as the model lists them; empty for static models
    std::size_t m_dynamicIndex = 0; // the input index of ascend_mbatch_shape_data
    std::uint64_t m_maxGear = 0;
    std::uint64_t m_batch = 1;
};

} // namespace omr
