#pragma once

// Writes small bundles for om-runner --bundle tests: fake OMs (omfile.h), a "<om>.fakeacl" file beside each that
// tells the fake libascendcl.so the OM's inputs, outputs and gears (fake_ascendcl/fakestate.h), and deploy.json
// in the form `atcwb bundle` writes (format "atc-workbench-bundle", version 1).
#include "omfile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace wbtest {

struct BundleOmSpec {
    QString file;
    int batch = 1; // static batch; ignored when gears are given
    QList<int> gears; // dynamic batch gears
    QString sampleShape = QStringLiteral("3x8x8"); // input dims after the batch dim, as the fake describes it
    QString manifestSampleShape; // what deploy.json says (default: sampleShape)
    QString inputName = QStringLiteral("input");
};

inline BundleOmSpec staticOm(const QString& file, int batch)
{
    BundleOmSpec spec;
    spec.file = file;
    spec.batch = batch;
    return spec;
}

inline QJsonArray shapeJson(int batch, const QString& sample)
{
    QJsonArray shape { batch };
    for (const QString& dim : sample.split('x'))
        shape.append(dim.toInt());
    return shape;
}

// Writes the OMs, their .fakeacl files and deploy.json into `dir`; returns the manifest path.
inline QString writeBundle(const QString& dir, const QList<BundleOmSpec>& oms, const QString& soc = "Ascend310P3")
{
    QJsonArray list;
    for (const BundleOmSpec& spec : oms) {
        OmSpec om;
        om.name = spec.file.toUtf8().left(31);
        const QByteArray bytes = makeOm(om);
        writeFile(QDir(dir).filePath(spec.file), bytes);
        const bool dynamic = !spec.gears.isEmpty();
        const int leading = dynamic ? 1 : spec.batch;
        QStringList gears;
        for (int g : spec.gears)
            gears << QString::number(g);
        const QString sidecar
            = QStringLiteral("FAKE_ACL_INPUTS=%1:float32:%2x%3\nFAKE_ACL_OUTPUTS=output:float32:%2x10\n")
                  .arg(spec.inputName)
                  .arg(leading)
                  .arg(spec.sampleShape)
            + (dynamic ? QStringLiteral("FAKE_ACL_DYNAMIC_BATCH=%1\n").arg(gears.join(',')) : QString());
        writeFile(QDir(dir).filePath(spec.file + ".fakeacl"), sidecar.toUtf8());
        const int batchDim = dynamic ? -1 : spec.batch;
        QJsonObject entry {
            { "file", spec.file },
            { "sha256", QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()) },
            { "inputs",
                QJsonArray { QJsonObject { { "name", spec.inputName }, { "dtype", "float32" }, { "format", "NCHW" },
                    { "shape",
                        shapeJson(batchDim,
                            spec.manifestSampleShape.isEmpty() ? spec.sampleShape : spec.manifestSampleShape) } } } },
            { "outputs",
                QJsonArray { QJsonObject { { "name", "output" }, { "dtype", "float32" }, { "format", "ND" },
                    { "shape", QJsonArray { batchDim, 10 } } } } },
        };
        if (dynamic) {
            QJsonArray g;
            for (int v : spec.gears)
                g.append(v);
            entry.insert("dynamic_batch", g);
        } else {
            entry.insert("batch", spec.batch);
        }
        list.append(entry);
    }
    const QJsonObject manifest { { "format", "atc-workbench-bundle" }, { "version", 1 },
        { "model", QJsonObject { { "name", "fake" }, { "file", "fake.onnx" }, { "sha256", QString(64, '0') } } },
        { "soc", soc }, { "toolkit_version", "8.0.RC1" }, { "oms", list } };
    const QString path = QDir(dir).filePath("deploy.json");
    writeFile(path, QJsonDocument(manifest).toJson());
    return path;
}

} // namespace wbtest
