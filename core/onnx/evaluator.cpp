#include "evaluatorops_p.h"

#include <QStringList>

#include <algorithm>
#include <exception>
#include <unordered_map>

namespace wb::detail {

namespace eval {

void invalid(const QString& message)
{
    throw Failure { EvalOutcome::Status::Invalid, message };
}

void notCovered(const QString& message)
{
    throw Failure { EvalOutcome::Status::NotCovered, message };
}

const FoldTensor& Call::value(size_t i) const
{
    const FoldTensor* t = input(i);
    if (!t)
        invalid(QStringLiteral("input %1 is missing").arg(i));
    if (t->shapeOnly)
        notCovered(QStringLiteral("the value of input %1 is not known").arg(i));
    return *t;
}

const onnx::AttributeProto* Call::attribute(const char* name) const
{
    for (const auto& a : node.attribute()) {
        if (a.name() == name)
            return &a;
    }
    return nullptr;
}

int64_t Call::attrInt(const char* name, int64_t fallback) const
{
    const auto* a = attribute(name);
    return a ? a->i() : fallback;
}

float Call::attrFloat(const char* name, float fallback) const
{
    const auto* a = attribute(name);
    return a ? a->f() : fallback;
}

std::optional<std::vector<int64_t>> Call::attrInts(const char* name) const
{
    const auto* a = attribute(name);
    if (!a)
        return std::nullopt;
    return std::vector<int64_t>(a->ints().begin(), a->ints().end());
}

std::optional<std::vector<int64_t>> Call::intList(size_t i, const char* what) const
{
    if (!input(i))
        return std::nullopt;
    const FoldTensor& t = value(i);
    if (t.isReal() || t.type == onnx::TensorProto_DataType_BOOL)
        invalid(QStringLiteral("%1 must be an integer tensor, not %2").arg(QLatin1String(what), dtypeName(t.type)));
    if (t.rank() > 1)
        invalid(QStringLiteral("%1 must be 1-D, not of rank %2").arg(QLatin1String(what)).arg(t.rank()));
    return t.ints;
}

int64_t Call::intScalar(size_t i, const char* what) const
{
    const FoldTensor& t = value(i);
    if (t.count() != 1)
        invalid(QStringLiteral("%1 must hold one value, not %2").arg(QLatin1String(what)).arg(t.count()));
    return t.integer(0);
}

size_t Call::checkedCount(const std::vector<int64_t>& dims) const
{
    const int64_t n = elementCount(dims);
    if (n < 0)
        invalid(QStringLiteral("the output dimensions are negative or overflow"));
    if (n > maxElements)
        throw Failure { EvalOutcome::Status::TooLarge,
            QStringLiteral("its output would hold %1 elements, over the folding limit of %2").arg(n).arg(maxElements) };
    return static_cast<size_t>(n);
}

int64_t Call::axis(int64_t a, int64_t rank, const char* what) const
{
    if (a < -rank || a >= rank)
        invalid(QStringLiteral("%1 %2 is out of range for rank %3").arg(QLatin1String(what)).arg(a).arg(rank));
    return a < 0 ? a + rank : a;
}

FoldTensor pick(const FoldTensor& src, const std::vector<int64_t>& dims, const std::vector<size_t>& indices)
{
    FoldTensor out;
    out.type = src.type;
    out.dims = dims;
    if (src.isReal()) {
        out.reals.resize(indices.size());
        for (size_t i = 0; i < indices.size(); ++i)
            out.reals[i] = src.reals[indices[i]];
    } else {
        out.ints.resize(indices.size());
        for (size_t i = 0; i < indices.size(); ++i)
            out.ints[i] = src.ints[indices[i]];
    }
    return out;
}

std::vector<int64_t> stridesOf(const std::vector<int64_t>& dims)
{
    std::vector<int64_t> strides(dims.size(), 1);
    for (size_t k = dims.size(); k-- > 1;)
        strides[k - 1] = strides[k] * dims[k];
    return strides;
}

std::vector<int64_t> broadcastShapes(const std::vector<const std::vector<int64_t>*>& shapes)
{
    size_t rank = 0;
    for (const auto* s : shapes)
        rank = std::max(rank, s->size());
    std::vector<int64_t> out(rank, 1);
    for (const auto* s : shapes) {
        const size_t offset = rank - s->size();
        for (size_t k = 0; k < s->size(); ++k) {
            const int64_t d = (*s)[k];
            int64_t& o = out[offset + k];
            if (d == o || d == 1)
                continue;
            if (o == 1)
                o = d;
            else {
                QStringList text;
                for (const auto* t : shapes) {
                    QStringList dims;
                    for (const int64_t x : *t)
                        dims.append(QString::number(x));
                    text.append(QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']'));
                }
                invalid(QStringLiteral("shapes %1 do not broadcast").arg(text.join(QStringLiteral(" and "))));
            }
        }
    }
    return out;
}

std::vector<size_t> broadcastIndices(const std::vector<int64_t>& in, const std::vector<int64_t>& out)
{
    const size_t rank = out.size();
    const size_t offset = rank - in.size();
    const std::vector<int64_t> inStrides = stridesOf(in);
    std::vector<int64_t> step(rank, 0); // how far the input index moves per step of each output coordinate
    for (size_t k = 0; k < in.size(); ++k)
        step[offset + k] = in[k] == 1 ? 0 : inStrides[k];
    const int64_t n = elementCount(out);
    std::vector<size_t> indices(static_cast<size_t>(std::max<int64_t>(n, 0)));
    std::vector<int64_t> coord(rank, 0);
    int64_t at = 0;
    for (size_t i = 0; i < indices.size(); ++i) {
        indices[i] = static_cast<size_t>(at);
        for (size_t k = rank; k-- > 0;) {
            at += step[k];
            if (++coord[k] < out[k])
                break;
            at -= step[k] * coord[k];
            coord[k] = 0;
        }
    }
    return indices;
}

} // namespace eval

