#pragma once

#include <QJsonObject>
#include <QStringList>

#include <cstdio>

namespace wb::cli {

// Exit codes shared by every subcommand.
enum ExitCode { Ok = 0, BadInput = 1, BadUsage = 2 };

// Each command gets its own arguments (without the command name) and returns the exit code.
int runInspect(const QStringList& args);

// Prints a usage error for `command` to stderr (or as JSON on stdout when json is set).
int usageError(const QString& command, const QString& message, bool json);
void printJson(const QJsonObject& object);
void printText(const QString& text, FILE* stream = stdout);

} // namespace wb::cli
