// om-runner's failure paths against the fake libascendcl.so: every injected AscendCL failure, a failure mid-run
// and in teardown, bad model and input files, bad gears and bad usage (library problems: tst_omrunner_library). Each
// must give the documented exit code, one error event with a readable message, and a complete reverse teardown.
#include "omrunnertest.h"

#include <QJsonArray>

using namespace wbtest;

class TestOmRunnerErrors : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aclFailure_data();
    void aclFailure();
    void failsMidRun();
    void teardownFailureIsAWarning();
    void gearQueryFailureIsAWarning();
    void badModelFile_data();
    void badModelFile();
    void badGear_data();
    void badGear();
    void badInput_data();
    void badInput();
    void badUsage_data();
    void badUsage();

private:
    QTemporaryDir m_dir;
    QString m_model;
};

void TestOmRunnerErrors::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = m_dir.filePath("model.om");
    QVERIFY(writeOm(m_model));
}

void TestOmRunnerErrors::aclFailure_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<int>("code"); // 0: the call returns NULL, which has no code
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<QString>("gears"); // FAKE_ACL_DYNAMIC_BATCH

    QTest::newRow("aclInit") << "aclInit" << 500001 << "ACL_ERROR_FAILURE"
                             << "general failure"
                             << "";
    QTest::newRow("aclrtSetDevice") << "aclrtSetDevice" << 200002 << "ACL_ERROR_INVALID_DEVICE"
                                    << "npu-smi info"
                                    << "";
    QTest::newRow("aclrtCreateContext") << "aclrtCreateContext" << 200000 << "ACL_ERROR_BAD_ALLOC"
                                        << "Out of memory"
                                        << "";
    QTest::newRow("aclrtCreateStream") << "aclrtCreateStream" << 500003 << "ACL_ERROR_RT_FAILURE"
                                       << "runtime failed"
                                       << "";
    QTest::newRow("aclrtGetRunMode") << "aclrtGetRunMode" << 100000 << "ACL_ERROR_INVALID_PARAM"
                                     << "parameter"
                                     << "";
    QTest::newRow("aclmdlLoadFromFile invalid file") << "aclmdlLoadFromFile" << 100003 << "ACL_ERROR_INVALID_FILE"
                                                     << "not a valid OM"
                                                     << "";
    QTest::newRow("aclmdlLoadFromFile other CANN") << "aclmdlLoadFromFile" << 100012 << "ACL_ERROR_DESERIALIZE_MODEL"
                                                   << "different CANN/ATC version"
                                                   << "";
    QTest::newRow("aclmdlCreateDesc") << "aclmdlCreateDesc" << 0 << ""
                                      << "returned no object"
                                      << "";
    QTest::newRow("aclmdlGetDesc") << "aclmdlGetDesc" << 100011 << "ACL_ERROR_INVALID_MODEL_ID"
                                   << "not (or no longer) loaded"
                                   << "";
    QTest::newRow("aclmdlGetInputDims") << "aclmdlGetInputDims" << 100000 << "ACL_ERROR_INVALID_PARAM"
                                        << "parameter"
                                        << "";
    QTest::newRow("aclmdlGetInputIndexByName") << "aclmdlGetInputIndexByName" << 100000 << "ACL_ERROR_INVALID_PARAM"
                                               << "parameter"
                                               << "1,2,4,8";
    QTest::newRow("aclmdlCreateDataset") << "aclmdlCreateDataset" << 0 << ""
                                         << "returned no object"
                                         << "";
    QTest::newRow("aclrtMalloc") << "aclrtMalloc" << 200000 << "ACL_ERROR_BAD_ALLOC"
                                 << "smaller batch"
                                 << "";
    QTest::newRow("aclCreateDataBuffer") << "aclCreateDataBuffer" << 0 << ""
                                         << "returned no object"
                                         << "";
    QTest::newRow("aclmdlAddDatasetBuffer") << "aclmdlAddDatasetBuffer" << 100000 << "ACL_ERROR_INVALID_PARAM"
                                            << "parameter"
                                            << "";
    QTest::newRow("aclrtMemset") << "aclrtMemset" << 500004 << "ACL_ERROR_DRV_FAILURE"
                                 << "driver"
                                 << "";
    QTest::newRow("aclmdlSetDynamicBatchSize") << "aclmdlSetDynamicBatchSize" << 100019 << "ACL_ERROR_MODEL_NOT_DYNAMIC"
                                               << "--dynamic_batch_size"
                                               << "1,2,4,8";
    QTest::newRow("aclmdlExecute input mismatch") << "aclmdlExecute" << 100017 << "ACL_ERROR_MODEL_INPUT_NOT_MATCH"
                                                  << "do not match"
                                                  << "";
    QTest::newRow("aclmdlExecute unknown code") << "aclmdlExecute" << 507011 << "UNKNOWN"
                                                << "507011 is not in om-runner's table; its class is an internal error"
                                                << "";
}

