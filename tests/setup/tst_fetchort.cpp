// scripts/fetch-ort.sh through a real process: the pinned sha256 is checked (also for WB_ORT_TARBALL), and nothing
// it did not make is ever replaced or removed: a foreign folder, a file or a symlink at WB_ORT_CACHE is refused before
// any download, and a failed run leaves the cache and TMPDIR as they were. No network: every case either stops
// before downloading or uses WB_ORT_TARBALL. (The success path with the real tarball is in README "Getting ONNX
// Runtime"; it needs the 150 MB download.)
#include "testutil.h"

#include <QDir>
#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kScript = QStringLiteral(WB_SOURCE_DIR "/scripts/fetch-ort.sh");

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

// Every entry under `dir` (recursively, symlinks not followed), sorted: to see that nothing changed.
QStringList listing(const QString& dir)
{
    QStringList entries;
    QDirIterator it(
        dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        entries << it.next().mid(dir.size());
    entries.sort();
    return entries;
}

} // namespace

class TestFetchOrt : public QObject {
    Q_OBJECT
private slots:
    void init();
    void refusesWhatItDidNotMake_data();
    void refusesWhatItDidNotMake();
    void wrongTarballChangesNothing_data();
    void wrongTarballChangesNothing();
    void missingTarball();
    void reusesOnlyAVerifiedCache();

private:
    // Runs the script with WB_ORT_CACHE=cache and WB_ORT_TARBALL=tarball (every case passes one, so none can
    // reach the registry), TMPDIR in the scratch folder.
    wbtest::ProgramRun fetch(const QString& cache, const QString& tarball, const QStringList& args = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_tmp; // the script's TMPDIR: empty again after every run
};

void TestFetchOrt::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_tmp = m_dir->filePath(QStringLiteral("tmp"));
    QVERIFY(QDir().mkpath(m_tmp));
}

wbtest::ProgramRun TestFetchOrt::fetch(const QString& cache, const QString& tarball, const QStringList& args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("WB_ORT_CACHE"), cache);
    env.insert(QStringLiteral("TMPDIR"), m_tmp);
    env.insert(QStringLiteral("WB_ORT_TARBALL"), tarball);
    return wbtest::runProgram(QStringLiteral("/bin/bash"), QStringList { kScript } + args, env, {}, 120000);
}

void TestFetchOrt::refusesWhatItDidNotMake_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("a folder with other files") << "foreign";
    QTest::newRow("a symlink to a folder of ours") << "symlink";
    QTest::newRow("a plain file") << "file";
    QTest::newRow("ours, with a file added") << "extra";
}

void TestFetchOrt::refusesWhatItDidNotMake()
{
    QFETCH(QString, kind);
    const QString root = m_dir->filePath(QStringLiteral("root"));
    const QString cache = root + QStringLiteral("/ort");
    const QString elsewhere = m_dir->filePath(QStringLiteral("elsewhere"));
    if (kind == QLatin1String("foreign")) {
        QVERIFY(writeAll(cache + QStringLiteral("/precious.txt"), "keep me\n"));
    } else if (kind == QLatin1String("symlink")) {
        QVERIFY(
            writeAll(elsewhere + QStringLiteral("/SOURCE.txt"), "source: npm com.github.asus4.onnxruntime@0.4.9\n"));
        QVERIFY(writeAll(elsewhere + QStringLiteral("/lib/precious.so"), "keep me\n"));
        QVERIFY(QDir().mkpath(root));
        QVERIFY(QFile::link(elsewhere, cache));
    } else if (kind == QLatin1String("file")) {
        QVERIFY(writeAll(cache, "keep me\n"));
    } else {
        QVERIFY(writeAll(cache + QStringLiteral("/SOURCE.txt"), "source: npm com.github.asus4.onnxruntime@0.4.9\n"));
        QVERIFY(writeAll(cache + QStringLiteral("/notes.txt"), "keep me\n"));
    }
    const QStringList before = listing(m_dir->path());

    const wbtest::ProgramRun run = fetch(cache, QStringLiteral("/nonexistent.tgz"), { QStringLiteral("--force") });
    QVERIFY2(run.code == 2, qPrintable(run.all()));
    QVERIFY2(
        run.all().contains(cache + QStringLiteral(" exists and was not made by this script")), qPrintable(run.all()));
    QVERIFY2(run.all().contains(QStringLiteral("Nothing was changed.")), qPrintable(run.all()));
    QCOMPARE(listing(m_dir->path()), before);
    if (kind == QLatin1String("symlink"))
        QCOMPARE(readAll(elsewhere + QStringLiteral("/lib/precious.so")), QByteArray("keep me\n"));
}

void TestFetchOrt::wrongTarballChangesNothing_data()
{
    QTest::addColumn<bool>("existing");
    QTest::newRow("no cache yet") << false;
    QTest::newRow("an incomplete cache of ours") << true;
}

