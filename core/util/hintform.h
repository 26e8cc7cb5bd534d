#pragma once

namespace wb {

// Who reads a hint or a fix: the GUI speaks of pages, buttons and *Controls* (written in asterisks), the command
// line of flags and `atcwb` commands and never of a page. One text source holds both forms; the caller picks one.
enum class HintForm { Gui, Cli };

} // namespace wb
