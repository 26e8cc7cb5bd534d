// Units written one way (core/util/units.h): a number, one space, the unit; binary sizes; "." as the decimal point.
#include "util/units.h"

#include "testutil.h"
#include <QLocale>

#include <QtTest>

using namespace wb;

class TestUnits : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); } // "," would show
    void milliseconds_data();
    void milliseconds();
    void durations_data();
    void durations();
    void bytes_data();
    void bytes();
    void rates_data();
    void rates();
};

void TestUnits::milliseconds_data()
{
    QTest::addColumn<double>("ms");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("text");
    QTest::newRow("latency") << 2.31 << 2 << "2.31 ms";
    QTest::newRow("three decimals") << 2.31 << 3 << "2.310 ms";
    QTest::newRow("zero") << 0.0 << 3 << "0.000 ms";
    QTest::newRow("rounded") << 0.0005 << 3 << "0.001 ms";
    QTest::newRow("large") << 12345.678 << 1 << "12345.7 ms"; // no group separator
    QTest::newRow("whole") << 5.0 << 0 << "5 ms";
}

void TestUnits::milliseconds()
{
    QFETCH(double, ms);
    QFETCH(int, decimals);
    QFETCH(QString, text);
    QCOMPARE(formatMs(ms, decimals), text);
}

void TestUnits::durations_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << "0.0 s";
    QTest::newRow("negative") << qint64(-5) << "0.0 s";
    QTest::newRow("under a second") << qint64(420) << "0.4 s";
    QTest::newRow("seconds") << qint64(12345) << "12.3 s";
    QTest::newRow("never 60.0 s") << qint64(59999) << "59.9 s";
    QTest::newRow("a minute") << qint64(60000) << "1 min 00 s";
    QTest::newRow("minutes") << qint64(125400) << "2 min 05 s";
    QTest::newRow("under an hour") << qint64(3599999) << "59 min 59 s";
    QTest::newRow("an hour") << qint64(3600000) << "1 h 00 min";
    QTest::newRow("hours") << qint64(3600000 + 2 * 60000 + 59000) << "1 h 02 min";
}

void TestUnits::durations()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(formatDuration(ms), text);
}

void TestUnits::bytes_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << "0 B";
    QTest::newRow("negative") << qint64(-1) << "0 B";
    QTest::newRow("bytes") << qint64(512) << "512 B";
    QTest::newRow("last byte count") << qint64(1023) << "1023 B";
    QTest::newRow("one KiB") << qint64(1024) << "1.0 KiB";
    QTest::newRow("KiB") << qint64(12 * 1024 + 100) << "12.1 KiB";
    QTest::newRow("not 1024.0 KiB") << qint64(1024 * 1024 - 1) << "1.0 MiB";
    QTest::newRow("MiB") << qint64(3565158) << "3.4 MiB";
    QTest::newRow("GiB") << qint64(1610612736) << "1.5 GiB";
    QTest::newRow("2 GiB limit") << qint64(2147483647) << "2.0 GiB";
    QTest::newRow("TiB") << qint64(5) * 1024 * 1024 * 1024 * 1024 << "5.0 TiB";
    QTest::newRow("stays TiB") << qint64(2048) * 1024 * 1024 * 1024 * 1024 << "2048.0 TiB";
}

void TestUnits::bytes()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    QCOMPARE(formatBytes(bytes), text);
}

void TestUnits::rates_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<QString>("text");
    QTest::newRow("typical") << 812.44 << "812.4 samples/s";
    QTest::newRow("zero") << 0.0 << "0.0 samples/s";
    QTest::newRow("large") << 123456.75 << "123456.8 samples/s";
}

void TestUnits::rates()
{
    QFETCH(double, rate);
    QFETCH(QString, text);
    QCOMPARE(formatRate(rate), text);
}

WB_TEST_GUILESS_MAIN(TestUnits)
#include "tst_units.moc"
