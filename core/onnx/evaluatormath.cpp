// The evaluator's element-wise operators and reductions.
#include "evaluatorops_p.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace wb::detail::eval {

namespace {

constexpr int kBool = onnx::TensorProto_DataType_BOOL;
constexpr int kUint64 = onnx::TensorProto_DataType_UINT64;

bool lessThan(int type, int64_t a, int64_t b)
{
    return type == kUint64 ? static_cast<uint64_t>(a) < static_cast<uint64_t>(b) : a < b;
}

void requireSameType(const Call& c, const FoldTensor& a, const FoldTensor& b)
{
    if (a.type != b.type)
        invalid(QStringLiteral("%1 takes inputs of one type, not %2 and %3")
                    .arg(qs(c.node.op_type()), dtypeName(a.type), dtypeName(b.type)));
}

// Applies `intFn` or `realFn` to broadcast element pairs; the result has `outType` (a real or an integer type).
template <typename IntFn, typename RealFn>
FoldTensor combine(const Call& c, const FoldTensor& a, const FoldTensor& b, int outType, IntFn intFn, RealFn realFn)
{
    const std::vector<int64_t> dims = broadcastShapes({ &a.dims, &b.dims });
    c.checkedCount(dims);
    const std::vector<size_t> ia = broadcastIndices(a.dims, dims), ib = broadcastIndices(b.dims, dims);
    FoldTensor out = FoldTensor::zeros(outType, dims);
    for (size_t i = 0; i < ia.size(); ++i) {
        if (out.isReal())
            out.reals[i] = roundReal(outType, realFn(a.real(ia[i]), b.real(ib[i])));
        else if (a.isReal())
            out.ints[i] = wrapInt(outType, realFn(a.reals[ia[i]], b.real(ib[i])) != 0.0 ? 1 : 0);
        else
            out.ints[i] = wrapInt(outType, intFn(a.ints[ia[i]], b.ints[ib[i]]));
    }
    return out;
}

enum class Arith { Add, Sub, Mul, Div, Mod };

std::vector<FoldTensor> arithmetic(const Call& c, Arith op)
{
    const FoldTensor &a = c.value(0), &b = c.value(1);
    requireSameType(c, a, b);
    const int type = a.type;
    const bool fmod = c.attrInt("fmod", 0) != 0;
    auto ints = [&](int64_t x, int64_t y) -> int64_t {
        const auto ux = static_cast<uint64_t>(x), uy = static_cast<uint64_t>(y);
        switch (op) {
        case Arith::Add:
            return static_cast<int64_t>(ux + uy);
        case Arith::Sub:
            return static_cast<int64_t>(ux - uy);
        case Arith::Mul:
            return static_cast<int64_t>(ux * uy);
        default:
            break;
        }
        if (y == 0)
            invalid(QStringLiteral("an integer division by zero"));
        if (type == kUint64)
            return static_cast<int64_t>(op == Arith::Div ? ux / uy : ux % uy);
        if (x == std::numeric_limits<int64_t>::min() && y == -1)
            return op == Arith::Div ? x : 0;
        if (op == Arith::Div)
            return x / y;
        int64_t r = x % y;
        if (!fmod && r != 0 && ((r < 0) != (y < 0)))
            r += y; // Python's sign convention: the divisor's
        return r;
    };
    auto reals = [&](double x, double y) -> double {
        switch (op) {
        case Arith::Add:
            return x + y;
        case Arith::Sub:
            return x - y;
        case Arith::Mul:
            return x * y;
        case Arith::Div:
            return x / y;
        case Arith::Mod: {
            double r = std::fmod(x, y);
            if (!fmod && r != 0.0 && ((r < 0) != (y < 0)))
                r += y;
            return r;
        }
        }
        return 0.0;
    };
    return { combine(c, a, b, type, ints, reals) };
}

std::vector<FoldTensor> add(const Call& c)
{
    return arithmetic(c, Arith::Add);
}
std::vector<FoldTensor> sub(const Call& c)
{
    return arithmetic(c, Arith::Sub);
}
std::vector<FoldTensor> mul(const Call& c)
{
    return arithmetic(c, Arith::Mul);
}
std::vector<FoldTensor> div(const Call& c)
{
    return arithmetic(c, Arith::Div);
}
std::vector<FoldTensor> mod(const Call& c)
{
    return arithmetic(c, Arith::Mod);
}

std::vector<FoldTensor> pow(const Call& c)
{
    const FoldTensor &a = c.value(0), &b = c.value(1);
    const std::vector<int64_t> dims = broadcastShapes({ &a.dims, &b.dims });
    c.checkedCount(dims);
    const std::vector<size_t> ia = broadcastIndices(a.dims, dims), ib = broadcastIndices(b.dims, dims);
    FoldTensor out = FoldTensor::zeros(a.type, dims);
    for (size_t i = 0; i < ia.size(); ++i) {
        const double v = std::pow(a.real(ia[i]), b.real(ib[i]));
        if (out.isReal())
            out.reals[i] = roundReal(a.type, v);
        else
            out.ints[i] = realToInt(a.type, v);
    }
    return { std::move(out) };
}

enum class Compare { Equal, Less, Greater, LessOrEqual, GreaterOrEqual };

std::vector<FoldTensor> compare(const Call& c, Compare op)
{
    const FoldTensor &a = c.value(0), &b = c.value(1);
    requireSameType(c, a, b);
    const int type = a.type;
    auto test = [op](bool less, bool equal) {
        switch (op) {
        case Compare::Equal:
            return equal;
        case Compare::Less:
            return less;
        case Compare::Greater:
            return !less && !equal;
        case Compare::LessOrEqual:
            return less || equal;
        case Compare::GreaterOrEqual:
            return !less;
        }
        return false;
    };
    auto ints = [&](int64_t x, int64_t y) -> int64_t { return test(lessThan(type, x, y), x == y) ? 1 : 0; };
    auto reals = [&](double x, double y) -> double {
        if (std::isnan(x) || std::isnan(y))
            return 0.0;
        return test(x < y, x == y) ? 1.0 : 0.0;
    };
    return { combine(c, a, b, kBool, ints, reals) };
}

std::vector<FoldTensor> equal(const Call& c)
{
    return compare(c, Compare::Equal);
}
std::vector<FoldTensor> less(const Call& c)
{
    return compare(c, Compare::Less);
}
std::vector<FoldTensor> greater(const Call& c)
{
    return compare(c, Compare::Greater);
}
std::vector<FoldTensor> lessOrEqual(const Call& c)
{
    return compare(c, Compare::LessOrEqual);
}
std::vector<FoldTensor> greaterOrEqual(const Call& c)
{
    return compare(c, Compare::GreaterOrEqual);
}

enum class Logic { And, Or, Xor };

std::vector<FoldTensor> logic(const Call& c, Logic op)
{
    const FoldTensor &a = c.value(0), &b = c.value(1);
    if (a.type != kBool || b.type != kBool)
        invalid(QStringLiteral("%1 takes bool inputs").arg(qs(c.node.op_type())));
    auto ints = [op](int64_t x, int64_t y) -> int64_t {
        return op == Logic::And ? (x && y) : op == Logic::Or ? (x || y) : ((x != 0) != (y != 0));
    };
    return { combine(c, a, b, kBool, ints, [](double, double) { return 0.0; }) };
}

std::vector<FoldTensor> logicAnd(const Call& c)
{
    return logic(c, Logic::And);
}
std::vector<FoldTensor> logicOr(const Call& c)
{
    return logic(c, Logic::Or);
}
std::vector<FoldTensor> logicXor(const Call& c)
{
    return logic(c, Logic::Xor);
}

enum class Variadic { Min, Max, Sum, Mean };

std::vector<FoldTensor> variadic(const Call& c, Variadic op)
{
    if (c.inputCount() == 0)
        invalid(QStringLiteral("%1 needs at least one input").arg(qs(c.node.op_type())));
    FoldTensor acc = c.value(0);
    if (op == Variadic::Mean && !acc.isReal())
        invalid(QStringLiteral("Mean takes floating-point inputs"));
    for (size_t i = 1; i < c.inputCount(); ++i) {
        const FoldTensor& b = c.value(i);
        requireSameType(c, acc, b);
        const int type = acc.type;
        auto ints = [&](int64_t x, int64_t y) -> int64_t {
            switch (op) {
            case Variadic::Min:
                return lessThan(type, y, x) ? y : x;
            case Variadic::Max:
                return lessThan(type, x, y) ? y : x;
            default:
                return static_cast<int64_t>(static_cast<uint64_t>(x) + static_cast<uint64_t>(y));
            }
        };
        auto reals = [&](double x, double y) -> double {
            switch (op) {
            case Variadic::Min:
                return std::isnan(x) || std::isnan(y) ? std::nan("") : std::min(x, y);
            case Variadic::Max:
                return std::isnan(x) || std::isnan(y) ? std::nan("") : std::max(x, y);
            default:
                return x + y; // Mean sums in double first: rounding to the type happens once, below
            }
        };
        acc = op == Variadic::Mean ? combine(c, acc, b, onnx::TensorProto_DataType_DOUBLE, ints, reals)
                                   : combine(c, acc, b, type, ints, reals);
        if (op == Variadic::Mean)
            acc.type = c.value(0).type;
    }
    if (op == Variadic::Mean) {
        for (double& v : acc.reals)
            v = roundReal(acc.type, v / double(c.inputCount()));
    }
    return { std::move(acc) };
}

std::vector<FoldTensor> min(const Call& c)
{
    return variadic(c, Variadic::Min);
}
std::vector<FoldTensor> max(const Call& c)
{
    return variadic(c, Variadic::Max);
}
std::vector<FoldTensor> sum(const Call& c)
{
    return variadic(c, Variadic::Sum);
}
std::vector<FoldTensor> mean(const Call& c)
{
    return variadic(c, Variadic::Mean);
}

// Applies a function element by element; integers go through `intFn`, reals through `realFn` (nullptr: the op
// takes floating-point inputs only).
template <typename IntFn> std::vector<FoldTensor> unary(const Call& c, IntFn intFn, double (*realFn)(double))
{
    FoldTensor t = c.value(0);
    if (t.isReal()) {
        if (!realFn)
            invalid(QStringLiteral("%1 takes integer inputs").arg(qs(c.node.op_type())));
        for (double& v : t.reals)
            v = roundReal(t.type, realFn(v));
    } else {
        for (int64_t& v : t.ints)
            v = wrapInt(t.type, intFn(t.type, v));
    }
    return { std::move(t) };
}

int64_t noInt(int, int64_t)
{
    invalid(QStringLiteral("this operator takes floating-point inputs"));
}

double sign(double v)
{
    return std::isnan(v) ? v : double((v > 0) - (v < 0));
}

std::vector<FoldTensor> neg(const Call& c)
{
    return unary(
        c, [](int, int64_t v) { return static_cast<int64_t>(0 - static_cast<uint64_t>(v)); },
        [](double v) { return -v; });
}
std::vector<FoldTensor> abs(const Call& c)
{
    return unary(
        c,
        [](int t, int64_t v) {
            return isUnsignedType(t) || v >= 0 ? v : static_cast<int64_t>(0 - static_cast<uint64_t>(v));
        },
        [](double v) { return std::fabs(v); });
}
std::vector<FoldTensor> floor(const Call& c)
{
    return unary(c, &noInt, [](double v) { return std::floor(v); });
}
std::vector<FoldTensor> ceil(const Call& c)
{
    return unary(c, &noInt, [](double v) { return std::ceil(v); });
}
std::vector<FoldTensor> sqrt(const Call& c)
{
    return unary(c, &noInt, [](double v) { return std::sqrt(v); });
}
std::vector<FoldTensor> reciprocal(const Call& c)
{
    return unary(c, &noInt, [](double v) { return 1.0 / v; });
}
std::vector<FoldTensor> exp(const Call& c)
{
    return unary(c, &noInt, [](double v) { return std::exp(v); });
}
std::vector<FoldTensor> log(const Call& c)
{
    return unary(c, &noInt, [](double v) { return std::log(v); });
}
std::vector<FoldTensor> round(const Call& c)
{
    return unary(c, &noInt, [](double v) { return std::nearbyint(v); });
}
std::vector<FoldTensor> signOp(const Call& c)
{
    return unary(
        c, [](int t, int64_t v) { return isUnsignedType(t) ? int64_t(v != 0) : int64_t((v > 0) - (v < 0)); }, &sign);
}
std::vector<FoldTensor> relu(const Call& c)
{
    return unary(
        c, [](int t, int64_t v) { return isUnsignedType(t) || v > 0 ? v : 0; },
        [](double v) { return v > 0 ? v : (std::isnan(v) ? v : 0.0); });
}
std::vector<FoldTensor> logicNot(const Call& c)
{
    if (c.value(0).type != kBool)
        invalid(QStringLiteral("Not takes a bool input"));
    return unary(
        c, [](int, int64_t v) { return int64_t(v == 0); }, nullptr);
}

std::vector<FoldTensor> where(const Call& c)
{
    const FoldTensor &cond = c.value(0), &x = c.value(1), &y = c.value(2);
    if (cond.type != kBool)
        invalid(QStringLiteral("the condition must be bool"));
    requireSameType(c, x, y);
    const std::vector<int64_t> dims = broadcastShapes({ &cond.dims, &x.dims, &y.dims });
    c.checkedCount(dims);
    const std::vector<size_t> ic = broadcastIndices(cond.dims, dims), ix = broadcastIndices(x.dims, dims),
                              iy = broadcastIndices(y.dims, dims);
    FoldTensor out = FoldTensor::zeros(x.type, dims);
    for (size_t i = 0; i < ic.size(); ++i) {
        const bool pickX = cond.ints[ic[i]] != 0;
        if (out.isReal())
            out.reals[i] = pickX ? x.reals[ix[i]] : y.reals[iy[i]];
        else
            out.ints[i] = pickX ? x.ints[ix[i]] : y.ints[iy[i]];
    }
    return { std::move(out) };
}

std::vector<FoldTensor> clip(const Call& c)
{
    FoldTensor t = c.value(0);
    if (c.opset < 11) {
        const double lo = c.attrFloat("min", std::numeric_limits<float>::lowest());
        const double hi = c.attrFloat("max", std::numeric_limits<float>::max());
        for (double& v : t.reals)
            v = std::isnan(v) ? v : std::clamp(v, lo, hi);
        return { std::move(t) };
    }
    const FoldTensor* lo = c.input(1);
    const FoldTensor* hi = c.input(2);
    for (const FoldTensor* bound : { lo, hi }) {
        if (bound && (bound->type != t.type || bound->count() != 1))
            invalid(QStringLiteral("min and max must be scalars of the input's type"));
    }
    if (t.isReal()) {
        for (double& v : t.reals) {
            if (lo && v < c.value(1).reals[0])
                v = lo->reals[0];
            if (hi && v > c.value(2).reals[0])
                v = hi->reals[0];
        }
    } else {
        for (int64_t& v : t.ints) {
            if (lo && lessThan(t.type, v, c.value(1).ints[0]))
                v = lo->ints[0];
            if (hi && lessThan(t.type, c.value(2).ints[0], v))
                v = hi->ints[0];
        }
    }
    return { std::move(t) };
}

enum class Reduce { Sum, Mean, Max, Min, Prod, SumSquare };

std::vector<FoldTensor> reduce(const Call& c, Reduce op)
{
    const FoldTensor& data = c.value(0);
    // ReduceSum takes its axes as an input from opset 13, the other reductions from opset 18.
    const bool axesAsInput = op == Reduce::Sum ? c.opset >= 13 : c.opset >= 18;
    std::optional<std::vector<int64_t>> axes = axesAsInput ? c.intList(1, "axes") : c.attrInts("axes");
    const bool keepDims = c.attrInt("keepdims", 1) != 0;
    if ((!axes || axes->empty()) && axesAsInput && c.attrInt("noop_with_empty_axes", 0) != 0)
        return { data };
    std::vector<bool> reduced(data.dims.size(), !axes || axes->empty());
    if (axes) {
        for (const int64_t a : *axes)
            reduced[static_cast<size_t>(c.axis(a, data.rank(), "axis"))] = true;
    }
    std::vector<int64_t> dims, keptDims;
    for (size_t k = 0; k < data.dims.size(); ++k) {
        keptDims.push_back(reduced[k] ? 1 : data.dims[k]);
        if (!reduced[k] || keepDims)
            dims.push_back(keptDims.back());
    }
    const size_t n = c.checkedCount(dims);
    const size_t in = static_cast<size_t>(data.count());
    if (in == 0 && (op == Reduce::Max || op == Reduce::Min))
        invalid(QStringLiteral("%1 of an empty tensor is undefined").arg(qs(c.node.op_type())));
    // Each input element adds to the output element at its coordinates with the reduced axes set to 0.
    const std::vector<int64_t> outStrides = stridesOf(keptDims);
    std::vector<size_t> target(in);
    std::vector<int64_t> coord(data.dims.size(), 0);
    for (size_t i = 0; i < in; ++i) {
        int64_t at = 0;
        for (size_t k = 0; k < coord.size(); ++k)
            at += reduced[k] ? 0 : coord[k] * outStrides[k];
        target[i] = static_cast<size_t>(at);
        nextCoord(coord, data.dims);
    }
    std::vector<int64_t> counts(n, 0);
    for (const size_t t : target)
        ++counts[t];
    FoldTensor out = FoldTensor::zeros(data.type, dims);
    if (data.isReal()) {
        std::vector<double> acc(n, op == Reduce::Prod ? 1.0 : 0.0);
        std::vector<bool> first(n, true);
        for (size_t i = 0; i < in; ++i) {
            const double v = data.reals[i];
            double& a = acc[target[i]];
            if (op == Reduce::Max || op == Reduce::Min) {
                a = first[target[i]] || std::isnan(v) || (op == Reduce::Max ? v > a : v < a) ? v : a;
                first[target[i]] = false;
            } else {
                a = op == Reduce::Prod ? a * v : a + (op == Reduce::SumSquare ? v * v : v);
            }
        }
        for (size_t j = 0; j < n; ++j)
            out.reals[j] = roundReal(data.type, op == Reduce::Mean ? acc[j] / double(counts[j]) : acc[j]);
    } else {
        std::vector<int64_t> acc(n, op == Reduce::Prod ? 1 : 0);
        std::vector<bool> first(n, true);
        for (size_t i = 0; i < in; ++i) {
            const int64_t v = data.ints[i];
            int64_t& a = acc[target[i]];
            const auto ua = static_cast<uint64_t>(a), uv = static_cast<uint64_t>(v);
            if (op == Reduce::Max || op == Reduce::Min) {
                a = first[target[i]] || (op == Reduce::Max ? lessThan(data.type, a, v) : lessThan(data.type, v, a)) ? v
                                                                                                                    : a;
                first[target[i]] = false;
            } else {
                a = static_cast<int64_t>(op == Reduce::Prod ? ua * uv : ua + (op == Reduce::SumSquare ? uv * uv : uv));
            }
        }
        for (size_t j = 0; j < n; ++j)
            out.ints[j] = wrapInt(data.type, op == Reduce::Mean && counts[j] ? acc[j] / counts[j] : acc[j]);
    }
    return { std::move(out) };
}

std::vector<FoldTensor> reduceSum(const Call& c)
{
    return reduce(c, Reduce::Sum);
}
std::vector<FoldTensor> reduceMean(const Call& c)
{
    return reduce(c, Reduce::Mean);
}
std::vector<FoldTensor> reduceMax(const Call& c)
{
    return reduce(c, Reduce::Max);
}
std::vector<FoldTensor> reduceMin(const Call& c)
{
    return reduce(c, Reduce::Min);
}
std::vector<FoldTensor> reduceProd(const Call& c)
{
    return reduce(c, Reduce::Prod);
}
std::vector<FoldTensor> reduceSumSquare(const Call& c)
{
    return reduce(c, Reduce::SumSquare);
}

} // namespace

