// The zh_CN translation: compiled in and installed on request, every message translated with its placeholders
// intact, the .ts in step with the tr() strings of the sources, and a window that actually shows it.
#include "atc/atccheck.h"
#include "atc/conversion.h"
#include "atc/conversiontext.h"
#include "atc/validate.h"
#include "dialogs/settingsdialog.h"
#include "i18n.h"
#include "mainwindow.h"
#include "om/omlint.h"
#include "onnx/onnxmodel.h"
#include "onnx/shapeinference.h"
#include "onnx/shapespec.h"
#include "pages/conversionpage.h"
#include "pages/convertpage.h"
#include "parsing/atccatalogue.h"
#include "reference/accuracy.h"
#include "remote/omrunnerhost.h"
#include "remote/probe.h"
#include "remote/remotetext.h"
#include "run/bench.h"
#include "run/benchtext.h"
#include "run/runexplain.h"
#include "settings/settings.h"
#include "testutil.h"
#include "util/safepath.h"
#include "widgets/findingslist.h"

#include <QAbstractButton>
#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLibraryInfo>
#include <QPushButton>
#include <QTableWidget>

#include <QFile>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

using namespace wb;

namespace {

const QString kTs = QStringLiteral(WB_SOURCE_DIR "/translations/atc-workbench_zh_CN.ts");

struct TsMessage {
    QString context;
    QString source;
    QStringList translations; // one per numerus form, or one
    bool unfinished = false;
};

QList<TsMessage> readTs(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return {};
    }
    QList<TsMessage> out;
    QXmlStreamReader xml(&f);
    QString context;
    TsMessage current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("message"))
            current = { context, {}, {}, false };
        else if (xml.name() == QLatin1String("source"))
            current.source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            current.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            // Either text, or <numerusform> children.
            QString text;
            while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    current.translations.append(xml.readElementText());
            }
            if (current.translations.isEmpty())
                current.translations.append(text);
            out.append(current);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

// "&Settings…" -> "Settings", "SoC 版本：" -> "SoC 版本", "<b>Checks</b>" -> "Checks".
QString plainLabel(QString text)
{
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    static const QRegularExpression accelerator(QStringLiteral("\\(&[A-Za-z]\\)"));
    text.remove(tags).remove(accelerator).remove(QLatin1Char('&'));
    text = text.trimmed();
    while (text.endsWith(QLatin1Char(':')) || text.endsWith(QChar(0xff1a)) || text.endsWith(QChar(0x2026)))
        text.chop(1);
    return text.trimmed();
}

// Whether the text has Chinese in it: a translated sentence always does, an English one never.
bool hasChinese(const QString& text)
{
    return std::any_of(
        text.cbegin(), text.cend(), [](QChar c) { return c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff; });
}

QStringList placeholders(const QString& text)
{
    static const QRegularExpression ph(QStringLiteral("%(\\d+|n)"));
    QStringList found;
    for (auto it = ph.globalMatch(text); it.hasNext();)
        found.append(it.next().captured());
    found.sort();
    return found;
}

} // namespace

class TestI18n : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void everyMessageTranslated_data();
    void everyMessageTranslated();
    void tsCoversTheSources();
    void installs_data();
    void installs();
    void systemLanguage_data();
    void systemLanguage();
    void windowInChinese();
    void coreCatalogueInChinese();
    void severitiesInChinese();
    void qtStandardButtonsFollow();
    void coreFindingsInChinese();
    void coreTextsInTheChineseWindow();
    void storedTextsShownTranslated_data();
    void storedTextsShownTranslated();
    void nestedFragmentShownTranslated();
    void conversionFailureShownInChinese();
    void fileNameProblemInChinese();
    void omFindingsInChinese();
    void compareReasonInChinese();
    void hostProbeInChinese();
    void cliStaysEnglish();

private:
    static void removeTranslators();
    static QSet<QString> controlsOfTheWindow(); // every button, action and label text, as plainLabel gives them
};

void TestI18n::everyMessageTranslated_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("translations");
    QTest::addColumn<bool>("unfinished");
    QString error;
    const QList<TsMessage> messages = readTs(kTs, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 300);
    int row = 0;
    for (const TsMessage& m : messages)
        QTest::addRow("%d %s", row++, qPrintable(m.source.left(40))) << m.source << m.translations << m.unfinished;
}

