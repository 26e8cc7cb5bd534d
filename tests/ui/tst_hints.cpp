// Hints that fit: every hint and fix the app writes (the ATC error catalogue, the checks' findings, the toolkit
// how-to) names only pages, buttons and controls that exist in the real window, and its command-line form names
// none at all: flags and `atcwb` commands that exist instead.
#include "atc/atccheck.h"
#include "atc/toolkit.h"
#include "dialogs/settingsdialog.h"
#include "mainwindow.h"
#include "onnx/onnxmodel.h"
#include "parsing/atccatalogue.h"
#include "parsing/atclog.h"
#include "settings/settings.h"
#include "testutil.h"

#include <QAbstractButton>
#include <QAction>
#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace wb;

namespace {

// "&Settings…" -> "Settings", "SoC version:" -> "SoC version", "<b>Checks</b>" -> "Checks".
QString plain(QString text)
{
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    text.remove(tags).remove(QLatin1Char('&'));
    text = text.trimmed();
    while (text.endsWith(QLatin1Char(':')) || text.endsWith(QChar(0x2026)))
        text.chop(1);
    return text.trimmed();
}

struct Text {
    QString where; // "catalogue E10001", "finding opset_range"
    QString gui;
    QString cli;
};

} // namespace

class TestHints : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void guiNamesOnlyWhatExists_data();
    void guiNamesOnlyWhatExists();
    void cliNamesNoPage_data();
    void cliNamesNoPage();
    void adviceMatchesTheCase_data();
    void adviceMatchesTheCase();

private:
    void addRows();
    QTemporaryDir m_dir;
    Settings* m_settings = nullptr;
    MainWindow* m_window = nullptr;
    QStringList m_pages; // the page list's texts
    QSet<QString> m_controls; // buttons, actions, form labels, group boxes of the window and the Settings dialog
    QStringList m_commands; // atcwb's commands
    QList<Text> m_texts;
};

