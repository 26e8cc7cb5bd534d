#pragma once

#include <QJsonObject>
#include <QStringList>

#include "util/result.h"

#include <cstdio>

namespace wb::cli {

// Exit codes shared by every subcommand.
enum ExitCode { Ok = 0, BadInput = 1, BadUsage = 2 };

// A subcommand. Each cli/*.cpp registers its own at start-up:
//   static const bool registered = registerCommand({ "name", "synopsis", "one-paragraph description", &run });
// `run` gets the arguments after the command name and returns the exit code.
struct Command {
    const char* name;
    const char* synopsis; // e.g. "inspect MODEL [--json]"
    const char* description;
    int (*run)(const QStringList& args);
    int order = 100; // position in --help (smaller first)
};
bool registerCommand(const Command& command);
const Command* findCommand(const QString& name);
QList<Command> allCommands(); // sorted by order, then name

// The settings file atcwb reads and writes: the one given with `atcwb --settings FILE` (like the app's
// --settings), else the GUI's own (toolkit paths and hosts live there), never a separate atcwb file.
QString appSettingsFile();
void setAppSettingsFile(const QString& file);

// Whether `atcwb --verbose` was given (anywhere on the line; main() takes it out of the command's arguments):
// debug logging on stderr, and the per-request records of `bench --strategies`.
bool verboseRequested();

// Prints a usage error for `command` to stderr (or as JSON on stdout when json is set).
int usageError(const QString& command, const QString& message, bool json);
void printJson(const QJsonObject& object);
void printText(const QString& text, FILE* stream = stdout);
// Prints `error` as JSON on stdout (json) or as a sentence on stderr; returns BadInput.
int inputError(const wb::Error& error, bool json);

} // namespace wb::cli