void TestI18n::everyMessageTranslated()
{
    QFETCH(QString, source);
    QFETCH(QStringList, translations);
    QFETCH(bool, unfinished);
    QVERIFY2(!unfinished, "marked unfinished");
    for (const QString& t : translations) {
        QVERIFY2(!t.isEmpty(), "empty translation");
        QCOMPARE(placeholders(t), placeholders(source)); // %1, %2 … and %n all kept
        QCOMPARE(t.count(QLatin1Char('&')) > 0, source.count(QLatin1Char('&')) > 0); // menu accelerators kept
    }
}

void TestI18n::tsCoversTheSources()
{
    // lupdate over today's sources into a scratch .ts: every (context, source) it finds must be in ours.
    QTemporaryDir dir;
    const QString scratch = dir.filePath(QStringLiteral("now.ts"));
    QProcess lupdate;
    lupdate.setWorkingDirectory(QStringLiteral(WB_SOURCE_DIR));
    lupdate.start(QStringLiteral(WB_LUPDATE),
        { QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-silent"), QStringLiteral("ui"),
            QStringLiteral("app/gui"), QStringLiteral("core"), QStringLiteral("-ts"), scratch });
    QVERIFY(lupdate.waitForFinished(120000));
    QCOMPARE(lupdate.exitCode(), 0);
    QString error;
    const QList<TsMessage> now = readTs(scratch, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(now.size() > 300);
    QSet<QString> shipped;
    for (const TsMessage& m : readTs(kTs, &error))
        shipped.insert(m.context + QLatin1Char('\x1f') + m.source);
    QStringList missing;
    for (const TsMessage& m : now) {
        if (!shipped.contains(m.context + QLatin1Char('\x1f') + m.source))
            missing.append(QStringLiteral("%1: %2").arg(m.context, m.source));
    }
    QVERIFY2(missing.isEmpty(),
        qPrintable(QStringLiteral("%1 UI string(s) have no zh_CN translation; run `cmake --build build/dev --target "
                                  "update_translations` and translate them in translations/atc-workbench_zh_CN.ts:\n")
                       .arg(missing.size())
            + missing.join(QLatin1Char('\n'))));
}

void TestI18n::installs_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("used");
    QTest::addColumn<QString>("file"); // what "&File" becomes
    QTest::newRow("zh_CN") << "zh_CN"
                           << "zh_CN" << QStringLiteral("文件(&F)");
    QTest::newRow("en") << "en"
                        << "en"
                        << "&File";
    // Unknown: the system's language decides, which is English under the test's C locale (set in initTestCase).
    QTest::newRow("unknown follows the system") << "xx_YY"
                                                << "en"
                                                << "&File";
}

void TestI18n::installs()
{
    QFETCH(QString, language);
    QFETCH(QString, used);
    QFETCH(QString, file);
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/atc-workbench_zh_CN.qm")));
    QCOMPARE(installTranslations(qApp, language), used);
    QCOMPARE(QCoreApplication::translate("wb::MainWindow", "&File"), file);
    removeTranslators();
    QCOMPARE(QCoreApplication::translate("wb::MainWindow", "&File"), QStringLiteral("&File"));
}

void TestI18n::systemLanguage_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("used");
    QTest::newRow("zh_CN") << "zh_CN"
                           << "zh_CN";
    QTest::newRow("zh_TW") << "zh_TW"
                           << "zh_CN"; // the Simplified translation beats English for Chinese readers
    QTest::newRow("en_US") << "en_US"
                           << "en";
    QTest::newRow("de_DE") << "de_DE"
                           << "en";
}

