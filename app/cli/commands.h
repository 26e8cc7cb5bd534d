#pragma once

#include <QJsonObject>
#include <QStringList>

#include "util/result.h"

#include <cstdio>

namespace wb::cli {

// Exit codes shared by every subcommand.
enum ExitCode { Ok = 0, BadInput = 1, BadUsage = 2 };

// Each command gets its own arguments (without the command name) and returns the exit code.
int runInspect(const QStringList& args);
int runFixShapes(const QStringList& args);
int runExtract(const QStringList& args);

// Prints a usage error for `command` to stderr (or as JSON on stdout when json is set).
int usageError(const QString& command, const QString& message, bool json);
void printJson(const QJsonObject& object);
void printText(const QString& text, FILE* stream = stdout);
// Prints `error` as JSON on stdout (json) or as a sentence on stderr; returns BadInput.
int inputError(const wb::Error& error, bool json);

} // namespace wb::cli
