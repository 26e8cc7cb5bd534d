#include "omname.h"

#include <QDir>
#include <QFileInfo>

namespace wb {

QString defaultOmName(const QString& modelPath, const QString& socVersion)
{
    const QString base = QFileInfo(modelPath).completeBaseName();
    const QString soc = socVersion.trimmed();
    return soc.isEmpty() ? base : base + QLatin1Char('_') + soc;
}

QString defaultOmPath(const QString& modelPath, const QString& socVersion)
{
    return QFileInfo(modelPath).absoluteDir().filePath(defaultOmName(modelPath, socVersion));
}

} // namespace wb
