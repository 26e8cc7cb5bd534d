#pragma once

// The fixed 256-byte header of an Ascend offline model (.om) written by ATC, parsed without Qt so that the
// stand-alone om-runner (app/omrunner) and wb_core (run/omheader.h) share one implementation. C++17, header-only.
//
// Layout (little-endian; GE's struct ModelFileHeader, see shared/reference/runners.md §5.1):
//   0 magic "IMOD" (0x444F4D49) · 4 headsize (256) · 8 version · 76 length (legacy) · 80 is_encrypt ·
//   82 modeltype · 84 name[32] · 156 model_num · 184 model_length · 193 is_unknow_model.
// The partition table follows at 256 and starts with its uint32 entry count.
// GE's loader accepts a file only when the magic matches and (model_length ? model_length : length) equals the
// file size minus the header; the same checks decide `valid` here.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>

namespace wb::om {

constexpr std::uint32_t MagicNumber = 0x444F4D49; // bytes "IMOD"
constexpr std::size_t HeaderSize = 256;
constexpr std::size_t BytesToParse = HeaderSize + 4; // header + the partition count

enum class HeaderError {
    None,
    Empty, // the file has no bytes at all
    TooShort, // fewer than 256 bytes: not even a whole header
    BadMagic, // not "IMOD"
    BadHeadSize, // headsize is not 256
    NoModelData, // both length fields are 0
    Truncated, // fewer bytes after the header than it declares
    TrailingBytes, // more bytes after the header than it declares
};

struct FileHeader {
    bool magicOk = false;
    std::uint32_t headSize = 0;
    std::uint32_t version = 0; // 0x20000000 = "2.0" in current GE
    std::string name; // up to 32 bytes, NUL-terminated when shorter
    std::uint64_t modelLength = 0; // model_length, or the legacy length field when model_length is 0
    std::uint64_t fileSize = 0;
    std::uint8_t isEncrypt = 0;
    std::uint8_t modelType = 0; // 0 IR, 1 standard, 2 OM tiny, 3 flow, 4 lite, 5 bundle
    std::uint32_t modelNum = 0;
    bool isUnknowModel = false; // GE's spelling: "unknown shape" model
    bool dynamic = false; // model_num > 1 or is_unknow_model: a multi-model ("dynamic") OM
    std::int64_t partitionCount = -1; // -1 when the file ends before the partition table
    bool valid = false; // everything GE's loader checks in the header holds
    HeaderError error = HeaderError::None;
    std::string message; // a sentence about the file, without its path: "is truncated: ..." (empty when valid)
};

namespace detail {

inline std::uint32_t readU32(const unsigned char* p)
{
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8
        | static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

inline std::uint64_t readU64(const unsigned char* p)
{
    return static_cast<std::uint64_t>(readU32(p)) | static_cast<std::uint64_t>(readU32(p + 4)) << 32;
}

inline std::string number(std::uint64_t value)
{
    return std::to_string(value);
}

// What a file that is not an OM most likely is, from its first bytes (to say what to do instead).
inline std::string guessKind(const unsigned char* p, std::size_t size)
{
    auto startsWith = [&](const char* prefix, std::size_t n) {
        if (size < n)
            return false;
        for (std::size_t i = 0; i < n; ++i) {
            if (p[i] != static_cast<unsigned char>(prefix[i]))
                return false;
        }
        return true;
    };
    if (startsWith("\x7f"
                   "ELF",
            4))
        return " It is an ELF binary.";
    if (startsWith("\x89PNG", 4))
        return " It is a PNG image.";
    if (startsWith("PK\x03\x04", 4))
        return " It is a ZIP archive (a PyTorch checkpoint is one): export to ONNX, then convert it with ATC.";
    // An ONNX ModelProto starts with field 1 (ir_version, varint): tag byte 0x08 and a small version.
    if (size >= 2 && p[0] == 0x08 && p[1] >= 3 && p[1] <= 12)
        return " It looks like an ONNX model: convert it with ATC (atc --framework=5 --model=... --output=...) "
               "and pass the .om it writes.";
    return "";
}

inline std::string hexBytes(const unsigned char* p, std::size_t n)
{
    std::string text;
    char part[4];
    for (std::size_t i = 0; i < n; ++i) {
        std::snprintf(part, sizeof part, i ? " %02x" : "%02x", p[i]);
        text += part;
    }
    return text;
}

} // namespace detail

// "2.0" for 0x20000000 (GE keeps the major version in the top nibble, the minor in the next); "0x..." otherwise.
inline std::string versionText(std::uint32_t version)
{
    char text[16];
    if ((version & 0x00FFFFFFu) == 0 && version != 0)
        std::snprintf(text, sizeof text, "%u.%u", version >> 28, (version >> 24) & 0xFu);
    else
        std::snprintf(text, sizeof text, "0x%08x", version);
    return text;
}

// Parses the header in `data` (the first `size` bytes of the file; BytesToParse are enough) of a file that is
// `fileSize` bytes long in total.
inline FileHeader parseFileHeader(const unsigned char* data, std::size_t size, std::uint64_t fileSize)
{
    using detail::number;
    FileHeader h;
    h.fileSize = fileSize;
    const auto fail = [&h](HeaderError error, std::string message) {
        h.error = error;
        h.message = std::move(message);
        return h;
    };
    if (fileSize == 0)
        return fail(HeaderError::Empty, "is empty (0 bytes), not an OM model. Convert the model again with ATC.");
    if (size > fileSize)
        size = static_cast<std::size_t>(fileSize);
    if (size >= 4)
        h.magicOk = detail::readU32(data) == MagicNumber;
    if (size >= 4 && !h.magicOk) {
        return fail(HeaderError::BadMagic,
            "is not an OM model: it starts with bytes " + detail::hexBytes(data, size < 8 ? size : 8)
                + " instead of \"IMOD\" (49 4d 4f 44)." + detail::guessKind(data, size)
                + " Pass the .om file that ATC wrote.");
    }
    if (size < HeaderSize || fileSize < HeaderSize) {
        return fail(HeaderError::TooShort,
            "is too short to be an OM model: " + number(fileSize) + " bytes, but the OM header alone is 256 bytes"
                + (h.magicOk ? " (it starts like one, so it was probably cut off while copying; copy it again)."
                             : ". Pass the .om file that ATC wrote."));
    }
    h.headSize = detail::readU32(data + 4);
    h.version = detail::readU32(data + 8);
    const std::uint32_t legacyLength = detail::readU32(data + 76);
    h.isEncrypt = data[80];
    h.modelType = data[82];
    std::size_t nameLength = 0;
    while (nameLength < 32 && data[84 + nameLength] != 0)
        ++nameLength;
    h.name.assign(reinterpret_cast<const char*>(data + 84), nameLength);
    h.modelNum = detail::readU32(data + 156);
    const std::uint64_t modelLength = detail::readU64(data + 184);
    h.isUnknowModel = data[193] != 0;
    h.dynamic = h.modelNum > 1 || h.isUnknowModel;
    h.modelLength = modelLength != 0 ? modelLength : legacyLength;
    if (size >= BytesToParse && fileSize >= BytesToParse)
        h.partitionCount = detail::readU32(data + HeaderSize);

    if (h.headSize != HeaderSize) {
        return fail(HeaderError::BadHeadSize,
            "has an OM header that declares " + number(h.headSize)
                + " header bytes instead of 256: it is damaged or from an unsupported format. Convert the model "
                  "again with ATC.");
    }
    const std::uint64_t present = fileSize - HeaderSize;
    if (h.modelLength == 0)
        return fail(HeaderError::NoModelData,
            "has an OM header that declares no model data (length 0). Convert the model again with ATC.");
    if (present < h.modelLength) {
        return fail(HeaderError::Truncated,
            "is truncated: its OM header declares " + number(h.modelLength) + " bytes of model data after the "
                + "256-byte header, but the file has only " + number(present) + " (" + number(h.modelLength - present)
                + " bytes missing). Copy the file again, or convert the model again with ATC.");
    }
    if (present > h.modelLength) {
        return fail(HeaderError::TrailingBytes,
            "has " + number(present - h.modelLength) + " bytes more than its OM header declares ("
                + number(h.modelLength) + " bytes of model data after the 256-byte header, the file has "
                + number(present) + "), so AscendCL will refuse it. Copy the original .om again.");
    }
    h.valid = true;
    return h;
}

} // namespace wb::om
