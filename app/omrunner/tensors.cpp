#include "tensors.h"

#include "output.h"
#include "util/splitmix64.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
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

template <typename To, typename From> To bits(From value)
{
    static_assert(sizeof(To) == sizeof(From));
    To out;
    std::memcpy(&out, &value, sizeof out);
    return out;
}

// IEEE half, rounded to nearest even (the workbench's floatToHalf, core/reference/tensordata.cpp).
std::uint16_t toHalf(float value)
{
    const std::uint32_t f = bits<std::uint32_t>(value);
    const std::uint32_t sign = (f >> 16) & 0x8000U;
    const std::uint32_t absf = f & 0x7FFFFFFFU;
    if (absf >= 0x7F800000U)
        return static_cast<std::uint16_t>(sign | 0x7C00U | (absf > 0x7F800000U ? 0x200U : 0U));
    if (absf >= 0x477FF000U)
        return static_cast<std::uint16_t>(sign | 0x7C00U);
    if (absf < 0x38800000U) {
        const float scaled = bits<float>(absf) * 16777216.0f; // in units of the smallest subnormal
        return static_cast<std::uint16_t>(sign | static_cast<std::uint32_t>(std::nearbyint(scaled)));
    }
    const std::uint32_t mant = absf & 0x7FFFFFU;
    std::uint32_t h = ((absf >> 23) - 112U) << 10 | (mant >> 13);
    const std::uint32_t rest = mant & 0x1FFFU;
    if (rest > 0x1000U || (rest == 0x1000U && (h & 1U)))
        ++h;
    return static_cast<std::uint16_t>(sign | h);
}

// bfloat16, rounded to nearest even.
std::uint16_t toBFloat16(float value)
{
    const std::uint32_t f = bits<std::uint32_t>(value);
    if ((f & 0x7FFFFFFFU) > 0x7F800000U)
        return static_cast<std::uint16_t>((f >> 16) | 0x40U);
    return static_cast<std::uint16_t>((f + 0x7FFFU + ((f >> 16) & 1U)) >> 16);
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

std::uint64_t inputSeed(std::uint64_t seed, std::size_t index)
{
    return seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(index + 1) * 0xD1B54A32D192ED03ull;
}

void fillRandom(unsigned char* data, std::size_t size, std::int32_t dtype, std::uint64_t seed, std::size_t index)
{
    // The same values the CPU reference run feeds (makeTensor in core/reference/tensordata.cpp): per element one
    // u uniform in [0, 1) from splitmix64 seeded with inputSeed(seed, index); floats get 2u - 1, integers
    // floor(10u), bool its parity. So `--input random` means the same inputs on the CPU and on the NPU.
    wb::SplitMix64 rng { inputSeed(seed, index) };
    const std::size_t bytes = dtypeBytes(dtype);
    const std::size_t count = bytes ? size / bytes : 0;
    for (std::size_t i = 0; i < count; ++i) {
        const double u = rng.uniform01();
        const float f = static_cast<float>(u * 2.0 - 1.0);
        const auto k = static_cast<std::uint64_t>(u * 10.0); // 0..9
        switch (dtype) {
        case 0: // float32
            store(data, i, f);
            break;
        case 1: // float16
            store(data, i, toHalf(f));
            break;
        case 27: // bfloat16
            store(data, i, toBFloat16(f));
            break;
        case 11: // float64
            store(data, i, u * 2.0 - 1.0);
            break;
        case 12: // bool
            data[i] = static_cast<unsigned char>(k & 1U);
            break;
        case 2: // int8
        case 4: // uint8
            data[i] = static_cast<unsigned char>(k);
            break;
        case 6: // int16
        case 7: // uint16
            store(data, i, static_cast<std::uint16_t>(k));
            break;
        case 3: // int32
        case 8: // uint32
            store(data, i, static_cast<std::uint32_t>(k));
            break;
        default: // int64, uint64 (and any other 8-byte type)
            if (bytes == 8)
                store(data, i, k);
            else
                std::memset(data + i * bytes, static_cast<int>(k), bytes);
            break;
        }
    }
    // A tail shorter than one element (a size that is not a multiple of it) stays as it was: zero.
}

bool readFileOfSize(const std::string& path, std::size_t expected, std::vector<unsigned char>& data,
    std::uint64_t& actual, std::string& error)
{
    error.clear();
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
    actual = static_cast<std::uint64_t>(info.st_size);
    if (actual != expected) {
        ::close(fd);
        return false;
    }
    data.resize(expected);
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

bool writeFileAtomically(const std::string& path, const void* data, std::size_t size, std::string& error)
{
    std::string temp = path + ".tmp-XXXXXX"; // same folder: the rename cannot cross file systems
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0) {
        error = std::strerror(errno);
        return false;
    }
    const auto fail = [&](int code) {
        error = std::strerror(code);
        ::unlink(temp.c_str());
        return false;
    };
    const auto* bytes = static_cast<const unsigned char*>(data);
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, bytes + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int code = n < 0 ? errno : ENOSPC;
            ::close(fd);
            return fail(code);
        }
        done += static_cast<std::size_t>(n);
    }
    // mkostemp makes the file 0600; outputs are ordinary files (0644 less the umask).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd, 0644 & ~mask) != 0 || ::fsync(fd) != 0) {
        const int code = errno;
        ::close(fd);
        return fail(code);
    }
    if (::close(fd) != 0)
        return fail(errno);
    if (::rename(temp.c_str(), path.c_str()) != 0)
        return fail(errno);
    return true;
}

} // namespace omr
