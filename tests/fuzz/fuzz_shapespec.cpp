// ATC --input_shape parser (what users type, what recipes and profiles store), and formatting its result back.
#include "fuzztarget.h"

#include "onnx/shapespec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString text = QString::fromUtf8(wbfuzz::bytes(data, size));
    const auto parsed = wb::parseInputShapeSpec(text);
    if (!parsed.ok())
        return 0;
    const QString formatted = wb::formatInputShapeSpec(parsed.value());
    const auto again = wb::parseInputShapeSpec(formatted);
    if (!again.ok() || !(again.value() == parsed.value()))
        qFatal("fuzz: the formatted shape spec \"%s\" does not parse back to the same shapes", qPrintable(formatted));
    return 0;
}