void TestOmRunnerErrors::aclFailure()
{
    QFETCH(QString, call);
    QFETCH(int, code);
    QFETCH(QString, name);
    QFETCH(QString, messagePart);
    QFETCH(QString, gears);

    Env env { { "FAKE_ACL_FAIL", QString("%1:%2").arg(call).arg(code ? code : 1) } };
    if (!gears.isEmpty())
        env << qMakePair(QString("FAKE_ACL_DYNAMIC_BATCH"), gears);
    OmRun run(runArgs(m_model), env);
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 1);
    QCOMPARE(run.count("error"), 1);
    const QJsonObject error = run.first("error");
    QCOMPARE(error.value("kind").toString(), QString("acl"));
    QCOMPARE(error.value("call").toString(), call);
    const QString message = error.value("message").toString();
    QVERIFY2(message.contains(messagePart), qPrintable(message));
    const QString aclMessage = error.value("acl_message").toString();
    if (code != 0) {
        QCOMPARE(error.value("code").toInt(), code);
        QCOMPARE(error.value("name").toString(), name);
        QVERIFY2(aclMessage.contains(call) && aclMessage.contains(QString::number(code)), qPrintable(aclMessage));
    } else {
        QVERIFY(error.value("code").isNull());
        QVERIFY(error.value("name").isNull());
    }
    // The same sentence, for a person, on stderr.
    QVERIFY2(QString::fromUtf8(run.err).contains(call + " "), run.err.constData());
    QVERIFY2(QString::fromUtf8(run.err).contains(message.left(30)), run.err.constData());
    QCOMPARE(run.count("iteration"), 0);
    if (call == "aclmdlExecute") // it fails in the first warm-up: the summary shows that nothing was timed
        QCOMPARE(run.first("summary").value("iterations").toInt(), 0);
    else
        QCOMPARE(run.count("summary"), 0);
    WB_VERIFY_TEARDOWN(run);
}

void TestOmRunnerErrors::failsMidRun()
{
    OmRun run(runArgs(m_model, { "--loops", "20", "--warmup", "2" }),
        { { "FAKE_ACL_FAIL", "aclmdlExecute:507011:7" }, { "FAKE_ACL_ERR_MSG", "EE1001: the device stopped" } });
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 1);
    QCOMPARE(run.count("warmup"), 2);
    QCOMPARE(run.count("iteration"), 5);
    const QJsonObject error = run.first("error");
    QCOMPARE(error.value("acl_message").toString(), QString("EE1001: the device stopped"));
    const QJsonObject summary = run.first("summary");
    QCOMPARE(summary.value("iterations").toInt(), 5);
    QCOMPARE(summary.value("complete").toBool(), false);
    QVERIFY(summary.value("mean_ms").isDouble());
    WB_VERIFY_TEARDOWN(run);
}

void TestOmRunnerErrors::teardownFailureIsAWarning()
{
    OmRun run(runArgs(m_model), { { "FAKE_ACL_FAIL", "aclmdlUnload:100011" } });
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 0); // the measurement stands
    QCOMPARE(run.count("error"), 0);
    const QJsonObject warning = run.first("warning");
    QCOMPARE(warning.value("call").toString(), QString("aclmdlUnload"));
    QCOMPARE(warning.value("code").toInt(), 100011);
    QVERIFY(warning.value("message").toString().contains("tearing down"));
    QCOMPARE(run.first("summary").value("iterations").toInt(), 10);
    WB_VERIFY_TEARDOWN(run); // everything after the unload was still torn down
}

