#pragma once

// Helpers for the tests that drive ToolRunner against the fake atc (tests/doubles/fake_atc.cpp).
#include "process/toolrunner.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QtTest>

#include <cerrno>
#include <csignal>

namespace wbtest {

inline QString fakeAtc()
{
    return QStringLiteral(WB_FAKE_ATC);
}

// The fake atc in `mode`, with extra FAKE_ATC_* (or other) variables on top of this process's environment.
inline wb::ToolInvocation fakeAtcRun(
    const QString& mode, const QStringList& arguments = {}, const QList<QPair<QString, QString>>& env = {})
{
    wb::ToolInvocation invocation;
    invocation.program = fakeAtc();
    invocation.arguments = arguments;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("FAKE_ATC_MODE"), mode);
    for (const auto& [name, value] : env)
        environment.insert(name, value);
    invocation.environment = environment;
    invocation.killGraceMs = 2000;
    return invocation;
}

// True once `pid` has ended: no such process, or a zombie (dead, only not reaped yet: an orphan's new parent,
// PID 1 of a container, may be slow to reap or never do it).
inline bool processGone(qint64 pid)
{
    if (::kill(static_cast<pid_t>(pid), 0) != 0)
        return errno == ESRCH;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype paren = text.lastIndexOf(')');
    const char state = paren >= 0 && paren + 2 < text.size() ? text.at(paren + 2) : '?';
    return state == 'Z' || state == 'X';
}

// Everything one run delivers, in order.
class Recorder : public QObject {
public:
    explicit Recorder(wb::ToolRunner* runner, bool keepLines = true)
    {
        connect(runner, &wb::ToolRunner::linesReceived, this,
            [this, keepLines](wb::ToolChannel channel, const QStringList& lines) {
                if (results.isEmpty())
                    linesWhileRunning += lines.size();
                (channel == wb::ToolChannel::StdOut ? outCount : errCount) += lines.size();
                if (keepLines)
                    (channel == wb::ToolChannel::StdOut ? out : err).append(lines);
            });
        connect(
            runner, &wb::ToolRunner::finished, this, [this](const wb::ToolResult& result) { results.append(result); });
    }

    bool done() const { return !results.isEmpty(); }
    wb::ToolResult result() const { return results.value(0); }

    // The pid the fake prints as "worker pid N" (fork mode), 0 before that line arrived.
    qint64 workerPid() const
    {
        static const QRegularExpression re(QStringLiteral("^worker pid (\\d+)$"));
        for (const QString& line : out) {
            const QRegularExpressionMatch m = re.match(line);
            if (m.hasMatch())
                return m.captured(1).toLongLong();
        }
        return 0;
    }

    QStringList out;
    QStringList err;
    qint64 outCount = 0;
    qint64 errCount = 0;
    qint64 linesWhileRunning = 0;
    QList<wb::ToolResult> results;
};

} // namespace wbtest

namespace wb {
// Readable QCOMPARE failures for result kinds (found by argument-dependent lookup).
inline char* toString(ToolResult::Kind kind)
{
    return qstrdup(kindCode(kind).toUtf8().constData());
}
} // namespace wb
