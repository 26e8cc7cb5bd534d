#include "util/showntext.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>
#include <QStringList>

namespace wb {

namespace {

struct Pattern {
    QRegularExpression re;
    QList<int> numbers; // the placeholder number of each capture group, in order
};

// "Stopped by the %1 s time budget after %2 iterations." -> ^Stopped by the (.*?) s time budget after (.*?)
// iterations\.$
Pattern patternFor(const char* source)
{
    static const QRegularExpression placeholder(QStringLiteral("%([1-9])"));
    const QString text = QString::fromUtf8(source);
    Pattern p;
    QString re;
    qsizetype at = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        re += QRegularExpression::escape(text.mid(at, m.capturedStart() - at)) + QStringLiteral("(.*?)");
        p.numbers.append(m.captured(1).toInt());
        at = m.capturedEnd();
    }
    re += QRegularExpression::escape(text.mid(at));
    p.re = QRegularExpression(QRegularExpression::anchoredPattern(re), QRegularExpression::DotMatchesEverythingOption);
    return p;
}

// Patterns depend only on the English source: made once each, shared by every caller (the GUI thread and workers).
const Pattern& cachedPattern(const char* source)
{
    static QMutex mutex;
    static QHash<const char*, Pattern> cache; // the sources are string literals: their address is their identity
    const QMutexLocker lock(&mutex);
    auto it = cache.find(source);
    if (it == cache.end())
        it = cache.insert(source, patternFor(source));
    return *it;
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

QString shownLine(const QString& line, const QList<ShownText>& templates)
{
    for (const ShownText& t : templates) {
        const Pattern& p = cachedPattern(t.source);
        const QRegularExpressionMatch m = p.re.match(line);
        if (!m.hasMatch())
            continue;
        QHash<int, QString> values;
        for (int g = 0; g < p.numbers.size(); ++g) {
            // A value may be a sentence of its own ("ssh crashed (SIGSEGV) after 2.0 s." inside "… did not start
            // (%3)"): shown too. The same placeholder twice: the first says it.
            if (!values.contains(p.numbers.at(g)))
                values.insert(p.numbers.at(g), shownLine(m.captured(g + 1), templates));
        }
        return fill(QCoreApplication::translate(t.context, t.source), values);
    }
    return line;
}

} // namespace

QString shownText(const QString& text, const QList<ShownText>& templates)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString& line : lines)
        line = shownLine(line, templates);
    return lines.join(QLatin1Char('\n'));
}

} // namespace wb