// Should a CANN release refuse aclmdlGetDynamicBatch on a static model, the run goes on without gears.
void TestOmRunnerErrors::gearQueryFailureIsAWarning()
{
    OmRun run(runArgs(m_model), { { "FAKE_ACL_FAIL", "aclmdlGetDynamicBatch:100000" } });
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 0);
    const QJsonObject warning = run.first("warning");
    QCOMPARE(warning.value("call").toString(), QString("aclmdlGetDynamicBatch"));
    QCOMPARE(warning.value("name").toString(), QString("ACL_ERROR_INVALID_PARAM"));
    QCOMPARE(run.first("model").value("dynamic_batch").toArray(), QJsonArray());
    QCOMPARE(run.first("summary").value("iterations").toInt(), 10);
    WB_VERIFY_TEARDOWN(run);
}

void TestOmRunnerErrors::badModelFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("bytes"); // written unless the row is "missing" or "folder"
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("messagePart");

    OmSpec truncated;
    truncated.declaredDelta = 1000;
    OmSpec trailing;
    trailing.declaredDelta = -4;
    OmSpec headSize;
    headSize.headSize = 128;
    QTest::newRow("missing") << "missing.om" << QByteArray() << "not_found"
                             << "does not exist";
    QTest::newRow("folder") << "folder.om" << QByteArray() << "unreadable"
                            << "is a folder";
    QTest::newRow("empty") << "empty.om" << QByteArray() << "empty"
                           << "is empty";
    QTest::newRow("text") << "text.om" << QByteArray("not a model\n") << "not_om"
                          << "is not an OM model";
    QTest::newRow("onnx") << "model.onnx" << QByteArray::fromHex("08071208") + QByteArray(400, 'a') << "not_om"
                          << "looks like an ONNX model";
    QTest::newRow("cut in the header") << "short.om" << makeOm({}).left(200) << "too_short"
                                       << "too short";
    QTest::newRow("truncated") << "truncated.om" << makeOm(truncated) << "truncated"
                               << "(1000 bytes missing)";
    QTest::newRow("trailing bytes") << "trailing.om" << makeOm(trailing) << "trailing_bytes"
                                    << "4 bytes more";
    QTest::newRow("bad headsize") << "headsize.om" << makeOm(headSize) << "bad_headsize"
                                  << "128 header bytes";
}

void TestOmRunnerErrors::badModelFile()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    QFETCH(QString, messagePart);

    const QString path = m_dir.filePath(file);
    if (reason == "unreadable")
        QVERIFY(QDir().mkpath(path));
    else if (reason != "not_found")
        QVERIFY(writeFile(path, bytes));
    OmRun run(runArgs(path));
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 2);
    QCOMPARE(run.eventNames(), QStringList { "error" });
    const QJsonObject error = run.first("error");
    QCOMPARE(error.value("kind").toString(), QString("model_file"));
    QCOMPARE(error.value("reason").toString(), reason);
    QCOMPARE(error.value("file").toString(), path);
    const QString message = error.value("message").toString();
    QVERIFY2(message.startsWith(path + " ") && message.contains(messagePart), qPrintable(message));
    QCOMPARE(run.log(), QStringList()); // refused before AscendCL was touched
}

void TestOmRunnerErrors::badGear_data()
{
    QTest::addColumn<QString>("gears");
    QTest::addColumn<QString>("batch");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("not a gear") << "1,2,4,8"
                                << "3"
                                << "is not one of the batch gears of";
    QTest::newRow("static model") << ""
                                  << "2"
                                  << "has no dynamic batch gears (its batch is fixed at 1)";
}

