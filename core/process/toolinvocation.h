#pragma once

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace wb {

// Everything needed to run one external tool: a value, built once and used both for the run and for the
// command preview (never assembled twice). There is no shell: `arguments` reach the program as they are.
struct ToolInvocation {
    QString program; // absolute path, or a name looked up in PATH
    QStringList arguments;
    QProcessEnvironment environment; // empty: inherit the application's environment
    QString workingDirectory; // empty: the application's current directory
    int timeoutMs = 0; // 0: no timeout
    int killGraceMs = 5000; // after SIGTERM, how long the process group gets before SIGKILL

    // program followed by arguments
    QStringList argv() const;
};

// One word quoted for a POSIX shell so that pasting it yields exactly this word: left bare when it only holds
// characters no shell treats specially, otherwise single-quoted (a ' inside becomes '\''). Empty gives ''.
// Also the quoting for a remote shell (core/remote): ssh hands its command line to the remote user's shell, so
// every word sent there goes through this one function. The QByteArray forms quote bytes (a word must not hold
// NUL, which no argv can carry); the QString forms quote the UTF-8 bytes.
QString shellQuote(const QString& word);
QByteArray shellQuote(const QByteArray& word);

// A whole argv rendered as one copy-paste safe command line (words joined by spaces). A first word that
// contains '=' is quoted too, so the shell cannot take it for a variable assignment.
QString shellQuote(const QStringList& argv);
QByteArray shellQuote(const QList<QByteArray>& argv);

} // namespace wb
