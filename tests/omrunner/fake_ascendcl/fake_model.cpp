// The model half of the fake libascendcl.so (acl_mdl.h calls); see fake_ascendcl.cpp for its behaviour.
#include "fake_profiling.h"
#include "fakestate.h"

#include "run/omfileheader.h"

#include <algorithm>
#include <cstring>
#include <fstream>

using namespace fakeacl;

namespace {

// Bytes of input/output `index` of `shape` (inputs at the largest gear; the batch-shape input is 8 bytes).
size_t bytesOf(const ModelShape& shape, size_t index, bool input)
{
    const bool batchShape = input && shape.dynamic() && index == shape.dynamicIndex;
    return tensorBytes((input ? shape.inputs : shape.outputs)[index], shape.dynamic() && !batchShape, shape.maxGear);
}

const Tensor* tensorAt(const aclmdlDesc* desc, size_t index, bool input)
{
    if (!desc)
        return nullptr;
    const std::vector<Tensor>& tensors = input ? modelShape(desc->modelId).inputs : modelShape(desc->modelId).outputs;
    if (!desc || desc->modelId == 0 || index >= tensors.size())
        return nullptr;
    return &tensors[index];
}

aclError dimsOf(const aclmdlDesc* desc, size_t index, aclmdlIODims* dims, bool input)
{
    const Tensor* tensor = tensorAt(desc, index, input);
    if (!tensor || !dims)
        return failure(input ? "aclmdlGetInputDims" : "aclmdlGetOutputDims", InvalidParam, "bad index");
    std::memset(dims, 0, sizeof *dims);
    std::strncpy(dims->name, tensor->name.c_str(), sizeof dims->name - 1);
    dims->dimCount = tensor->dims.size();
    for (size_t i = 0; i < tensor->dims.size() && i < 128; ++i)
        dims->dims[i] = tensor->dims[i];
    const ModelShape& shape = modelShape(desc->modelId);
    const bool batchShape = input && shape.dynamic() && index == shape.dynamicIndex;
    if (shape.dynamic() && !batchShape && dims->dimCount > 0)
        dims->dims[0] = -1;
    return 0;
}

#ifndef FAKE_ACL_WITHOUT_EXECUTE
// The batch aclmdlExecute runs at: the gear set on the dataset, or a static model's leading dimension.
uint64_t batchOf(const ModelShape& shape, const aclmdlDataset* input)
{
    if (shape.dynamic())
        return input->batch;
    const std::vector<Tensor>& inputs = shape.inputs;
    return !inputs.empty() && !inputs[0].dims.empty() && inputs[0].dims[0] > 0 ? uint64_t(inputs[0].dims[0]) : 1;
}

void writeOutputs(const ModelShape& shape, const aclmdlDataset* input, aclmdlDataset* output, uint64_t batch)
{
    unsigned seed = 0;
    if (!input->buffers.empty()) {
        const auto* first = static_cast<const unsigned char*>(input->buffers[0]->data);
        for (size_t i = 0; i < 16 && i < input->buffers[0]->size; ++i)
            seed += first[i];
        seed %= 256;
    }
    for (size_t o = 0; o < output->buffers.size(); ++o) {
        const size_t full = bytesOf(shape, o, false);
        const size_t bytes = shape.dynamic() ? full / shape.maxGear * batch : full;
        auto* data = static_cast<unsigned char*>(output->buffers[o]->data);
        if (shape.outputs[o].dtype == 0) {
            for (size_t k = 0; k < bytes / 4; ++k) {
                const float value = float(k) + 0.5f * float(seed);
                std::memcpy(data + k * 4, &value, 4);
            }
        } else {
            for (size_t k = 0; k < bytes; ++k)
                data[k] = static_cast<unsigned char>((k + seed) & 0xFF);
        }
    }
}
#endif

} // namespace