void TestOmRunnerErrors::badGear()
{
    QFETCH(QString, gears);
    QFETCH(QString, batch);
    QFETCH(QString, messagePart);
    OmRun run(runArgs(m_model, { "--batch", batch }), { { "FAKE_ACL_DYNAMIC_BATCH", gears } });
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 2);
    const QJsonObject error = run.first("error");
    QCOMPARE(error.value("kind").toString(), QString("usage"));
    const QString message = error.value("message").toString();
    QVERIFY2(message.contains("--batch " + batch) && message.contains(messagePart), qPrintable(message));
    if (!gears.isEmpty())
        QVERIFY2(message.contains("(1, 2, 4, 8)"), qPrintable(message));
    QCOMPARE(run.eventNames(), (QStringList { "start", "device", "model", "error" }));
    QVERIFY(run.first("model").value("batch").isNull()); // the gears are still there for the app to offer
    QCOMPARE(run.log().filter("execute").size(), 0);
    WB_VERIFY_TEARDOWN(run);
}

void TestOmRunnerErrors::badInput_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<bool>("aclUsed"); // found only after the model was loaded

    QVERIFY(writeFile(m_dir.filePath("small.bin"), QByteArray(100, 'x')));
    QTest::newRow("wrong size") << m_dir.filePath("small.bin") << "input_file"
                                << "has 100 bytes, but the input takes 602112 bytes at batch 1" << true;
    // A huge (sparse) file is refused by its size, before it is read: reading it first ran out of memory and
    // aborted om-runner without tearing the device down.
    {
        QFile huge(m_dir.filePath("huge.bin"));
        QVERIFY(huge.open(QIODevice::WriteOnly) && huge.resize(qint64(1) << 40));
    }
    QTest::newRow("huge file") << m_dir.filePath("huge.bin") << "input_file"
                               << "has 1099511627776 bytes, but the input takes 602112 bytes at batch 1" << true;
    QTest::newRow("missing file") << m_dir.filePath("none.bin") << "input_file"
                                  << "cannot be read: No such file" << false;
    QTest::newRow("too many items") << "zeros,zeros"
                                    << "usage"
                                    << "--input lists 2 items, but" << true;
}

void TestOmRunnerErrors::badInput()
{
    QFETCH(QString, input);
    QFETCH(QString, kind);
    QFETCH(QString, messagePart);
    QFETCH(bool, aclUsed);
    OmRun run(runArgs(m_model, { "--input", input }));
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 2);
    const QJsonObject error = run.first("error");
    QCOMPARE(error.value("kind").toString(), kind);
    const QString message = error.value("message").toString();
    QVERIFY2(message.contains(messagePart), qPrintable(message));
    if (kind == "input_file")
        QVERIFY2(message.contains(input), qPrintable(message));
    if (aclUsed) {
        QVERIFY2(message.contains("'input'") && message.contains("float32 [1,3,224,224]"), qPrintable(message));
        WB_VERIFY_TEARDOWN(run);
    } else {
        QCOMPARE(run.log(), QStringList());
    }
}

void TestOmRunnerErrors::badUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("no model") << QStringList { "--loops", "3" } << "--model is required";
    QTest::newRow("loops 0") << QStringList { "--model", "x.om", "--loops", "0" }
                             << "--loops needs a whole number from 1";
    QTest::newRow("loops text") << QStringList { "--model", "x.om", "--loops=ten" } << "not 'ten'";
    QTest::newRow("device -1") << QStringList { "--model", "x.om", "--device", "-1" } << "--device needs";
    QTest::newRow("no value") << QStringList { "--model" } << "--model needs a value";
    QTest::newRow("unknown option") << QStringList { "--model", "x.om", "--fast" } << "unknown option '--fast'";
    QTest::newRow("empty input item") << QStringList { "--model", "x.om", "--input", "a.bin,," } << "empty item";
    QTest::newRow("output folder") << QStringList { "--output-dir", "/proc/no/such/dir" }
                                   << "cannot create the output folder";
}

void TestOmRunnerErrors::badUsage()
{
    QFETCH(QStringList, args);
    QFETCH(QString, messagePart);
    if (args.first() == "--output-dir")
        args = runArgs(m_model, args);
    OmRun run(args);
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 2);
    QCOMPARE(run.count("error"), 1);
    const QString message = run.first("error").value("message").toString();
    QVERIFY2(message.contains(messagePart), qPrintable(message));
    QVERIFY(QString::fromUtf8(run.err).startsWith("om-runner: "));
}

QTEST_GUILESS_MAIN(TestOmRunnerErrors)
#include "tst_omrunner_errors.moc"
