// Toolkit discovery against fake toolkit trees (faketoolkit.h): search order, both install layouts, version files,
// SoCs from platform_config, set_env.sh captured in a subshell, `atc --help` probed with a timeout, the cache.
#include "atc/atcoptions.h"
#include "atc/toolkit.h"
#include "atc/validate.h"
#include "faketoolkit.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

using namespace wb;

namespace {

QProcessEnvironment env(const QStringList& assignments)
{
    QProcessEnvironment e;
    e.insert("PATH", "/usr/bin:/bin");
    for (const QString& a : assignments)
        e.insert(a.section('=', 0, 0), a.section('=', 1));
    return e;
}

} // namespace

class TestAtcToolkit : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void defaultRoots();
    void searchOrder_data();
    void searchOrder();
    void notFound();
    void versionFiles_data();
    void versionFiles();
    void parseHelp();
    void parseEnv();
    void discoverClassicLayout();
    void discoverCannLayout();
    void discoveryIsCached();
    void setEnvPathIsAnArgument();
    void hangingHelpTimesOut();
    void validateUsesTheProbedToolkit();

private:
    QTemporaryDir m_dir;
    QString m_classic, m_cann, m_old; // toolkit folders of the three layouts
};

void TestAtcToolkit::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_classic = faketk::make(m_dir.filePath("classic"));
    faketk::Spec cann;
    cann.layout = "cann";
    cann.version = "8.5.0";
    cann.socs = { "Ascend310B4" };
    m_cann = faketk::make(m_dir.filePath("cann"), cann);
    faketk::Spec old;
    old.layout = "old";
    old.version = "5.0.4";
    m_old = faketk::make(m_dir.filePath("old"), old);
    QVERIFY(!m_classic.isEmpty() && !m_cann.isEmpty() && !m_old.isEmpty());
}

void TestAtcToolkit::defaultRoots()
{
    QCOMPARE(defaultInstallRoots(env({ "HOME=/home/u" })),
        (QStringList { "/usr/local/Ascend/ascend-toolkit/latest", "/home/u/Ascend/ascend-toolkit/latest",
            "/usr/local/Ascend/cann", "/home/u/Ascend/cann" }));
    QCOMPARE(ToolkitSearch::fromEnvironment(env({ "HOME=/h" })).defaultRoots.size(), 4);
}

void TestAtcToolkit::searchOrder_data()
{
    // Each row sets some places; $C / $N / $O stand for the classic, cann and old toolkit folders.
    QTest::addColumn<QString>("settingsAtc");
    QTest::addColumn<QString>("settingsHome");
    QTest::addColumn<QStringList>("vars");
    QTest::addColumn<QStringList>("roots");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("home");
    QTest::newRow("settings atc beats everything")
        << "$C/bin/atc"
        << "$N" << QStringList { "PATH=$N/bin", "ASCEND_TOOLKIT_HOME=$N" } << QStringList { "$N" } << "settings"
        << "$C";
    QTest::newRow("settings home beats PATH")
        << ""
        << "$N" << QStringList { "PATH=$C/bin" } << QStringList {} << "settings-home"
        << "$N";
    QTest::newRow("stale settings fall through")
        << "/nope/atc"
        << "/nope" << QStringList { "PATH=/usr/bin:$C/bin" } << QStringList {} << "PATH"
        << "$C";
    QTest::newRow("PATH beats ASCEND_TOOLKIT_HOME")
        << ""
        << "" << QStringList { "PATH=$N/bin", "ASCEND_TOOLKIT_HOME=$C" } << QStringList {} << "PATH"
        << "$N";
    QTest::newRow("ASCEND_TOOLKIT_HOME beats ASCEND_HOME_PATH")
        << ""
        << "" << QStringList { "ASCEND_TOOLKIT_HOME=$C", "ASCEND_HOME_PATH=$N" } << QStringList { "$N" }
        << "ASCEND_TOOLKIT_HOME"
        << "$C";
    QTest::newRow("ASCEND_HOME_PATH beats default roots")
        << ""
        << "" << QStringList { "ASCEND_HOME_PATH=$N" } << QStringList { "$C" } << "ASCEND_HOME_PATH"
        << "$N";
    QTest::newRow("default roots in order") << ""
                                            << "" << QStringList {} << QStringList { "/nope", "$N", "$C" } << "default"
                                            << "$N";
    QTest::newRow("CANN <= 5 atc/bin/atc")
        << ""
        << "" << QStringList { "ASCEND_TOOLKIT_HOME=$O" } << QStringList {} << "ASCEND_TOOLKIT_HOME"
        << "$O";
}

