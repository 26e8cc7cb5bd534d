#include "toolinvocation.h"

namespace wb {

namespace {

// Bytes that mean nothing to sh, bash, zsh or dash inside a word. '=' is special in the first word (an
// assignment) and at the start of any word (zsh expands =cmd); '~' is left out altogether. Bytes of non-ASCII
// characters (>= 0x80) are quoted: a shell in another locale may not take them for letters.
bool isSafeByte(char ch)
{
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

// The one quoting function: every other overload goes through it.
QByteArray quoteWord(const QByteArray& word, bool firstWord)
{
    bool safe = !word.isEmpty();
    for (qsizetype i = 0; safe && i < word.size(); ++i) {
        const char c = word.at(i);
        safe = isSafeByte(c) && !(c == '=' && (firstWord || i == 0));
    }
    if (safe)
        return word;
    QByteArray quoted;
    quoted.reserve(word.size() + 2);
    quoted += '\'';
    for (const char c : word) {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    quoted += '\'';
    return quoted;
}

QString quoteWord(const QString& word, bool firstWord)
{
    return QString::fromUtf8(quoteWord(word.toUtf8(), firstWord));
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

QByteArray shellQuote(const QByteArray& word)
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

QByteArray shellQuote(const QList<QByteArray>& argv)
{
    QList<QByteArray> words;
    words.reserve(argv.size());
    for (qsizetype i = 0; i < argv.size(); ++i)
        words.append(quoteWord(argv.at(i), i == 0));
    return words.join(' ');
}

} // namespace wb
