#include "util/safepath.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace wb {

namespace {
// The context of these texts in translations/*.ts (core translates with Qt Core alone).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SafePath)
};
} // namespace

QString plainFileNameProblem(const QString& name, const QString& what)
{
    if (name.trimmed().isEmpty())
        return Tr::tr("%1 is empty; give a file name such as model_b1.").arg(what);
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return Tr::tr("%1 '%2' is not a file name; give a name such as model_b1.").arg(what, name);
    if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        return Tr::tr("%1 '%2' contains a path separator; it must be a plain file name (the folder is chosen "
                      "separately, e.g. with --output).")
            .arg(what, name);
    if (name.contains(QChar(0)))
        return Tr::tr("%1 contains a NUL character; give a plain file name.").arg(what);
    return {};
}

bool resolvesInside(const QString& path, const QString& folder)
{
    const QString target = QFileInfo(path).canonicalFilePath();
    const QString base = QFileInfo(folder).canonicalFilePath();
    if (target.isEmpty() || base.isEmpty())
        return false;
    return target == base || target.startsWith(base.endsWith(QLatin1Char('/')) ? base : base + QLatin1Char('/'));
}

} // namespace wb
