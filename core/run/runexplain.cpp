#include "runexplain.h"

#include <QRegularExpression>

namespace wb {

OrtFailedNode ortFailedNode(const QString& message)
{
    static const QRegularExpression running(QStringLiteral("while running (\\S+) node"));
    static const QRegularExpression name(QStringLiteral("Name:\\s*'([^']*)'"));
    OrtFailedNode node;
    if (const auto m = running.match(message); m.hasMatch())
        node.opType = m.captured(1);
    if (const auto m = name.match(message); m.hasMatch())
        node.name = m.captured(1);
    return node;
}

QString explainOrtRunError(const QString& message, const QList<InputShapeSpec>& shapesUsed, const QStringList& ranAsOne)
{
    QString text = message.trimmed();
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    const OrtFailedNode node = ortFailedNode(message);
    if (!node.name.isEmpty())
        text += QStringLiteral("\nNode that failed: '%1'%2.")
                    .arg(node.name, node.opType.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(node.opType));
    if (!shapesUsed.isEmpty())
        text += QStringLiteral("\nInput shapes used: %1.").arg(formatInputShapeSpec(shapesUsed));
    if (!ranAsOne.isEmpty())
        text += QStringLiteral("\nThe dynamic dims of %1 were not given and ran as 1, which is likely too small for "
                               "this model: give the input shapes you deploy with.")
                    .arg(QStringLiteral("'%1'").arg(ranAsOne.join(QStringLiteral("', '"))));
    return text;
}

} // namespace wb
