#pragma once

#include "theme.h"

#include <QIcon>
#include <QString>

namespace wb::icons {

// The icon of a page in the main window's page list, by the page's id ("model", "shapes", "graph", "convert",
// "atc", "run", "om", "convertmany", "profile"; a null icon for any other), at least 24 px. The one place the window's
// icons come from: the style's standard icons, and a drawn one where the style's would not read on every palette (see
// theme.h).
QIcon page(const QString& id);
// File > Open.
QIcon openFile();
// A verdict in a list (a probe step): a check mark for Success, a cross for Error, an exclamation mark for
// Warning, a dash for Info (skipped), drawn in the tone's colour so it reads on either palette.
QIcon verdict(theme::Tone tone);

} // namespace wb::icons
