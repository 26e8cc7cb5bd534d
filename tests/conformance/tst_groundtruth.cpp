// Inferred shapes against what ONNX Runtime actually computes (label "conformance"; skips without ONNX Runtime).
//
// Every generated model and every libonnx-testdata model is run once with its inputs fixed (test_data_set_0's
// input_N.pb, or seeded random inputs for the generated ones), with every tensor of the main graph added as an
// output. Each tensor counts as one of:
//   agree               inferred static, and ONNX Runtime's tensor has exactly that shape;
//   disagree            inferred static, but the shape differs: a bug, the test fails (also when our inferred
//                       element types make ONNX Runtime refuse a model it runs as exported);
//   dynamic but static  inferred data-dependent, follows-input or unknown (counted per verdict), and at run time it
//                       had some shape, as every tensor does: the price of an exact verdict on data-dependent ops.
// Models ONNX Runtime does not run as exported (custom domains, preview training ops) count as "not run".
//
// ONNX Runtime 1.29 has crashed after ~500 sessions in one process, so the parent runs the cases in child
// processes of itself (WB_GROUNDTRUTH_CHUNK=k/n), each printing "GT ..." result lines the parent adds up.
#include "cases.h"

#include "onnx/shapeinference.h"
#include "reference/cpurunner.h"
#include "reftestutil.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>

using namespace wb;

namespace {

constexpr int kChunkSize = 250;

int elemTypeOf(const QString& dtype)
{
    for (int t = 1; t <= 16; ++t) {
        if (HostTensor { {}, t, {}, {} }.dtype() == dtype)
            return t;
    }
    return 0;
}

struct Counts {
    int agree = 0, disagree = 0, models = 0, notRun = 0;
    QMap<QString, int> dynamicButStatic; // verdict -> tensors
    QStringList problems;
    QStringList notRunWhy; // listed under WB_CONFORMANCE_VERBOSE=1
};

// Writes `c`'s model with every main-graph tensor of `inferred` (that has a tensor type) added as a graph output.
bool writeWithIntermediates(const OnnxModel& model, const InferenceResult& inferred, const QString& path)
{
    auto full = model.fullProto();
    if (!full.ok())
        return false;
    onnx::ModelProto& m = *full.value();
    auto* g = m.mutable_graph();
    QSet<QString> present;
    for (const auto& vi : g->output())
        present.insert(QString::fromStdString(vi.name()));
    for (const auto& vi : g->input())
        present.insert(QString::fromStdString(vi.name()));
    for (const TensorInfo& t : inferred.tensors) {
        const int type = elemTypeOf(t.dtype);
        if (present.contains(t.name) || type == 0)
            continue;
        auto* out = g->add_output();
        out->set_name(t.name.toStdString());
        out->mutable_type()->mutable_tensor_type()->set_elem_type(type);
    }
    QFile file(path);
    const std::string bytes = m.SerializeAsString();
    return file.open(QIODevice::WriteOnly) && file.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size());
}

Result<CpuRunResult> run(const ModelCase& c, const QString& modelPath)
{
    CpuRunOptions options;
    options.modelPath = modelPath;
    options.inputShapes = c.specs;
    options.fill = c.inputFiles.isEmpty() ? InputFill::Random : InputFill::Files;
    options.inputFiles = c.inputFiles;
    options.warmup = 0;
    options.iterations = 1;
    options.intraOpThreads = 1;
    return runOnCpu(options);
}

void check(const ModelCase& c, const QString& scratch, Counts& counts)
{
    const auto model = OnnxModel::load(c.path);
    if (!model.ok())
        return;
    const auto inferred = inferShapes(*model.value(), c.specs);
    if (!inferred.ok())
        return; // the data does not fit the declared inputs (tst_conformance says which)
    const InferenceResult& r = inferred.value();
    // Generated models are written beside the model, so relative external-data paths still resolve (the build's
    // models folder is ours); anything else goes to the scratch folder, never into the test data's folders.
    const QFileInfo source(c.path);
    QString augmented = scratch + QLatin1Char('/') + QString(c.label).replace(QLatin1Char('/'), QLatin1Char('_'));
    if (c.label.startsWith(QLatin1String("generated/")))
        augmented = source.absoluteDir().filePath(QStringLiteral(".wb_groundtruth_") + source.fileName());
    if (!writeWithIntermediates(*model.value(), r, augmented)) {
        counts.problems.append(c.label + QStringLiteral(": could not write the augmented model"));
        return;
    }
    const Result<CpuRunResult> result = run(c, augmented);
    QFile::remove(augmented);
    ++counts.models;
    if (!result.ok()) {
        // Refused as exported too: not ours to judge. Refused only with our element types: our inference is wrong.
        if (run(c, c.path).ok())
            counts.problems.append(
                c.label + QStringLiteral(": ONNX Runtime refuses the inferred types: ") + result.error().message);
        ++counts.notRun;
        counts.notRunWhy.append(
            c.label + QStringLiteral(": ") + result.error().message.section(QLatin1Char('\n'), 0, 0).left(160));
        return;
    }
    QHash<QString, QList<qint64>> actual;
    for (const HostTensor& t : result.value().outputs)
        actual.insert(t.name, t.shape);
    for (qsizetype i = 0; i < r.tensors.size(); ++i) {
        const TensorInfo& t = r.tensors.at(i);
        const auto it = actual.constFind(t.name);
        if (it == actual.cend())
            continue; // a graph input, or a tensor ONNX Runtime does not return (sequences)
        const ShapeFact& f = r.facts.at(i);
        if (f.status != ShapeStatus::Static || !t.shape || t.isDynamic()) {
            ++counts.dynamicButStatic[shapeStatusName(f.status)];
            continue;
        }
        QList<qint64> dims;
        for (const Dim& d : *t.shape)
            dims.append(d.value);
        if (dims == *it) {
            ++counts.agree;
        } else {
            ++counts.disagree;
            counts.problems.append(QStringLiteral("%1 '%2': inferred %3, ONNX Runtime %4")
                                       .arg(c.label, t.name, dimsText(dims), dimsText(*it)));
        }
    }
}

