#include "toolkit.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace wb {
namespace {
// The context of these texts in translations/*.ts (core translates with Qt Core alone).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(AtcToolkit)
};
} // namespace
} // namespace wb

namespace wb {

namespace {

bool isExecutableFile(const QString& path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

// The atc inside a toolkit folder: bin/atc (CANN ≥ 6), atc/bin/atc (CANN ≤ 5).
QString atcIn(const QString& home)
{
    if (home.isEmpty())
        return {};
    for (const char* rel : { "bin/atc", "atc/bin/atc" }) {
        const QString candidate = QDir(home).filePath(QLatin1String(rel));
        if (isExecutableFile(candidate))
            return candidate;
    }
    return {};
}

// The toolkit folder an atc belongs to: <home>/bin/atc, <home>/atc/bin/atc or <home>/<arch>-linux/bin/atc.
QString homeOf(const QString& atcPath)
{
    const QFileInfo info(atcPath);
    QDir dir = info.isSymLink() ? QFileInfo(info.canonicalFilePath()).absoluteDir() : info.absoluteDir();
    if (dir.dirName() == QLatin1String("bin"))
        dir.cdUp();
    if (dir.dirName() == QLatin1String("atc") || dir.dirName().endsWith(QLatin1String("-linux")))
        dir.cdUp();
    return dir.absolutePath();
}

QStringList archDirs(const QString& home)
{
    QStringList dirs;
    const QDir root(home);
    for (const QString& name :
        root.entryList({ QStringLiteral("*-linux") }, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        dirs.append(root.filePath(name));
    return dirs;
}

QString readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.read(1 << 20));
}

QString keyValue(const QString& text, const QString& key)
{
    const QRegularExpression re(QStringLiteral("^\\s*%1\\s*=\\s*(\\S+)\\s*$").arg(QRegularExpression::escape(key)),
        QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
    return re.match(text).captured(1);
}

} // namespace

ToolkitSearch ToolkitSearch::fromEnvironment(
    const QProcessEnvironment& environment, const QString& settingsAtcPath, const QString& settingsToolkitHome)
{
    ToolkitSearch search;
    search.environment = environment;
    search.settingsAtcPath = settingsAtcPath;
    search.settingsToolkitHome = settingsToolkitHome;
    search.defaultRoots = defaultInstallRoots(environment);
    return search;
}

QStringList defaultInstallRoots(const QProcessEnvironment& environment)
{
    QStringList roots { QStringLiteral("/usr/local/Ascend/ascend-toolkit/latest") };
    const QString home = environment.value(QStringLiteral("HOME"));
    if (!home.isEmpty())
        roots.append(QDir(home).filePath(QStringLiteral("Ascend/ascend-toolkit/latest")));
    roots.append(QStringLiteral("/usr/local/Ascend/cann"));
    if (!home.isEmpty())
        roots.append(QDir(home).filePath(QStringLiteral("Ascend/cann")));
    return roots;
}

std::optional<ToolkitLocation> locateToolkit(const ToolkitSearch& search, QStringList* searched)
{
    auto note = [searched](const QString& what) {
        if (searched)
            searched->append(what);
    };
    if (!search.settingsAtcPath.isEmpty()) {
        note(Tr::tr("Settings atc path %1").arg(search.settingsAtcPath));
        if (isExecutableFile(search.settingsAtcPath))
            return ToolkitLocation { search.settingsAtcPath, homeOf(search.settingsAtcPath),
                QStringLiteral("settings") };
    }
    if (!search.settingsToolkitHome.isEmpty()) {
        note(Tr::tr("Settings toolkit folder %1").arg(search.settingsToolkitHome));
        if (const QString atc = atcIn(search.settingsToolkitHome); !atc.isEmpty())
            return ToolkitLocation { atc, QDir(search.settingsToolkitHome).absolutePath(),
                QStringLiteral("settings-home") };
    }
    const QString path = search.environment.value(QStringLiteral("PATH"));
    note(QStringLiteral("PATH"));
    for (const QString& dir : path.split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
        const QString candidate = QDir(dir).filePath(QStringLiteral("atc"));
        if (isExecutableFile(candidate))
            return ToolkitLocation { candidate, homeOf(candidate), QStringLiteral("PATH") };
    }
    for (const QString& var : { QStringLiteral("ASCEND_TOOLKIT_HOME"), QStringLiteral("ASCEND_HOME_PATH") }) {
        const QString home = search.environment.value(var);
        if (home.isEmpty())
            continue;
        note(QStringLiteral("$%1 (%2)").arg(var, home));
        if (const QString atc = atcIn(home); !atc.isEmpty())
            return ToolkitLocation { atc, QDir(home).absolutePath(), var };
    }
    for (const QString& root : search.defaultRoots) {
        note(root);
        if (const QString atc = atcIn(root); !atc.isEmpty())
            return ToolkitLocation { atc, QDir(root).absolutePath(), QStringLiteral("default") };
    }
    return std::nullopt;
}

QString parseToolkitVersionFile(const QString& fileName, const QString& text)
{
    const QString name = QFileInfo(fileName).fileName();
    if (name == QLatin1String("version.cfg")) {
        static const QRegularExpression running(QStringLiteral("toolkit_running_version=\\[[^:\\]]*:([^\\]]+)\\]"));
        return running.match(text).captured(1).trimmed();
    }
    return keyValue(text, QStringLiteral("version"));
}

QString versionFromFolderName(const QString& canonicalHome)
{
    // `latest` is usually a link to a folder named after the version (8.0.0, cann-8.5.0).
    static const QRegularExpression versioned(QStringLiteral("^(?:cann-)?(\\d+\\.\\d+[0-9A-Za-z.]*)$"));
    return versioned.match(QFileInfo(canonicalHome).fileName()).captured(1);
}

ToolkitVersion readToolkitVersion(const QString& home)
{
    QStringList files;
    for (const QString& arch : archDirs(home)) {
        for (const char* name : { "ascend_toolkit_install.info", "ascend_ops_install.info" })
            files.append(QDir(arch).filePath(QLatin1String(name)));
    }
    files << QDir(home).filePath(QStringLiteral("version.cfg"))
          << QDir(home).filePath(QStringLiteral("compiler/version.info"));
    for (const QString& file : files) {
        if (const QString v = parseToolkitVersionFile(file, readFile(file)); !v.isEmpty())
            return { v, file };
    }
    const QString canonical = QFileInfo(home).canonicalFilePath();
    if (const QString v = versionFromFolderName(canonical); !v.isEmpty())
        return { v, canonical };
    return {};
}

QStringList readSocVersions(const QString& home)
{
    QStringList socs;
    for (const QString& arch : archDirs(home)) {
        const QDir dir(QDir(arch).filePath(QStringLiteral("data/platform_config")));
        for (QString name : dir.entryList({ QStringLiteral("*.ini") }, QDir::Files)) {
            name.chop(4);
            if (!socs.contains(name))
                socs.append(name);
        }
    }
    socs.sort();
    return socs;
}

QString findSetEnvScript(const QString& home)
{
    for (const char* rel : { "set_env.sh", "../set_env.sh", "bin/setenv.bash" }) {
        const QString candidate = QDir::cleanPath(QDir(home).filePath(QLatin1String(rel)));
        if (QFileInfo(candidate).isFile())
            return candidate;
    }
    return {};
}

QSet<QString> parseAtcHelp(const QString& helpText)
{
    static const QRegularExpression option(QStringLiteral("^\\s*--([A-Za-z][A-Za-z0-9_]*)"));
    QSet<QString> flags;
    for (const QString& line : helpText.split(QLatin1Char('\n'))) {
        if (const auto m = option.match(line); m.hasMatch())
            flags.insert(m.captured(1));
    }
    return flags;
}

QProcessEnvironment parseEnvDump(const QByteArray& nulSeparated)
{
    QProcessEnvironment env;
    for (const QByteArray& entry : nulSeparated.split('\0')) {
        const qsizetype eq = entry.indexOf('=');
        if (eq > 0)
            env.insert(QString::fromLocal8Bit(entry.left(eq)), QString::fromLocal8Bit(entry.mid(eq + 1)));
    }
    return env;
}

QStringList builtinSocVersions()
{
    static const QStringList socs = [] {
        QStringList list;
        QFile file(QStringLiteral(":/data/atc/soc_versions.json"));
        if (!file.open(QIODevice::ReadOnly))
            return list;
        const QJsonArray families
            = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("families")).toArray();
        for (const QJsonValue& family : families) {
            for (const QJsonValue& soc : family.toObject().value(QStringLiteral("socs")).toArray())
                list.append(soc.toString());
        }
        return list;
    }();
    return socs;
}

QStringList socVersionsFor(const AtcToolkit& toolkit)
{
    return toolkit.isValid() && !toolkit.socVersions.isEmpty() ? toolkit.socVersions : builtinSocVersions();
}

QString toolkitHowTo(HintForm form)
{
    if (form == HintForm::Cli)
        return QStringLiteral("Pass --atc PATH (convert), or export ASCEND_TOOLKIT_HOME=<toolkit folder> (e.g. "
                              "/usr/local/Ascend/ascend-toolkit/latest), or run `source "
                              "/usr/local/Ascend/ascend-toolkit/set_env.sh` (CANN 8.5 and later: `source "
                              "/usr/local/Ascend/cann/set_env.sh`) in the shell that starts atcwb.");
    return Tr::tr("Set the *atc program* or the *Toolkit folder* in *Settings*, or export "
                  "ASCEND_TOOLKIT_HOME=<toolkit folder> "
                  "(e.g. /usr/local/Ascend/ascend-toolkit/latest), or run `source "
                  "/usr/local/Ascend/ascend-toolkit/set_env.sh` (CANN 8.5 and later: `source "
                  "/usr/local/Ascend/cann/set_env.sh`) in the shell that starts ATC Workbench or atcwb.");
}

QString toolkitStatus(const AtcToolkit& toolkit)
{
    if (!toolkit.isValid())
        return Tr::tr("No ATC found (looked in: %1). Using the built-in SoC list; flags are not probed.")
            .arg(toolkit.searched.join(QStringLiteral(", ")));
    return Tr::tr("CANN %1 at %2 (%3 SoCs, %4)")
        .arg(toolkit.version.isEmpty() ? Tr::tr("(version unknown)") : toolkit.version, toolkit.atcPath)
        .arg(toolkit.socVersions.size())
        .arg(toolkit.flags.isEmpty() ? Tr::tr("flags not probed") : Tr::tr("%1 flags").arg(toolkit.flags.size()));
}

} // namespace wb
