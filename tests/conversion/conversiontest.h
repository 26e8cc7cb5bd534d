#pragma once

// Helpers for the conversion tests: a toolkit pointing at the fake atc (tests/doubles/fake_atc.cpp), a queue
// recorder, and file helpers. Test code only.
#include "atc/conversion.h"
#include "process/processtest.h"
#include "testutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QtTest>

namespace wbtest {

// The fake atc as a toolkit, with FAKE_ATC_* variables on top of this process's environment.
inline wb::AtcToolkit fakeToolkit(
    const QList<QPair<QString, QString>>& env = {}, const QString& version = QStringLiteral("8.0.0"))
{
    wb::AtcToolkit toolkit;
    toolkit.atcPath = fakeAtc();
    toolkit.home = QFileInfo(fakeAtc()).absolutePath();
    toolkit.source = QStringLiteral("test");
    toolkit.version = version;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const auto& [name, value] : env)
        environment.insert(name, value);
    toolkit.environment = environment;
    return toolkit;
}

inline wb::ConversionRequest request(
    const QString& model, const QString& outputDir, const QString& name, const QList<QPair<QString, QString>>& env = {})
{
    wb::ConversionRequest r;
    r.options.model = modelPath(model);
    r.options.socVersion = QStringLiteral("Ascend310P3");
    r.options.output = QDir(outputDir).filePath(name);
    r.toolkit = fakeToolkit(env);
    return r;
}

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Staging folders left in `dir` (there must be none once a run is over).
inline QStringList stagingLeft(const QString& dir)
{
    return QDir(dir).entryList(
        { QStringLiteral(".atcwb-staging-*") }, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

inline QString sha256Of(const QString& path)
{
    return QString::fromLatin1(QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256).toHex());
}

// Everything a queue run emits, with the most jobs seen running at once.
class QueueRecorder : public QObject {
public:
    explicit QueueRecorder(wb::ConversionQueue* queue)
    {
        connect(queue, &wb::ConversionQueue::jobQueued, this, [this](int job, const QString& om, qint64 batch) {
            queued.append({ job, om, batch });
        });
        connect(queue, &wb::ConversionQueue::jobStarted, this, [this](int job, const QString& command) {
            started.append(job);
            commands.insert(job, command);
            running.insert(job);
            maxRunning = std::max(maxRunning, int(running.size()));
            order.append(QStringLiteral("start %1").arg(job));
        });
        connect(queue, &wb::ConversionQueue::lineReceived, this,
            [this](int job, const QString& line) { lines[job].append(line); });
        connect(queue, &wb::ConversionQueue::eventParsed, this,
            [this](int job, const wb::AtcEvent& event) { events[job].append(event); });
        connect(queue, &wb::ConversionQueue::stageChanged, this,
            [this](int job, const QString& stage) { stages[job].append(stage); });
        connect(queue, &wb::ConversionQueue::jobFinished, this, [this](int job, const wb::ConversionOutcome& outcome) {
            outcomes.insert(job, outcome);
            running.remove(job);
            order.append(QStringLiteral("finish %1").arg(job));
        });
        connect(queue, &wb::ConversionQueue::finished, this, [this](bool ok) { finished.append(ok); });
    }

    // The pid the fake prints in fork mode ("worker pid N"), 0 before that line arrived.
    qint64 workerPid(int job) const
    {
        for (const QString& line : lines.value(job)) {
            if (line.startsWith(QStringLiteral("worker pid ")))
                return line.mid(11).toLongLong();
        }
        return 0;
    }

    struct Queued {
        int job;
        QString om;
        qint64 batch;
    };
    QList<Queued> queued;
    QList<int> started;
    QHash<int, QString> commands;
    QSet<int> running;
    int maxRunning = 0;
    QStringList order;
    QHash<int, QStringList> lines;
    QHash<int, QList<wb::AtcEvent>> events;
    QHash<int, QStringList> stages;
    QHash<int, wb::ConversionOutcome> outcomes;
    QList<bool> finished;
};

// Starts the queue and waits (event-driven) until it finished.
inline bool runToEnd(wb::ConversionQueue& queue, const wb::ConversionRequest& request, int timeoutMs = 30000)
{
    QSignalSpy done(&queue, &wb::ConversionQueue::finished);
    queue.start(request);
    return done.wait(timeoutMs);
}

} // namespace wbtest
