// Texts kept in English and translated when shown (core/util/showntext.h): each line written from a template comes
// back in the installed language with the figures read back from the English, in the translation's order; any
// other line comes back as it is; without a translator nothing changes.
#include "util/showntext.h"

#include "testutil.h"

#include <QCoreApplication>
#include <QTranslator>
#include <QtTest>

#include <vector>

using namespace wb;

namespace {

constexpr ShownText kBudget { "TestText", "Stopped by the %1 s time budget after %2 iterations." };
constexpr ShownText kPlain { "TestText", "ATC did not produce the OM." };
constexpr ShownText kTwice { "TestText", "%1 and %1 again, then %2." };
constexpr ShownText kUntranslated { "TestText", "Nobody translated %1." };
constexpr ShownText kOuter { "TestText", "The run failed (%1)" };
// A placeholder used twice, and a value that may hold ". " (ssh's words).
constexpr ShownText kLost { "TestText", "Lost %1 while %2 ran%3. %2 may still run." };

// A translator for the context TestText only, written here: the placeholders swap places in one of them.
class TestTranslator : public QTranslator {
public:
    bool isEmpty() const override { return false; }
    QString translate(const char* context, const char* source, const char*, int) const override
    {
        if (qstrcmp(context, "TestText") != 0)
            return {};
        const QByteArray s(source);
        if (s == kBudget.source)
            return QStringLiteral("%2 次迭代后，已达到 %1 s 的时间预算。");
        if (s == kPlain.source)
            return QStringLiteral("ATC 没有生成 OM。");
        if (s == kTwice.source)
            return QStringLiteral("%2：%1，%1");
        if (s == kOuter.source)
            return QStringLiteral("运行失败（%1）");
        if (s == kLost.source)
            return QStringLiteral("%2 运行时失去 %1%3。%2 可能仍在运行。");
        return {};
    }
};

const QList<ShownText> kTemplates { kBudget, kPlain, kTwice, kUntranslated, kOuter, kLost };

QString shownText(const QString& text)
{
    static const ShownTexts texts(kTemplates);
    return texts.shown(text);
}

} // namespace

class TestShownText : public QObject {
    Q_OBJECT
private slots:
    void englishWithoutATranslator();
    void translated_data();
    void translated();
    void manyTemplates();
};

void TestShownText::englishWithoutATranslator()
{
    const QString english = englishText(kBudget).arg(30).arg(1200);
    QCOMPARE(english, QStringLiteral("Stopped by the 30 s time budget after 1200 iterations."));
    QCOMPARE(shownText(english), english);
}

void TestShownText::translated_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("shown");
    QTest::newRow("figures in the translation's order")
        << englishText(kBudget).arg(30).arg(1200) << QStringLiteral("1200 次迭代后，已达到 30 s 的时间预算。");
    QTest::newRow("no placeholder") << englishText(kPlain) << QStringLiteral("ATC 没有生成 OM。");
    // A value that looks like a placeholder is a value: it is not replaced again.
    QTest::newRow("a value holding %2") << englishText(kBudget).arg(QStringLiteral("%2"), QStringLiteral("7"))
                                        << QStringLiteral("7 次迭代后，已达到 %2 s 的时间预算。");
    QTest::newRow("the same placeholder twice")
        << englishText(kTwice).arg(QStringLiteral("x"), QStringLiteral("y")) << QStringLiteral("y：x，x");
    QTest::newRow("line by line") << englishText(kPlain) + QStringLiteral("\nATC's own words\n")
            + englishText(kBudget).arg(1).arg(
                2) << QStringLiteral("ATC 没有生成 OM。\nATC's own words\n2 次迭代后，已达到 1 s 的时间预算。");
    QTest::newRow("a value that is a sentence of its own")
        << englishText(kOuter).arg(englishText(kPlain)) << QStringLiteral("运行失败（ATC 没有生成 OM。）");
    QTest::newRow("written from no template")
        << QStringLiteral("Stopped by the user.") << QStringLiteral("Stopped by the user.");
    QTest::newRow("a template with more around it stays")
        << QStringLiteral("Note: ATC did not produce the OM.") << QStringLiteral("Note: ATC did not produce the OM.");
    QTest::newRow("no translation: English")
        << englishText(kUntranslated).arg(QStringLiteral("this")) << QStringLiteral("Nobody translated this.");
    QTest::newRow("the same placeholder twice, a value holding '. '")
        << englishText(kLost).arg(
               QStringLiteral("board"), QStringLiteral("atc"), QStringLiteral(" (read: Connection reset. Retry)"))
        << QStringLiteral("atc 运行时失去 board (read: Connection reset. Retry)。atc 可能仍在运行。");
    // Where the two uses of %2 differ, no template wrote it: it stays as it is.
    QTest::newRow("a repeated placeholder that differs")
        << QStringLiteral("Lost board while atc ran. msame may still run.")
        << QStringLiteral("Lost board while atc ran. msame may still run.");
    QTest::newRow("a value of several lines") << englishText(kOuter).arg(QStringLiteral("ssh: line one\nline two"))
                                              << QStringLiteral("运行失败（ssh: line one\nline two）");
    QTest::newRow("empty") << QString() << QString();
}

void TestShownText::translated()
{
    QFETCH(QString, stored);
    QFETCH(QString, shown);
    TestTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const QString got = shownText(stored);
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(got, shown);
    QCOMPARE(shownText(stored), stored); // and English again once the translator is gone
}

void TestShownText::manyTemplates()
{
    // Many templates, the value in brackets itself a line of another template (read while the outer one's match is
    // held): every line still comes back as its template wrote it.
    std::vector<QByteArray> sources; // the templates' strings outlive the ShownTexts made of them
    QList<ShownText> templates;
    for (int i = 0; i < 200; ++i)
        sources.push_back(QStringLiteral("Template %1 says %%1 (%%2).").arg(i).toUtf8());
    for (const QByteArray& source : sources)
        templates.append(ShownText { "TestText", source.constData() });
    const ShownTexts texts(templates);
    for (int i = 199; i >= 0; i -= 7) {
        const QString inner = QStringLiteral("Template %1 says a (b).").arg(i / 2);
        const QString line = QStringLiteral("Template %1 says x (%2).").arg(i).arg(inner);
        QCOMPARE(texts.shown(line), line);
    }
}

WB_TEST_GUILESS_MAIN(TestShownText)
#include "tst_showntext.moc"
