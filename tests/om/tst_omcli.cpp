// `atcwb inspect` on OMs end to end through a real process: the JSON contract for an OM JSON and a generated .om,
// mapping to the source ONNX model (given, or found from atc_cmdline), the cross-check with the fake ATC, bad input.
#include "om/ommodel.h"
#include "omgen.h"
#include "testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace wb;

class TestOmCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_om; // a generated .om of the fixture's model, beside a copy of two_inputs.onnx
    const QString m_fixture = QStringLiteral(WB_TEST_DATA_DIR "/om/two_inputs_310p3.json");

    wbtest::ProgramRun atcwb(const QStringList& args, const QStringList& vars = {}) const
    {
        QProcessEnvironment env;
        env.insert("PATH", "/usr/bin:/bin");
        env.insert("HOME", m_dir.filePath("home"));
        env.insert("XDG_CONFIG_HOME", m_dir.filePath("config"));
        env.insert("WB_LOG_DIR", m_dir.filePath("logs"));
        for (const QString& v : vars)
            env.insert(v.section('=', 0, 0), v.section('=', 1));
        return wbtest::runProgram(WB_BIN_DIR "/atcwb", QStringList { "inspect" } + args, env);
    }

    static QJsonObject json(const wbtest::ProgramRun& run) { return QJsonDocument::fromJson(run.out).object(); }

private slots:
    void initTestCase()
    {
        const Result<OmModel> model = readOmFile(m_fixture);
        QVERIFY(model.ok());
        m_om = m_dir.filePath("two_inputs_310p3.om");
        QFile file(m_om);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(omgen::omFile(model.value()));
        file.close();
        // The OM's atc_cmdline says --model=two_inputs.onnx: put it beside the OM, older than the OM.
        QVERIFY(QFile::copy(wbtest::modelPath("two_inputs.onnx"), m_dir.filePath("two_inputs.onnx")));
        QFile onnx(m_dir.filePath("two_inputs.onnx"));
        QVERIFY(onnx.open(QIODevice::ReadWrite));
        QVERIFY(onnx.setFileTime(QDateTime::currentDateTimeUtc().addDays(-1), QFileDevice::FileModificationTime));
    }

    void omJsonContract()
    {
        const auto run = atcwb({ m_fixture, "--model", wbtest::modelPath("two_inputs.onnx"), "--json" });
        QVERIFY2(run.code == 0, qPrintable(run.all()));
        const QJsonObject o = json(run);
        QCOMPARE(o.value("kind").toString(), QString("om"));
        QCOMPARE(o.value("source").toString(), QString("atc_json"));
        QCOMPARE(o.value("soc_version").toString(), QString("Ascend310P3"));
        QCOMPARE(o.value("ops").toArray().size(), 16);
        QCOMPARE(o.value("engines").toObject().value("ai_cpu").toInt(), 1);
        const QJsonObject mapping = o.value("mapping").toObject();
        QCOMPARE(mapping.value("folded_away").toArray(), QJsonArray { "/image/flatten/Flatten" });
        QCOMPARE(mapping.value("no_origin").toArray().size(), 7);
        QCOMPARE(mapping.value("nodes").toObject().value("/image/stage1/bn/BatchNormalization").toArray(),
            QJsonArray { "/image/stage1/conv/Conv" });
        QStringList rules;
        for (const QJsonValue& f : o.value("findings").toArray())
            rules.append(f.toObject().value("rule").toString());
        QVERIFY2(rules.contains("om_ai_cpu_op"), qPrintable(rules.join(',')));
        QVERIFY(rules.contains("om_inserted_conversion"));
        QVERIFY(o.value("cross_check").isNull()); // a JSON is not cross-checked
    }

    // A binary .om: its source model found from atc_cmdline beside it, cross-checked with the fake ATC.
    void omFileWithToolkit()
    {
        const auto run = atcwb({ m_om, "--toolkit", WB_FAKE_ATC, "--json" }, { "FAKE_ATC_JSON=" + m_fixture });
        QVERIFY2(run.code == 0, qPrintable(run.all()));
        const QJsonObject o = json(run);
        QCOMPARE(o.value("source").toString(), QString("om"));
        QCOMPARE(o.value("partitions").toArray().size(), 3);
        QCOMPARE(o.value("mapping").toObject().value("onnx_model").toString(), m_dir.filePath("two_inputs.onnx"));
        const QJsonObject cross = o.value("cross_check").toObject();
        QVERIFY2(cross.value("agrees").toBool(), qPrintable(cross.value("message").toString()));
    }

    void atcFailingIsANote()
    {
        const auto run = atcwb({ m_om, "--toolkit", WB_FAKE_ATC, "--json" }, { "FAKE_ATC_JSON_RESULT=fail" });
        QVERIFY2(run.code == 0, qPrintable(run.all()));
        const QJsonObject cross = json(run).value("cross_check").toObject();
        QVERIFY(!cross.value("ran").toBool());
        QVERIFY2(cross.value("message").toString().contains("`atc --mode=1` failed"),
            qPrintable(cross.value("message").toString()));
    }

    void text()
    {
        const auto run = atcwb({ m_om });
        QVERIFY2(run.code == 0, qPrintable(run.all()));
        const QString out = QString::fromUtf8(run.out);
        QVERIFY2(out.contains("Engines:     AI Core 10, AI CPU 1, GE local 4, RTS 1, other 0"), qPrintable(out));
        QVERIFY(out.contains("/fusion/concat/Concat  ConcatD  ai_cpu"));
        QVERIFY(out.contains("block 8  <- /image/stage1/conv/Conv, /image/stage1/bn/BatchNormalization, "
                             "/image/stage1/relu/Relu  [ConvBatchnormFusionPass, TbeConvElemwiseFusionPass]\n"));
        QVERIFY2(!run.err.contains("Argument missing"), run.err.constData());
        QVERIFY(out.contains("folded away (/image/flatten/Flatten)"));
        QVERIFY(out.contains("warning om_ai_cpu_op"));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("PNG named .om") << QStringList { "png.om", "--json" } << "not_om"
                                       << "PNG image";
        QTest::newRow("truncated JSON") << QStringList { "cut.json", "--json" } << "bad_json"
                                        << "cut off";
        QTest::newRow("toolkit missing") << QStringList { "OM", "--toolkit", "/nonexistent/atc", "--json" }
                                         << "toolkit_missing"
                                         << "does not exist";
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, code);
        QFETCH(QString, says);
        QFile::remove(m_dir.filePath("png.om"));
        QVERIFY(QFile::copy(wbtest::modelPath("not_a_model.png"), m_dir.filePath("png.om")));
        QFile fixture(m_fixture);
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        QFile cut(m_dir.filePath("cut.json"));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(fixture.readAll().left(5000));
        cut.close();
        for (QString& a : args) {
            if (a == "OM")
                a = m_om;
            else if (a.endsWith(".om") || a.endsWith(".json"))
                a = m_dir.filePath(a);
        }
        const auto run = atcwb(args);
        QCOMPARE(run.code, 1);
        const QJsonObject error = json(run).value("error").toObject();
        QCOMPARE(error.value("code").toString(), code);
        QVERIFY2(error.value("message").toString().contains(says), qPrintable(run.all()));
    }
};

WB_TEST_GUILESS_MAIN(TestOmCli)
#include "tst_omcli.moc"
