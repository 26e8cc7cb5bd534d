#pragma once

#include "opprofile.h"
#include "util/result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace wb {

// Reads msprof's op_summary_*.csv and op_statistic_*.csv and torch_npu's kernel_details.csv, fed in chunks of any
// size (a chunk may end inside a field or a quoted cell), one file after another, into one OpProfile.
//
// Read generously: both header generations ("Task Duration(us)" and the older ones without units), optional
// leading Device_id and Model Name / Infer ID / Step Id columns, Block Dim or Block Num, cells with trailing tabs
// or spaces, quoted cells ("""64,64"""), CRLF, a UTF-8 BOM, N/A anywhere. Lines starting with '#' are comments.
// A row with the wrong number of fields, or without a usable duration, is counted in rowsSkipped and named in
// warnings; the other rows are kept. Several iterations (Infer ID / Step Id) aggregate per op as min / median /
// mean / max over its rows. Files of different kinds cannot be mixed.
class ProfileCsvReader {
public:
    ProfileCsvReader();
    ~ProfileCsvReader();
    ProfileCsvReader(const ProfileCsvReader&) = delete;
    ProfileCsvReader& operator=(const ProfileCsvReader&) = delete;

    // Starts the next file; `name` is used in errors and OpProfile::files.
    void beginFile(const QString& name);
    // The next bytes of the current file. Returns false once the file is known to be unusable (see error()).
    bool feed(QByteArrayView chunk);
    // Ends the current file. False when it was unusable: not a profile CSV, a required column missing.
    bool endFile();
    // The first error (code not_profile_csv, missing_column, binary_file, mixed_kinds, no_rows).
    std::optional<Error> error() const;
    // The profile of every file read so far.
    Result<OpProfile> finish();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// The whole of one file's bytes (tests, small inputs).
Result<OpProfile> parseProfileCsv(const QByteArray& bytes, const QString& name = QStringLiteral("profile.csv"));

// Computes ops' percent and per-iteration time, the by-type table and the sort order from ops' totals
// (used by the reader and by om-runner record import).
void finalizeProfile(OpProfile& profile);

} // namespace wb
