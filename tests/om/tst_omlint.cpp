// OM findings on the fixture (tests/data/om/README.md) and on small variations of it.
#include "om/omlint.h"
#include "testutil.h"

#include <QTest>

using namespace wb;

class TestOmLint : public QObject {
    Q_OBJECT

private:
    OmModel m_om;

    static QStringList rules(const QList<AtcFinding>& findings)
    {
        QStringList r;
        for (const AtcFinding& f : findings)
            r.append(f.rule);
        return r;
    }

private slots:
    void initTestCase()
    {
        const Result<OmModel> om = readOmFile(QStringLiteral(WB_TEST_DATA_DIR "/om/two_inputs_310p3.json"));
        QVERIFY(om.ok());
        m_om = om.value();
    }

    void aiCpuAndInsertedConversions()
    {
        OmLintInput in;
        in.om = &m_om;
        const QList<AtcFinding> findings = lintOm(in);
        QCOMPARE(rules(findings),
            (QStringList {
                "om_ai_cpu_op", "om_inserted_conversion", "om_inserted_conversion", "om_inserted_conversion" }));
        const AtcFinding& cpu = findings.first();
        QCOMPARE(cpu.severity, AtcSeverity::Warning);
        QCOMPARE(cpu.nodes, QStringList { QStringLiteral("/fusion/concat/Concat") });
        QVERIFY(cpu.message.contains(QStringLiteral("ConcatD")));
        QVERIFY(cpu.fix.contains(QStringLiteral("--op_select_implmode")));
        QVERIFY(cpu.fix.contains(QStringLiteral("opset")));
        QVERIFY(cpu.fix.contains(QStringLiteral("custom")));
        // TransData between the pooling (AI Core) and the Concat (AI CPU): names both ONNX nodes.
        const AtcFinding& td = findings.at(1);
        QVERIFY2(td.message.contains(QStringLiteral("trans_TransData_2")), qPrintable(td.message));
        QVERIFY(td.message.contains(QStringLiteral("NC1HWC0 FLOAT16 -> NCHW FLOAT16")));
        QCOMPARE(td.nodes,
            (QStringList { QStringLiteral("/image/pool/GlobalAveragePool"), QStringLiteral("/fusion/concat/Concat") }));
        QVERIFY(findings.at(3).message.contains(QStringLiteral("trans_Cast_4")));
        QVERIFY(!findings.at(3).fix.isEmpty());
    }

    void socAndShapesAndAge_data()
    {
        QTest::addColumn<QString>("soc");
        QTest::addColumn<QString>("shape");
        QTest::addColumn<int>("onnxNewerBySeconds");
        QTest::addColumn<QStringList>("expected"); // rules other than AI CPU / inserted
        QTest::newRow("all agree") << "Ascend310P3"
                                   << "input_tensor_A:1,3,224,224;input_tensor_B:1,10" << -60 << QStringList {};
        QTest::newRow("soc case-insensitive") << "ascend310p3"
                                              << "" << 0 << QStringList {};
        QTest::newRow("other soc") << "Ascend910B3"
                                   << "" << 0 << QStringList { "om_soc_mismatch" };
        QTest::newRow("other batch") << ""
                                     << "input_tensor_A:8,3,224,224" << 0 << QStringList { "om_input_shape_mismatch" };
        QTest::newRow("dynamic recipe not compared") << ""
                                                     << "input_tensor_A:-1,3,224,224" << 0 << QStringList {};
        QTest::newRow("onnx newer") << ""
                                    << "" << 3600 << QStringList { "om_older_than_onnx" };
    }

    void socAndShapesAndAge()
    {
        QFETCH(QString, soc);
        QFETCH(QString, shape);
        QFETCH(int, onnxNewerBySeconds);
        QFETCH(QStringList, expected);
        OmModel om = m_om;
        om.source = OmModel::Source::OmFile; // as read from the .om: its file time is the conversion's
        OmLintInput in;
        in.om = &om;
        in.selectedSoc = soc;
        in.recipeInputShape = shape;
        in.omModified = QDateTime(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC);
        in.onnxModified = in.omModified.addSecs(onnxNewerBySeconds);
        in.onnxPath = QStringLiteral("two_inputs.onnx");
        QStringList got = rules(lintOm(in));
        got.removeAll(QStringLiteral("om_ai_cpu_op"));
        got.removeAll(QStringLiteral("om_inserted_conversion"));
        QCOMPARE(got, expected);
        for (const AtcFinding& f : lintOm(in))
            QVERIFY2(!f.fix.isEmpty(), qPrintable(f.rule));
        // The JSON of atc --mode=1: its file time is not the OM's, so the age is not compared.
        in.om = &m_om;
        QVERIFY(!rules(lintOm(in)).contains(QStringLiteral("om_older_than_onnx")));
    }
};

WB_TEST_APPLESS_MAIN(TestOmLint)
#include "tst_omlint.moc"
