// `npu-smi info` table parser (`atcwb devices`, the device probe), with the text and JSON renderings and the
// chip name to --soc_version mapping.
#include "fuzztarget.h"

#include "parsing/npusmi.h"
#include "parsing/parsingjson.h"
#include "parsing/parsingtext.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto info = wb::parseNpuSmiInfo(wbfuzz::bytes(data, size));
    if (!info.ok())
        return 0;
    (void)wb::npuSmiToText(info.value());
    (void)wb::npuSmiToJson(info.value());
    for (const wb::NpuDevice& device : info.value().devices)
        (void)wb::socVersionForChipName(device.chipName);
    return 0;
}
