// The evaluator's structural operators: shapes, indexing, reshaping and constants.
#include "evaluatorops_p.h"

#include <QStringList>

#include <algorithm>
#include <climits>
#include <cmath>

namespace wb::detail::eval {

namespace {

constexpr int kInt64 = onnx::TensorProto_DataType_INT64;

QString dimsText(const std::vector<int64_t>& dims)
{
    QStringList parts;
    for (const int64_t d : dims)
        parts.append(QString::number(d));
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

int64_t product(const std::vector<int64_t>& dims, size_t from, size_t to)
{
    int64_t n = 1;
    for (size_t k = from; k < to && k < dims.size(); ++k)
        n *= dims[k];
    return n;
}

std::vector<FoldTensor> constant(const Call& c)
{
    for (const auto& a : c.node.attribute()) {
        if (a.name() == "value") {
            c.checkedCount({ a.t().dims().begin(), a.t().dims().end() }); // before anything is widened
            QString why;
            auto t = foldTensorFromProto(a.t(), &why);
            if (!t)
                notCovered(QStringLiteral("its value cannot be read: %1").arg(why));
            c.checkedCount(t->dims);
            return { std::move(*t) };
        }
        if (a.name() == "value_float")
            return { FoldTensor::ofReals(onnx::TensorProto_DataType_FLOAT, {}, { double(a.f()) }) };
        if (a.name() == "value_floats") {
            std::vector<double> v(a.floats().begin(), a.floats().end());
            const auto n = static_cast<int64_t>(v.size());
            return { FoldTensor::ofReals(onnx::TensorProto_DataType_FLOAT, { n }, std::move(v)) };
        }
        if (a.name() == "value_int")
            return { FoldTensor::scalarInt64(a.i()) };
        if (a.name() == "value_ints") {
            std::vector<int64_t> v(a.ints().begin(), a.ints().end());
            const auto n = static_cast<int64_t>(v.size());
            return { FoldTensor::ofInts(kInt64, { n }, std::move(v)) };
        }
    }
    notCovered(QStringLiteral("its value is a string or sparse tensor, or missing"));
}

std::vector<FoldTensor> identity(const Call& c)
{
    return { c.value(0) };
}

std::vector<FoldTensor> shape(const Call& c)
{
    const FoldTensor* t = c.input(0);
    if (!t)
        invalid(QStringLiteral("input 0 is missing"));
    const int64_t r = t->rank();
    int64_t start = c.opset >= 15 ? c.attrInt("start", 0) : 0;
    int64_t end = c.opset >= 15 ? c.attrInt("end", r) : r;
    start = std::clamp<int64_t>(start < 0 ? start + r : start, 0, r);
    end = std::clamp<int64_t>(end < 0 ? end + r : end, 0, r);
    std::vector<int64_t> dims;
    for (int64_t k = start; k < end; ++k)
        dims.push_back(t->dims[static_cast<size_t>(k)]);
    const auto n = static_cast<int64_t>(dims.size());
    return { FoldTensor::ofInts(kInt64, { n }, std::move(dims)) };
}

std::vector<FoldTensor> size(const Call& c)
{
    const FoldTensor* t = c.input(0);
    if (!t)
        invalid(QStringLiteral("input 0 is missing"));
    return { FoldTensor::scalarInt64(t->count()) };
}

FoldTensor castTo(const FoldTensor& in, int to)
{
    if (!isFoldableType(to))
        notCovered(QStringLiteral("casting to %1 is not evaluated here").arg(dtypeName(to)));
    FoldTensor out;
    out.type = to;
    out.dims = in.dims;
    const size_t n = static_cast<size_t>(in.count());
    if (isRealType(to)) {
        out.reals.resize(n);
        for (size_t i = 0; i < n; ++i)
            out.reals[i] = in.isReal() ? roundReal(to, in.reals[i]) : intToReal(to, in.ints[i], in.type);
    } else {
        out.ints.resize(n);
        for (size_t i = 0; i < n; ++i)
            out.ints[i] = in.isReal() ? realToInt(to, in.reals[i]) : wrapInt(to, in.ints[i]);
    }
    return out;
}

std::vector<FoldTensor> cast(const Call& c)
{
    return { castTo(c.value(0), static_cast<int>(c.attrInt("to", 0))) };
}

std::vector<FoldTensor> castLike(const Call& c)
{
    return { castTo(c.value(0), c.value(1).type) };
}

std::vector<FoldTensor> gather(const Call& c)
{
    const FoldTensor& data = c.value(0);
    const FoldTensor& idx = c.value(1);
    if (data.rank() == 0)
        invalid(QStringLiteral("Gather needs data of rank 1 or more"));
    if (idx.isReal())
        invalid(QStringLiteral("indices must be integers"));
    const auto axis = static_cast<size_t>(c.axis(c.attrInt("axis", 0), data.rank(), "axis"));
    std::vector<int64_t> dims(data.dims.begin(), data.dims.begin() + static_cast<long>(axis));
    dims.insert(dims.end(), idx.dims.begin(), idx.dims.end());
    dims.insert(dims.end(), data.dims.begin() + static_cast<long>(axis) + 1, data.dims.end());
    c.checkedCount(dims);
    const int64_t outer = product(data.dims, 0, axis), extent = data.dims[axis];
    const int64_t inner = product(data.dims, axis + 1, data.dims.size());
    std::vector<size_t> indices;
    indices.reserve(static_cast<size_t>(elementCount(dims)));
    for (int64_t o = 0; o < outer; ++o) {
        for (const int64_t raw : idx.ints) {
            const int64_t k = raw < 0 ? raw + extent : raw;
            if (k < 0 || k >= extent)
                invalid(QStringLiteral("index %1 is out of range for a dimension of %2").arg(raw).arg(extent));
            for (int64_t i = 0; i < inner; ++i)
                indices.push_back(static_cast<size_t>((o * extent + k) * inner + i));
        }
    }
    return { pick(data, dims, indices) };
}

std::vector<FoldTensor> gatherElements(const Call& c)
{
    const FoldTensor& data = c.value(0);
    const FoldTensor& idx = c.value(1);
    if (idx.rank() != data.rank() || data.rank() == 0 || idx.isReal())
        invalid(QStringLiteral("indices must be integers of the data's rank"));
    const auto axis = static_cast<size_t>(c.axis(c.attrInt("axis", 0), data.rank(), "axis"));
    const std::vector<int64_t> strides = stridesOf(data.dims);
    const size_t n = c.checkedCount(idx.dims);
    std::vector<size_t> indices(n);
    std::vector<int64_t> coord(idx.dims.size(), 0);
    for (size_t i = 0; i < n; ++i) {
        int64_t at = 0;
        for (size_t k = 0; k < coord.size(); ++k) {
            int64_t v = coord[k];
            if (k == axis) {
                v = idx.ints[i] < 0 ? idx.ints[i] + data.dims[k] : idx.ints[i];
                if (v < 0 || v >= data.dims[k])
                    invalid(QStringLiteral("index %1 is out of range for a dimension of %2")
                                .arg(idx.ints[i])
                                .arg(data.dims[k]));
            } else if (v >= data.dims[k]) {
                invalid(QStringLiteral("indices %1 do not fit data %2").arg(dimsText(idx.dims), dimsText(data.dims)));
            }
            at += v * strides[k];
        }
        indices[i] = static_cast<size_t>(at);
        nextCoord(coord, idx.dims);
    }
    return { pick(data, idx.dims, indices) };
}

FoldTensor reshaped(FoldTensor t, std::vector<int64_t> dims)
{
    t.dims = std::move(dims);
    return t;
}

std::vector<FoldTensor> unsqueeze(const Call& c)
{
    const FoldTensor& data = c.value(0);
    const auto axes = c.opset < 13 ? c.attrInts("axes") : c.intList(1, "axes");
    if (!axes)
        invalid(QStringLiteral("axes are missing"));
    const int64_t rank = data.rank() + static_cast<int64_t>(axes->size());
    std::vector<bool> inserted(static_cast<size_t>(rank), false);
    for (const int64_t a : *axes) {
        const auto k = static_cast<size_t>(c.axis(a, rank, "axis"));
        if (inserted[k])
            invalid(QStringLiteral("axis %1 is given twice").arg(a));
        inserted[k] = true;
    }
    std::vector<int64_t> dims;
    size_t from = 0;
    for (size_t k = 0; k < inserted.size(); ++k)
        dims.push_back(inserted[k] ? 1 : data.dims[from++]);
    return { reshaped(data, std::move(dims)) };
}

std::vector<FoldTensor> squeeze(const Call& c)
{
    const FoldTensor& data = c.value(0);
    const auto axes = c.opset < 13 ? c.attrInts("axes") : c.intList(1, "axes");
    std::vector<bool> drop(data.dims.size(), false);
    if (!axes || axes->empty()) {
        for (size_t k = 0; k < data.dims.size(); ++k)
            drop[k] = data.dims[k] == 1;
    } else {
        for (const int64_t a : *axes) {
            const auto k = static_cast<size_t>(c.axis(a, data.rank(), "axis"));
            if (data.dims[k] != 1)
                invalid(QStringLiteral("axis %1 has size %2, not 1").arg(a).arg(data.dims[k]));
            drop[k] = true;
        }
    }
    std::vector<int64_t> dims;
    for (size_t k = 0; k < data.dims.size(); ++k) {
        if (!drop[k])
            dims.push_back(data.dims[k]);
    }
    return { reshaped(data, std::move(dims)) };
}

std::vector<FoldTensor> concat(const Call& c)
{
    if (c.inputCount() == 0)
        invalid(QStringLiteral("Concat has no inputs"));
    const FoldTensor& first = c.value(0);
    if (first.rank() == 0)
        invalid(QStringLiteral("Concat cannot join scalars"));
    // Before opset 4 the axis was optional and defaulted to 1.
    const auto axis = static_cast<size_t>(c.axis(c.attrInt("axis", c.opset < 4 ? 1 : 0), first.rank(), "axis"));
    std::vector<int64_t> dims = first.dims;
    dims[axis] = 0;
    for (size_t i = 0; i < c.inputCount(); ++i) {
        const FoldTensor& t = c.value(i);
        bool fits = t.rank() == first.rank() && t.type == first.type;
        for (size_t k = 0; fits && k < dims.size(); ++k)
            fits = k == axis || t.dims[k] == first.dims[k];
        if (!fits)
            invalid(QStringLiteral("input %1 %2 does not fit input 0 %3")
                        .arg(i)
                        .arg(dimsText(t.dims), dimsText(first.dims)));
        dims[axis] += t.dims[axis];
    }
    c.checkedCount(dims);
    FoldTensor out = FoldTensor::zeros(first.type, dims);
    const int64_t outer = product(dims, 0, axis);
    size_t at = 0;
    for (int64_t o = 0; o < outer; ++o) {
        for (size_t i = 0; i < c.inputCount(); ++i) {
            const FoldTensor& t = c.value(i);
            const auto block = static_cast<size_t>(product(t.dims, axis, t.dims.size()));
            const size_t from = static_cast<size_t>(o) * block;
            if (out.isReal())
                std::copy_n(
                    t.reals.begin() + static_cast<long>(from), block, out.reals.begin() + static_cast<long>(at));
            else
                std::copy_n(t.ints.begin() + static_cast<long>(from), block, out.ints.begin() + static_cast<long>(at));
            at += block;
        }
    }
    return { std::move(out) };
}

// Elements of `data` at start + coord * step along every axis, for an output of `dims`.
FoldTensor strided(const Call& c, const FoldTensor& data, const std::vector<int64_t>& dims,
    const std::vector<int64_t>& start, const std::vector<int64_t>& step)
{
    const size_t n = c.checkedCount(dims);
    const std::vector<int64_t> strides = stridesOf(data.dims);
    return pick(data, dims, walkIndices(dims, n, [&](const std::vector<int64_t>& coord) {
        int64_t at = 0;
        for (size_t k = 0; k < dims.size(); ++k)
            at += (start[k] + coord[k] * step[k]) * strides[k];
        return at;
    }));
}

std::vector<FoldTensor> slice(const Call& c)
{
    const FoldTensor& data = c.value(0);
    std::optional<std::vector<int64_t>> starts, ends, axes, steps;
    if (c.opset < 10) {
        starts = c.attrInts("starts");
        ends = c.attrInts("ends");
        axes = c.attrInts("axes");
    } else {
        starts = c.intList(1, "starts");
        ends = c.intList(2, "ends");
        axes = c.intList(3, "axes");
        steps = c.intList(4, "steps");
    }
    if (!starts || !ends || starts->size() != ends->size())
        invalid(QStringLiteral("starts and ends must be given, one per axis"));
    if (!axes) {
        axes.emplace();
        for (size_t k = 0; k < starts->size(); ++k)
            axes->push_back(static_cast<int64_t>(k));
    }
    if (!steps)
        steps = std::vector<int64_t>(starts->size(), 1);
    if (axes->size() != starts->size() || steps->size() != starts->size())
        invalid(QStringLiteral("axes and steps must give one value per start"));
    std::vector<int64_t> dims = data.dims, begin(data.dims.size(), 0), step(data.dims.size(), 1);
    std::vector<bool> seen(data.dims.size(), false);
    for (size_t i = 0; i < starts->size(); ++i) {
        const auto k = static_cast<size_t>(c.axis((*axes)[i], data.rank(), "axis"));
        if (seen[k])
            invalid(QStringLiteral("axis %1 is given twice").arg((*axes)[i]));
        seen[k] = true;
        const int64_t d = data.dims[k], st = (*steps)[i];
        if (st == 0)
            invalid(QStringLiteral("a step is 0"));
        int64_t s = (*starts)[i], e = (*ends)[i];
        s = s < 0 ? std::max<int64_t>(s, -d) + d : s;
        e = e < 0 ? std::max<int64_t>(e, -d - 1) + d : e;
        // Lengths through unsigned magnitudes: a step near INT64_MAX (or INT64_MIN) must not overflow.
        if (st > 0) {
            s = std::clamp<int64_t>(s, 0, d);
            e = std::clamp<int64_t>(e, 0, d);
            dims[k]
                = e > s ? static_cast<int64_t>(static_cast<uint64_t>(e - s - 1) / static_cast<uint64_t>(st) + 1) : 0;
        } else if (d == 0) {
            s = 0;
            dims[k] = 0;
        } else {
            s = std::clamp<int64_t>(s, 0, d - 1);
            e = std::clamp<int64_t>(e, -1, d - 1);
            const uint64_t magnitude = static_cast<uint64_t>(-(st + 1)) + 1;
            dims[k] = s > e ? static_cast<int64_t>(static_cast<uint64_t>(s - e - 1) / magnitude + 1) : 0;
        }
        begin[k] = s;
        step[k] = st;
    }
    return { strided(c, data, dims, begin, step) };
}

std::vector<FoldTensor> split(const Call& c)
{
    const FoldTensor& data = c.value(0);
    if (data.rank() == 0)
        invalid(QStringLiteral("Split cannot split a scalar"));
    const auto axis = static_cast<size_t>(c.axis(c.attrInt("axis", 0), data.rank(), "axis"));
    const auto parts = static_cast<int64_t>(c.node.output_size());
    std::optional<std::vector<int64_t>> sizes = c.opset < 13 ? c.attrInts("split") : c.intList(1, "split");
    const int64_t extent = data.dims[axis];
    if (!sizes || sizes->empty()) {
        if (parts == 0)
            invalid(QStringLiteral("Split has no outputs"));
        if (c.opset >= 18) {
            // Split-18: num_outputs chunks of ceil(extent / n), the last one smaller when it does not divide.
            if (c.attrInt("num_outputs", parts) != parts)
                invalid(QStringLiteral("num_outputs %1 does not match %2 outputs")
                            .arg(c.attrInt("num_outputs", parts))
                            .arg(parts));
            const int64_t chunk = (extent + parts - 1) / parts;
            sizes.emplace();
            for (int64_t left = extent, i = 0; i < parts; ++i, left -= chunk)
                sizes->push_back(std::clamp<int64_t>(left, 0, chunk));
        } else {
            if (extent % parts != 0)
                invalid(QStringLiteral("a dimension of %1 does not split into %2 equal parts").arg(extent).arg(parts));
            sizes = std::vector<int64_t>(static_cast<size_t>(parts), extent / parts);
        }
    }
    int64_t total = 0;
    for (const int64_t s : *sizes) {
        if (s < 0)
            invalid(QStringLiteral("a split size is negative"));
        total += s;
    }
    if (total != extent || static_cast<int64_t>(sizes->size()) != parts)
        invalid(QStringLiteral("split sizes add up to %1 in %2 parts, but the dimension is %3 in %4 outputs")
                    .arg(total)
                    .arg(sizes->size())
                    .arg(extent)
                    .arg(parts));
    std::vector<FoldTensor> outs;
    std::vector<int64_t> begin(data.dims.size(), 0), step(data.dims.size(), 1);
    for (const int64_t s : *sizes) {
        std::vector<int64_t> dims = data.dims;
        dims[axis] = s;
        outs.push_back(strided(c, data, dims, begin, step));
        begin[axis] += s;
    }
    return outs;
}

std::vector<FoldTensor> reshape(const Call& c)
{
    if (!c.input(0))
        invalid(QStringLiteral("input 0 is missing"));
    const FoldTensor& data = *c.input(0); // may be shapeOnly: the result is then shapeOnly too
    const auto target = c.opset < 5 ? c.attrInts("shape") : c.intList(1, "shape");
    if (!target)
        invalid(QStringLiteral("the shape is missing"));
    const bool allowZero = c.opset >= 14 && c.attrInt("allowzero", 0) != 0;
    std::vector<int64_t> dims = *target;
    int64_t inferred = -1, known = 1;
    for (size_t k = 0; k < dims.size(); ++k) {
        if (dims[k] == 0 && !allowZero) {
            if (k >= data.dims.size())
                invalid(QStringLiteral("shape %1 copies dimension %2 (a 0), which %3 does not have")
                            .arg(dimsText(*target))
                            .arg(k)
                            .arg(dimsText(data.dims)));
            dims[k] = data.dims[k];
        } else if (dims[k] == -1) {
            if (inferred >= 0)
                invalid(QStringLiteral("shape %1 has more than one -1").arg(dimsText(*target)));
            inferred = static_cast<int64_t>(k);
            continue;
        } else if (dims[k] < 0) {
            invalid(QStringLiteral("shape %1 has a negative size").arg(dimsText(*target)));
        }
        if (dims[k] != 0 && known > INT64_MAX / dims[k])
            invalid(QStringLiteral("shape %1 overflows").arg(dimsText(*target)));
        known *= dims[k];
    }
    const int64_t count = data.count();
    if (inferred >= 0) {
        if (known == 0 || count % known != 0)
            invalid(QStringLiteral("cannot reshape %1 (%2 elements) to %3")
                        .arg(dimsText(data.dims))
                        .arg(count)
                        .arg(dimsText(*target)));
        dims[static_cast<size_t>(inferred)] = count / known;
    } else if (known != count) {
        invalid(QStringLiteral("cannot reshape %1 (%2 elements) to %3 (%4 elements)")
                    .arg(dimsText(data.dims))
                    .arg(count)
                    .arg(dimsText(*target))
                    .arg(known));
    }
    return { reshaped(data, std::move(dims)) };
}

std::vector<FoldTensor> flatten(const Call& c)
{
    const FoldTensor& data = c.value(0);
    int64_t axis = c.attrInt("axis", 1);
    if (axis < -data.rank() || axis > data.rank())
        invalid(QStringLiteral("axis %1 is out of range for rank %2").arg(axis).arg(data.rank()));
    if (axis < 0)
        axis += data.rank();
    const auto a = static_cast<size_t>(axis);
    return { reshaped(data, { product(data.dims, 0, a), product(data.dims, a, data.dims.size()) }) };
}

std::vector<FoldTensor> transpose(const Call& c)
{
    const FoldTensor& data = c.value(0);
    std::vector<int64_t> perm;
    if (const auto p = c.attrInts("perm"); p && !p->empty())
        perm = *p;
    else
        for (int64_t k = data.rank(); k-- > 0;)
            perm.push_back(k);
    std::vector<bool> used(data.dims.size(), false);
    if (perm.size() != data.dims.size())
        invalid(QStringLiteral("perm has %1 entries for rank %2").arg(perm.size()).arg(data.rank()));
    std::vector<int64_t> dims, start(data.dims.size(), 0), step;
    const std::vector<int64_t> strides = stridesOf(data.dims);
    for (const int64_t p : perm) {
        if (p < 0 || p >= data.rank() || used[static_cast<size_t>(p)])
            invalid(QStringLiteral("perm is not a permutation of the axes"));
        used[static_cast<size_t>(p)] = true;
        dims.push_back(data.dims[static_cast<size_t>(p)]);
    }
    // Walk the output in order; each output axis k steps the input by the stride of axis perm[k].
    const size_t n = c.checkedCount(dims);
    return { pick(data, dims, walkIndices(dims, n, [&](const std::vector<int64_t>& coord) {
        int64_t at = 0;
        for (size_t k = 0; k < dims.size(); ++k)
            at += coord[k] * strides[static_cast<size_t>(perm[k])];
        return at;
    })) };
}

std::vector<FoldTensor> expand(const Call& c)
{
    const FoldTensor& data = c.value(0);
    const auto target = c.intList(1, "shape");
    if (!target)
        invalid(QStringLiteral("the shape is missing"));
    const std::vector<int64_t> dims = broadcastShapes({ &data.dims, &*target });
    c.checkedCount(dims);
    return { pick(data, dims, broadcastIndices(data.dims, dims)) };
}

std::vector<FoldTensor> tile(const Call& c)
{
    const FoldTensor& data = c.value(0);
    const auto repeats = c.intList(1, "repeats");
    if (!repeats || static_cast<int64_t>(repeats->size()) != data.rank())
        invalid(QStringLiteral("repeats must give one count per axis"));
    std::vector<int64_t> dims = data.dims;
    for (size_t k = 0; k < dims.size(); ++k) {
        if ((*repeats)[k] < 0)
            invalid(QStringLiteral("a repeat count is negative"));
        if (__builtin_mul_overflow(dims[k], (*repeats)[k], &dims[k]))
            c.checkedCount({ c.maxElements + 1 }); // far over any cap
    }
    const size_t n = c.checkedCount(dims);
    const std::vector<int64_t> strides = stridesOf(data.dims);
    return { pick(data, dims, walkIndices(dims, n, [&](const std::vector<int64_t>& coord) {
        int64_t at = 0;
        for (size_t k = 0; k < dims.size(); ++k)
            at += (coord[k] % data.dims[k]) * strides[k];
        return at;
    })) };
}

std::vector<FoldTensor> constantOfShape(const Call& c)
{
    const auto target = c.intList(0, "shape");
    if (!target)
        invalid(QStringLiteral("the shape is missing"));
    for (const int64_t d : *target) {
        if (d < 0)
            invalid(QStringLiteral("shape %1 has a negative size").arg(dimsText(*target)));
    }
    FoldTensor fill = FoldTensor::ofReals(onnx::TensorProto_DataType_FLOAT, {}, { 0.0 });
    if (const auto* a = c.attribute("value")) {
        if (elementCount({ a->t().dims().begin(), a->t().dims().end() }) != 1)
            invalid(QStringLiteral("its value must hold one element"));
        QString why;
        auto v = foldTensorFromProto(a->t(), &why);
        if (!v)
            notCovered(QStringLiteral("its value cannot be read: %1").arg(why));
        if (v->count() != 1)
            invalid(QStringLiteral("its value must hold one element"));
        fill = std::move(*v);
    }
    const size_t n = c.checkedCount(*target);
    FoldTensor out = FoldTensor::zeros(fill.type, *target);
    if (out.isReal())
        std::fill_n(out.reals.begin(), n, fill.reals[0]);
    else
        std::fill_n(out.ints.begin(), n, fill.ints[0]);
    return { std::move(out) };
}

std::vector<FoldTensor> range(const Call& c)
{
    const FoldTensor &start = c.value(0), &limit = c.value(1), &delta = c.value(2);
    if (start.count() != 1 || limit.count() != 1 || delta.count() != 1)
        invalid(QStringLiteral("start, limit and delta must be scalars"));
    if (start.type != limit.type || start.type != delta.type)
        invalid(QStringLiteral("start, limit and delta must have one type"));
    if (start.isReal()) {
        const double s = start.reals[0], d = delta.reals[0];
        if (d == 0.0)
            invalid(QStringLiteral("delta is 0"));
        const double steps = std::max(std::ceil((limit.reals[0] - s) / d), 0.0);
        if (!(steps <= double(c.maxElements)))
            c.checkedCount({ c.maxElements + 1 });
        const auto n = static_cast<int64_t>(steps);
        std::vector<double> values(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i)
            values[static_cast<size_t>(i)] = roundReal(start.type, s + double(i) * d);
        return { FoldTensor::ofReals(start.type, { n }, std::move(values)) };
    }
    const int64_t s = start.ints[0], l = limit.ints[0], d = delta.ints[0];
    if (d == 0)
        invalid(QStringLiteral("delta is 0"));
    // The distance and the step as unsigned magnitudes: no intermediate overflows, whatever the int64 values.
    uint64_t distance = 0, stepSize = 0;
    if (d > 0 && l > s) {
        distance = static_cast<uint64_t>(l) - static_cast<uint64_t>(s);
        stepSize = static_cast<uint64_t>(d);
    } else if (d < 0 && l < s) {
        distance = static_cast<uint64_t>(s) - static_cast<uint64_t>(l);
        stepSize = static_cast<uint64_t>(-(d + 1)) + 1;
    }
    const uint64_t steps = stepSize == 0 ? 0 : distance / stepSize + (distance % stepSize != 0 ? 1 : 0);
    if (steps > static_cast<uint64_t>(c.maxElements))
        c.checkedCount({ c.maxElements + 1 });
    const auto n = static_cast<int64_t>(steps);
    std::vector<int64_t> values(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        values[static_cast<size_t>(i)] = wrapInt(start.type,
            static_cast<int64_t>(static_cast<uint64_t>(s) + static_cast<uint64_t>(i) * static_cast<uint64_t>(d)));
    return { FoldTensor::ofInts(start.type, { n }, std::move(values)) };
}

std::vector<FoldTensor> nonZero(const Call& c)
{
    const FoldTensor& data = c.value(0);
    if (data.rank() == 0)
        notCovered(QStringLiteral("NonZero of a scalar is not evaluated here"));
    const size_t n = static_cast<size_t>(data.count());
    std::vector<size_t> hits;
    for (size_t i = 0; i < n; ++i) {
        if (data.isReal() ? data.reals[i] != 0.0 : data.ints[i] != 0)
            hits.push_back(i);
    }
    const auto rank = static_cast<size_t>(data.rank());
    const std::vector<int64_t> dims { data.rank(), static_cast<int64_t>(hits.size()) };
    c.checkedCount(dims);
    const std::vector<int64_t> strides = stridesOf(data.dims);
    std::vector<int64_t> values(rank * hits.size());
    for (size_t j = 0; j < hits.size(); ++j) {
        auto rest = static_cast<int64_t>(hits[j]);
        for (size_t k = 0; k < rank; ++k) {
            values[k * hits.size() + j] = rest / strides[k];
            rest %= strides[k];
        }
    }
    return { FoldTensor::ofInts(kInt64, dims, std::move(values)) };
}

} // namespace

const std::vector<OpEntry>& structuralOps()
{
    static const std::vector<OpEntry> ops = {
        { "Constant", &constant },
        { "Identity", &identity },
        { "Shape", &shape },
        { "Size", &size },
        { "Cast", &cast },
        { "CastLike", &castLike },
        { "Gather", &gather },
        { "GatherElements", &gatherElements },
        { "Unsqueeze", &unsqueeze },
        { "Squeeze", &squeeze },
        { "Concat", &concat },
        { "Slice", &slice },
        { "Split", &split },
        { "Reshape", &reshape },
        { "Flatten", &flatten },
        { "Transpose", &transpose },
        { "Expand", &expand },
        { "Tile", &tile },
        { "ConstantOfShape", &constantOfShape },
        { "Range", &range },
        { "NonZero", &nonZero },
    };
    return ops;
}

} // namespace wb::detail::eval
