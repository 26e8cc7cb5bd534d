// Accuracy comparison: compareTensors against hand-computed values, raw .bin outputs read as the reference's type
// (and as float16 for an FP16 OM), folders paired by output_N, and `atcwb compare` end to end.
#include "reference/accuracy.h"
#include "reference/tensorfile.h"
#include "reftestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>

using namespace wb;

namespace {

constexpr int kFloat = 1;
constexpr int kInt64 = 7;
constexpr int kFloat16 = 10;

HostTensor floats(
    const QList<float>& values, const QList<qint64>& shape = {}, const QString& name = QStringLiteral("out"))
{
    HostTensor t;
    t.name = name;
    t.elemType = kFloat;
    t.shape = shape.isEmpty() ? QList<qint64> { values.size() } : shape;
    t.data.resize(values.size() * 4);
    std::memcpy(t.data.data(), values.constData(), size_t(values.size()) * 4);
    return t;
}

HostTensor halves(const QList<float>& values)
{
    HostTensor t;
    t.name = QStringLiteral("out");
    t.elemType = kFloat16;
    t.shape = { values.size() };
    for (const float v : values) {
        const quint16 h = floatToHalf(v);
        t.data.append(reinterpret_cast<const char*>(&h), 2);
    }
    return t;
}

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const float kInf = std::numeric_limits<float>::infinity();

} // namespace

class TestAccuracy : public QObject {
    Q_OBJECT
private slots:
    void compare_data();
    void compare();
    void incomparable();
    void rawOutputs();
    void folders();
    void folderErrors();
    void json();
    void cli();
    void cpuRunAgainstItself();
};

void TestAccuracy::compare_data()
{
    QTest::addColumn<QList<float>>("reference");
    QTest::addColumn<QList<float>>("actual");
    QTest::addColumn<double>("cosine");
    QTest::addColumn<double>("maxAbs");
    QTest::addColumn<double>("maxRel");
    QTest::addColumn<double>("meanAbs");
    QTest::addColumn<qint64>("mismatches");
    QTest::addColumn<qint64>("worst");
    QTest::addColumn<bool>("pass");
    using F = QList<float>;
    QTest::newRow("identical") << F { 1, -2, 3 } << F { 1, -2, 3 } << 1.0 << 0.0 << 0.0 << 0.0 << qint64(0) << qint64(0)
                               << true;
    // 3,4 vs 4,3: cos = 24/25; diffs 1,1; rel 1/3, 1/4.
    QTest::newRow("swapped") << F { 3, 4 } << F { 4, 3 } << 0.96 << 1.0 << 1.0 / 3 << 1.0 << qint64(2) << qint64(0)
                             << false;
    // Scaled by 2: cosine 1 but every element off.
    QTest::newRow("scaled: cosine alone is not enough")
        << F { 1, 2 } << F { 2, 4 } << 1.0 << 2.0 << 1.0 << 1.5 << qint64(2) << qint64(1) << false;
    // Within atol + rtol*|ref| = 0.01 + 0.01*100 = 1.01 at 100; 0.5 off passes there, not at 1 (limit 0.02).
    QTest::newRow("tolerance scales with the value")
        << F { 100, 1 } << F { 100.5, 1 } << (100 * 100.5 + 1) / (std::sqrt(10001.0) * std::sqrt(10101.25)) << 0.5
        << 0.005 << 0.25 << qint64(0) << qint64(0) << true;
    QTest::newRow("small value off") << F { 100, 1 } << F { 100, 1.5 }
                                     << (100 * 100 + 1.5) / (std::sqrt(10001.0) * std::sqrt(10002.25)) << 0.5 << 0.5
                                     << 0.25 << qint64(1) << qint64(1) << false;
    QTest::newRow("both zero") << F { 0, 0 } << F { 0, 0 } << 1.0 << 0.0 << 0.0 << 0.0 << qint64(0) << qint64(0)
                               << true;
    // An all-zero side has no direction: cosine is undefined and the element test alone decides.
    QTest::newRow("zero against faint noise") << F { 0, 0 } << F { 0.001f, 0 } << kNaN << double(0.001f) << 0.0
                                              << double(0.001f) / 2 << qint64(0) << qint64(0) << true;
    QTest::newRow("zero against values") << F { 0, 0 } << F { 1, 0 } << kNaN << 1.0 << 0.0 << 0.5 << qint64(1)
                                         << qint64(0) << false;
    QTest::newRow("NaN where a number was")
        << F { 1, 2 } << F { 1, float(kNaN) } << 1.0 << double(kInf) << 0.0 << 0.0 << qint64(1) << qint64(1) << false;
    QTest::newRow("NaN in both") << F { 1, float(kNaN) } << F { 1, float(kNaN) } << 1.0 << 0.0 << 0.0 << 0.0
                                 << qint64(0) << qint64(0) << true;
}

