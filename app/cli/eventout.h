#pragma once

// The output of a verb that streams: with --json one JSON object per line on stdout ({"event": NAME, ...}), else
// text on stdout; errors on stderr, and with --json a final {"event": "result", "ok": false, "error": {...}}.
// Shared by `atcwb convert` and `atcwb convert-many` (docs/cli.md has their events).
#include "commands.h"
#include "onnx/summaryjson.h"
#include "util/result.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace wb::cli {

class EventOut {
public:
    // `failedResult`: fields the verb's failed "result" event always carries besides ok and error.
    EventOut(const QString& command, bool json, QJsonObject failedResult = {})
        : m_command(command)
        , m_json(json)
        , m_failedResult(std::move(failedResult))
    {
    }

    bool json() const { return m_json; }
    void setHost(const QString& host) { m_host = host; } // --on: every event names the host

    // With --json: {"event": name, "host" (when set), "job" (when >= 0), fields...}; nothing without.
    void event(const QString& name, QJsonObject fields, int job = -1) const
    {
        if (!m_json)
            return;
        fields.insert(QStringLiteral("event"), name);
        if (!m_host.isEmpty())
            fields.insert(QStringLiteral("host"), m_host);
        if (job >= 0)
            fields.insert(QStringLiteral("job"), job);
        printText(QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
    }
    void text(const QString& text) const // without --json only
    {
        if (!m_json)
            printText(text);
    }

    // Bad usage: the message and the verb's synopsis on stderr, then the failed result; returns BadUsage.
    int usage(const QString& message) const
    {
        usageError(m_command, message, false);
        failed({ QStringLiteral("usage"), message, {} });
        return BadUsage;
    }
    // Bad input: "atcwb: message" on stderr, then the failed result; returns BadInput.
    int input(const Error& error) const
    {
        printText(QStringLiteral("atcwb: %1\n").arg(error.message), stderr);
        failed(error);
        return BadInput;
    }

private:
    void failed(const Error& error) const
    {
        QJsonObject result = m_failedResult;
        result.insert(QStringLiteral("ok"), false);
        result.insert(QStringLiteral("error"), errorToJson(error).value(QStringLiteral("error")));
        event(QStringLiteral("result"), result);
    }

    QString m_command;
    bool m_json;
    QJsonObject m_failedResult;
    QString m_host;
};

} // namespace wb::cli
