#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace wb {

// One stdout line of om-runner's JSON-lines protocol (protocol 1, docs/readme/omrunner.md), parsed. Pure.
struct OmRunnerEvent {
    enum class Kind {
        Start,
        Device,
        Model,
        Warmup,
        Iteration,
        Summary,
        Output,
        Warning,
        Error,
        Stopped,
        Unknown, // a JSON object with an "event" this parser does not know (a newer om-runner): ignored
        Malformed, // not a JSON object with a string "event", or a warmup/iteration without a usable "ms"
    };
    Kind kind = Kind::Malformed;
    QJsonObject fields; // the whole object (empty when Malformed)
    int index = -1; // warmup, iteration, output
    double ms = 0; // warmup, iteration
    QString message; // error, warning: om-runner's sentence; Malformed: why the line was refused
};

// "start", "device", ..., "unknown", "malformed".
QString omRunnerEventName(OmRunnerEvent::Kind kind);

// Parses one line (without its line end). nullopt for a blank line. Leading/trailing spaces are ignored. A line
// that is not valid UTF-8 was already decoded leniently (U+FFFD) by whoever split the lines; that is fine here.
std::optional<OmRunnerEvent> parseOmRunnerLine(QStringView line);

struct OmRunnerDevice {
    int id = -1;
    QString soc; // "Ascend310P3"; empty when om-runner printed null
    QString runMode; // "host" | "device"
    QString aclVersion; // "1.10.0"
};

// The "summary" event; statistics are unset when om-runner printed null (no iteration completed).
struct OmRunnerSummary {
    int iterations = 0;
    int warmup = 0;
    std::optional<int> batch;
    bool complete = false;
    std::optional<double> meanMs, minMs, maxMs, medianMs, p90Ms, p95Ms, p99Ms, stddevMs, throughput, wallMs;
};

struct OmRunnerError {
    QString kind; // usage, model_file, input_file, output_file, unsupported, library, symbol, acl
    QString message;
    QString call; // acl: the AscendCL call that failed
    QString name; // acl: ACL_ERROR_...
    std::optional<qint64> code; // acl
    QString aclMessage; // acl: aclGetRecentErrMsg()
};

// Everything one run printed, accumulated line by line.
struct OmRunnerReport {
    int protocol = 0;
    QString version; // om-runner's version
    QString model; // absolute path as om-runner saw it
    QString library; // the libascendcl.so it opened
    int loops = 0;
    int warmup = 0;
    std::optional<OmRunnerDevice> device;
    QJsonArray inputs; // the "model" event's arrays, as printed
    QJsonArray outputs;
    QList<qint64> dynamicBatch; // gears; empty for a static OM
    std::optional<int> batch; // the batch that runs (from "model", else from "summary")
    QList<double> warmupMs;
    QList<double> iterationsMs;
    std::optional<OmRunnerSummary> summary;
    QStringList outputFiles; // "output" events
    QList<OmRunnerError> errors;
    QStringList warnings; // "warning" events: "call: message"
    QString stoppedBy; // "SIGINT" / "SIGTERM" when a "stopped" event came
    QStringList malformed; // "line N: why" for refused lines (at most 20 kept)
    int malformedCount = 0;
    int linesSeen = 0;
};

// Feeds lines in order and keeps the report. Returns each line's event (nullopt for blank lines) so a caller can
// react live (BenchRun emits iteration() for Iteration events).
class OmRunnerParser {
public:
    std::optional<OmRunnerEvent> feed(QStringView line);
    const OmRunnerReport& report() const { return m_report; }

private:
    OmRunnerReport m_report;
};

// A whole captured stdout (split at \n, \r\n and \r, decoded leniently).
OmRunnerReport parseOmRunnerOutput(const QByteArray& text);

} // namespace wb
