#pragma once

#include "opprofile.h"
#include "util/result.h"

#include <QStringList>

#include <functional>

namespace wb {

// The CSV files that hold a profile at `path`: the file itself, or in a folder (a PROF_* folder, its parent, a
// torch_npu *_ascend_pt folder) the op_summary_*.csv files of mindstudio_profiler_output/ (current msprof), else of
// device_*/summary/ (older msprof), else op_statistic_*.csv from the same places, else kernel_details.csv
// (torch_npu's ASCEND_PROFILER_OUTPUT/). Sorted by path. Errors: not_found, no_profile (a folder with none of
// them, naming where it looked and what to run).
Result<QStringList> findProfileFiles(const QString& path);

// Finds the files (findProfileFiles) and reads them in chunks of 1 MB (ProfileCsvReader). `cancelled`, when
// given, is polled between chunks (the GUI's worker). Errors: those of findProfileFiles and the reader,
// unreadable, cancelled.
Result<OpProfile> loadProfile(const QString& path, const std::function<bool()>& cancelled = {});

} // namespace wb
