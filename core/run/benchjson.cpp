// BenchResult <-> JSON (the `atcwb bench --json` contract and the run history files) and its text form.
#include "run/bench.h"

#include <QJsonArray>

#include <cmath>

namespace wb {

namespace {

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

double numberOrNan(const QJsonValue& v)
{
    return v.isDouble() ? v.toDouble() : std::nan("");
}

QJsonArray strings(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

struct Reader {
    const QJsonObject& o;
    QStringList bad;

    QString string(const char* key)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isString() && !v.isNull() && !v.isUndefined())
            bad.append(QLatin1String(key));
        return v.toString();
    }
    int integer(const char* key, int fallback = 0)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isDouble() && !v.isNull() && !v.isUndefined())
            bad.append(QLatin1String(key));
        return v.isDouble() ? v.toInt(fallback) : fallback;
    }
    QStringList stringList(const char* key)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        QStringList list;
        if (v.isUndefined() || v.isNull())
            return list;
        if (!v.isArray()) {
            bad.append(QLatin1String(key));
            return list;
        }
        for (const QJsonValue& item : v.toArray())
            list.append(item.toString());
        return list;
    }
};

QString ms(double v)
{
    return std::isfinite(v) ? QString::number(v, 'f', 3) : QStringLiteral("n/a");
}

} // namespace

