#pragma once

#include "process/toolinvocation.h"
#include "util/result.h"

namespace wb {

struct AtcOptions;
struct AtcToolkit;

// How to run ATC for a set of options. It is a ToolInvocation (program, arguments "--name=value", the toolkit's
// captured set_env.sh environment or empty to inherit, working folder, no timeout: large models take hours), so
// ToolRunner runs exactly the value the preview shows; setupScript only feeds the exported script.
struct AtcInvocation : ToolInvocation {
    QString setupScript; // the set_env.sh `environment` was captured from (the exported script sources it)
};

// Options -> argv. Flags in atcFlags() order, only those set and only those of the options' mode; --framework=5
// in modes 0 and 3 (and mode 1 when --om is not an .om file); --mode only when not 0; extra flags last. Working
// folder: options.workDir, else the folder of --output (--json in mode 1, --om in mode 6), else of the model.
AtcInvocation buildInvocation(const AtcOptions& options, const AtcToolkit& toolkit);

// The options with every relative path made absolute against the working folder buildInvocation() picks, as ATC
// would resolve them there: typed file and folder flags, and extra flags whose value names an existing file or
// folder. For runs that move the working folder elsewhere (the staging folder, the pre-check's scratch folder).
AtcOptions withAbsolutePaths(AtcOptions options);

// The preview: argv quoted by shellQuote() (process/toolinvocation.h), so pasting it runs exactly this argv.
// multiline puts each argument on its own " \" continued line.
QString renderCommandLine(const AtcInvocation& invocation, bool multiline = false);
// A bash script that sources the set_env.sh (when known), cd's into the working folder and execs the command.
QString renderShellScript(const AtcInvocation& invocation);
// Writes renderShellScript() to `path` and makes it executable. Errors: write_failed.
Result<bool> writeShellScript(const AtcInvocation& invocation, const QString& path);

} // namespace wb