void TestI18n::systemLanguage()
{
    QFETCH(QString, locale);
    QFETCH(QString, used);
    QLocale::setDefault(QLocale(locale));
    QCOMPARE(installTranslations(qApp, QString()), used);
    removeTranslators();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestI18n::windowInChinese()
{
    QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    MainWindow window(settings);
    QStringList menus;
    for (QAction* a : window.menuBar()->actions())
        menus.append(a->text());
    removeTranslators();
    QVERIFY2(menus.contains(QStringLiteral("文件(&F)")), qPrintable(menus.join(',')));
    QVERIFY(menus.contains(QStringLiteral("帮助(&H)")));
}

// Core's texts for the UI: every GUI hint of the ATC error catalogue (what the ATC Run page lists under 建议操作),
// translated through Qt Core alone, with the controls it names (*…*) in the translated UI's words.
void TestI18n::coreCatalogueInChinese()
{
    QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    const QSet<QString> controls = controlsOfTheWindow();
    QStringList untranslated, unknown;
    static const QRegularExpression control(QStringLiteral("\\*([^*]+)\\*"));
    for (const CatalogueEntry& e : AtcErrorCatalogue::builtin().entries()) {
        const QString zh = catalogueText(e.hint);
        if (zh == e.hint)
            untranslated.append(e.key);
        for (auto it = control.globalMatch(zh); it.hasNext();) {
            const QString name = plainLabel(it.next().captured(1));
            if (!controls.contains(name))
                unknown.append(QStringLiteral("%1: %2").arg(e.key, name));
        }
    }
    removeTranslators();
    QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QStringLiteral(", "))));
    QVERIFY2(unknown.isEmpty(), qPrintable(unknown.join(QLatin1Char('\n'))));
    QCOMPARE(catalogueText(AtcErrorCatalogue::builtin().lookup(QStringLiteral("E10001"))->hint),
        AtcErrorCatalogue::builtin().lookup(QStringLiteral("E10001"))->hint); // English again without the translator
}

void TestI18n::severitiesInChinese()
{
    QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    const QString error = FindingsList::severityText(AtcSeverity::Error);
    const QString warning = FindingsList::severityText(Severity::Warning);
    removeTranslators();
    QCOMPARE(error, QStringLiteral("错误"));
    QCOMPARE(warning, QStringLiteral("警告"));
}

