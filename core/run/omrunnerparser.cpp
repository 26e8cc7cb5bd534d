#include "run/omrunnerparser.h"

#include "parsing/lines.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace wb {

namespace {

constexpr int kMaxMalformedKept = 20;

struct Name {
    OmRunnerEvent::Kind kind;
    const char* text;
};
constexpr Name kNames[] = {
    { OmRunnerEvent::Kind::Start, "start" },
    { OmRunnerEvent::Kind::Device, "device" },
    { OmRunnerEvent::Kind::Model, "model" },
    { OmRunnerEvent::Kind::Warmup, "warmup" },
    { OmRunnerEvent::Kind::Iteration, "iteration" },
    { OmRunnerEvent::Kind::Summary, "summary" },
    { OmRunnerEvent::Kind::Output, "output" },
    { OmRunnerEvent::Kind::Warning, "warning" },
    { OmRunnerEvent::Kind::Error, "error" },
    { OmRunnerEvent::Kind::Stopped, "stopped" },
    { OmRunnerEvent::Kind::Unknown, "unknown" },
    { OmRunnerEvent::Kind::Malformed, "malformed" },
};

OmRunnerEvent malformed(const QString& why)
{
    OmRunnerEvent event;
    event.kind = OmRunnerEvent::Kind::Malformed;
    event.message = why;
    return event;
}

std::optional<double> number(const QJsonValue& value)
{
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        return std::nullopt;
    return value.toDouble();
}

std::optional<int> integer(const QJsonValue& value)
{
    const auto n = number(value);
    if (!n || *n != std::floor(*n) || std::abs(*n) > 2147483647.0)
        return std::nullopt;
    return int(*n);
}

QString text(const QJsonValue& value)
{
    return value.isString() ? value.toString() : QString();
}

OmRunnerSummary readSummary(const QJsonObject& o)
{
    OmRunnerSummary s;
    s.iterations = integer(o.value(QLatin1String("iterations"))).value_or(0);
    s.warmup = integer(o.value(QLatin1String("warmup"))).value_or(0);
    s.batch = integer(o.value(QLatin1String("batch")));
    s.complete = o.value(QLatin1String("complete")).toBool();
    s.meanMs = number(o.value(QLatin1String("mean_ms")));
    s.minMs = number(o.value(QLatin1String("min_ms")));
    s.maxMs = number(o.value(QLatin1String("max_ms")));
    s.medianMs = number(o.value(QLatin1String("median_ms")));
    s.p90Ms = number(o.value(QLatin1String("p90_ms")));
    s.p95Ms = number(o.value(QLatin1String("p95_ms")));
    s.p99Ms = number(o.value(QLatin1String("p99_ms")));
    s.stddevMs = number(o.value(QLatin1String("stddev_ms")));
    s.throughput = number(o.value(QLatin1String("throughput")));
    s.wallMs = number(o.value(QLatin1String("wall_ms")));
    return s;
}

OmRunnerError readError(const QJsonObject& o)
{
    OmRunnerError e;
    e.kind = text(o.value(QLatin1String("kind")));
    e.message = text(o.value(QLatin1String("message")));
    e.call = text(o.value(QLatin1String("call")));
    e.name = text(o.value(QLatin1String("name")));
    if (const auto code = number(o.value(QLatin1String("code"))))
        e.code = qint64(*code);
    e.aclMessage = text(o.value(QLatin1String("acl_message")));
    if (e.message.isEmpty())
        e.message = QStringLiteral("om-runner reported an error of kind '%1' without a message.")
                        .arg(e.kind.isEmpty() ? QStringLiteral("?") : e.kind);
    return e;
}

} // namespace

QString omRunnerEventName(OmRunnerEvent::Kind kind)
{
    for (const Name& n : kNames) {
        if (n.kind == kind)
            return QLatin1String(n.text);
    }
    return QStringLiteral("unknown");
}

