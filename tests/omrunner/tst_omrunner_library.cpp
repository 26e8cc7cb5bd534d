// How om-runner finds and loads libascendcl.so: the search order, --lib, a library that is missing, not
// loadable or lacks a call, and that om-runner itself needs nothing beyond libc to be copied to a board.
#include "omrunnertest.h"

#include <QJsonArray>

using namespace wbtest;

class TestOmRunnerLibrary : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void librarySearch_data();
    void librarySearch();
    void selfContained();
    void libraryNotFound();
    void libraryNotLoadable_data();
    void libraryNotLoadable();
    void missingSymbol();

private:
    QTemporaryDir m_dir;
    QString m_model;
};

void TestOmRunnerLibrary::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = m_dir.filePath("model.om");
    QVERIFY(writeOm(m_model));
}

void TestOmRunnerLibrary::librarySearch_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("explicitFolder"); // --lib <folder> instead of a variable

    const QString lib64 = QFileInfo(fakeAcl()).absolutePath();
    const QString toolkit = QFileInfo(lib64).absolutePath();
    QTest::newRow("ASCEND_TOOLKIT_HOME") << "ASCEND_TOOLKIT_HOME" << toolkit << false;
    QTest::newRow("ASCEND_HOME_PATH") << "ASCEND_HOME_PATH" << toolkit << false;
    QTest::newRow("LD_LIBRARY_PATH") << "LD_LIBRARY_PATH" << lib64 << false;
    QTest::newRow("--lib folder") << "" << lib64 << true;
}

void TestOmRunnerLibrary::librarySearch()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(bool, explicitFolder);

    QStringList args { "--model", m_model, "--loops", "1", "--warmup", "0" };
    Env env;
    if (explicitFolder)
        args << "--lib" << value;
    else
        env << qMakePair(variable, value);
    if (variable == "ASCEND_HOME_PATH")
        env << qMakePair(QString("ASCEND_TOOLKIT_HOME"), m_dir.filePath("no-toolkit-here")); // searched first
    OmRun run(args, env);
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 0);
    QCOMPARE(QFileInfo(run.first("start").value("library").toString()).canonicalFilePath(),
        QFileInfo(fakeAcl()).canonicalFilePath());
}

// It is copied to boards on its own: no Qt, and the C++ runtime linked in (except in sanitizer builds).
void TestOmRunnerLibrary::selfContained()
{
    QProcess readelf;
#ifdef WB_OM_RUNNER_FILE // the aarch64 build runs through a qemu wrapper script: read the binary itself
    readelf.start("readelf", { "-d", QStringLiteral(WB_OM_RUNNER_FILE) });
#else
    readelf.start("readelf", { "-d", omRunner() });
#endif
    if (!readelf.waitForStarted(5000))
        QSKIP("readelf is not installed");
    QVERIFY(readelf.waitForFinished(10000));
    const QString dynamic = QString::fromUtf8(readelf.readAllStandardOutput());
    QVERIFY2(dynamic.contains("NEEDED"), qPrintable(dynamic));
    if (dynamic.contains("libasan"))
        QSKIP("sanitizer build links its runtime");
    QVERIFY2(!dynamic.contains("Qt6"), qPrintable(dynamic));
    QVERIFY2(!dynamic.contains("libstdc++"), qPrintable(dynamic));
    QVERIFY2(!dynamic.contains("ascendcl"), qPrintable(dynamic));
}

void TestOmRunnerLibrary::libraryNotFound()
{
    if (QFileInfo::exists("/usr/local/Ascend"))
        QSKIP("a real Ascend installation is present");
    const QString toolkit = m_dir.filePath("toolkit");
    const QString home = m_dir.filePath("home");
    OmRun run({ "--model", m_model },
        { { "ASCEND_TOOLKIT_HOME", toolkit }, { "ASCEND_HOME_PATH", home }, { "LD_LIBRARY_PATH", "" } });
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 3);
    const QJsonObject error = run.first("error");
    QCOMPARE(error.value("kind").toString(), QString("library"));
    QStringList tried;
    for (const QJsonValue attempt : error.value("tried").toArray()) {
        tried << attempt.toObject().value("path").toString();
        QVERIFY(!attempt.toObject().value("error").toString().isEmpty());
    }
    const QStringList expected { toolkit + "/lib64/libascendcl.so", home + "/lib64/libascendcl.so",
        "/usr/local/Ascend/ascend-toolkit/latest/lib64/libascendcl.so",
        "/usr/local/Ascend/nnrt/latest/lib64/libascendcl.so", "libascendcl.so" };
    QCOMPARE(tried, expected);
    const QString message = error.value("message").toString();
    QVERIFY2(message.contains("set_env.sh") && message.contains("--lib"), qPrintable(message));
    for (const QString& path : expected)
        QVERIFY2(message.contains(path), qPrintable(message));
    QVERIFY(QString::fromUtf8(run.err).contains(toolkit + "/lib64/libascendcl.so"));
    QCOMPARE(run.log(), QStringList()); // no AscendCL call was made
}

void TestOmRunnerLibrary::libraryNotLoadable_data()
{
    QTest::addColumn<QString>("lib");
    QTest::addColumn<QString>("dlerror");
    QTest::newRow("missing file") << m_dir.filePath("nowhere/libascendcl.so") << "No such file";
    QTest::newRow("not a library") << m_model << "ELF"; // dlopen: "invalid ELF header" / "file too short"
}

void TestOmRunnerLibrary::libraryNotLoadable()
{
    QFETCH(QString, lib);
    QFETCH(QString, dlerror);
    OmRun run({ "--model", m_model, "--lib", lib }, { { "ASCEND_TOOLKIT_HOME", QFileInfo(fakeAcl()).absolutePath() } });
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 3);
    const QJsonArray tried = run.first("error").value("tried").toArray();
    QCOMPARE(tried.size(), 1); // --lib is the only candidate: no silent fallback
    QCOMPARE(tried.at(0).toObject().value("path").toString(), lib);
    QVERIFY2(tried.at(0).toObject().value("error").toString().contains(dlerror, Qt::CaseInsensitive),
        qPrintable(tried.at(0).toObject().value("error").toString()));
}

void TestOmRunnerLibrary::missingSymbol()
{
    OmRun run({ "--model", m_model, "--lib", QStringLiteral(WB_FAKE_ACL_NOEXEC) });
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 3);
    const QJsonObject error = run.first("error");
    QCOMPARE(error.value("kind").toString(), QString("symbol"));
    QCOMPARE(error.value("missing").toArray(), QJsonArray({ "aclmdlExecute" }));
    QCOMPARE(QFileInfo(error.value("library").toString()).canonicalFilePath(),
        QFileInfo(QStringLiteral(WB_FAKE_ACL_NOEXEC)).canonicalFilePath());
    const QString message = error.value("message").toString();
    QVERIFY2(message.contains("lacks aclmdlExecute") && message.contains("--lib"), qPrintable(message));
    QCOMPARE(run.log(), QStringList());
}

QTEST_GUILESS_MAIN(TestOmRunnerLibrary)
#include "tst_omrunner_library.moc"