void TestAtcToolkit::searchOrder()
{
    QFETCH(QString, settingsAtc);
    QFETCH(QString, settingsHome);
    QFETCH(QStringList, vars);
    QFETCH(QStringList, roots);
    QFETCH(QString, source);
    QFETCH(QString, home);
    auto expand = [this](QString s) { return s.replace("$C", m_classic).replace("$N", m_cann).replace("$O", m_old); };
    ToolkitSearch search;
    QStringList assignments;
    for (const QString& v : vars)
        assignments.append(expand(v));
    search.environment = env(assignments);
    search.settingsAtcPath = expand(settingsAtc);
    search.settingsToolkitHome = expand(settingsHome);
    for (const QString& r : roots)
        search.defaultRoots.append(expand(r));
    QStringList searched;
    const auto found = locateToolkit(search, &searched);
    QVERIFY2(found, qPrintable(searched.join(", ")));
    QCOMPARE(found->source, source);
    QCOMPARE(QFileInfo(found->home).canonicalFilePath(), QFileInfo(expand(home)).canonicalFilePath());
    QVERIFY(QFileInfo(found->atcPath).isExecutable());
}

void TestAtcToolkit::notFound()
{
    ToolkitSearch search;
    search.environment = env({ "ASCEND_TOOLKIT_HOME=/nope/tk" });
    search.defaultRoots = { m_dir.filePath("nothing-here") };
    const AtcToolkit tk = discoverToolkit(search);
    QVERIFY(!tk.isValid());
    QCOMPARE(tk.searched, (QStringList { "PATH", "$ASCEND_TOOLKIT_HOME (/nope/tk)", m_dir.filePath("nothing-here") }));
    QVERIFY(toolkitStatus(tk).startsWith("No ATC found"));
    QVERIFY(toolkitStatus(tk).contains("/nope/tk"));
    QCOMPARE(socVersionsFor(tk), builtinSocVersions());
    QVERIFY(tk.supportsFlag("anything")); // nothing known: nothing refused
}

void TestAtcToolkit::versionFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("version");
    QTest::newRow("ascend_toolkit_install.info") << "x86_64-linux/ascend_toolkit_install.info"
                                                 << "package_name=Ascend-cann-toolkit\nversion=8.0.RC1\n"
                                                 << "8.0.RC1";
    QTest::newRow("ascend_ops_install.info (8.5)") << "aarch64-linux/ascend_ops_install.info"
                                                   << "Version = 8.5.0\n"
                                                   << "8.5.0";
    QTest::newRow("version.cfg")
        << "version.cfg"
        << "runtime_running_version=[1.84.15.1.310:6.0.1]\ntoolkit_running_version=[1.84.15.1.310:6.0.1]\n"
        << "6.0.1";
    QTest::newRow("compiler/version.info") << "compiler/version.info"
                                           << "Version=7.0.0\nversion_dir=7.0.0\n"
                                           << "7.0.0";
    QTest::newRow("none") << "README"
                          << "nothing\n"
                          << "";
}

void TestAtcToolkit::versionFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, content);
    QFETCH(QString, version);
    QTemporaryDir dir;
    QVERIFY(faketk::writeFile(dir.filePath(file), content));
    const ToolkitVersion v = readToolkitVersion(dir.path());
    QCOMPARE(v.version, version);
    QCOMPARE(v.file, version.isEmpty() ? QString() : dir.filePath(file));
}

void TestAtcToolkit::parseHelp()
{
    const QSet<QString> flags
        = parseAtcHelp("ATC start working now, please wait for a moment.\nusage: atc <args>\n"
                       "===== Basic Functionality =====\n[General]\n"
                       "  --mode               Run mode.\n  --soc_version   The soc version.\n"
                       "    e.g. --input_shape inside a sentence is no flag line\nText --not_a_flag\n");
    QCOMPARE(flags, (QSet<QString> { "mode", "soc_version" }));
}

void TestAtcToolkit::parseEnv()
{
    const QProcessEnvironment e = parseEnvDump(QByteArray("A=1\0B=x=y\0EMPTY=\0MULTI=l1\nl2\0", 29));
    QCOMPARE(e.value("A"), QString("1"));
    QCOMPARE(e.value("B"), QString("x=y"));
    QVERIFY(e.contains("EMPTY"));
    QCOMPARE(e.value("MULTI"), QString("l1\nl2"));
}

void TestAtcToolkit::discoverClassicLayout()
{
    clearToolkitCache();
    ToolkitSearch search;
    search.environment = env({ "ASCEND_TOOLKIT_HOME=" + m_classic, "KEEP_ME=yes" });
    const AtcToolkit tk = discoverToolkit(search);
    QVERIFY(tk.isValid());
    QCOMPARE(tk.atcPath, m_classic + "/bin/atc");
    QCOMPARE(tk.version, QString("8.0.0"));
    QVERIFY(tk.versionFile.endsWith("x86_64-linux/ascend_toolkit_install.info"));
    QCOMPARE(tk.socVersions, (QStringList { "Ascend310P3", "Ascend910B3" }));
    QCOMPARE(tk.setEnvScript, QDir::cleanPath(m_classic + "/../set_env.sh"));
    QCOMPARE(tk.environment.value("ASCEND_OPP_PATH"), m_classic + "/opp");
    QVERIFY(tk.environment.value("PATH").startsWith(m_classic + "/bin:"));
    QCOMPARE(tk.environment.value("KEEP_ME"), QString("yes"));
    QVERIFY(tk.flags.contains("soc_version") && tk.flags.contains("dynamic_batch_size"));
    QVERIFY(!tk.flags.contains("precision_mode_v2"));
    QVERIFY2(tk.notes.isEmpty(), qPrintable(tk.notes.join(" | ")));
    QVERIFY(toolkitStatus(tk).startsWith("CANN 8.0.0 at " + m_classic + "/bin/atc (2 SoCs, 11 flags)"));
}

