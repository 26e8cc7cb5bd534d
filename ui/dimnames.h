#pragma once

#include <QRegularExpression>
#include <QString>

namespace wb {

// ONNX shape inference names a dimension nobody named "unk__<n>": the number means nothing to the user. The UI
// shows such a dim as "?" (tooltips keep the raw name).
inline bool isUnnamedDim(const QString& dim)
{
    static const QRegularExpression unnamed(QStringLiteral("^unk__\\d+$"));
    return unnamed.match(dim).hasMatch();
}

// `text` with every unnamed dim ("unk__165") as "?".
inline QString withUnnamedDimsShown(QString text)
{
    static const QRegularExpression unnamed(QStringLiteral("\\bunk__\\d+\\b"));
    return text.replace(unnamed, QStringLiteral("?"));
}

} // namespace wb
