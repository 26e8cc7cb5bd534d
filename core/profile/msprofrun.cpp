#include "msprofrun.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace wb {

QString findMsprof(const QString& explicitPath, const QProcessEnvironment& env)
{
    if (!explicitPath.isEmpty()) {
        const QFileInfo info(explicitPath);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    const QProcessEnvironment e = env.isEmpty() ? QProcessEnvironment::systemEnvironment() : env;
    const QStringList path = e.value(QStringLiteral("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("msprof"), path);
    if (!onPath.isEmpty())
        return onPath;
    QStringList roots;
    for (const char* variable : { "ASCEND_TOOLKIT_HOME", "ASCEND_HOME_PATH" }) {
        const QString value = e.value(QLatin1String(variable));
        if (!value.isEmpty())
            roots.append(value);
    }
    roots.append(QStringLiteral("/usr/local/Ascend/ascend-toolkit/latest"));
    for (const QString& root : roots) {
        const QFileInfo candidate(QDir(root).filePath(QStringLiteral("tools/profiler/bin/msprof")));
        if (candidate.isFile() && candidate.isExecutable())
            return candidate.absoluteFilePath();
    }
    return {};
}

ToolInvocation msprofInvocation(const ToolInvocation& runner, const QString& msprof, const QString& outputDir)
{
    ToolInvocation inv = runner;
    inv.program = msprof;
    inv.arguments = { QStringLiteral("--output=") + QDir::cleanPath(outputDir),
        QStringLiteral("--application=") + shellQuote(runner.argv()) };
    return inv;
}

} // namespace wb