void TestAtcToolkit::discoverCannLayout()
{
    ToolkitSearch search = ToolkitSearch::fromEnvironment(env({ "HOME=/nonexistent" }));
    search.defaultRoots.append(m_cann); // where /usr/local/Ascend/cann would be
    const AtcToolkit tk = discoverToolkit(search);
    QVERIFY(tk.isValid());
    QCOMPARE(tk.source, QString("default"));
    QCOMPARE(tk.version, QString("8.5.0"));
    QVERIFY(tk.versionFile.endsWith("ascend_ops_install.info"));
    QCOMPARE(tk.socVersions, QStringList { "Ascend310B4" });
    QCOMPARE(tk.setEnvScript, m_cann + "/set_env.sh");
    QCOMPARE(tk.environment.value("ASCEND_HOME_PATH"), m_cann);
}

void TestAtcToolkit::discoveryIsCached()
{
    clearToolkitCache();
    ToolkitSearch search;
    search.environment = env({ "ASCEND_TOOLKIT_HOME=" + m_classic });
    const int runsBefore = faketk::probeRuns(m_classic);
    const int probesBefore = toolkitProbeCount();
    const AtcToolkit first = discoverToolkit(search);
    QCOMPARE(toolkitProbeCount() - probesBefore, 2); // set_env.sh once, atc --help once
    QCOMPARE(faketk::probeRuns(m_classic) - runsBefore, 1);
    search.settingsToolkitHome = m_classic; // found another way: same toolkit, still cached
    const AtcToolkit second = discoverToolkit(search);
    QCOMPARE(toolkitProbeCount() - probesBefore, 2);
    QCOMPARE(second.source, QString("settings-home"));
    QCOMPARE(second.flags, first.flags);
    clearToolkitCache();
    discoverToolkit(search);
    QCOMPARE(toolkitProbeCount() - probesBefore, 4);
    QCOMPARE(faketk::probeRuns(m_classic) - runsBefore, 2);
}

void TestAtcToolkit::setEnvPathIsAnArgument()
{
    // A folder name a shell would choke on if it were pasted into the command text.
    QTemporaryDir dir;
    const QString root = dir.filePath("it's $(echo no) & \"odd\"");
    const QString home = faketk::make(root);
    QVERIFY(!home.isEmpty());
    ToolkitSearch search;
    search.environment = env({ "ASCEND_TOOLKIT_HOME=" + home });
    const AtcToolkit tk = discoverToolkit(search);
    QVERIFY2(tk.notes.isEmpty(), qPrintable(tk.notes.join(" | ")));
    QCOMPARE(tk.environment.value("ASCEND_TOOLKIT_HOME"), home);
    QVERIFY(tk.flags.contains("model"));
}

void TestAtcToolkit::hangingHelpTimesOut()
{
    QTemporaryDir dir;
    faketk::Spec spec;
    spec.hangOnHelp = true;
    const QString home = faketk::make(dir.path(), spec);
    ToolkitSearch search;
    search.environment = env({ "ASCEND_TOOLKIT_HOME=" + home });
    search.probeTimeoutMs = 700;
    QElapsedTimer timer;
    timer.start();
    const AtcToolkit tk = discoverToolkit(search);
    QVERIFY(timer.elapsed() < 10000);
    QVERIFY(tk.isValid());
    QVERIFY(tk.flags.isEmpty());
    QVERIFY2(tk.notes.join(" ").contains("did not finish within"), qPrintable(tk.notes.join(" | ")));
    QVERIFY(tk.supportsFlag("precision_mode_v2")); // unknown flags are not refused
}

void TestAtcToolkit::validateUsesTheProbedToolkit()
{
    ToolkitSearch search;
    search.environment = env({ "ASCEND_TOOLKIT_HOME=" + m_classic });
    const AtcToolkit tk = discoverToolkit(search);
    AtcOptions o;
    o.model = wbtest::modelPath("resnet_static.onnx");
    o.output = m_dir.filePath("resnet");
    o.socVersion = "Ascend310B1"; // not in this toolkit's platform_config
    o.precisionModeV2 = "fp16"; // not in its --help
    QStringList rules;
    for (const AtcFinding& f : validate(o, nullptr, tk))
        rules.append(f.rule + ":" + f.field);
    QCOMPARE(rules, (QStringList { "soc_unknown:soc_version", "flag_unsupported:precision_mode_v2" }));
}

QTEST_GUILESS_MAIN(TestAtcToolkit)
#include "tst_atctoolkit.moc"
