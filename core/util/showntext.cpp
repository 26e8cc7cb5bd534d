#include "util/showntext.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace wb {

namespace {

// "Stopped by the %1 s time budget after %2 iterations." -> ^Stopped by the (.*?) s time budget after (.*?)
// iterations\.$; a placeholder used again is a back-reference to its first capture, so that "%2 ran%3. %2 may …"
// only matches where both say the same.
QRegularExpression patternFor(const char* source, QList<int>* numbers)
{
    static const QRegularExpression placeholder(QStringLiteral("%([1-9])"));
    const QString text = QString::fromUtf8(source);
    QString re;
    qsizetype at = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        re += QRegularExpression::escape(text.mid(at, m.capturedStart() - at));
        const int number = m.captured(1).toInt();
        if (const qsizetype group = numbers->indexOf(number); group >= 0) {
            re += QStringLiteral("\\g{%1}").arg(group + 1);
        } else {
            re += QStringLiteral("(.*?)");
            numbers->append(number);
        }
        at = m.capturedEnd();
    }
    re += QRegularExpression::escape(text.mid(at));
    return QRegularExpression(QRegularExpression::anchoredPattern(re), QRegularExpression::DotMatchesEverythingOption);
}

// %1 … %9 of `translated` replaced in one pass (a value holding "%2" is never replaced again).
QString fill(const QString& translated, const QHash<int, QString>& values)
{
    QString out;
    out.reserve(translated.size());
    for (qsizetype i = 0; i < translated.size(); ++i) {
        const QChar c = translated.at(i);
        if (c == QLatin1Char('%') && i + 1 < translated.size() && translated.at(i + 1) >= QLatin1Char('1')
            && translated.at(i + 1) <= QLatin1Char('9') && values.contains(translated.at(i + 1).digitValue())) {
            out += values.value(translated.at(i + 1).digitValue());
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

struct ShownTexts::Template {
    ShownText text;
    QRegularExpression re;
    QList<int> numbers; // the placeholder number of each capture group, in order
};

ShownTexts::ShownTexts(const QList<ShownText>& templates)
{
    m_templates.reserve(static_cast<size_t>(templates.size()));
    for (const ShownText& t : templates) {
        Template compiled { t, {}, {} };
        compiled.re = patternFor(t.source, &compiled.numbers);
        m_templates.push_back(std::move(compiled));
    }
}

ShownTexts::~ShownTexts() = default;

// The text in the current language when one of the templates wrote it (all of it), else nothing. A match counts
// only when the English rebuilt from the values read back is the text itself: no part of it is ever lost.
std::optional<QString> ShownTexts::translated(const QString& text) const
{
    for (const Template& t : m_templates) {
        const QRegularExpressionMatch m = t.re.match(text);
        if (!m.hasMatch())
            continue;
        QHash<int, QString> english;
        for (int g = 0; g < t.numbers.size(); ++g)
            english.insert(t.numbers.at(g), m.captured(g + 1));
        if (fill(QString::fromUtf8(t.text.source), english) != text
            || std::any_of(english.cbegin(), english.cend(), [&text](const QString& v) { return v == text; }))
            continue; // not all of it, or a template that is one placeholder (it would say the text again)
        // A value may be a sentence of its own ("ssh crashed (SIGSEGV) after 2.0 s." inside "… did not start
        // (%3) …"): shown too.
        QHash<int, QString> values;
        for (auto it = english.cbegin(); it != english.cend(); ++it)
            values.insert(it.key(), shown(it.value()));
        return fill(QCoreApplication::translate(t.text.context, t.text.source), values);
    }
    return std::nullopt;
}

// Line by line; a text of several lines that one template wrote as a whole (a sentence quoting a tool's
// several-line error) is taken whole when its first line alone was written by none.
QString ShownTexts::shown(const QString& text) const
{
    QStringList lines = text.split(QLatin1Char('\n'));
    if (lines.size() > 1 && !translated(lines.first())) {
        if (auto whole = translated(text))
            return *whole;
    }
    for (QString& line : lines)
        line = translated(line).value_or(line);
    return lines.join(QLatin1Char('\n'));
}

} // namespace wb
