// `atc --mode=1` as a cross-check, through the real ToolRunner against the fake ATC (tests/doubles/fake_atc):
// success (agrees), a differing JSON, ATC failing, writing garbage, hanging past the timeout.
#include "om/omcrosscheck.h"
#include "omgen.h"
#include "testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace wb;

class TestOmCrossCheck : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    OmModel m_om; // read back from an .om generated from the fixture's model
    const QString m_fixture = QStringLiteral(WB_TEST_DATA_DIR "/om/two_inputs_310p3.json");

    static AtcToolkit fakeToolkit()
    {
        AtcToolkit toolkit;
        toolkit.atcPath = QStringLiteral(WB_FAKE_ATC);
        toolkit.home = QFileInfo(toolkit.atcPath).absolutePath();
        toolkit.source = QStringLiteral("test");
        return toolkit;
    }

private slots:
    void initTestCase()
    {
        const Result<OmModel> json = readOmFile(m_fixture);
        QVERIFY(json.ok());
        const QString path = m_dir.filePath(QStringLiteral("two_inputs_310p3.om"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(omgen::omFile(json.value()));
        file.close();
        const Result<OmModel> om = readOmFile(path);
        QVERIFY(om.ok());
        m_om = om.value();
    }

    void cleanup()
    {
        for (const char* v : { "FAKE_ATC_MODE", "FAKE_ATC_JSON", "FAKE_ATC_JSON_RESULT" })
            qunsetenv(v);
    }

    void agrees()
    {
        qputenv("FAKE_ATC_JSON", m_fixture.toUtf8());
        const OmCrossCheck check = crossCheckWithAtc(m_om, fakeToolkit(), 30000);
        QVERIFY2(check.agrees(), qPrintable(check.message + check.differences.join(QLatin1Char('\n'))));
        QVERIFY(check.commandLine.contains(QStringLiteral("--mode=1")));
        QVERIFY(check.message.contains(QStringLiteral("agrees")));
    }

    void differs()
    {
        // The fake's default JSON: the header's name, no graph, no attributes.
        const OmCrossCheck check = crossCheckWithAtc(m_om, fakeToolkit(), 30000);
        QVERIFY(check.ran);
        QVERIFY(!check.agrees());
        QVERIFY(check.differences.contains(QStringLiteral("16 ops here, 0 in ATC's JSON")));
        QVERIFY(check.differences.first().startsWith(QStringLiteral("soc_version: Ascend310P3 here, (none)")));
    }

    void atcFails_data()
    {
        QTest::addColumn<QByteArray>("mode");
        QTest::addColumn<QByteArray>("result");
        QTest::addColumn<QString>("says");
        QTest::newRow("ATC fails") << QByteArray() << QByteArray("fail") << "exited with code 255";
        QTest::newRow("ATC writes garbage") << QByteArray() << QByteArray("garbage") << "cannot be read";
        QTest::newRow("ATC crashes") << QByteArray("crash") << QByteArray() << "atc";
    }

    void atcFails()
    {
        QFETCH(QByteArray, mode);
        QFETCH(QByteArray, result);
        QFETCH(QString, says);
        if (!mode.isEmpty())
            qputenv("FAKE_ATC_MODE", mode);
        if (!result.isEmpty())
            qputenv("FAKE_ATC_JSON_RESULT", result);
        const OmCrossCheck check = crossCheckWithAtc(m_om, fakeToolkit(), 30000);
        QVERIFY(!check.ran);
        QVERIFY(!check.agrees());
        QVERIFY2(check.message.contains(says), qPrintable(check.message));
    }

    void atcHangs()
    {
        qputenv("FAKE_ATC_MODE", "hang");
        const OmCrossCheck check = crossCheckWithAtc(m_om, fakeToolkit(), 1500);
        QVERIFY(!check.ran);
        QCOMPARE(check.result.kind, ToolResult::Kind::TimedOut);
        QVERIFY2(check.message.contains(QStringLiteral("did not finish within 1 s")), qPrintable(check.message));
    }

    void noToolkit()
    {
        const OmCrossCheck check = crossCheckWithAtc(m_om, AtcToolkit {});
        QVERIFY(!check.ran);
        QVERIFY(check.message.contains(QStringLiteral("no toolkit")));
    }
};

WB_TEST_GUILESS_MAIN(TestOmCrossCheck)
#include "tst_omcrosscheck.moc"
