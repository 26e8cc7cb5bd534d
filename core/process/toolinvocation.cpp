#include "toolinvocation.h"

namespace wb {

namespace {

// Characters that mean nothing to sh, bash, zsh or dash inside a word. '=' is special in the first word
// (an assignment) and at the start of any word (zsh expands =cmd); '~' is left out altogether.
bool isSafeChar(QChar c)
{
    if (c.unicode() >= 128)
        return false;
    const char ch = static_cast<char>(c.unicode());
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
        return true;
    switch (ch) {
    case '_':
    case '-':
    case '.':
    case '/':
    case ',':
    case ':':
    case '@':
    case '%':
    case '+':
    case '=':
        return true;
    default:
        return false;
    }
}

QString quoteWord(const QString& word, bool firstWord)
{
    bool safe = !word.isEmpty();
    for (qsizetype i = 0; safe && i < word.size(); ++i) {
        const QChar c = word.at(i);
        safe = isSafeChar(c) && !(c == u'=' && (firstWord || i == 0));
    }
    if (safe)
        return word;
    QString quoted;
    quoted.reserve(word.size() + 2);
    quoted += u'\'';
    for (const QChar c : word) {
        if (c == u'\'')
            quoted += QStringLiteral("'\\''");
        else
            quoted += c;
    }
    quoted += u'\'';
    return quoted;
}

} // namespace

QStringList ToolInvocation::argv() const
{
    QStringList all;
    all.reserve(arguments.size() + 1);
    all.append(program);
    all.append(arguments);
    return all;
}

QString shellQuote(const QString& word)
{
    return quoteWord(word, false);
}

QString shellQuote(const QStringList& argv)
{
    QStringList words;
    words.reserve(argv.size());
    for (qsizetype i = 0; i < argv.size(); ++i)
        words.append(quoteWord(argv.at(i), i == 0));
    return words.join(u' ');
}

} // namespace wb
