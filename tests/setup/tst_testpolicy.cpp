// The test suite's own rules (tests/testutil.h): a test that skips for a missing requirement is reported by ctest as
// skipped, never passed, and fails in CI; a failure always wins over a skip; WB_UPDATE_GOLDEN=1 rewrites a golden
// file and still fails, and is refused in CI. Driven through skippolicy_probe, and the ctest wiring of the real
// programs that need ONNX Runtime.
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kProbe = QStringLiteral(WB_SKIP_PROBE);

// This process's environment without the variables the policy reads, plus `vars`.
QProcessEnvironment probeEnv(const QStringList& vars)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : { "CI", "WB_UPDATE_GOLDEN", "PROBE_MISSING", "PROBE_FAIL", "PROBE_GOLDEN" })
        env.remove(QString::fromLatin1(name));
    for (const QString& v : vars)
        env.insert(v.section(QLatin1Char('='), 0, 0), v.section(QLatin1Char('='), 1));
    return env;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestTestPolicy : public QObject {
    Q_OBJECT
private slots:
    void exitStatus_data();
    void exitStatus();
    void ctestReportsSkipped();
    void updateGoldenFails();
    void updateGoldenRefusedInCi();
    void ortTestsAreWired();
};

void TestTestPolicy::exitStatus_data()
{
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("says");
    QTest::newRow("all there") << QStringList() << 0 << QString();
    QTest::newRow("missing, outside CI: a skip")
        << QStringList { "PROBE_MISSING=1" } << 77 << "the probe's requirement is missing";
    QTest::newRow("CI=false is not CI") << QStringList { "PROBE_MISSING=1", "CI=false" } << 77 << "SKIP";
    QTest::newRow("missing in CI: a failure")
        << QStringList { "PROBE_MISSING=1", "CI=true" } << 1
        << "required in CI (CI is set), so this is a failure, not a skip: the probe's requirement is missing";
    QTest::newRow("a failure wins over a skip")
        << QStringList { "PROBE_MISSING=1", "PROBE_FAIL=1" } << 1 << "asked to fail";
    QTest::newRow("a failure alone") << QStringList { "PROBE_FAIL=1" } << 1 << "asked to fail";
}

void TestTestPolicy::exitStatus()
{
    QFETCH(QStringList, env);
    QFETCH(int, code);
    QFETCH(QString, says);
    const wbtest::ProgramRun run = wbtest::runProgram(kProbe, {}, probeEnv(env));
    QVERIFY2(run.code == code,
        qPrintable(QStringLiteral("exit %1, expected %2:\n%3").arg(run.code).arg(code).arg(run.all())));
    QVERIFY2(run.all().contains(says), qPrintable(run.all()));
}

void TestTestPolicy::ctestReportsSkipped()
{
    // The probe as ctest sees a test whose program uses WB_TEST_*MAIN (wb_add_test sets SKIP_RETURN_CODE 77).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray testfile = "add_test(probe \"" + kProbe.toUtf8() + "\")\n"
        + "set_tests_properties(probe PROPERTIES SKIP_RETURN_CODE 77 ENVIRONMENT \"PROBE_MISSING=1\")\n";
    QVERIFY(writeAll(dir.filePath(QStringLiteral("CTestTestfile.cmake")), testfile));
    const wbtest::ProgramRun skipped = wbtest::runProgram(
        QStringLiteral(WB_CTEST), { QStringLiteral("--output-on-failure") }, probeEnv({}), dir.path());
    QVERIFY2(skipped.code == 0, qPrintable(skipped.all()));
    QVERIFY2(skipped.all().contains(QStringLiteral("probe (Skipped)")), qPrintable(skipped.all()));
    QVERIFY2(!skipped.all().contains(QStringLiteral("Passed")), qPrintable(skipped.all()));

    const wbtest::ProgramRun failed = wbtest::runProgram(
        QStringLiteral(WB_CTEST), { QStringLiteral("--output-on-failure") }, probeEnv({ "PROBE_FAIL=1" }), dir.path());
    QVERIFY2(failed.code != 0, qPrintable(failed.all()));
    QVERIFY2(failed.all().contains(QStringLiteral("probe (Failed)")), qPrintable(failed.all()));
}

