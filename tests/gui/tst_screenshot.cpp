// atc-workbench's own command line: --help/--version, and --screenshot waiting for the model to load.
#include "testutil.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>

class TestScreenshot : public QObject {
    Q_OBJECT
private slots:
    void helpAndVersion();
    void badPage();
    void screenshotOfModel();
    void screenshotOfBadModel();
    void recipeAndWindowSize();
    void badWindowSize();
    void badLanguage();
    void darkPalette();
    void compareDialog();
    void settingsDialog();
    void runForAPictureIsNotKept();
    void savedAtcLog();

private:
    static int run(
        const QStringList& args, QByteArray* out = nullptr, QByteArray* err = nullptr, const QString& dataHome = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        if (!dataHome.isEmpty())
            env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
        const wbtest::ProgramRun r
            = wbtest::runProgram(QStringLiteral(WB_BIN_DIR "/atc-workbench"), args, env, {}, 120000);
        if (out)
            *out = r.out;
        if (err)
            *err = r.err;
        return r.code;
    }
};

void TestScreenshot::helpAndVersion()
{
    QByteArray out;
    QCOMPARE(run({ QStringLiteral("--help") }, &out), 0);
    QVERIFY(out.contains("--screenshot <FILE>"));
    QVERIFY(out.contains("--page <NAME>"));
    QCOMPARE(run({ QStringLiteral("--version") }, &out), 0);
    QVERIFY(out.contains("atc-workbench 0."));
}

void TestScreenshot::badPage()
{
    QByteArray err;
    QCOMPARE(run({ QStringLiteral("--page"), QStringLiteral("nope") }, nullptr, &err), 2);
    QVERIFY(err.contains("unknown page 'nope'"));
}

void TestScreenshot::screenshotOfModel()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("shot.png"));
    QByteArray out;
    QCOMPARE(run({ QStringLiteral("--screenshot"), png, QStringLiteral("--page"), QStringLiteral("model"),
                     wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")) },
                 &out),
        0);
    QVERIFY(out.contains("shot.png"));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1280, 800));
    // Not a blank window: the dynamic-dimension chips use a distinctive amber.
    int amber = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() == 0xff && c.green() == 0xc1 && c.blue() == 0x4d)
                ++amber;
        }
    }
    QVERIFY2(amber > 20, qPrintable(QString::number(amber)));
}

void TestScreenshot::screenshotOfBadModel()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("bad.png"));
    QCOMPARE(run({ QStringLiteral("--screenshot"), png, wbtest::modelPath(QStringLiteral("truncated.onnx")) }), 1);
    QVERIFY(!QImage(png).isNull()); // the picture of the error is still written
}

void TestScreenshot::recipeAndWindowSize()
{
    QTemporaryDir dir;
    const QString recipe = dir.filePath(QStringLiteral("dyn.recipe.json"));
    QFile f(recipe);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral(R"({"recipe": "atc-workbench", "version": 1, "mode": 0, "flags": {"model": "%1",
        "soc_version": "Ascend310P3", "input_shape": "input:-1,3,224,224", "dynamic_batch_size": "1,2,4,8"}})")
                .arg(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")))
                .toUtf8());
    f.close();
    const QString png = dir.filePath(QStringLiteral("recipe.png"));
    QCOMPARE(run({ QStringLiteral("--screenshot"), png, QStringLiteral("--page"), QStringLiteral("convert"),
                 QStringLiteral("--window-size"), QStringLiteral("1000x900"), recipe }),
        0);
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1000, 900));
    // The recipe's model opened (its amber batch chip is in the shape table) on the Convert page.
    int amber = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            amber += c.red() == 0xff && c.green() == 0xc1 && c.blue() == 0x4d ? 1 : 0;
        }
    }
    QVERIFY2(amber > 20, qPrintable(QString::number(amber)));
}

void TestScreenshot::badLanguage()
{
    QByteArray err;
    QCOMPARE(run({ QStringLiteral("--lang"), QStringLiteral("fr_FR") }, nullptr, &err), 2);
    QVERIFY(err.contains("unknown language 'fr_FR'; choose one of: en, zh_CN"));
}