QJsonObject benchResultToJson(const BenchResult& r)
{
    QJsonObject latency;
    latency.insert(QStringLiteral("min"), number(r.stats.min));
    latency.insert(QStringLiteral("max"), number(r.stats.max));
    latency.insert(QStringLiteral("mean"), number(r.stats.mean));
    latency.insert(QStringLiteral("median"), number(r.stats.median));
    latency.insert(QStringLiteral("p90"), number(r.stats.p90));
    latency.insert(QStringLiteral("p95"), number(r.stats.p95));
    latency.insert(QStringLiteral("p99"), number(r.stats.p99));
    latency.insert(QStringLiteral("stddev"), number(r.stats.stddev));
    QJsonArray iterations;
    for (double v : r.iterationsMs)
        iterations.append(number(v));

    QJsonObject o;
    o.insert(QStringLiteral("ok"), r.ok);
    if (!r.ok) {
        o.insert(QStringLiteral("error"), r.error);
        o.insert(QStringLiteral("error_code"), r.errorCode);
    }
    o.insert(QStringLiteral("runner"), r.runner);
    o.insert(QStringLiteral("target"), r.target);
    o.insert(QStringLiteral("model"), r.model);
    o.insert(QStringLiteral("batch"), r.batch);
    o.insert(QStringLiteral("iterations"), r.stats.count);
    o.insert(QStringLiteral("loops"), r.loops);
    o.insert(QStringLiteral("warmup"), r.warmup);
    o.insert(QStringLiteral("latency_ms"), latency);
    o.insert(QStringLiteral("throughput"), number(r.throughput));
    o.insert(QStringLiteral("iterations_ms"), iterations);
    o.insert(QStringLiteral("device"), r.device);
    o.insert(QStringLiteral("toolkit"), r.toolkit);
    o.insert(QStringLiteral("host"), r.host);
    o.insert(QStringLiteral("started"),
        r.started.isValid() ? QJsonValue(r.started.toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("duration_ms"), double(r.durationMs));
    o.insert(QStringLiteral("command"), strings(r.command));
    o.insert(QStringLiteral("recipe"), r.recipe);
    o.insert(QStringLiteral("output_files"), strings(r.outputFiles));
    o.insert(QStringLiteral("warnings"), strings(r.warnings));
    return o;
}

Result<BenchResult> benchResultFromJson(const QJsonObject& o)
{
    const auto bad = [](const QString& why) {
        return Error { QStringLiteral("bad_run_file"), QStringLiteral("Not a stored benchmark run: %1.").arg(why), {} };
    };
    if (!o.value(QLatin1String("runner")).isString() || !o.value(QLatin1String("ok")).isBool())
        return bad(QStringLiteral("\"runner\" (string) and \"ok\" (bool) are required"));
    Reader read { o, {} };
    BenchResult r;
    r.ok = o.value(QLatin1String("ok")).toBool();
    r.error = read.string("error");
    r.errorCode = read.string("error_code");
    r.runner = read.string("runner");
    r.target = read.string("target");
    r.model = read.string("model");
    r.batch = read.integer("batch", 1);
    r.loops = read.integer("loops");
    r.warmup = read.integer("warmup");
    r.device = read.string("device");
    r.toolkit = read.string("toolkit");
    r.host = read.string("host");
    r.command = read.stringList("command");
    r.outputFiles = read.stringList("output_files");
    r.warnings = read.stringList("warnings");
    r.recipe = o.value(QLatin1String("recipe")).toObject();
    r.durationMs = qint64(o.value(QLatin1String("duration_ms")).toDouble());
    r.throughput = numberOrNan(o.value(QLatin1String("throughput")));
    const QString started = read.string("started");
    r.started = QDateTime::fromString(started, Qt::ISODateWithMs);
    if (!started.isEmpty() && !r.started.isValid())
        read.bad.append(QStringLiteral("started"));

    const QJsonValue iterations = o.value(QLatin1String("iterations_ms"));
    if (!iterations.isArray() && !iterations.isUndefined())
        read.bad.append(QStringLiteral("iterations_ms"));
    for (const QJsonValue& v : iterations.toArray())
        r.iterationsMs.append(numberOrNan(v));
    const QJsonValue latencyValue = o.value(QLatin1String("latency_ms"));
    if (!latencyValue.isObject() && !latencyValue.isUndefined())
        read.bad.append(QStringLiteral("latency_ms"));
    const QJsonObject latency = latencyValue.toObject();
    r.stats.count = read.integer("iterations");
    r.stats.min = numberOrNan(latency.value(QLatin1String("min")));
    r.stats.max = numberOrNan(latency.value(QLatin1String("max")));
    r.stats.mean = numberOrNan(latency.value(QLatin1String("mean")));
    r.stats.median = numberOrNan(latency.value(QLatin1String("median")));
    r.stats.p90 = numberOrNan(latency.value(QLatin1String("p90")));
    r.stats.p95 = numberOrNan(latency.value(QLatin1String("p95")));
    r.stats.p99 = numberOrNan(latency.value(QLatin1String("p99")));
    r.stats.stddev = numberOrNan(latency.value(QLatin1String("stddev")));
    if (!read.bad.isEmpty())
        return bad(QStringLiteral("wrong type for %1").arg(read.bad.join(QStringLiteral(", "))));
    return r;
}

QString benchResultToText(const BenchResult& r)
{
    QString text = QStringLiteral("Model:      %1\nRunner:     %2 on %3\nDevice:     %4\n")
                       .arg(r.model, r.runner, r.target, r.device.isEmpty() ? QStringLiteral("?") : r.device);
    if (!r.toolkit.isEmpty())
        text += QStringLiteral("Toolkit:    %1\n").arg(r.toolkit);
    if (r.stats.count > 0) {
        text += QStringLiteral("Iterations: %1 (after %2 warm-up), batch %3\n")
                    .arg(r.stats.count)
                    .arg(r.warmup)
                    .arg(r.batch);
        text += QStringLiteral("Latency ms: mean %1  median %2  min %3  max %4\n")
                    .arg(ms(r.stats.mean), ms(r.stats.median), ms(r.stats.min), ms(r.stats.max));
        text += QStringLiteral("            p90 %1  p95 %2  p99 %3  stddev %4\n")
                    .arg(ms(r.stats.p90), ms(r.stats.p95), ms(r.stats.p99), ms(r.stats.stddev));
        text += QStringLiteral("Throughput: %1 samples/s\n")
                    .arg(std::isfinite(r.throughput) ? QString::number(r.throughput, 'f', 2) : QStringLiteral("n/a"));
    }
    if (!r.ok)
        text += QStringLiteral("Failed:     %1\n").arg(r.error);
    for (const QString& w : r.warnings)
        text += QStringLiteral("Warning:    %1\n").arg(w);
    return text;
}

} // namespace wb
