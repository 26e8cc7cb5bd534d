// `atcwb convert` end to end through a real process and the fake atc: the JSON-lines contract, the text form, exit
// codes (0 all produced, 1 one failed / no toolkit / checks refused, 2 usage), recipes skipping unchanged OMs, and
// SIGINT/SIGTERM stopping the run with exit 130 and no orphaned ATC worker.
#include "conversiontest.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <csignal>

class TestConvertCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void jsonSuccess();
    void batchVariantsThenUnchanged();
    void oneFailedExitsOne();
    void textForm();
    void usage_data();
    void usage();
    void noToolkit_data();
    void noToolkit();
    void checksRefuse();
    void nameMustBePlain_data();
    void nameMustBePlain();
    void outputFolderCreatedOnlyWhenTheRunStarts();
    void signalStopsWithoutOrphan_data();
    void signalStopsWithoutOrphan();

private:
    using Run = wbtest::ProgramRun; // events(): stdout's JSON lines
    QProcessEnvironment environment(const QStringList& vars) const;
    Run atcwb(const QStringList& args, const QStringList& vars = {}) const;
    static QList<QJsonObject> parseLines(const QByteArray& out, bool* allJson);
    QString freshDir();
    QTemporaryDir m_dir;
    int m_count = 0;
};

void TestConvertCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFileInfo(wbtest::atcwbPath()).isExecutable());
}

QString TestConvertCli::freshDir()
{
    const QString path = m_dir.filePath(QStringLiteral("run%1").arg(++m_count));
    QDir().mkpath(path);
    return path;
}

QProcessEnvironment TestConvertCli::environment(const QStringList& vars) const
{
    QProcessEnvironment env; // no toolkit anywhere unless --atc says so
    env.insert("PATH", "/usr/bin:/bin");
    env.insert("HOME", m_dir.filePath("home"));
    env.insert("XDG_CONFIG_HOME", m_dir.filePath("config"));
    env.insert("WB_LOG_DIR", m_dir.filePath("logs"));
    for (const QString& v : vars)
        env.insert(v.section('=', 0, 0), v.section('=', 1));
    return env;
}

QList<QJsonObject> TestConvertCli::parseLines(const QByteArray& out, bool* allJson)
{
    QList<QJsonObject> events;
    *allJson = true;
    for (const QByteArray& line : out.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        *allJson = *allJson && doc.isObject() && doc.object().contains("event");
        events.append(doc.object());
    }
    return events;
}

TestConvertCli::Run TestConvertCli::atcwb(const QStringList& args, const QStringList& vars) const
{
    const Run run = wbtest::runAtcwb(QStringList { "convert" } + args, environment(vars), {}, 90000);
    bool allJson = false;
    if (args.contains("--json") && (parseLines(run.out, &allJson), !allJson))
        qWarning("stdout is not JSON lines:\n%s", run.out.constData());
    return run;
}

void TestConvertCli::jsonSuccess()
{
    const QString out = freshDir();
    const Run r = atcwb({ wbtest::modelPath("resnet_static.onnx"), "--soc", "Ascend310P3", "--atc", wbtest::fakeAtc(),
        "--output", out, "--json" });
    QVERIFY2(r.code == 0, r.out + r.err);
    QVERIFY(!r.events().isEmpty());
    QStringList sequence;
    for (const QJsonObject& e : r.events()) {
        if (e["event"] != "finding" && e["event"] != "diagnostic" && e["event"] != "stage")
            sequence.append(e["event"].toString());
    }
    QCOMPARE(sequence, (QStringList { "plan", "job", "started", "job_finished", "result" }));
    const QString om = out + "/resnet_static_Ascend310P3.om";
    const QJsonObject plan = r.events("plan").first(); // where it writes, said before anything is written
    QCOMPARE(plan["output_folder"].toString(), out);
    QCOMPARE(plan["folder_exists"].toBool(false), true);
    QCOMPARE(plan["oms"].toArray(), QJsonArray { om });
    const QJsonObject job = r.events("job").first();
    QCOMPARE(job["job"].toInt(-1), 0);
    QCOMPARE(job["om"].toString(), om);
    QVERIFY(job["batch"].isNull());
    QVERIFY(r.events("started").first()["command"].toString().contains("--soc_version=Ascend310P3"));
    QVERIFY(!r.events("stage").isEmpty());
    const QJsonObject finished = r.events("job_finished").first();
    QCOMPARE(finished.keys(),
        (QStringList { "batch", "duration_ms", "event", "exit_code", "failure", "job", "log", "ok", "om", "recipe",
            "result", "skipped_unchanged", "verdict" }));
    QCOMPARE(finished["ok"].toBool(), true);
    QVERIFY(finished["failure"].isNull());
    QCOMPARE(finished["verdict"].toString(), QStringLiteral("success"));
    QCOMPARE(finished["log"].toString(), om + ".atc.log");
    QCOMPARE(finished["recipe"].toString(), om + ".recipe.json");
    const QJsonObject result = r.events().last();
    QCOMPARE(result["event"].toString(), QStringLiteral("result"));
    QCOMPARE(result["ok"].toBool(), true);
    QCOMPARE(result["oms"].toArray(), QJsonArray { om });
    QCOMPARE(result["failed"].toArray(), QJsonArray {});
    QVERIFY(wbtest::readAll(om).startsWith("IMOD"));
    QCOMPARE(wbtest::stagingLeft(out), QStringList());
}

