// The typed settings facade: defaults, recent-file rules, persistence.
#include "settings/settings.h"

#include <QLockFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace wb;

class TestSettings : public QObject {
    Q_OBJECT
private slots:
    void defaults();
    void recentFiles_data();
    void recentFiles();
    void recentLimit();
    void persistsAcrossInstances();
    void hostsRoundTrip();
    void abandonedLock_data();
    void abandonedLock();
};

void TestSettings::defaults()
{
    QTemporaryDir dir;
    Settings s(dir.filePath(QStringLiteral("s.ini")));
    QVERIFY(s.recentFiles().isEmpty());
    QCOMPARE(s.maxRecentFiles(), Settings::DefaultMaxRecentFiles);
    QCOMPARE(s.lastOpenDir(), QDir::homePath());
    QVERIFY(s.atcPath().isEmpty());
    QVERIFY(!s.verboseLogging());
    QVERIFY(s.uiLanguage().isEmpty()); // follow the system
}

void TestSettings::recentFiles_data()
{
    QTest::addColumn<QStringList>("added");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("newest first") << QStringList { "/m/a.onnx", "/m/b.onnx" }
                                  << QStringList { "/m/b.onnx", "/m/a.onnx" };
    QTest::newRow("re-adding moves to front")
        << QStringList { "/m/a.onnx", "/m/b.onnx", "/m/a.onnx" } << QStringList { "/m/a.onnx", "/m/b.onnx" };
    QTest::newRow("relative made absolute")
        << QStringList { "/m/x/../a.onnx", "/m/a.onnx" } << QStringList { "/m/a.onnx" };
}

void TestSettings::recentFiles()
{
    QFETCH(QStringList, added);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    Settings s(dir.filePath(QStringLiteral("s.ini")));
    for (const QString& f : added)
        s.addRecentFile(f);
    QCOMPARE(s.recentFiles(), expected);
    s.removeRecentFile(expected.first());
    QCOMPARE(s.recentFiles(), expected.mid(1));
}

void TestSettings::recentLimit()
{
    QTemporaryDir dir;
    Settings s(dir.filePath(QStringLiteral("s.ini")));
    for (int i = 0; i < 15; ++i)
        s.addRecentFile(QStringLiteral("/m/%1.onnx").arg(i));
    QCOMPARE(s.recentFiles().size(), Settings::DefaultMaxRecentFiles);
    QCOMPARE(s.recentFiles().first(), QStringLiteral("/m/14.onnx"));
    s.setMaxRecentFiles(3);
    QCOMPARE(s.recentFiles(), (QStringList { "/m/14.onnx", "/m/13.onnx", "/m/12.onnx" }));
    s.setMaxRecentFiles(0); // clamped to at least one
    QCOMPARE(s.maxRecentFiles(), 1);
    s.clearRecentFiles();
    QVERIFY(s.recentFiles().isEmpty());
}

void TestSettings::persistsAcrossInstances()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.ini"));
    {
        Settings s(file);
        s.addRecentFile(QStringLiteral("/m/a.onnx"));
        s.setAtcPath(QStringLiteral("/usr/local/Ascend/ascend-toolkit/latest/bin/atc"));
        s.setWindowGeometry(QByteArray("\x01\x02\x03", 3));
        s.setVerboseLogging(true);
        s.setUiLanguage(QStringLiteral("zh_CN"));
        s.sync();
    }
    Settings again(file);
    QCOMPARE(again.recentFiles(), QStringList { QStringLiteral("/m/a.onnx") });
    QCOMPARE(again.atcPath(), QStringLiteral("/usr/local/Ascend/ascend-toolkit/latest/bin/atc"));
    QCOMPARE(again.windowGeometry(), QByteArray("\x01\x02\x03", 3));
    QVERIFY(again.verboseLogging());
    QCOMPARE(again.uiLanguage(), QStringLiteral("zh_CN"));
    QCOMPARE(again.fileName(), file);
}

void TestSettings::hostsRoundTrip()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.ini"));
    Host board;
    board.name = "board";
    board.destination = "HwHiAiUser@192.168.1.2";
    Host lab { "lab", "me@lab.example", 2222, "/k/id_ed25519", "/opt/x/set_env.sh", "/data/wb" };
    {
        Settings s(file);
        QVERIFY(s.hosts().isEmpty());
        s.setHost(board);
        s.setHost(lab);
        board.port = 2200;
        s.setHost(board); // replaced in place, not appended
    }
    Settings s(file);
    QCOMPARE(s.hosts().size(), 2);
    QCOMPARE(s.hosts().at(0), board);
    QCOMPARE(s.hosts().at(1), lab);
    QCOMPARE(s.host("lab").value_or(Host {}), lab);
    QVERIFY(!s.host("nope"));
    QVERIFY(s.hosts().at(0).workDir.isEmpty()); // the default is not written out: it can change with the app
    QCOMPARE(s.hosts().at(0).effectiveWorkDir(), QStringLiteral("~/.cache/atc-workbench"));
    QVERIFY(s.removeHost("board"));
    QVERIFY(!s.removeHost("board"));
    QCOMPARE(s.hosts(), QList<Host> { lab });
}

void TestSettings::abandonedLock_data()
{
    QTest::addColumn<QByteArray>("contents"); // of FILE.lock; a null array: held by a live QLockFile
    QTest::addColumn<bool>("removed");
    QTest::newRow("empty: the writer died before filling it in") << QByteArray("") << true;
    QTest::newRow("unreadable") << QByteArray("not a pid\n") << true;
    QTest::newRow("held by this live process") << QByteArray() << false;
}

void TestSettings::abandonedLock()
{
    QFETCH(QByteArray, contents);
    QFETCH(bool, removed);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ini = dir.filePath(QStringLiteral("s.conf"));
    const QString lockPath = ini + QStringLiteral(".lock");
    QLockFile held(lockPath);
    if (contents.isNull()) {
        QVERIFY(held.tryLock(0));
    } else {
        QFile lock(lockPath);
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write(contents);
        lock.close();
    }
    QCOMPARE(wb::clearAbandonedLock(ini), removed);
    QCOMPARE(QFileInfo::exists(lockPath), !removed);
    if (removed) { // and the save that would have waited out Qt's 30 s stale-lock time goes through
        {
            wb::Settings settings(ini);
            settings.setToolkitHome(QStringLiteral("/opt/cann"));
            settings.sync();
        }
        QCOMPARE(wb::Settings(ini).toolkitHome(), QStringLiteral("/opt/cann"));
        QVERIFY(!QFileInfo::exists(lockPath));
    }
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
