#pragma once

#include "run/bench.h"
#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace wb {

struct RunHistoryEntry {
    QString path; // the run's file
    BenchResult result;
    QJsonObject extra; // what the caller passed to save() (e.g. the conversion recipe), as stored
};

// Every benchmark run stored as one JSON file in a folder, named <UTC yyyyMMdd-HHmmss-zzz>_<runner>_<model>.json so
// the names sort by time. A file is benchResultToJson() plus "format": "atc-workbench-run", "version": 1 and
// "extra". Written atomically (util/atomicfile.h): a crash leaves no torn run file. The app and atcwb share the default
// folder.
class RunHistory {
public:
    static constexpr int FormatVersion = 1;

    // Empty: defaultFolder().
    explicit RunHistory(const QString& folder = {});

    // $WB_RUN_HISTORY when set, else <GenericDataLocation>/atc-workbench/atc-workbench/runs (the app's
    // AppDataLocation, so the runs atcwb stores show up in the app).
    static QString defaultFolder();
    QString folder() const { return m_folder; }

    // Creates the folder when needed; returns the file path. Errors: write_failed.
    Result<QString> save(const BenchResult& result, const QJsonObject& extra = {});

    // Newest first, at most maxRuns (<= 0: all). Files that cannot be read or are not runs are skipped with a
    // warning (logged to wb.run and appended to *warnings).
    QList<BenchResult> load(int maxRuns = 200, QStringList* warnings = nullptr) const;
    QList<RunHistoryEntry> entries(int maxRuns = 200, QStringList* warnings = nullptr) const;

    static QJsonObject toJson(const BenchResult& result);
    // Errors: bad_run_file (not a run, a newer format version, wrong field types).
    static Result<BenchResult> fromJson(const QJsonObject& object);

private:
    QString m_folder;
};

} // namespace wb