const std::vector<OpEntry>& mathOps()
{
    static const std::vector<OpEntry> ops = {
        { "Add", &add },
        { "Sub", &sub },
        { "Mul", &mul },
        { "Div", &div },
        { "Mod", &mod },
        { "Pow", &pow },
        { "Equal", &equal },
        { "Less", &less },
        { "Greater", &greater },
        { "LessOrEqual", &lessOrEqual },
        { "GreaterOrEqual", &greaterOrEqual },
        { "And", &logicAnd },
        { "Or", &logicOr },
        { "Xor", &logicXor },
        { "Not", &logicNot },
        { "Min", &min },
        { "Max", &max },
        { "Sum", &sum },
        { "Mean", &mean },
        { "Neg", &neg },
        { "Abs", &abs },
        { "Floor", &floor },
        { "Ceil", &ceil },
        { "Sqrt", &sqrt },
        { "Reciprocal", &reciprocal },
        { "Exp", &exp },
        { "Log", &log },
        { "Round", &round },
        { "Sign", &signOp },
        { "Relu", &relu },
        { "Where", &where },
        { "Clip", &clip },
        { "ReduceSum", &reduceSum },
        { "ReduceMean", &reduceMean },
        { "ReduceMax", &reduceMax },
        { "ReduceMin", &reduceMin },
        { "ReduceProd", &reduceProd },
        { "ReduceSumSquare", &reduceSumSquare },
    };
    return ops;
}

} // namespace wb::detail::eval
