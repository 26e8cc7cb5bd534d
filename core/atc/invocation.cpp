#include "invocation.h"

#include "atcoptions.h"
#include "toolkit.h"
#include "util/atomicfile.h"

#include <QDir>
#include <QFileInfo>

namespace wb {

namespace {

QString folderOf(const QString& path)
{
    return path.isEmpty() ? QString() : QFileInfo(path).absolutePath();
}

QString arg(const QString& name, const QString& value)
{
    return QStringLiteral("--%1=%2").arg(name, value);
}

} // namespace

AtcInvocation buildInvocation(const AtcOptions& options, const AtcToolkit& toolkit)
{
    AtcInvocation inv;
    inv.program = toolkit.isValid() ? toolkit.atcPath : QStringLiteral("atc");
    if (toolkit.isValid()) {
        inv.environment = toolkit.environment;
        inv.setupScript = toolkit.setEnvScript;
    }
    const AtcMode mode = options.mode;
    if (mode != AtcMode::Convert)
        inv.arguments.append(arg(QStringLiteral("mode"), QString::number(static_cast<int>(mode))));
    const bool omIsOriginal = !options.om.isEmpty() && !options.om.endsWith(QLatin1String(".om"), Qt::CaseInsensitive);
    for (const AtcFlagInfo& flag : atcFlags()) {
        if (!atcFlagAppliesTo(flag.name, mode))
            continue;
        const QString value = atcFlagValue(options, flag.name);
        if (!value.isEmpty())
            inv.arguments.append(arg(flag.name, value));
        // --framework follows --model (modes 0/3) or --om (mode 1 with an original model).
        const bool afterModel
            = flag.name == QLatin1String("model") && (mode == AtcMode::Convert || mode == AtcMode::PreCheck);
        const bool afterOm = flag.name == QLatin1String("om") && mode == AtcMode::ModelToJson && omIsOriginal;
        if (afterModel || afterOm)
            inv.arguments.append(arg(QStringLiteral("framework"), QStringLiteral("5")));
    }
    if (mode == AtcMode::Convert || mode == AtcMode::PreCheck) {
        for (const AtcExtraFlag& x : options.extraFlags)
            inv.arguments.append(arg(x.name, x.value));
    }
    inv.workingDirectory = options.workDir;
    if (inv.workingDirectory.isEmpty()) {
        const QString primary = mode == AtcMode::ModelToJson ? options.json
            : mode == AtcMode::DisplayOm                     ? options.om
                                                             : options.output;
        inv.workingDirectory = folderOf(primary);
    }
    if (inv.workingDirectory.isEmpty())
        inv.workingDirectory
            = folderOf(mode == AtcMode::Convert || mode == AtcMode::PreCheck ? options.model : options.om);
    return inv;
}

AtcOptions withAbsolutePaths(AtcOptions options)
{
    const QString base = buildInvocation(options, AtcToolkit {}).workingDirectory;
    if (base.isEmpty())
        return options;
    const QDir dir(base);
    for (const AtcFlagInfo& flag : atcFlags()) {
        if (flag.kind != AtcFlagKind::InputFile && flag.kind != AtcFlagKind::OutputPath)
            continue;
        const QString value = atcFlagValue(options, flag.name);
        if (!value.isEmpty() && QDir::isRelativePath(value))
            setAtcFlagValue(options, flag.name, QDir::cleanPath(dir.absoluteFilePath(value)));
    }
    for (AtcExtraFlag& x : options.extraFlags) {
        if (!x.value.isEmpty() && QDir::isRelativePath(x.value) && QFileInfo::exists(dir.absoluteFilePath(x.value)))
            x.value = QDir::cleanPath(dir.absoluteFilePath(x.value));
    }
    return options;
}

QString renderCommandLine(const AtcInvocation& invocation, bool multiline)
{
    if (!multiline)
        return shellQuote(invocation.argv());
    QStringList words { shellQuote(QStringList { invocation.program }) }; // the first word has its own rules
    for (const QString& a : invocation.arguments)
        words.append(shellQuote(a));
    return words.join(QStringLiteral(" \\\n    "));
}

QString renderShellScript(const AtcInvocation& invocation)
{
    QString script
        = QStringLiteral("#!/usr/bin/env bash\n"
                         "# ATC conversion exported by ATC Workbench. Run it as it is; the arguments are quoted\n"
                         "# exactly as the app passes them to atc.\n");
    if (!invocation.setupScript.isEmpty())
        script += QStringLiteral("source %1\n").arg(shellQuote(invocation.setupScript));
    script += QStringLiteral("set -e\n");
    if (!invocation.workingDirectory.isEmpty())
        script += QStringLiteral("cd %1\n").arg(shellQuote(invocation.workingDirectory));
    script += QStringLiteral("exec ") + renderCommandLine(invocation, true) + QLatin1Char('\n');
    return script;
}

Result<bool> writeShellScript(const AtcInvocation& invocation, const QString& path)
{
    if (const Result<bool> written = writeFileAtomically(path, renderShellScript(invocation).toUtf8()); !written.ok())
        return written.error();
    QFile::setPermissions(
        path, QFile::permissions(path) | QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    return true;
}

} // namespace wb