void TestAccuracy::compare()
{
    QFETCH(QList<float>, reference);
    QFETCH(QList<float>, actual);
    QFETCH(double, cosine);
    QFETCH(double, maxAbs);
    QFETCH(double, maxRel);
    QFETCH(double, meanAbs);
    QFETCH(qint64, mismatches);
    QFETCH(qint64, worst);
    QFETCH(bool, pass);
    const TensorAccuracy r = compareTensors(floats(reference), floats(actual), AccuracyTolerance {});
    QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
    if (std::isnan(cosine))
        QVERIFY2(std::isnan(r.cosine), qPrintable(QString::number(r.cosine, 'g', 12)));
    else
        QVERIFY2(std::fabs(r.cosine - cosine) < 1e-9, qPrintable(QString::number(r.cosine, 'g', 12)));
    if (std::isinf(maxAbs))
        QVERIFY(std::isinf(r.maxAbs));
    else
        QVERIFY2(std::fabs(r.maxAbs - maxAbs) < 1e-6, qPrintable(QString::number(r.maxAbs, 'g', 12)));
    QVERIFY2(std::fabs(r.maxRel - maxRel) < 1e-6, qPrintable(QString::number(r.maxRel, 'g', 12)));
    QVERIFY2(std::fabs(r.meanAbs - meanAbs) < 1e-6, qPrintable(QString::number(r.meanAbs, 'g', 12)));
    QCOMPARE(r.mismatches, mismatches);
    QCOMPARE(r.worstIndex, worst);
    QCOMPARE(r.pass, pass);
    QCOMPARE(r.elements, qint64(reference.size()));
}

void TestAccuracy::incomparable()
{
    const TensorAccuracy sizes = compareTensors(floats({ 1, 2, 3 }), floats({ 1, 2 }), {});
    QVERIFY(!sizes.pass);
    QVERIFY2(sizes.problem.contains(QStringLiteral("holds 3 elements [3], the actual output 2 [2]")),
        qPrintable(sizes.problem));
    // Same count, other shape: compared in order, and said.
    const TensorAccuracy reshaped = compareTensors(floats({ 1, 2, 3, 4 }, { 2, 2 }), floats({ 1, 2, 3, 4 }, { 4 }), {});
    QVERIFY(reshaped.pass);
    QVERIFY(reshaped.note.contains(QStringLiteral("shapes differ")));
    // Integer tensors compare as numbers.
    HostTensor ints;
    ints.elemType = kInt64;
    ints.shape = { 2 };
    const qint64 values[2] = { 7, 9 };
    ints.data = QByteArray(reinterpret_cast<const char*>(values), 16);
    const TensorAccuracy same = compareTensors(ints, ints, {});
    QVERIFY(same.pass);
    QCOMPARE(same.dtype, QStringLiteral("int64"));
    // float64 near 1e200: the cosine must not overflow into NaN.
    HostTensor big;
    big.elemType = 11; // double
    big.shape = { 2 };
    const double bigValues[2] = { 1e200, -3e200 };
    big.data = QByteArray(reinterpret_cast<const char*>(bigValues), 16);
    const TensorAccuracy huge = compareTensors(big, big, {});
    QVERIFY2(huge.pass && std::fabs(huge.cosine - 1.0) < 1e-12, qPrintable(QString::number(huge.cosine)));
    // The fp16 rounding of an OM output stays within the default tolerance.
    const QList<float> ref { 0.1f, -1.2345f, 3.14159f, 100.7f };
    const TensorAccuracy fp16 = compareTensors(floats(ref), halves(ref), {});
    QVERIFY2(fp16.pass, qPrintable(QString::number(fp16.maxAbs)));
    QVERIFY(fp16.maxAbs > 0.0);
}

