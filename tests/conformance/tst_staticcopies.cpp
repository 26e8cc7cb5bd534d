// Save Static Copy / `atcwb fix-shapes` over every generated model and every libonnx-testdata model with its inputs
// fixed (label "conformance"). Each must be written and pass the ONNX checker; the one allowed exception is a source
// model the checker already rejects with the same message (the copy is then written with a warning that says so).
// Each is simplified too (written and checked; tst_simplify compares outputs). Nothing may fail, and no copy may
// hold a value_info whose type has no shape.
#include "cases.h"

#include "onnx/simplify.h"
#include "onnx/surgery.h"

#include <onnx/checker.h>

#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>

using namespace wb;

namespace {

QString checkerVerdict(const QString& path)
{
    try {
        onnx::checker::check_model(path.toStdString());
    } catch (const std::exception& e) {
        return QString::fromLocal8Bit(e.what()).trimmed();
    }
    return {};
}

// Names of value_info entries with a tensor type but no shape (what "Field 'shape' of 'type'" complains about).
QStringList shapelessValueInfos(const QString& path)
{
    onnx::ModelProto m;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || !m.ParseFromString(f.readAll().toStdString()))
        return { QStringLiteral("(unreadable)") };
    QStringList names;
    for (const auto& vi : m.graph().value_info()) {
        if (vi.type().has_tensor_type() && !vi.type().tensor_type().has_shape())
            names.append(QString::fromStdString(vi.name()));
    }
    return names;
}

} // namespace

class TestStaticCopies : public QObject {
    Q_OBJECT
private slots:
    void everyModelWrites();
};

void TestStaticCopies::everyModelWrites()
{
    QStringList skipped;
    QList<ModelCase> cases = generatedCases();
    const bool haveTestData = QFileInfo(dataRoot()).isDir();
    if (haveTestData)
        cases += testDataCases(&skipped);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    int written = 0, sourceRejected = 0, dataDoesNotFit = 0, simplifiedCount = 0;
    QStringList failures;
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const ModelCase& c = cases.at(i);
        const auto model = OnnxModel::load(c.path);
        if (!model.ok()) {
            failures.append(c.label + QStringLiteral(": does not load: ") + model.error().message);
            continue;
        }
        const QString out = dir.filePath(QStringLiteral("copy_%1.onnx").arg(i));
        const Result<SurgeryResult> result = writeStaticCopy(*model.value(), c.specs, out);
        if (!result.ok()) {
            if (result.error().code == QLatin1String("rank_mismatch")) { // test data that does not fit the model
                ++dataDoesNotFit;
                skipped.append(c.label + QStringLiteral(": ") + result.error().message);
                continue;
            }
            failures.append(QStringLiteral("%1: [%2] %3").arg(c.label, result.error().code, result.error().message));
            continue;
        }
        ++written;
        // The simplified copy too (compared with ONNX Runtime in tst_simplify; here: written and checked).
        SimplifyOptions simplify;
        simplify.inputShapes = c.specs;
        simplify.compare = false;
        const QString simple = dir.filePath(QStringLiteral("simple_%1.onnx").arg(i));
        const Result<SimplifyResult> simplified = simplifyModel(*model.value(), simplify, simple);
        if (!simplified.ok())
            failures.append(QStringLiteral("%1: simplify: [%2] %3")
                                .arg(c.label, simplified.error().code, simplified.error().message));
        else
            ++simplifiedCount;
        const QStringList shapeless = shapelessValueInfos(out);
        if (!shapeless.isEmpty())
            failures.append(
                c.label + QStringLiteral(": value_info without a shape: ") + shapeless.join(QStringLiteral(", ")));
        const QString verdict = checkerVerdict(out);
        if (verdict.isEmpty())
            continue;
        const bool explained
            = result.value().warnings.join(QLatin1Char('\n')).contains(QStringLiteral("rejects the source model too"));
        if (explained && checkerVerdict(c.path) == verdict)
            ++sourceRejected;
        else
            failures.append(c.label + QStringLiteral(": the copy fails the checker: ") + verdict);
    }
    std::printf("static copies: %lld models, %d written (%d of them with a checker warning the source shares), %d "
                "simplified, %lld failed, %lld skipped (%d: test data does not fit the declared inputs)\n",
        static_cast<long long>(cases.size() + skipped.size() - dataDoesNotFit), written, sourceRejected,
        simplifiedCount, static_cast<long long>(failures.size()), static_cast<long long>(skipped.size()),
        dataDoesNotFit);
    if (qEnvironmentVariableIntValue("WB_CONFORMANCE_VERBOSE") == 1) {
        for (const QString& s : std::as_const(skipped))
            std::printf("  skipped %s\n", qPrintable(s));
    }
    std::fflush(stdout);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 20).join(QLatin1Char('\n'))));
    QVERIFY(written >= (haveTestData ? 1000 : 20));
}

QTEST_GUILESS_MAIN(TestStaticCopies)
#include "tst_staticcopies.moc"