QList<ModelCase> allCases()
{
    QStringList skipped;
    QList<ModelCase> cases = generatedCases();
    if (QFileInfo(dataRoot()).isDir())
        cases += testDataCases(&skipped);
    return cases;
}

} // namespace

class TestGroundTruth : public QObject {
    Q_OBJECT
private slots:
    void inferredShapesMatchOnnxRuntime();
};

void TestGroundTruth::inferredShapesMatchOnnxRuntime()
{
    WB_REQUIRE_ORT();
    const QList<ModelCase> cases = allCases();
    const QString chunk = qEnvironmentVariable("WB_GROUNDTRUTH_CHUNK");
    if (!chunk.isEmpty()) { // a child: run one slice, print its results
        const int k = chunk.section(QLatin1Char('/'), 0, 0).toInt();
        QTemporaryDir scratch;
        Counts counts;
        for (qsizetype i = qsizetype(k) * kChunkSize; i < cases.size() && i < qsizetype(k + 1) * kChunkSize; ++i)
            check(cases.at(i), scratch.path(), counts);
        std::printf("GT models %d notrun %d agree %d disagree %d\n", counts.models, counts.notRun, counts.agree,
            counts.disagree);
        for (auto it = counts.dynamicButStatic.cbegin(); it != counts.dynamicButStatic.cend(); ++it)
            std::printf("GT dynamic %s %d\n", qPrintable(it.key()), it.value());
        for (const QString& p : std::as_const(counts.problems))
            std::printf("GT problem %s\n", qPrintable(p));
        for (const QString& p : std::as_const(counts.notRunWhy))
            std::printf("GT notrun %s\n", qPrintable(p));
        std::fflush(stdout);
        return;
    }
    const int chunks = int((cases.size() + kChunkSize - 1) / kChunkSize);
    Counts total;
    for (int k = 0; k < chunks; ++k) {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("WB_GROUNDTRUTH_CHUNK"), QStringLiteral("%1/%2").arg(k).arg(chunks));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), { QStringLiteral("inferredShapesMatchOnnxRuntime") });
        QVERIFY(child.waitForFinished(600000));
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
            qPrintable(QStringLiteral("chunk %1 ended badly: %2")
                           .arg(k)
                           .arg(QString::fromLocal8Bit(child.readAllStandardError()))));
        for (const QByteArray& raw : child.readAllStandardOutput().split('\n')) {
            const QString line = QString::fromUtf8(raw);
            const QStringList w = line.split(QLatin1Char(' '));
            if (line.startsWith(QLatin1String("GT models")) && w.size() >= 9) {
                total.models += w.at(2).toInt();
                total.notRun += w.at(4).toInt();
                total.agree += w.at(6).toInt();
                total.disagree += w.at(8).toInt();
            } else if (line.startsWith(QLatin1String("GT dynamic")) && w.size() >= 4) {
                total.dynamicButStatic[w.at(2)] += w.at(3).toInt();
            } else if (line.startsWith(QLatin1String("GT problem "))) {
                total.problems.append(line.mid(11));
            } else if (line.startsWith(QLatin1String("GT notrun "))) {
                total.notRunWhy.append(line.mid(10));
            }
        }
    }
    QStringList dynamic;
    int dynamicCount = 0;
    for (auto it = total.dynamicButStatic.cbegin(); it != total.dynamicButStatic.cend(); ++it) {
        dynamic.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
        dynamicCount += it.value();
    }
    std::printf("ground truth: %lld models, %d run by ONNX Runtime (%d not run as exported); tensors: %d agree, %d "
                "dynamic but static (%s), %d disagree\n",
        static_cast<long long>(cases.size()), total.models - total.notRun, total.notRun, total.agree, dynamicCount,
        qPrintable(dynamic.join(QStringLiteral(", "))), total.disagree);
    for (const QString& p : std::as_const(total.problems))
        std::printf("  %s\n", qPrintable(p));
    if (qEnvironmentVariableIntValue("WB_CONFORMANCE_VERBOSE") == 1) {
        for (const QString& p : std::as_const(total.notRunWhy))
            std::printf("  not run %s\n", qPrintable(p));
    }
    std::fflush(stdout);
    QVERIFY2(total.problems.isEmpty(), qPrintable(total.problems.mid(0, 10).join(QLatin1Char('\n'))));
    QCOMPARE(total.disagree, 0);
    QVERIFY2(total.agree > 2000, qPrintable(QStringLiteral("only %1 tensors compared").arg(total.agree)));
}

WB_TEST_GUILESS_MAIN(TestGroundTruth)
#include "tst_groundtruth.moc"
