// `atcwb convert-many` end to end through real processes and the fake atc: a local run of the zoo (twenty models
// x two SoCs x three batches) with its report, JSON lines and exit code; the same batch emitted as one recipe per job,
// each run with `atcwb convert --recipe` as a CI matrix or a Slurm array would, and merged with --collect into the
// same report; usage errors.
#include "atc/convertmanyreport.h"
#include "conversiontest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

class TestConvertManyCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void emittedJobsCollectToTheLocalReport();
    void usage_data();
    void usage();

private:
    wbtest::ProgramRun atcwb(const QStringList& args) const;
    static QJsonObject report(const QString& folder);
    static QJsonObject comparable(QJsonObject report);
    QStringList zooArgs() const;
    QTemporaryDir m_dir;
};

void TestConvertManyCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFileInfo(QStringLiteral(WB_ATCWB)).isExecutable());
}

wbtest::ProgramRun TestConvertManyCli::atcwb(const QStringList& args) const
{
    QProcessEnvironment env;
    env.insert("PATH", "/usr/bin:/bin");
    env.insert("HOME", m_dir.filePath("home"));
    env.insert("XDG_CONFIG_HOME", m_dir.filePath("config"));
    env.insert("WB_LOG_DIR", m_dir.filePath("logs"));
    env.insert("FAKE_ATC_UNSUPPORTED_OPS", "Softplus");
    env.insert("FAKE_ATC_DELAY_MS", "20");
    return wbtest::runProgram(WB_ATCWB, args, env, {}, 170000);
}

QJsonObject TestConvertManyCli::report(const QString& folder)
{
    return QJsonDocument::fromJson(wbtest::readAll(folder + "/convert-many-report.json")).object();
}

// What must match between two runs of the same batch: everything but the times and where the output folder is.
QJsonObject TestConvertManyCli::comparable(QJsonObject report)
{
    report.remove("output_folder");
    QJsonArray jobs;
    for (const QJsonValue& v : report["jobs"].toArray()) {
        QJsonObject j = v.toObject();
        j.remove("duration_ms");
        jobs.append(j);
    }
    report["jobs"] = jobs;
    return report;
}

QStringList TestConvertManyCli::zooArgs() const
{
    return { "convert-many", wbtest::modelPath("zoo"), "--soc", "Ascend310P3,Ascend310B1", "--batch", "1,4,8", "--dim",
        "height=64", "--dim", "width=64", "--dim", "sequence_length=128", "--atc", wbtest::fakeAtc() };
}

