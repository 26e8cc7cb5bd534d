// OM header reader (run/omheader.h over omfileheader.h, which om-runner shares): the bytes as a whole file, as
// the 260-byte start of a longer file, and through readOmHeaderFile.
#include "fuzztarget.h"

#include "run/omheader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes = wbfuzz::bytes(data, size);
    const wb::OmHeader whole = wb::parseOmHeader(bytes);
    (void)whole.versionString();
    (void)whole.errorCode();
    // The first bytes of a file said to be longer by the number in the last 4 bytes.
    if (size >= 4) {
        const quint32 extra = quint32(data[size - 4]) | quint32(data[size - 3]) << 8 | quint32(data[size - 2]) << 16
            | quint32(data[size - 1]) << 24;
        (void)wb::parseOmHeader(bytes.left(260), qint64(size) + qint64(extra));
    }
    (void)wb::readOmHeaderFile(wbfuzz::writeInput(bytes, QStringLiteral("model.om")));
    return 0;
}