namespace {

const std::unordered_map<std::string, eval::OpFn>& opTable()
{
    static const auto table = [] {
        std::unordered_map<std::string, eval::OpFn> t;
        for (const auto* list : { &eval::structuralOps(), &eval::mathOps() }) {
            for (const eval::OpEntry& e : *list)
                t.emplace(e.name, e.fn);
        }
        return t;
    }();
    return table;
}

} // namespace

const std::vector<std::string>& evaluatedOps()
{
    static const auto names = [] {
        std::vector<std::string> n;
        for (const auto& [name, fn] : opTable())
            n.push_back(name);
        std::sort(n.begin(), n.end());
        return n;
    }();
    return names;
}

bool isEvaluatedOp(const std::string& opType)
{
    return opTable().count(opType) > 0;
}

bool needsOnlyShape(const std::string& opType)
{
    return opType == "Shape" || opType == "Size";
}

bool acceptsShapeOnlyData(const std::string& opType)
{
    return opType == "Reshape";
}

EvalOutcome evaluateNode(
    const onnx::NodeProto& node, int opset, const std::vector<const FoldTensor*>& inputs, int64_t maxElements)
{
    EvalOutcome outcome;
    if (!isDefaultDomain(node.domain())) {
        outcome.message = QStringLiteral("operators of domain %1 are not evaluated here").arg(qs(node.domain()));
        return outcome;
    }
    const auto it = opTable().find(node.op_type());
    if (it == opTable().end()) {
        outcome.message = QStringLiteral("%1 is not among the operators evaluated here").arg(qs(node.op_type()));
        return outcome;
    }
    for (size_t i = 0; i < inputs.size(); ++i) {
        const FoldTensor* t = inputs[i];
        if (t && !isFoldableType(t->type)) {
            outcome.message
                = QStringLiteral("input %1 is %2, which is not evaluated here").arg(i).arg(dtypeName(t->type));
            return outcome;
        }
        if (t && t->shapeOnly
            && !((needsOnlyShape(node.op_type()) || acceptsShapeOnlyData(node.op_type())) && i == 0)) {
            outcome.message = QStringLiteral("the value of input %1 is not known").arg(i);
            return outcome;
        }
    }
    try {
        const eval::Call call { node, opset, inputs, maxElements };
        outcome.outputs = it->second(call);
        for (const FoldTensor& t : outcome.outputs) {
            if (t.type != 0 && !isFoldableType(t.type))
                eval::notCovered(QStringLiteral("an output of type %1 is not evaluated here").arg(dtypeName(t.type)));
        }
        outcome.outputs.resize(static_cast<size_t>(node.output_size()));
        outcome.status = EvalOutcome::Status::Done;
    } catch (const eval::Failure& f) {
        outcome.status = f.status;
        outcome.message = f.message;
        outcome.outputs.clear();
    } catch (const std::exception& e) { // std::bad_alloc and the like: never past the evaluator
        outcome.status = EvalOutcome::Status::TooLarge;
        outcome.message = QStringLiteral("evaluating it failed: %1").arg(QString::fromLocal8Bit(e.what()));
        outcome.outputs.clear();
    }
    return outcome;
}

} // namespace wb::detail
