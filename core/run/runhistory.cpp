#include "run/runhistory.h"

#include "logging/logging.h"
#include "util/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>

namespace wb {

namespace {

constexpr qint64 kMaxRunFileBytes = 64 * 1024 * 1024;
const QString kFormat = QStringLiteral("atc-workbench-run");

QString safeName(const QString& text)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    QString name = text;
    name.replace(unsafe, QStringLiteral("_"));
    return name.left(60);
}

Result<QJsonObject> readRunFile(const QString& path)
{
    QFile file(path);
    if (file.size() > kMaxRunFileBytes)
        return Error { QStringLiteral("bad_run_file"), QStringLiteral("larger than %1 bytes").arg(kMaxRunFileBytes),
            {} };
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("unreadable"), file.errorString(), {} };
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        return Error { QStringLiteral("bad_run_file"),
            QStringLiteral("not JSON (%1 at offset %2)").arg(error.errorString()).arg(error.offset), {} };
    if (!document.isObject())
        return Error { QStringLiteral("bad_run_file"), QStringLiteral("not a JSON object"), {} };
    return document.object();
}

} // namespace

RunHistory::RunHistory(const QString& folder)
    : m_folder(folder.isEmpty() ? defaultFolder() : folder)
{
}

QString RunHistory::defaultFolder()
{
    const QString env = qEnvironmentVariable("WB_RUN_HISTORY");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/atc-workbench/atc-workbench/runs");
}

QJsonObject RunHistory::toJson(const BenchResult& result)
{
    QJsonObject o = benchResultToJson(result);
    o.insert(QStringLiteral("format"), kFormat);
    o.insert(QStringLiteral("version"), FormatVersion);
    return o;
}

Result<BenchResult> RunHistory::fromJson(const QJsonObject& object)
{
    if (object.value(QLatin1String("format")).toString() != kFormat)
        return Error { QStringLiteral("bad_run_file"),
            QStringLiteral("Not a stored benchmark run: \"format\" is not \"%1\".").arg(kFormat), {} };
    const int version = object.value(QLatin1String("version")).toInt(0);
    if (version < 1 || version > FormatVersion)
        return Error { QStringLiteral("bad_run_file"),
            QStringLiteral("Stored run format version %1 is not supported (this build reads 1 to %2).")
                .arg(version)
                .arg(FormatVersion),
            {} };
    return benchResultFromJson(object);
}

Result<QString> RunHistory::save(const BenchResult& result, const QJsonObject& extra)
{
    QDir dir(m_folder);
    if (!dir.mkpath(QStringLiteral(".")))
        return Error { QStringLiteral("write_failed"),
            QStringLiteral("Cannot create the run history folder %1.").arg(QDir::toNativeSeparators(m_folder)), {} };
    const QDateTime when = (result.started.isValid() ? result.started : QDateTime::currentDateTime()).toUTC();
    const QString stem = QStringLiteral("%1_%2_%3")
                             .arg(when.toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")), safeName(result.runner),
                                 safeName(QFileInfo(result.model).completeBaseName()));
    QString path = dir.filePath(stem + QStringLiteral(".json"));
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = dir.filePath(QStringLiteral("%1-%2.json").arg(stem).arg(n));

    QJsonObject o = toJson(result);
    o.insert(QStringLiteral("extra"), extra);
    if (const Result<bool> written = writeFileAtomically(path, QJsonDocument(o).toJson(QJsonDocument::Indented));
        !written.ok())
        return written.error();
    return QFileInfo(path).absoluteFilePath();
}

QList<RunHistoryEntry> RunHistory::entries(int maxRuns, QStringList* warnings) const
{
    QList<RunHistoryEntry> found;
    const QDir dir(m_folder);
    const QStringList files = dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name | QDir::Reversed);
    for (const QString& name : files) {
        if (maxRuns > 0 && found.size() >= maxRuns)
            break;
        const QString path = dir.absoluteFilePath(name);
        const Result<QJsonObject> object = readRunFile(path);
        Result<BenchResult> result = object.ok() ? fromJson(object.value()) : Result<BenchResult>(object.error());
        if (!result.ok()) {
            const QString warning
                = QStringLiteral("Skipped run file %1: %2").arg(QDir::toNativeSeparators(path), result.error().message);
            log::run()->warn("{}", warning);
            if (warnings)
                warnings->append(warning);
            continue;
        }
        found.append({ path, std::move(result).value(), object.value().value(QLatin1String("extra")).toObject() });
    }
    return found;
}

QList<BenchResult> RunHistory::load(int maxRuns, QStringList* warnings) const
{
    QList<BenchResult> results;
    for (RunHistoryEntry& entry : entries(maxRuns, warnings))
        results.append(std::move(entry.result));
    return results;
}

} // namespace wb
