// The ATC error catalogue: compiled in as a Qt resource, covers every code of atc.md §5-6, falls back by family.
#include "parsing/atccatalogue.h"

#include <QFile>
#include <QtTest>

using namespace wb;

class TestAtcCatalogue : public QObject {
    Q_OBJECT
private slots:
    void resourceIsLinkedIn();
    void coversReferenceCodes_data();
    void coversReferenceCodes();
    void familyFallback_data();
    void familyFallback();
    void eventKeys_data();
    void eventKeys();
    void badJson_data();
    void badJson();
    void bothForms();
    void opsetCases_data();
    void opsetCases();
};

void TestAtcCatalogue::resourceIsLinkedIn()
{
    // wb_core is static: the resource object must reach this executable through CMake's usage requirements.
    QFile file(QStringLiteral(":/data/parsing/atc_errors.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const Result<AtcErrorCatalogue> parsed = AtcErrorCatalogue::fromJson(file.readAll());
    QVERIFY(parsed.ok());
    QVERIFY(!AtcErrorCatalogue::builtin().isEmpty());
    QCOMPARE(AtcErrorCatalogue::builtin().codes(), parsed.value().codes());
}

void TestAtcCatalogue::coversReferenceCodes_data()
{
    QTest::addColumn<QString>("code");
    // Every code named in shared/reference/atc.md §5 (ranges expanded) and §6, and the ones in the samples.
    QStringList codes { "E10001", "E10002", "E10003", "E10004", "E10005", "E10006", "E10007", "E10008", "E10009",
        "E10010", "E10011", "E10012", "E10013", "E10014", "E10016", "E10018", "E10019", "E10020", "E10021", "E10022",
        "E10031", "E10032", "E10034", "E10035", "E10036", "E10037", "E10038", "E10039", "E10040", "E10041", "E10044",
        "E10045", "E10046", "E10047", "E10048", "E10049", "E10050", "E10052", "E10054", "E10055", "E10056", "E10057",
        "E10410", "E10501", "EZ0501", "E11017", "E13005", "E13010", "E13023", "E14001", "E16001", "E16002", "E16004",
        "E16005", "E19010", "EZ9010", "E19999", "E19022", "E20001", "E20003", "E40001", "E40020", "EC0010", "E40021",
        "E40000", "EZ3002", "EZ3003", "EZ9999", "EB0000", "EA0000", "W11001", "W11002", "W11003", "EH0001" };
    for (int i = 23; i <= 30; ++i)
        codes << QStringLiteral("E100%1").arg(i);
    for (int i = 58; i <= 63; ++i)
        codes << QStringLiteral("E100%1").arg(i);
    for (int i = 1; i <= 7; ++i)
        codes << QStringLiteral("EZ000%1").arg(i);
    for (int i = 0; i <= 3; ++i)
        codes << QStringLiteral("E9000%1").arg(i);
    for (const QString& code : codes)
        QTest::newRow(qPrintable(code)) << code;
}

void TestAtcCatalogue::coversReferenceCodes()
{
    QFETCH(QString, code);
    const auto entry = AtcErrorCatalogue::builtin().lookup(code);
    QVERIFY(entry);
    QCOMPARE(entry->key, code); // an exact entry, not a family fallback
    QVERIFY(!entry->title.isEmpty());
    QVERIFY(!entry->meaning.isEmpty());
    QVERIFY(entry->hint.size() > 20);
}

void TestAtcCatalogue::familyFallback_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("key");
    QTest::newRow("Caffe first") << "E11001"
                                 << "E11";
    QTest::newRow("Caffe last") << "E11037"
                                << "E11";
    QTest::newRow("exact beats family") << "E11017"
                                        << "E11017";
    QTest::newRow("TensorFlow") << "E12009"
                                << "E12";
    QTest::newRow("file/proto") << "E13031"
                                << "E13";
    QTest::newRow("other parameter code") << "E10099"
                                          << "E10";
    QTest::newRow("unknown class") << "E77777"
                                   << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestAtcCatalogue::familyFallback()
{
    QFETCH(QString, code);
    QFETCH(QString, key);
    const auto entry = AtcErrorCatalogue::builtin().lookup(code);
    QCOMPARE(entry ? entry->key : QString(), key);
}

void TestAtcCatalogue::eventKeys_data()
{
    QTest::addColumn<QString>("key");
    // Every key AtcLogParser uses for output without a code.
    for (const char* key : { "atc_run_failed", "python_traceback", "tbe_worker_died", "loader_error",
             "cli_unknown_flag", "cli_missing_argument", "cli_non_option", "input_shape_range_deprecated", "amct" })
        QTest::newRow(key) << QString::fromLatin1(key);
}

void TestAtcCatalogue::eventKeys()
{
    QFETCH(QString, key);
    QVERIFY(AtcErrorCatalogue::builtin().eventKeys().contains(key));
    QCOMPARE(AtcErrorCatalogue::builtin().lookup(key)->key, key);
}

void TestAtcCatalogue::badJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("not JSON") << QByteArray("{codes:") << "invalid";
    QTest::newRow("array") << QByteArray("[]") << "not an object";
    QTest::newRow("no codes") << QByteArray(R"({"families": {}, "events": {}})") << "\"codes\" is missing";
    QTest::newRow("entry without hint") << QByteArray(
        R"({"codes": {"E1": {"title": "t"}}, "families": {}, "events": {}})")
                                        << "lacks a title or hint";
}

void TestAtcCatalogue::badJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, phrase);
    const Result<AtcErrorCatalogue> parsed = AtcErrorCatalogue::fromJson(json);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, QStringLiteral("bad_catalogue"));
    QVERIFY2(parsed.error().message.contains(phrase), qPrintable(parsed.error().message));
}