void TestScreenshot::darkPalette()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("dark.png"));
    QCOMPARE(run({ QStringLiteral("--screenshot"), png, QStringLiteral("--palette"), QStringLiteral("dark"),
                 QStringLiteral("--page"), QStringLiteral("model"),
                 wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")) }),
        0);
    const QImage image(png);
    QVERIFY(!image.isNull());
    // Mostly dark: the window colour of theme::darkPalette() fills most of the picture.
    qint64 dark = 0, all = 0;
    for (int y = 0; y < image.height(); y += 4) {
        for (int x = 0; x < image.width(); x += 4) {
            ++all;
            dark += image.pixelColor(x, y).lightness() < 80 ? 1 : 0;
        }
    }
    QVERIFY2(dark * 2 > all, qPrintable(QStringLiteral("%1 of %2").arg(dark).arg(all)));
    QByteArray err;
    QCOMPARE(run({ QStringLiteral("--palette"), QStringLiteral("neon") }, nullptr, &err), 2);
    QVERIFY(err.contains("--palette takes system, light or dark"));
}

void TestScreenshot::compareDialog()
{
    // --compare opens the dialog, and the screenshot is of the dialog, not the main window.
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("compare.png"));
    QCOMPARE(run({ QStringLiteral("--screenshot"), png, QStringLiteral("--compare"), dir.path(),
                 QStringLiteral("--against"), dir.path() }),
        0);
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY2(image.size() != QSize(1280, 800), "the main window was grabbed, not the dialog");
    QByteArray err;
    QCOMPARE(run({ QStringLiteral("--compare"), dir.path() }, nullptr, &err), 2);
    QVERIFY(err.contains("--compare and --against go together"));
}

// --page settings: the picture is the Settings dialog over the window, in the language asked for, at its own size.
void TestScreenshot::settingsDialog()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("settings.png"));
    QCOMPARE(run({ QStringLiteral("--screenshot"), png, QStringLiteral("--page"), QStringLiteral("settings"),
                 QStringLiteral("--lang"), QStringLiteral("zh_CN"), QStringLiteral("--window-size"),
                 QStringLiteral("1024x700") }),
        0);
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY2(image.size() != QSize(1024, 700), "the main window was grabbed, not the dialog");
}

void TestScreenshot::runForAPictureIsNotKept()
{
    // --run-cpu for a screenshot must not add to the user's run history (nor need ONNX Runtime to exit cleanly).
    QTemporaryDir data;
    const QString png = data.filePath(QStringLiteral("run.png"));
    QCOMPARE(run({ QStringLiteral("--screenshot"), png, QStringLiteral("--page"), QStringLiteral("run"),
                     QStringLiteral("--run-cpu"), wbtest::modelPath(QStringLiteral("resnet_static.onnx")) },
                 nullptr, nullptr, data.path()),
        0);
    QVERIFY(!QImage(png).isNull());
    QVERIFY2(!QFileInfo::exists(data.filePath(QStringLiteral("atc-workbench/atc-workbench/runs"))),
        "the screenshot's run was stored in the user's history");
}

void TestScreenshot::badWindowSize()
{
    QByteArray err;
    QCOMPARE(run({ QStringLiteral("--window-size"), QStringLiteral("big") }, nullptr, &err), 2);
    QVERIFY(err.contains("--window-size takes WIDTHxHEIGHT"));
}

void TestScreenshot::savedAtcLog()
{
    // No model: the ATC Run page shows a recorded ATC failure, its error lines in red (theme::text(Error), light).
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("atc.png"));
    QCOMPARE(run({ QStringLiteral("--screenshot"), png, QStringLiteral("--atc-log"),
                 QStringLiteral(WB_TEST_DATA_DIR "/atc/fail_e19010_no_parser_msit_fixture.log") }),
        0);
    const QImage image(png);
    QVERIFY(!image.isNull());
    int red = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            red += c.red() == 0xb0 && c.green() == 0x00 && c.blue() == 0x20 ? 1 : 0;
        }
    }
    QVERIFY2(red > 50, qPrintable(QString::number(red)));
}

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
