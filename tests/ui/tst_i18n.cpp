// The zh_CN translation: compiled in and installed on request, every message translated with its placeholders
// intact, the .ts in step with the tr() strings of the sources, and a window that actually shows it.
#include "dialogs/settingsdialog.h"
#include "i18n.h"
#include "mainwindow.h"
#include "parsing/atccatalogue.h"
#include "settings/settings.h"
#include "testutil.h"
#include "widgets/findingslist.h"

#include <QAbstractButton>
#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLibraryInfo>
#include <QPushButton>

#include <QFile>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
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

private:
    static void removeTranslators();
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
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    QSet<QString> controls;
    {
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
    }
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

void TestI18n::removeTranslators()
{
    for (QTranslator* t : qApp->findChildren<QTranslator*>()) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}

WB_TEST_MAIN(TestI18n)
#include "tst_i18n.moc"
