// Nothing torn: a child process (crash_writer) writes a recipe, the settings, run history, an output tensor file or
// a model copy through the application's own code in a loop, and is killed with SIGKILL at a seeded random point:
// after a random number of its output lines, which a second thread of the writer prints continuously, so the kill
// lands anywhere in a write. After each kill the file must be the last version it reported as committed, or the
// one it had begun — complete and parseable — never a mix; run history entries already written must all still
// read. A control row writes in place (truncate, then pieces) and is killed each time halfway through its second
// version (the writer waits there): every one of its files must be caught torn, so the check can see one.
#include "crashsafe.h"

#include "atc/conversionrecipe.h"
#include "onnx/onnxmodel.h"
#include "reference/tensorfile.h"
#include "run/runhistory.h"
#include "settings/settings.h"
#include "testutil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

class TestCrashSafe : public QObject {
    Q_OBJECT
private slots:
    void killedMidWrite_data();
    void killedMidWrite();
};

namespace {

constexpr int kIterations = 25;
constexpr qint64 kBudgetMs = 40000; // per kind; at least kMinIterations run even when slower
constexpr int kMinIterations = 10;
constexpr int kMinLines = 2;
constexpr int kMaxLines = 40000;

// The version the file at `path` holds, -1 when it is missing, -2 when it is torn or not what the writer writes
// (*why says how).
qint64 versionOf(const QString& kind, const QString& path, QString* why)
{
    if (kind == QLatin1String("history"))
        return -1; // checked by entries()
    if (!QFileInfo::exists(path))
        return -1;
    if (kind == QLatin1String("recipe")) {
        const auto loaded = wb::loadConversionRecipe(path);
        if (!loaded.ok()) {
            *why = loaded.error().message;
            return -2;
        }
        const qint64 n = loaded.value().batch;
        if (loaded.value().argv != crashsafe::recipe(n).argv) {
            *why = QStringLiteral("argv of version %1 differs").arg(n);
            return -2;
        }
        return n;
    }
    if (kind == QLatin1String("settings")) {
        const wb::Settings settings(path);
        bool ok = false;
        const qint64 n = settings.toolkitHome().toLongLong(&ok);
        if (!ok || settings.windowGeometry() != crashsafe::geometry(n)) {
            *why = QStringLiteral("toolkit home '%1' and the geometry disagree").arg(settings.toolkitHome());
            return -2;
        }
        return n;
    }
    if (kind == QLatin1String("tensor") || kind == QLatin1String("control")) {
        const auto read = wb::readTensorFile(path);
        if (!read.ok()) {
            *why = read.error().message;
            return -2;
        }
        const qint64 n = qint64(wb::elementAsDouble(read.value(), 0));
        if (!(read.value().data == crashsafe::tensor(n).data)) {
            *why = QStringLiteral("the elements of version %1 differ").arg(n);
            return -2;
        }
        return n;
    }
    const auto loaded = wb::OnnxModel::load(path);
    if (!loaded.ok()) {
        *why = loaded.error().message;
        return -2;
    }
    const wb::TensorInfo& input = loaded.value()->summary().inputs.first();
    if (!input.shape || input.shape->size() != 4) {
        *why = QStringLiteral("the input has no 4-d shape");
        return -2;
    }
    return input.shape->first().value;
}

struct Progress {
    qint64 begun = 0;
    qint64 committed = 0;
    int lines = 0;
    bool halfway = false; // the control writer stopped inside a write
    void add(const QByteArray& line)
    {
        ++lines;
        if (line.startsWith("halfway "))
            halfway = true;
        else if (line.startsWith("begin "))
            begun = line.mid(6).trimmed().toLongLong();
        else if (line.startsWith("committed "))
            committed = line.mid(10).trimmed().toLongLong();
    }
};

} // namespace

void TestCrashSafe::killedMidWrite_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("recipe") << "recipe";
    QTest::newRow("settings") << "settings";
    QTest::newRow("run history") << "history";
    QTest::newRow("output tensor") << "tensor";
    QTest::newRow("model copy") << "model";
    QTest::newRow("control: written in place") << "control";
}