void TestConvertCli::batchVariantsThenUnchanged()
{
    const QString out = freshDir();
    const QStringList args { wbtest::modelPath("resnet_dynamic_batch.onnx"), "--soc", "Ascend310P3", "--batch", "1,4,8",
        "--atc", wbtest::fakeAtc(), "--output", out, "--json" };
    Run r = atcwb(args);
    QVERIFY2(r.code == 0, r.out + r.err);
    QStringList oms;
    for (qint64 b : { 1, 4, 8 })
        oms.append(QStringLiteral("%1/resnet_dynamic_batch_Ascend310P3_b%2.om").arg(out).arg(b));
    QCOMPARE(r.events("job").size(), 3);
    QCOMPARE(r.events("job").at(1)["batch"].toInt(), 4);
    QVERIFY(r.events("started").at(2)["command"].toString().contains("--input_shape=input:8,3,224,224"));
    QCOMPARE(r.events().last()["oms"].toArray(), QJsonArray::fromStringList(oms));
    for (const QString& om : oms)
        QVERIFY(QFileInfo::exists(om) && QFileInfo::exists(om + ".recipe.json"));

    r = atcwb(args); // nothing changed: nothing rebuilt, and that counts as produced
    QCOMPARE(r.code, 0);
    QVERIFY(r.events("started").isEmpty());
    for (const QJsonObject& f : r.events("job_finished"))
        QVERIFY(f["ok"].toBool() && f["skipped_unchanged"].toBool());
    QCOMPARE(r.events().last()["oms"].toArray().size(), 3);

    r = atcwb(args + QStringList { "--force" });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.events("started").size(), 3);
}

void TestConvertCli::oneFailedExitsOne()
{
    const QString out = freshDir();
    const Run r = atcwb({ wbtest::modelPath("resnet_static.onnx"), "--soc", "Ascend310P3", "--atc", wbtest::fakeAtc(),
                            "--output", out, "--json" },
        { "FAKE_ATC_UNSUPPORTED_OPS=Conv" });
    QVERIFY2(r.code == 1, r.out + r.err);
    const QList<QJsonObject> diagnostics = r.events("diagnostic");
    QVERIFY(!diagnostics.isEmpty());
    const QJsonObject d = diagnostics.first();
    QCOMPARE(d["job"].toInt(-1), 0);
    QCOMPARE(d["severity"].toString(), QStringLiteral("error"));
    QCOMPARE(d["code"].toString(), QStringLiteral("E19010"));
    QVERIFY(!d["ops"].toArray().isEmpty());
    QCOMPARE(d["ops"].toArray().first()["type"].toString(), QStringLiteral("Conv"));
    const QJsonObject finished = r.events("job_finished").first();
    QCOMPARE(finished["ok"].toBool(), false);
    QVERIFY(finished["failure"].toString().startsWith("E19010: "));
    QCOMPARE(finished["exit_code"].toInt(), 255);
    QCOMPARE(finished["log"].toString(), out + "/resnet_static_Ascend310P3.failed.atc.log");
    QCOMPARE(r.events().last()["ok"].toBool(true), false);
    QCOMPARE(r.events().last()["failed"].toArray(), QJsonArray { out + "/resnet_static_Ascend310P3.om" });
    QCOMPARE(QDir(out).entryList({ "*.om" }), QStringList());
}

void TestConvertCli::textForm()
{
    const QString out = freshDir();
    const Run r = atcwb({ wbtest::modelPath("two_inputs.onnx"), "--soc", "Ascend310P3", "--atc", wbtest::fakeAtc(),
        "--output", out, "--name", "ti", "--batch", "2" });
    QVERIFY2(r.code == 0, r.out + r.err);
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.contains("[1/1] OK in ") && text.contains(out + "/ti_b2.om"), qPrintable(text));
    QVERIFY(text.contains("'--input_shape=input_tensor_A:2,3,224,224;input_tensor_B:2,10'"));
    QVERIFY(text.endsWith("Produced 1 of 1 OM(s).\n"));
}

