#include "atcsyntax.h"

#include <QRegularExpression>

namespace wb {

namespace {

Error syntaxError(const QString& message)
{
    return Error { QStringLiteral("bad_syntax"), message, {} };
}

bool isDigits(const QString& s)
{
    if (s.isEmpty())
        return false;
    for (const QChar c : s) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}

// Splits "a;b;" into entries; a trailing separator is harmless, an empty entry in the middle is not.
std::optional<QStringList> entries(const QString& text, QChar separator, const QString& flag, Error* error)
{
    QStringList parts = text.trimmed().split(separator);
    if (parts.size() > 1 && parts.last().trimmed().isEmpty())
        parts.removeLast();
    for (int i = 0; i < parts.size(); ++i) {
        if (parts.at(i).trimmed().isEmpty()) {
            *error = syntaxError(parts.size() == 1 ? QStringLiteral("--%1 is empty.").arg(flag)
                                                   : QStringLiteral("--%1: entry %2 is empty (two '%3' in a row?).")
                                                         .arg(flag)
                                                         .arg(i + 1)
                                                         .arg(separator));
            return std::nullopt;
        }
    }
    return parts;
}

// "1,2,4" -> numbers; every part must be plain digits.
std::optional<QList<qint64>> numbers(const QString& profile, const QString& flag, const QString& code, Error* error)
{
    QList<qint64> values;
    for (const QString& part : profile.split(QLatin1Char(','))) {
        if (!isDigits(part)) {
            *error = syntaxError(QStringLiteral("--%1: '%2' in '%3' is not a whole number; write digits only, "
                                                "separated by ',' (ATC: %4).")
                                     .arg(flag, part, profile, code));
            return std::nullopt;
        }
        values.append(part.toLongLong());
    }
    return values;
}

QString joinNumbers(const QList<qint64>& values)
{
    QStringList parts;
    for (const qint64 v : values)
        parts.append(QString::number(v));
    return parts.join(QLatin1Char(','));
}

std::optional<ShapeSpecDim> rangeDim(const QString& text, const QString& entry, Error* error)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(-1|\\d+)\\s*(?:~\\s*(-1|\\d+)\\s*)?$"));
    const auto m = re.match(text);
    if (!m.hasMatch()) {
        *error
            = syntaxError(QStringLiteral("--input_shape_range: '%1' in '%2' is not a size, -1 or lo~hi (ATC: E10048).")
                              .arg(text, entry));
        return std::nullopt;
    }
    const qint64 lo = m.captured(1).toLongLong();
    if (!m.hasCaptured(2))
        return ShapeSpecDim::fixed(lo);
    const qint64 hi = m.captured(2).toLongLong();
    if (lo < 0 || (hi != -1 && hi < lo)) {
        *error = syntaxError(QStringLiteral("--input_shape_range: range '%1' in '%2' must be lo~hi with 0 <= lo <= hi "
                                            "(hi -1: no upper bound) (ATC: E10048).")
                                 .arg(text.trimmed(), entry));
        return std::nullopt;
    }
    return ShapeSpecDim { lo, hi };
}

std::optional<QList<ShapeSpecDim>> rangeDims(const QString& inside, const QString& entry, Error* error)
{
    QList<ShapeSpecDim> dims;
    if (inside.trimmed().isEmpty())
        return dims; // a scalar
    for (const QString& part : inside.split(QLatin1Char(','))) {
        const auto d = rangeDim(part, entry, error);
        if (!d)
            return std::nullopt;
        dims.append(*d);
    }
    return dims;
}

} // namespace

Result<QList<qint64>> parseDynamicBatchSize(const QString& text)
{
    Error error;
    const QString t = text.trimmed();
    if (t.isEmpty())
        return syntaxError(QStringLiteral("--dynamic_batch_size is empty."));
    const auto values = numbers(t, QStringLiteral("dynamic_batch_size"), QStringLiteral("E10003"), &error);
    if (!values)
        return error;
    return *values;
}

QString formatDynamicBatchSize(const QList<qint64>& sizes)
{
    return joinNumbers(sizes);
}

Result<QList<ImageSize>> parseDynamicImageSize(const QString& text)
{
    const QString flag = QStringLiteral("dynamic_image_size");
    Error error;
    const auto profiles = entries(text, QLatin1Char(';'), flag, &error);
    if (!profiles)
        return error;
    QList<ImageSize> sizes;
    for (const QString& p : *profiles) {
        const auto values = numbers(p.trimmed(), flag, QStringLiteral("E10020"), &error);
        if (!values)
            return error;
        if (values->size() != 2)
            return syntaxError(QStringLiteral("--dynamic_image_size: profile '%1' has %2 value(s); each profile is "
                                              "exactly height,width, profiles separated by ';' (ATC: E10020).")
                                   .arg(p.trimmed())
                                   .arg(values->size()));
        sizes.append({ values->at(0), values->at(1) });
    }
    return sizes;
}

