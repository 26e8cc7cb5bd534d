#include "tensors.h"

#include "output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace omr {

namespace {

// aclDataType values (acl_base.h) with our names.
struct DtypeEntry {
    std::int32_t value;
    const char* name;
    std::size_t bytes;
};
constexpr DtypeEntry Dtypes[] = {
    { 0, "float32", 4 },
    { 1, "float16", 2 },
    { 2, "int8", 1 },
    { 3, "int32", 4 },
    { 4, "uint8", 1 },
    { 6, "int16", 2 },
    { 7, "uint16", 2 },
    { 8, "uint32", 4 },
    { 9, "int64", 8 },
    { 10, "uint64", 8 },
    { 11, "float64", 8 },
    { 12, "bool", 1 },
    { 13, "string", 0 },
    { 16, "complex64", 8 },
    { 17, "complex128", 16 },
    { 27, "bfloat16", 2 },
    { 29, "int4", 0 },
    { 30, "uint1", 0 },
    { 33, "complex32", 4 },
};

struct FormatEntry {
    std::int32_t value;
    const char* name;
};
constexpr FormatEntry Formats[] = {
    { 0, "NCHW" },
    { 1, "NHWC" },
    { 2, "ND" },
    { 3, "NC1HWC0" },
    { 4, "FRACTAL_Z" },
    { 12, "NC1HWC0_C04" },
    { 16, "HWCN" },
    { 27, "NDHWC" },
    { 29, "FRACTAL_NZ" },
    { 30, "NCDHW" },
    { 32, "NDC1HWC0" },
    { 33, "FRACTAL_Z_3D" },
    { 35, "NC" },
    { 47, "NCL" },
};

std::uint64_t next(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// IEEE half from a float in [0, 1) (normal range only, truncating: good enough for test data).
std::uint16_t toHalf(float value)
{
    std::uint32_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    const auto exponent = static_cast<std::int32_t>((bits >> 23) & 0xFF) - 127 + 15;
    if (exponent <= 0)
        return 0;
    return static_cast<std::uint16_t>((static_cast<std::uint32_t>(exponent) << 10) | ((bits >> 13) & 0x3FF));
}

template <typename T> void store(unsigned char* data, std::size_t index, T value)
{
    std::memcpy(data + index * sizeof(T), &value, sizeof(T));
}

} // namespace

const char* dtypeName(std::int32_t dtype)
{
    for (const DtypeEntry& entry : Dtypes) {
        if (entry.value == dtype)
            return entry.name;
    }
    return "undefined";
}

std::size_t dtypeBytes(std::int32_t dtype)
{
    for (const DtypeEntry& entry : Dtypes) {
        if (entry.value == dtype)
            return entry.bytes;
    }
    return 0;
}

const char* formatName(std::int32_t format)
{
    for (const FormatEntry& entry : Formats) {
        if (entry.value == format)
            return entry.name;
    }
    return "UNDEFINED";
}

std::string tensorJson(std::size_t index, const TensorInfo& tensor)
{
    std::string dims = "[";
    for (std::size_t i = 0; i < tensor.dims.size(); ++i)
        dims += (i ? "," : "") + std::to_string(tensor.dims[i]);
    dims += ']';
    return "{\"index\":" + std::to_string(index) + ",\"name\":" + quote(tensor.name)
        + ",\"size\":" + std::to_string(tensor.size) + ",\"dims\":" + dims
        + ",\"dtype\":" + quote(dtypeName(tensor.dtype)) + ",\"format\":" + quote(formatName(tensor.format)) + "}";
}

std::string tensorText(const TensorInfo& tensor)
{
    std::string text = std::string(dtypeName(tensor.dtype)) + " [";
    for (std::size_t i = 0; i < tensor.dims.size(); ++i)
        text += (i ? "," : "") + std::to_string(tensor.dims[i]);
    return text + "] " + formatName(tensor.format);
}

void fillRandom(unsigned char* data, std::size_t size, std::int32_t dtype, std::uint64_t& state)
{
    const auto unit = [&state] { return static_cast<float>(next(state) >> 40) / 16777216.0f; }; // [0, 1)
    const std::size_t bytes = dtypeBytes(dtype);
    const std::size_t count = bytes ? size / bytes : 0;
    switch (dtype) {
    case 0: // float32
        for (std::size_t i = 0; i < count; ++i)
            store(data, i, unit());
        break;
    case 1: // float16
        for (std::size_t i = 0; i < count; ++i)
            store(data, i, toHalf(unit()));
        break;
    case 27: // bfloat16: the top half of a float32
        for (std::size_t i = 0; i < count; ++i) {
            const float value = unit();
            std::uint32_t bits = 0;
            std::memcpy(&bits, &value, sizeof bits);
            store(data, i, static_cast<std::uint16_t>(bits >> 16));
        }
        break;
    case 11: // float64
        for (std::size_t i = 0; i < count; ++i)
            store(data, i, static_cast<double>(unit()));
        break;
    case 12: // bool
        for (std::size_t i = 0; i < count; ++i)
            data[i] = static_cast<unsigned char>(next(state) & 1);
        break;
    case 3: // int32
    case 8: // uint32
        for (std::size_t i = 0; i < count; ++i)
            store(data, i, static_cast<std::uint32_t>(next(state) & 0xFF));
        break;
    case 6: // int16
    case 7: // uint16
        for (std::size_t i = 0; i < count; ++i)
            store(data, i, static_cast<std::uint16_t>(next(state) & 0xFF));
        break;
    case 9: // int64
    case 10: // uint64
        for (std::size_t i = 0; i < count; ++i)
            store(data, i, static_cast<std::uint64_t>(next(state) & 0xFF));
        break;
    default: // int8, uint8 and anything else: random bytes
        for (std::size_t i = 0; i < size; ++i)
            data[i] = static_cast<unsigned char>(next(state) >> 56);
        return;
    }
    // A tail shorter than one element (a size that is not a multiple of it) stays as it was: zero.
}

bool readFile(const std::string& path, std::vector<unsigned char>& data, std::string& error)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = std::strerror(errno);
        return false;
    }
    struct stat info { };
    if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
        error = S_ISDIR(info.st_mode) ? "it is a folder" : std::strerror(errno);
        ::close(fd);
        return false;
    }
    data.resize(static_cast<std::size_t>(info.st_size));
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::read(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error = n == 0 ? "the file shrank while it was read" : std::strerror(errno);
            ::close(fd);
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return true;
}

bool writeFile(const std::string& path, const void* data, std::size_t size, std::string& error)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = std::strerror(errno);
        return false;
    }
    const auto* bytes = static_cast<const unsigned char*>(data);
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, bytes + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error = std::strerror(errno);
            ::close(fd);
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) {
        error = std::strerror(errno);
        return false;
    }
    return true;
}

} // namespace omr
