#pragma once

// What version N of each file crash_writer writes holds, for the writer and for tst_crashsafe's checks.
#include "atc/conversionrecipe.h"
#include "reference/tensordata.h"
#include "run/bench.h"

#include <QByteArray>
#include <QString>

#include <cstring>

namespace crashsafe {

constexpr int kRecipeArgs = 3000;
constexpr int kGeometryBytes = 256 * 1024;
constexpr int kRunIterations = 20000;
constexpr qint64 kTensorElements = 262144;

inline wb::ConversionRecipe recipe(qint64 n)
{
    wb::ConversionRecipe r;
    r.options.model = QStringLiteral("/models/m.onnx");
    r.options.output = QStringLiteral("/models/m_%1").arg(n);
    r.options.socVersion = QStringLiteral("Ascend310P3");
    for (int i = 0; i < kRecipeArgs; ++i)
        r.argv.append(QStringLiteral("arg-%1-%2").arg(n).arg(i));
    r.toolkitVersion = QStringLiteral("8.0.0");
    r.modelSha256 = QString(64, QLatin1Char('a'));
    r.batch = n;
    return r;
}

inline QByteArray geometry(qint64 n)
{
    return QByteArray(kGeometryBytes, char(n % 251));
}

inline wb::BenchResult run(qint64 n)
{
    wb::BenchResult r;
    r.ok = true;
    r.runner = QStringLiteral("onnxruntime");
    r.target = QStringLiteral("cpu");
    r.model = QStringLiteral("/models/m.onnx");
    r.batch = int(n);
    r.loops = kRunIterations;
    for (int i = 0; i < kRunIterations; ++i)
        r.iterationsMs.append(double(n) + i / 1000.0);
    r.started = QDateTime::currentDateTimeUtc();
    return r;
}

inline wb::HostTensor tensor(qint64 n)
{
    wb::HostTensor t;
    t.name = QStringLiteral("output");
    t.elemType = 6; // int32
    t.shape = { kTensorElements };
    t.data.resize(kTensorElements * 4);
    const qint32 value = qint32(n);
    for (qint64 i = 0; i < kTensorElements; ++i)
        std::memcpy(t.data.data() + i * 4, &value, 4);
    return t;
}

inline QString modelSpec(qint64 n)
{
    return QStringLiteral("input:%1,3,224,224").arg(n);
}

} // namespace crashsafe