// Qt's own dialogs and standard buttons follow the language when Qt's translations are installed
// (qt6-translations-l10n, scripts/install-deps.sh).
void TestI18n::qtStandardButtonsFollow()
{
    if (!QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_zh_CN.qm")))
        WB_SKIP_MISSING(QStringLiteral("Qt's zh_CN translations (qtbase_zh_CN.qm): install qt6-translations-l10n"));
    QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    const QString cancel = box.button(QDialogButtonBox::Cancel)->text();
    removeTranslators();
    QCOMPARE(cancel, QStringLiteral("取消"));
}

// Core's own texts (the checks' findings, the toolkit notices, the explanation of a failed run, the shape verdicts)
// come out in Chinese with the translator installed, through Qt Core alone, and the controls their fixes name are
// controls of the Chinese window; without it (atcwb never installs one) they are English again.
void TestI18n::coreFindingsInChinese()
{
    QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    const QSet<QString> controls = controlsOfTheWindow();
    QTemporaryDir dir;
    AtcOptions odd;
    odd.socVersion = QStringLiteral("Ascend999");
    odd.output = QStringLiteral("/nonexistent/dir/out.om");
    odd.model = QStringLiteral("/nonexistent/model.onnx");
    odd.inputShape = QStringLiteral("input:1,-1");
    odd.outNodes = QStringLiteral("missing_node");
    odd.dynamicBatchSize = QStringLiteral("1");
    odd.dynamicDims = QStringLiteral("1,2");
    odd.precisionMode = QStringLiteral("force_fp16");
    odd.precisionModeV2 = QStringLiteral("fp16");
    QList<AtcFinding> findings = validate(AtcOptions(), nullptr, AtcToolkit());
    findings += validate(odd, nullptr, AtcToolkit());
    // A model's findings: a data-dependent output (with the Shapes page's *Extract Sub-model*) and an opset ATC has
    // no parser for.
    for (const QString& name : { QStringLiteral("detector_nms.onnx"), QStringLiteral("opset19.onnx") }) {
        const auto model = OnnxModel::load(QStringLiteral(WB_TEST_MODELS_DIR "/") + name);
        QVERIFY2(model.ok(), qPrintable(name));
        AtcOptions o;
        o.model = model.value()->summary().path;
        o.socVersion = QStringLiteral("Ascend310P3");
        o.output = dir.filePath(QStringLiteral("out"));
        findings += checkConversion(o, *model.value(), AtcToolkit()).findings;
    }
    QVERIFY(findings.size() > 12);
    QStringList english, unknown;
    QSet<QString> rules;
    static const QRegularExpression control(QStringLiteral("\\*([^*]+)\\*"));
    for (const AtcFinding& f : findings) {
        rules.insert(f.rule);
        for (const QString& text : { f.message, f.fix }) {
            if (!text.isEmpty() && !hasChinese(text))
                english.append(QStringLiteral("%1: %2").arg(f.rule, text));
            for (auto it = control.globalMatch(text); it.hasNext();) {
                const QString name = plainLabel(it.next().captured(1));
                if (!controls.contains(name))
                    unknown.append(QStringLiteral("%1: %2").arg(f.rule, name));
            }
        }
    }
    const QString status = toolkitStatus(AtcToolkit());
    const QString howTo = toolkitHowTo();
    const QString explained = explainOrtRunError(QStringLiteral("Non-zero status code returned while running Pad node. "
                                                                "Name:'pad1' Status Message: reflect"),
        parseInputShapeSpec(QStringLiteral("x:1,3,1,1")).value(), { QStringLiteral("x") });
    // The run keeps this warning in English (the history stores it); the Run page shows it translated.
    const QString ranAsStored = ranAsWarning(QStringLiteral("x"), QStringLiteral("[?,3,1,1]"),
        parseInputShapeSpec(QStringLiteral("x:1,3,1,1")).value().first());
    const QString ranAs = shownBenchText(ranAsStored);
    const auto nms = OnnxModel::load(QStringLiteral(WB_TEST_MODELS_DIR "/detector_nms.onnx"));
    QVERIFY(nms.ok());
    const auto inferred = inferShapes(*nms.value(), {});
    QVERIFY(inferred.ok() && !inferred.value().origins.isEmpty());
    const QString verdict = inferred.value().origins.first().message;
    const auto wrongInput = inferShapes(*nms.value(), parseInputShapeSpec(QStringLiteral("nosuch:1")).value());
    QVERIFY(!wrongInput.ok());
    const QString inputError = wrongInput.error().message;
    for (auto it = control.globalMatch(howTo); it.hasNext();) {
        const QString name = plainLabel(it.next().captured(1));
        if (!controls.contains(name))
            unknown.append(QStringLiteral("toolkitHowTo: %1").arg(name));
    }
    removeTranslators();
    QVERIFY2(english.isEmpty(), qPrintable(english.join(QLatin1Char('\n'))));
    QVERIFY2(unknown.isEmpty(), qPrintable(unknown.join(QLatin1Char('\n'))));
    QVERIFY2(rules.size() > 10, qPrintable(QStringList(rules.cbegin(), rules.cend()).join(',')));
    QVERIFY2(status.startsWith(QStringLiteral("没有找到 ATC")), qPrintable(status));
    QVERIFY2(howTo.contains(QStringLiteral("*设置*")), qPrintable(howTo));
    QVERIFY2(
        explained.contains(QStringLiteral("失败的节点：'pad1'")) && explained.contains(QStringLiteral("按 1 运行")),
        qPrintable(explained));
    QVERIFY2(hasChinese(verdict), qPrintable(verdict));
    QVERIFY2(inputError.startsWith(QStringLiteral("模型没有名为 'nosuch' 的输入")), qPrintable(inputError));
    QVERIFY2(ranAs.contains(QStringLiteral("按 x:1,3,1,1 运行")), qPrintable(ranAs));
    QVERIFY2(ranAsStored.contains(QStringLiteral("it ran as x:1,3,1,1")), qPrintable(ranAsStored));
    // English again without the translator: what atcwb prints.
    QVERIFY(!hasChinese(validate(odd, nullptr, AtcToolkit()).first().message));
    QVERIFY(toolkitStatus(AtcToolkit()).startsWith(QStringLiteral("No ATC found")));
}

// The Chinese window shows core's texts in Chinese: the Run page's statistic names, the toolkit banner of the
// Convert page, a finding in the checks list and its detail.
void TestI18n::coreTextsInTheChineseWindow()
{
    QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    MainWindow window(settings);
    auto* stats = window.findChild<QTableWidget*>(QStringLiteral("percentileTable"));
    QVERIFY(stats);
    QStringList names;
    for (int i = 0; i < stats->rowCount(); ++i)
        names.append(stats->item(i, 0) ? stats->item(i, 0)->text() : QString());
    auto* convert = window.findChild<ConvertPage*>();
    QVERIFY(convert);
    convert->setToolkit(AtcToolkit()); // no ATC: the banner says so, with the how-to
    auto* banner = convert->findChild<QLabel*>(QStringLiteral("toolkitBanner"));
    QVERIFY(banner);
    auto* list = convert->findChild<FindingsList*>();
    QVERIFY(list);
    AtcOptions o;
    o.socVersion = QStringLiteral("Ascend310P3");
    list->setFindings(validate(o, nullptr, AtcToolkit())); // --model and --output missing
    const QString detail = list->detailText();
    const QString bannerText = banner->text();
    removeTranslators();
    QCOMPARE(names.value(0), QStringLiteral("最小值"));
    QCOMPARE(names.value(2), QStringLiteral("中位数"));
    QCOMPARE(names.value(8), QStringLiteral("吞吐量"));
    QVERIFY2(
        bannerText.startsWith(QStringLiteral("没有找到 ATC")) && bannerText.contains(QStringLiteral("工具包文件夹")),
        qPrintable(bannerText));
    QVERIFY2(detail.startsWith(QStringLiteral("缺少 --")) && detail.contains(QStringLiteral("请选择 ONNX 模型")),
        qPrintable(detail));
}

// Every sentence a run or a conversion keeps in English (its result, the run history, the Convert Many report, atcwb)
// is shown by the GUI in the UI's language, with the figures it was written with: each template, filled with
// values, comes back as its own translation filled with the same values (so no other template took it).
void TestI18n::storedTextsShownTranslated_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("bench"); // shownBenchText, else shownConversionText
    for (const auto& [bench, texts] : { std::pair { true, benchTexts() }, std::pair { false, conversionTexts() } }) {
        for (const ShownText& t : texts)
            QTest::addRow("%s %s", bench ? "bench" : "conversion", t.source)
                << QString::fromUtf8(t.context) << QString::fromUtf8(t.source) << bench;
    }
}