extern "C" {

aclError aclmdlLoadFromFile(const char* path, uint32_t* modelId)
{
    FAKE_NEED_INIT(aclmdlLoadFromFile);
    FAKE_INJECT(aclmdlLoadFromFile);
    if (state().device < 0)
        return failure("aclmdlLoadFromFile", InvalidParam, "no device set");
    std::ifstream file(path, std::ios::binary | std::ios::ate);
    if (!file)
        return failure("aclmdlLoadFromFile", InvalidFile, std::string("cannot open ") + path);
    const auto size = static_cast<uint64_t>(file.tellg());
    unsigned char start[wb::om::BytesToParse] = {};
    file.seekg(0);
    file.read(reinterpret_cast<char*>(start), sizeof start);
    const wb::om::FileHeader header = wb::om::parseFileHeader(start, size_t(file.gcount()), size);
    if (!header.valid) {
        const bool sizeProblem
            = header.error == wb::om::HeaderError::Truncated || header.error == wb::om::HeaderError::TrailingBytes;
        return failure("aclmdlLoadFromFile", sizeProblem ? ModelSizeInvalid : InvalidFile, header.message);
    }
    *modelId = state().nextModel++;
    const int id = state().nextId++;
    state().models[*modelId] = id;
    loadModelShape(*modelId, path);
    logLine("+model " + std::to_string(id));
    return 0;
}

aclError aclmdlUnload(uint32_t modelId)
{
    const auto it = state().models.find(modelId);
    if (it == state().models.end()) {
        logLine("!unknown model");
        return failure("aclmdlUnload", InvalidModelId, "model not loaded");
    }
    logLine("-model " + std::to_string(it->second));
    state().models.erase(it);
    return injected("aclmdlUnload");
}

aclmdlDesc* aclmdlCreateDesc()
{
    if (injected("aclmdlCreateDesc"))
        return nullptr;
    auto* desc = new aclmdlDesc { 0, 0 };
    desc->id = track("desc", desc);
    return desc;
}

aclError aclmdlDestroyDesc(aclmdlDesc* desc)
{
    if (!untrack("desc", desc))
        return failure("aclmdlDestroyDesc", InvalidParam, "unknown description");
    delete desc;
    return injected("aclmdlDestroyDesc");
}

aclError aclmdlGetDesc(aclmdlDesc* desc, uint32_t modelId)
{
    FAKE_INJECT(aclmdlGetDesc);
    if (!desc || state().models.count(modelId) == 0)
        return failure("aclmdlGetDesc", InvalidModelId, "model not loaded");
    desc->modelId = modelId;
    return 0;
}

size_t aclmdlGetNumInputs(aclmdlDesc* desc)
{
    return desc && desc->modelId ? modelShape(desc->modelId).inputs.size() : 0;
}
size_t aclmdlGetNumOutputs(aclmdlDesc* desc)
{
    return desc && desc->modelId ? modelShape(desc->modelId).outputs.size() : 0;
}

size_t aclmdlGetInputSizeByIndex(aclmdlDesc* desc, size_t index)
{
    return tensorAt(desc, index, true) ? bytesOf(modelShape(desc->modelId), index, true) : 0;
}

size_t aclmdlGetOutputSizeByIndex(aclmdlDesc* desc, size_t index)
{
    return tensorAt(desc, index, false) ? bytesOf(modelShape(desc->modelId), index, false) : 0;
}

const char* aclmdlGetInputNameByIndex(const aclmdlDesc* desc, size_t index)
{
    const Tensor* tensor = tensorAt(desc, index, true);
    return tensor ? tensor->name.c_str() : "";
}

const char* aclmdlGetOutputNameByIndex(const aclmdlDesc* desc, size_t index)
{
    const Tensor* tensor = tensorAt(desc, index, false);
    return tensor ? tensor->name.c_str() : "";
}

aclError aclmdlGetInputDims(const aclmdlDesc* desc, size_t index, aclmdlIODims* dims)
{
    FAKE_INJECT(aclmdlGetInputDims);
    return dimsOf(desc, index, dims, true);
}

aclError aclmdlGetOutputDims(const aclmdlDesc* desc, size_t index, aclmdlIODims* dims)
{
    FAKE_INJECT(aclmdlGetOutputDims);
    return dimsOf(desc, index, dims, false);
}

int32_t aclmdlGetInputFormat(const aclmdlDesc* desc, size_t index)
{
    const Tensor* tensor = tensorAt(desc, index, true);
    return tensor && tensor->dims.size() == 4 ? 0 : 2; // NCHW for images, else ND
}

int32_t aclmdlGetOutputFormat(const aclmdlDesc*, size_t)
{
    return 2;
}

int32_t aclmdlGetInputDataType(const aclmdlDesc* desc, size_t index)
{
    const Tensor* tensor = tensorAt(desc, index, true);
    return tensor ? tensor->dtype : -1;
}

int32_t aclmdlGetOutputDataType(const aclmdlDesc* desc, size_t index)
{
    const Tensor* tensor = tensorAt(desc, index, false);
    return tensor ? tensor->dtype : -1;
}

aclError aclmdlGetInputIndexByName(const aclmdlDesc* desc, const char* name, size_t* index)
{
    FAKE_INJECT(aclmdlGetInputIndexByName);
    if (!desc || !desc->modelId)
        return failure("aclmdlGetInputIndexByName", InvalidParam, "description not filled");
    const std::vector<Tensor>& inputs = modelShape(desc->modelId).inputs;
    for (size_t i = 0; i < inputs.size(); ++i) {
        if (inputs[i].name == name) {
            *index = i;
            return 0;
        }
    }
    return failure("aclmdlGetInputIndexByName", InvalidParam, std::string("no input named ") + name);
}

aclError aclmdlGetDynamicBatch(const aclmdlDesc* desc, aclmdlBatch* batch)
{
    FAKE_INJECT(aclmdlGetDynamicBatch);
    if (!desc || !desc->modelId)
        return failure("aclmdlGetDynamicBatch", InvalidParam, "description not filled");
    const std::vector<uint64_t>& gears = modelShape(desc->modelId).gears;
    batch->batchCount = std::min<size_t>(gears.size(), 128);
    std::copy_n(gears.begin(), batch->batchCount, batch->batch);
    return 0;
}

aclmdlDataset* aclmdlCreateDataset()
{
    if (injected("aclmdlCreateDataset"))
        return nullptr;
    auto* dataset = new aclmdlDataset { {}, 0, 0 };
    dataset->id = track("dataset", dataset);
    return dataset;
}

aclError aclmdlDestroyDataset(const aclmdlDataset* dataset)
{
    if (!untrack("dataset", dataset))
        return failure("aclmdlDestroyDataset", InvalidParam, "unknown dataset");
    delete dataset;
    return injected("aclmdlDestroyDataset");
}

aclError aclmdlAddDatasetBuffer(aclmdlDataset* dataset, aclDataBuffer* buffer)
{
    FAKE_INJECT(aclmdlAddDatasetBuffer);
    if (!dataset || !buffer)
        return failure("aclmdlAddDatasetBuffer", InvalidParam, "null dataset or buffer");
    dataset->buffers.push_back(buffer);
    return 0;
}

aclError aclmdlSetDynamicBatchSize(uint32_t modelId, aclmdlDataset* dataset, size_t index, uint64_t batch)
{
    FAKE_INJECT(aclmdlSetDynamicBatchSize);
    if (state().models.count(modelId) == 0)
        return failure("aclmdlSetDynamicBatchSize", InvalidModelId, "model not loaded");
    const ModelShape& shape = modelShape(modelId);
    if (!shape.dynamic())
        return failure("aclmdlSetDynamicBatchSize", NotDynamic, "static model");
    const std::vector<uint64_t>& gears = shape.gears;
    if (!dataset || index != shape.dynamicIndex || index >= dataset->buffers.size()
        || std::find(gears.begin(), gears.end(), batch) == gears.end())
        return failure("aclmdlSetDynamicBatchSize", InvalidParam, "bad index, dataset or gear");
    dataset->batch = batch;
    logLine("batch " + std::to_string(batch));
    return 0;
}

#ifndef FAKE_ACL_WITHOUT_EXECUTE
aclError aclmdlExecute(uint32_t modelId, const aclmdlDataset* input, aclmdlDataset* output)
{
    FAKE_INJECT(aclmdlExecute);
    if (state().models.count(modelId) == 0)
        return failure("aclmdlExecute", InvalidModelId, "model not loaded");
    const ModelShape& shape = modelShape(modelId);
    if (!input || input->buffers.size() != shape.inputs.size() || (shape.dynamic() && input->batch == 0))
        return failure("aclmdlExecute", InputNotMatch, "input count differs or no batch gear set");
    for (size_t i = 0; i < shape.inputs.size(); ++i) {
        if (input->buffers[i]->size < bytesOf(shape, i, true))
            return failure("aclmdlExecute", InputNotMatch, "input buffer too small");
    }
    if (!output || output->buffers.size() != shape.outputs.size())
        return failure("aclmdlExecute", OutputNotMatch, "output count differs");
    for (size_t i = 0; i < shape.outputs.size(); ++i) {
        if (output->buffers[i]->size < bytesOf(shape, i, false))
            return failure("aclmdlExecute", OutputNotMatch, "output buffer too small");
    }
    const uint64_t batch = batchOf(shape, input);
    if (config().log)
        logLine("execute " + std::to_string(batch));
    if (config().execUsPerBatch > 0)
        busyWait(config().execUsPerBatch * long(batch));
    writeOutputs(shape, input, output, batch);
    profileExecution(modelId);
    return 0;
}
#endif

} // extern "C"
