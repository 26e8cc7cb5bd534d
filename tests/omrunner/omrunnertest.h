#pragma once

// Runs om-runner (WB_OM_RUNNER) against the fake libascendcl.so (WB_FAKE_ACL) and reads its JSON lines.
#include "omfile.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace wbtest {

using Env = QList<QPair<QString, QString>>;

inline QString omRunner()
{
    return QStringLiteral(WB_OM_RUNNER);
}
inline QString fakeAcl()
{
    return QStringLiteral(WB_FAKE_ACL);
}

// One om-runner process: its stdout split into JSON events, stderr, and the fake's call log (FAKE_ACL_LOG).
class OmRun {
public:
    OmRun(const QStringList& arguments, const Env& env = {})
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString& key : environment.keys()) {
            if (key.startsWith("FAKE_ACL_") || key.startsWith("ASCEND_"))
                environment.remove(key); // hermetic: only what the test sets
        }
        environment.insert("FAKE_ACL_LOG", m_dir.filePath("acl.log"));
        for (const auto& [name, value] : env)
            environment.insert(name, value);
        m_process.setProcessEnvironment(environment);
        m_process.start(omRunner(), arguments);
    }

    // Waits for the end; false when it did not finish in time or crashed.
    bool finish(int timeoutMs = 30000)
    {
        const bool done = m_process.waitForFinished(timeoutMs);
        pump();
        err += m_process.readAllStandardError();
        return done && m_process.exitStatus() == QProcess::NormalExit;
    }

    // Parses the complete lines received so far.
    void pump()
    {
        m_partial += m_process.readAllStandardOutput();
        qsizetype newline = 0;
        while ((newline = m_partial.indexOf('\n')) >= 0) {
            const QByteArray line = m_partial.left(newline);
            m_partial.remove(0, newline + 1);
            QJsonParseError error {};
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            if (error.error != QJsonParseError::NoError || !document.isObject()
                || !document.object().value("event").isString())
                badLines << QString::fromUtf8(line);
            else
                events << document.object();
        }
    }

    int exitCode() const { return m_process.exitCode(); }
    QProcess& process() { return m_process; }

    QList<QJsonObject> all(const QString& name) const
    {
        QList<QJsonObject> found;
        for (const QJsonObject& event : events) {
            if (event.value("event").toString() == name)
                found << event;
        }
        return found;
    }
    QJsonObject first(const QString& name) const
    {
        const QList<QJsonObject> found = all(name);
        return found.isEmpty() ? QJsonObject() : found.first();
    }
    qsizetype count(const QString& name) const { return all(name).size(); }
    QStringList eventNames() const
    {
        QStringList names;
        for (const QJsonObject& event : events)
            names << event.value("event").toString();
        return names;
    }

    // The fake's log: "+kind id" / "-kind id" / "execute N" / "batch N" / "!..." lines.
    QStringList log() const
    {
        QFile file(m_dir.filePath("acl.log"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
    }

    QList<QJsonObject> events;
    QStringList badLines;
    QByteArray err;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_partial;
};

// Empty when every object the fake created was destroyed, last created first, and the fake saw no misuse.
inline QString teardownProblem(const QStringList& log)
{
    QStringList stack;
    for (const QString& line : log) {
        if (line.startsWith('!') && !line.startsWith("!injected"))
            return "the fake reported: " + line;
        if (line.startsWith('+')) {
            stack << line.mid(1);
        } else if (line.startsWith('-')) {
            if (stack.isEmpty() || stack.last() != line.mid(1))
                return QString("'%1' out of order; expected -%2").arg(line, stack.isEmpty() ? "nothing" : stack.last());
            stack.removeLast();
        }
    }
    return stack.isEmpty() ? QString() : "never destroyed: " + stack.join(", ");
}

inline QStringList runArgs(const QString& model, const QStringList& extra = {})
{
    return QStringList { "--model", model, "--lib", fakeAcl(), "--loops", "10", "--warmup", "2" } + extra;
}

} // namespace wbtest

#define WB_VERIFY_TEARDOWN(run)                                                                                        \
    do {                                                                                                               \
        const QString problem = wbtest::teardownProblem((run).log());                                                  \
        QVERIFY2(problem.isEmpty(), qPrintable(problem + "\nlog:\n" + (run).log().join('\n')));                        \
    } while (false)

#define WB_VERIFY_FINISHED(run)                                                                                        \
    do {                                                                                                               \
        QVERIFY2((run).finish(), qPrintable("om-runner did not finish: " + QString::fromUtf8((run).err)));             \
        QVERIFY2((run).badLines.isEmpty(), qPrintable("not JSON events: " + (run).badLines.join('\n')));               \
    } while (false)
