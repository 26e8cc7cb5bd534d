#include "aclerrors.h"

namespace omr {

namespace {

struct AclErrorEntry {
    int code;
    const char* name;
    const char* message;
};

constexpr AclErrorEntry Table[] = {
    { 100000, "ACL_ERROR_INVALID_PARAM", "AscendCL rejected a parameter of this call." },
    { 100001, "ACL_ERROR_UNINITIALIZE", "AscendCL is not initialised: aclInit did not run or failed." },
    { 100002, "ACL_ERROR_REPEAT_INITIALIZE", "AscendCL was already initialised in this process." },
    { 100003, "ACL_ERROR_INVALID_FILE",
        "The model file is missing, unreadable or not a valid OM for this AscendCL. Check the path and convert "
        "the model again with the ATC of the installed CANN." },
    { 100011, "ACL_ERROR_INVALID_MODEL_ID", "The model ID is not valid: the model is not (or no longer) loaded." },
    { 100012, "ACL_ERROR_DESERIALIZE_MODEL",
        "The OM could not be deserialised: it was most likely built by a different CANN/ATC version than the "
        "installed runtime. Convert it again with this CANN's ATC." },
    { 100013, "ACL_ERROR_PARSE_MODEL",
        "The OM could not be parsed: it is damaged or from an incompatible ATC version. Convert it again." },
    { 100014, "ACL_ERROR_READ_MODEL_FAILURE",
        "The OM file could not be read. Check that it is readable and the disk is healthy." },
    { 100015, "ACL_ERROR_MODEL_SIZE_INVALID",
        "The OM's size is invalid (a truncated or padded file). Copy the file again or convert the model again." },
    { 100017, "ACL_ERROR_MODEL_INPUT_NOT_MATCH",
        "The input buffers do not match what the model expects (their count or size)." },
    { 100018, "ACL_ERROR_MODEL_OUTPUT_NOT_MATCH",
        "The output buffers do not match what the model produces (their count or size)." },
    { 100019, "ACL_ERROR_MODEL_NOT_DYNAMIC",
        "The model has no dynamic batch: it was converted without ATC's --dynamic_batch_size. Leave out --batch, "
        "or convert the model again with batch gears." },
    { 100037, "ACL_ERROR_REPEAT_FINALIZE", "AscendCL was already finalised in this process." },
    { 200000, "ACL_ERROR_BAD_ALLOC",
        "Out of memory: the NPU (or host) could not allocate what this step needs. Use a smaller batch, or free "
        "the device (npu-smi info shows what else uses it)." },
    { 200001, "ACL_ERROR_API_NOT_SUPPORT", "This call is not supported by this AscendCL version or on this SoC." },
    { 200002, "ACL_ERROR_INVALID_DEVICE",
        "The device ID is not valid: there is no such NPU, or this user may not use it. Check npu-smi info and "
        "--device." },
    { 200006, "ACL_ERROR_FEATURE_UNSUPPORTED",
        "The feature is not supported on this SoC or CANN version (was the OM converted for another "
        "--soc_version?)." },
    { 300000, "ACL_ERROR_STORAGE_OVER_LIMIT", "A storage limit was exceeded (too many models or streams)." },
    { 500000, "ACL_ERROR_INTERNAL_ERROR", "AscendCL hit an internal error." },
    { 500001, "ACL_ERROR_FAILURE", "AscendCL reported a general failure." },
    { 500002, "ACL_ERROR_GE_FAILURE",
        "The graph engine failed, usually while loading or running the model: the OM may not match this CANN "
        "version or SoC." },
    { 500003, "ACL_ERROR_RT_FAILURE",
        "The Ascend runtime failed: the device may be busy or in a bad state, or the OM was converted for another "
        "SoC." },
    { 500004, "ACL_ERROR_DRV_FAILURE",
        "The Ascend driver failed. Check that the driver is installed and matches the CANN version (npu-smi "
        "info)." },
    { 500005, "ACL_ERROR_PROFILING_FAILURE", "Profiling failed." },
};

const char* classOf(int code)
{
    switch (code / 100000) {
    case 1:
        return "a parameter or usage error";
    case 2:
        return "a resource error (memory, device or an unsupported feature)";
    case 3:
        return "a storage limit error";
    case 5:
        return "an internal error of AscendCL, the runtime or the driver";
    default:
        return "not a documented AscendCL error class";
    }
}

} // namespace

AclErrorText describeAclError(int code)
{
    for (const AclErrorEntry& entry : Table) {
        if (entry.code == code)
            return { entry.name, entry.message };
    }
    return { "UNKNOWN",
        "AscendCL error " + std::to_string(code) + " is not in om-runner's table; its class is " + classOf(code)
            + ". acl_message has AscendCL's own explanation; look the code up in the CANN error code reference." };
}

} // namespace omr
