#pragma once

#include <QString>

#include <functional>

class QLineEdit;
class QWidget;

namespace wb {

// A path line edit with a "Browse…" button beside it. `choose` gets the current text and returns the picked path
// (a QFileDialog call), or "" when the user cancelled; the edit keeps its text then.
QWidget* withBrowseButton(QLineEdit* edit, std::function<QString(const QString& current)> choose, QWidget* parent);

} // namespace wb
