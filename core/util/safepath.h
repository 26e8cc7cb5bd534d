#pragma once

// Path rules for what the app writes and reads beside a user's files: names that stay in their folder, and files
// that stay inside a folder once symlinks are followed.
#include <QString>

namespace wb {

// Why `name` cannot be the name of a file written inside a chosen folder, or an empty string when it can: it must
// be a plain file name — not empty, not "." or "..", no '/' or '\\' (it would name another folder), no NUL.
// `what` names the field in the message, e.g. "--name" or "The OM name". Translated when a translator is installed
// (the GUI; atcwb installs none, so it prints English).
QString plainFileNameProblem(const QString& name, const QString& what);

// Whether `path`, with every symlink resolved, is `folder` itself or inside it (`folder` resolved too). False when
// either does not exist.
bool resolvesInside(const QString& path, const QString& folder);

} // namespace wb