void TestCrashSafe::killedMidWrite()
{
    QFETCH(QString, kind);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = kind == QLatin1String("history") ? dir.filePath(QStringLiteral("runs"))
        : kind == QLatin1String("settings")                 ? dir.filePath(QStringLiteral("atc-workbench.conf"))
        : kind == QLatin1String("recipe")                   ? dir.filePath(QStringLiteral("m.om.recipe.json"))
        : kind == QLatin1String("tensor") || kind == QLatin1String("control")
        ? dir.filePath(QStringLiteral("output_0.pb"))
        : dir.filePath(QStringLiteral("static.onnx"));
    QStringList args { kind, target };
    if (kind == QLatin1String("model"))
        args.append(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    QRandomGenerator random(20261207u + quint32(qHash(kind)));
    const bool control = kind == QLatin1String("control");
    int midWrite = 0;
    int torn = 0;
    int iterations = 0;
    qint64 storedRuns = 0;
    QElapsedTimer clock;
    clock.start();
    for (; iterations < kIterations && (iterations < kMinIterations || clock.elapsed() < kBudgetMs); ++iterations) {
        QProcess writer;
        writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        writer.start(QStringLiteral(WB_CRASH_WRITER), args);
        QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));
        // Kill after a random number of lines (mostly the writer's "tick" lines, printed as fast as they are read):
        // a random moment, inside a write as much as between writes. At least one version is committed first.
        const int killAfter = random.bounded(kMinLines, kMaxLines);
        Progress progress;
        // The control row is killed where its writer stopped, halfway through a write.
        while (control ? !progress.halfway : (progress.lines < killAfter || progress.committed < 1)) {
            if (!writer.canReadLine()) {
                QVERIFY2(writer.waitForReadyRead(30000), "crash_writer stopped printing progress");
                continue;
            }
            progress.add(writer.readLine());
        }
        writer.kill(); // SIGKILL
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        while (writer.canReadLine())
            progress.add(writer.readLine());
        const bool killedWhileWriting = progress.begun > progress.committed;
        midWrite += killedWhileWriting ? 1 : 0;
        QVERIFY(progress.committed >= 1);

        if (kind == QLatin1String("history")) {
            QStringList warnings;
            const auto entries = wb::RunHistory(target).entries(0, &warnings);
            QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
            const qint64 now = entries.size() - storedRuns;
            QVERIFY2(now == progress.committed || (killedWhileWriting && now == progress.committed + 1),
                qPrintable(QStringLiteral("%1 new runs stored, %2 committed").arg(now).arg(progress.committed)));
            for (const wb::RunHistoryEntry& e : entries)
                QCOMPARE(e.result.iterationsMs.size(), crashsafe::kRunIterations);
            storedRuns = entries.size();
            continue;
        }
        QString why;
        const qint64 version = versionOf(kind, target, &why);
        if (control) { // the test must be able to see a torn file: this writer makes them
            torn += version == -2 || version < progress.committed ? 1 : 0;
            continue;
        }
        QVERIFY2(version != -2, qPrintable(QStringLiteral("torn %1 after a kill: %2").arg(kind, why)));
        QVERIFY2(version == progress.committed || (killedWhileWriting && version == progress.begun),
            qPrintable(QStringLiteral("version %1 on disk; committed %2, begun %3")
                           .arg(version)
                           .arg(progress.committed)
                           .arg(progress.begun)));
    }
    const QStringList leftovers = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
    qInfo("%s: %d kills, %d while a write was in progress, %d torn, %lld ms; files in the folder: %s", qPrintable(kind),
        iterations, midWrite, torn, qint64(clock.elapsed()), qPrintable(leftovers.join(QStringLiteral(", "))));
    QVERIFY2(midWrite > 0, "no kill landed while a write was in progress: the test proved nothing");
    if (control)
        QVERIFY2(torn == iterations,
            qPrintable(QStringLiteral("the in-place writer was killed halfway %1 times and %2 files were caught torn: "
                                      "the check cannot see every torn file")
                           .arg(iterations)
                           .arg(torn)));
}

QTEST_GUILESS_MAIN(TestCrashSafe)
#include "tst_crashsafe.moc"
