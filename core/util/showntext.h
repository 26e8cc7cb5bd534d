#pragma once

// Texts for people that are kept in English wherever they are stored or printed — a run's JSON and the run history,
// a conversion's outcome and the Convert Many report, everything `atcwb` prints — and translated only when the GUI
// shows them, so a run stored from the Chinese window reads the same as one stored by `atcwb`.
//
// A producer declares its sentence once, with QT_TRANSLATE_NOOP so lupdate finds it, and writes it in English:
//     inline constexpr ShownText kCancelled { "BenchText", QT_TRANSLATE_NOOP("BenchText", "… %1 of %2 …") };
//     r.error = englishText(kCancelled).arg(done).arg(loops);
// The GUI passes what it shows through a ShownTexts made once from the templates (shownBenchText, ...): each line that
// one of the templates wrote is given in the current language with the same figures (the placeholders' values are
// read back from the English, and a value that is itself such a sentence is shown too); any other line (a tool's own
// message, a path) comes back as it is. With no translator installed it is the identity.
#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>
#include <vector>

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

// A list of templates, each compiled once into the pattern that reads its values back; the templates' strings must
// outlive it (string literals do). Const and shared by every caller (the GUI thread and workers): make one, static.
class ShownTexts {
public:
    explicit ShownTexts(const QList<ShownText>& templates);
    ~ShownTexts();
    Q_DISABLE_COPY_MOVE(ShownTexts)

    // `text`, line by line, in the current language where a line was written from one of the templates.
    QString shown(const QString& text) const;

private:
    struct Template;
    std::optional<QString> translated(const QString& text) const;
    std::vector<Template> m_templates;
};

} // namespace wb