void TestConvertCli::usage_data()
{
    QTest::addColumn<QStringList>("args");
    const QString model = wbtest::modelPath("resnet_static.onnx");
    QTest::newRow("no model") << QStringList { "--soc", "Ascend310P3" };
    QTest::newRow("two models") << QStringList { model, model, "--soc", "Ascend310P3" };
    QTest::newRow("no soc") << QStringList { model };
    QTest::newRow("batch 0") << QStringList { model, "--soc", "Ascend310P3", "--batch", "1,0" };
    QTest::newRow("batch text") << QStringList { model, "--soc", "Ascend310P3", "--batch", "four" };
    QTest::newRow("bad shape") << QStringList { model, "--soc", "Ascend310P3", "--input-shape", "input:1.5,3" };
    QTest::newRow("bad timeout") << QStringList { model, "--soc", "Ascend310P3", "--timeout", "soon" };
    QTest::newRow("parallel 0") << QStringList { model, "--soc", "Ascend310P3", "--parallel", "0" };
    QTest::newRow("dynamic without batch") << QStringList { model, "--soc", "Ascend310P3", "--dynamic-batch" };
    QTest::newRow("unknown option") << QStringList { model, "--soc", "Ascend310P3", "--frobnicate" };
}

void TestConvertCli::usage()
{
    QFETCH(QStringList, args);
    Run r = atcwb(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith("atcwb: convert: "), r.err.constData());
    r = atcwb(args + QStringList { "--json" });
    QCOMPARE(r.code, 2);
    QCOMPARE(r.events().size(), 1);
    QCOMPARE(r.events().last()["event"].toString(), QStringLiteral("result"));
    QCOMPARE(r.events().last()["error"].toObject()["code"].toString(), QStringLiteral("usage"));
}

void TestConvertCli::noToolkit_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("errHas");
    QTest::newRow("nothing found") << QStringList {} << "No ATC found (looked in:";
    QTest::newRow("--atc not executable")
        << QStringList { "--atc", "/no/such/atc" } << "--atc /no/such/atc is not an executable file.";
}

void TestConvertCli::noToolkit()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, errHas);
    const QString out = freshDir();
    const QStringList args
        = QStringList { wbtest::modelPath("resnet_static.onnx"), "--soc", "Ascend310P3", "--output", out } + extra;
    Run r = atcwb(args);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(errHas.toUtf8()), r.err.constData());
    if (extra.isEmpty())
        QVERIFY(r.err.contains("Pass --atc PATH") && r.err.contains("ASCEND_TOOLKIT_HOME"));
    r = atcwb(args + QStringList { "--json" });
    QCOMPARE(r.code, 1);
    QCOMPARE(r.events().last()["error"].toObject()["code"].toString(), QStringLiteral("toolkit_missing"));
    QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
}

void TestConvertCli::checksRefuse()
{
    const QString out = freshDir();
    const Run r = atcwb({ wbtest::modelPath("resnet_dynamic_batch.onnx"), "--soc", "Ascend310P3", "--atc",
        wbtest::fakeAtc(), "--output", out, "--json" });
    QCOMPARE(r.code, 1);
    QStringList rules;
    for (const QJsonObject& f : r.events("finding"))
        rules.append(f["rule"].toString());
    QVERIFY2(rules.contains("dynamic_dim_unfixed"), qPrintable(rules.join(',')));
    QVERIFY(r.events("started").isEmpty());
    QCOMPARE(r.events().last()["error"].toObject()["code"].toString(), QStringLiteral("check_failed"));
    QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
}

// --name is a plain file name: `--name ../../x` used to write ../../x.om outside the output folder.
void TestConvertCli::nameMustBePlain_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("errHas");
    QTest::newRow("parent path") << "../../escaped"
                                 << "contains a path separator";
    QTest::newRow("sub folder") << "sub/escaped"
                                << "contains a path separator";
    QTest::newRow("absolute") << m_dir.filePath("escaped") << "contains a path separator";
    QTest::newRow("dot dot") << ".."
                             << "is not a file name";
    QTest::newRow("empty") << ""
                           << "is empty";
}

