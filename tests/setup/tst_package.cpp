// The Debian package as a user gets it: cpack -G DEB in this build folder, then dpkg -x into a scratch root and the
// programs run from there (atcwb and atc-workbench --version; a CPU run loads the ONNX Runtime the package ships,
// found beside the unpacked programs, not in the build or the cache). Checks the control fields (run-time
// dependencies incl. the dlopen'd Qt plugins' packages, no placeholder homepage or address), the copyright file, and
// lintian when it is installed (scripts/install-deps.sh installs it). Label "package"; takes about a minute.
#include "testutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestPackage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void controlFields();
    void layoutAndCopyright();
    void programsRunFromTheUnpackedRoot();
    void bundledOnnxRuntimeIsFound();
    void lintianClean();

private:
    QTemporaryDir m_dir;
    QString m_deb;
    QString m_root; // where dpkg -x unpacked it
};

void TestPackage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const wbtest::ProgramRun pack = wbtest::runProgram(QStringLiteral(WB_CPACK),
        { QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("-B"), m_dir.filePath(QStringLiteral("out")) },
        QProcessEnvironment::systemEnvironment(), QStringLiteral(WB_BUILD_DIR), 600000);
    QVERIFY2(pack.code == 0, qPrintable(pack.all()));
    const QStringList debs = QDir(m_dir.filePath(QStringLiteral("out"))).entryList({ QStringLiteral("*.deb") });
    QVERIFY2(debs.size() == 1, qPrintable(pack.all()));
    m_deb = m_dir.filePath(QStringLiteral("out/") + debs.first());
    QVERIFY2(m_deb.endsWith(QStringLiteral("atc-workbench_" WB_VERSION_STRING "_amd64.deb")), qPrintable(m_deb));
    m_root = m_dir.filePath(QStringLiteral("root"));
    const wbtest::ProgramRun unpack
        = wbtest::runProgram(QStringLiteral("dpkg"), { QStringLiteral("-x"), m_deb, m_root });
    QVERIFY2(unpack.code == 0, qPrintable(unpack.all()));
}

void TestPackage::controlFields()
{
    const wbtest::ProgramRun info = wbtest::runProgram(QStringLiteral("dpkg-deb"), { QStringLiteral("-f"), m_deb });
    QVERIFY2(info.code == 0, qPrintable(info.all()));
    const QString control = QString::fromUtf8(info.out);
    QVERIFY2(!control.contains(QStringLiteral("example"), Qt::CaseInsensitive), qPrintable(control));
    QVERIFY2(!control.contains(QStringLiteral("invalid"), Qt::CaseInsensitive), qPrintable(control));
    QVERIFY2(!control.contains(QStringLiteral("Homepage:")), qPrintable(control)); // there is none yet
    QVERIFY2(control.contains(QStringLiteral("Maintainer: ATC Workbench developers")), qPrintable(control));
    const QRegularExpression dependsLine(QStringLiteral("^Depends: (.*)$"), QRegularExpression::MultilineOption);
    const QString depends = dependsLine.match(control).captured(1);
    QVERIFY2(!depends.isEmpty(), qPrintable(control));
    // What the programs link (dpkg-shlibdeps) and what they load at run time (the SVG icon engine, the platform
    // plugins): each by its Debian 12 package name.
    for (const char* package : { "libqt6svg6", "libqt6gui6", "libqt6widgets6", "libqt6core6", "libqcustomplot2.1-qt6",
             "libonnx1", "libprotobuf32", "libspdlog1.10-fmt9", "libfmt9", "libstdc++6" }) {
        QVERIFY2(depends.contains(QRegularExpression(
                     QStringLiteral("(^|, )%1( |,|$)").arg(QRegularExpression::escape(QLatin1String(package))))),
            qPrintable(QStringLiteral("%1 missing from Depends: %2").arg(QLatin1String(package), depends)));
    }
    QVERIFY2(control.contains(QRegularExpression(
                 QStringLiteral("^Recommends: .*qt6-qpa-plugins"), QRegularExpression::MultilineOption)),
        qPrintable(control));
}

void TestPackage::layoutAndCopyright()
{
    for (const char* file : { "/usr/bin/atc-workbench", "/usr/bin/atcwb", "/usr/bin/om-runner",
             "/usr/lib/atc-workbench/libonnxruntime.so.1", "/usr/share/applications/atc-workbench.desktop",
             "/usr/share/icons/hicolor/scalable/apps/atc-workbench.svg", "/usr/share/doc/atc-workbench/copyright",
             "/usr/share/doc/atc-workbench/changelog.gz", "/usr/share/man/man1/atcwb.1.gz" })
        QVERIFY2(QFileInfo::exists(m_root + QLatin1String(file)), file);
    // The library fetch-ort.sh verified, byte for byte.
    QCOMPARE(QCryptographicHash::hash(readAll(m_root + QStringLiteral("/usr/lib/atc-workbench/libonnxruntime.so.1")),
                 QCryptographicHash::Sha256)
                 .toHex(),
        QByteArray("5715f06d8992ca8eeeddcce43df3a7d38f97d537052126f558e912cb312460ca"));
    const QString copyright
        = QString::fromUtf8(readAll(m_root + QStringLiteral("/usr/share/doc/atc-workbench/copyright")));
    // Ours: GPL-3.0-or-later (it links QCustomPlot, GPL-3.0), as the LICENSE file and the AppStream metadata say.
    QVERIFY2(
        copyright.contains(QStringLiteral("Files: *\nCopyright: 2026 ATC Workbench developers\nLicense: GPL-3+\n")),
        qPrintable(copyright));
    QVERIFY2(copyright.contains(QStringLiteral("/usr/share/common-licenses/GPL-3")), qPrintable(copyright));
    QVERIFY2(!copyright.contains(QStringLiteral("not-yet-stated")), qPrintable(copyright));
    QVERIFY2(readAll(m_root + QStringLiteral("/usr/share/metainfo/io.github.atcworkbench.metainfo.xml"))
                 .contains("<project_license>GPL-3.0-or-later</project_license>"),
        "the AppStream metadata names no project licence");
    // The bundled ONNX Runtime's MIT licence must travel with it.
    QVERIFY2(copyright.contains(QStringLiteral("Files: usr/lib/atc-workbench/libonnxruntime*")), qPrintable(copyright));
    QVERIFY2(copyright.contains(QStringLiteral("License: MIT")), qPrintable(copyright));
    QVERIFY2(copyright.contains(QStringLiteral("Copyright (c) Microsoft Corporation")), qPrintable(copyright));
    QVERIFY(QFileInfo::exists(
        m_root + QStringLiteral("/usr/share/doc/atc-workbench/onnxruntime-ThirdPartyNotices.txt.gz")));
    // No test double is shipped.
    const wbtest::ProgramRun list = wbtest::runProgram(QStringLiteral("dpkg-deb"), { QStringLiteral("-c"), m_deb });
    QVERIFY2(!list.all().contains(QStringLiteral("fake")), qPrintable(list.all()));
}