void TestI18n::storedTextsShownTranslated()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(bool, bench);
    // %1 -> "<v1>" … in one pass.
    const auto fill = [](QString text) {
        static const QRegularExpression ph(QStringLiteral("%([1-9])"));
        return text.replace(ph, QStringLiteral("<v\\1>"));
    };
    const QString english = fill(source);
    const auto shown
        = [bench](const QString& text) { return bench ? shownBenchText(text) : shownConversionText(text); };
    QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    const QString expected = fill(QCoreApplication::translate(qPrintable(context), qPrintable(source)));
    const QString zh = shown(english);
    removeTranslators();
    QVERIFY2(expected != english, "no translation");
    QCOMPARE(zh, expected);
    QCOMPARE(shown(english), english); // what atcwb prints and the history stores
}

// What failed on a host, quoted inside the failure's sentence, is shown translated too.
void TestI18n::nestedFragmentShownTranslated()
{
    const QString english = englishText(remotetext::kFailedOnSaid)
                                .arg(englishText(remotetext::kMakingRunFolder).arg(QStringLiteral("/w/runs")),
                                    QStringLiteral("board"), QStringLiteral("mkdir: cannot create directory"));
    QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    const QString zh = shownConversionText(english);
    removeTranslators();
    QCOMPARE(zh, QStringLiteral("在 /w/runs 中创建运行文件夹 在 board 上失败（mkdir: cannot create directory）。"));
    QCOMPARE(shownConversionText(english), english);
}

