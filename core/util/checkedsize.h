#pragma once

// Products of tensor dims, and their sizes in bytes, checked for overflow: the one place that multiplies dims
// that come from outside (shapes typed by users, models, OM headers, recipes, tensor files). Plain C++17 without
// Qt, header-only: the stand-alone om-runner (app/omrunner) can include it should it ever multiply dims (today it
// takes every size in bytes from AscendCL).

#include <cstdint>
#include <limits>
#include <optional>

namespace wb::sizes {

// a * b for a, b >= 0; nullopt when either is negative or the product does not fit in int64.
inline std::optional<std::int64_t> checkedMul(std::int64_t a, std::int64_t b)
{
    if (a < 0 || b < 0)
        return std::nullopt;
    if (a != 0 && b > std::numeric_limits<std::int64_t>::max() / a)
        return std::nullopt;
    return a * b;
}

// The number of elements `dims` hold (1 for no dims: a scalar); nullopt when a dim is negative or the product
// does not fit in int64. A zero dim makes the count 0 whatever the other dims are.
template <typename Dims> std::optional<std::int64_t> elementCount(const Dims& dims)
{
    bool zero = false;
    for (const auto d : dims) {
        if (d < 0)
            return std::nullopt;
        zero = zero || d == 0;
    }
    if (zero)
        return 0;
    std::int64_t n = 1;
    for (const auto d : dims) {
        const auto next = checkedMul(n, static_cast<std::int64_t>(d));
        if (!next)
            return std::nullopt;
        n = *next;
    }
    return n;
}

// The bytes of a tensor of `dims` whose elements take `elementSize` bytes each; nullopt when a dim or the size is
// negative or the count of bytes does not fit in int64.
template <typename Dims> std::optional<std::int64_t> byteCount(const Dims& dims, std::int64_t elementSize)
{
    const auto n = elementCount(dims);
    return n ? checkedMul(*n, elementSize) : std::nullopt;
}

} // namespace wb::sizes
