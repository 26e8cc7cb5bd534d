// Finding and loading ONNX Runtime at run time: the search order, the error texts when it is missing or not
// built in, and (with scripts/fetch-ort.sh run before configuring) loading the copy in <build>/lib.
// The loading tests run in declaration order: nothing is loaded until loadsBundledCopy().
#include "../ortrequired.h"
#include "reference/ortruntime.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace wb;

namespace {

const char kNotBuilt[] = "ONNX Runtime support was not built in: run scripts/fetch-ort.sh and reconfigure";

// Options that can find nothing: an empty app folder, no $ORT_LIB, no system search.
OrtLoadOptions nowhere(const QString& emptyDir)
{
    OrtLoadOptions o;
    o.appLibDirs = { emptyDir };
    o.useEnvironment = false;
    o.searchSystem = false;
    return o;
}

} // namespace

class TestOrtLoader : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qunsetenv("ORT_LIB"); }

    void candidatesInOrder()
    {
        const QString exeDir = QCoreApplication::applicationDirPath();
        const QStringList defaults = onnxRuntimeCandidates({});
        QCOMPARE(defaults,
            (QStringList {
                QStringLiteral("app:") + QDir::cleanPath(exeDir + QStringLiteral("/../lib/libonnxruntime.so.1")),
                QStringLiteral("app:")
                    + QDir::cleanPath(exeDir + QStringLiteral("/../lib/atc-workbench/libonnxruntime.so.1")),
                QStringLiteral("system:libonnxruntime.so.1") }));

        OrtLoadOptions noSystem;
        noSystem.searchSystem = false;
        noSystem.appLibDirs = { QStringLiteral("/opt/x") };
        QCOMPARE(onnxRuntimeCandidates(noSystem), QStringList { QStringLiteral("app:/opt/x/libonnxruntime.so.1") });
    }

    void explicitChoicesWin()
    {
        QTemporaryDir dir;
        OrtLoadOptions setting;
        setting.explicitPath = dir.path(); // a folder means <folder>/libonnxruntime.so.1
        QCOMPARE(onnxRuntimeCandidates(setting),
            QStringList { QStringLiteral("setting:") + dir.path() + QStringLiteral("/libonnxruntime.so.1") });

        qputenv("ORT_LIB", "/custom/libonnxruntime.so.1.21.0");
        QCOMPARE(onnxRuntimeCandidates({}), QStringList { QStringLiteral("ORT_LIB:/custom/libonnxruntime.so.1.21.0") });
        setting.explicitPath = QStringLiteral("/from/settings.so"); // the setting beats the environment
        QCOMPARE(onnxRuntimeCandidates(setting), QStringList { QStringLiteral("setting:/from/settings.so") });
        OrtLoadOptions ignoreEnv;
        ignoreEnv.useEnvironment = false;
        ignoreEnv.searchSystem = false;
        ignoreEnv.appLibDirs = { QStringLiteral("/a") };
        QCOMPARE(onnxRuntimeCandidates(ignoreEnv), QStringList { QStringLiteral("app:/a/libonnxruntime.so.1") });
        qunsetenv("ORT_LIB");
    }

    // Whatever this build has, a missing runtime gives a message that says what to do.
    void errorTextWhenUnavailable()
    {
        QTemporaryDir dir;
        auto r = loadOnnxRuntime(nowhere(dir.path()));
        QVERIFY(!r.ok());
        if (!onnxRuntimeBuiltIn()) {
            QCOMPARE(r.error().code, QStringLiteral("ort_not_built"));
            QCOMPARE(r.error().message, QString::fromLatin1(kNotBuilt));
            return;
        }
        QCOMPARE(r.error().code, QStringLiteral("ort_not_found"));
        QCOMPARE(r.error().message,
            QStringLiteral("ONNX Runtime (libonnxruntime.so.1) was not found. Tried: app:%1/libonnxruntime.so.1 (no "
                           "such file). Run scripts/fetch-ort.sh and rebuild, point ORT_LIB at a "
                           "libonnxruntime.so.1, or install ONNX Runtime on the system.")
                .arg(dir.path()));
        QVERIFY(!loadedOnnxRuntime());
    }

    void wrongExplicitPaths()
    {
        if (!onnxRuntimeBuiltIn())
            WB_SKIP_MISSING(QString::fromLatin1(kNotBuilt));
        QTemporaryDir dir;
        OrtLoadOptions o = nowhere(dir.path());
        o.explicitPath = dir.filePath(QStringLiteral("missing.so"));
        auto missing = loadOnnxRuntime(o);
        QCOMPARE(missing.error().code, QStringLiteral("ort_not_found"));
        QCOMPARE(missing.error().message,
            QStringLiteral(
                "ONNX Runtime could not be loaded from the ONNX Runtime library setting: setting:%1 (no such "
                "file). Fix or clear the setting to use the bundled or system copy.")
                .arg(o.explicitPath));

        const QString text = dir.filePath(QStringLiteral("libonnxruntime.so.1"));
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a library\n");
        f.close();
        qputenv("ORT_LIB", dir.path().toUtf8());
        OrtLoadOptions env = nowhere(QStringLiteral("/nonexistent"));
        env.useEnvironment = true;
        auto notElf = loadOnnxRuntime(env);
        qunsetenv("ORT_LIB");
        QCOMPARE(notElf.error().code, QStringLiteral("ort_not_found"));
        QVERIFY2(notElf.error().message.startsWith(
                     QStringLiteral("ONNX Runtime could not be loaded from ORT_LIB: ORT_LIB:") + text),
            qPrintable(notElf.error().message));
        QVERIFY2(notElf.error().message.contains(QStringLiteral("Fix or unset ORT_LIB")),
            qPrintable(notElf.error().message));
        QVERIFY(!loadedOnnxRuntime());
    }

    void rejectsOtherLibraries()
    {
        if (!onnxRuntimeBuiltIn())
            WB_SKIP_MISSING(QString::fromLatin1(kNotBuilt));
        const QString libz = QStringLiteral("/lib/x86_64-linux-gnu/libz.so.1");
        if (!QFile::exists(libz))
            QSKIP("no libz.so.1 to try as a wrong library");
        OrtLoadOptions o;
        o.explicitPath = libz;
        auto r = loadOnnxRuntime(o);
        QCOMPARE(r.error().code, QStringLiteral("ort_not_found"));
        QVERIFY2(r.error().message.contains(QStringLiteral("not an ONNX Runtime library (no OrtGetApiBase symbol)")),
            qPrintable(r.error().message));
    }

    void loadsBundledCopy()
    {
        if (!onnxRuntimeBuiltIn())
            WB_SKIP_MISSING(QString::fromLatin1(kNotBuilt));
        const QString bundled
            = QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../lib/libonnxruntime.so.1"));
        if (!QFile::exists(bundled))
            WB_SKIP_MISSING(QStringLiteral("The build has the ONNX Runtime headers but no %1 (library missing from "
                                           "the fetch-ort.sh cache?)")
                                .arg(bundled));
        OrtLoadOptions o;
        o.useEnvironment = false;
        auto r = loadOnnxRuntime(o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r.value().source, QStringLiteral("app"));
        QCOMPARE(r.value().path, bundled);
        QVERIFY2(r.value().version.startsWith(QStringLiteral("1.")), qPrintable(r.value().version));
        QVERIFY(r.value().apiVersion >= 16);
        qInfo("Loaded ONNX Runtime %s (API %d) from %s", qPrintable(r.value().version), r.value().apiVersion,
            qPrintable(r.value().path));

        // Loaded once per process: later calls answer the same copy.
        QVERIFY(loadedOnnxRuntime());
        QCOMPARE(loadedOnnxRuntime()->path, bundled);
        QCOMPARE(loadOnnxRuntime({}).value().path, bundled);
        OrtLoadOptions same;
        same.explicitPath = bundled;
        QCOMPARE(loadOnnxRuntime(same).value().path, bundled);

        // Another existing copy cannot replace it without a restart.
        QTemporaryDir dir;
        const QString other = dir.filePath(QStringLiteral("libonnxruntime.so.1"));
        QVERIFY(QFile::copy(bundled, other));
        OrtLoadOptions switchTo;
        switchTo.explicitPath = other;
        auto again = loadOnnxRuntime(switchTo);
        QCOMPARE(again.error().code, QStringLiteral("ort_already_loaded"));
        QVERIFY2(again.error().message.contains(QStringLiteral("restart the application")),
            qPrintable(again.error().message));
        // A wrong setting is still reported as wrong.
        switchTo.explicitPath = dir.filePath(QStringLiteral("gone.so"));
        QCOMPARE(loadOnnxRuntime(switchTo).error().code, QStringLiteral("ort_not_found"));
    }
};

WB_TEST_GUILESS_MAIN(TestOrtLoader)
#include "tst_ortloader.moc"