// A conversion that fails on the ATC Run page: the job's row says why in Chinese, with the folder; the outcome (what
// the Convert Many report and atcwb keep) says it in English.
void TestI18n::conversionFailureShownInChinese()
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath(QStringLiteral("a-file"));
    {
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly)); // a file where the output folder would be made: it cannot be
    }
    ConversionRequest request;
    request.options.model = QStringLiteral(WB_TEST_MODELS_DIR "/resnet_dynamic_batch.onnx");
    request.options.socVersion = QStringLiteral("Ascend310P3");
    request.options.output = blocker + QStringLiteral("/out/resnet");
    request.toolkit.atcPath = dir.filePath(QStringLiteral("atc")); // never started: the job fails before
    QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    ConversionPage page;
    QList<ConversionOutcome> outcomes;
    connect(page.queue(), &ConversionQueue::jobFinished, this,
        [&outcomes](int, const ConversionOutcome& o) { outcomes.append(o); });
    QSignalSpy finished(&page, &ConversionPage::finished);
    page.start(request);
    const bool done = finished.wait(60000);
    const QStringList statuses = page.jobStatuses();
    removeTranslators();
    QVERIFY(done);
    QCOMPARE(outcomes.size(), 1);
    const QString folder = blocker + QStringLiteral("/out");
    QCOMPARE(outcomes.first().failure, QStringLiteral("Cannot create the output folder %1.").arg(folder));
    QCOMPARE(statuses.size(), 1);
    QVERIFY2(
        statuses.first().contains(QStringLiteral("无法创建输出文件夹 %1。").arg(folder)), qPrintable(statuses.first()));
}

// The Convert page's reason under Run ATC for an output name that is no file name: Chinese in the window, English
// in atcwb (which installs no translator).
void TestI18n::fileNameProblemInChinese()
{
    QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    const QString zh = plainFileNameProblem(
        QStringLiteral("a/b"), QCoreApplication::translate("wb::ConvertPage", "The output name"));
    removeTranslators();
    QCOMPARE(
        zh, QStringLiteral("输出名称 'a/b' 含有路径分隔符；它必须是单纯的文件名（文件夹另行选择，例如用 --output）。"));
    QVERIFY(plainFileNameProblem(QStringLiteral("a/b"), QStringLiteral("--name"))
                .startsWith(QStringLiteral("--name 'a/b' contains a path separator")));
}

// Compare Outputs' reason for not comparing two outputs: in the UI's language; `atcwb compare` (no translator) keeps
// the English.
void TestI18n::compareReasonInChinese()
{
    HostTensor reference;
    reference.name = QStringLiteral("y");
    reference.elemType = 1; // float32
    reference.shape = { 1, 4 };
    reference.data = QByteArray(16, '\0');
    HostTensor actual = reference;
    actual.shape = { 1, 2 };
    actual.data = QByteArray(8, '\0');
    QVERIFY(compareTensors(reference, actual, {}).problem.startsWith(QStringLiteral("The reference y holds 4")));
    QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    const QString zh = compareTensors(reference, actual, {}).problem;
    removeTranslators();
    QCOMPARE(zh,
        QStringLiteral(
            "参考输出 y 有 4 个元素 [1, 4]，实际输出有 2 个 [1, 2]：不是同一个张量（请检查 batch 大小和输出顺序）。"));
}

// The OM page's findings (OM lint): written in the UI's language, like the checks' findings.
void TestI18n::omFindingsInChinese()
{
    OmModel om;
    om.socVersion = QStringLiteral("Ascend310P3");
    OmTensorDesc input;
    input.name = QStringLiteral("x");
    input.shape = QList<qint64> { 1, 3, 224, 224 };
    om.inputs = { input };
    OmLintInput lint;
    lint.om = &om;
    lint.selectedSoc = QStringLiteral("Ascend910B3");
    lint.recipeInputShape = QStringLiteral("x:8,3,224,224");
    lint.omModified = QDateTime(QDate(2026, 1, 1), QTime(8, 0), Qt::UTC);
    lint.onnxModified = lint.omModified.addDays(1);
    lint.onnxPath = QStringLiteral("/models/x.onnx");
    QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    const QList<AtcFinding> zh = lintOm(lint);
    removeTranslators();
    QCOMPARE(zh.size(), 3);
    for (const AtcFinding& f : zh) {
        QVERIFY2(hasChinese(f.message) && hasChinese(f.fix), qPrintable(f.rule + QLatin1Char(' ') + f.message));
    }
    QVERIFY2(zh.first().message.contains(QStringLiteral("Ascend310P3")) && zh.first().message.contains("Ascend910B3"),
        qPrintable(zh.first().message));
    QVERIFY(!hasChinese(lintOm(lint).first().message)); // atcwb inspect: English
}