void TestTestPolicy::updateGoldenFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString golden = dir.filePath(QStringLiteral("probe.expected.txt"));
    QVERIFY(writeAll(golden, "old output\n"));

    // Rewritten, and still a failure that names the file.
    wbtest::ProgramRun run
        = wbtest::runProgram(kProbe, {}, probeEnv({ "WB_UPDATE_GOLDEN=1", "PROBE_GOLDEN=" + golden }));
    QVERIFY2(run.code == 1, qPrintable(run.all()));
    QVERIFY2(run.all().contains(QStringLiteral("WB_UPDATE_GOLDEN is set: rewrote ") + golden), qPrintable(run.all()));
    QCOMPARE(readAll(golden), QByteArray("probe output\n"));

    // Up to date: still a failure while WB_UPDATE_GOLDEN is set.
    run = wbtest::runProgram(kProbe, {}, probeEnv({ "WB_UPDATE_GOLDEN=1", "PROBE_GOLDEN=" + golden }));
    QVERIFY2(run.code == 1, qPrintable(run.all()));
    QVERIFY2(run.all().contains(QStringLiteral("already up to date")), qPrintable(run.all()));

    // Without it the rewritten file passes; WB_UPDATE_GOLDEN=0 is "not set".
    run = wbtest::runProgram(kProbe, {}, probeEnv({ "WB_UPDATE_GOLDEN=0", "PROBE_GOLDEN=" + golden }));
    QVERIFY2(run.code == 0, qPrintable(run.all()));
}

void TestTestPolicy::updateGoldenRefusedInCi()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString golden = dir.filePath(QStringLiteral("probe.expected.txt"));
    QVERIFY(writeAll(golden, "old output\n"));
    const wbtest::ProgramRun run
        = wbtest::runProgram(kProbe, {}, probeEnv({ "CI=true", "WB_UPDATE_GOLDEN=1", "PROBE_GOLDEN=" + golden }));
    QVERIFY2(run.code == 1, qPrintable(run.all()));
    QVERIFY2(run.all().contains(QStringLiteral("golden files are never rewritten in CI")), qPrintable(run.all()));
    QCOMPARE(readAll(golden), QByteArray("old output\n"));
}

void TestTestPolicy::ortTestsAreWired()
{
    // Every program that needs ONNX Runtime skips through WB_SKIP_MISSING and is reported as skipped by ctest.
    const wbtest::ProgramRun run = wbtest::runProgram(QStringLiteral(WB_CTEST),
        { QStringLiteral("--show-only=json-v1") }, probeEnv({}), QStringLiteral(WB_BUILD_DIR));
    QVERIFY2(run.code == 0, qPrintable(run.all()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QHash<QString, int> skipCode;
    for (const QJsonValue& test : doc.object().value(QStringLiteral("tests")).toArray()) {
        int code = -1;
        for (const QJsonValue& property : test.toObject().value(QStringLiteral("properties")).toArray()) {
            if (property.toObject().value(QStringLiteral("name")).toString() == QLatin1String("SKIP_RETURN_CODE"))
                code = property.toObject().value(QStringLiteral("value")).toInt();
        }
        skipCode.insert(test.toObject().value(QStringLiteral("name")).toString(), code);
    }
    const QStringList needOrt { "tst_ortloader", "tst_cpurunner", "tst_cpureference_nodes", "tst_accuracy",
        "tst_groundtruth", "tst_benchcpu", "tst_benchcli", "tst_atcopcheck", "tst_simplify", "tst_workflowui" };
    for (const QString& name : needOrt) {
        QVERIFY2(skipCode.contains(name), qPrintable(name + QStringLiteral(" is not in this build")));
        QVERIFY2(skipCode.value(name) == wbtest::kSkipExitCode, qPrintable(name));
    }
    QCOMPARE(skipCode.value(QStringLiteral("tst_shapespec"), -2), -1); // a plain QTEST_MAIN program: none
}

QTEST_GUILESS_MAIN(TestTestPolicy)
#include "tst_testpolicy.moc"