void TestConvertCli::nameMustBePlain()
{
    QFETCH(QString, name);
    QFETCH(QString, errHas);
    const QString run = freshDir();
    const QString out = run + "/a/b";
    QDir().mkpath(out);
    const QStringList args { wbtest::modelPath("resnet_static.onnx"), "--soc", "Ascend310P3", "--atc",
        wbtest::fakeAtc(), "--output", out, "--name", name };
    Run r = atcwb(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(errHas.toUtf8()) && r.err.contains("--name"), r.err.constData());
    r = atcwb(args + QStringList { "--json" });
    QCOMPARE(r.code, 2);
    QCOMPARE(r.events().last()["error"].toObject()["code"].toString(), QStringLiteral("usage"));
    QVERIFY(r.events("started").isEmpty());
    QDirIterator escaped(m_dir.path(), { "escaped*" }, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    QVERIFY2(!escaped.hasNext(), qPrintable(escaped.hasNext() ? escaped.next() : QString()));
    QDirIterator written(run, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    QStringList entries;
    while (written.hasNext())
        entries.append(written.next().mid(run.size()));
    QCOMPARE(entries, (QStringList { "/a", "/a/b" }));
}

// A run the checks refuse creates no folder; a run that starts creates the missing output folder, and says before
// running where it writes.
void TestConvertCli::outputFolderCreatedOnlyWhenTheRunStarts()
{
    const QString refused = freshDir() + "/new/sub";
    Run r = atcwb({ wbtest::modelPath("resnet_dynamic_batch.onnx"), "--soc", "Ascend310P3", "--atc", wbtest::fakeAtc(),
        "--output", refused, "--json" });
    QCOMPARE(r.code, 1);
    QCOMPARE(r.events().last()["error"].toObject()["code"].toString(), QStringLiteral("check_failed"));
    QVERIFY2(!QFileInfo::exists(QFileInfo(refused).absolutePath()), qPrintable(refused));

    const QString fresh = freshDir() + "/new/sub";
    r = atcwb({ wbtest::modelPath("resnet_static.onnx"), "--soc", "Ascend310P3", "--atc", wbtest::fakeAtc(), "--output",
        fresh, "--json" });
    QVERIFY2(r.code == 0, r.out + r.err);
    QCOMPARE(r.events("plan").size(), 1);
    QCOMPARE(r.events("plan").first()["output_folder"].toString(), fresh);
    QCOMPARE(r.events("plan").first()["folder_exists"].toBool(true), false);
    QVERIFY(QFileInfo(fresh + "/resnet_static_Ascend310P3.om").isFile());

    const QString text
        = QString::fromUtf8(atcwb({ wbtest::modelPath("resnet_static.onnx"), "--soc", "Ascend310P3", "--atc",
                                      wbtest::fakeAtc(), "--output", freshDir() + "/t", "--name", "m" })
                                .out);
    QVERIFY2(text.startsWith("Writes to ") && text.contains("/t (created when the run starts):\n  m.om\n"),
        qPrintable(text));
}

void TestConvertCli::signalStopsWithoutOrphan_data()
{
    QTest::addColumn<int>("sig");
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
}

void TestConvertCli::signalStopsWithoutOrphan()
{
    QFETCH(int, sig);
    const QString out = freshDir();
    // An atc that answers the toolkit probe (--help) and otherwise forks a worker and hangs (the fake's fork mode).
    const QString atc = out + "/atc";
    QVERIFY(wbtest::writeAll(atc,
        "#!/bin/sh\ncase \"$1\" in --help) exec \"" WB_FAKE_ATC "\" --help;; esac\n"
        "FAKE_ATC_MODE=fork exec \"" WB_FAKE_ATC "\" \"$@\"\n"));
    QVERIFY(QFile::setPermissions(atc, QFile::permissions(atc) | QFileDevice::ExeOwner));
    QProcess p;
    p.setProcessEnvironment(environment({}));
    p.start(wbtest::atcwbPath(),
        { "convert", wbtest::modelPath("resnet_static.onnx"), "--soc", "Ascend310P3", "--atc", atc, "--output",
            out + "/oms", "--batch", "1,2", "--lines", "--json" });
    QVERIFY(p.waitForStarted());
    QByteArray stdoutSoFar;
    qint64 worker = 0;
    while (worker == 0 && p.state() == QProcess::Running && p.waitForReadyRead(30000)) {
        stdoutSoFar += p.readAllStandardOutput();
        bool allJson = false;
        for (const QJsonObject& e : parseLines(stdoutSoFar.left(stdoutSoFar.lastIndexOf('\n') + 1), &allJson)) {
            if (e["event"] == "line" && e["text"].toString().startsWith("worker pid "))
                worker = e["text"].toString().mid(11).toLongLong();
        }
    }
    QVERIFY2(worker > 0, stdoutSoFar.constData());
    QVERIFY(!wbtest::processGone(worker));
    QCOMPARE(::kill(static_cast<pid_t>(p.processId()), sig), 0);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    QTRY_VERIFY_WITH_TIMEOUT(wbtest::processGone(worker), 5000);
    bool allJson = false;
    const QList<QJsonObject> events = parseLines(stdoutSoFar + p.readAllStandardOutput(), &allJson);
    QVERIFY(allJson);
    QCOMPARE(events.last()["event"].toString(), QStringLiteral("result"));
    QCOMPARE(events.last()["interrupted"].toBool(), true);
    QCOMPARE(events.last()["failed"].toArray().size(), 2); // the running job and the queued one
    QCOMPARE(wbtest::stagingLeft(out + "/oms"), QStringList());
}

QTEST_GUILESS_MAIN(TestConvertCli)
#include "tst_convertcli.moc"