void TestHints::initTestCase()
{
    m_settings = new Settings(m_dir.filePath(QStringLiteral("settings.ini")));
    m_window = new MainWindow(*m_settings);
    m_window->show();
    QSignalSpy loaded(m_window, &MainWindow::loadFinished);
    m_window->openModel(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    QVERIFY(loaded.wait(20000));
    QVERIFY(loaded.first().first().toBool());

    const auto* nav = m_window->findChild<QListWidget*>(QStringLiteral("pageList"));
    QVERIFY(nav);
    for (int i = 0; i < nav->count(); ++i)
        m_pages.append(nav->item(i)->text());
    QVERIFY(m_pages.contains(QStringLiteral("Convert")));
    SettingsDialog settings(*m_settings, m_window);
    for (const QWidget* root : { static_cast<const QWidget*>(m_window), static_cast<const QWidget*>(&settings) }) {
        for (const QAbstractButton* b : root->findChildren<QAbstractButton*>())
            m_controls.insert(plain(b->text()));
        for (const QAction* a : root->findChildren<QAction*>())
            m_controls.insert(plain(a->text()));
        for (const QLabel* l : root->findChildren<QLabel*>())
            m_controls.insert(plain(l->text()));
        for (const QGroupBox* g : root->findChildren<QGroupBox*>())
            m_controls.insert(plain(g->title()));
    }
    m_controls.remove(QString());
    QVERIFY(m_controls.contains(QStringLiteral("Run ATC")));
    QVERIFY(m_controls.contains(QStringLiteral("Settings")));

    const wbtest::ProgramRun help = wbtest::runProgram(QStringLiteral(WB_BIN_DIR "/atcwb"), { "--help" });
    static const QRegularExpression command(QStringLiteral("^  ([a-z-]+) "), QRegularExpression::MultilineOption);
    for (auto it = command.globalMatch(QString::fromUtf8(help.out)); it.hasNext();)
        m_commands.append(it.next().captured(1));
    QVERIFY2(m_commands.contains(QStringLiteral("fix-shapes")), qPrintable(m_commands.join(' ')));
    addRows();
}

void TestHints::cleanupTestCase()
{
    delete m_window;
    delete m_settings;
}

// The whole catalogue, the findings of the checks on the test models under several option sets, and the toolkit
// how-to; each with its GUI and CLI form.
void TestHints::addRows()
{
    for (const CatalogueEntry& e : AtcErrorCatalogue::builtin().entries())
        m_texts.append({ QStringLiteral("catalogue %1").arg(e.key), e.hint, e.hintFor(HintForm::Cli) });
    QVERIFY(m_texts.size() > 100);
    m_texts.append({ QStringLiteral("toolkitHowTo"), toolkitHowTo(), toolkitHowTo(HintForm::Cli) });

    QList<AtcOptions> optionSets;
    AtcOptions bare;
    optionSets.append(bare);
    AtcOptions odd;
    odd.socVersion = QStringLiteral("Ascend999");
    odd.output = QStringLiteral("/nonexistent/dir/out.om");
    odd.inputShape = QStringLiteral("nosuch:1,2;input:1,3");
    odd.outNodes = QStringLiteral("missing_node:0");
    odd.dynamicBatchSize = QStringLiteral("1");
    odd.dynamicDims = QStringLiteral("1,2");
    optionSets.append(odd);
    AtcOptions ok;
    ok.socVersion = QStringLiteral("Ascend310P3");
    ok.output = m_dir.filePath(QStringLiteral("out"));
    optionSets.append(ok);
    const QDir models(QStringLiteral(WB_TEST_MODELS_DIR));
    int findings = 0;
    for (const QString& file : models.entryList({ QStringLiteral("*.onnx") }, QDir::Files, QDir::Name)) {
        const auto model = OnnxModel::load(models.filePath(file));
        if (!model.ok())
            continue;
        for (AtcOptions o : optionSets) {
            o.model = models.filePath(file);
            for (const AtcFinding& f : checkConversion(o, *model.value(), AtcToolkit()).findings) {
                ++findings;
                m_texts.append({ QStringLiteral("%1 on %2").arg(f.rule, file), f.fix, fixFor(f, HintForm::Cli) });
                m_texts.append(
                    { QStringLiteral("%1 message on %2").arg(f.rule, file), f.message, findingForCli(f).message });
            }
        }
    }
    QVERIFY2(findings > 50, qPrintable(QString::number(findings)));
}

void TestHints::guiNamesOnlyWhatExists_data()
{
    QTest::addColumn<QString>("text");
    QSet<QString> seen;
    for (const Text& t : std::as_const(m_texts)) {
        if (!t.gui.isEmpty() && !seen.contains(t.gui)) {
            seen.insert(t.gui);
            QTest::newRow(qPrintable(t.where)) << t.gui;
        }
    }
}

void TestHints::guiNamesOnlyWhatExists()
{
    QFETCH(QString, text);
    // "the Shapes page", "on the ATC Run page": the words before "page" are a page of the page list.
    static const QRegularExpression page(QStringLiteral("\\b((?:ATC )?[A-Z][a-z]+) pages?\\b"));
    for (auto it = page.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        QVERIFY2(m_pages.contains(name),
            qPrintable(
                QStringLiteral("no page '%1' (pages: %2) in: %3").arg(name, m_pages.join(QStringLiteral(", ")), text)));
    }
    QVERIFY2(!text.contains(QStringLiteral("Check page")) && !text.contains(QStringLiteral("Compare page")),
        qPrintable(text));
    // "*Run ATC*": a button, action, form label or box title of the window or the Settings dialog.
    static const QRegularExpression control(QStringLiteral("\\*([^*]+)\\*"));
    for (auto it = control.globalMatch(text); it.hasNext();) {
        const QString name = plain(it.next().captured(1));
        QVERIFY2(m_controls.contains(name), qPrintable(QStringLiteral("no control '%1' in: %2").arg(name, text)));
    }
    QVERIFY2(!text.contains(QLatin1String("atcwb ")), qPrintable(QStringLiteral("the GUI names a command: ") + text));
}

void TestHints::cliNamesNoPage_data()
{
    QTest::addColumn<QString>("text");
    QSet<QString> seen;
    for (const Text& t : std::as_const(m_texts)) {
        if (!t.cli.isEmpty() && !seen.contains(t.cli)) {
            seen.insert(t.cli);
            QTest::newRow(qPrintable(t.where)) << t.cli;
        }
    }
}

void TestHints::cliNamesNoPage()
{
    QFETCH(QString, text);
    static const QRegularExpression page(QStringLiteral("\\bpages?\\b"), QRegularExpression::CaseInsensitiveOption);
    QVERIFY2(!page.match(text).hasMatch(), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1Char('*')) || text.contains(QLatin1String("*.")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("Settings")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("button")), qPrintable(text));
    // atcwb's own option is --input-shape; --input_shape_range is ATC's and stays.
    static const QRegularExpression atcInputShape(QStringLiteral("--input_shape(?![A-Za-z0-9_])"));
    QVERIFY2(!atcInputShape.match(text).hasMatch() || text.contains(QLatin1String("atc by hand")), qPrintable(text));
    static const QRegularExpression command(QStringLiteral("\\batcwb ([a-z-]+)"));
    for (auto it = command.globalMatch(text); it.hasNext();) {
        const QString verb = it.next().captured(1);
        QVERIFY2(m_commands.contains(verb), qPrintable(QStringLiteral("no command '%1' in: %2").arg(verb, text)));
    }
}

void TestHints::adviceMatchesTheCase_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("lowerOpset"); // does the advice say to lower the opset?
    QTest::newRow("opset-11 op ATC does not know") << "E19010: No parser is registered for Op [Conv_52, optype "
                                                      "[ai.onnx::11::Convx]]."
                                                   << "E19010/op_type" << false;
    QTest::newRow("opset-23 Div") << "E19010: No parser is registered for Op [Div_3, optype [ai.onnx::23::Div]]."
                                  << "E19010/opset" << true;
    QTest::newRow("EZ9010 at opset 13") << "EZ9010: No parser is registered for Op [Foo_1, optype [ai.onnx::13::Foo]]."
                                        << "EZ9010/op_type" << false;
    QTest::newRow("no op named") << "E19010: No parser is registered for Op."
                                 << "E19010" << true;
}

void TestHints::adviceMatchesTheCase()
{
    QFETCH(QString, line);
    QFETCH(QString, key);
    QFETCH(bool, lowerOpset);
    const AtcLogResult r = parseAtcLog(line.toUtf8() + "\n");
    QVERIFY(!r.events.isEmpty());
    const AtcEvent& e = r.events.first();
    QCOMPARE(e.hintKey, key);
    static const QRegularExpression lower(
        QStringLiteral("(lower the opset|opset 18 or below|re-export the model at an opset)"),
        QRegularExpression::CaseInsensitiveOption);
    const bool saysLower = lower.match(e.hint).hasMatch() && !e.hint.contains(QLatin1String("will not help"));
    QVERIFY2(saysLower == lowerOpset, qPrintable(e.hint));
    QVERIFY2(!e.cliHint.contains(QLatin1String("page")), qPrintable(e.cliHint));
    QVERIFY(e.cliHint != e.hint);
}

WB_TEST_MAIN(TestHints)
#include "tst_hints.moc"