void TestAccuracy::rawOutputs()
{
    QTemporaryDir dir;
    const HostTensor ref = floats({ 1.5f, -2.0f, 0.25f }, { 1, 3 });
    // The same bytes as float32.
    QVERIFY(writeBytes(dir.filePath("f32.bin"), ref.data));
    QString note;
    auto f32 = readRawOutput(dir.filePath("f32.bin"), ref, &note);
    QVERIFY(f32.ok());
    QCOMPARE(f32.value().elemType, kFloat);
    QCOMPARE(f32.value().shape, ref.shape);
    QVERIFY(note.isEmpty());
    // Half the bytes: an FP16 OM output.
    QVERIFY(writeBytes(dir.filePath("f16.bin"), halves({ 1.5f, -2.0f, 0.25f }).data));
    auto f16 = readRawOutput(dir.filePath("f16.bin"), ref, &note);
    QVERIFY(f16.ok());
    QCOMPARE(f16.value().elemType, kFloat16);
    QVERIFY(note.contains(QStringLiteral("--output_type=FP16")));
    QVERIFY(compareTensors(ref, f16.value(), {}).pass);
    // Anything else: which file, how many bytes, what was expected.
    // ATC's int32 output against an int64 reference.
    HostTensor indices;
    indices.name = QStringLiteral("indices");
    indices.elemType = kInt64;
    indices.shape = { 3 };
    const qint64 i64[3] = { 4, 0, 7 };
    indices.data = QByteArray(reinterpret_cast<const char*>(i64), 24);
    const qint32 i32[3] = { 4, 0, 7 };
    QVERIFY(writeBytes(dir.filePath("i32.bin"), QByteArray(reinterpret_cast<const char*>(i32), 12)));
    auto asInt32 = readRawOutput(dir.filePath("i32.bin"), indices, &note);
    QVERIFY(asInt32.ok());
    QVERIFY(note.contains(QStringLiteral("int32")));
    QVERIFY(compareTensors(indices, asInt32.value(), {}).pass);
    QVERIFY(writeBytes(dir.filePath("bad.bin"), QByteArray(5, '\0')));
    auto bad = readRawOutput(dir.filePath("bad.bin"), ref, &note);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, QStringLiteral("size_mismatch"));
    QVERIFY2(bad.error().message.contains(QStringLiteral("holds 5 bytes"))
            && bad.error().message.contains(QStringLiteral("needs 12")),
        qPrintable(bad.error().message));
}

void TestAccuracy::folders()
{
    QTemporaryDir dir;
    const QString ref = dir.filePath("ref"), om = dir.filePath("om"), msame = dir.filePath("msame");
    for (const QString& d : { ref, om, msame })
        QVERIFY(QDir().mkpath(d));
    const HostTensor boxes = floats({ 1, 2, 3, 4 }, { 1, 4 }, QStringLiteral("boxes"));
    const HostTensor scores = floats({ 0.9f, 0.1f }, { 1, 2 }, QStringLiteral("scores"));
    QVERIFY(writeTensorFile(boxes, ref + "/output_0.pb").ok());
    QVERIFY(writeTensorFile(scores, ref + "/output_1.pb").ok());
    QVERIFY(writeBytes(ref + "/input_0.pb", "not an output")); // ignored
    // om-runner's names, the second output wrong.
    QVERIFY(writeBytes(om + "/output_0.bin", boxes.data));
    QVERIFY(writeBytes(om + "/output_1.bin", floats({ 0.1f, 0.9f }).data));
    auto report = compareOutputs(ref, om, {});
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
    QCOMPARE(report.value().outputs.size(), 2);
    QVERIFY(!report.value().pass);
    QVERIFY(report.value().outputs.at(0).pass);
    QCOMPARE(report.value().outputs.at(0).name, QStringLiteral("boxes"));
    QCOMPARE(report.value().outputs.at(0).actualFile, om + "/output_0.bin");
    QVERIFY(!report.value().outputs.at(1).pass);
    QCOMPARE(report.value().outputs.at(1).index, 1);
    // msame's names (<model>_output_N.bin), only the first output: the second is a failed entry with the reason.
    QVERIFY(writeBytes(msame + "/resnet_output_0.bin", boxes.data));
    auto partial = compareOutputs(ref, msame, {});
    QVERIFY(partial.ok());
    QVERIFY(partial.value().outputs.at(0).pass);
    QVERIFY(partial.value().outputs.at(1).problem.contains(QStringLiteral("No actual output 1")));
    QVERIFY(!partial.value().pass);
    // Single files; a reference file keeps its N.
    auto single = compareOutputs(ref + "/output_0.pb", om + "/output_0.bin", {});
    QVERIFY(single.ok());
    QVERIFY(single.value().pass);
    auto second = compareOutputs(ref + "/output_1.pb", om + "/output_1.bin", {});
    QVERIFY(second.ok());
    QCOMPARE(second.value().outputs.first().index, 1);
    auto againstFolder = compareOutputs(ref + "/output_1.pb", om, {});
    QVERIFY(againstFolder.ok());
    QCOMPARE(againstFolder.value().outputs.first().actualFile, om + "/output_1.bin");

    // One folder for both runs: its .pb are the reference, its .bin the run to check.
    const QString shared = dir.filePath("shared");
    QVERIFY(QDir().mkpath(shared));
    QVERIFY(writeTensorFile(boxes, shared + "/output_0.pb").ok());
    auto alone = compareOutputs(shared, shared, {});
    QCOMPARE(alone.error().code, QStringLiteral("same_folder")); // nothing to check yet: not a pass against itself
    QVERIFY(writeBytes(shared + "/output_0.bin", boxes.data));
    auto both = compareOutputs(shared, shared, {});
    QVERIFY(both.ok());
    QCOMPARE(both.value().outputs.first().actualFile, shared + "/output_0.bin");
    QVERIFY(both.value().pass);

    // msame and ais_bench write into a timestamped subfolder of --output.
    const QString tool = dir.filePath("ais");
    QVERIFY(QDir().mkpath(tool + "/2026_11_26-10_00_00"));
    QVERIFY(writeBytes(tool + "/2026_11_26-10_00_00/resnet_0.bin", boxes.data));
    QVERIFY(writeBytes(tool + "/2026_11_26-10_00_00/resnet_1.bin", scores.data));
    auto nested = compareOutputs(ref, tool, {});
    QVERIFY(nested.ok());
    QVERIFY(nested.value().pass);
}

