#include "shapespec.h"

#include <QSet>

namespace wb {

QString ShapeSpecDim::toString() const
{
    return isRange() ? QStringLiteral("%1~%2").arg(min).arg(max) : QString::number(min);
}

bool InputShapeSpec::isStatic() const
{
    for (const ShapeSpecDim& d : dims) {
        if (!d.isStatic())
            return false;
    }
    return true;
}

namespace {

Error specError(const QString& message)
{
    return Error { QStringLiteral("bad_shape_spec"), message, {} };
}

std::optional<qint64> parseInteger(const QString& text, const QString& entry, Error* error)
{
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        *error = specError(QStringLiteral("'%1': a dimension is empty (two commas in a row?).").arg(entry));
        return std::nullopt;
    }
    bool ok = false;
    const qint64 v = t.toLongLong(&ok);
    if (ok)
        return v;
    t.toDouble(&ok);
    *error = specError(ok
            ? QStringLiteral("'%1': dimension '%2' is a float number; the float number is unsupported.").arg(entry, t)
            : QStringLiteral("'%1': dimension '%2' is not a digit.").arg(entry, t));
    return std::nullopt;
}

} // namespace

Result<QList<InputShapeSpec>> parseInputShapeSpec(const QString& text)
{
    QList<InputShapeSpec> result;
    QSet<QString> seen;
    const QStringList entries = text.split(QLatin1Char(';'));
    for (int i = 0; i < entries.size(); ++i) {
        const QString entry = entries.at(i).trimmed();
        if (entry.isEmpty()) {
            if (i == entries.size() - 1 && i > 0)
                continue; // a trailing ';' is harmless
            return specError(QStringLiteral("Input shape entry %1 is empty. Write name:d0,d1,... per input, "
                                            "separated by ';'.")
                                 .arg(i + 1));
        }
        const qsizetype colon = entry.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0)
            return specError(
                QStringLiteral("'%1': expected name:dims, e.g. input:1,3,224,224 (a scalar is 'name:').").arg(entry));
        InputShapeSpec spec;
        spec.name = entry.left(colon).trimmed();
        if (seen.contains(spec.name))
            return specError(QStringLiteral("Input '%1' is given more than once.").arg(spec.name));
        seen.insert(spec.name);
        const QString dims = entry.mid(colon + 1).trimmed();
        if (!dims.isEmpty()) {
            for (const QString& part : dims.split(QLatin1Char(','))) {
                Error error;
                const qsizetype tilde = part.indexOf(QLatin1Char('~'));
                if (tilde >= 0) {
                    const auto lo = parseInteger(part.left(tilde), entry, &error);
                    const auto hi = lo ? parseInteger(part.mid(tilde + 1), entry, &error) : std::nullopt;
                    if (!lo || !hi)
                        return error;
                    if (*lo < 1 || *hi < *lo)
                        return specError(QStringLiteral("'%1': range '%2' must be lo~hi with 1 <= lo <= hi.")
                                             .arg(entry, part.trimmed()));
                    spec.dims.append({ *lo, *hi });
                    continue;
                }
                const auto v = parseInteger(part, entry, &error);
                if (!v)
                    return error;
                if (*v < -2)
                    return specError(QStringLiteral("'%1': dimension %2 is invalid; use a size >= 0, -1 for a "
                                                    "dynamic dimension or -2 for an unknown rank.")
                                         .arg(entry)
                                         .arg(*v));
                spec.dims.append(ShapeSpecDim::fixed(*v));
            }
        }
        result.append(spec);
    }
    if (result.isEmpty())
        return specError(QStringLiteral("The input shape is empty."));
    return result;
}

QString formatInputShapeSpec(const QList<InputShapeSpec>& shapes)
{
    QStringList entries;
    for (const InputShapeSpec& s : shapes) {
        QStringList dims;
        for (const ShapeSpecDim& d : s.dims)
            dims.append(d.toString());
        entries.append(s.name + QLatin1Char(':') + dims.join(QLatin1Char(',')));
    }
    return entries.join(QLatin1Char(';'));
}

} // namespace wb
