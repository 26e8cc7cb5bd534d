#include "runexplain.h"
#include "run/benchtext.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace wb {
namespace {
// The context of these texts in translations/*.ts (core translates with Qt Core alone).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RunExplain)
};
} // namespace
} // namespace wb

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
        text += QLatin1Char('\n')
            + Tr::tr("Node that failed: '%1'%2.")
                  .arg(node.name, node.opType.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(node.opType));
    if (!shapesUsed.isEmpty())
        text += QLatin1Char('\n') + Tr::tr("Input shapes used: %1.").arg(formatInputShapeSpec(shapesUsed));
    if (!ranAsOne.isEmpty())
        text += QLatin1Char('\n')
            + Tr::tr("The dynamic dims of %1 were not given and ran as 1, which is likely too small for "
                     "this model: give the input shapes you deploy with.")
                  .arg(QStringLiteral("'%1'").arg(ranAsOne.join(QStringLiteral("', '"))));
    return text;
}

QString ranAsWarning(const QString& input, const QString& declaredShape, const InputShapeSpec& ranAs)
{
    return englishText(benchtext::kRanAs).arg(input, declaredShape, formatInputShapeSpec({ ranAs }));
}

} // namespace wb
