#pragma once

// One conversion job while it runs: staging folder, ATC through a ToolRunner, the log file and the parser, and
// moving the OM into place. Private to the conversion queue.
#include "atc/conversion.h"

#include <QFile>
#include <QObject>
#include <QPointer>

#include <memory>

namespace wb {

class ToolRunner;
class RemoteToolRun;
struct RemoteTarget;

class ConversionJobRun : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversionJobRun)
public:
    ConversionJobRun(const ConversionJob& job, const AtcToolkit& toolkit, const QString& modelSha256, int timeoutSec,
        QObject* parent = nullptr);
    // A job still running is killed (process group) and its staging folder removed; nothing is emitted.
    ~ConversionJobRun() override;

    // Creates the output folder (when missing) and a staging folder with a random name in it
    // (<output folder>/.atcwb-staging-<name>-XXXXXX, mode 0700, made new: never an existing entry), then starts
    // ATC. finished() follows exactly once: from the event loop once ATC ran, or before start() returns when the
    // folders cannot be made. Only the folder this run created is ever removed (checked by device and inode).
    void start();
    void cancel();
    // ATC runs on this host instead of here (before start()).
    void setRemote(std::shared_ptr<const RemoteTarget> remote) { m_remoteTarget = std::move(remote); }
    // Synchronous, for quitting: stops ATC (here or on the host) within about waitMs; finished() is emitted.
    bool shutdown(int waitMs);
    // Synchronous, for quitting several runs (already told to cancel, so their grace periods overlap): shuts down
    // those not done yet within one deadline of about waitMs in all. Runs deleted meanwhile are skipped.
    static void shutdownWithin(const QList<QPointer<ConversionJobRun>>& runs, int waitMs);
    ToolRunner* runner() const { return m_runner; }
    bool isDone() const { return m_done; }
    QString stagingFolder() const { return m_staging; } // empty before start()

signals:
    void started(const QString& commandLine);
    void lineReceived(const QString& line);
    void eventParsed(const wb::AtcEvent& event);
    void stageChanged(const QString& stage);
    void progress(const QString& message); // on a host, before ATC starts: "Uploading model.onnx (97.4 MiB) to board"
    void finished(const wb::ConversionOutcome& outcome);

private:
    void onLines(const QStringList& lines);
    void onFinished(const ToolResult& result);
    void addEvents(const QList<AtcEvent>& events);
    bool promote(QString* problem);
    void keepFailedLog();
    void removeStaging();
    void complete();

    ConversionJob m_job;
    AtcToolkit m_toolkit;
    int m_timeoutSec = 0;
    QString m_toolkitVersion;
    QString m_modelSha256;
    AtcInvocation m_invocation; // as run: --output in the staging folder
    QString m_staging; // created by start()
    quint64 m_stagingDevice = 0; // identity of the folder start() created: removeStaging() removes only that one
    quint64 m_stagingInode = 0;
    QFile m_log;
    AtcLogParser m_parser;
    AtcStage m_stage = AtcStage::NotStarted;
    ToolRunner* m_runner = nullptr;
    std::shared_ptr<const RemoteTarget> m_remoteTarget;
    RemoteToolRun* m_remote = nullptr;
    ConversionOutcome m_outcome;
    bool m_done = false;
};

} // namespace wb
