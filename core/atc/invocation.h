#pragma once

#include "util/result.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace wb {

struct AtcOptions;
struct AtcToolkit;

// How to run ATC for a set of options: the same value is run (no shell: program + arguments) and shown. Field
// names match core/process's ToolInvocation so one converts into the other member by member.
struct AtcInvocation {
    QString program; // the toolkit's atc, or "atc" (looked up in PATH) when no toolkit was found
    QStringList arguments; // "--name=value" each (no space after '=': ATC truncates otherwise)
    QProcessEnvironment environment; // the toolkit's captured set_env.sh environment; empty: inherit
    QString workingDirectory; // fusion_result.json and kernel_meta/ land here
    int timeoutMs = 0; // 0: none (large models take hours)
    QString setupScript; // the set_env.sh `environment` was captured from (the exported script sources it)

    QStringList argv() const; // program, then arguments
};

// Options -> argv. Flags in atcFlags() order, only those set and only those of the options' mode; --framework=5
// in modes 0 and 3 (and mode 1 when --om is not an .om file); --mode only when not 0; extra flags last. Working
// folder: options.workDir, else the folder of --output (--json in mode 1, --om in mode 6), else of the model.
AtcInvocation buildInvocation(const AtcOptions& options, const AtcToolkit& toolkit);

// The preview: argv quoted for a POSIX shell (bare words when safe, else single quotes with ' as '\''), so
// pasting it runs exactly this argv. multiline puts each argument on its own " \" continued line.
QString renderCommandLine(const AtcInvocation& invocation, bool multiline = false);
// A bash script that sources the set_env.sh (when known), cd's into the working folder and execs the command.
QString renderShellScript(const AtcInvocation& invocation);
// Writes renderShellScript() to `path` and makes it executable. Errors: write_failed.
Result<bool> writeShellScript(const AtcInvocation& invocation, const QString& path);

} // namespace wb