void TestPackage::programsRunFromTheUnpackedRoot()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("LD_LIBRARY_PATH"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const wbtest::ProgramRun cli
        = wbtest::runProgram(m_root + QStringLiteral("/usr/bin/atcwb"), { QStringLiteral("--version") }, env);
    QVERIFY2(cli.code == 0, qPrintable(cli.all()));
    QCOMPARE(cli.out.trimmed(), QByteArray("atcwb " WB_VERSION_STRING));
    const wbtest::ProgramRun gui
        = wbtest::runProgram(m_root + QStringLiteral("/usr/bin/atc-workbench"), { QStringLiteral("--version") }, env);
    QVERIFY2(gui.code == 0, qPrintable(gui.all()));
    QCOMPARE(gui.out.trimmed(), QByteArray("atc-workbench " WB_VERSION_STRING));
    const wbtest::ProgramRun runner
        = wbtest::runProgram(m_root + QStringLiteral("/usr/bin/om-runner"), { QStringLiteral("--version") }, env);
    QVERIFY2(runner.code == 0, qPrintable(runner.all()));
    // Nothing points back into the build: no RPATH/RUNPATH in the shipped programs, every library resolves.
    for (const char* program : { "atc-workbench", "atcwb", "om-runner" }) {
        const QString path = m_root + QStringLiteral("/usr/bin/") + QLatin1String(program);
        const wbtest::ProgramRun dyn = wbtest::runProgram(QStringLiteral("readelf"), { QStringLiteral("-d"), path });
        QVERIFY2(dyn.code == 0, qPrintable(dyn.all()));
        QVERIFY2(!dyn.out.contains("RPATH") && !dyn.out.contains("RUNPATH"), qPrintable(dyn.all()));
        const wbtest::ProgramRun ldd = wbtest::runProgram(QStringLiteral("ldd"), { path }, env);
        QVERIFY2(ldd.code == 0 && !ldd.out.contains("not found"), qPrintable(ldd.all()));
    }
}

void TestPackage::bundledOnnxRuntimeIsFound()
{
    // The programs never link ONNX Runtime: wb_core dlopen()s <exe dir>/../lib/atc-workbench/libonnxruntime.so.1
    // (README "Where the library is looked for"), so it is found from wherever the package is unpacked.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : { "LD_LIBRARY_PATH", "ORT_LIB" })
        env.remove(QLatin1String(name));
    env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home"))); // no settings, no run history
    const wbtest::ProgramRun run = wbtest::runProgram(m_root + QStringLiteral("/usr/bin/atcwb"),
        { QStringLiteral("bench"), wbtest::modelPath(QStringLiteral("resnet_static.onnx")), QStringLiteral("--target"),
            QStringLiteral("cpu"), QStringLiteral("--loops"), QStringLiteral("2"), QStringLiteral("--warmup"),
            QStringLiteral("0"), QStringLiteral("--no-save"), QStringLiteral("--json") },
        env, {}, 120000);
    QVERIFY2(run.code == 0, qPrintable(run.all()));
    const QJsonObject result = QJsonDocument::fromJson(run.out).object();
    QVERIFY2(result.value(QStringLiteral("ok")).toBool(), qPrintable(run.all()));
    QCOMPARE(result.value(QStringLiteral("toolkit")).toString(),
        QStringLiteral("ONNX Runtime 1.29.0 (%1/usr/lib/atc-workbench/libonnxruntime.so.1)").arg(m_root));
}

void TestPackage::lintianClean()
{
    const QString lintian = QStandardPaths::findExecutable(QStringLiteral("lintian"));
    if (lintian.isEmpty())
        WB_SKIP_MISSING(QStringLiteral("lintian is not installed (scripts/install-deps.sh installs it)"));
    // Tags that stay are overridden in the package itself (packaging/lintian-overrides, each with its reason);
    // anything else at warning level or above fails.
    const wbtest::ProgramRun run = wbtest::runProgram(lintian,
        { QStringLiteral("--fail-on"), QStringLiteral("error,warning"), QStringLiteral("--no-tag-display-limit"),
            m_deb },
        QProcessEnvironment::systemEnvironment(), {}, 600000);
    QVERIFY2(run.code == 0, qPrintable(run.all()));
    qInfo("lintian: %s", run.out.trimmed().isEmpty() ? "no tags" : run.out.trimmed().constData());
}

WB_TEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