void TestConvertManyCli::emittedJobsCollectToTheLocalReport()
{
    // A local run.
    const QString local = m_dir.filePath("local");
    const wbtest::ProgramRun run = atcwb(
        zooArgs() + QStringList { "--output", local, "--jobs", "3", "--json", "--report", m_dir.filePath("zoo.html") });
    QCOMPARE(run.code, 1); // the Softplus jobs failed, two models were skipped
    QList<QJsonObject> events;
    for (const QByteArray& line : run.out.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        QVERIFY2(doc.isObject() && doc.object().contains("event"), line.constData());
        events.append(doc.object());
    }
    int models = 0, finished = 0;
    for (const QJsonObject& e : events) {
        models += e["event"] == "model" ? 1 : 0;
        finished += e["event"] == "job_finished" ? 1 : 0;
    }
    QCOMPARE(models, 20);
    QCOMPARE(finished, 120);
    const QJsonObject result = events.last();
    QCOMPARE(result["event"].toString(), QStringLiteral("result"));
    QCOMPARE(result["ok"].toBool(true), false);
    QCOMPARE(result["summary"]["converted"].toInt(), 102);
    QCOMPARE(result["summary"]["failed"].toInt(), 6);
    QCOMPARE(result["summary"]["skipped"].toInt(), 12);
    QVERIFY(QFileInfo::exists(m_dir.filePath("zoo.html")));
    QVERIFY(QFileInfo::exists(local + "/convert-many-report.csv"));
    QVERIFY(QFileInfo::exists(local + "/convert-many-report.html"));
    const QJsonObject localReport = report(local);
    QCOMPARE(localReport["jobs"].toArray().size(), 120);

    // The same batch emitted: nothing runs.
    const QString emitted = m_dir.filePath("emitted");
    const wbtest::ProgramRun emitRun = atcwb(zooArgs() + QStringList { "--emit-jobs", emitted });
    QVERIFY2(emitRun.code == 0, qPrintable(emitRun.all()));
    const QJsonObject manifest = QJsonDocument::fromJson(wbtest::readAll(emitted + "/manifest.json")).object();
    QCOMPARE(manifest["manifest"].toString(), QStringLiteral("atc-workbench-convert-many"));
    const QJsonArray jobs = manifest["jobs"].toArray();
    QCOMPARE(jobs.size(), 120);
    QVERIFY(QDir(emitted + "/om").entryList({ "*.om" }).isEmpty());
    QCOMPARE(QDir(emitted + "/recipes").entryList({ "*.json" }).size(), 108);

    // Each recipe run as a scheduler would: one `atcwb convert --recipe` per job.
    for (const QJsonValue& v : jobs) {
        const QJsonObject job = v.toObject();
        if (job.contains("skipped"))
            continue;
        const wbtest::ProgramRun one = atcwb(
            { "convert", "--recipe", emitted + "/" + job["recipe"].toString(), "--atc", wbtest::fakeAtc(), "--json" });
        const bool softplus = job["model"].toString().endsWith("softplus");
        QVERIFY2(one.code == (softplus ? 1 : 0), qPrintable(one.all()));
        QVERIFY(QFileInfo::exists(job["result_file"].toString()));
    }
    const wbtest::ProgramRun collect = atcwb({ "convert-many", "--collect", emitted, "--json" });
    QCOMPARE(collect.code, 1);
    const QJsonObject collected = report(emitted + "/om");
    QCOMPARE(comparable(collected), comparable(localReport));

    // The recipe beside an OM runs too (its build part is ignored): unchanged, so not rebuilt.
    const wbtest::ProgramRun again = atcwb({ "convert", "--recipe",
        local + "/zoo003_sequence_Ascend310P3_b4.om.recipe.json", "--atc", wbtest::fakeAtc(), "--json" });
    QVERIFY2(again.code == 0, qPrintable(again.all()));
    QVERIFY2(again.out.contains("\"skipped_unchanged\":true"), again.out.constData());

    // A second local run rebuilds nothing.
    const wbtest::ProgramRun rerun = atcwb(zooArgs() + QStringList { "--output", local, "--json" });
    QCOMPARE(rerun.code, 1);
    const QJsonObject cached = report(local);
    QCOMPARE(cached["summary"]["up_to_date"].toInt(), 102);
    QCOMPARE(cached["summary"]["converted"].toInt(), 0);
}

void TestConvertManyCli::usage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    const QString zoo = wbtest::modelPath("zoo");
    QTest::newRow("no models") << QStringList { "--soc", "A" } << 2 << "give the models";
    QTest::newRow("no soc") << QStringList { zoo } << 2 << "--soc is required";
    QTest::newRow("bad batch") << QStringList { zoo, "--soc", "A", "--batch", "1,x" } << 2 << "not 'x'";
    QTest::newRow("bad dim") << QStringList { zoo, "--soc", "A", "--dim", "height" } << 2 << "--dim takes NAME=VALUE";
    QTest::newRow("no such path") << QStringList { "/no/such", "--soc", "A", "--atc", wbtest::fakeAtc() } << 1
                                  << "/no/such is neither an .onnx file nor a folder.";
    QTest::newRow("collect: no manifest") << QStringList { "--collect", "/tmp" } << 1 << "has no manifest.json";
    QTest::newRow("no toolkit") << QStringList { zoo, "--soc", "A" } << 1 << "No ATC found";
}

void TestConvertManyCli::usage()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const wbtest::ProgramRun r = atcwb(QStringList { "convert-many" } + args);
    QCOMPARE(r.code, code);
    QVERIFY2(r.all().contains(message), qPrintable(r.all()));
}

WB_TEST_GUILESS_MAIN(TestConvertManyCli)
#include "tst_convertmanycli.moc"