void TestFetchOrt::wrongTarballChangesNothing()
{
    QFETCH(bool, existing);
    const QString cache = m_dir->filePath(QStringLiteral("root/ort"));
    if (existing) {
        QVERIFY(writeAll(cache + QStringLiteral("/SOURCE.txt"), "source: npm com.github.asus4.onnxruntime@0.4.9\n"));
        QVERIFY(writeAll(cache + QStringLiteral("/lib/libonnxruntime.so.1"), "truncated\n"));
    }
    // A gzip file that is not the pinned one (the name is right, the bytes are not).
    const QString tarball = m_dir->filePath(QStringLiteral("com.github.asus4.onnxruntime-0.4.9.tgz"));
    QVERIFY(writeAll(tarball, QByteArray::fromHex("1f8b0800000000000003030000000000000000")));
    const QStringList before = listing(m_dir->path());

    const wbtest::ProgramRun run = fetch(cache, tarball);
    QVERIFY2(run.code == 1, qPrintable(run.all()));
    QVERIFY2(run.all().contains(QStringLiteral("checksum mismatch for ") + tarball), qPrintable(run.all()));
    QVERIFY2(
        run.all().contains(QStringLiteral("expected e59788788818fdde1b2e522e766a21ba0f7d8391de55737abf81e32cc801785d")),
        qPrintable(run.all()));
    QVERIFY2(run.all().contains(QStringLiteral("nothing was changed")), qPrintable(run.all()));
    QCOMPARE(listing(m_dir->path()), before); // the cache as it was, no .partial or .old folder, TMPDIR empty
}

void TestFetchOrt::missingTarball()
{
    const QString cache = m_dir->filePath(QStringLiteral("ort"));
    const wbtest::ProgramRun run = fetch(cache, m_dir->filePath(QStringLiteral("missing.tgz")));
    QVERIFY2(run.code == 1, qPrintable(run.all()));
    QVERIFY2(run.all().contains(QStringLiteral("missing.tgz is not a file")), qPrintable(run.all()));
    QVERIFY(!QFileInfo::exists(cache));
    QCOMPARE(listing(m_tmp), QStringList());
}

void TestFetchOrt::reusesOnlyAVerifiedCache()
{
    // A copy of the build's own cache (scripts/install-deps.sh fetched it): reused as it is...
    const QString real = QStringLiteral(WB_ORT_ROOT_DIR);
    for (const char* file : { "/SOURCE.txt", "/LICENSE", "/ThirdPartyNotices.txt", "/lib/libonnxruntime.so.1",
             "/include/onnxruntime_c_api.h" }) {
        if (!QFileInfo::exists(real + QLatin1String(file)))
            WB_SKIP_MISSING(QStringLiteral("no complete ONNX Runtime cache at %1 (no %2): run scripts/fetch-ort.sh")
                                .arg(real, QLatin1String(file)));
    }
    const QString cache = m_dir->filePath(QStringLiteral("ort"));
    const wbtest::ProgramRun copy
        = wbtest::runProgram(QStringLiteral("/bin/cp"), { QStringLiteral("-a"), real + QStringLiteral("/."), cache });
    QVERIFY2(copy.code == 0, qPrintable(copy.all()));
    wbtest::ProgramRun run = fetch(cache, QStringLiteral("/nonexistent.tgz")); // not read: nothing to fetch
    QVERIFY2(run.code == 0, qPrintable(run.all()));
    QVERIFY2(run.all().contains(QStringLiteral("already in the cache (library checksum ok); nothing to do")),
        qPrintable(run.all()));
    QCOMPARE(run.out.trimmed().split('\n').last(), cache.toUtf8());

    // ...but not once the library that would ship is changed: fetched again, and a wrong tarball changes nothing.
    QFile lib(cache + QStringLiteral("/lib/libonnxruntime.so.1"));
    QVERIFY(lib.open(QIODevice::Append));
    QVERIFY(lib.write("x") == 1);
    lib.close();
    const QString tarball = m_dir->filePath(QStringLiteral("wrong.tgz"));
    QVERIFY(writeAll(tarball, "not the tarball\n"));
    const QStringList before = listing(m_dir->path());
    run = fetch(cache, tarball);
    QVERIFY2(run.code == 1, qPrintable(run.all()));
    QVERIFY2(run.all().contains(QStringLiteral("does not")) && run.all().contains(QStringLiteral("fetching it again")),
        qPrintable(run.all()));
    QVERIFY2(run.all().contains(QStringLiteral("checksum mismatch")), qPrintable(run.all()));
    QCOMPARE(listing(m_dir->path()), before);
}

WB_TEST_GUILESS_MAIN(TestFetchOrt)
#include "tst_fetchort.moc"
