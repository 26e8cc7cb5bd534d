#include "dimhints.h"

#include "foldtensor_p.h"
#include "onnxproto_p.h"
#include "util/checkedsize.h"

#include <QRegularExpression>

#include <QCoreApplication>
#include <unordered_map>

#include "onnx/shapeverdicttr_p.h"

namespace wb {

namespace {

// "[640, 640]", "(640, 480)", "640,480" or "640": (height, width).
std::optional<QPair<qint64, qint64>> parseImageSize(const QString& text)
{
    static const QRegularExpression number(QStringLiteral("\\d+"));
    QList<qint64> values;
    for (auto it = number.globalMatch(text); it.hasNext();)
        values.append(it.next().captured().toLongLong());
    if (values.isEmpty() || values.size() > 2 || values.first() <= 0 || values.last() <= 0)
        return std::nullopt;
    return QPair<qint64, qint64>(values.first(), values.last());
}

void imageSizeHints(const onnx::ModelProto& model, const ModelSummary& s, DimHints& hints)
{
    static const QStringList keys = { QStringLiteral("imgsz"), QStringLiteral("img_size"), QStringLiteral("imgsize"),
        QStringLiteral("image_size"), QStringLiteral("input_size") };
    for (const auto& prop : model.metadata_props()) {
        const QString key = detail::qs(prop.key());
        if (!keys.contains(key, Qt::CaseInsensitive))
            continue;
        const auto size = parseImageSize(detail::qs(prop.value()));
        if (!size)
            continue;
        const QString reason = Tr::tr("metadata %1 = %2").arg(key, detail::qs(prop.value()));
        for (const TensorInfo& t : s.inputs) {
            if (!t.shape || t.shape->size() != 4)
                continue;
            const QList<Dim>& d = *t.shape;
            // NCHW unless the last dim is a static channel count and the middle two are open (NHWC).
            const bool nhwc = !d.at(3).isDynamic() && d.at(3).value <= 4 && d.at(1).isDynamic() && d.at(2).isDynamic();
            const int h = nhwc ? 1 : 2, w = nhwc ? 2 : 3;
            if (d.at(h).isDynamic())
                hints.direct.append({ t.name, h, size->first, reason });
            if (d.at(w).isDynamic())
                hints.direct.append({ t.name, w, size->second, reason });
        }
    }
}

std::optional<std::vector<int64_t>> constantInts(
    const std::string& name, const std::unordered_map<std::string, const onnx::TensorProto*>& constants)
{
    const auto it = constants.find(name);
    if (it == constants.end())
        return std::nullopt;
    const auto t = detail::foldTensorFromProto(*it->second);
    if (!t || t->isReal() || t->rank() > 1)
        return std::nullopt;
    return t->ints;
}

void consumerHints(const onnx::GraphProto& g, const ModelSummary& s, DimHints& hints)
{
    std::unordered_map<std::string, const TensorInfo*> inputs;
    for (const TensorInfo& t : s.inputs)
        inputs.emplace(t.name.toStdString(), &t);
    std::unordered_map<std::string, const onnx::TensorProto*> constants;
    for (const auto& t : g.initializer())
        constants.emplace(t.name(), &t);
    for (const auto& node : g.node()) {
        if (node.op_type() != "Constant" || node.output_size() != 1)
            continue;
        for (const auto& a : node.attribute()) {
            if (a.name() == "value" && a.has_t())
                constants.emplace(node.output(0), &a.t());
        }
    }
    for (const auto& node : g.node()) {
        if (node.input_size() < 2 || !detail::isDefaultDomain(node.domain()))
            continue;
        const auto in = inputs.find(node.input(0));
        if (in == inputs.end() || !in->second->shape)
            continue;
        const TensorInfo& input = *in->second;
        const QString name = node.name().empty() ? detail::qs(node.op_type()) : detail::qs(node.name());
        if (node.op_type() == "Reshape") {
            const auto target = constantInts(node.input(1), constants);
            if (!target || target->empty())
                continue;
            bool fixed = true;
            QStringList dims;
            for (const int64_t d : *target) {
                fixed = fixed && d > 0;
                dims.append(QString::number(d));
            }
            const qint64 elements = detail::elementCount(*target); // -1 when it overflows
            if (fixed && elements > 0)
                hints.pins.append({ input.name, elements,
                    Tr::tr("Reshape '%1' to [%2]").arg(name, dims.join(QStringLiteral(", "))) });
        } else if (node.op_type() == "Conv" && input.shape->size() >= 3 && input.shape->at(1).isDynamic()) {
            const auto w = constants.find(node.input(1));
            if (w == constants.end() || w->second->dims_size() < 2)
                continue;
            qint64 group = 1;
            for (const auto& a : node.attribute()) {
                if (a.name() == "group")
                    group = a.i();
            }
            hints.direct.append({ input.name, 1, w->second->dims(1) * group,
                Tr::tr("Conv '%1' reads %2 channels").arg(name).arg(w->second->dims(1) * group) });
        }
    }
}

} // namespace

bool isBatchDim(const TensorInfo& input, int dim)
{
    return dim == 0 && input.shape && input.shape->size() >= 2;
}

std::optional<qint64> proposedSize(const TensorInfo& input, int dim)
{
    if (!input.shape || dim < 0 || dim >= input.shape->size())
        return std::nullopt;
    const Dim& d = input.shape->at(dim);
    if (!d.isDynamic())
        return d.value;
    return isBatchDim(input, dim) ? std::optional<qint64>(1) : std::nullopt;
}

DimHints dimHints(const OnnxModel& model)
{
    DimHints hints;
    const ModelSummary& s = model.summary();
    imageSizeHints(model.proto(), s, hints);
    consumerHints(model.proto().graph(), s, hints);
    for (const TensorInfo& t : s.inputs) {
        if (!t.shape)
            continue;
        for (int i = 0; i < t.shape->size(); ++i) {
            if (t.shape->at(i).kind == Dim::Kind::Symbolic)
                hints.symbols[t.shape->at(i).symbol].append({ t.name, i });
        }
    }
    return hints;
}

QList<DimSuggestion> suggestInputDims(const DimHints& hints, const QHash<QString, QList<std::optional<qint64>>>& known)
{
    QList<DimSuggestion> out;
    auto open = [&](const QString& input, int dim) {
        const auto it = known.constFind(input);
        if (it == known.cend() || dim < 0 || dim >= it->size() || it->at(dim).has_value())
            return false;
        for (const DimSuggestion& s : out) {
            if (s.input == input && s.dim == dim)
                return false;
        }
        return true;
    };
    for (auto it = hints.symbols.cbegin(); it != hints.symbols.cend(); ++it) {
        std::optional<QPair<QString, qint64>> given;
        for (const auto& [input, dim] : it.value()) {
            const auto k = known.constFind(input);
            if (k != known.cend() && dim < k->size() && k->at(dim))
                given = QPair<QString, qint64>(input, *k->at(dim));
        }
        if (!given)
            continue;
        for (const auto& [input, dim] : it.value()) {
            if (open(input, dim))
                out.append({ input, dim, given->second,
                    Tr::tr("dim '%1' is %2 in input '%3'").arg(it.key()).arg(given->second).arg(given->first) });
        }
    }
    for (const DimSuggestion& s : hints.direct) {
        if (open(s.input, s.dim))
            out.append(s);
    }
    for (const DimHints::Pin& pin : hints.pins) {
        const auto k = known.constFind(pin.input);
        if (k == known.cend())
            continue;
        int unknown = -1, openCount = 0;
        qint64 product = 1; // 0 when a known dim is 0 or negative, or the product overflows: no suggestion
        for (int i = 0; i < k->size(); ++i) {
            if (k->at(i))
                product = sizes::checkedMul(product, *k->at(i)).value_or(0);
            else {
                unknown = i;
                ++openCount;
            }
        }
        if (openCount == 1 && product > 0 && pin.elements % product == 0 && open(pin.input, unknown))
            out.append({ pin.input, unknown, pin.elements / product, pin.reason });
    }
    return out;
}

} // namespace wb