void TestAccuracy::folderErrors()
{
    QTemporaryDir dir;
    QVERIFY(QDir().mkpath(dir.filePath("empty")));
    QVERIFY(QDir().mkpath(dir.filePath("twice")));
    QCOMPARE(compareOutputs(dir.filePath("nope"), dir.path(), {}).error().code, QStringLiteral("not_found"));
    const auto none = compareOutputs(dir.filePath("empty"), dir.path(), {});
    QCOMPARE(none.error().code, QStringLiteral("no_outputs"));
    QVERIFY(none.error().message.contains(QStringLiteral("--output-dir")));
    QVERIFY(writeTensorFile(floats({ 1 }), dir.filePath("empty/output_0.pb")).ok());
    // Not-compared entries carry null metrics in JSON, not zeros.
    auto missing = compareOutputs(dir.filePath("empty"), dir.filePath("twice"), {}); // "twice" is still empty here
    QVERIFY(missing.ok());
    const QJsonObject notCompared = accuracyToJson(missing.value()).value("outputs").toArray().first().toObject();
    QVERIFY(notCompared.value("cosine").isNull() && notCompared.value("max_abs").isNull());
    QVERIFY(notCompared.value("mismatches").isNull());
    QVERIFY(notCompared.value("problem").toString().contains(QStringLiteral("No actual output 0")));
    QVERIFY(writeBytes(dir.filePath("twice/a_0.bin"), floats({ 1 }).data));
    QVERIFY(writeBytes(dir.filePath("twice/b_0.bin"), floats({ 1 }).data));
    const auto twice = compareOutputs(dir.filePath("empty"), dir.filePath("twice"), {});
    QCOMPARE(twice.error().code, QStringLiteral("ambiguous"));
    QVERIFY(writeBytes(dir.filePath("junk.pb"), "junk"));
    QCOMPARE(compareOutputs(dir.filePath("junk.pb"), dir.filePath("junk.pb"), {}).error().code,
        QStringLiteral("bad_tensor_file"));
}

