// The CPU reference run against ONNX's own expected outputs: libonnx-testdata node tests, fed their
// test_data_set_0/input_N.pb files, every output_N.pb compared (floats within tolerance, the rest exact). The
// picks cover float32, float16, float64, int8, uint8, int32, int64 and bool on both sides. Skips without ORT or
// without the data (WB_ONNX_TESTDATA_DIR points at another copy).
#include "reference/tensorfile.h"
#include "reftestutil.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace wb;

namespace {

QString nodeRoot()
{
    const QString env = qEnvironmentVariable("WB_ONNX_TESTDATA_DIR");
    return (env.isEmpty() ? QStringLiteral("/usr/share/libonnx-testdata/data") : env) + QStringLiteral("/node");
}

} // namespace

class TestCpuReferenceNodes : public QObject {
    Q_OBJECT

    QString m_skip; // why ORT or the data is not usable here

private slots:
    void initTestCase()
    {
        m_skip = wbtest::ortMissingReason();
        if (m_skip.isEmpty() && !QDir(nodeRoot()).exists())
            m_skip = QStringLiteral("libonnx-testdata is not installed (no %1)").arg(nodeRoot());
        if (!m_skip.isEmpty())
            WB_SKIP_MISSING(m_skip); // skips every test of this file, with the reason once
    }

    void matchesOnnxExpectedOutputs_data()
    {
        QTest::addColumn<QString>("test");
        QTest::addColumn<double>("atol");
        for (const char* name :
            { "test_relu", "test_add", "test_conv_with_strides_padding", "test_matmul_2d", "test_gemm_default_no_bias",
                "test_softmax_axis_1", "test_maxpool_2d_default", "test_batchnorm_example",
                "test_cast_FLOAT_to_FLOAT16", "test_cast_FLOAT16_to_FLOAT", "test_cast_FLOAT_to_DOUBLE",
                "test_cast_DOUBLE_to_FLOAT", "test_clip_default_int8_inbounds", "test_add_uint8", "test_mul_uint8",
                "test_mod_mixed_sign_int32", "test_mod_int64_fmod", "test_gather_0", "test_argmax_default_axis_example",
                "test_equal", "test_less_equal", "test_and2d", "test_not_2d", "test_where_example" })
            QTest::newRow(name) << QString::fromLatin1(name) << 1e-4;
    }
    void matchesOnnxExpectedOutputs()
    {
        QFETCH(QString, test);
        QFETCH(double, atol);
        const QDir dir(nodeRoot() + QLatin1Char('/') + test);
        if (!dir.exists())
            QSKIP(qPrintable(QStringLiteral("%1 is not in this libonnx-testdata").arg(test)));
        const QString set = dir.filePath(QStringLiteral("test_data_set_0"));

        QTemporaryDir out;
        CpuRunOptions o;
        o.modelPath = dir.filePath(QStringLiteral("model.onnx"));
        o.fill = InputFill::Files;
        o.inputFiles = dataSetInputFiles(set).value();
        o.warmup = 0;
        o.iterations = 2;
        o.intraOpThreads = 1;
        o.outputDir = out.path();
        auto r = runOnCpu(o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().code + QStringLiteral(": ") + r.error().message));

        int compared = 0;
        for (int i = 0; QFile::exists(set + QStringLiteral("/output_%1.pb").arg(i)); ++i) {
            auto expected = readTensorFile(set + QStringLiteral("/output_%1.pb").arg(i));
            QVERIFY2(expected.ok(), qPrintable(expected.ok() ? QString() : expected.error().message));
            QVERIFY2(i < r.value().outputs.size(), "fewer outputs than the reference");
            const HostTensor& actual = r.value().outputs[i];
            // float16 results carry ~3 decimal digits.
            const double tol = actual.elemType == 10 ? 1e-3 : atol;
            const QString diff = reftest::compareTensors(actual, expected.value(), tol, tol);
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("output %1 ('%2'): %3").arg(i).arg(actual.name, diff)));

            // The saved output_N.pb holds exactly what was returned.
            auto saved = readTensorFile(out.filePath(QStringLiteral("output_%1.pb").arg(i)));
            QVERIFY(saved.ok());
            QCOMPARE(saved.value(), actual);
            ++compared;
        }
        QCOMPARE(compared, r.value().outputs.size());
        QVERIFY(compared >= 1);
    }
};

WB_TEST_GUILESS_MAIN(TestCpuReferenceNodes)
#include "tst_cpureference_nodes.moc"