QString formatDynamicImageSize(const QList<ImageSize>& sizes)
{
    QStringList parts;
    for (const ImageSize& s : sizes)
        parts.append(QStringLiteral("%1,%2").arg(s.height).arg(s.width));
    return parts.join(QLatin1Char(';'));
}

Result<QList<QList<qint64>>> parseDynamicDims(const QString& text)
{
    const QString flag = QStringLiteral("dynamic_dims");
    Error error;
    const auto profiles = entries(text, QLatin1Char(';'), flag, &error);
    if (!profiles)
        return error;
    QList<QList<qint64>> result;
    for (const QString& p : *profiles) {
        const auto values = numbers(p.trimmed(), flag, QStringLiteral("E10003"), &error);
        if (!values)
            return error;
        result.append(*values);
    }
    return result;
}

QString formatDynamicDims(const QList<QList<qint64>>& profiles)
{
    QStringList parts;
    for (const QList<qint64>& p : profiles)
        parts.append(joinNumbers(p));
    return parts.join(QLatin1Char(';'));
}

Result<QList<InputShapeRange>> parseInputShapeRange(const QString& text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return syntaxError(QStringLiteral("--input_shape_range is empty."));
    QList<InputShapeRange> result;
    Error error;
    if (t.startsWith(QLatin1Char('['))) {
        static const QRegularExpression item(QStringLiteral("\\G\\s*\\[([^\\[\\]]*)\\]\\s*(,|$)"));
        qsizetype pos = 0;
        while (pos < t.size()) {
            const auto m = item.match(t, pos);
            if (!m.hasMatch())
                return syntaxError(QStringLiteral("--input_shape_range: expected [dims],[dims],... by position, "
                                                  "e.g. [1~8,3,224,224],[1~8,10]; stuck at '%1' (ATC: E10048).")
                                       .arg(t.mid(pos)));
            const auto dims = rangeDims(m.captured(1), m.captured(0).trimmed(), &error);
            if (!dims)
                return error;
            result.append({ QString(), *dims });
            pos = m.capturedEnd(0);
        }
        return result;
    }
    const auto parts = entries(t, QLatin1Char(';'), QStringLiteral("input_shape_range"), &error);
    if (!parts)
        return error;
    for (const QString& raw : *parts) {
        const QString entry = raw.trimmed();
        const qsizetype open = entry.lastIndexOf(QStringLiteral(":["));
        if (open <= 0 || !entry.endsWith(QLatin1Char(']')))
            return syntaxError(
                QStringLiteral("--input_shape_range: '%1' is not name:[dims], e.g. input:[1~8,3,224,224] "
                               "(ATC: E10048).")
                    .arg(entry));
        const auto dims = rangeDims(entry.mid(open + 2, entry.size() - open - 3), entry, &error);
        if (!dims)
            return error;
        result.append({ entry.left(open).trimmed(), *dims });
    }
    return result;
}

QString formatInputShapeRange(const QList<InputShapeRange>& ranges)
{
    QStringList parts;
    bool byPosition = true;
    for (const InputShapeRange& r : ranges) {
        QStringList dims;
        for (const ShapeSpecDim& d : r.dims)
            dims.append(d.toString());
        const QString bracket = QLatin1Char('[') + dims.join(QLatin1Char(',')) + QLatin1Char(']');
        byPosition = byPosition && r.name.isEmpty();
        parts.append(r.name.isEmpty() ? bracket : r.name + QLatin1Char(':') + bracket);
    }
    return parts.join(byPosition ? QLatin1Char(',') : QLatin1Char(';'));
}

Result<QList<OutNode>> parseOutNodes(const QString& text)
{
    Error error;
    const auto parts = entries(text, QLatin1Char(';'), QStringLiteral("out_nodes"), &error);
    if (!parts)
        return error;
    QList<OutNode> nodes;
    for (const QString& raw : *parts) {
        const QString entry = raw.trimmed();
        const qsizetype colon = entry.lastIndexOf(QLatin1Char(':'));
        const QString index = colon >= 0 ? entry.mid(colon + 1).trimmed() : QString();
        if (colon >= 0 && isDigits(index)) {
            if (colon == 0)
                return syntaxError(QStringLiteral("--out_nodes: '%1' has no node name before ':'.").arg(entry));
            nodes.append({ entry.left(colon).trimmed(), index.toInt() });
        } else {
            nodes.append({ entry, -1 });
        }
    }
    return nodes;
}

QString formatOutNodes(const QList<OutNode>& nodes)
{
    QStringList parts;
    for (const OutNode& n : nodes)
        parts.append(n.index >= 0 ? QStringLiteral("%1:%2").arg(n.node).arg(n.index) : n.node);
    return parts.join(QLatin1Char(';'));
}

} // namespace wb