// The host probe's steps as the Hosts settings show them (a host with nothing on it: every remote step fails): title,
// message and fix in Chinese, sizes written one way; `atcwb hosts test` gets them in English.
void TestI18n::hostProbeInChinese()
{
    Host host;
    host.name = QStringLiteral("board");
    host.destination = QStringLiteral("user@board");
    ProbeFacts facts;
    facts.freeBytes = 100LL * 1024 * 1024; // too little
    // And a run on it: no om-runner can run there, the host's ais_bench runs instead (the Run page's warning).
    ProbeFacts withAisBench = facts;
    withAisBench.runners.insert(QStringLiteral("ais_bench"), QStringLiteral("/usr/local/bin/ais_bench"));
    OmRunnerOnHostResult prepared;
    prepared.error = { QStringLiteral("no_om_runner"), QStringLiteral("no compiler"), {} };
    const auto fallback = [&] {
        BenchRequest request;
        request.target = BenchRequest::Target::Npu;
        QString source;
        QStringList notes;
        return applyRemoteRunnerChoice(&request, withAisBench, host.name, &prepared, &source, &notes) ? QString()
                                                                                                      : notes.value(0);
    };
    QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    const QList<ProbeStep> zh = remoteProbeSteps(host, facts);
    const QString title = probeStepShownTitle(QStringLiteral("disk"));
    const QString note = fallback();
    removeTranslators();
    QCOMPARE(note,
        QStringLiteral(
            "board 上无法运行 om-runner（no compiler）：改为运行该主机的 ais_bench（/usr/local/bin/ais_bench）。"));
    QVERIFY2(fallback().startsWith(QStringLiteral("No om-runner can run on board")), qPrintable(fallback()));
    QVERIFY(zh.size() >= 5);
    for (const ProbeStep& s : zh) {
        QVERIFY2(s.status == ProbeStatus::Failed, qPrintable(s.id));
        QVERIFY2(hasChinese(s.message) && hasChinese(s.fix), qPrintable(s.id + QLatin1Char(' ') + s.message));
    }
    QCOMPARE(title, QStringLiteral("工作文件夹的可用磁盘空间"));
    QVERIFY2(zh.last().message.contains(QStringLiteral("100.0 MiB")), qPrintable(zh.last().message));
    const QList<ProbeStep> english = remoteProbeSteps(host, facts);
    QVERIFY2(english.last().message.startsWith(QStringLiteral("Only 100.0 MiB free for")),
        qPrintable(english.last().message));
    QCOMPARE(probeStepTitle(QStringLiteral("disk")), QStringLiteral("Free disk in the work folder"));
}

// atcwb never installs a translator: its output is read by scripts (and grepped), so it stays English whatever the
// system's language.
void TestI18n::cliStaysEnglish()
{
    if (!QFile::exists(wbtest::atcwbPath()))
        QSKIP("atcwb is not built in this tree");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), QStringLiteral("zh_CN.UTF-8"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("zh_CN.UTF-8"));
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("zh_CN"));
    env.remove(QStringLiteral("ASCEND_TOOLKIT_HOME"));
    env.remove(QStringLiteral("ASCEND_HOME_PATH"));
    const auto run = wbtest::runAtcwb({ QStringLiteral("check"), QStringLiteral("--soc"), QStringLiteral("Ascend999"),
                                          QStringLiteral(WB_TEST_MODELS_DIR "/resnet_dynamic_batch.onnx") },
        env);
    const QString out = QString::fromUtf8(run.out + run.err);
    QVERIFY2(out.contains(QStringLiteral("Ascend999")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("is not in the built-in SoC list")), qPrintable(out));
    QVERIFY2(!hasChinese(out), qPrintable(out));
}

QSet<QString> TestI18n::controlsOfTheWindow()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    QSet<QString> controls;
    MainWindow window(settings);
    SettingsDialog dialog(settings, &window);
    for (const QWidget* root : { static_cast<const QWidget*>(&window), static_cast<const QWidget*>(&dialog) }) {
        for (const QAbstractButton* b : root->findChildren<QAbstractButton*>())
            controls.insert(plainLabel(b->text()));
        for (const QAction* a : root->findChildren<QAction*>())
            controls.insert(plainLabel(a->text()));
        for (const QLabel* l : root->findChildren<QLabel*>())
            controls.insert(plainLabel(l->text()));
    }
    return controls;
}

void TestI18n::removeTranslators()
{
    for (QTranslator* t : qApp->findChildren<QTranslator*>()) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}

WB_TEST_MAIN(TestI18n)
#include "tst_i18n.moc"