void TestAtcCatalogue::bothForms()
{
    // One catalogue, two forms: a hint that sends the user to the GUI has a command-line form that does not.
    const Result<AtcErrorCatalogue> parsed = AtcErrorCatalogue::fromJson(
        R"({"codes": {"E1": {"title": "t", "hint": "On the Shapes page", "cli": "With --input-shape"}},
            "families": {}, "events": {}})");
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().lookup("E1")->hintFor(HintForm::Gui), QStringLiteral("On the Shapes page"));
    QCOMPARE(parsed.value().lookup("E1")->hintFor(HintForm::Cli), QStringLiteral("With --input-shape"));
    int withCli = 0;
    for (const CatalogueEntry& e : AtcErrorCatalogue::builtin().entries()) {
        const bool namesUi = e.hint.contains(QLatin1String(" page")) || e.hint.contains(QLatin1Char('*'))
            || e.hint.contains(QLatin1String("Settings"));
        QVERIFY2(!namesUi || !e.cliHint.isEmpty(), qPrintable(e.key + ": " + e.hint));
        QVERIFY2(!e.hintFor(HintForm::Cli).contains(QLatin1String("page")), qPrintable(e.key));
        withCli += e.cliHint.isEmpty() ? 0 : 1;
    }
    QVERIFY(withCli > 90);
}

void TestAtcCatalogue::opsetCases_data()
{
    QTest::addColumn<QString>("key");
    for (const char* code : { "E16002", "E19010", "EZ9010" }) {
        QTest::newRow(code) << QString::fromLatin1(code);
        QTest::newRow(qPrintable(QStringLiteral("%1/opset").arg(code))) << QStringLiteral("%1/opset").arg(code);
        QTest::newRow(qPrintable(QStringLiteral("%1/op_type").arg(code))) << QStringLiteral("%1/op_type").arg(code);
    }
}

void TestAtcCatalogue::opsetCases()
{
    // "No parser for this op": the advice for an opset that is too new and for an unknown op type differ.
    QFETCH(QString, key);
    const auto entry = AtcErrorCatalogue::builtin().lookup(key);
    QVERIFY(entry);
    QCOMPARE(entry->key, key);
    if (key.endsWith(QLatin1String("/op_type")))
        QVERIFY2(entry->hint.contains(QLatin1String("lower opset will not help")), qPrintable(entry->hint));
    if (key.endsWith(QLatin1String("/opset")))
        QVERIFY2(entry->hint.contains(QLatin1String("Re-export the model at an opset")), qPrintable(entry->hint));
}

QTEST_APPLESS_MAIN(TestAtcCatalogue)
#include "tst_atccatalogue.moc"