void TestAccuracy::json()
{
    AccuracyReport report;
    report.outputs.append(compareTensors(floats({ 1, 2 }), floats({ 1, float(kNaN) }), {}));
    report.outputs.first().index = 0;
    const QJsonObject o = accuracyToJson(report);
    QCOMPARE(o.value("pass").toBool(), false);
    QCOMPARE(o.value("tolerance").toObject().value("min_cosine").toDouble(), 0.99);
    const QJsonObject out = o.value("outputs").toArray().first().toObject();
    QVERIFY(out.value("max_abs").isNull()); // infinity has no JSON form
    QCOMPARE(out.value("mismatches").toInteger(), 1);
    QCOMPARE(out.value("worst_index").toInteger(), 1);
    QVERIFY(!out.contains("problem"));
    QVERIFY(out.value("actual").isNull());
}

void TestAccuracy::cli()
{
    QTemporaryDir dir;
    QVERIFY(QDir().mkpath(dir.filePath("ref")) && QDir().mkpath(dir.filePath("om")));
    const HostTensor t = floats({ 1, 2, 3 }, { 3 }, QStringLiteral("logits"));
    QVERIFY(writeTensorFile(t, dir.filePath("ref/output_0.pb")).ok());
    QVERIFY(writeBytes(dir.filePath("om/output_0.bin"), halves({ 1, 2, 3.004f }).data));
    auto run = [&](const QStringList& args, QByteArray* out) {
        const wbtest::ProgramRun r = wbtest::runAtcwb(QStringList { QStringLiteral("compare") } + args);
        *out = r.out + r.err;
        return r.code;
    };
    QByteArray out;
    QCOMPARE(run({ dir.filePath("ref"), dir.filePath("om"), "--json" }, &out), 0);
    const QJsonObject o = QJsonDocument::fromJson(out).object();
    QVERIFY2(o.value("pass").toBool(), out.constData());
    const QJsonObject first = o.value("outputs").toArray().first().toObject();
    QCOMPARE(first.value("name").toString(), QStringLiteral("logits"));
    QVERIFY(first.value("note").toString().contains("float16"));
    QVERIFY(first.value("cosine").toDouble() > 0.9999);
    // Stricter than the fp16 rounding: fails, exit 1, and the text says where.
    QCOMPARE(run({ dir.filePath("ref"), dir.filePath("om"), "--atol", "0", "--rtol", "0" }, &out), 1);
    QVERIFY2(out.contains("FAIL output 0 logits (float32, 3 elements)"), out.constData());
    QVERIFY(out.contains("1 element(s) out of tolerance"));
    // Usage and input errors.
    QCOMPARE(run({ dir.filePath("ref") }, &out), 2);
    QCOMPARE(run({ dir.filePath("ref"), dir.filePath("om"), "--min-cosine", "2" }, &out), 2);
    QCOMPARE(run({ dir.filePath("nope"), dir.filePath("om"), "--json" }, &out), 1);
    QCOMPARE(QJsonDocument::fromJson(out).object().value("error").toObject().value("code").toString(),
        QStringLiteral("not_found"));
}

void TestAccuracy::cpuRunAgainstItself()
{
    // The real chain: ONNX Runtime saves output_N.pb with `bench --output-dir`, compare reads them back.
    WB_REQUIRE_ORT();
    QTemporaryDir dir;
    auto run = [&](const QStringList& args) {
        return wbtest::runAtcwb(args, QProcessEnvironment::systemEnvironment(), {}, 120000).code;
    };
    const QString model = QStringLiteral(WB_TEST_MODELS_DIR "/resnet_static.onnx");
    for (const char* name : { "a", "b" })
        QCOMPARE(run({ "bench", model, "--loops", "1", "--warmup", "0", "--input", "random", "--no-save",
                     "--output-dir", dir.filePath(QString::fromLatin1(name)), "--json" }),
            0);
    auto same = compareOutputs(dir.filePath("a"), dir.filePath("b"), {});
    QVERIFY2(same.ok(), qPrintable(same.ok() ? QString() : same.error().message));
    QCOMPARE(same.value().outputs.size(), 1);
    QVERIFY(same.value().pass); // seeded random inputs: the same outputs twice
    QCOMPARE(same.value().outputs.first().maxAbs, 0.0);
    // The same run against zero inputs is a different answer.
    QCOMPARE(run({ "bench", model, "--loops", "1", "--warmup", "0", "--no-save", "--output-dir", dir.filePath("zeros"),
                 "--json" }),
        0);
    auto other = compareOutputs(dir.filePath("a"), dir.filePath("zeros"), {});
    QVERIFY(other.ok());
    QVERIFY(!other.value().pass);
}

WB_TEST_GUILESS_MAIN(TestAccuracy)
#include "tst_accuracy.moc"