std::optional<OmRunnerEvent> parseOmRunnerLine(QStringView line)
{
    const QStringView trimmed = line.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return malformed(QStringLiteral("not JSON (%1 at offset %2)").arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return malformed(QStringLiteral("JSON but not an object"));
    const QJsonObject object = document.object();
    const QJsonValue name = object.value(QLatin1String("event"));
    if (!name.isString())
        return malformed(QStringLiteral("no string \"event\" field"));

    OmRunnerEvent event;
    event.kind = OmRunnerEvent::Kind::Unknown;
    for (const Name& n : kNames) {
        if (n.kind != OmRunnerEvent::Kind::Unknown && n.kind != OmRunnerEvent::Kind::Malformed
            && name.toString() == QLatin1String(n.text))
            event.kind = n.kind;
    }
    event.fields = object;
    switch (event.kind) {
    case OmRunnerEvent::Kind::Warmup:
    case OmRunnerEvent::Kind::Iteration: {
        const auto ms = number(object.value(QLatin1String("ms")));
        const auto index = integer(object.value(QLatin1String("index")));
        if (!ms || *ms < 0)
            return malformed(QStringLiteral("%1 event without a non-negative number \"ms\"").arg(name.toString()));
        if (!index || *index < 0)
            return malformed(QStringLiteral("%1 event without a non-negative integer \"index\"").arg(name.toString()));
        event.ms = *ms;
        event.index = *index;
        break;
    }
    case OmRunnerEvent::Kind::Output:
        event.index = integer(object.value(QLatin1String("index"))).value_or(-1);
        break;
    case OmRunnerEvent::Kind::Error:
    case OmRunnerEvent::Kind::Warning:
        event.message = text(object.value(QLatin1String("message")));
        break;
    default:
        break;
    }
    return event;
}

std::optional<OmRunnerEvent> OmRunnerParser::feed(QStringView line)
{
    ++m_report.linesSeen;
    std::optional<OmRunnerEvent> event = parseOmRunnerLine(line);
    if (!event)
        return event;
    const QJsonObject& o = event->fields;
    OmRunnerReport& r = m_report;
    switch (event->kind) {
    case OmRunnerEvent::Kind::Start:
        r.protocol = integer(o.value(QLatin1String("protocol"))).value_or(0);
        r.version = text(o.value(QLatin1String("version")));
        r.model = text(o.value(QLatin1String("model")));
        r.library = text(o.value(QLatin1String("library")));
        r.loops = integer(o.value(QLatin1String("loops"))).value_or(0);
        r.warmup = integer(o.value(QLatin1String("warmup"))).value_or(0);
        break;
    case OmRunnerEvent::Kind::Device: {
        OmRunnerDevice d;
        d.id = integer(o.value(QLatin1String("device"))).value_or(-1);
        d.soc = text(o.value(QLatin1String("soc")));
        d.runMode = text(o.value(QLatin1String("run_mode")));
        d.aclVersion = text(o.value(QLatin1String("acl_version")));
        r.device = d;
        break;
    }
    case OmRunnerEvent::Kind::Model:
        r.inputs = o.value(QLatin1String("inputs")).toArray();
        r.outputs = o.value(QLatin1String("outputs")).toArray();
        r.dynamicBatch.clear();
        for (const QJsonValue& gear : o.value(QLatin1String("dynamic_batch")).toArray()) {
            if (const auto g = number(gear))
                r.dynamicBatch.append(qint64(*g));
        }
        r.batch = integer(o.value(QLatin1String("batch")));
        break;
    case OmRunnerEvent::Kind::Warmup:
        r.warmupMs.append(event->ms);
        break;
    case OmRunnerEvent::Kind::Iteration:
        r.iterationsMs.append(event->ms);
        break;
    case OmRunnerEvent::Kind::Summary:
        r.summary = readSummary(o);
        if (!r.batch)
            r.batch = r.summary->batch;
        break;
    case OmRunnerEvent::Kind::Output:
        r.outputFiles.append(text(o.value(QLatin1String("path"))));
        break;
    case OmRunnerEvent::Kind::Warning: {
        const QString call = text(o.value(QLatin1String("call")));
        r.warnings.append(call.isEmpty() ? event->message : call + QStringLiteral(": ") + event->message);
        break;
    }
    case OmRunnerEvent::Kind::Error:
        r.errors.append(readError(o));
        break;
    case OmRunnerEvent::Kind::Stopped:
        r.stoppedBy = text(o.value(QLatin1String("signal")));
        if (r.stoppedBy.isEmpty())
            r.stoppedBy = QStringLiteral("a signal");
        break;
    case OmRunnerEvent::Kind::Malformed:
        ++r.malformedCount;
        if (r.malformed.size() < kMaxMalformedKept)
            r.malformed.append(QStringLiteral("line %1: %2").arg(r.linesSeen).arg(event->message));
        break;
    case OmRunnerEvent::Kind::Unknown:
        break;
    }
    return event;
}

OmRunnerReport parseOmRunnerOutput(const QByteArray& text)
{
    OmRunnerParser parser;
    for (const QByteArray& line : splitLines(text))
        parser.feed(QString::fromUtf8(line));
    return parser.report();
}

} // namespace wb
