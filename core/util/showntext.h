#pragma once

// Texts for people that are kept in English wherever they are stored or printed — a run's JSON and the run history,
// a conversion's outcome and the Convert Many report, everything `atcwb` prints — and translated only when the GUI
// shows them, so a run stored from the Chinese window reads the same as one stored by `atcwb`.
//
// A producer declares its sentence once, with QT_TRANSLATE_NOOP so lupdate finds it, and writes it in English:
//     inline constexpr ShownText kCancelled { "BenchText", QT_TRANSLATE_NOOP("BenchText", "… %1 of %2 …") };
//     r.error = englishText(kCancelled).arg(done).arg(loops);
// The GUI passes what it shows through shownText(text, templates): each line that one of the templates wrote is
// given in the current language with the same figures (the placeholders' values are read back from the English, and
// a value that is itself such a sentence is shown too); any other line (a tool's own message, a path) comes back as
// it is. With no translator installed it is the identity.
#include <QList>
#include <QString>

namespace wb {

struct ShownText {
    const char* context; // the translation context
    const char* source; // the English sentence with %1 … %9
};

// The English sentence, to .arg() like any other.
inline QString englishText(const ShownText& t)
{
    return QString::fromUtf8(t.source);
}

// `text`, line by line, in the current language where a line was written from one of `templates`.
QString shownText(const QString& text, const QList<ShownText>& templates);

} // namespace wb
