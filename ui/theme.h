#pragma once

#include <QColor>

class QStyle;
#include <QPalette>
#include <QString>

// Colours that carry meaning (error, warning, success, info), readable on the light and the dark palette alike.
// Everything else follows the palette. A colour that sets a background here also sets the text on it, so no
// light panel ever shows the dark palette's white text.
namespace wb::theme {

enum class Tone { Info, Success, Warning, Error };

// Whether the application palette is dark (window colour darker than mid grey).
bool isDark();
// A dark palette for the Fusion style (`atc-workbench --palette dark`, and tests).
QPalette darkPalette();
// The named style (e.g. "Fusion", or the desktop's) with check boxes and radio buttons outlined in a colour that
// stands out on a dark palette (Fusion draws their frame a shade darker than the window: invisible on dark; other
// styles vary). Nothing changes on a light palette. The caller owns it.
QStyle* makeStyle(const QString& name);

// Text of that tone on the window background: #b00020-like red on light, a soft red on dark, and so on.
QColor text(Tone tone);
// A panel (banner, notice, message bar) of that tone: "background:…; border:1px solid …; color:…;", for a style
// sheet; wrap it in a selector when the widget has children.
QString panel(Tone tone);
// The background and text of a highlighted table cell of that tone (incomplete row, proposed value, bad entry).
QColor cellBackground(Tone tone);
QColor cellText(Tone tone);

} // namespace wb::theme
